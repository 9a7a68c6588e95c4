package home

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
)

// assessed is the promotion board's assessment of a csr agent in role since
// 2022-01-02 with the given complete annual scores of 2022…, as of 2026-03-01.
func assessed(no, name string, scores ...scoring.Cents) store.AgentReadiness {
	var yr []scoring.YearResult
	for i, s := range scores {
		yr = append(yr, scoring.YearResult{Year: 2022 + i, Complete: true, Score: s})
	}
	start := models.MustDate("2022-01-02")
	return store.AgentReadiness{Agent: models.Agent{EmployeeNo: no, FullName: name, Role: "csr", RoleStartDate: start},
		Readiness: scoring.Assess(scoring.DefaultPolicy(), "csr", start, models.MustDate("2026-03-01"), yr)}
}

// Rule (issue 13): an agent's home shows their own readiness — years in
// role, counted years, cumulative average, status, the score needed next
// year — and says in words what the needed score means.
func TestHomeShowsOwnReadiness(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	// 88 + 89 + 87 + 88 = 352 over 4 years; 90 × 5 − 352 = 98.00 needed.
	self := assessed("A1", "Amal One", 8800, 8900, 8700, 8800)
	agent := store.Actor{Roles: []models.Role{models.RoleAgent}}
	w := test.NewWindow(nil)
	defer w.Close()
	h := NewHome(uitest.FakeHomeStore{D: store.Dashboard{Self: &self}, Clock: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}, agent, models.User{FullName: "Amal One"})
	w.SetContent(h.Content())
	uitest.WaitFor(t, "the readiness", func() bool { return len(h.Body.Objects) > 0 })
	text := uitest.TextIn(h.Body)
	for _, want := range []string{"My promotion readiness", "4.16", "88.00", "Not ready", "98.00",
		"An annual score of at least 98.00 next year would bring your cumulative average up to the promotion bar."} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if !uitest.FindLabel(h.Body, "4") {
		t.Errorf("no counted-years value 4 in:\n%s", text)
	}
}

// Rule (issue 13): a supervisor's home shows a readiness table with one
// row per team member (years, counted years, cumulative, status, needed
// score, "out of reach" in words when over 100).
func TestHomeShowsTeamReadiness(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	team := []store.AgentReadiness{
		assessed("A1", "Amal One", 9500, 9400, 9300, 9200), // ready
		assessed("A3", "Dana Three", 7000, 7000, 7000, 7000),
	}
	sup := store.Actor{Roles: []models.Role{models.RoleSupervisor}}
	d := store.Dashboard{Supervisor: &store.SupervisorDashboard{Readiness: team}}
	w := test.NewWindow(nil)
	defer w.Close()
	h := NewHome(uitest.FakeHomeStore{D: d, Clock: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}, sup, models.User{FullName: "Sara"})
	w.SetContent(h.Content())
	uitest.WaitFor(t, "the team readiness", func() bool { return len(h.Body.Objects) > 0 })
	text := uitest.TextIn(h.Body)
	// Dana: 90 × 5 − 280 = 170.00, out of reach.
	for _, want := range []string{"My team's promotion readiness", "A1 — Amal One", "Ready for promotion", "93.50",
		"A3 — Dana Three", "70.00", "170.00 — out of reach next year"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
}
