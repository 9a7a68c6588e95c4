package i18n

import (
	"maps"
	"regexp"
	"slices"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// arForms are the CLDR cardinal plural categories of Arabic, enForms those of
// English: every plural key gives exactly these.
var (
	arForms = []string{"few", "many", "one", "other", "two", "zero"}
	enForms = []string{"one", "other"}
)

// pluralCase is the text a plural key must read for one count.
type pluralCase struct {
	n    int
	want string
}

// arabicCases are the Arabic texts of real keys for counts covering the six
// CLDR categories: 0 zero, 1 one, 2 two, 3 and 10 few, 11 many, 100 other,
// 103 few again (n % 100).
var arabicCases = map[string][]pluralCase{
	"forms.audits": {
		{0, "0 تقييم"}, {1, "تقييم واحد"}, {2, "تقييمان"}, {3, "3 تقييمات"},
		{10, "10 تقييمات"}, {11, "11 تقييمًا"}, {100, "100 تقييم"}, {103, "103 تقييمات"},
	},
	"settings.idle_minutes": {
		{0, "بعد 0 دقيقة"}, {1, "بعد دقيقة واحدة"}, {2, "بعد دقيقتين"}, {3, "بعد 3 دقائق"},
		{10, "بعد 10 دقائق"}, {11, "بعد 11 دقيقة"}, {100, "بعد 100 دقيقة"},
	},
	"queue.count": {
		{0, "0 تقرير بانتظار التقييم"}, {1, "تقرير واحد بانتظار التقييم"}, {2, "تقريران بانتظار التقييم"},
		{3, "3 تقارير بانتظار التقييم"}, {10, "10 تقارير بانتظار التقييم"},
		{11, "11 تقريرًا بانتظار التقييم"}, {100, "100 تقرير بانتظار التقييم"},
	},
}

// arabicAgents are the texts of agent.page (the agents list's count), whose
// count field is Total, not Count.
var arabicAgents = []pluralCase{
	{0, "صفحة 1 من 1 (0 موظف)"}, {1, "صفحة 1 من 1 (موظف واحد)"}, {2, "صفحة 1 من 1 (موظفان)"},
	{3, "صفحة 1 من 1 (3 موظفين)"}, {10, "صفحة 1 من 1 (10 موظفين)"}, {11, "صفحة 1 من 1 (11 موظفًا)"},
	{60, "صفحة 1 من 1 (60 موظفًا)"}, {100, "صفحة 1 من 1 (100 موظف)"},
}

// TestFyneLoaderAcceptsPluralForms checks that Fyne 2.7.1's lang package
// loads our files with plural objects as values (other keys still translate)
// and, when the system locale is Arabic, picks Arabic's six CLDR forms itself
// through lang.XN; and that lang.L on a plural key answers its "other" form
// instead of failing.
func TestFyneLoaderAcceptsPluralForms(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LANG", "ar_SA.UTF-8")
	Use("ar")
	if got := lang.L("home.hello", map[string]any{"Name": "Ali"}); got != "مرحبًا، Ali" {
		t.Fatalf("home.hello = %q: the file with plural objects was not loaded", got)
	}
	for _, c := range arabicCases["forms.audits"] {
		if got := lang.XN("forms.audits", "?", c.n, map[string]any{"Count": c.n}); got != c.want {
			t.Errorf("lang.XN(forms.audits, %d) = %q, want %q", c.n, got, c.want)
		}
	}
	if got := lang.L("forms.audits", map[string]any{"Count": 7}); got != "7 تقييم" {
		t.Errorf("lang.L(forms.audits) = %q, want the other form %q", got, "7 تقييم")
	}
}

// TestPluralArabicForms checks that Plural gives each count Arabic's CLDR
// form, also on an English system, where Fyne's lang would apply English
// rules to the Arabic file.
func TestPluralArabicForms(t *testing.T) {
	for _, sys := range []string{"en_US.UTF-8", "ar_SA.UTF-8"} {
		t.Run(sys, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", sys)
			Use("ar")
			for _, key := range slices.Sorted(maps.Keys(arabicCases)) {
				for _, c := range arabicCases[key] {
					data := map[string]any{"Minutes": c.n}
					if got := Plural(key, c.n, data); got != c.want {
						t.Errorf("Plural(%s, %d) = %q, want %q", key, c.n, got, c.want)
					}
				}
			}
			for _, c := range arabicAgents {
				data := map[string]any{"Page": 1, "Pages": 1, "Total": c.n}
				if got := Plural("agent.page", c.n, data); got != c.want {
					t.Errorf("Plural(agent.page, %d) = %q, want %q", c.n, got, c.want)
				}
			}
		})
	}
}

