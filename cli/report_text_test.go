package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sullam/internal/testenv"
)

// Rule (issues 15 and 16): the evaluation report PDF holds, as text a reader
// can extract, the agent's name and number, the year, each component's
// figure and the annual score, the annual score's explanation, and a page
// number ("Page 1 of 1" / «صفحة 1 من 1»), in English and in Arabic; the
// issue date in the Arabic report reads as written (YYYY-MM-DD).
func TestEvaluationPDFText(t *testing.T) {
	testenv.NeedCommand(t, "pdftotext", "apt-get install -y poppler-utils")
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	env := as("manager")
	if code, _, errs := run(t, db, env, "demo", "--agents", "20", "--years", "3"); code != ExitOK {
		t.Fatalf("demo: %d %s", code, errs)
	}
	code, out, errs := run(t, db, env, "score", "--year", "2025", "--format", "json")
	if code != ExitOK {
		t.Fatalf("score: %d %s", code, errs)
	}
	var scores []struct {
		EmployeeNo string   `json:"employee_no"`
		FullName   string   `json:"full_name"`
		Status     string   `json:"status"`
		Attendance *float64 `json:"attendance"`
		Quality    *float64 `json:"quality"`
		Weekly     *float64 `json:"weekly"`
		Supervisor *float64 `json:"supervisor"`
		Annual     *float64 `json:"annual"`
	}
	if err := json.Unmarshal([]byte(out), &scores); err != nil {
		t.Fatalf("score json: %v", err)
	}
	pick := -1
	for i, s := range scores {
		if s.Status == "complete" {
			pick = i
			break
		}
	}
	if pick < 0 {
		t.Fatalf("no complete year in the demo data: %s", out)
	}
	s := scores[pick]
	for _, lang := range []string{"en", "ar"} {
		pdf := filepath.Join(dir, "e-"+lang+".pdf")
		if code, _, errs := run(t, db, env, "report", "evaluation", "--employee", s.EmployeeNo, "--year", "2025", "--lang", lang, "--out", pdf); code != ExitOK {
			t.Fatalf("report %s: %d %s", lang, code, errs)
		}
		text := testenv.PDFText(t, pdf)
		want := []string{s.EmployeeNo, s.FullName, "2025"}
		for _, v := range []*float64{s.Attendance, s.Quality, s.Weekly, s.Supervisor, s.Annual} {
			want = append(want, fmt.Sprintf("%.2f", *v))
		}
		if lang == "en" {
			want = append(want, "Annual evaluation report 2025", "Attendance and commitment", "Quality audit",
				fmt.Sprintf("= %.2f", *s.Annual), "Page 1 of 1")
		} else {
			want = append(want, "تقرير التقييم السنوي لعام 2025", "الحضور والالتزام", "تدقيق الجودة", "صفحة 1 من 1",
				"تاريخ الإصدار "+time.Now().Format("2006-01-02"))
		}
		// pdftotext rebuilds the logical order of mixed Arabic lines by its own
		// heuristics and moves spaces around numbers («صفحة 1من 1»), so the
		// words are compared without spaces.
		flat := strings.ReplaceAll(text, " ", "")
		for _, w := range want {
			if !strings.Contains(flat, strings.ReplaceAll(w, " ", "")) {
				t.Errorf("%s report: text lacks %q\n%s", lang, w, text)
			}
		}
	}
}
