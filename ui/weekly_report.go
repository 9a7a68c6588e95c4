package ui

import "fyne.io/fyne/v2"

// newWeeklyReportTab builds this tab of the evaluations area.
func newWeeklyReportTab(d Deps) fyne.CanvasObject { return placeholder("nav.evaluations") }
