package bidi

import (
	xbidi "golang.org/x/text/unicode/bidi"
)

// resolveLevels returns the embedding level of every rune of one line in a
// paragraph of level paraLevel (0 left to right, 1 right to left), by the
// implicit rules of UAX #9: W1–W7, N0–N2, I1–I2 and L1. Explicit embeddings,
// overrides and isolates are not modelled: their control characters count as
// neutrals. x/text's own resolver only reports the parity of each level and
// gets some bracket pairs wrong, which is why this one exists.
//
// It is longer than the house's 80 lines on purpose: it applies UAX #9's
// rules one after another, in the standard's order and under its names,
// over the same per-rune classes and runs, so that it can be read beside
// the standard rule by rule; cut into functions, each would take and
// return the whole state.
func resolveLevels(runes []rune, paraLevel int) []int {
	n := len(runes)
	orig := make([]xbidi.Class, n)
	for i, r := range runes {
		p, _ := xbidi.LookupRune(r)
		orig[i] = p.Class()
	}
	e := xbidi.L // embedding direction, also sos and eos
	if paraLevel == 1 {
		e = xbidi.R
	}

	// X9: boundary neutrals and explicit embedding codes are ignored by the
	// rules; idx lists the characters the rules see.
	idx := make([]int, 0, n)
	for i, c := range orig {
		switch c {
		case xbidi.BN, xbidi.LRE, xbidi.RLE, xbidi.LRO, xbidi.RLO, xbidi.PDF:
		default:
			idx = append(idx, i)
		}
	}
	t := make([]xbidi.Class, len(idx))
	for k, i := range idx {
		switch c := orig[i]; c {
		case xbidi.LRI, xbidi.RLI, xbidi.FSI, xbidi.PDI:
			t[k] = xbidi.ON
		default:
			t[k] = c
		}
	}

	// W1: a mark takes the type of the character before it.
	for k := range t {
		if t[k] == xbidi.NSM {
			if k == 0 {
				t[k] = e
			} else {
				t[k] = t[k-1]
			}
		}
	}
	// W2 and W3: a European number after Arabic letters is an Arabic number;
	// Arabic letters are right to left.
	last := e
	for k, c := range t {
		switch c {
		case xbidi.L, xbidi.R, xbidi.AL:
			last = c
		case xbidi.EN:
			if last == xbidi.AL {
				t[k] = xbidi.AN
			}
		}
	}
	for k, c := range t {
		if c == xbidi.AL {
			t[k] = xbidi.R
		}
	}
	// W4: one separator between two numbers of the same kind joins them.
	for k := 1; k+1 < len(t); k++ {
		before, after := t[k-1], t[k+1]
		switch t[k] {
		case xbidi.ES:
			if before == xbidi.EN && after == xbidi.EN {
				t[k] = xbidi.EN
			}
		case xbidi.CS:
			if before == after && (before == xbidi.EN || before == xbidi.AN) {
				t[k] = before
			}
		}
	}
	// W5: terminators next to a European number are part of it.
	for k := 0; k < len(t); {
		if t[k] != xbidi.ET {
			k++
			continue
		}
		end := k
		for end < len(t) && t[end] == xbidi.ET {
			end++
		}
		if (k > 0 && t[k-1] == xbidi.EN) || (end < len(t) && t[end] == xbidi.EN) {
			for j := k; j < end; j++ {
				t[j] = xbidi.EN
			}
		}
		k = end
	}
	// W6: the remaining separators and terminators are neutral.
	for k, c := range t {
		if c == xbidi.ES || c == xbidi.ET || c == xbidi.CS {
			t[k] = xbidi.ON
		}
	}
	// W7: a European number after left-to-right text is left to right.
	last = e
	for k, c := range t {
		switch c {
		case xbidi.L, xbidi.R:
			last = c
		case xbidi.EN:
			if last == xbidi.L {
				t[k] = xbidi.L
			}
		}
	}

	resolveBrackets(runes, orig, idx, t, e)

	// N1 and N2: neutrals between two characters of the same direction take
	// it (numbers count as right to left); the others take the embedding one.
	strong := func(c xbidi.Class) (xbidi.Class, bool) {
		switch c {
		case xbidi.L:
			return xbidi.L, true
		case xbidi.R, xbidi.EN, xbidi.AN:
			return xbidi.R, true
		}
		return 0, false
	}
	for k := 0; k < len(t); {
		if _, ok := strong(t[k]); ok {
			k++
			continue
		}
		end := k
		for end < len(t) {
			if _, ok := strong(t[end]); ok {
				break
			}
			end++
		}
		before, after := e, e
		if k > 0 {
			before, _ = strong(t[k-1])
		}
		if end < len(t) {
			after, _ = strong(t[end])
		}
		dir := e
		if before == after {
			dir = before
		}
		for j := k; j < end; j++ {
			t[j] = dir
		}
		k = end
	}

	// I1 and I2.
	levels := make([]int, n)
	for k, i := range idx {
		lvl := paraLevel
		switch {
		case paraLevel == 0 && t[k] == xbidi.R:
			lvl = 1
		case paraLevel == 0 && (t[k] == xbidi.AN || t[k] == xbidi.EN):
			lvl = 2
		case paraLevel == 1 && t[k] != xbidi.R:
			lvl = 2
		}
		levels[i] = lvl
	}
	// Characters removed by X9 take the level of the character before them
	// (or after them at the start), so they stay inside their run.
	removed := make([]bool, n)
	for i := range removed {
		removed[i] = true
	}
	for _, i := range idx {
		removed[i] = false
	}
	for i := range levels {
		if !removed[i] {
			continue
		}
		switch {
		case i > 0:
			levels[i] = levels[i-1]
		default:
			levels[i] = paraLevel
			for j := i + 1; j < n; j++ {
				if !removed[j] {
					levels[i] = levels[j]
					break
				}
			}
		}
	}

	// L1: separators, and whitespace before them or at the end of the line,
	// go back to the paragraph level.
	trailing := true
	for i := n - 1; i >= 0; i-- {
		switch orig[i] {
		case xbidi.S, xbidi.B:
			levels[i] = paraLevel
			trailing = true
		case xbidi.WS, xbidi.LRI, xbidi.RLI, xbidi.FSI, xbidi.PDI, xbidi.BN,
			xbidi.LRE, xbidi.RLE, xbidi.LRO, xbidi.RLO, xbidi.PDF:
			if trailing {
				levels[i] = paraLevel
			}
		default:
			trailing = false
		}
	}
	return levels
}

