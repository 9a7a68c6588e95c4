package importer

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"sullam/models"
)

// readCSVText reads text as a CSV file, failing the test on a file error.
func readCSVText(t *testing.T, text string) *Table {
	t.Helper()
	tb, err := ReadTable("test.csv", strings.NewReader(text), int64(len(text)))
	if err != nil {
		t.Fatalf("ReadTable: %v", err)
	}
	return tb
}

// xlsxFile writes header and rows with WriteXLSX and returns the bytes.
func xlsxFile(t testing.TB, header []string, rows [][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "Data", header, rows, false); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	return buf.Bytes()
}

// csvFile writes header and rows with WriteCSV and returns the bytes.
func csvFile(t testing.TB, header []string, rows [][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, header, rows); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	return buf.Bytes()
}

// errText formats an error the way the tests state them: "LINE COLUMN: reason".
func errText(e models.RowError) string {
	return fmt.Sprintf("%d %s: %s", e.Line, e.Column, e.Reason)
}

// checkErrors compares errors with want, in order. Each want is
// "LINE COLUMN: text" and matches an error on that line and column whose
// reason contains text.
func checkErrors(t *testing.T, got []models.RowError, want ...string) {
	t.Helper()
	var g []string
	for _, e := range got {
		g = append(g, errText(e))
	}
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n got: %s\nwant: %s", len(got), len(want), strings.Join(g, "\n      "), strings.Join(want, "\n      "))
	}
	for i, w := range want {
		head, text, _ := strings.Cut(w, ": ")
		gh, greason, _ := strings.Cut(g[i], ": ")
		if gh != head || !strings.Contains(greason, text) {
			t.Errorf("error %d = %q, want %q", i, g[i], w)
		}
	}
}

// readDoc reads a documentation file; a missing ../shared file gives "".
func readDoc(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		if strings.HasPrefix(path, "../../shared/") {
			return ""
		}
		t.Fatal(err)
	}
	return string(b)
}
