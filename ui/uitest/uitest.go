// Package uitest holds the window tests' shared helpers: a store in a
// temporary folder, users and demo data, WaitFor (which runs the screens'
// queued work on the test's goroutine), and finding and tapping what a
// screen shows. The tests of ui and of every area import it; no screen does.
package uitest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/demo"
	"sullam/models"
	"sullam/store"
	"sullam/ui/widgets"
)

// WaitFor polls cond for up to 10 s. The screens finish their work in a
// goroutine and hand results back with widgets.OnMain; WaitFor runs those callbacks
// here, on the test's goroutine, and evaluates cond once no work is left.
func WaitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !widgets.Background.Drain() || !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// OpenTestStore opens a store in the test's temporary folder, closed after
// the screens' last loads when the test ends.
func OpenTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// let the screens' last loads finish before the database closes
		for deadline := time.Now().Add(10 * time.Second); !widgets.Background.Drain() && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		st.Close()
	})
	return st
}

// MustTestUser creates a user with roles through the system actor.
func MustTestUser(t *testing.T, st *store.Store, name string, roles ...models.Role) models.User {
	t.Helper()
	u, err := st.Accounts().CreateUser(t.Context(), store.SystemActor("test"), store.NewUser{Username: name, Password: "correct horse battery", Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	u.Roles = nil
	for _, r := range roles {
		u.Roles = append(u.Roles, models.UserRole{UserID: u.ID, Role: r})
	}
	return u
}

// SeedAgents creates n agents, alternately in teams A and B, the even ones
// supervised by the first agent.
func SeedAgents(t *testing.T, st *store.Store, n int) {
	t.Helper()
	sys := store.SystemActor("test")
	var supID *uint
	for i := 0; i < n; i++ {
		team := "A"
		if i%2 == 1 {
			team = "B"
		}
		ag := models.Agent{EmployeeNo: fmt.Sprintf("E%04d", i), FullName: fmt.Sprintf("Agent %d", i), Team: team,
			HireDate: models.MustDate("2021-01-03"), Role: "csr", RoleStartDate: models.MustDate("2021-01-03")}
		if i > 0 && i%2 == 0 {
			ag.SupervisorID = supID
		}
		saved, err := st.SaveAgent(t.Context(), sys, ag)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			supID = &saved.ID
		}
	}
}

// LoadDemo fills st with a small demo data set ending yesterday.
func LoadDemo(t *testing.T, st *store.Store) {
	t.Helper()
	d, err := demo.Generate(demo.Options{Agents: 16, Years: 2, Seed: 1, Today: models.DateOf(time.Now())})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(t.Context(), st, store.SystemActor("test"), d, nil); err != nil {
		t.Fatal(err)
	}
}

// FindButton returns the first button with the text in o's tree, or nil.
func FindButton(o fyne.CanvasObject, text string) *widget.Button {
	b, _ := FindObject(o, func(x fyne.CanvasObject) bool {
		b, ok := x.(*widget.Button)
		return ok && b.Text == text
	}).(*widget.Button)
	return b
}

// FindObject returns the first object in o's tree (containers and widget
// renderers, depth first) that match accepts, or nil.
func FindObject(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if match(o) {
		return o
	}
	var kids []fyne.CanvasObject
	if c, ok := o.(*fyne.Container); ok {
		kids = c.Objects
	} else if wd, ok := o.(fyne.Widget); ok {
		kids = test.WidgetRenderer(wd).Objects()
	}
	for _, x := range kids {
		if f := FindObject(x, match); f != nil {
			return f
		}
	}
	return nil
}

// FindLabel reports whether a label with the text is in o's tree.
func FindLabel(o fyne.CanvasObject, text string) bool {
	return FindObject(o, func(x fyne.CanvasObject) bool {
		if w, ok := x.(*widgets.WrapLabel); ok {
			return w.Text == text
		}
		l, ok := x.(*widget.Label)
		return ok && l.Text == text
	}) != nil
}

// FindEntry returns the first entry with the placeholder in o's tree, or nil.
func FindEntry(o fyne.CanvasObject, placeholder string) *widget.Entry {
	e, _ := FindObject(o, func(x fyne.CanvasObject) bool {
		e, ok := x.(*widget.Entry)
		return ok && e.PlaceHolder == placeholder
	}).(*widget.Entry)
	return e
}

// HasButton reports whether a button with the text is on the window's top overlay (a dialog).
func HasButton(w fyne.Window, text string) bool {
	top := w.Canvas().Overlays().Top()
	return top != nil && FindButton(top, text) != nil
}

// TextIn is the text of every label in o's tree, one a line.
func TextIn(o fyne.CanvasObject) string {
	var out []string
	if o == nil {
		return ""
	}
	FindObject(o, func(x fyne.CanvasObject) bool {
		switch l := x.(type) {
		case *widget.Label:
			out = append(out, l.Text)
		case *widgets.WrapLabel:
			out = append(out, l.Text) // the logical text; its inner label holds the ordered lines
		}
		return false
	})
	return strings.Join(out, "\n")
}

// FindVisible returns the first visible object in o's tree (depth first,
// hidden branches skipped: the tabs not selected) that match accepts, or nil.
func FindVisible(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if !o.Visible() {
		return nil
	}
	if match(o) {
		return o
	}
	for _, k := range VisibleKids(o) {
		if f := FindVisible(k, match); f != nil {
			return f
		}
	}
	return nil
}

// VisibleKids returns the children of o a user can see: a container's
// objects or a widget's rendered objects, without the hidden ones.
func VisibleKids(o fyne.CanvasObject) []fyne.CanvasObject {
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

// TappableShowing returns the visible tappable object (a navigation item, a
// tab, a button) in o's tree whose own text is text (or starts with it, for
// a navigation item with a count), or nil. It is what a user's finger aims
// at when they tap the words: the nearest tappable around the text.
func TappableShowing(o fyne.CanvasObject, text string) fyne.Tappable {
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
		for _, k := range VisibleKids(o) {
			if f := walk(k, near); f != nil {
				return f
			}
		}
		return nil
	}
	return walk(o, nil)
}

// TapShowing taps what shows text in the window (its content first, then
// the top dialog), failing the test when nothing tappable shows it.
func TapShowing(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	roots := []fyne.CanvasObject{w.Canvas().Content()}
	if top := w.Canvas().Overlays().Top(); top != nil {
		roots = append([]fyne.CanvasObject{top}, roots...)
	}
	for _, r := range roots {
		if f := TappableShowing(r, text); f != nil {
			test.Tap(f)
			return
		}
	}
	t.Fatalf("nothing to tap shows %q", text)
}

// FindLabelContaining reports whether a label in o's tree contains text.
func FindLabelContaining(o fyne.CanvasObject, text string) bool {
	return FindObject(o, func(x fyne.CanvasObject) bool {
		if w, ok := x.(*widgets.WrapLabel); ok {
			return strings.Contains(w.Text, text)
		}
		l, ok := x.(*widget.Label)
		return ok && strings.Contains(l.Text, text)
	}) != nil
}

// LabelTexts returns the text of every label under o.
func LabelTexts(o fyne.CanvasObject) []string {
	var out []string
	switch w := o.(type) {
	case *widget.Label:
		out = append(out, w.Text)
	case *widgets.WrapLabel:
		out = append(out, w.Text)
	case *fyne.Container:
		for _, c := range w.Objects {
			out = append(out, LabelTexts(c)...)
		}
	}
	return out
}

// DialogOpen reports whether a dialog is shown over the window.
func DialogOpen(w fyne.Window) bool { return w.Canvas().Overlays().Top() != nil }

// TopOverlay is the window's topmost overlay (a dialog), or nil.
func TopOverlay(w fyne.Window) fyne.CanvasObject { return w.Canvas().Overlays().Top() }

// TapIn taps the button with the text in the window's top overlay.
func TapIn(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	b := FindButton(TopOverlay(w), text)
	if b == nil {
		t.Fatalf("no %q button in the open dialog", text)
	}
	test.Tap(b)
}

// TypeField replaces the text of the entry beside caption by typing text
// into it, as a user would after clearing it.
func TypeField(t *testing.T, w fyne.Window, caption, text string) *widget.Entry {
	t.Helper()
	e := DialogEntry(t, w, caption)
	e.SetText("")
	test.Type(e, text)
	if e.Text != text {
		t.Fatalf("typed %q into %q, it holds %q", text, caption, e.Text)
	}
	return e
}

// OnScreen reports whether o is in one of the window's overlays (an open dialog).
func OnScreen(w fyne.Window, o fyne.CanvasObject) bool {
	for _, ov := range w.Canvas().Overlays().List() {
		if FindObject(ov, func(x fyne.CanvasObject) bool { return x == o }) != nil {
			return true
		}
	}
	return false
}

// ShownErrors is the (logical) text of every visible error label (danger
// importance) in o's tree, one a line.
func ShownErrors(o fyne.CanvasObject) string {
	var out []string
	if o == nil {
		return ""
	}
	FindObject(o, func(x fyne.CanvasObject) bool {
		if l, ok := x.(*widget.Label); ok && l.Visible() && l.Importance == widget.DangerImportance && l.Text != "" {
			out = append(out, l.Text)
		}
		if l, ok := x.(*widgets.WrapLabel); ok && l.Visible() && l.Importance == widget.DangerImportance && l.Text != "" {
			out = append(out, l.Text)
		}
		return false
	})
	return strings.Join(out, "\n")
}

// FormIn returns the first form (newForm) in o's tree, or nil.
func FormIn(o fyne.CanvasObject) *widgets.FormBox {
	if o == nil {
		return nil
	}
	f, _ := FindObject(o, func(x fyne.CanvasObject) bool { _, ok := x.(*widgets.FormBox); return ok }).(*widgets.FormBox)
	return f
}

// DialogField returns the field beside the label caption in the form of the
// window's top dialog, failing the test when there is none. A form dialog
// puts each field first in a column with its error line; the field is returned.
func DialogField(t *testing.T, w fyne.Window, caption string) fyne.CanvasObject {
	t.Helper()
	f := FormIn(TopOverlay(w))
	if f == nil {
		t.Fatalf("no form dialog open (looking for the field %q)", caption)
	}
	objs := f.Box.Objects
	for i := 0; i+1 < len(objs); i += 2 {
		if l, ok := objs[i].(*widget.Label); ok && l.Text == caption {
			if c, ok := objs[i+1].(*fyne.Container); ok && len(c.Objects) > 0 {
				return c.Objects[0]
			}
			return objs[i+1]
		}
	}
	t.Fatalf("the open form has no field %q", caption)
	return nil
}

// Password is the test users' password, long enough for the store.
const Password = "a long enough secret"

// DialogEntry is dialogField as an entry.
func DialogEntry(t *testing.T, w fyne.Window, caption string) *widget.Entry {
	t.Helper()
	e, ok := DialogField(t, w, caption).(*widget.Entry)
	if !ok {
		t.Fatalf("the field %q is not an entry", caption)
	}
	return e
}

// Main is the TestMain of every window package's tests: the screens' UI
// callbacks are queued and run on the test's goroutine by WaitFor (pumped
// mode), not on Fyne's test driver's goroutines, where two would race.
func Main(m *testing.M) {
	widgets.Background.Pumped = true
	os.Exit(m.Run())
}
