package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule: the agents list's count agrees with its noun by Arabic's CLDR plural
// rules («موظفان», «3 موظفين», not «3 موظف»), and by English's («1 agent»).
func TestAgentsListCountPlural(t *testing.T) {
	test.NewTempApp(t)
	st := uitest.OpenTestStore(t)
	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	for _, c := range []struct {
		code  string
		seed  int // agents added before this step
		total int
		want  string
	}{
		{"ar", 2, 2, "صفحة 1 من 1 (موظفان)"},
		{"ar", 1, 3, "صفحة 1 من 1 (3 موظفين)"},
		{"en", 0, 3, "Page 1 of 1 (3 agents)"},
	} {
		if c.seed > 0 {
			seedMoreAgents(t, st, c.total-c.seed, c.seed)
		}
		i18n.Use(c.code)
		w := test.NewWindow(nil)
		s := agents.NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: hr})
		w.SetContent(s.Build())
		s.Start()
		uitest.WaitFor(t, "the list", func() bool { return s.Total == c.total })
		if got, want := s.PageLabel.Text, i18n.Display(c.want); got != want {
			t.Errorf("%s, %d agents: page label %q, want %q", c.code, c.total, got, want)
		}
		w.Close()
	}
	i18n.Use("en")
}

// seedMoreAgents adds n agents numbered from first.
func seedMoreAgents(t *testing.T, st *store.Store, first, n int) {
	t.Helper()
	sys := store.SystemActor("test")
	for i := first; i < first+n; i++ {
		ag := models.Agent{EmployeeNo: "P" + string(rune('0'+i)), FullName: "Plural " + string(rune('A'+i)), Team: "A",
			HireDate: models.MustDate("2021-01-03"), Role: "csr", RoleStartDate: models.MustDate("2021-01-03")}
		if _, err := st.SaveAgent(t.Context(), sys, ag); err != nil {
			t.Fatal(err)
		}
	}
}

// Rule: the profile's explanation of the quality and supervisor components
// makes its noun agree with the number of audits or reviews in Arabic.
func TestExplanationPlural(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	for _, c := range []struct {
		e    scoring.Explanation
		want string
	}{
		{scoring.Explanation{Key: scoring.KeyQuality, Args: map[string]any{"audits": 11, "mean": "90.00", "score": "90.00"}},
			"11 تدقيقَ جودة بمتوسط 90.00، فالدرجة 90.00."},
		{scoring.Explanation{Key: scoring.KeyQuality, Args: map[string]any{"audits": 4, "mean": "90.00", "score": "90.00"}},
			"4 تدقيقات جودة بمتوسط 90.00، فالدرجة 90.00."},
		{scoring.Explanation{Key: scoring.KeySupervisor, Args: map[string]any{"reviews": 1, "mean": "4.00", "score": "75.00"}},
			"تقييم واحد من المشرف بمتوسط 4.00، فالدرجة 75.00."},
	} {
		if got := widgets.ExplainText(c.e); got != c.want {
			t.Errorf("explainText(%s, %v) = %q, want %q", c.e.Key, c.e.Args, got, c.want)
		}
	}
}

// Rule: no screen shows a plural key through lang.L, which always answers its
// "other" form («1 تقييم» where «تقييم واحد» is due): they go through
// i18n.Plural.
func TestPluralKeysNotThroughLangL(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range i18n.PluralKeys {
			for _, call := range []string{`i18n.T("` + key + `"`, `i18n.X("` + key + `"`} {
				if strings.Contains(string(src), call) {
					t.Errorf("%s: %s…): use i18n.Plural for a counted noun", f, call)
				}
			}
		}
	}
}
