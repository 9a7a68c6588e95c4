package recruiting

import (
	"testing"

	"sullam/models"
)

// TestNewAgent checks what a hire makes of a candidate: a csr agent,
// active, version 1, with the candidate's name, e-mail and phone, linked to
// the candidate, the team trimmed; the role starts on the hire date unless
// the terms give another date.
func TestNewAgent(t *testing.T) {
	sup := uint(3)
	c := models.Candidate{ID: 12, FullName: "سارة", Email: "s@example.com", Phone: "0501234567"}
	hired := models.MustDate("2026-02-01")
	ag := NewAgent(c, HireTerms{EmployeeNo: "E100", HireDate: hired, SupervisorID: &sup, Team: "  Riyadh "})
	if ag.Role != "csr" || ag.Status != models.Active || ag.Version != 1 {
		t.Errorf("role %q status %v version %d; want csr, active, 1", ag.Role, ag.Status, ag.Version)
	}
	if ag.FullName != c.FullName || ag.Email != c.Email || ag.Phone != c.Phone || ag.EmployeeNo != "E100" {
		t.Errorf("agent %+v does not carry the candidate's details", ag)
	}
	if ag.CandidateID == nil || *ag.CandidateID != 12 || ag.SupervisorID != &sup || ag.Team != "Riyadh" {
		t.Errorf("links: candidate %v supervisor %v team %q", ag.CandidateID, ag.SupervisorID, ag.Team)
	}
	if ag.HireDate != hired || ag.RoleStartDate != hired {
		t.Errorf("dates: hired %s role start %s; want both %s", ag.HireDate, ag.RoleStartDate, hired)
	}
	start := models.MustDate("2026-03-01")
	if ag := NewAgent(c, HireTerms{HireDate: hired, RoleStartDate: start}); ag.RoleStartDate != start {
		t.Errorf("role start %s, want the given %s", ag.RoleStartDate, start)
	}
	if Hireable(models.Candidate{Anonymized: true}) || !Hireable(c) {
		t.Error("Hireable: want false for an anonymised candidate only")
	}
	if got := HireReason("E100"); got != "hired as E100" {
		t.Errorf("HireReason = %q", got)
	}
}
