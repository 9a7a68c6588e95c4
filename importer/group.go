package importer

import (
	"fmt"
	"slices"
	"strings"

	"sullam/models"
)

// Hint returns advice to add to a group of errors, given its first error,
// or "". A caller that can see the stored data fills it (for instance, an
// employee number that names an agent once its leading zeros are restored:
// see ZeroPadded).
type Hint func(first models.RowError) string

// GroupErrors writes the errors of file as short lines: the errors with the
// same reason in the same column are one line with their count of rows,
// their line ranges and the first value, e.g.
//
//	attendance.csv: date: 11,423 rows (lines 2–11,424): "1/11/2022" is not YYYY-MM-DD; …
//
// A reason met once is written as models.RowError does. The first line
// counts the bad rows (rows, not cells). Groups come in the order of their
// first line, so header problems, on the header's line, come first. hint,
// when not nil, may add advice to a group.
func GroupErrors(file string, errs []models.RowError, hint Hint) []string {
	type group struct {
		first   models.RowError
		columns []string
		lines   []int
	}
	var groups []*group
	index := map[[2]string]*group{}
	rows := map[int]bool{}
	for _, e := range errs {
		rows[e.Line] = true
		k := [2]string{e.Column, e.Reason}
		if e.Reason == reasonDateOrder {
			// text dates without the date order: one message for the
			// file (spec: "refused with one message naming the option"),
			// whatever columns they are in
			k[0] = ""
		}
		g, ok := index[k]
		if !ok {
			g = &group{first: e}
			index[k] = g
			groups = append(groups, g)
		}
		if !slices.Contains(g.columns, e.Column) {
			g.columns = append(g.columns, e.Column)
		}
		if !slices.Contains(g.lines, e.Line) {
			g.lines = append(g.lines, e.Line)
		}
	}
	out := []string{fmt.Sprintf("%s: %s bad %s, nothing imported", file, thousands(len(rows)), plural(len(rows), "row", "rows"))}
	for _, g := range groups {
		var b strings.Builder
		b.WriteString(file)
		b.WriteString(": ")
		if len(g.lines) == 1 && len(g.columns) == 1 {
			b.WriteString(g.first.String())
		} else {
			slices.Sort(g.lines)
			if cols := strings.Join(g.columns, ", "); cols != "" {
				b.WriteString(cols)
				b.WriteString(": ")
			}
			fmt.Fprintf(&b, "%s %s (%s %s): ", thousands(len(g.lines)), plural(len(g.lines), "row", "rows"),
				plural(len(g.lines), "line", "lines"), lineRanges(g.lines, 3))
			if g.first.Value != "" {
				fmt.Fprintf(&b, "%q ", g.first.Value)
			}
			b.WriteString(g.first.Reason)
		}
		if hint != nil {
			if h := hint(g.first); h != "" {
				b.WriteString("; ")
				b.WriteString(h)
			}
		}
		out = append(out, b.String())
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ZeroPadded returns the employee number that no names once leading zeros
// are put back (Excel drops them from 00123), the first of the lengths up to
// 12 for which exists reports an agent; false when none does.
func ZeroPadded(no string, exists func(string) bool) (string, bool) {
	if no == "" || strings.Trim(no, "0123456789") != "" {
		return "", false
	}
	for n := len(no) + 1; n <= 12; n++ {
		if p := strings.Repeat("0", n-len(no)) + no; exists(p) {
			return p, true
		}
	}
	return "", false
}
