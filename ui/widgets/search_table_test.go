package widgets

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// Rule: a chart's "All …" table is made when its button is first tapped,
// not with the dashboard (hidden, its cells were still filled at every
// layout of the home screen); the button then shows and hides the same
// table, with every row.
func TestSearchTableMadeOnFirstShow(t *testing.T) {
	test.NewTempApp(t)
	rows := [][]string{{"Team A", "3"}, {"Team B", "5"}, {"Team C", "8"}}
	st := NewSearchTable("All teams", "Teams", "Search", []string{"team", "agents"}, rows)
	w := test.NewWindow(st.Content())
	defer w.Close()
	if st.table != nil || st.box.Visible() {
		t.Fatal("the table is made (or shown) before its button is tapped")
	}
	test.Tap(st.toggle)
	if st.table == nil || !st.box.Visible() {
		t.Fatal("the first tap does not show the table")
	}
	table := st.table
	if n, _ := table.Length(); n != 3 {
		t.Errorf("the table has %d rows, want 3", n)
	}
	test.Tap(st.toggle)
	test.Tap(st.toggle)
	if st.table != table || !st.box.Visible() || len(st.box.Objects) != 3 {
		t.Errorf("showing again made another table or added it twice (%d objects)", len(st.box.Objects))
	}
	test.Type(st.search, "team b")
	if n, _ := table.Length(); n != 1 {
		t.Errorf("searching \"team b\" leaves %d rows, want 1", n)
	}
}
