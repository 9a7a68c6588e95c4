package report

import (
	"strings"

	"sullam/bidi"
)

// forms holds the presentation forms (Unicode Arabic Presentation Forms-A/B)
// of each Arabic letter: isolated, final, initial, medial. A letter that
// joins only to the preceding letter (alef, dal, reh, waw, …) has no initial
// or medial form (0).
var forms = map[rune][4]rune{
	0x0621: {0xFE80, 0, 0, 0},
	0x0622: {0xFE81, 0xFE82, 0, 0},
	0x0623: {0xFE83, 0xFE84, 0, 0},
	0x0624: {0xFE85, 0xFE86, 0, 0},
	0x0625: {0xFE87, 0xFE88, 0, 0},
	0x0626: {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C},
	0x0627: {0xFE8D, 0xFE8E, 0, 0},
	0x0628: {0xFE8F, 0xFE90, 0xFE91, 0xFE92},
	0x0629: {0xFE93, 0xFE94, 0, 0},
	0x062A: {0xFE95, 0xFE96, 0xFE97, 0xFE98},
	0x062B: {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C},
	0x062C: {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0},
	0x062D: {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4},
	0x062E: {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8},
	0x062F: {0xFEA9, 0xFEAA, 0, 0},
	0x0630: {0xFEAB, 0xFEAC, 0, 0},
	0x0631: {0xFEAD, 0xFEAE, 0, 0},
	0x0632: {0xFEAF, 0xFEB0, 0, 0},
	0x0633: {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4},
	0x0634: {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8},
	0x0635: {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC},
	0x0636: {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0},
	0x0637: {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4},
	0x0638: {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8},
	0x0639: {0xFEC9, 0xFECA, 0xFECB, 0xFECC},
	0x063A: {0xFECD, 0xFECE, 0xFECF, 0xFED0},
	0x0641: {0xFED1, 0xFED2, 0xFED3, 0xFED4},
	0x0642: {0xFED5, 0xFED6, 0xFED7, 0xFED8},
	0x0643: {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC},
	0x0644: {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0},
	0x0645: {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4},
	0x0646: {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8},
	0x0647: {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC},
	0x0648: {0xFEED, 0xFEEE, 0, 0},
	0x0649: {0xFEEF, 0xFEF0, 0, 0},
	0x064A: {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4},
	0x067E: {0xFB56, 0xFB57, 0xFB58, 0xFB59}, // peh
	0x0686: {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D}, // tcheh
	0x0698: {0xFB8A, 0xFB8B, 0, 0},           // jeh
	0x06A9: {0xFB8E, 0xFB8F, 0xFB90, 0xFB91}, // keheh
	0x06AF: {0xFB92, 0xFB93, 0xFB94, 0xFB95}, // gaf
	0x06CC: {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF}, // farsi yeh
}

// lamAlef maps the alef that follows a lam to the lam-alef ligature:
// isolated and final forms.
var lamAlef = map[rune][2]rune{
	0x0622: {0xFEF5, 0xFEF6},
	0x0623: {0xFEF7, 0xFEF8},
	0x0625: {0xFEF9, 0xFEFA},
	0x0627: {0xFEFB, 0xFEFC},
}

const (
	tatweel = 0x0640
	lam     = 0x0644
)

// transparent reports whether r is a combining mark that does not break
// joining (harakat, superscript alef).
func transparent(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || (r >= 0x06D6 && r <= 0x06ED)
}

// joinsNext reports whether r connects to the letter after it.
func joinsNext(r rune) bool {
	if r == tatweel {
		return true
	}
	f, ok := forms[r]
	return ok && f[2] != 0
}

// joins reports whether r connects to the letter before it.
func joins(r rune) bool {
	if r == tatweel {
		return true
	}
	f, ok := forms[r]
	return ok && f[1] != 0
}

// ShapeArabic replaces the Arabic letters of s (logical order) with their
// contextual presentation forms — isolated, final, initial or medial — and
// lam + alef with the lam-alef ligatures. The order is unchanged.
func ShapeArabic(s string) string {
	rs := []rune(s)
	var b strings.Builder
	// neighbour finds the nearest non-transparent rune from i in step dir.
	neighbour := func(i, dir int) rune {
		for j := i + dir; j >= 0 && j < len(rs); j += dir {
			if !transparent(rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		f, ok := forms[r]
		if !ok {
			b.WriteRune(r)
			continue
		}
		prev := neighbour(i, -1)
		joinPrev := prev != 0 && joinsNext(prev) && f[1] != 0
		if r == lam {
			// lam + (marks) + alef → one ligature
			j := i + 1
			for j < len(rs) && transparent(rs[j]) {
				j++
			}
			if j < len(rs) {
				if lig, ok := lamAlef[rs[j]]; ok {
					if joinPrev {
						b.WriteRune(lig[1])
					} else {
						b.WriteRune(lig[0])
					}
					for _, m := range rs[i+1 : j] {
						b.WriteRune(m)
					}
					i = j
					continue
				}
			}
		}
		next := neighbour(i, 1)
		joinNext := next != 0 && joins(next) && f[2] != 0
		switch {
		case joinPrev && joinNext:
			b.WriteRune(f[3])
		case joinPrev:
			b.WriteRune(f[1])
		case joinNext:
			b.WriteRune(f[2])
		default:
			// The base letter is drawn with the font's nominal (isolated)
			// glyph; some fonts' isolated presentation-form glyphs do not
			// survive gopdf's subsetting.
			b.WriteRune(r)
		}
	}
	return b.String()
}

// reverseClusters reverses s, keeping each letter with the marks that
// follow it, and mirrors brackets.
func reverseClusters(s string) string {
	var clusters [][]rune
	for _, r := range s {
		if transparent(r) && len(clusters) > 0 {
			clusters[len(clusters)-1] = append(clusters[len(clusters)-1], r)
			continue
		}
		r = bidi.Mirror(r)
		clusters = append(clusters, []rune{r})
	}
	var b strings.Builder
	for i := len(clusters) - 1; i >= 0; i-- {
		b.WriteString(string(clusters[i]))
	}
	return b.String()
}

// VisualLine returns one line of text (no line break) as a left-to-right
// writer such as a PDF must draw it: split into direction runs in visual
// order (bidi.VisualRuns, laid out in base; in a right-to-left line, dates
// kept left to right as bidi.KeepDatesLTR does), right-to-left runs shaped into
// presentation forms and reversed. Direction marks are dropped. Arabic
// vowel marks (harakat) stay right after their letter: doc.textAt draws
// them centred over it (gopdf itself does no mark positioning).
func VisualLine(s string, base bidi.Direction) string {
	var b strings.Builder
	if base == bidi.RightToLeft {
		// A date after Arabic words reads as written (2026-12-02), not
		// reversed by the Arabic-number rule; the window does the same.
		s = bidi.KeepDatesLTR(s)
	}
	for _, run := range bidi.VisualRuns(s, base) {
		t := strings.NewReplacer("\u200e", "", "\u200f", "").Replace(run.Text)
		if run.RTL {
			t = reverseClusters(ShapeArabic(t))
		}
		b.WriteString(t)
	}
	return b.String()
}

// stripMarks removes the Arabic combining marks from s (what the pen
// advances over: marks are drawn without advancing it).
func stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if transparent(r) {
			return -1
		}
		return r
	}, s)
}
