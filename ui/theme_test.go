package ui

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"

	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

func TestThemeFonts(t *testing.T) {
	th := NewTheme()
	for _, c := range []struct {
		style fyne.TextStyle
		want  fyne.Resource
	}{
		{fyne.TextStyle{}, fontRegular},
		{fyne.TextStyle{Italic: true}, fontRegular},
		{fyne.TextStyle{Monospace: true}, fontRegular},
		{fyne.TextStyle{Bold: true}, fontBold},
		{fyne.TextStyle{Bold: true, Italic: true}, fontBold},
	} {
		if got := th.Font(c.style); got != c.want {
			t.Errorf("Font(%+v) = %s, want %s", c.style, got.Name(), c.want.Name())
		}
	}
	if got := th.Font(fyne.TextStyle{Symbol: true}); got != theme.DefaultTheme().Font(fyne.TextStyle{Symbol: true}) {
		t.Errorf("the symbol font is %s, want Fyne's", got.Name())
	}
}

// TestThemeFontCoversArabicAndLatin checks the bundled fonts have glyphs for
// both scripts, the digits of both and the bidi marks bidi.Visual inserts.
func TestThemeFontCoversArabicAndLatin(t *testing.T) {
	for _, res := range []fyne.Resource{fontRegular, fontBold} {
		face, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatalf("%s: %v", res.Name(), err)
		}
		for _, r := range "AZaz09éÉ،؟ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى٠٩۰۹ًٌٍَُِّْ\u200e\u200f\u200c\u200d—…«»%" {
			if _, ok := face.NominalGlyph(r); !ok {
				t.Errorf("%s has no glyph for %q (U+%04X)", res.Name(), r, r)
			}
		}
	}
}

func TestThemeColors(t *testing.T) {
	light := NewTheme()
	if got := light.Color(theme.ColorNamePrimary, theme.VariantDark); got != rgb(tealLight) {
		t.Errorf("light theme primary = %v, want the light teal whatever the system variant", got)
	}
	if got := light.Color(theme.ColorNameBackground, theme.VariantDark); got != lightPalette[theme.ColorNameBackground] {
		t.Errorf("light theme background = %v", got)
	}
	dark := NewTheme(WithVariant(theme.VariantDark))
	if got := dark.Color(theme.ColorNamePrimary, theme.VariantLight); got != rgb(tealDark) {
		t.Errorf("dark theme primary = %v", got)
	}
	system := NewTheme(FollowSystemVariant())
	if got := system.Color(theme.ColorNameBackground, theme.VariantDark); got != darkPalette[theme.ColorNameBackground] {
		t.Errorf("system-following theme in dark = %v", got)
	}
	// Names the palette leaves out come from Fyne's default theme.
	want := theme.DefaultTheme().Color(theme.ColorNameShadow, theme.VariantLight)
	if got := light.Color(theme.ColorNameShadow, theme.VariantLight); got != want {
		t.Errorf("shadow = %v, want Fyne's %v", got, want)
	}
	for name, c := range lightPalette {
		if _, _, _, a := c.RGBA(); a == 0 {
			t.Errorf("%s is transparent", name)
		}
	}
}

// TestThemeRendersArabic draws an Arabic label with the theme and checks that
// something was drawn (no tofu-only or empty text) and that Arabic and Latin
// labels have one line height.
func TestThemeRendersArabic(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	ar := widget.NewLabel("سُلَّم")
	en := widget.NewLabel("Sullam")
	if ar.MinSize().Height != en.MinSize().Height {
		t.Errorf("Arabic label height %v, Latin %v: want one line height", ar.MinSize().Height, en.MinSize().Height)
	}
	w := test.NewTempWindow(t, ar)
	w.Resize(fyne.NewSize(120, 50))
	img := w.Canvas().Capture()
	bg := NewTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	br, bgr, bb, _ := bg.RGBA()
	inked := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r != br || g != bgr || b != bb {
				inked++
			}
		}
	}
	if inked < 50 {
		t.Errorf("only %d pixels drawn for an Arabic label", inked)
	}
}

// Rule: a date entry's calendar opens at the entry's date, and a tapped day
// fills the entry in as YYYY-MM-DD.
func TestDateEntryCalendar(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	e := widgets.WithCalendar(widget.NewEntry())
	e.SetText("2025-02-10")
	w := test.NewWindow(e)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 500))
	if _, ok := e.ActionItem.(*widget.Button); !ok {
		t.Fatal("the entry has no calendar button")
	}
	pop := widgets.ShowCalendar(e)
	if pop == nil {
		t.Fatal("no calendar shown")
	}
	// the calendar shows February 2025: tap its 14th
	day := uitest.FindButton(pop, "14")
	if day == nil {
		t.Fatal("no day 14 in the calendar")
	}
	test.Tap(day)
	if e.Text != "2025-02-14" {
		t.Errorf("entry = %q after tapping the 14th, want 2025-02-14", e.Text)
	}
	if pop.Visible() {
		t.Error("the calendar stays open after a day is chosen")
	}
}

// Rule: a form puts its labels on the reading side: left of the fields in
// English, right of them in Arabic, in one column as wide as the widest.
func TestFormMirrorsInArabic(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		lang      string
		labelLeft bool
	}{{"en", true}, {"ar", false}} {
		i18n.Use(c.lang)
		short, long := widget.NewEntry(), widget.NewEntry()
		f := widgets.NewForm(widget.NewFormItem("A", short), widget.NewFormItem("A much longer label", long))
		w := test.NewWindow(f)
		w.Resize(fyne.NewSize(600, 200))
		if !uitest.FindLabel(w.Content(), "A much longer label") {
			t.Fatalf("%s: the form's labels are not drawn in the window", c.lang)
		}
		l1, l2 := f.Box.Objects[0], f.Box.Objects[2]
		if l1.Size().Width != l2.Size().Width {
			t.Errorf("%s: label widths %v and %v differ", c.lang, l1.Size().Width, l2.Size().Width)
		}
		left := l1.Position().X < short.Position().X
		if left != c.labelLeft || (l2.Position().X < long.Position().X) != c.labelLeft {
			t.Errorf("%s: label at x=%v, field at x=%v; want the label on the %s", c.lang, l1.Position().X, short.Position().X,
				map[bool]string{true: "left", false: "right"}[c.labelLeft])
		}
		if short.Position().X != long.Position().X || short.Size().Width != long.Size().Width {
			t.Errorf("%s: the fields are not one column", c.lang)
		}
		w.Close()
	}
	i18n.Use("en")
}

// Rule: a row of actions starts from the reading side: the first button is
// leftmost in English, rightmost (at the right edge) in Arabic.
func TestActionRowFromReadingSide(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		lang      string
		firstLeft bool
	}{{"en", true}, {"ar", false}} {
		i18n.Use(c.lang)
		first, second := widget.NewButton("Save", nil), widget.NewButton("Cancel", nil)
		w := test.NewWindow(widgets.ActionRow(first, second))
		w.Resize(fyne.NewSize(600, 100))
		x1 := fyne.CurrentApp().Driver().AbsolutePositionForObject(first).X
		x2 := fyne.CurrentApp().Driver().AbsolutePositionForObject(second).X
		if (x1 < x2) != c.firstLeft {
			t.Errorf("%s: first button at x=%v, second at x=%v", c.lang, x1, x2)
		}
		if !c.firstLeft && x1+first.Size().Width < 550 {
			t.Errorf("%s: the row does not start at the right edge (first button ends at %v)", c.lang, x1+first.Size().Width)
		}
		w.Close()
	}
	i18n.Use("en")
}
