package widgets

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"sullam/ui/i18n"
)

// Rule (issue 16): a check box's and a radio button's box sits on the
// reading side of its text — at its right in Arabic, its left in English —
// and a horizontal radio group lists its options from the reading side;
// tapping the boxes ticks, chooses and unticks as Fyne's do.
func TestChoicesBoxOnReadingSide(t *testing.T) {
	test.NewTempApp(t)
	defer i18n.Use("en")
	for _, code := range []string{"ar", "en"} {
		i18n.Use(code)
		var changes []bool
		check := NewCheck("نشط", func(on bool) { changes = append(changes, on) })
		radio := NewRadioGroup([]string{"1", "2", "3"}, nil)
		radio.Horizontal = true
		group := NewCheckGroup([]string{"أ", "ب", "ج"}, nil)
		w := test.NewWindow(container.NewVBox(check, radio, group))
		w.Resize(fyne.NewSize(500, 400))

		box, text := check.mark.icon.Position().X, check.mark.Text.Position().X
		if code == "ar" && box <= text || code == "en" && box >= text {
			t.Errorf("%s: check box at x=%.0f, its text at x=%.0f", code, box, text)
		}
		// In a wide row the Arabic text stays beside its box, at the right,
		// from the first draw (the Settings screen showed it at the far left).
		if fresh := NewCheck("نشط", nil); code == "ar" && fresh.mark.Text.Alignment != fyne.TextAlignTrailing {
			t.Errorf("ar: a new check box's text is aligned %v before its first layout, want trailing (beside the box)", fresh.mark.Text.Alignment)
		}
		first, second := radio.Marks[0], radio.Marks[1]
		if code == "ar" && first.Position().X <= second.Position().X || code == "en" && first.Position().X >= second.Position().X {
			t.Errorf("%s: radio option 1 at x=%.0f, option 2 at x=%.0f", code, first.Position().X, second.Position().X)
		}
		if ib, it := first.icon.Position().X, first.Text.Position().X; code == "ar" && ib <= it || code == "en" && ib >= it {
			t.Errorf("%s: radio box at x=%.0f, its text at x=%.0f", code, ib, it)
		}

		test.Tap(check)
		test.Tap(check)
		if !slices.Equal(changes, []bool{true, false}) || check.Checked {
			t.Errorf("%s: two taps on the check box gave %v, checked %v", code, changes, check.Checked)
		}
		test.Tap(radio.Marks[1])
		test.Tap(radio.Marks[2])
		if radio.Selected != "3" {
			t.Errorf("%s: radio chose %q after tapping 2 then 3", code, radio.Selected)
		}
		test.Tap(group.Marks[2])
		test.Tap(group.Marks[0])
		if !slices.Equal(group.Selected, []string{"أ", "ج"}) {
			t.Errorf("%s: check group ticked %q", code, group.Selected)
		}
		test.Tap(group.Marks[0])
		if !slices.Equal(group.Selected, []string{"ج"}) {
			t.Errorf("%s: check group after untick %q", code, group.Selected)
		}
		// The keyboard: focus a box and press Space, as after Tab.
		w.Canvas().Focus(check.mark)
		test.Type(check.mark, " ")
		if !check.Checked {
			t.Errorf("%s: Space on the focused check box did not tick it", code)
		}
		w.Canvas().Focus(radio.Marks[0])
		test.Type(radio.Marks[0], " ")
		if radio.Selected != "1" {
			t.Errorf("%s: Space on the focused option 1 chose %q", code, radio.Selected)
		}
		radio.Disable()
		test.Tap(radio.Marks[2])
		if radio.Selected != "1" {
			t.Errorf("%s: a disabled radio group changed to %q", code, radio.Selected)
		}
		w.Close()
	}
}
