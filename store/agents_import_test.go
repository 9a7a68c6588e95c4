package store

import (
	"testing"

	"sullam/models"
)

// agentRow is a row of an agents file with every optional column present.
func agentRow(line int, no, role, supervisor string) models.AgentRow {
	return models.AgentRow{Line: line, SupervisorNo: supervisor,
		Present: map[string]bool{"supervisor_no": true, "team": true, "status": true, "email": true, "phone": true},
		Agent: models.Agent{EmployeeNo: no, FullName: "وكيل " + no, HireDate: models.MustDate("2021-02-01"), Role: role,
			RoleStartDate: models.MustDate("2021-02-01"), Team: "فريق أ", Status: models.Active, Email: no + "@x.example"}}
}

// Rule: an agents import inserts new employee numbers (each with its first
// role-history entry) and updates stored ones (a new role or role start is
// recorded in the history); a supervisor may come later in the same file,
// and an empty supervisor_no clears the supervisor. Counts are reported.
func TestImportAgentsInsertsAndUpdates(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			sys := SystemActor("test")
			res, err := s.ImportAgents(sys, ImportSource{File: "a.csv"}, []models.AgentRow{
				agentRow(2, "E2", "csr", "E1"), // supervisor further down
				agentRow(3, "E3", "csr", ""),
				agentRow(4, "E1", "team_lead", ""),
			})
			if err != nil || res.Inserted != 3 || res.Updated != 0 {
				t.Fatalf("first file: %+v, %v; want 3 inserted", res, err)
			}
			get := func(no string) models.Agent {
				t.Helper()
				ag, err := s.Agent(t.Context(), sys, no)
				if err != nil {
					t.Fatalf("agent %s: %v", no, err)
				}
				return ag
			}
			e1, e2 := get("E1"), get("E2")
			if e2.SupervisorID == nil || *e2.SupervisorID != e1.ID || e1.SupervisorID != nil || e2.FullName != "وكيل E2" ||
				e2.Version != 1 || e2.CreatedAt.IsZero() || e2.Team != "فريق أ" || e2.Email != "E2@x.example" {
				t.Fatalf("E2 stored as %+v (E1 #%d)", e2, e1.ID)
			}
			history := func(no string) int64 {
				var n int64
				s.db.Model(&models.RoleHistory{}).Where("agent_id = ?", get(no).ID).Count(&n)
				return n
			}
			if history("E1") != 1 || history("E2") != 1 {
				t.Fatalf("role history: E1 %d, E2 %d entries, want 1 each", history("E1"), history("E2"))
			}

			e1row := agentRow(2, "E1", "coordinator", "") // promoted
			e1row.Agent.RoleStartDate = models.MustDate("2025-01-01")
			res, err = s.ImportAgents(sys, ImportSource{File: "b.csv"}, []models.AgentRow{
				e1row,
				agentRow(3, "E4", "csr", "E3"),
				agentRow(4, "E2", "csr", ""), // supervisor cleared
			})
			if err != nil || res.Inserted != 1 || res.Updated != 2 {
				t.Fatalf("second file: %+v, %v; want 1 inserted, 2 updated", res, err)
			}
			e1, e2, e4 := get("E1"), get("E2"), get("E4")
			if e1.Role != "coordinator" || e1.Version != 2 || history("E1") != 2 {
				t.Errorf("E1 after promotion: %+v with %d history entries; want coordinator, version 2, 2 entries", e1, history("E1"))
			}
			if e2.SupervisorID != nil || history("E2") != 1 {
				t.Errorf("E2: supervisor %v, %d history entries; want none and 1", e2.SupervisorID, history("E2"))
			}
			if e4.SupervisorID == nil || *e4.SupervisorID != get("E3").ID {
				t.Errorf("E4 supervisor %v, want E3 #%d", e4.SupervisorID, get("E3").ID)
			}
		})
	}
}