// TestPluralEnglishForms checks English's one/other choice on real keys.
func TestPluralEnglishForms(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANGUAGE", "")
	t.Setenv("LANG", "en_US.UTF-8")
	Use("en")
	for _, c := range []struct {
		key  string
		n    int
		data map[string]any
		want string
	}{
		{"agent.page", 1, map[string]any{"Page": 1, "Pages": 1, "Total": 1}, "Page 1 of 1 (1 agent)"},
		{"agent.page", 2, map[string]any{"Page": 1, "Pages": 1, "Total": 2}, "Page 1 of 1 (2 agents)"},
		{"agent.page", 0, map[string]any{"Page": 1, "Pages": 1, "Total": 0}, "Page 1 of 1 (0 agents)"},
		{"settings.idle_minutes", 1, map[string]any{"Minutes": 1}, "After 1 minute"},
		{"settings.idle_minutes", 2, map[string]any{"Minutes": 2}, "After 2 minutes"},
		{"forms.audits", 1, nil, "1 audit"},
		{"forms.audits", 11, nil, "11 audits"},
		{"auditlog.count", 1, nil, "1 change"},
		{"rec.count", 1, map[string]any{"N": 1}, "1 candidate"},
		{"inbox.interviews", 1, nil, "1 interview awaiting your feedback"},
		{"home.calibration_lenient", 1, map[string]any{"Name": "Sara", "Gap": "5", "Relative": "3", "N": 1}, "Sara rates leniently: gap 5 (3 beyond everyone's), 1 agent"},
		{"inbox.interviews", 2, nil, "2 interviews awaiting your feedback"},
	} {
		if got := Plural(c.key, c.n, c.data); got != c.want {
			t.Errorf("Plural(%s, %d) = %q, want %q", c.key, c.n, got, c.want)
		}
	}
}

// TestPluralInIgnoresCurrentLanguage checks that PluralIn answers in the
// language asked for, whatever the window shows.
func TestPluralInIgnoresCurrentLanguage(t *testing.T) {
	Use("en")
	if got := PluralIn("ar", "forms.audits", 2, nil); got != "تقييمان" {
		t.Errorf("PluralIn(ar, forms.audits, 2) = %q, want تقييمان", got)
	}
	if got := PluralIn("xx", "forms.audits", 2, nil); got != "forms.audits" {
		t.Errorf("PluralIn(xx, …) = %q, want the key", got)
	}
}

// TestPluralKeysHaveAllForms checks that every key of PluralKeys is, in both
// files, an object of exactly its language's CLDR forms (none empty), and
// that every plural object in the files is listed in PluralKeys.
func TestPluralKeysHaveAllForms(t *testing.T) {
	for code, want := range map[string][]string{"ar": arForms, "en": enForms} {
		plurals := readPlurals(t, code)
		for _, key := range PluralKeys {
			forms, ok := plurals[key]
			if !ok {
				t.Errorf("%s.json: %q is not an object of plural forms", code, key)
				continue
			}
			if got := slices.Sorted(maps.Keys(forms)); !slices.Equal(got, want) {
				t.Errorf("%s.json: %q has forms %v, want %v", code, key, got, want)
			}
			for f, s := range forms {
				if s == "" {
					t.Errorf("%s.json: %q form %s is empty", code, key, f)
				}
			}
		}
		for key := range plurals {
			if !slices.Contains(PluralKeys, key) {
				t.Errorf("%s.json: %q has plural forms but is not in PluralKeys", code, key)
			}
		}
	}
}

