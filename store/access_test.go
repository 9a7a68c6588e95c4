package store

import (
	"errors"
	"testing"

	"sullam/models"
	"sullam/scoring"
)

// Rule (DESIGN.md "Users"): the role × operation matrix. For each role, the
// operations it may do and on which agents: "all", "team" (the supervisor's
// direct reports), "self" (the agent's own record), "assigned" (candidates of
// an interview the user is assigned to) or "-" (denied).
func TestAccessMatrix(t *testing.T) {
	want := map[Op]map[models.Role]string{
		OpManageUsers:      {models.RoleAdmin: "all"},
		OpEditPolicy:       {models.RoleAdmin: "all"},
		OpBackup:           {models.RoleAdmin: "all"},
		OpViewAuditLog:     {models.RoleAdmin: "all", models.RoleManager: "all"},
		OpViewJobs:         {models.RoleHR: "all", models.RoleManager: "all", models.RoleSupervisor: "all"},
		OpManageJobs:       {models.RoleHR: "all"},
		OpManageQuestions:  {models.RoleHR: "all"},
		OpViewCandidates:   {models.RoleHR: "all", models.RoleManager: "all", models.RoleSupervisor: "assigned", models.RoleQuality: "assigned", models.RoleAgent: "assigned"},
		OpManageCandidates: {models.RoleHR: "all"},
		OpViewAgents:       {models.RoleHR: "all", models.RoleManager: "all", models.RoleQuality: "all", models.RoleSupervisor: "team", models.RoleAgent: "self"},
		OpEditAgents:       {models.RoleHR: "all"},
		OpEditAttendance:   {models.RoleHR: "all"},
		OpManageAuditForms: {models.RoleQuality: "all"},
		OpEnterAudits:      {models.RoleQuality: "all"},
		OpSubmitWeekly:     {models.RoleAgent: "self"},
		OpRateWeekly:       {models.RoleSupervisor: "team"},
		OpImportWeekly:     {models.RoleHR: "all", models.RoleSupervisor: "team"},
		OpWriteReview:      {models.RoleSupervisor: "team"},
		OpViewScores:       {models.RoleManager: "all", models.RoleHR: "all", models.RoleQuality: "all", models.RoleSupervisor: "team", models.RoleAgent: "self"},
		OpFinalize:         {models.RoleManager: "all"},
		OpViewPromotions:   {models.RoleManager: "all", models.RoleHR: "all"},
		OpDecidePromotion:  {models.RoleManager: "all"},
		OpViewHireQuality:  {models.RoleManager: "all", models.RoleHR: "all"},
	}
	sup := uint(10)
	self := uint(20)
	teamAgent := &models.Agent{ID: 30, SupervisorID: &sup}
	otherAgent := &models.Agent{ID: 40}
	selfAgent := &models.Agent{ID: self, SupervisorID: &sup}
	if len(want) != len(Matrix) {
		t.Fatalf("the test covers %d operations, the matrix has %d", len(want), len(Matrix))
	}
	for op, roles := range want {
		for _, role := range models.Roles {
			scope := roles[role]
			if scope == "" {
				scope = "-"
			}
			var agentID *uint
			switch role {
			case models.RoleSupervisor:
				agentID = &sup
			case models.RoleAgent:
				agentID = &self
			}
			a := Actor{Username: string(role), Roles: []models.Role{role}, AgentID: agentID}
			gotTeam, gotOther, gotSelf := a.CanOnAgent(op, teamAgent), a.CanOnAgent(op, otherAgent), a.CanOnAgent(op, selfAgent)
			var wantTeam, wantOther, wantSelf bool
			switch scope {
			case "all":
				wantTeam, wantOther, wantSelf = true, true, true
			case "team":
				wantTeam, wantSelf = true, true // the agent record with supervisor 10 is in the team
			case "self":
				wantSelf = true
			}
			if gotTeam != wantTeam || gotOther != wantOther || gotSelf != wantSelf {
				t.Errorf("%s as %s (scope %s): team=%v other=%v self=%v, want %v %v %v", op, role, scope, gotTeam, gotOther, gotSelf, wantTeam, wantOther, wantSelf)
			}
			if a.Can(op) != (scope != "-") {
				t.Errorf("%s as %s: Can = %v, want %v", op, role, a.Can(op), scope != "-")
			}
		}
	}
}

