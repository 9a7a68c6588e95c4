package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sullam/internal/testenv"
	"sullam/models"
	"sullam/scoring"
)

// Rule (issue 16, PDFs): every page of a PDF carries its number and the
// total, «صفحة 2 من 3» in Arabic and "Page 2 of 3" in English; the board's
// rows are all there as extractable text, the header repeated per page.
func TestBoardPDFPageNumbers(t *testing.T) {
	testenv.NeedCommand(t, "pdftotext", "apt-get install -y poppler-utils")
	var rows []BoardRow
	for i := 0; i < 90; i++ {
		rows = append(rows, BoardRow{EmployeeNo: fmt.Sprintf("E%04d", i), FullName: fmt.Sprintf("Agent %d", i),
			Team: "A", RoleName: "CSR", NextRoleName: "Coordinator",
			Readiness: scoring.Readiness{Status: models.Ready, EligibleOn: models.NewDate(2024, 1, 2), YearsInRole: 412,
				Cumulative: 9250, HasCumulative: true}})
	}
	for _, lang := range []string{"en", "ar"} {
		tr, err := NewTranslator(lang)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "board.pdf")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteBoardPDF(f, tr, models.NewDate(2026, 1, 1), rows); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		flat := strings.ReplaceAll(testenv.PDFText(t, path), " ", "")
		n := 0
		// The total: the first page's footer names it.
		for total := 2; total < 20; total++ {
			if strings.Contains(flat, strings.ReplaceAll(tr.T("report.page_of", map[string]any{"Page": "1", "Pages": fmt.Sprint(total)}), " ", "")) {
				n = total
			}
		}
		if n < 2 {
			t.Fatalf("%s: 90 rows should take several pages with 'page 1 of N' on the first: %s", lang, flat)
		}
		for p := 1; p <= n; p++ {
			footer := strings.ReplaceAll(tr.T("report.page_of", map[string]any{"Page": fmt.Sprint(p), "Pages": fmt.Sprint(n)}), " ", "")
			if !strings.Contains(flat, footer) {
				t.Errorf("%s: no footer %q", lang, footer)
			}
		}
		for _, r := range rows {
			if !strings.Contains(flat, r.EmployeeNo) {
				t.Errorf("%s: row %s missing from the PDF text", lang, r.EmployeeNo)
			}
		}
	}
}

// Rule (issue 16, PDFs): Arabic vowel marks are kept: a vowelled name is
// written with its marks (extractable as text), each drawn over its letter
// rather than beside it.
func TestPDFKeepsVowelMarks(t *testing.T) {
	testenv.NeedCommand(t, "pdftotext", "apt-get install -y poppler-utils")
	ar, err := NewTranslator("ar")
	if err != nil {
		t.Fatal(err)
	}
	d, err := newDoc(ar, false)
	if err != nil {
		t.Fatal(err)
	}
	d.para("الموظف مُحَمَّد", false, 14, alignStart)
	path := filepath.Join(t.TempDir(), "marks.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.pdf.WriteTo(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	text := testenv.PDFText(t, path)
	for _, mark := range []string{"\u064f", "\u064e", "\u0651"} { // damma, fatha, shadda
		if !strings.Contains(text, mark) {
			t.Errorf("the PDF text %q lost the mark %U", text, []rune(mark)[0])
		}
	}
}

// Rule (issue 16, Hijri dates): with the Hijri setting on, the report's
// dates carry their Umm al-Qura date beside them (1 March 2025 is
// 1 Ramadan 1446); off, they are Gregorian only.
func TestBoardPDFHijriDates(t *testing.T) {
	testenv.NeedCommand(t, "pdftotext", "apt-get install -y poppler-utils")
	for _, lang := range []string{"en", "ar"} {
		for _, on := range []bool{false, true} {
			tr, err := NewTranslator(lang)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "board.pdf")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := WriteBoardPDF(f, tr.WithHijri(on), models.NewDate(2025, 3, 1), nil); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			text := testenv.PDFText(t, path)
			if !strings.Contains(text, "2025-03-01") {
				t.Errorf("%s hijri=%v: no Gregorian date in %q", lang, on, text)
			}
			if got := strings.Contains(text, "1446-09-01"); got != on {
				t.Errorf("%s hijri=%v: Hijri date shown = %v in %q", lang, on, got, text)
			}
		}
	}
}