// resolveBrackets applies rule N0 to the bracket pairs of the line (BD16):
// a pair takes the embedding direction when it encloses text of that
// direction, otherwise the opposite direction when it encloses such text and
// the text before it has that direction too.
//
// Longer than 80 lines on purpose: BD16's pairing (a stack of 63 openers)
// and N0's cases b, c and d follow the standard's text in its order.
func resolveBrackets(runes []rune, orig []xbidi.Class, idx []int, t []xbidi.Class, e xbidi.Class) {
	type pair struct{ open, close int } // positions in t
	type opener struct {
		pos   int
		match rune
	}
	var stack []opener
	var pairs []pair
	for k, i := range idx {
		if t[k] != xbidi.ON {
			continue
		}
		p, _ := xbidi.LookupRune(runes[i])
		if !p.IsBracket() {
			continue
		}
		if p.IsOpeningBracket() {
			if len(stack) == 63 {
				break // BD16: stop processing at overflow
			}
			closing := []rune(xbidi.ReverseString(string(runes[i])))[0]
			stack = append(stack, opener{pos: k, match: closing})
			continue
		}
		for s := len(stack) - 1; s >= 0; s-- {
			if stack[s].match == runes[i] {
				pairs = append(pairs, pair{open: stack[s].pos, close: k})
				stack = stack[:s]
				break
			}
		}
	}
	// Pairs are handled in the order of their opening brackets.
	for a := 1; a < len(pairs); a++ {
		for b := a; b > 0 && pairs[b].open < pairs[b-1].open; b-- {
			pairs[b], pairs[b-1] = pairs[b-1], pairs[b]
		}
	}
	strongOf := func(c xbidi.Class) (xbidi.Class, bool) {
		switch c {
		case xbidi.L:
			return xbidi.L, true
		case xbidi.R, xbidi.AL, xbidi.EN, xbidi.AN:
			return xbidi.R, true
		}
		return 0, false
	}
	opposite := xbidi.R
	if e == xbidi.R {
		opposite = xbidi.L
	}
	for _, pr := range pairs {
		foundE, foundOpp := false, false
		for k := pr.open + 1; k < pr.close; k++ {
			if d, ok := strongOf(t[k]); ok {
				if d == e {
					foundE = true
					break
				}
				foundOpp = true
			}
		}
		var dir xbidi.Class
		switch {
		case foundE:
			dir = e
		case foundOpp:
			before := e // sos
			for k := pr.open - 1; k >= 0; k-- {
				if d, ok := strongOf(t[k]); ok {
					before = d
					break
				}
			}
			dir = e
			if before == opposite {
				dir = opposite
			}
		default:
			continue
		}
		t[pr.open], t[pr.close] = dir, dir
		// Marks that followed a bracket take its new direction.
		for _, k := range []int{pr.open, pr.close} {
			for j := k + 1; j < len(idx) && orig[idx[j]] == xbidi.NSM; j++ {
				t[j] = dir
			}
		}
	}
}
