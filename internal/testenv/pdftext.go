package testenv

import (
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// PDFText extracts the text of a PDF with pdftotext (call NeedCommand first) and brings it back to
// logical Unicode: the presentation forms the PDF draws Arabic with become
// the letters (NFKC), pdftotext's direction marks and embeddings are
// dropped, and runs of spaces become one.
func PDFText(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	s := norm.NFKC.String(string(out))
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 0x202A && r <= 0x202E, r == 0x200E, r == 0x200F, r == 0x2066, r == 0x2067, r == 0x2068, r == 0x2069:
			return -1
		case r == '\n' || r == '\f' || r == '\t':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