// countedNoun finds a number placeholder followed by a counted Arabic noun
// («{{.Count}} تقرير», «{{.Minutes}} دقيقة»): such a text needs plural forms.
var countedNoun = regexp.MustCompile(`{{\s*\.\w+\s*}}\s+(موظف|دقيق|دقائق|يوم|أيام|أسبوع|أسابيع|تقييم|تدقيق|تقرير|تقارير|صف|تغيير|مرشح|مقابل|سنة|سنوات|شهر|أشهر|بند|بنود|صفح|حرف|أحرف|سجل|كفاء)`)

// notYetPlural are the Arabic texts that still put a count before a noun as a
// plain string, each with why; the list may only shrink.
var notYetPlural = map[string]string{
	"home.overdue_line": "years in role is a decimal (5.2), not a count",
}

// TestCountedNounsUsePluralForms checks that no plain Arabic string puts a
// number placeholder before a counted noun (it would read «60 موظف» or
// «7 دقيقة»), apart from the listed notYetPlural keys.
func TestCountedNounsUsePluralForms(t *testing.T) {
	ar := readRaw(t, "ar")
	plurals := readPlurals(t, "ar")
	for key, text := range readFile(t, "ar") {
		if _, plural := plurals[key]; plural {
			continue
		}
		if m := countedNoun.FindString(text); m != "" {
			if _, known := notYetPlural[key]; !known {
				t.Errorf("ar.json: %q is a plain string with a counted noun (%q): give it plural forms and list it in PluralKeys", key, m)
			}
		}
	}
	for key := range notYetPlural {
		if _, ok := ar[key]; !ok {
			t.Errorf("notYetPlural: %q is not in ar.json", key)
		} else if _, plural := plurals[key]; plural {
			t.Errorf("notYetPlural: %q has plural forms now: take it off the list", key)
		}
	}
}

// countedNounEn finds a number placeholder followed by a counted English
// noun, maybe after one adjective («{{.Rows}} data rows», «{{.Late}} late
// minutes»): "1 data rows" needs plural forms too.
var countedNounEn = regexp.MustCompile(`{{\s*\.\w+\s*}}\s+(?:[\w-]+\s+)?(agents?|minutes?|days?|weeks?|reports?|audits?|evaluations?|candidates?|months?|years?|holidays?|rows?|changes?|interviews?|reviews?|records?|items?|pages?|questions?|hires?|users?|components?)\b`)

// notYetPluralEn are the English texts the check above flags that are no
// count of a noun, or still wait, each with why; the list may only shrink.
var notYetPluralEn = map[string]string{
	"eval.finalize_confirm":        "{{.Year}} evaluation: a year, not a count",
	"home.rw_needed":               "{{.Score}} next year: a score, not a count",
	"inbox.few_audits":             "{{.Min}} this year: the counted phrase comes whole from count.audits",
	"home.overdue_line":            "years in role is a decimal (5.2), not a count",
	"import.err.form_item_missing": "{{.Form}} has item {{.Item}}: codes, not counts",
	"import.err.finalized":         "{{.Year}} evaluation: a year, not a count",
}

// TestCountedNounsUsePluralFormsEnglish is TestCountedNounsUsePluralForms
// for English: no plain string puts a count before a noun («1 minutes»).
func TestCountedNounsUsePluralFormsEnglish(t *testing.T) {
	en := readRaw(t, "en")
	plurals := readPlurals(t, "en")
	for key, text := range readFile(t, "en") {
		if _, plural := plurals[key]; plural {
			continue
		}
		if m := countedNounEn.FindString(text); m != "" {
			if _, known := notYetPluralEn[key]; !known {
				t.Errorf("en.json: %q is a plain string with a counted noun (%q): give it plural forms", key, m)
			}
		}
	}
	for key := range notYetPluralEn {
		if _, ok := en[key]; !ok {
			t.Errorf("notYetPluralEn: %q is not in en.json", key)
		}
	}
}

