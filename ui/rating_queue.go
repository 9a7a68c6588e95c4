package ui

import "fyne.io/fyne/v2"

// newRatingQueueTab builds this tab of the evaluations area.
func newRatingQueueTab(d Deps) fyne.CanvasObject { return placeholder("nav.evaluations") }
