package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Rule (issue 12, spec import-formats "Natural keys and re-import"):
// through the command line, importing the same file again, or a kind's
// export (CSV and XLSX) back into the database it came from, reports every
// row unchanged: "0 inserted, 0 updated, N unchanged" with N the file's rows.
func TestReimportPrintsUnchanged(t *testing.T) {
	if _, err := os.Stat(examples); err != nil {
		t.Skip("shared examples not present")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	kinds := []string{"agents", "attendance", "audits", "weekly", "reviews"}
	rows := map[string]int{}
	for _, k := range kinds {
		file := filepath.Join(examples, k+".csv")
		if code, _, stderr := run(t, db, nil, "import", k, file); code != 0 {
			t.Fatalf("import %s: %s", k, stderr)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rows[k] = strings.Count(strings.TrimRight(string(data), "\n"), "\n") // lines after the header
	}
	want := func(what, k, stderr string) {
		t.Helper()
		if !strings.Contains(stderr, fmt.Sprintf(": 0 inserted, 0 updated, %d unchanged", rows[k])) {
			t.Errorf("%s %s: %q, want 0 inserted, 0 updated, %d unchanged", what, k, strings.TrimSpace(stderr), rows[k])
		}
	}
	for _, k := range kinds {
		code, _, stderr := run(t, db, nil, "import", k, filepath.Join(examples, k+".csv"))
		if code != 0 {
			t.Fatalf("import %s again: %s", k, stderr)
		}
		want("the same file again:", k, stderr)
		for _, format := range []string{"csv", "xlsx"} {
			out := filepath.Join(dir, k+"."+format)
			if code, _, stderr := run(t, db, nil, "export", k, "--format", format, "--out", out); code != 0 {
				t.Fatalf("export %s: %s", k, stderr)
			}
			code, _, stderr := run(t, db, nil, "import", k, out)
			if code != 0 {
				t.Fatalf("import the %s export of %s: %s", format, k, stderr)
			}
			want("the "+format+" export back:", k, stderr)
		}
	}
}
