package importer

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"sullam/models"
)

// Rule (issues 15 and 16): every reason the importer gives carries its
// translation key and arguments beside the English text, which stays as the
// command line prints it: bad cells, a duplicate key (its line and
// columns), a missing column, and a file that is no table.
func TestReasonsCarryKeys(t *testing.T) {
	type want struct {
		line         int
		column, key  string
		args         map[string]any
		reasonPrefix string
	}
	check := func(t *testing.T, errs []models.RowError, wants []want) {
		t.Helper()
		if len(errs) != len(wants) {
			t.Fatalf("errors %+v, want %d", errs, len(wants))
		}
		for i, w := range wants {
			e := errs[i]
			if e.Line != w.line || e.Column != w.column || e.Key != w.key || !strings.HasPrefix(e.Reason, w.reasonPrefix) {
				t.Errorf("error %d = %+v, want line %d column %s key %s reason %q…", i, e, w.line, w.column, w.key, w.reasonPrefix)
			}
			for k, v := range w.args {
				if !reflect.DeepEqual(e.Args[k], v) {
					t.Errorf("error %d (%s): arg %s = %#v, want %#v", i, e.Key, k, e.Args[k], v)
				}
			}
		}
	}

	_, errs := ParseAttendance(readCSVText(t, "employee_no,date,status,late_minutes\n"+
		"E1,2025-02-30,present,0\nE1,2025-01-06,present,abc\nE1,2025-01-07,sick,-1\nE1,2025-01-06,absent,0\n"))
	check(t, errs, []want{
		{2, "date", "import.err.no_such_date", nil, "no such date"},
		{3, "late_minutes", "import.err.not_number", nil, "not a number"},
		{4, "status", "import.err.one_of", map[string]any{"Allowed": "present | absent | leave | holiday"}, "must be present, absent, leave or holiday"},
		{4, "late_minutes", "import.err.min", map[string]any{"Min": 0}, "must be 0 or more"},
		{5, "date", "import.err.duplicate", map[string]any{"Line": 3, "Columns": models.Columns{"employee_no", "date"}}, "duplicate: line 3 has the same employee_no and date"},
	})

	_, errs = ParseAttendance(readCSVText(t, "employee_no,date,statu\nE1,2025-01-05,present\n"))
	check(t, errs, []want{
		{1, "statu", "import.err.unknown_column_near", map[string]any{"Near": models.Column("status")}, "unknown column: did you mean status?"},
		{1, "status", "import.err.missing_column", map[string]any{"Near": ""}, "required column is missing"},
	})

	_, err := ReadTable("days.txt", strings.NewReader("x"), 1)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Key != "import.err.file_type" || fe.Args["Ext"] != ".txt" ||
		fe.Error() != `read days.txt: unsupported file type ".txt": want a .csv or .xlsx file` {
		t.Errorf("a .txt file: %#v", err)
	}
}
