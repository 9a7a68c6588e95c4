package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/evaluation"
	"sullam/ui/i18n"
	"sullam/ui/settings"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 16): a wrapping label wraps the logical text first and then
// orders each line on its own, so that an Arabic sentence with a date and
// numbers keeps its phrases right to left on every line and the date's
// digits in written order; every line fits the width; lines align to the
// reading side. Fyne's own wrapping (the old para) reorders the sentence as
// one line and cuts that: its lines are not the order of any logical line.
func TestWrapLabelOrdersEachLine(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	for _, c := range []struct {
		code, date string
	}{{"ar", "2027-04-17"}, {"en", "2027-04-17"}} {
		i18n.Use(c.code)
		text := i18n.T("home.rw_not_eligible", map[string]any{"Date": c.date}) + " " +
			i18n.T("home.rw_needed", map[string]any{"Score": "98.50"})
		l := widgets.Para(text)
		w := test.NewWindow(container.NewVBox(l))
		const width = 260
		w.Resize(fyne.NewSize(width, 600))
		shown := l.Shown()
		if len(shown) < 3 {
			t.Fatalf("%s: %d lines at width %d, want a wrapped paragraph: %q", c.code, len(shown), width, shown)
		}
		chunks := uitest.LogicalChunks(t, text, shown, i18n.Display)
		t.Logf("%s: %q", c.code, shown)
		th := l.Theme()
		avail := l.Size().Width - 2*th.Size(theme.SizeNameInnerPadding)
		for i, ch := range chunks {
			if got := fyne.MeasureText(ch, th.Size(theme.SizeNameText), fyne.TextStyle{}).Width; got > avail {
				t.Errorf("%s: line %d %q is %.0f wide, more than %.0f", c.code, i, ch, got, avail)
			}
		}
		if !strings.Contains(strings.Join(shown, "\n"), c.date) {
			t.Errorf("%s: the date %s is not shown in order: %q", c.code, c.date, shown)
		}
		want := fyne.TextAlignLeading
		if c.code == "ar" {
			want = fyne.TextAlignTrailing
		}
		if l.Inner.Alignment != want {
			t.Errorf("%s: alignment %v, want %v", c.code, l.Inner.Alignment, want)
		}
		// Narrower: more lines, still each the order of its logical line.
		w.Resize(fyne.NewSize(width*2/3, 800))
		if narrow := l.Shown(); len(narrow) <= len(shown) {
			t.Errorf("%s: %d lines at %d, %d at %d: not re-wrapped", c.code, len(narrow), width*2/3, len(shown), width)
		} else {
			uitest.LogicalChunks(t, text, narrow, i18n.Display)
		}
		w.Close()
	}
}

// Rule: wrapLogical breaks at spaces, keeps the text's own line breaks,
// drops the space at a break and cuts a word only when it alone is wider
// than the line.
func TestWrapLogical(t *testing.T) {
	perRune := func(s string) float32 { return float32(len([]rune(s))) }
	for _, c := range []struct {
		in    string
		avail float32
		want  []string
	}{
		{"أحمد رقم 123 في 2027-04-17", 10, []string{"أحمد رقم", "123 في", "2027-04-17"}},
		{"one two\nthree", 20, []string{"one two", "three"}},
		{"abcdefghij k", 4, []string{"abcd", "efgh", "ij k"}},
		{"", 5, []string{""}},
		{"x y", 0, []string{"x", "y"}},
	} {
		if got := widgets.WrapLogical(c.in, c.avail, perRune); !slices.Equal(got, c.want) {
			t.Errorf("wrapLogical(%q, %v) = %q, want %q", c.in, c.avail, got, c.want)
		}
	}
}

// Rule: data paragraphs (notes) take each line's direction from its own
// first letter: an English line in an Arabic screen stays left to right.
func TestWrapDataOrdersByOwnDirection(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	i18n.Use("ar")
	l := widgets.NewWrapData("Call back E1000 at 10:30\nملاحظة رقم 12")
	w := test.NewWindow(container.NewVBox(l))
	defer w.Close()
	w.Resize(fyne.NewSize(600, 300))
	got := l.Shown()
	if len(got) != 2 || got[0] != "Call back E1000 at 10:30" || got[1] != widgets.Cell("ملاحظة رقم 12") {
		t.Errorf("shown %q", got)
	}
}

