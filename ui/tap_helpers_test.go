package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// visibleKids returns the children of o a user can see: a container's
// objects or a widget's rendered objects, without the hidden ones.
func visibleKids(o fyne.CanvasObject) []fyne.CanvasObject {
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		kids = x.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(x).Objects()
	}
	out := kids[:0:0]
	for _, k := range kids {
		if k != nil && k.Visible() {
			out = append(out, k)
		}
	}
	return out
}

// tappableShowing returns the visible tappable object (a navigation item, a
// tab, a button) in o's tree whose own text is text (or starts with it, for
// a navigation item with a count), or nil. It is what a user's finger aims
// at when they tap the words: the nearest tappable around the text.
func tappableShowing(o fyne.CanvasObject, text string) fyne.Tappable {
	var walk func(o fyne.CanvasObject, near fyne.Tappable) fyne.Tappable
	walk = func(o fyne.CanvasObject, near fyne.Tappable) fyne.Tappable {
		if !o.Visible() {
			return nil
		}
		if t, ok := o.(fyne.Tappable); ok {
			near = t
		}
		var shown string
		switch x := o.(type) {
		case *canvas.Text:
			shown = x.Text
		case *widget.Button:
			shown = x.Text
		}
		if near != nil && shown != "" && (shown == text || strings.HasPrefix(shown, text+" ")) {
			return near
		}
		for _, k := range visibleKids(o) {
			if f := walk(k, near); f != nil {
				return f
			}
		}
		return nil
	}
	return walk(o, nil)
}

// tapShowing taps what shows text in the window (its content first, then
// the top dialog), failing the test when nothing tappable shows it.
func tapShowing(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	roots := []fyne.CanvasObject{w.Canvas().Content()}
	if top := w.Canvas().Overlays().Top(); top != nil {
		roots = append([]fyne.CanvasObject{top}, roots...)
	}
	for _, r := range roots {
		if f := tappableShowing(r, text); f != nil {
			test.Tap(f)
			return
		}
	}
	t.Fatalf("nothing to tap shows %q", text)
}

// findVisible returns the first visible object in o's tree (depth first,
// hidden branches skipped: the tabs not selected) that match accepts, or nil.
func findVisible(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if !o.Visible() {
		return nil
	}
	if match(o) {
		return o
	}
	for _, k := range visibleKids(o) {
		if f := findVisible(k, match); f != nil {
			return f
		}
	}
	return nil
}
