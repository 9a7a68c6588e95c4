package recruiting

import (
	"strings"

	"sullam/models"
)

// HireTerms are what HR decides when hiring a candidate.
type HireTerms struct {
	EmployeeNo    string
	HireDate      models.Date
	RoleStartDate models.Date // zero: the hire date
	SupervisorID  *uint
	Team          string
}

// Hireable reports whether a candidate may be hired or interviewed: not
// once anonymised.
func Hireable(c models.Candidate) bool { return !c.Anonymized }

// HiredRole is the career-ladder role of a new hire: customer service
// representative.
const HiredRole = "csr"

// NewAgent returns the agent record a hire makes of candidate c (role csr,
// active, the candidate's name and contact, linked to the candidate),
// unsaved and not yet validated; its role starts on the hire date unless
// the terms say otherwise.
func NewAgent(c models.Candidate, t HireTerms) models.Agent {
	if t.RoleStartDate.IsZero() {
		t.RoleStartDate = t.HireDate
	}
	id := c.ID
	return models.Agent{EmployeeNo: t.EmployeeNo, FullName: c.FullName, HireDate: t.HireDate, Role: HiredRole,
		RoleStartDate: t.RoleStartDate, SupervisorID: t.SupervisorID, Team: strings.TrimSpace(t.Team),
		Status: models.Active, Email: c.Email, Phone: c.Phone, CandidateID: &id, Version: 1}
}

// HireReason is the reason written on the stage move of a hire.
func HireReason(employeeNo string) string { return "hired as " + employeeNo }
