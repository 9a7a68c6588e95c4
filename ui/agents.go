package ui

import "fyne.io/fyne/v2"

// AgentsScreen is the agents area.
type AgentsScreen struct{ d Deps }

// NewAgentsScreen builds the agents area.
func NewAgentsScreen(d Deps) *AgentsScreen { return &AgentsScreen{d: d} }

// Content returns the area's widget tree.
func (s *AgentsScreen) Content() fyne.CanvasObject { return placeholder("nav.agents") }
