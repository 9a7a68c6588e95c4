package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"sullam/models"
)

// TestDecidePromotion checks the promotion decision: the role and role start
// date change, the role history is closed and reopened, the decision is kept,
// and both the agent change and the decision are in the audit log.
func TestDecidePromotion(t *testing.T) {
	s := newStore(t, WithClock(func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }))
	ag := mustAgent(t, s, "E1", nil)
	mgr := ActorOf(mustUser(t, s, "boss", nil, models.RoleManager))

	// E1 has no evaluations (not ready): the reason is a justification.
	const why = "strong three years, evaluations kept on paper"
	p, err := s.Evaluations().DecidePromotion(t.Context(), mgr, ag.ID, "coordinator", models.MustDate("2026-02-01"), why)
	if err != nil {
		t.Fatalf("promote: %v", err)
	}
	if p.Kind != DecisionPromote || p.FromRole != "csr" || p.ToRole != "coordinator" || p.ApproverID != mgr.UserID {
		t.Errorf("decision = %+v", p)
	}
	got, err := s.AgentByID(t.Context(), mgr, ag.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Role != "coordinator" || got.RoleStartDate != models.MustDate("2026-02-01") || got.Version != ag.Version+1 {
		t.Errorf("agent after promotion = %s from %s v%d", got.Role, got.RoleStartDate, got.Version)
	}
	hist, err := s.RoleHistory(t.Context(), mgr, ag.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Role != "csr" || hist[0].EndDate != models.MustDate("2026-02-01") || hist[1].Role != "coordinator" || !hist[1].EndDate.IsZero() {
		t.Errorf("role history = %+v", hist)
	}
	ph, err := s.Evaluations().PromotionHistory(t.Context(), mgr, ag.ID)
	if err != nil || len(ph) != 1 || ph[0].Reason != why || !ph[0].Exception {
		t.Errorf("promotion history = %+v, %v", ph, err)
	}
	logs, err := s.AuditLog(t.Context(), mgr, AuditFilter{Username: "boss"})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]bool{}
	for _, l := range logs {
		actions[l.Action+" "+l.Entity] = true
	}
	if !actions["promote agent"] || !actions["create promotion"] {
		t.Errorf("audit log actions = %v", actions)
	}
}

// TestPromotionExceptionNeedsJustification checks issue 13's guard rail: the
// promotion of an agent who is not ready is refused with ErrJustification
// (an ErrInvalid) unless the reason is a justification of at least
// MinJustification characters, and then it is stored and logged as an
// exception.
func TestPromotionExceptionNeedsJustification(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t, WithClock(func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }))
			ag := mustAgent(t, s, "E1", nil)
			mgr := ActorOf(mustUser(t, s, "boss", nil, models.RoleManager))
			short := strings.Repeat("j", MinJustification-1)
			if _, err := s.Evaluations().DecidePromotion(t.Context(), mgr, ag.ID, "coordinator", models.MustDate("2026-02-01"), short); !errors.Is(err, ErrJustification) || !errors.Is(err, models.ErrInvalid) {
				t.Fatalf("short justification: err = %v, want ErrJustification", err)
			}
			if got, _ := s.AgentByID(t.Context(), mgr, ag.ID); got.Role != "csr" {
				t.Fatalf("role changed to %s by a refused exception", got.Role)
			}
			long := strings.Repeat("ج", MinJustification) // characters, not bytes
			p, err := s.Evaluations().DecidePromotion(t.Context(), mgr, ag.ID, "coordinator", models.MustDate("2026-02-01"), long)
			if err != nil || !p.Exception {
				t.Fatalf("justified exception: %+v, %v", p, err)
			}
			ph, err := s.Evaluations().PromotionHistory(t.Context(), mgr, ag.ID)
			if err != nil || len(ph) != 1 || !ph[0].Exception {
				t.Errorf("stored decision %+v, %v; want an exception", ph, err)
			}
			logs, err := s.AuditLog(t.Context(), mgr, AuditFilter{Action: "create"})
			found := false
			for _, l := range logs {
				if l.Entity == "promotion" && strings.Contains(l.New, `"exception":true`) {
					found = true
				}
			}
			if err != nil || !found {
				t.Errorf("no audit row of the exception (%v)", err)
			}
		})
	}
}

