package ui

import "fyne.io/fyne/v2"

// newReviewsTab builds this tab of the evaluations area.
func newReviewsTab(d Deps) fyne.CanvasObject { return placeholder("nav.evaluations") }
