// Package bidi orders mixed right-to-left (Arabic) and left-to-right (Latin,
// digits) text for display.
//
// Fyne shapes text with go-text: it splits a string into direction runs with
// the Unicode bidirectional algorithm, shapes every right-to-left run right to
// left, and then lays the runs out left to right in their logical (typing)
// order. Pure Arabic is therefore shown correctly, but mixed text is not:
// "رقم 123" is drawn as " رقم123" (the number on the wrong side, the space
// swallowed), fyne-io/fyne#90.
//
// [Visual] and [VisualDir] rewrite a string so that Fyne's own processing of
// the result shows the correct visual order of the original: the levels are
// resolved by the rules of UAX #9 (checked against GNU FriBidi), the runs are
// put in visual order (rule L2), and the text inside each right-to-left run
// stays in logical order so that Fyne can still join and shape the Arabic
// letters. The result is checked by running it through the same segmenter
// Fyne uses; when Fyne's re-analysis would move a space or a bracket to the
// wrong run, invisible direction marks (U+200E, U+200F) pin the runs. The
// result is for display only (labels, table cells, chart labels): never
// store it, compare it or put it in an entry.
//
// [Runs] and [VisualRuns] expose the same analysis for writers that shape
// text themselves, such as a PDF writer.
//
// Limits: explicit embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) are not modelled (their controls are ignored or count as
// neutrals); text is ordered one line at a time, so a wrapped text must be
// wrapped first and each line ordered on its own (the ui package's
// wrapLabel does); and for rare strings whose brackets pair up across runs in
// Fyne's script segmentation the brackets may still come out misplaced.
package bidi

import (
	"github.com/go-text/typesetting/unicodedata"
	"regexp"
	"slices"
	"strings"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	xbidi "golang.org/x/text/unicode/bidi"
)

const (
	lrm = '\u200e' // LEFT-TO-RIGHT MARK
	rlm = '\u200f' // RIGHT-TO-LEFT MARK
)

// Direction is the base (paragraph) direction a string is laid out in.
type Direction int

const (
	// Auto takes the direction of the first strong character (rule P2 of
	// UAX #9, like HTML's dir="auto"); text without one is left to right.
	Auto Direction = iota
	// LeftToRight lays the text out as an English paragraph.
	LeftToRight
	// RightToLeft lays the text out as an Arabic paragraph.
	RightToLeft
)

// Run is a maximal piece of text that is written in one direction.
type Run struct {
	// Text is the run's text in logical (typing) order, also for
	// right-to-left runs: a renderer must shape those and draw them right to
	// left.
	Text string
	// RTL reports whether the run is drawn right to left.
	RTL bool
}

// IsRTL reports whether the first strong directional character of s is
// right to left (Arabic, Hebrew, ...). Characters inside directional isolates
// are skipped; text without any strong character is not right to left.
func IsRTL(s string) bool {
	dir, _ := firstStrong(s)
	return dir == RightToLeft
}

// Visual returns s rewritten so that Fyne draws it in the correct visual
// order, the base direction of each line taken from its first strong
// character (like a table cell with dir="auto"). Strings without
// right-to-left characters, and strings that are one right-to-left run (pure
// Arabic), are returned unchanged. Lines (separated by "\n") are ordered
// independently.
func Visual(s string) string {
	return VisualDir(s, Auto)
}