// Rule: access is enforced in the store: each denied call returns ErrForbidden
// and writes a "denied" audit-log row; allowed calls succeed; a supervisor
// sees only their own team.
func TestStoreEnforcesAccess(t *testing.T) {
	s := newStore(t)
	supAgent := mustAgent(t, s, "S1", nil)
	mine := mustAgent(t, s, "E1", &supAgent.ID)
	other := mustAgent(t, s, "E2", nil)
	admin := ActorOf(mustUser(t, s, "admin1", nil, models.RoleAdmin))
	hr := ActorOf(mustUser(t, s, "hr1", nil, models.RoleHR))
	mgr := ActorOf(mustUser(t, s, "mgr1", nil, models.RoleManager))
	sup := ActorOf(mustUser(t, s, "sup1", &supAgent.ID, models.RoleSupervisor))
	agent := ActorOf(mustUser(t, s, "agent1", &mine.ID, models.RoleAgent))
	quality := ActorOf(mustUser(t, s, "q1", nil, models.RoleQuality))

	denied := func(name string, err error) {
		t.Helper()
		if !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s: err = %v, want ErrForbidden", name, err)
		}
	}
	allowed := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: err = %v, want allowed", name, err)
		}
	}
	var before int64
	s.db.Model(&models.AuditLog{}).Where("action = ?", "denied").Count(&before)

	_, err := s.Accounts().CreateUser(t.Context(), hr, NewUser{Username: "x", Password: "correct horse battery"})
	denied("HR creates a user", err)
	_, err = s.Accounts().CreateUser(t.Context(), admin, NewUser{Username: "x", Password: "correct horse battery", Roles: []models.Role{models.RoleAgent}})
	allowed("admin creates a user", err)
	_, err = s.SavePolicy(t.Context(), mgr, scoring.DefaultPolicy(), "")
	denied("manager edits the policy", err)
	_, err = s.SavePolicy(t.Context(), admin, scoring.DefaultPolicy(), "test")
	allowed("admin edits the policy", err)
	e1 := mine
	e1.Team = "B"
	_, err = s.SaveAgent(t.Context(), sup, e1)
	denied("supervisor edits an agent", err)
	_, err = s.Agent(t.Context(), sup, "E2")
	denied("supervisor reads an agent of another team", err)
	_, err = s.Agent(t.Context(), sup, "E1")
	allowed("supervisor reads their own agent", err)
	_, err = s.Agent(t.Context(), agent, "E2")
	denied("agent reads another agent", err)
	_, err = s.Evaluations().Finalize(t.Context(), hr, other.ID, 2024)
	denied("HR finalizes", err)
	_, err = s.AuditLog(t.Context(), hr, AuditFilter{})
	denied("HR reads the audit log", err)
	_, err = s.AuditLog(t.Context(), admin, AuditFilter{})
	allowed("admin reads the audit log", err)
	_, err = s.ImportAttendance(quality, ImportSource{File: "a.csv"}, nil, nil)
	denied("Quality imports attendance", err)
	_, err = s.ImportAudits(hr, ImportSource{File: "a.csv"}, nil)
	denied("HR imports audits", err)
	_, err = s.ImportReviews(sup, ImportSource{File: "r.csv"}, []models.ReviewRow{{Line: 2, EmployeeNo: "E2", Review: models.Review{ReviewDate: models.MustDate("2024-01-02")}, Ratings: map[string]int{}}})
	var ie *models.ImportError
	if !errors.As(err, &ie) {
		t.Errorf("supervisor imports a review of another team: err = %v, want row errors", err)
	}
	err = s.Backup(t.Context(), mgr, t.TempDir()+"/b.db")
	denied("manager backs up", err)

	list, err := s.ListAgents(t.Context(), sup, AgentFilter{})
	if err != nil || len(list) != 1 || list[0].EmployeeNo != "E1" {
		t.Errorf("supervisor's agent list = %v, %v; want only E1", list, err)
	}
	list, _ = s.ListAgents(t.Context(), agent, AgentFilter{})
	if len(list) != 1 || list[0].EmployeeNo != "E1" {
		t.Errorf("agent's list = %v; want only themself", list)
	}
	list, _ = s.ListAgents(t.Context(), mgr, AgentFilter{})
	if len(list) != 3 {
		t.Errorf("manager's list has %d agents, want 3", len(list))
	}
	ys, err := s.Evaluations().EvaluateYear(t.Context(), sup, 2024, YearFilter{})
	if err != nil || len(ys) != 1 || ys[0].Agent.EmployeeNo != "E1" {
		t.Errorf("supervisor's evaluations = %d rows, %v; want only E1", len(ys), err)
	}
	var after int64
	s.db.Model(&models.AuditLog{}).Where("action = ?", "denied").Count(&after)
	if after-before < 10 {
		t.Errorf("denials logged = %d, want one per denied call (≥ 10)", after-before)
	}
}
