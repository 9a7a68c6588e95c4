package widgets

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
)

// NumericEntry is an entry for numbers. It refuses, as the user types or
// pastes, every character that is not a digit of the Latin, Arabic-Indic
// (٠-٩) or Eastern Arabic-Indic (۰-۹) script; when decimals is set it also
// takes one decimal separator ('.' or the Arabic '٫'). Its text is read with
// parseWhole or parseDecimal, which bring the digits to Latin first.
type NumericEntry struct {
	widget.Entry
	decimals bool
}

// NewNumericEntry returns an empty numeric entry; decimals allows one
// decimal separator.
func NewNumericEntry(decimals bool) *NumericEntry {
	e := &NumericEntry{decimals: decimals}
	e.ExtendBaseWidget(e)
	return e
}

// accepts reports whether r may be inserted into the current text.
func (e *NumericEntry) accepts(r rune) bool {
	if models.IsDigit(r) {
		return true
	}
	if e.decimals && (r == '.' || r == '٫') {
		return !strings.ContainsAny(e.Text, ".٫")
	}
	return false
}

// TypedRune inserts r only when it is a digit or an allowed separator.
func (e *NumericEntry) TypedRune(r rune) {
	if e.accepts(r) {
		e.Entry.TypedRune(r)
	}
}

// TypedShortcut filters pasted text through TypedRune; other shortcuts go to
// the entry unchanged.
func (e *NumericEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok {
		if p.Clipboard == nil {
			return
		}
		for _, r := range p.Clipboard.Content() {
			e.TypedRune(r)
		}
		return
	}
	e.Entry.TypedShortcut(s)
}

// ParseWhole reads a whole, non-negative number typed in any of the three
// digit scripts. The empty text is an error; callers treat an empty optional
// field before calling it.
func ParseWhole(s string) (int, error) {
	t := strings.TrimSpace(models.LatinDigits(s))
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("parse whole number %q: want digits only", s)
	}
	return n, nil
}

// ParseDecimal reads a non-negative decimal number typed in any of the three
// digit scripts, with '.' or '٫' as the decimal separator.
func ParseDecimal(s string) (float64, error) {
	t := strings.TrimSpace(models.LatinDigits(s))
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || strings.ContainsAny(t, "eExXpPnN") {
		return 0, fmt.Errorf("parse decimal number %q: want digits and one decimal separator", s)
	}
	return f, nil
}
