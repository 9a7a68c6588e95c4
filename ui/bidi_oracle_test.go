package ui

import (
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	xbidi "golang.org/x/text/unicode/bidi"

	"sullam/assets"
	"sullam/bidi"
	"sullam/internal/testenv"
	"sullam/ui/i18n"
)

// The FriBidi oracle of the screen walker's mixed-order check: what a
// reader must see for a logical text (GNU FriBidi, the reference
// implementation of the Unicode bidirectional algorithm), and what Fyne
// draws for the text it is given.

// fyneDraws returns the characters, left to right, that Fyne 2.7 draws for
// s in a label (testenv.FyneDraws, the one model of Fyne's painter, shared
// with the bidi package's tests), without the invisible direction marks and
// combining marks.
func fyneDraws(face *font.Face, s string) string {
	return stripInvisible(testenv.FyneDraws(face, s))
}

// stripInvisible drops direction marks, the bidi layer's mark and combining marks (FriBidi prints
// combining marks after their letter; a shaper keeps them on it anyway).
func stripInvisible(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\u200e' || r == '\u200f' || r == '\u2060' {
			return -1
		}
		if p, _ := xbidi.LookupRune(r); p.Class() == xbidi.NSM {
			return -1
		}
		return r
	}, s)
}

// fribidiFlag is FriBidi's option for a paragraph direction.
func fribidiFlag(d bidi.Direction) string {
	switch d {
	case bidi.RightToLeft:
		return "--rtl"
	case bidi.LeftToRight:
		return "--ltr"
	}
	return "--wltr" // the first strong letter's, else left to right
}

// fribidiVisual returns, for each logical line, what FriBidi shows left to
// right in a paragraph of direction d (brackets mirrored at odd levels),
// without invisible marks.
func fribidiVisual(lines []string, d bidi.Direction) ([]string, error) {
	if len(lines) == 0 {
		return nil, nil
	}
	cmd := exec.Command("fribidi", fribidiFlag(d), "--levels", "--vtol", "--novisual")
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("fribidi %s: %w: %s", fribidiFlag(d), err, stderr.String())
	}
	got := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(got) != 2*len(lines) {
		return nil, fmt.Errorf("fribidi printed %d lines for %d texts", len(got), len(lines))
	}
	want := make([]string, len(lines))
	for n, in := range lines {
		vtol, err := atois(got[2*n])
		if err != nil {
			return nil, err
		}
		levels, err := atois(got[2*n+1])
		if err != nil {
			return nil, err
		}
		runes := []rune(in)
		if len(vtol) != len(runes) || len(levels) != len(runes) {
			return nil, fmt.Errorf("fribidi: %d positions for %d characters of %q", len(vtol), len(runes), in)
		}
		var b strings.Builder
		for _, i := range vtol {
			c := runes[i]
			if levels[i]%2 == 1 {
				c = bidi.Mirror(c)
			}
			b.WriteRune(c)
		}
		want[n] = stripInvisible(b.String())
	}
	return want, nil
}

func atois(line string) ([]int, error) {
	var out []int
	for _, f := range strings.Fields(line) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("fribidi output %q: %w", line, err)
		}
		out = append(out, n)
	}
	return out, nil
}

// bundledFace parses the app's regular font.
func bundledFace() (*font.Face, error) {
	f, err := font.ParseTTF(bytes.NewReader(assets.FontRegular))
	if err != nil {
		return nil, fmt.Errorf("parse the bundled font: %w", err)
	}
	return f, nil
}

// Rule (issue 16): the bidi layer's mark (i18n.OrderedMark) changes nothing
// Fyne draws — neither the order nor, being zero-width, the look — for the
// layer's ordered output in either paragraph direction. (A left-to-right
// mark would: Fyne takes a line's direction from its first strong letter.)
func TestOrderedMarkDrawsNothing(t *testing.T) {
	face, err := bundledFace()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"تمت الإجابة عن 0 من 10 بنود", "فريق أبها 10", "مازن المري (E10001)", "E1000 أحمد الدوسري",
		"الأسبوع 2026-11-22 (معتمد)", "قاعة الاجتماعات ٢", "Score 5: جيد"} {
		for _, d := range []bidi.Direction{bidi.Auto, bidi.RightToLeft, bidi.LeftToRight} {
			v := bidi.VisualDir(s, d)
			if got, want := fyneDraws(face, i18n.MarkOrdered(v)), fyneDraws(face, v); got != want {
				t.Errorf("%q (%s): marked drawn as %q, unmarked %q", s, fribidiFlag(d), got, want)
			}
		}
	}
	out := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{Text: []rune(i18n.OrderedMark), RunEnd: 1, Direction: di.DirectionLTR, Face: face, Size: fixed.I(14)})
	if out.Advance != 0 {
		t.Errorf("the mark is %v wide, want 0", out.Advance)
	}
}
