package i18n

import (
	"strings"
	"unicode"

	xbidi "golang.org/x/text/unicode/bidi"
)

// OrderedMark is the invisible mark (U+2060 WORD JOINER) the bidi layer
// puts at the start of every line of mixed text it ordered for display
// ([Display], and the ui package's cell and wrapping labels). It is a
// boundary-neutral, default-ignorable character: it has no width, joins
// nothing (it stands before the first letter) and leaves the order Fyne
// draws unchanged (a left-to-right mark would not: Fyne takes a line's
// direction from its first strong character). It tells a test walking the
// screens that a mixed text came through the bidi layer, and a plain one
// holding mixed text did not.
const OrderedMark = "\u2060"

// Mixed reports whether s holds right-to-left letters (Arabic) together with
// Latin letters or digits (Latin or Arabic-Indic): the text Fyne shows out
// of order unless the bidi layer ordered it first («10فريق أبها»).
func Mixed(s string) bool {
	var rtl, other bool
	for _, r := range s {
		switch {
		case r < 0x80:
			other = other || unicode.IsLetter(r) || unicode.IsDigit(r)
		case unicode.IsDigit(r):
			other = true
		default:
			p, _ := xbidi.LookupRune(r)
			switch p.Class() {
			case xbidi.R, xbidi.AL:
				rtl = true
			case xbidi.L:
				other = true
			}
		}
		if rtl && other {
			return true
		}
	}
	return false
}

// MarkOrdered puts [OrderedMark] at the start of each mixed line of s, an
// already ordered text; other lines are left as they are.
func MarkOrdered(s string) string {
	if !Mixed(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if Mixed(l) && !strings.HasPrefix(l, OrderedMark) {
			lines[i] = OrderedMark + l
		}
	}
	return strings.Join(lines, "\n")
}
