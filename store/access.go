package store

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"gorm.io/gorm"

	"sullam/models"
)

// Actor is who performs an operation: a signed-in user, or the command line.
type Actor struct {
	UserID   uint
	Username string
	Roles    []models.Role
	// AgentID is the actor's own agent record (agents and supervisors).
	AgentID *uint
	// System marks the command line run by an operator on the machine: it may do everything.
	System bool
	// Version is the account's version when the actor signed in. Any change
	// to the account's roles, active flag or password bumps the stored
	// version, and every access check of a signed-in actor then fails with
	// models.ErrSessionExpired.
	Version int
}

// SystemActor returns the actor of the command line, named after the OS user.
func SystemActor(name string) Actor { return Actor{Username: "cli:" + name, System: true} }

// ActorOf returns the actor of a signed-in user.
func ActorOf(u models.User) Actor {
	return Actor{UserID: u.ID, Username: u.Username, Roles: u.RoleList(), AgentID: u.AgentID, Version: u.Version}
}

// Has reports whether the actor holds role r.
func (a Actor) Has(r models.Role) bool {
	for _, x := range a.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Op is an operation subject to access control.
type Op string

// Operations. The matrix below says which role may do each, and on which agents.
const (
	OpManageUsers      Op = "users.manage"
	OpEditPolicy       Op = "policy.edit"
	OpBackup           Op = "backup"
	OpViewAuditLog     Op = "auditlog.view"
	OpViewJobs         Op = "jobs.view"
	OpManageJobs       Op = "jobs.manage"
	OpManageQuestions  Op = "questions.manage"
	OpViewCandidates   Op = "candidates.view"
	OpManageCandidates Op = "candidates.manage"
	OpViewAgents       Op = "agents.view"
	OpEditAgents       Op = "agents.edit"
	OpEditAttendance   Op = "attendance.edit"
	OpManageAuditForms Op = "auditforms.manage"
	OpEnterAudits      Op = "audits.enter"
	OpSubmitWeekly     Op = "weekly.submit"
	OpRateWeekly       Op = "weekly.rate"
	OpImportWeekly     Op = "weekly.import"
	OpWriteReview      Op = "reviews.write"
	OpViewScores       Op = "scores.view"
	OpFinalize         Op = "evaluations.finalize"
	OpViewPromotions   Op = "promotions.view"
	OpDecidePromotion  Op = "promotions.decide"
	// OpViewHireQuality reads the quality of hire: hired candidates'
	// interview scores beside their first full year's annual scores.
	OpViewHireQuality Op = "hirequality.view"
)

// Scope says on which agents (or candidates) a role may perform an operation.
type Scope int

// Scopes, from narrowest to widest.
const (
	ScopeNone     Scope = iota
	ScopeSelf           // only the actor's own agent record
	ScopeTeam           // agents whose direct supervisor is the actor
	ScopeAssigned       // candidates whose interview the actor is assigned to
	ScopeAll
)

// Matrix is the access-control table of DESIGN.md: operation → role → scope.
var Matrix = map[Op]map[models.Role]Scope{
	OpManageUsers:      {models.RoleAdmin: ScopeAll},
	OpEditPolicy:       {models.RoleAdmin: ScopeAll},
	OpBackup:           {models.RoleAdmin: ScopeAll},
	OpViewAuditLog:     {models.RoleAdmin: ScopeAll, models.RoleManager: ScopeAll},
	OpViewJobs:         {models.RoleHR: ScopeAll, models.RoleManager: ScopeAll, models.RoleSupervisor: ScopeAll},
	OpManageJobs:       {models.RoleHR: ScopeAll},
	OpManageQuestions:  {models.RoleHR: ScopeAll},
	OpViewCandidates:   {models.RoleHR: ScopeAll, models.RoleManager: ScopeAll, models.RoleSupervisor: ScopeAssigned, models.RoleQuality: ScopeAssigned, models.RoleAgent: ScopeAssigned},
	OpManageCandidates: {models.RoleHR: ScopeAll},
	OpViewAgents:       {models.RoleHR: ScopeAll, models.RoleManager: ScopeAll, models.RoleQuality: ScopeAll, models.RoleSupervisor: ScopeTeam, models.RoleAgent: ScopeSelf},
	OpEditAgents:       {models.RoleHR: ScopeAll},
	OpEditAttendance:   {models.RoleHR: ScopeAll},
	OpManageAuditForms: {models.RoleQuality: ScopeAll},
	OpEnterAudits:      {models.RoleQuality: ScopeAll},
	OpSubmitWeekly:     {models.RoleAgent: ScopeSelf},
	OpRateWeekly:       {models.RoleSupervisor: ScopeTeam},
	OpImportWeekly:     {models.RoleHR: ScopeAll, models.RoleSupervisor: ScopeTeam},
	OpWriteReview:      {models.RoleSupervisor: ScopeTeam},
	OpViewScores:       {models.RoleManager: ScopeAll, models.RoleHR: ScopeAll, models.RoleQuality: ScopeAll, models.RoleSupervisor: ScopeTeam, models.RoleAgent: ScopeSelf},
	OpFinalize:         {models.RoleManager: ScopeAll},
	OpViewPromotions:   {models.RoleManager: ScopeAll, models.RoleHR: ScopeAll},
	OpDecidePromotion:  {models.RoleManager: ScopeAll},
	// Quality of hire (issue 13) shows agents' annual scores beside their
	// interviews: the roles that see both every score and every candidate.
	OpViewHireQuality: {models.RoleManager: ScopeAll, models.RoleHR: ScopeAll},
}

// TableAccess is what an operation does to the database's tables. With
// Matrix it is the one access-control table: the Go checks above read
// Matrix, and on PostgreSQL the group roles' GRANTs and row-level security
// policies are generated from Matrix and OpTables together (pgroles.go). A
// role's scope for an operation (Matrix) becomes, on each table the
// operation touches, the rows that role's policy lets it see or change.
type TableAccess struct {
	// Read lists the tables the operation reads ("*": every table).
	Read []string
	// Write lists the tables it inserts, updates and deletes rows of.
	Write []string
	// Own lists the tables where it writes only the actor's own rows
	// (user_id is the actor's account): an interviewer's feedback.
	Own []string
}

// OpTables says which tables each operation of Matrix reads and writes.
var OpTables = map[Op]TableAccess{
	OpManageUsers:      {Write: []string{"users", "user_roles"}},
	OpEditPolicy:       {Write: []string{"policy_versions", "ladder_roles", "competencies"}},
	OpBackup:           {Read: []string{"*"}},
	OpViewAuditLog:     {Read: []string{"audit_logs"}},
	OpViewJobs:         {Read: []string{"job_descriptions"}},
	OpManageJobs:       {Write: []string{"job_descriptions"}},
	OpManageQuestions:  {Write: []string{"questions", "question_categories"}},
	OpViewCandidates:   {Read: []string{"candidates", "stage_changes", "interviews", "interview_questions", "interview_assignments", "interview_scores", "job_descriptions", "questions", "question_categories"}, Own: []string{"interview_assignments", "interview_scores"}},
	OpManageCandidates: {Write: []string{"candidates", "stage_changes", "interviews", "interview_questions", "interview_assignments", "interview_scores", "app_meta"}, Read: []string{"job_descriptions", "questions", "question_categories"}},
	OpViewAgents:       {Read: []string{"agents", "role_histories", "promotions"}},
	OpEditAgents:       {Write: []string{"agents", "role_histories"}},
	OpEditAttendance:   {Write: []string{"attendance_days", "attendance_summaries"}, Read: []string{"agents"}},
	OpManageAuditForms: {Write: []string{"audit_forms", "audit_form_items"}},
	OpEnterAudits:      {Write: []string{"audits", "audit_results", "audit_summaries"}, Read: []string{"agents", "audit_forms", "audit_form_items"}},
	OpSubmitWeekly:     {Write: []string{"weekly_reports", "weekly_summaries"}},
	OpRateWeekly:       {Write: []string{"weekly_reports", "weekly_summaries"}},
	OpImportWeekly:     {Write: []string{"weekly_reports", "weekly_summaries"}, Read: []string{"agents"}},
	OpWriteReview:      {Write: []string{"reviews", "review_ratings", "review_summaries"}, Read: []string{"agents"}},
	OpViewScores:       {Read: []string{"agents", "attendance_days", "attendance_summaries", "audits", "audit_results", "audit_summaries", "audit_forms", "audit_form_items", "weekly_reports", "weekly_summaries", "reviews", "review_ratings", "review_summaries", "evaluations", "role_histories"}},
	OpFinalize:         {Write: []string{"evaluations"}},
	OpViewPromotions:   {Read: []string{"agents", "evaluations", "promotions", "role_histories"}},
	OpDecidePromotion:  {Write: []string{"promotions", "role_histories", "agents"}},
	// The quality of hire reads the hired candidates' interview marks and
	// their first full year's evaluation inputs (store/hire.go).
	OpViewHireQuality: {Read: []string{"agents", "candidates", "job_descriptions", "interviews", "interview_assignments", "interview_scores", "questions", "question_categories", "users",
		"attendance_days", "attendance_summaries", "audits", "audit_results", "audit_summaries", "audit_forms", "audit_form_items", "weekly_reports", "weekly_summaries", "reviews", "review_ratings", "review_summaries", "evaluations", "role_histories"}},
}

// ScopeOf returns the widest scope the actor has for op.
func (a Actor) ScopeOf(op Op) Scope {
	if a.System {
		return ScopeAll
	}
	best := ScopeNone
	for _, r := range a.Roles {
		if sc := Matrix[op][r]; sc > best {
			best = sc
		}
	}
	return best
}

// Can reports whether the actor may perform op at all (on some record).
func (a Actor) Can(op Op) bool { return a.ScopeOf(op) != ScopeNone }

// CanOnAgent reports whether the actor may perform op on agent ag.
// Team scope means ag's direct supervisor is the actor's agent record; self
// scope means ag is the actor's own agent record.
func (a Actor) CanOnAgent(op Op, ag *models.Agent) bool {
	if a.System {
		return true
	}
	for _, r := range a.Roles {
		switch Matrix[op][r] {
		case ScopeAll:
			return true
		case ScopeTeam:
			if ag != nil && a.AgentID != nil && ag.SupervisorID != nil && *ag.SupervisorID == *a.AgentID {
				return true
			}
		case ScopeSelf:
			if ag != nil && a.AgentID != nil && ag.ID == *a.AgentID {
				return true
			}
		}
	}
	return false
}

// deny logs a refused operation (audit log and slog) and returns ErrForbidden.
func (s *Store) deny(a Actor, op Op, key string) error {
	s.log.Warn("access denied", "user", a.Username, "op", string(op), "key", key)
	_ = s.db.Create(&models.AuditLog{At: s.now().UTC(), UserID: optID(a.UserID), Username: a.Username,
		Action: "denied", Entity: string(op), EntityKey: key}).Error
	return fmt.Errorf("%s %s: %w", op, key, models.ErrForbidden)
}

// require checks that the actor's session holds and that it may perform op at all.
func (s *Store) require(a Actor, op Op) error {
	if err := s.checkSession(a); err != nil {
		return err
	}
	if a.Can(op) {
		return nil
	}
	return s.deny(a, op, "")
}

// requireAgent checks that the actor's session holds and that it may perform op on agent ag.
func (s *Store) requireAgent(a Actor, op Op, ag *models.Agent) error {
	if err := s.checkSession(a); err != nil {
		return err
	}
	if a.CanOnAgent(op, ag) {
		return nil
	}
	key := ""
	if ag != nil {
		key = ag.EmployeeNo
	}
	return s.deny(a, op, key)
}

func optID(id uint) *uint {
	if id == 0 {
		return nil
	}
	return &id
}

// sessionHook holds the function told when a session has ended.
type sessionHook struct {
	mu   sync.Mutex
	fn   func(Actor)
	used func(Actor)
}

// OnSessionUsed sets f to be called each time a signed-in actor's session
// passes its check, that is at every access-checked store call: the window
// counts it as activity for its idle sign-out.
func (ac *Accounts) OnSessionUsed(f func(Actor)) {
	s := ac.s
	s.expired.mu.Lock()
	s.expired.used = f
	s.expired.mu.Unlock()
}

// OnSessionExpired sets f to be called (on the calling goroutine of the
// refused store call) each time a signed-in actor's call is refused with
// models.ErrSessionExpired; the window uses it to sign the user out.
func (ac *Accounts) OnSessionExpired(f func(Actor)) {
	s := ac.s
	s.expired.mu.Lock()
	s.expired.fn = f
	s.expired.mu.Unlock()
}

// CheckSession returns models.ErrSessionExpired (wrapped) when the actor is
// a signed-in user whose account has since been deactivated or deleted, or
// whose roles or password changed (its version moved on). The command line's
// system actor, and an actor without an account, have no session to check.
// It costs one primary-key lookup.
func (ac *Accounts) CheckSession(ctx context.Context, a Actor) error {
	s := ac.s
	s = s.withContext(ctx)
	return s.checkSession(a)
}

func (s *Store) checkSession(a Actor) error {
	if a.System || a.UserID == 0 {
		return nil
	}
	var row struct {
		Active  bool
		Version int
	}
	err := s.db.Model(&models.User{}).Select("active", "version").Where("id = ?", a.UserID).Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
	case err != nil:
		return fmt.Errorf("check session of %s: %w", a.Username, err)
	case row.Active && row.Version == a.Version:
		s.expired.mu.Lock()
		used := s.expired.used
		s.expired.mu.Unlock()
		if used != nil {
			used(a)
		}
		return nil
	}
	s.log.Info("session expired", "user", a.Username)
	s.expired.mu.Lock()
	fn := s.expired.fn
	s.expired.mu.Unlock()
	if fn != nil {
		fn(a)
	}
	return fmt.Errorf("session of %s: %w", a.Username, models.ErrSessionExpired)
}
