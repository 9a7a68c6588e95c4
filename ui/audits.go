package ui

import "fyne.io/fyne/v2"

// newAuditsTab builds this tab of the evaluations area.
func newAuditsTab(d Deps) fyne.CanvasObject { return placeholder("nav.evaluations") }
