package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sullam/internal/testenv"
	"sullam/store"
)

// Rule (issue 12, import-formats.md "Natural keys and re-import": rows of a
// finalized year are never changed by an import; such a file is refused
// naming the year): through the command line, for every kind with dated
// rows (attendance, audits, weekly, reviews), a file that edits a row of a
// finalized year, or adds one to it, exits 1, names the year, the agent and
// how to reopen the evaluation, and changes nothing; the same file before
// the year was finalized imports.
func TestImportRefusesFinalizedYearEveryKind(t *testing.T) {
	testenv.NeedPath(t, examples)
	dir := t.TempDir()
	db := filepath.Join(dir, "fin.db")
	for _, k := range []string{"agents", "attendance", "audits", "weekly", "reviews"} {
		if code, _, stderr := run(t, db, nil, "import", k, filepath.Join(examples, k+".csv")); code != ExitOK {
			t.Fatalf("import %s: %s", k, stderr)
		}
	}
	// one edited row of E1000 in 2024 per kind, and a new row in 2024
	edit := map[string]struct {
		dateCol, col, value string
		added               bool // and a new row of E1000 in 2024
	}{
		"attendance": {"date", "late_minutes", "999", true},
		"audits":     {"audit_date", "auditor", "late edit", false}, // a new audit: store/reimport_test.go
		"weekly":     {"week_start", "summary", "late edit", true},
		"reviews":    {"review_date", "comments", "late edit", true},
	}
	files := map[string]string{}
	for kind, e := range edit {
		data, err := os.ReadFile(filepath.Join(examples, kind+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		hdr := recs[0]
		var added []string
		if e.added {
			// E1000 on a day of 2024 (a Sunday for weekly) that has no row
			stored := map[string]bool{}
			for _, r := range recs[1:] {
				if r[0] == "E1000" {
					stored[r[1]] = true
				}
			}
			for d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == 2024; d = d.AddDate(0, 0, 1) {
				day := d.Format(time.DateOnly)
				if stored[day] || kind == "weekly" && d.Weekday() != time.Sunday {
					continue
				}
				added = make([]string, len(hdr))
				added[0], added[1] = "E1000", day
				for i, h := range hdr {
					switch {
					case h == "status":
						added[i] = "present"
					case h == "submitted_on":
						added[i] = day
					case strings.ToUpper(h) == h:
						added[i] = "3" // a competency
					}
				}
				break
			}
		}
		ec, dc, vc := slices.Index(hdr, "employee_no"), slices.Index(hdr, e.dateCol), slices.Index(hdr, e.col)
		var row []string
		for _, r := range recs[1:] {
			if r[ec] == "E1000" && strings.HasPrefix(r[dc], "2024-") {
				row = slices.Clone(r)
				break
			}
		}
		if row == nil || vc < 0 {
			t.Fatalf("%s: no 2024 row of E1000", kind)
		}
		row[vc] = e.value
		out := [][]string{hdr, row}
		if added != nil {
			out = append(out, added)
		}
		var buf bytes.Buffer
		csv.NewWriter(&buf).WriteAll(out)
		files[kind] = filepath.Join(dir, kind+"-2024.csv")
		os.WriteFile(files[kind], buf.Bytes(), 0o600)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Evaluations().FinalizeAll(t.Context(), store.SystemActor("test"), 2024, "")
	st.Close()
	if err != nil || res.Finalized == 0 {
		t.Fatalf("finalize 2024: %+v, %v", res, err)
	}
	for kind, file := range files {
		_, before, _ := run(t, db, nil, "export", kind)
		code, _, stderr := run(t, db, nil, "import", kind, file)
		// both rows refused for the same reason: one grouped line
		rows, group := "1 bad row", "line 2, column "
		if edit[kind].added {
			rows, group = "2 bad rows", ": 2 rows (lines 2–3): "
		}
		if code != ExitFail || !strings.Contains(stderr, rows+", nothing imported") || strings.Count(strings.TrimSpace(stderr), "\n") != 2 ||
			!strings.Contains(stderr, group) ||
			!strings.Contains(stderr, "the 2024 evaluation of E1000 is finalized") || !strings.Contains(stderr, "reopen") {
			t.Errorf("%s: exit %d, want 1, %s naming 2024, E1000 and how to reopen:\n%s", kind, code, rows, stderr)
		}
		if _, after, _ := run(t, db, nil, "export", kind); after != before {
			t.Errorf("%s: the refused file changed the stored rows", kind)
		}
	}
}