// wrappingLabels returns the labels under o that Fyne wraps itself (a
// widget.Label with wrapping on), not counting the inner label of a
// wrapLabel, whose lines are already wrapped and ordered.
func wrappingLabels(o fyne.CanvasObject) []*widget.Label {
	var out []*widget.Label
	switch x := o.(type) {
	case *widgets.WrapLabel:
		return nil
	case *widget.Label:
		if x.Wrapping != fyne.TextWrapOff {
			out = append(out, x)
		}
		return out
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, wrappingLabels(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, wrappingLabels(c)...)
		}
	}
	return out
}

// Rule (issue 16): the paragraphs of the first-run, sign-in and settings
// screens (hints, statuses, the restore notes) are wrapLabels: no label
// there is left to Fyne's wrapping, which orders a sentence as one line and
// then cuts it.
func TestScreensWrapThroughBidiLayer(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	i18n.Use("ar")
	defer i18n.Use("en")
	st := uitest.OpenTestStore(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 700))
	adm := uitest.MustTestUser(t, st, "root", models.RoleAdmin)
	settings := settings.NewSettingsScreen(widgets.WithAccounts(st), w, store.ActorOf(adm), adm, func(string) {}, "x.db")
	for name, content := range map[string]fyne.CanvasObject{
		"first run": NewFirstRun(widgets.WithAccounts(st), w, func(string) {}, nil, func(models.User) {}).Content(),
		"sign-in":   NewSignIn(st.Accounts(), "root", func(string) {}, func(models.User) {}).Content(),
		"settings":  settings.Content(),
		"backup":    settings.BackupTab(),
	} {
		w.SetContent(content)
		for _, l := range wrappingLabels(w.Content()) {
			t.Errorf("%s: label %q is wrapped by Fyne, not by wrapLabel", name, l.Text)
		}
	}
}

// Rule (issue 16): a status beside a Save button shows its mixed Arabic
// and numbers sentence in visual order («اختر تقديرًا من 1 إلى 5.», not
// «.5 إلى 1اختر تقديرًا من»), on one line, keeping the logical text.
func TestStatusBesideSaveInOrder(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	w := uitest.NewWorkWorld(t)
	if _, err := w.St.Work().SubmitWeekly(t.Context(), w.Ag1, store.WeeklyInput{WeekStart: w.St.Work().ThisWeek(), TasksDone: "مكالمات 12"}); err != nil {
		t.Fatal(err)
	}
	win := test.NewWindow(nil)
	defer win.Close()
	scr := evaluation.NewRatingQueueScreen(w.St.Work(), win, w.Sup1)
	win.SetContent(scr.Content())
	uitest.WaitFor(t, "the queue", func() bool { return len(scr.Queue) > 0 })
	scr.List.Select(0)
	test.Tap(scr.Save)
	want := i18n.T("queue.need_rating")
	if scr.Status.Text != want {
		t.Fatalf("status %q, want %q", scr.Status.Text, want)
	}
	if shown := scr.Status.Shown(); len(shown) != 1 || shown[0] != i18n.Display(want) || shown[0] == want {
		t.Errorf("status shown %q, want the visual order %q", shown, i18n.Display(want))
	}
}

// BenchmarkWrapLabelResize measures re-wrapping and ordering an Arabic
// paragraph with dates and numbers for a new width (what a window resize
// costs per paragraph).
func BenchmarkWrapLabelResize(b *testing.B) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(NewTheme())
	i18n.Use("ar")
	defer i18n.Use("en")
	text := i18n.T("home.rw_not_eligible", map[string]any{"Date": "2027-04-17"}) + " " +
		i18n.T("home.rw_needed", map[string]any{"Score": "98.50"}) + " " +
		i18n.T("home.rw_out_of_reach", map[string]any{"Score": "101.25"})
	l := widgets.Para(text)
	widths := []float32{240, 360, 480, 720}
	i := 0
	for b.Loop() {
		l.Width = 0
		l.Ordered(widths[i%len(widths)])
		i++
	}
}
