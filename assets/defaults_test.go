package assets

import (
	"io/fs"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func loadDefaults(t *testing.T) Content {
	t.Helper()
	c, err := Defaults()
	if err != nil {
		t.Fatalf("Defaults: %v", err)
	}
	return c
}

func TestDefaultsJobs(t *testing.T) {
	c := loadDefaults(t)
	if len(c.Jobs) != 2 {
		t.Fatalf("got %d jobs, want 2", len(c.Jobs))
	}
	for i, want := range []string{"CSR", "CSO"} {
		j := c.Jobs[i]
		if j.Code != want {
			t.Errorf("job %d: code %q, want %q", i, j.Code, want)
		}
		if j.LadderRole != "csr" {
			t.Errorf("job %s: ladder role %q, want csr", j.Code, j.LadderRole)
		}
		for _, p := range []struct {
			name   string
			ar, en []string
		}{
			{"responsibilities", j.ResponsibilitiesAr, j.ResponsibilitiesEn},
			{"qualifications", j.QualificationsAr, j.QualificationsEn},
			{"skills", j.SkillsAr, j.SkillsEn},
		} {
			if len(p.ar) != len(p.en) {
				t.Errorf("job %s %s: %d Arabic items, %d English items", j.Code, p.name, len(p.ar), len(p.en))
			}
		}
	}
}

// TestDefaultsNoHealthOrAgeCriteria guards DESIGN.md: Sullam never screens
// candidates on health or age, although seed 002 lists both.
func TestDefaultsNoHealthOrAgeCriteria(t *testing.T) {
	c := loadDefaults(t)
	banned := regexp.MustCompile(`(?i)السكري|القلب|القولون|ضغط الدم|مريض|مرض|سن الموظف|العمر|` +
		`\b(diabetes|heart|colon|blood pressure|ill|illness|disease|health|age|aged|years old)\b`)
	for _, j := range c.Jobs {
		for _, list := range [][]string{j.QualificationsAr, j.QualificationsEn, j.SkillsAr, j.SkillsEn} {
			for _, s := range list {
				if m := banned.FindString(s); m != "" {
					t.Errorf("job %s: %q mentions %q", j.Code, s, m)
				}
			}
		}
	}
}

func TestDefaultsQuestionBank(t *testing.T) {
	c := loadDefaults(t)
	// The five categories of seed 003, in its order, with the number of
	// questions the seed lists under each.
	want := []struct {
		code  string
		count int
	}{
		{"past_experience", 4},
		{"technical", 2},
		{"communication", 4},
		{"pressure", 2},
		{"quality", 3},
	}
	if len(c.Categories) != len(want) {
		t.Fatalf("got %d categories, want %d", len(c.Categories), len(want))
	}
	counts := map[string]int{}
	for _, q := range c.Questions {
		counts[q.Category]++
	}
	total := 0
	for i, w := range want {
		if c.Categories[i].Code != w.code {
			t.Errorf("category %d: code %q, want %q", i, c.Categories[i].Code, w.code)
		}
		if counts[w.code] != w.count {
			t.Errorf("category %s: %d questions, want %d", w.code, counts[w.code], w.count)
		}
		total += w.count
	}
	if len(c.Questions) != total {
		t.Errorf("got %d questions, want %d", len(c.Questions), total)
	}

	// Questions are grouped by category in category order.
	order := map[string]int{}
	for i, cat := range c.Categories {
		order[cat.Code] = i
	}
	for i := 1; i < len(c.Questions); i++ {
		if order[c.Questions[i].Category] < order[c.Questions[i-1].Category] {
			t.Errorf("question %s comes after %s of a later category", c.Questions[i].Code, c.Questions[i-1].Code)
		}
	}

	competencies := []string{
		"communication", "problem_solving", "time_management", "tone_body_language",
		"technical_knowledge", "motivation", "culture_fit", "patience_flexibility",
	}
	var got []string
	for _, comp := range c.InterviewCompetencies {
		got = append(got, comp.Code)
	}
	if !reflect.DeepEqual(got, competencies) {
		t.Errorf("interview competencies %v, want %v", got, competencies)
	}
	valid := map[string]bool{}
	for _, code := range competencies {
		valid[code] = true
	}
	used := map[string]bool{}
	for _, q := range c.Questions {
		if !valid[q.Competency] {
			t.Errorf("question %s: competency %q is not one of %v", q.Code, q.Competency, competencies)
		}
		used[q.Competency] = true
	}
	for _, code := range competencies {
		if !used[code] {
			t.Errorf("competency %s is assessed by no question", code)
		}
	}
}

func TestDefaultsAuditForm(t *testing.T) {
	c := loadDefaults(t)
	f := c.AuditForm
	if f.Code != "CS-STD-1" || f.Version != 1 {
		t.Errorf("audit form %s v%d, want CS-STD-1 v1", f.Code, f.Version)
	}
	// spec/scoring.md §2.
	want := []AuditItemDef{
		{Code: "GREETING", Weight: 1, TextEn: "welcomed the customer warmly and professionally"},
		{Code: "NEEDS", Weight: 2, TextEn: "understood the customer's need and expectations (open questions)"},
		{Code: "LISTENING", Weight: 2, TextEn: "listened actively, without interrupting, with empathy"},
		{Code: "CLARITY", Weight: 2, TextEn: "used clear, polite language without jargon"},
		{Code: "RESPONSE_TIME", Weight: 2, TextEn: "answered within the service-standard time"},
		{Code: "PERSONAL", Weight: 1, TextEn: "personalised the interaction (name, history)"},
		{Code: "ACCURACY", Weight: 3, Critical: true, TextEn: "gave accurate, up-to-date product information"},
		{Code: "RESOLUTION", Weight: 3, TextEn: "resolved the issue or escalated it by the procedure"},
		{Code: "PRIVACY", Weight: 2, Critical: true, TextEn: "kept the customer's information confidential"},
		{Code: "CLOSING", Weight: 1, TextEn: "confirmed satisfaction, thanked the customer, invited them back"},
	}
	if len(f.Items) != len(want) {
		t.Fatalf("got %d audit items, want %d", len(f.Items), len(want))
	}
	sum := 0
	var critical []string
	for i, w := range want {
		it := f.Items[i]
		if it.Code != w.Code || it.Weight != w.Weight || it.Critical != w.Critical || it.TextEn != w.TextEn {
			t.Errorf("item %d: got %s weight %d critical %v %q, want %s weight %d critical %v %q",
				i, it.Code, it.Weight, it.Critical, it.TextEn, w.Code, w.Weight, w.Critical, w.TextEn)
		}
		sum += it.Weight
		if it.Critical {
			critical = append(critical, it.Code)
		}
	}
	if sum != 19 {
		t.Errorf("sum of weights %d, want 19", sum)
	}
	if !reflect.DeepEqual(critical, []string{"ACCURACY", "PRIVACY"}) {
		t.Errorf("critical items %v, want [ACCURACY PRIVACY]", critical)
	}
}

func TestDefaultsSupervisorCompetencies(t *testing.T) {
	c := loadDefaults(t)
	want := []string{
		"COMMUNICATION", "PROBLEM_SOLVING", "PATIENCE", "TIME_MANAGEMENT",
		"PRODUCT_KNOWLEDGE", "TEAMWORK", "POLICY", "INITIATIVE",
	}
	var got []string
	for _, comp := range c.SupervisorCompetencies {
		got = append(got, comp.Code)
		if comp.Weight != 1 {
			t.Errorf("supervisor competency %s: weight %d, want 1", comp.Code, comp.Weight)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("supervisor competencies %v, want %v", got, want)
	}
}

func TestDefaultsLadder(t *testing.T) {
	c := loadDefaults(t)
	byCode := map[string]LadderStep{}
	for _, s := range c.Ladder {
		byCode[s.Code] = s
	}
	var chain []string
	for code := "csr"; code != ""; code = byCode[code].Next {
		s, ok := byCode[code]
		if !ok {
			t.Fatalf("ladder: unknown step %q after %v", code, chain)
		}
		if s.Rank != len(chain)+1 {
			t.Errorf("ladder step %s: rank %d, want %d", code, s.Rank, len(chain)+1)
		}
		chain = append(chain, code)
		if len(chain) > len(c.Ladder) {
			t.Fatalf("ladder has a cycle: %v", chain)
		}
	}
	want := []string{"csr", "coordinator", "team_lead", "cs_manager", "cx_manager"}
	if !reflect.DeepEqual(chain, want) || len(c.Ladder) != len(want) {
		t.Errorf("ladder chain %v (%d steps), want %v", chain, len(c.Ladder), want)
	}
}

// TestDefaultsTextsFilled checks every Arabic and English field of every
// record: non-empty, Arabic fields written in Arabic script, English fields
// free of it. Only LadderStep.Next may be empty (at the top of the ladder).
func TestDefaultsTextsFilled(t *testing.T) {
	c := loadDefaults(t)
	var records []any
	for _, v := range []any{c.Jobs, c.Categories, c.Questions, c.InterviewCompetencies, c.AuditForm.Items, c.SupervisorCompetencies, c.Ladder} {
		rv := reflect.ValueOf(v)
		for i := 0; i < rv.Len(); i++ {
			records = append(records, rv.Index(i).Interface())
		}
	}
	records = append(records, c.AuditForm)
	for _, r := range records {
		rv := reflect.ValueOf(r)
		rt := rv.Type()
		code := rv.FieldByName("Code").String()
		for i := 0; i < rt.NumField(); i++ {
			name := rt.Field(i).Name
			var texts []string
			switch f := rv.Field(i); f.Kind() {
			case reflect.String:
				if name == "Next" {
					continue
				}
				texts = []string{f.String()}
			case reflect.Slice:
				if f.Type().Elem().Kind() != reflect.String {
					continue
				}
				if f.Len() == 0 {
					t.Errorf("%s %s.%s: empty list", rt.Name(), code, name)
				}
				texts = f.Interface().([]string)
			default:
				continue
			}
			for _, s := range texts {
				if strings.TrimSpace(s) == "" {
					t.Errorf("%s %s.%s: empty text", rt.Name(), code, name)
					continue
				}
				switch {
				case strings.HasSuffix(name, "Ar") && !hasArabic(s):
					t.Errorf("%s %s.%s: no Arabic letters in %q", rt.Name(), code, name, s)
				case strings.HasSuffix(name, "En") && hasArabic(s):
					t.Errorf("%s %s.%s: Arabic letters in English text %q", rt.Name(), code, name, s)
				}
			}
		}
	}
}

// TestDefaultsFilesClean checks the raw files: valid UTF-8, no replacement
// characters, no invisible or bidi control characters left from the web page
// dumps, and no mojibake (UTF-8 Arabic decoded as Latin-1 or CP-1256).
func TestDefaultsFilesClean(t *testing.T) {
	names, err := fs.Glob(defaultsFS, "defaults/*.json")
	if err != nil || len(names) != 5 {
		t.Fatalf("embedded defaults: %v %v", names, err)
	}
	for _, name := range names {
		data, err := defaultsFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(data) {
			t.Errorf("%s: invalid UTF-8", name)
			continue
		}
		for i, r := range string(data) {
			switch {
			case r == utf8.RuneError, r == '\uFEFF',
				r >= '\u200B' && r <= '\u200F', r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069',
				r == '\u00A0', r == '\u0640':
				t.Errorf("%s: offset %d: unwanted character %U", name, i, r)
			case r >= 0x80 && r <= 0x24F:
				t.Errorf("%s: offset %d: Latin-1/extended character %U (mojibake?)", name, i, r)
			}
		}
	}
}

func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
