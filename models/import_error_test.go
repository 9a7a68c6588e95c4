package models

import (
	"strings"
	"testing"
)

// TestImportErrorCountsRows checks the rule "Counts are rows, not cells"
// (spec import-formats "All or nothing") on the full list an import error
// gives (--all-errors): two bad cells of one row and one of another are 2
// bad rows, each cell still on its own line.
func TestImportErrorCountsRows(t *testing.T) {
	e := &ImportError{File: "a.csv", Rows: []RowError{
		{Line: 2, Column: "status", Value: "x", Reason: "bad"},
		{Line: 2, Column: "date", Value: "y", Reason: "bad"},
		{Line: 5, Column: "date", Value: "z", Reason: "bad"},
	}}
	lines := strings.Split(e.Error(), "\n")
	if e.BadRows() != 2 || lines[0] != "a.csv: 2 bad rows, nothing imported" || len(lines) != 4 {
		t.Errorf("BadRows %d, Error:\n%s", e.BadRows(), e.Error())
	}
	one := &ImportError{File: "a.csv", Rows: e.Rows[:2]}
	if !strings.HasPrefix(one.Error(), "a.csv: 1 bad row, nothing imported\n") {
		t.Errorf("one row: %s", one.Error())
	}
}