// Rule (issue 16, plurals): in a sentence with two counts each count takes
// its own plural form: the counted phrases come from count.* keys, then go
// into the sentence («التأخير دقيقة واحدة، الخروج المبكر 11 دقيقة»).
func TestSentencesWithTwoCounts(t *testing.T) {
	minutes := func(code string, n int) string { return PluralIn(code, "count.minutes", n, nil) }
	for _, c := range []struct {
		code, key string
		data      map[string]any
		want      string
	}{
		{"ar", "profile.late_early_day", map[string]any{"Date": "2025-03-01", "Late": minutes("ar", 1), "Early": minutes("ar", 11)},
			"2025-03-01: التأخير دقيقة واحدة، الخروج المبكر 11 دقيقة"},
		{"ar", "profile.late_early_day", map[string]any{"Date": "2025-03-01", "Late": minutes("ar", 2), "Early": minutes("ar", 7)},
			"2025-03-01: التأخير دقيقتان، الخروج المبكر 7 دقائق"},
		{"en", "profile.late_early_day", map[string]any{"Date": "2025-03-01", "Late": minutes("en", 1), "Early": minutes("en", 12)},
			"2025-03-01: late 1 minute, early leave 12 minutes"},
		{"ar", "attendance.day_found", map[string]any{"Name": "سارة", "Date": "2025-03-01", "Status": "حاضر", "Late": minutes("ar", 3), "Early": minutes("ar", 0)},
			"سارة بتاريخ 2025-03-01: حاضر، التأخير 3 دقائق، الخروج المبكر 0 دقيقة."},
		{"ar", "eval.finalize_all_done", map[string]any{"Finalized": PluralIn("ar", "count.evaluations", 11, nil), "Skipped": PluralIn("ar", "count.evaluations", 2, nil)},
			"اعتُمد 11 تقييمًا، وتُجووز تقييمان (غير مكتمل أو معتمد سابقًا)."},
		{"en", "eval.finalize_all_done", map[string]any{"Finalized": PluralIn("en", "count.evaluations", 1, nil), "Skipped": PluralIn("en", "count.evaluations", 3, nil)},
			"1 evaluation finalized, 3 evaluations skipped (incomplete or already finalized)."},
		{"ar", "inbox.few_audits", map[string]any{"Agents": PluralIn("ar", "count.agents", 60, nil), "Min": PluralIn("ar", "count.audits", 4, nil)},
			"60 موظفًا: أقل من 4 تدقيقات هذا العام"},
		{"en", "inbox.few_audits", map[string]any{"Agents": PluralIn("en", "count.agents", 1, nil), "Min": PluralIn("en", "count.audits", 4, nil)},
			"1 agent with fewer than 4 audits this year"},
		{"ar", "rec.retention_done", map[string]any{"Candidates": PluralIn("ar", "count.candidates", 1, nil), "Date": "2024-01-01", "Months": PluralIn("ar", "count.months", 24, nil)},
			"أُخفيت هوية مرشح واحد من المرفوضين أو المنسحبين قبل 2024-01-01 (أقدم من 24 شهرًا)."},
	} {
		if got := In(c.code).T(c.key, c.data); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.code, c.key, got, c.want)
		}
	}
}

// BenchmarkPlural measures one plural text (lock, go-i18n form choice and
// template) against lang.L of the same key, which screens paid before.
func BenchmarkPlural(b *testing.B) {
	Use("ar")
	data := map[string]any{"Page": 1, "Pages": 2, "Total": 150}
	b.Run("Plural", func(b *testing.B) {
		for b.Loop() {
			Plural("agent.page", 150, data)
		}
	})
	b.Run("lang.L", func(b *testing.B) {
		for b.Loop() {
			lang.L("agent.page", data)
		}
	})
}
