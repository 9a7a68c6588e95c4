package ui

import "fyne.io/fyne/v2"

// newAttendanceTab builds this tab of the evaluations area.
func newAttendanceTab(d Deps) fyne.CanvasObject { return placeholder("nav.evaluations") }
