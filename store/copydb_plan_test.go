package store

import (
	"strings"
	"testing"
)

// Rule (issue 11, a schema made per dialect by the same migrations): a
// column only the source has is not copied and noted; a column only the
// target has is left to its default, or set to its kind's zero value when
// required; a required date or time the source lacks cannot be invented.
func TestPlanColumns(t *testing.T) {
	col := func(name string, k colKind, required bool) copyColumn {
		return copyColumn{name: name, kind: k, required: required}
	}
	withHash := copyTable{name: "users", pk: []string{"id"}, columns: []copyColumn{
		col("id", kindInt, false), col("username", kindText, true), col("password_hash", kindText, true), col("active", kindBool, true)}}
	noHash := copyTable{name: "users", pk: []string{"id"}, columns: []copyColumn{
		col("id", kindInt, false), col("username", kindText, true), col("active", kindBool, true), col("note", kindText, false)}}

	plan, notes, err := planColumns(withHash, noHash) // SQLite desk -> PostgreSQL
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(plan.table.columnNames(), ","); got != "id,username,active" {
		t.Errorf("columns copied into the target without hashes: %s", got)
	}
	if got := strings.Join(notes, "; "); !strings.Contains(got, "users.password_hash: not in the target, not copied") ||
		!strings.Contains(got, "users.note: not in the source, left to its default") {
		t.Errorf("notes: %s", got)
	}

	plan, notes, err = planColumns(noHash, withHash) // PostgreSQL -> SQLite backup
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(plan.table.columnNames(), ","); got != "id,username,password_hash,active" {
		t.Errorf("columns of the SQLite backup: %s", got)
	}
	for i, c := range plan.table.columns {
		if c.name == "password_hash" && (plan.fromSrc[i] || plan.fixed[i] != "") {
			t.Errorf("password_hash: from source %v, value %v; want the fixed empty text", plan.fromSrc[i], plan.fixed[i])
		}
		if c.name != "password_hash" && !plan.fromSrc[i] {
			t.Errorf("%s is not read from the source", c.name)
		}
	}
	if got := strings.Join(notes, "; "); !strings.Contains(got, `users.password_hash: not in the source, set to ""`) {
		t.Errorf("notes: %s", got)
	}

	dated := copyTable{name: "agents", columns: []copyColumn{col("id", kindInt, false), col("hire_date", kindDate, true)}}
	if _, _, err := planColumns(copyTable{name: "agents", columns: []copyColumn{col("id", kindInt, false)}}, dated); err == nil ||
		!strings.Contains(err.Error(), "hire_date") {
		t.Errorf("a required date absent from the source: %v; want an error naming it", err)
	}
}
