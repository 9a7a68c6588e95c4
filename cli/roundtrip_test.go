package cli

import (
	"os"
	"path/filepath"
	"testing"

	"sullam/internal/testenv"
)

// Rule (issue: exports): exporting every kind and importing the files into an
// empty database gives the same data: the second export is byte-identical to
// the first, in CSV and in XLSX, and the scores are the same.
func TestExportImportRoundTrip(t *testing.T) {
	testenv.NeedPath(t, examples)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	kinds := []string{"agents", "attendance", "audits", "weekly", "reviews"}
	for _, k := range kinds {
		if code, _, stderr := run(t, a, nil, "import", k, filepath.Join(examples, k+".csv")); code != 0 {
			t.Fatalf("import %s: %s", k, stderr)
		}
	}
	for _, format := range []string{"csv", "xlsx"} {
		b := b + format
		for _, k := range kinds {
			out := filepath.Join(dir, k+"-a."+format)
			if code, _, stderr := run(t, a, nil, "export", k, "--out", out); code != 0 {
				t.Fatalf("export %s: %s", k, stderr)
			}
			if code, _, stderr := run(t, b, nil, "import", k, out); code != 0 {
				t.Fatalf("re-import %s.%s: %s", k, format, stderr)
			}
			again := filepath.Join(dir, k+"-b."+format)
			if code, _, stderr := run(t, b, nil, "export", k, "--out", again); code != 0 {
				t.Fatalf("export again %s: %s", k, stderr)
			}
			if format == "csv" {
				x, _ := os.ReadFile(out)
				y, _ := os.ReadFile(again)
				if string(x) != string(y) {
					t.Errorf("%s: the export of the re-imported data differs from the first export", k)
				}
			}
		}
		for _, year := range []string{"2024", "2025"} {
			_, s1, _ := run(t, a, nil, "score", "--year", year)
			_, s2, _ := run(t, b, nil, "score", "--year", year)
			if s1 != s2 || s1 == "" {
				t.Errorf("%s round trip: score %s differs:\n%s\nvs\n%s", format, year, s1, s2)
			}
		}
	}
}
