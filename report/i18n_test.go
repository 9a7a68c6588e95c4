package report

import (
	"strings"
	"testing"

	"sullam/scoring"
)

// TestTranslatorPluralForms checks that the report's Translator reads
// translation files whose counted nouns are objects of plural forms, and
// that a sentence of the PDF («3 تدقيقات جودة») takes the form the
// language's CLDR rules give each count: Arabic's zero, one, two, few (3–10),
// many (11–99) and other (100), English's one and other.
func TestTranslatorPluralForms(t *testing.T) {
	ar, err := NewTranslator("ar")
	if err != nil {
		t.Fatal(err)
	}
	en, err := NewTranslator("en")
	if err != nil {
		t.Fatal(err)
	}
	quality := func(n int) scoring.Explanation {
		return scoring.Explanation{Key: scoring.KeyQuality, Args: map[string]any{"audits": n, "mean": "4.00", "score": "4.00"}}
	}
	for _, c := range []struct {
		tr   Translator
		n    int
		want string
	}{
		{ar, 0, "0 تدقيق جودة بمتوسط 4.00، فالدرجة 4.00."},
		{ar, 1, "تدقيق جودة واحد بمتوسط 4.00، فالدرجة 4.00."},
		{ar, 2, "تدقيقا جودة بمتوسط 4.00، فالدرجة 4.00."},
		{ar, 3, "3 تدقيقات جودة بمتوسط 4.00، فالدرجة 4.00."},
		{ar, 10, "10 تدقيقات جودة بمتوسط 4.00، فالدرجة 4.00."},
		{ar, 11, "11 تدقيقَ جودة بمتوسط 4.00، فالدرجة 4.00."},
		{ar, 100, "100 تدقيق جودة بمتوسط 4.00، فالدرجة 4.00."},
		{en, 1, "1 quality audit, mean 4.00, score 4.00."},
		{en, 2, "2 quality audits, mean 4.00, score 4.00."},
	} {
		if got := Explain(c.tr, quality(c.n)); got != c.want {
			t.Errorf("%s: Explain(quality, %d audits) = %q, want %q", c.tr.Lang(), c.n, got, c.want)
		}
	}
	review := scoring.Explanation{Key: scoring.KeySupervisor, Args: map[string]any{"reviews": 2, "mean": "3.00", "score": "3.00"}}
	if got, want := Explain(ar, review), "تقييمان من المشرف بمتوسط 3.00، فالدرجة 3.00."; got != want {
		t.Errorf("Explain(supervisor, 2 reviews) = %q, want %q", got, want)
	}
	incomplete := scoring.Explanation{Key: scoring.KeyAnnualIncomplete, Args: map[string]any{"count": 2, "components": "quality, weekly"}}
	if got, want := Explain(ar, incomplete), "غير مكتمل: مكوّنان بياناتهما غير كافية ("+ar.T("component.quality")+"، "+ar.T("component.weekly")+")، فلا توجد درجة سنوية بعد."; got != want {
		t.Errorf("Explain(incomplete, 2 components) = %q, want %q", got, want)
	}
	unknown := scoring.Explanation{Key: scoring.KeyAttendanceUnknownStatus, Args: map[string]any{"count": 1}}
	if got, want := Explain(en, unknown), "1 attendance record has an unknown status; correct it to get a score."; got != want {
		t.Errorf("Explain(unknown status, 1 record) = %q, want %q", got, want)
	}
	// T keeps working: plain strings as before, a plural key its "other" form.
	if got, want := ar.T("report.board_count", map[string]any{"Count": 19}), "عدد الموظفين: 19"; got != want {
		t.Errorf("T(report.board_count) = %q, want %q", got, want)
	}
	if got, want := ar.T("forms.audits", map[string]any{"Count": 7}), "7 تقييم"; got != want {
		t.Errorf("T(forms.audits) = %q, want the other form %q", got, want)
	}
	if got, want := ar.TN("forms.audits", 4, nil), "4 تقييمات"; got != want {
		t.Errorf("TN(forms.audits, 4) = %q, want %q", got, want)
	}
	for n, want := range map[int]string{1: "1 agent", 2: "2 agents"} {
		if got := en.TN("report.board_count", n, nil); got != want {
			t.Errorf("en TN(report.board_count, %d) = %q, want %q", n, got, want)
		}
	}
	if got := ar.TN("no.such.key", 3, nil); got != "no.such.key" {
		t.Errorf("TN(missing key) = %q, want the key", got)
	}
}

// Rule (issue 16, plurals): an explanation with several counts gives each
// counted phrase its own plural form (weekly: 12 weeks expected, 10 reports
// on time, 1 report rated; attendance: scheduled days, holidays, punctual
// days), in the PDF and the window alike (ExplainArgs).
func TestExplainSeveralCounts(t *testing.T) {
	ar, err := NewTranslator("ar")
	if err != nil {
		t.Fatal(err)
	}
	en, err := NewTranslator("en")
	if err != nil {
		t.Fatal(err)
	}
	weekly := scoring.Explanation{Key: scoring.KeyWeekly, Args: map[string]any{"expected": 12, "on_time": 10, "late": 1,
		"late_credit": "50", "missing": 1, "submission_rate": "87.5", "rated": 1, "mean_rating": "4.00", "report_quality": "80", "score": "4.20"}}
	attendance := scoring.Explanation{Key: scoring.KeyAttendance, Args: map[string]any{"scheduled": 2, "present": 2, "absent": 0,
		"leave": 0, "holiday": 1, "punctual": 11, "grace": 1, "attendance_rate": "100", "punctuality_rate": "90", "score": "4.50"}}
	insufficient := scoring.Explanation{Key: scoring.KeyWeeklyInsufficient, Args: map[string]any{"few_weeks": true, "expected": 3, "needed_weeks": 8,
		"few_rated": true, "rated": 2, "needed_rated": 11}}
	for _, c := range []struct {
		tr   Translator
		e    scoring.Explanation
		want []string
	}{
		{ar, weekly, []string{"المتوقع 12 أسبوعًا", "في الموعد 10 تقارير", "المُقيَّمة تقرير واحد"}},
		{en, weekly, []string{"12 weeks expected", "10 reports on time", "1 report rated"}},
		{ar, attendance, []string{"يوما عمل مجدولان:", "عطلة واحدة", "11 يومَ انضباط"}},
		{en, attendance, []string{"2 scheduled days:", "1 holiday;", "11 punctual days"}},
		{ar, insufficient, []string{"المتوقع 3 أسابيع، ويلزم 8 أسابيع", "المُقيَّمة تقريران، ويلزم 11 تقريرًا"}},
	} {
		got := Explain(c.tr, c.e)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %s: %q lacks %q", c.tr.Lang(), c.e.Key, got, w)
			}
		}
	}
}
