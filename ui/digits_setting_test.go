package ui

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	core "sullam/i18n"
	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/evaluation"
	"sullam/ui/i18n"
	"sullam/ui/settings"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Scores as shown: two decimals, in Latin or Arabic-Indic digits.
var (
	latinScore  = regexp.MustCompile(`[0-9]+\.[0-9]{2}`)
	arabicScore = regexp.MustCompile(`[٠-٩]+\.[٠-٩]{2}`)
)

// Rule (issue 16, digits): with the display setting on Arabic-Indic, an
// Arabic screen (the agent's profile) shows a date (the hire date) and a
// score (the annual breakdown) in Arabic-Indic digits (١٢٣); with the
// setting on Latin, or in English whatever the setting, they show 123.
func TestDigitsSettingOnProfile(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { i18n.SetArabicDigits(false) })
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	sys := store.SystemActor("test")
	found, err := st.ListAgents(t.Context(), sys, store.AgentFilter{Limit: 1})
	if err != nil || len(found) == 0 {
		t.Fatalf("no demo agent: %v", err)
	}
	ag := found[0]
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	for _, c := range []struct {
		lang   string
		on     bool
		arabic bool
	}{{"ar", true, true}, {"ar", false, false}, {"en", true, false}} {
		i18n.Use(c.lang)
		i18n.SetArabicDigits(c.on)
		w := test.NewWindow(nil)
		w.Resize(fyne.NewSize(1300, 900))
		p := agents.NewAgentProfile(widgets.Deps{Store: st, Win: w, Actor: mgr}, widgets.EvalAreas(st), ag, nil, nil, func() {}, nil)
		w.SetContent(p.Content())
		var date *widgets.WrapLabel
		uitest.WaitFor(t, "the profile and its years", func() bool {
			date, _ = uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool {
				l, ok := o.(*widgets.WrapLabel)
				return ok && l.Text == ag.HireDate.String()
			}).(*widgets.WrapLabel)
			return date != nil && len(p.Breakdown.Objects) > 3
		})
		latinDate := ag.HireDate.String()
		wantDate := latinDate
		if c.arabic {
			wantDate = core.ToArabicIndic(latinDate)
		}
		if shown := strings.Join(date.Shown(), "\n"); shown != wantDate {
			t.Errorf("%s digits=%v: the hire date shows %q, want %q", c.lang, c.on, shown, wantDate)
		}
		var heads []string
		for _, o := range p.Breakdown.Objects {
			if l, ok := o.(*widget.Label); ok && l.TextStyle.Bold {
				heads = append(heads, l.Text)
			}
		}
		text := strings.Join(heads, " | ")
		want, other := latinScore, arabicScore
		if c.arabic {
			want, other = arabicScore, latinScore
		}
		if !want.MatchString(text) || other.MatchString(text) {
			t.Errorf("%s digits=%v: the breakdown's scores %q are not all in the chosen digits", c.lang, c.on, text)
		}
		w.Close()
	}
}

