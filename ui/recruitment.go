package ui

import "fyne.io/fyne/v2"

// RecruitmentScreen is the recruitment area.
type RecruitmentScreen struct{ d Deps }

// NewRecruitmentScreen builds the recruitment area.
func NewRecruitmentScreen(d Deps) *RecruitmentScreen { return &RecruitmentScreen{d: d} }

// Content returns the area's widget tree.
func (s *RecruitmentScreen) Content() fyne.CanvasObject { return placeholder("nav.recruitment") }