// VisualDir is [Visual] with an explicit base direction, for text that must
// read as an Arabic (or English) sentence whatever its first word is, such as
// a translated message that starts with a Latin code.
func VisualDir(s string, base Direction) string {
	if !needsWork(s) {
		return s
	}
	lines := splitParagraphs(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, l := range lines {
		b.WriteString(visualLine(l.text, base))
		b.WriteString(l.sep)
	}
	return b.String()
}

// Runs splits one line of text (no line break) into direction runs in
// logical order, the
// base direction taken from its first strong character. Adjacent characters
// with the same direction form one run; concatenating the texts gives s back.
func Runs(s string) []Run {
	dir := paragraphDirection(s, Auto)
	pieces := analyse([]rune(s), dir)
	runs := make([]Run, 0, len(pieces))
	for _, p := range pieces {
		rtl := p.level%2 == 1
		if n := len(runs); n > 0 && runs[n-1].RTL == rtl {
			runs[n-1].Text += string(p.text)
			continue
		}
		runs = append(runs, Run{Text: string(p.text), RTL: rtl})
	}
	return runs
}

// VisualRuns splits one line of text (no line break), laid out in direction
// base, into direction runs and returns them in visual order, left to right. Each run's Text stays in logical order: draw
// left-to-right runs as they are and shape right-to-left runs before drawing
// them right to left (gopdf.ToArabic, for example, does both).
func VisualRuns(s string, base Direction) []Run {
	dir := paragraphDirection(s, base)
	return visualRuns(analyse([]rune(s), dir))
}

// piece is a maximal sequence of characters on one embedding level.
type piece struct {
	text  []rune
	level int
}

// visualLine orders one line (no paragraph separator inside) for Fyne.
func visualLine(line string, base Direction) string {
	if line == "" {
		return line
	}
	dir := paragraphDirection(line, base)
	runs := visualRuns(analyse([]rune(line), dir))
	if len(runs) == 1 {
		// One direction only (pure Arabic, say): Fyne draws it right itself.
		return line
	}
	want := display(runs)

	// Fyne re-analyses whatever it gets; try, in turn, strings that draw the
	// same runs with more and more pinning:
	//  1. the runs simply concatenated;
	//  2. the same behind a mark that fixes Fyne's paragraph direction;
	//  3. every run between marks of its own direction, so neutral characters
	//     (spaces, punctuation) on its edges stay in it;
	//  4. the same behind the paragraph mark.
	var plain, marked strings.Builder
	for _, r := range runs {
		m := lrm
		if r.RTL {
			m = rlm
		}
		plain.WriteString(r.Text)
		marked.WriteRune(m)
		marked.WriteString(r.Text)
		marked.WriteRune(m)
	}
	paraMark := string(lrm)
	if dir == RightToLeft {
		paraMark = string(rlm)
	}
	candidates := []string{plain.String(), paraMark + plain.String(), marked.String(), paraMark + marked.String()}
	for _, out := range candidates {
		if fyneDisplay(out) == want {
			return out
		}
	}
	return candidates[len(candidates)-1] // best effort
}

// display is what a renderer that draws runs left to right shows for runs:
// left-to-right runs as they are, right-to-left runs reversed with mirrored
// brackets. Direction marks are dropped: they are invisible.
func display(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		rs := []rune(r.Text)
		if r.RTL {
			slices.Reverse(rs)
			for i, c := range rs {
				rs[i] = Mirror(c)
			}
		}
		for _, c := range rs {
			if c != lrm && c != rlm {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}

// visualRuns applies rule L2 to logical pieces and merges neighbours that are
// drawn in the same direction.
func visualRuns(pieces []piece) []Run {
	if len(pieces) == 0 {
		return nil
	}
	maxLevel := 0
	for _, p := range pieces {
		maxLevel = max(maxLevel, p.level)
	}
	ordered := slices.Clone(pieces)
	for lvl := maxLevel; lvl >= 1; lvl-- {
		for i := 0; i < len(ordered); {
			if ordered[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(ordered) && ordered[j].level >= lvl {
				j++
			}
			slices.Reverse(ordered[i:j])
			i = j
		}
	}
	runs := make([]Run, 0, len(ordered))
	for _, p := range ordered {
		rtl := p.level%2 == 1
		if n := len(runs); n > 0 && runs[n-1].RTL == rtl {
			if rtl { // the later piece is drawn to the left: it came first logically
				runs[n-1].Text = string(p.text) + runs[n-1].Text
			} else {
				runs[n-1].Text += string(p.text)
			}
			continue
		}
		runs = append(runs, Run{Text: string(p.text), RTL: rtl})
	}
	return runs
}

// analyse resolves the embedding level of every rune of one line laid out in
// direction dir (LeftToRight or RightToLeft) and groups them into pieces in
// logical order.
func analyse(runes []rune, dir Direction) []piece {
	if len(runes) == 0 {
		return nil
	}
	paraLevel := 0
	if dir == RightToLeft {
		paraLevel = 1
	}
	levels := resolveLevels(runes, paraLevel)
	var pieces []piece
	start := 0
	for i := 1; i <= len(runes); i++ {
		if i == len(runes) || levels[i] != levels[start] {
			pieces = append(pieces, piece{text: runes[start:i], level: levels[start]})
			start = i
		}
	}
	return pieces
}

// fyneDisplay returns what Fyne 2.7 draws for one line s, left to right. Its
// text painter hands the whole string, as left-to-right input, to go-text's
// segmenter, which cuts it into runs by bidi level (x/text, the paragraph
// direction taken from the first strong character), by script and by font,
// and then lays the runs out in logical order, each right-to-left run shaped
// right to left. This runs the same segmenter with one font for all runes,
// which is what the theme's Arabic + Latin font gives.
func fyneDisplay(s string) string {
	runes := []rune(s)
	in := shaping.Input{Text: runes, RunStart: 0, RunEnd: len(runes), Direction: di.DirectionLTR}
	var seg shaping.Segmenter
	var runs []Run
	for _, r := range seg.Split(in, oneFont{}) {
		runs = append(runs, Run{
			Text: string(runes[r.RunStart:r.RunEnd]),
			RTL:  r.Direction.Progression() == di.TowardTopLeft,
		})
	}
	return display(runs)
}

// oneFont is a font map that resolves every rune to the same face, like a
// theme font that covers every script of the text.
type oneFont struct{}

// theFace stands for that one font; the segmenter only compares faces.
var theFace = &font.Face{}

// ResolveFace returns the one face.
func (oneFont) ResolveFace(rune) *font.Face { return theFace }

// paragraphDirection resolves Auto to the direction of the first strong
// character (left to right when there is none).
func paragraphDirection(s string, base Direction) Direction {
	if base != Auto {
		return base
	}
	dir, ok := firstStrong(s)
	if !ok {
		return LeftToRight
	}
	return dir
}

// firstStrong finds the direction of the first strong character outside
// isolates (rule P2), up to the first paragraph separator.
func firstStrong(s string) (Direction, bool) {
	isolates := 0
	for _, r := range s {
		p, _ := xbidi.LookupRune(r)
		switch p.Class() {
		case xbidi.LRI, xbidi.RLI, xbidi.FSI:
			isolates++
		case xbidi.PDI:
			if isolates > 0 {
				isolates--
			}
		case xbidi.B:
			return LeftToRight, false
		case xbidi.L:
			if isolates == 0 {
				return LeftToRight, true
			}
		case xbidi.R, xbidi.AL:
			if isolates == 0 {
				return RightToLeft, true
			}
		}
	}
	return LeftToRight, false
}

// needsWork reports whether s holds any right-to-left character: text without
// one is never reordered.
func needsWork(s string) bool {
	for _, r := range s {
		if r < 0x0590 {
			continue
		}
		p, _ := xbidi.LookupRune(r)
		switch p.Class() {
		case xbidi.R, xbidi.AL, xbidi.AN, xbidi.RLE, xbidi.RLO, xbidi.RLI:
			return true
		}
	}
	return false
}

// paragraph is one line of text and the separator that ended it.
type paragraph struct {
	text, sep string
}

// splitParagraphs cuts s after every paragraph separator (bidi class B: line
// feed, carriage return, U+2029, ...); "\r\n" stays one separator.
func splitParagraphs(s string) []paragraph {
	var out []paragraph
	start := 0
	for i, r := range s {
		if i < start {
			continue
		}
		p, size := xbidi.LookupRune(r)
		if p.Class() != xbidi.B {
			continue
		}
		end := i + size
		if r == '\r' && strings.HasPrefix(s[end:], "\n") {
			end++
		}
		out = append(out, paragraph{text: s[start:i], sep: s[i:end]})
		start = end
	}
	return append(out, paragraph{text: s[start:]})
}

// Mirror returns the glyph a right-to-left run shows for r: its
// Bidi_Mirroring_Glyph from the Unicode Character Database (brackets,
// guillemets, comparison signs, …), or r itself. The one mirror table of
// the app (the window's text and the PDFs both use it).
func Mirror(r rune) rune {
	m, _ := unicodedata.LookupMirrorChar(r)
	return m
}

// isoDate matches a YYYY-MM-DD date.
var isoDate = regexp.MustCompile(`(^|[^0-9\x{200E}])([0-9]{4}-[0-9]{2}-[0-9]{2})`)

// KeepDatesLTR puts a left-to-right mark before each YYYY-MM-DD date that
// follows other text. By the bidi rules, digits after an Arabic word are
// Arabic numbers that hyphens do not join, so "الأسبوع 2026-11-22" reads
// 22-11-2026; with the mark the date reads as written. Use it on sentences
// before VisualDir (i18n.Display does); VisualDir itself follows the standard.
func KeepDatesLTR(s string) string {
	return isoDate.ReplaceAllString(s, "${1}\u200e${2}")
}
