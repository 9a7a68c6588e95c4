package ui

import "fyne.io/fyne/v2"

// EvaluationsScreen is the evaluations area.
type EvaluationsScreen struct{ d Deps }

// NewEvaluationsScreen builds the evaluations area.
func NewEvaluationsScreen(d Deps) *EvaluationsScreen { return &EvaluationsScreen{d: d} }

// Content returns the area's widget tree.
func (s *EvaluationsScreen) Content() fyne.CanvasObject { return placeholder("nav.evaluations") }
