package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"sullam/models"
	"sullam/store"
)

// corpus holds the files LibreOffice Calc made (scripts/make-import-corpus.sh).
const corpus = "../importer/testdata/corpus"

// corpusKinds are the kinds in the order they can be imported into an empty
// database (agents first: the others name them), each with the rows of its
// plain file and whether it has dates.
var corpusKinds = []struct {
	kind  string
	rows  int
	dated bool
}{
	{"agents", 4, true}, {"attendance", 4, true}, {"audits", 3, true}, {"weekly", 3, true},
	{"reviews", 3, true}, {"candidates", 3, true}, {"jobs", 2, false}, {"questions", 2, false},
}

// Rule (issue 12, import-formats.md "Encoding and separator", "Header",
// dates, "Natural keys and re-import"): for every kind, each file LibreOffice
// Calc made from the plain CSV (Windows-1256 with semicolons and a title
// above an Arabic header, UTF-16 with tabs, UTF-8 with semicolons, the XLSX
// Calc saves, the title and Arabic header in XLSX, the rows on a second
// sheet, d/m/yyyy dates with --date-order dmy) stores the same data as the
// plain CSV: imported after it, every row is unchanged, and the kind's export
// is the same before and after; the export itself (CSV and XLSX) imports
// back with every row unchanged.
func TestCorpusStoresLikePlain(t *testing.T) {
	db := filepath.Join(t.TempDir(), "corpus.db")
	for _, k := range corpusKinds {
		code, _, stderr := run(t, db, nil, "import", k.kind, filepath.Join(corpus, k.kind+"-plain.csv"))
		if code != ExitOK || !strings.Contains(stderr, fmt.Sprintf(": %d inserted, 0 updated, 0 unchanged", k.rows)) {
			t.Fatalf("import %s-plain.csv: exit %d: %s", k.kind, code, stderr)
		}
		code, before, stderr := run(t, db, nil, "export", k.kind)
		if code != ExitOK {
			t.Fatalf("export %s: %s", k.kind, stderr)
		}
		variants := []string{"-1256-semicolon-title.csv", "-utf16-tab.csv", "-utf8-semicolon.csv", "-calc.xlsx", "-arabic-title.xlsx", "-second-sheet.xlsx"}
		if k.dated {
			variants = append(variants, "-dmy.csv")
		}
		for _, v := range variants {
			args := []string{"import", k.kind, filepath.Join(corpus, k.kind+v)}
			if v == "-dmy.csv" {
				args = append(args, "--date-order", "dmy")
			}
			code, _, stderr := run(t, db, nil, args...)
			if code != ExitOK || !strings.Contains(stderr, fmt.Sprintf(": 0 inserted, 0 updated, %d unchanged", k.rows)) {
				t.Errorf("import %s%s: exit %d, want every row unchanged: %s", k.kind, v, code, stderr)
			}
		}
		// the kind's export, CSV and XLSX, imports back unchanged
		for _, format := range []string{"csv", "xlsx"} {
			out := filepath.Join(filepath.Dir(db), k.kind+"-export."+format)
			if code, _, stderr := run(t, db, nil, "export", k.kind, "--format", format, "--out", out); code != ExitOK {
				t.Fatalf("export %s %s: %s", k.kind, format, stderr)
			}
			code, _, stderr := run(t, db, nil, "import", k.kind, out)
			if code != ExitOK || !strings.Contains(stderr, ": 0 inserted, 0 updated, ") {
				t.Errorf("import the %s export of %s: exit %d, want every row unchanged: %s", format, k.kind, code, stderr)
			}
		}
		if _, after, _ := run(t, db, nil, "export", k.kind); after != before {
			t.Errorf("%s: the export changed after the variants:\n%s\nwant\n%s", k.kind, after, before)
		}
	}
}

