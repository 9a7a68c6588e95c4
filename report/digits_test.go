package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sullam/internal/testenv"
	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// pdfText writes a PDF through write into a temporary file and returns its
// extracted text.
func pdfText(t *testing.T, write func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return testenv.PDFText(t, path)
}

// Rule (issue 16, digits): with the "Arabic-Indic digits" display setting
// on, an Arabic PDF (evaluation and board) writes its numbers and dates in
// Arabic-Indic digits (the year ٢٠٢٥, the date ٢٠٢٦-٠١-٠٢, the page
// footer), while a code holding Latin letters (E0042) keeps its digits as
// typed; with the setting off, or in English, the digits stay Latin.
func TestPDFDigitsSetting(t *testing.T) {
	testenv.NeedCommand(t, "pdftotext", "apt-get install -y poppler-utils")
	ag := models.Agent{EmployeeNo: "E0042", FullName: "سارة", Team: "أبها"}
	ev := Evaluation{Year: store.AgentYear{Agent: ag, Year: 2025}, Generated: models.NewDate(2026, 1, 2),
		Readiness: scoring.Readiness{Status: models.Ready, AsOf: models.NewDate(2025, 12, 31)}}
	rows := []BoardRow{{EmployeeNo: "E0042", FullName: "سارة", Team: "أبها", RoleName: "CSR",
		Readiness: scoring.Readiness{Status: models.Ready, EligibleOn: models.NewDate(2024, 1, 2)}}}
	for _, c := range []struct {
		lang   string
		on     bool
		arabic bool // the digits expected: Arabic-Indic or Latin
	}{
		{"ar", true, true}, {"ar", false, false}, {"en", true, false},
	} {
		tr, err := NewTranslator(c.lang)
		if err != nil {
			t.Fatal(err)
		}
		tr = tr.WithArabicDigits(c.on)
		for name, write := range map[string]func(*bytes.Buffer) error{
			"evaluation": func(b *bytes.Buffer) error { return WriteEvaluation(b, tr, ev) },
			"board":      func(b *bytes.Buffer) error { return WriteBoardPDF(b, tr, models.NewDate(2026, 1, 2), rows) },
		} {
			text := pdfText(t, write)
			wantDate, otherDate := "2026-01-02", "٢٠٢٦-٠١-٠٢"
			if c.arabic {
				wantDate, otherDate = otherDate, wantDate
			}
			if !strings.Contains(text, wantDate) || strings.Contains(text, otherDate) {
				t.Errorf("%s %s digits=%v: want the date %q (not %q) in %q", name, c.lang, c.on, wantDate, otherDate, text)
			}
			if !strings.Contains(text, "E0042") {
				t.Errorf("%s %s digits=%v: the code E0042 must keep its Latin digits: %q", name, c.lang, c.on, text)
			}
			if got := strings.ContainsAny(text, "٠١٢٣٤٥٦٧٨٩"); got != c.arabic {
				t.Errorf("%s %s digits=%v: Arabic-Indic digits present = %v, want %v", name, c.lang, c.on, got, c.arabic)
			}
		}
	}
}
