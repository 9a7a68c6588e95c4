package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
// is the same before and after.
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
		for _, v := range []string{"-plain.csv", "-1256-semicolon-title.csv", "-utf16-tab.csv", "-utf8-semicolon.csv", "-calc.xlsx", "-arabic-title.xlsx", "-second-sheet.xlsx", "-damaged.xlsx"} {
			if _, err := os.Stat(filepath.Join(corpus, k.kind+v)); err != nil {
				t.Error(err)
			}
		}
	}
}