// Rule (issue 12, import-formats.md "All or nothing"): through the command
// line, the refused corpus files of every kind exit 1 and store nothing,
// with short messages: day-first dates without --date-order are one line
// after the count of bad rows (rows, not cells); a damaged workbook and a
// workbook without the kind's header are one line each.
func TestCorpusRefusedThroughCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "refused.db")
	if code, _, stderr := run(t, db, nil, "import", "agents", filepath.Join(corpus, "agents-plain.csv")); code != ExitOK {
		t.Fatalf("agents: %s", stderr)
	}
	for _, k := range corpusKinds {
		_, before, _ := run(t, db, nil, "export", k.kind)
		if k.dated {
			file := k.kind + "-dmy.csv"
			code, _, stderr := run(t, db, nil, "import", k.kind, filepath.Join(corpus, file))
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			want := fmt.Sprintf("%s: %d bad rows, nothing imported", file, k.rows)
			if code != ExitFail || len(lines) != 3 || !strings.HasSuffix(lines[1], want) ||
				!strings.Contains(lines[2], fmt.Sprintf("%d rows (lines 2–%d)", k.rows, k.rows+1)) || !strings.Contains(lines[2], "--date-order dmy|mdy|ymd") {
				t.Errorf("%s: exit %d, want 1 and the count and one grouped line after the layout:\n%s", file, code, stderr)
			}
		}
		for _, file := range []string{k.kind + "-damaged.xlsx", "no-header.xlsx"} {
			code, _, stderr := run(t, db, nil, "import", k.kind, filepath.Join(corpus, file))
			want := map[bool]string{true: "the workbook is damaged", false: "no sheet has a header with the columns of " + k.kind}[strings.HasSuffix(file, "-damaged.xlsx")]
			if code != ExitFail || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, want) {
				t.Errorf("%s as %s: exit %d, want 1 and one line %q:\n%s", file, k.kind, code, want, stderr)
			}
		}
		if _, after, _ := run(t, db, nil, "export", k.kind); after != before {
			t.Errorf("%s: a refused file changed the stored rows", k.kind)
		}
	}
}

// TestCorpusFilesPresent guards against a corpus left half made: every file
// the tests above name is there.
func TestCorpusFilesPresent(t *testing.T) {
	for _, k := range corpusKinds {
		for _, v := range []string{"-plain.csv", "-1256-semicolon-title.csv", "-utf16-tab.csv", "-utf8-semicolon.csv", "-calc.xlsx", "-arabic-title.xlsx", "-second-sheet.xlsx", "-damaged.xlsx", "-typo-header.xlsx"} {
			if _, err := os.Stat(filepath.Join(corpus, k.kind+v)); err != nil {
				t.Error(err)
			}
		}
	}
}

// badCells names, per kind, two columns and a value each that every row
// gets wrong, so that each row of the file has two bad cells.
var badCells = map[string][2][2]string{
	"agents":     {{"role", "boss"}, {"status", "maybe"}},
	"attendance": {{"status", "late"}, {"late_minutes", "x"}},
	"audits":     {{"channel", "fax"}, {"GREETING", "maybe"}},
	"weekly":     {{"rating", "9"}, {"interactions", "x"}},
	"reviews":    {{"COMMUNICATION", "9"}, {"PATIENCE", "x"}},
	"candidates": {{"applied_on", "x"}, {"experience_years", "x"}},
	"jobs":       {{"ladder_role", "boss"}, {"archived", "maybe"}},
	"questions":  {{"category", "x"}, {"competency", "x"}},
}

