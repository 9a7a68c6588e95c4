package testenv

import (
	"slices"
	"strings"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"github.com/go-text/typesetting/unicodedata"
	"golang.org/x/image/math/fixed"
)

// oneFace resolves every rune to one font, as Sullam's theme does.
type oneFace struct{ face *font.Face }

func (o oneFace) ResolveFace(rune) *font.Face { return o.face }

// FyneDraws returns the characters, left to right, that Fyne 2.7 draws for
// s in a label with face as its only font. It is the tests' one model of
// Fyne's text painting (fyne internal/painter walkString): go-text's
// segmenter over the text with a left-to-right start, the runs laid out in
// logical order, each right-to-left run drawn right to left with its
// brackets mirrored (Bidi_Mirroring_Glyph). Nothing is dropped: callers
// strip the invisible marks they do not compare.
//
// It is a model, kept in one place: if a Fyne upgrade changes how labels
// are painted, the bidi tests and the screen walker's oracle change
// together here.
func FyneDraws(face *font.Face, s string) string {
	runes := []rune(s)
	in := shaping.Input{Text: runes, RunStart: 0, RunEnd: len(runes), Direction: di.DirectionLTR, Face: face, Size: fixed.I(14)}
	var seg shaping.Segmenter
	var b strings.Builder
	for _, run := range seg.Split(in, oneFace{face}) {
		part := slices.Clone(runes[run.RunStart:run.RunEnd])
		if run.Direction.Progression() == di.TowardTopLeft {
			slices.Reverse(part)
			for i, c := range part {
				if m, ok := unicodedata.LookupMirrorChar(c); ok {
					part[i] = m
				}
			}
		}
		b.WriteString(string(part))
	}
	return b.String()
}