// TestDecidePromotionValidation checks the rules of a promotion: the next role
// on the ladder only, an effective date not before the role start, a reason.
func TestDecidePromotionValidation(t *testing.T) {
	s := newStore(t)
	ag := mustAgent(t, s, "E1", nil)
	mgr := ActorOf(mustUser(t, s, "boss", nil, models.RoleManager))
	cases := []struct {
		name   string
		to     string
		eff    string
		reason string
	}{
		{"skips a step", "manager", "2026-01-01", "x"},
		{"same role", "csr", "2026-01-01", "x"},
		{"before role start", "coordinator", "2019-12-31", "x"},
		{"no reason", "coordinator", "2026-01-01", "  "},
	}
	for _, c := range cases {
		if _, err := s.Evaluations().DecidePromotion(t.Context(), mgr, ag.ID, c.to, models.MustDate(c.eff), c.reason); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", c.name, err)
		}
	}
	got, _ := s.AgentByID(t.Context(), mgr, ag.ID)
	if got.Role != "csr" {
		t.Errorf("role changed to %s by a refused decision", got.Role)
	}
}

// TestPromotionAccess checks that only managers decide promotions: HR,
// supervisors and agents are refused, and the refusal is logged.
func TestPromotionAccess(t *testing.T) {
	s := newStore(t, WithClock(func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }))
	sup := mustAgent(t, s, "S1", nil)
	ag := mustAgent(t, s, "E1", &sup.ID)
	for _, u := range []models.User{
		mustUser(t, s, "hr1", nil, models.RoleHR),
		mustUser(t, s, "sup1", &sup.ID, models.RoleSupervisor),
		mustUser(t, s, "agent1", &ag.ID, models.RoleAgent),
		mustUser(t, s, "admin1", nil, models.RoleAdmin),
	} {
		a := ActorOf(u)
		if _, err := s.Evaluations().DecidePromotion(t.Context(), a, ag.ID, "coordinator", models.MustDate("2026-01-01"), "x"); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s promote: err = %v, want ErrForbidden", u.Username, err)
		}
		if _, err := s.Evaluations().KeepInRole(t.Context(), a, ag.ID, "x"); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s keep: err = %v, want ErrForbidden", u.Username, err)
		}
	}
	mgr := ActorOf(mustUser(t, s, "boss", nil, models.RoleManager))
	logs, _ := s.AuditLog(t.Context(), mgr, AuditFilter{Action: "denied"})
	if len(logs) < 8 {
		t.Errorf("denied rows = %d, want >= 8", len(logs))
	}
	got, _ := s.AgentByID(t.Context(), mgr, ag.ID)
	if got.Role != "csr" {
		t.Errorf("role = %s after refused decisions", got.Role)
	}
}

// TestKeepInRole checks that a manager records keeping an overdue agent in
// role with a reason (audit-logged, role unchanged), and that an agent who is
// not yet overdue cannot be "kept".
func TestKeepInRole(t *testing.T) {
	s := newStore(t, WithClock(func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }))
	old := mustAgent(t, s, "E1", nil) // role start 2020-01-05: overdue in 2026
	fresh, err := s.SaveAgent(t.Context(), SystemActor("test"), models.Agent{EmployeeNo: "E2", FullName: "New", HireDate: models.MustDate("2025-01-01"),
		Role: "csr", RoleStartDate: models.MustDate("2025-01-01"), Team: "A"})
	if err != nil {
		t.Fatal(err)
	}
	mgr := ActorOf(mustUser(t, s, "boss", nil, models.RoleManager))
	if _, err := s.Evaluations().KeepInRole(t.Context(), mgr, old.ID, ""); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("keep without reason: err = %v, want ErrInvalid", err)
	}
	if _, err := s.Evaluations().KeepInRole(t.Context(), mgr, fresh.ID, "x"); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("keep a not overdue agent: err = %v, want ErrInvalid", err)
	}
	k, err := s.Evaluations().KeepInRole(t.Context(), mgr, old.ID, "needs coaching on complaints")
	if err != nil {
		t.Fatalf("keep: %v", err)
	}
	if k.Kind != DecisionKeep || k.FromRole != "csr" || k.EffectiveDate != models.MustDate("2026-03-01") {
		t.Errorf("decision = %+v", k)
	}
	got, _ := s.AgentByID(t.Context(), mgr, old.ID)
	if got.Role != "csr" || got.Version != old.Version {
		t.Errorf("agent changed by keep: %s v%d", got.Role, got.Version)
	}
	logs, _ := s.AuditLog(t.Context(), mgr, AuditFilter{Action: "keep_in_role"})
	if len(logs) != 1 || logs[0].EntityKey != "E1" {
		t.Errorf("keep audit rows = %+v", logs)
	}
}