// Rule (issue 12, import-formats.md "All or nothing": "Counts are rows, not
// cells"): for every kind, a file whose rows each have two bad cells is
// counted in rows on its first line, grouped (one line per column) and with
// --all-errors (one line per cell).
func TestBadRowsCountRowsNotCells(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bad.db")
	if code, _, stderr := run(t, db, nil, "import", "agents", filepath.Join(corpus, "agents-plain.csv")); code != ExitOK {
		t.Fatalf("agents: %s", stderr)
	}
	for _, k := range corpusKinds {
		data, err := os.ReadFile(filepath.Join(corpus, k.kind+"-plain.csv"))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range badCells[k.kind] {
			col := slices.Index(recs[0], bad[0])
			if col < 0 {
				t.Fatalf("%s has no column %s", k.kind, bad[0])
			}
			for _, r := range recs[1:] {
				r[col] = bad[1]
			}
		}
		var buf bytes.Buffer
		csv.NewWriter(&buf).WriteAll(recs)
		file := filepath.Join(dir, k.kind+".csv")
		os.WriteFile(file, buf.Bytes(), 0o600)
		head := fmt.Sprintf("%s.csv: %d bad rows, nothing imported", k.kind, k.rows)
		code, _, grouped := run(t, db, nil, "import", k.kind, file)
		if code != ExitFail || !strings.Contains(grouped, head) || strings.Count(strings.TrimSpace(grouped), "\n") != 3 {
			t.Errorf("%s grouped: exit %d, want 1, %q and a line per column:\n%s", k.kind, code, head, grouped)
		}
		code, _, all := run(t, db, nil, "import", k.kind, file, "--all-errors")
		if code != ExitFail || !strings.Contains(all, head) || strings.Count(strings.TrimSpace(all), "\n") != 2*k.rows+1 {
			t.Errorf("%s --all-errors: exit %d, want 1, %q and a line per bad cell:\n%s", k.kind, code, head, all)
		}
	}
}

// Rule (import-formats.md: "Every import is recorded in the audit log (who,
// when, file name, file SHA-256, counts)"): for every kind, an import writes
// one audit-log entry of the kind naming the file, its SHA-256 and the
// counts, and importing it again writes another with the rows unchanged.
func TestImportRecordedInAuditLog(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	for _, k := range corpusKinds {
		file := filepath.Join(corpus, k.kind+"-plain.csv")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		for _, again := range []bool{false, true} {
			if code, _, stderr := run(t, db, nil, "import", k.kind, file); code != ExitOK {
				t.Fatalf("import %s: %s", k.kind, stderr)
			}
			st := openStore(t, db)
			entries, err := st.AuditLog(t.Context(), store.SystemActor("test"), store.AuditFilter{Action: "import", Entity: k.kind, Limit: 10})
			st.Close()
			if err != nil || len(entries) != map[bool]int{false: 1, true: 2}[again] {
				t.Fatalf("%s: %d import entries, %v", k.kind, len(entries), err)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(entries[0].New), &got); err != nil { // newest first
				t.Fatal(err)
			}
			want := map[string]any{"file": k.kind + "-plain.csv", "sha256": hex.EncodeToString(sum[:]), "rows": float64(k.rows),
				"inserted": float64(k.rows), "updated": float64(0), "unchanged": float64(0)}
			if again {
				want["inserted"], want["unchanged"] = float64(0), float64(k.rows)
			}
			if !reflect.DeepEqual(got, want) || entries[0].At.IsZero() {
				t.Errorf("%s (again %v): entry %v at %v, want %v", k.kind, again, got, entries[0].At, want)
			}
		}
	}
}

// Rule (import-formats.md "Header problems are reported first and alone,
// before any row is checked"): through the command, each kind's Calc
// workbook with a misspelt column and bad rows exits 1 with the header's
// lines only, none about a row.
func TestCorpusTypoHeaderThroughCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo.db")
	for _, k := range corpusKinds {
		file := k.kind + "-typo-header.xlsx"
		code, _, stderr := run(t, db, nil, "import", k.kind, filepath.Join(corpus, file))
		if code != ExitFail || !strings.Contains(stderr, file+": 1 bad row, nothing imported") || !strings.Contains(stderr, "required column is missing") ||
			strings.Contains(stderr, "line 2") || strings.Contains(stderr, "rows (lines") {
			t.Errorf("%s: exit %d, want 1 and the header's lines only:\n%s", file, code, stderr)
		}
	}
}

