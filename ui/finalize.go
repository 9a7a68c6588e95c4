package ui

import "fyne.io/fyne/v2"

// newAnnualTab builds this tab of the evaluations area.
func newAnnualTab(d Deps) fyne.CanvasObject { return placeholder("nav.evaluations") }
