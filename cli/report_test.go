package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Rule (README "Command line"): `report evaluation` writes an agent's annual
// evaluation as a PDF in Arabic and English, and `report promotions` writes
// the board as PDF or XLSX by the extension of --out; bad usage exits 2 and
// writes nothing; on the demo database the commands sign in. SULLAM_REPORT_DIR keeps the files for a visual check.
func TestReportCommands(t *testing.T) {
	dir := t.TempDir()
	keep := os.Getenv("SULLAM_REPORT_DIR")
	if keep != "" {
		dir = keep
	}
	db := filepath.Join(t.TempDir(), "r.db")
	// demo fills a new database (no account yet: no sign-in) and makes the
	// demo accounts; the commands after it sign in as the manager.
	env := as("manager")
	if code, _, errs := run(t, db, env, "demo", "--agents", "30", "--years", "3"); code != ExitOK {
		t.Fatalf("demo: %d %s", code, errs)
	}
	code, out, errs := run(t, db, env, "promotions", "--as-of", "2026-01-01")
	if code != ExitOK {
		t.Fatalf("promotions: %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 2 {
		t.Fatalf("no agents on the board: %q", out)
	}
	emp := strings.Split(lines[1], ",")[0]

	for _, lang := range []string{"ar", "en"} {
		pdf := filepath.Join(dir, "evaluation-"+lang+".pdf")
		if code, _, errs := run(t, db, env, "report", "evaluation", "--employee", emp, "--year", "2025", "--lang", lang, "--out", pdf); code != ExitOK {
			t.Fatalf("report evaluation %s: %d %s", lang, code, errs)
		}
		b, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s is not a PDF: %v", pdf, err)
		}
		board := filepath.Join(dir, "board-"+lang+".pdf")
		if code, _, errs := run(t, db, env, "report", "promotions", "--as-of", "2026-01-01", "--lang", lang, "--out", board); code != ExitOK {
			t.Fatalf("report promotions %s: %d %s", lang, code, errs)
		}
	}
	xl := filepath.Join(dir, "board.xlsx")
	if code, _, errs := run(t, db, env, "report", "promotions", "--as-of", "2026-01-01", "--lang", "en", "--out", xl); code != ExitOK {
		t.Fatalf("report promotions xlsx: %d %s", code, errs)
	}
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) < 2 || rows[0][0] != "Employee no." {
		t.Errorf("xlsx rows = %v, %v", rows, err)
	}

	bad := filepath.Join(t.TempDir(), "bad.pdf")
	for _, args := range [][]string{
		{"report"},
		{"report", "evaluation", "--year", "2025", "--out", bad},
		{"report", "evaluation", "--employee", emp, "--year", "2025", "--out", filepath.Join(t.TempDir(), "x.txt")},
		{"report", "promotions", "--as-of", "nope", "--out", bad},
		{"report", "promotions", "--as-of", "2026-01-01", "--lang", "fr", "--out", bad},
		{"report", "card", "--out", bad},
	} {
		if code, _, _ := run(t, db, env, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, err := os.Stat(bad); err == nil {
		t.Errorf("bad usage wrote %s", bad)
	}
}
