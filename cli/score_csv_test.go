package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"sullam/tables"
	"testing"
)

// Rule (issue 11): the CSV output of `score` and `promotions` neutralises
// spreadsheet formulas in text cells as the exports do: a name starting
// with =, +, - or @ gets a leading apostrophe; normal names, employee
// numbers and the numeric columns are written as they are (spec/cli.md
// output intact).
func TestScoreAndPromotionsCSVNeutraliseFormulas(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	names := map[string]string{ // employee_no → full name
		"E1": `=HYPERLINK("http://evil.example","click")`,
		"E2": `+cmd|' /C calc'!A0`,
		"E3": `@SUM(A1:A9)`,
		"E4": `-2+3+cmd|' /C calc'!A0`,
		"E5": `أحمد الدوسري`,
	}
	agents := "employee_no,full_name,hire_date,role,role_start_date\n"
	attendance := "employee_no,date,status\n"
	for no, name := range names {
		agents += no + "," + csvQuote(name) + ",2020-01-01,csr,2020-01-01\n"
		attendance += no + ",2024-03-04,present\n"
	}
	os.WriteFile(filepath.Join(dir, "agents.csv"), []byte(agents), 0o600)
	os.WriteFile(filepath.Join(dir, "attendance.csv"), []byte(attendance), 0o600)
	for _, k := range []string{"agents", "attendance"} {
		if code, _, stderr := run(t, db, nil, "import", k, filepath.Join(dir, k+".csv")); code != ExitOK {
			t.Fatalf("import %s: exit %d: %s", k, code, stderr)
		}
	}
	for _, args := range [][]string{{"score", "--year", "2024"}, {"promotions", "--as-of", "2025-01-01"}} {
		code, out, stderr := run(t, db, nil, args...)
		if code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(recs) != len(names)+1 {
			t.Fatalf("%v: %d records (%v), want %d", args, len(recs), err, len(names)+1)
		}
		if got := strings.Join(recs[0], ","); got != strings.Join(map[bool][]string{true: tables.ScoreHeader, false: tables.PromotionsHeader}[args[0] == "score"], ",") {
			t.Errorf("%v: header %s changed", args, got)
		}
		for _, r := range recs[1:] {
			no, name := r[0], r[1]
			want := names[no]
			if no != "E5" {
				want = "'" + want
			}
			if name != want {
				t.Errorf("%v: %s full_name %q, want %q", args, no, name, want)
			}
			if args[0] == "score" && (r[2] != "2024" || r[3] != "" || !strings.HasPrefix(r[9], "attendance: ")) {
				t.Errorf("%v: %s year %q attendance %q reasons %q: other columns changed", args, no, r[2], r[3], r[9])
			}
			if args[0] == "promotions" && r[4] != "5.00" {
				t.Errorf("%v: %s years_in_role %q, want 5.00", args, no, r[4])
			}
		}
	}
	// JSON is not a spreadsheet: the names stay as they are.
	_, out, _ := run(t, db, nil, "score", "--year", "2024", "--format", "json")
	if !strings.Contains(out, `"=HYPERLINK(`) {
		t.Errorf("json output changed the name: %s", out)
	}
}

// csvQuote quotes a CSV field.
func csvQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