// Rule (import-formats.md audits: "form_code … the latest version of that
// form is used"; candidates: job_code is "the job description applied
// for"): an unknown form_code or job_code refuses the file naming the row;
// once a form has a new version with one more item, a file with the old
// version's columns is refused for the missing item column, and one with
// it imports.
func TestImportCodesAndLatestFormVersion(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "codes.db")
	for _, k := range []string{"agents", "audits"} {
		if code, _, stderr := run(t, db, nil, "import", k, filepath.Join(corpus, k+"-plain.csv")); code != ExitOK {
			t.Fatalf("%s: %s", k, stderr)
		}
	}
	plain, err := os.ReadFile(filepath.Join(corpus, "audits-plain.csv"))
	if err != nil {
		t.Fatal(err)
	}
	unknownForm := filepath.Join(dir, "form.csv")
	os.WriteFile(unknownForm, bytes.Replace(plain, []byte("AUD-2,E2,2024-03-06,chat,CS-STD-1"), []byte("AUD-2,E2,2024-03-06,chat,NOPE-1"), 1), 0o600)
	code, _, stderr := run(t, db, nil, "import", "audits", unknownForm)
	if code != ExitFail || !strings.Contains(stderr, `line 3, column form_code, value "NOPE-1": no audit form has this code`) {
		t.Errorf("unknown form_code: exit %d:\n%s", code, stderr)
	}
	cands := filepath.Join(dir, "cands.csv")
	os.WriteFile(cands, []byte("full_name,job_code,applied_on\nReem,NOPE,2024-02-11\n"), 0o600)
	code, _, stderr = run(t, db, nil, "import", "candidates", cands)
	if code != ExitFail || !strings.Contains(stderr, `line 2, column job_code, value "NOPE": no job description has this code`) {
		t.Errorf("unknown job_code: exit %d:\n%s", code, stderr)
	}

	st := openStore(t, db)
	a := store.SystemActor("test")
	forms, err := st.Work().LatestForms(t.Context(), a)
	if err != nil || len(forms) != 1 {
		t.Fatalf("forms %v, %v", forms, err)
	}
	f := forms[0]
	f.Items = append(f.Items, models.AuditFormItem{Code: "FOLLOW_UP", TextEn: "Follows up", TextAr: "يتابع", Weight: 1})
	v2, err := st.Work().SaveAuditForm(t.Context(), a, f)
	st.Close()
	if err != nil || v2.FormVer != 2 {
		t.Fatalf("new version: %d, %v", v2.FormVer, err)
	}
	code, _, stderr = run(t, db, nil, "import", "audits", filepath.Join(corpus, "audits-plain.csv"))
	if code != ExitFail || !strings.Contains(stderr, "form CS-STD-1 has item FOLLOW_UP but the file has no column for it") {
		t.Errorf("old version's columns: exit %d:\n%s", code, stderr)
	}
	recs, _ := csv.NewReader(bytes.NewReader(plain)).ReadAll()
	for i := range recs {
		recs[i] = append(recs[i], map[bool]string{true: "FOLLOW_UP", false: "pass"}[i == 0])
	}
	var buf bytes.Buffer
	csv.NewWriter(&buf).WriteAll(recs)
	v2file := filepath.Join(dir, "v2.csv")
	os.WriteFile(v2file, buf.Bytes(), 0o600)
	code, _, stderr = run(t, db, nil, "import", "audits", v2file)
	if code != ExitOK || !strings.Contains(stderr, ": 0 inserted, 3 updated, 0 unchanged") {
		t.Errorf("the latest version's columns: exit %d, want the 3 audits updated to it:\n%s", code, stderr)
	}
	_, out, _ := run(t, db, nil, "export", "audits")
	got, _ := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	col := slices.Index(got[0], "FOLLOW_UP")
	if col < 0 || len(got) != 4 || got[1][col] != "pass" || got[2][col] != "pass" || got[3][col] != "pass" {
		t.Errorf("export after the update: %q, want FOLLOW_UP answered pass in every audit", got)
	}
}
