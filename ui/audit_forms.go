package ui

import "fyne.io/fyne/v2"

// newAuditFormsTab builds this tab of the evaluations area.
func newAuditFormsTab(d Deps) fyne.CanvasObject { return placeholder("nav.evaluations") }
