package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/report"
	"sullam/scoring"
	"sullam/ui/i18n"
)

// Helpers the agents area shares with the evaluation area, moved here
// verbatim from agent_form.go and agent_profile.go.

// AgEntry is an entry holding text with hint as its placeholder.
func AgEntry(text, hint string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.SetPlaceHolder(hint)
	return e
}

// EvalComponentKeys are the translation keys of the four component names.
var EvalComponentKeys = [4]string{"component.attendance", "component.quality", "component.weekly", "component.supervisor"}

// explain renders a scoring explanation in the current language. The
// component names of an incomplete year are translated.
func ExplainText(e scoring.Explanation) string {
	if e.Key == "" {
		return ""
	}
	args := report.ExplainArgs(i18n.Tr(), e) // components named, counted phrases in their plural forms
	if n, ok := report.ExplainCount(e); ok {
		return i18n.Plural(e.Key, n, args)
	}
	return i18n.T(e.Key, args)
}

// AgReadingEdge puts o at the reading edge: the right in Arabic.
func AgReadingEdge(o fyne.CanvasObject) fyne.CanvasObject {
	if i18n.IsRTL() {
		return container.NewBorder(nil, nil, nil, o)
	}
	return container.NewBorder(nil, nil, o, nil)
}