// Rule (issue 16, digits): Settings → General offers Latin (123, the
// default) or Arabic-Indic (١٢٣) digits; choosing one stores it as a desk
// preference (read again by a new Settings screen) and applies it to the
// window's translator at once.
func TestSettingsDigitsChoice(t *testing.T) {
	a := test.NewTempApp(t)
	t.Cleanup(func() { i18n.SetArabicDigits(false) })
	i18n.Use("ar")
	i18n.SetArabicDigits(false)
	st := uitest.OpenTestStore(t)
	s, w, _ := usersScreen(t, st)
	prefs := widgets.NewSettings(a.Preferences())
	mark := func(key string) *widgets.ChoiceMark {
		m, _ := uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool {
			m, ok := o.(*widgets.ChoiceMark)
			return ok && strings.Contains(m.Text.Text, strings.Fields(i18n.T(key))[0])
		}).(*widgets.ChoiceMark)
		if m == nil {
			t.Fatalf("no %s choice in Settings", key)
		}
		return m
	}
	if prefs.ArabicDigits() {
		t.Fatal("the default must be Latin digits")
	}
	if !strings.Contains(mark("settings.digits_latin").Text.Text, "123") || !strings.Contains(mark("settings.digits_arabic").Text.Text, "١٢٣") {
		t.Error("the options must show their sample digits as written")
	}
	test.Tap(mark("settings.digits_arabic"))
	if !prefs.ArabicDigits() {
		t.Error("choosing Arabic-Indic digits did not store it")
	}
	if got := i18n.Display("2025"); got != "٢٠٢٥" {
		t.Errorf("after choosing Arabic-Indic digits, Display(2025) = %q", got)
	}
	// Remembered: a new Settings screen shows the stored choice.
	s2 := settings.NewSettingsScreen(widgets.WithAccounts(st), w, s.Actor, s.User, func(string) {}, "")
	w.SetContent(s2.Content())
	r, _ := uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool {
		r, ok := o.(*widgets.RadioGroup)
		return ok && len(r.Options) == 2 && r.Options[1] == i18n.T("settings.digits_arabic")
	}).(*widgets.RadioGroup)
	if r == nil || r.Selected != i18n.T("settings.digits_arabic") {
		t.Errorf("a new Settings screen does not show the stored choice: %+v", r)
	}
	test.Tap(mark("settings.digits_latin"))
	if prefs.ArabicDigits() {
		t.Error("choosing Latin digits did not store it")
	}
	if got := i18n.Display("2025"); got != "2025" {
		t.Errorf("after choosing Latin digits, Display(2025) = %q", got)
	}
}

// Rule (issue 16, digits): table cells follow the digits setting too: the
// agents list in Arabic with Arabic-Indic digits shows each agent's role
// start date as ٢٠١٩-٠٣-٠٤; with Latin digits, as 2019-03-04.
func TestDigitsSettingOnAgentsList(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { i18n.SetArabicDigits(false) })
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	i18n.Use("ar")
	for _, on := range []bool{true, false} {
		i18n.SetArabicDigits(on)
		w := test.NewWindow(nil)
		w.Resize(fyne.NewSize(1400, 900))
		s := agents.NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr})
		w.SetContent(s.Content())
		uitest.WaitFor(t, "the agents list", func() bool { return s.Total > 0 && len(s.Rows) > 0 })
		latin := s.Rows[0].RoleStartDate.String()
		want, other := latin, core.ToArabicIndic(latin)
		if on {
			want, other = other, want
		}
		if !uitest.FindLabelContaining(w.Content(), want) || uitest.FindLabelContaining(w.Content(), other) {
			t.Errorf("digits=%v: the list should show the role start date as %q, not %q", on, want, other)
		}
		w.Close()
	}
}

// Rule (issue 16, digits): every table follows the digits setting by
// construction (readingTable), not only the screens that convert their own
// cells: the annual evaluations table (whose cell function writes Latin
// digits) in Arabic with Arabic-Indic digits shows an annual score as
// ٨٧.٤٥; with Latin digits, as 87.45.
func TestDigitsSettingOnEveryTable(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { i18n.SetArabicDigits(false) })
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "boss", models.RoleManager))
	i18n.Use("ar")
	t.Cleanup(func() { i18n.Use("en") })
	for _, on := range []bool{true, false} {
		i18n.SetArabicDigits(on)
		w := test.NewWindow(nil)
		w.Resize(fyne.NewSize(1400, 900))
		tab := evaluation.NewAnnual(widgets.Deps{Store: st, Win: w, Actor: mgr}, widgets.EvalAreas(st))
		w.SetContent(tab.Content())
		tab.Start()
		var score string
		uitest.WaitFor(t, "an annual score", func() bool {
			for _, y := range tab.Rows {
				if sc, ok := y.Annual(); ok {
					score = sc.String()
					return true
				}
			}
			return false
		})
		want, other := score, core.ToArabicIndic(score)
		if on {
			want, other = other, want
		}
		if !uitest.FindLabelContaining(w.Content(), want) || uitest.FindLabelContaining(w.Content(), other) {
			t.Errorf("digits=%v: the table should show the score as %q, not %q", on, want, other)
		}
		w.Close()
	}
}
