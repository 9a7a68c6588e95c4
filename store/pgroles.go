package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sullam/models"
)

// On PostgreSQL every Sullam account is its own database login, and what
// it may read and change is enforced by PostgreSQL itself (README "Shared
// PostgreSQL"):
//
//   - Six group roles, <prefix>_admin, _hr, _quality, _supervisor, _manager
//     and _agent, get the GRANTs and row-level security policies generated
//     from Matrix and OpTables (access.go): the same table drives the Go
//     checks and the database's.
//   - An account's login is <prefix>_u_<name>_<hash> (PGLoginName), a member
//     of the group roles of the account's roles, NOLOGIN while the account
//     is deactivated. Its password is stored by PostgreSQL as a SCRAM-SHA-256
//     secret computed here, so the clear password never appears in SQL.
//   - The policies find the current account by looking current_user up in
//     sullam_logins (sullam_uid()); nothing a desk can set.
//   - The prefix is "sullam" for a database named sullam, and derived from
//     the database's name otherwise (PGRolePrefix): roles are cluster-wide,
//     so two Sullam databases on one server never share them.

// pgTables are the tables of the schema. Every table must be listed: a test
// compares the list with the database, so that a new table gets a decision.
var pgTables = []string{
	"agents", "app_meta", "attendance_days", "attendance_summaries", "audit_form_items", "audit_forms", "audit_logs", "audit_results", "audit_summaries", "audits",
	"candidates", "competencies", "evaluations", "interview_assignments", "interview_questions", "interview_scores",
	"interviews", "job_descriptions", "ladder_roles", "policy_versions", "promotions", "question_categories", "questions",
	"review_ratings", "review_summaries", "reviews", "role_histories", "schema_migrations", "stage_changes", "sullam_logins", "user_roles",
	"users", "weekly_reports", "weekly_summaries",
}

// pgEveryoneReads are the tables every signed-in role reads whatever its
// operations: the accounts (sign-in, session checks, interviewer lists),
// the login map the policies use, the schema version, the scoring policy
// and the store's own notes.
var pgEveryoneReads = []string{"users", "user_roles", "sullam_logins", "schema_migrations", "app_meta", "policy_versions", "ladder_roles", "competencies"}

// pgNeverWritten are the tables no desk role may change: the audit log is
// append-only (INSERT only, for everyone, admins included); the login map
// and the schema are the owner's.
var pgNeverWritten = []string{"audit_logs", "sullam_logins", "schema_migrations"}

// rowTie says how the rows of a table belong to an agent or a candidate,
// for the scoped policies.
type rowTie struct {
	agentCol  string // agent-tied: the column holding the agent's id
	parent    string // child table: its parent table...
	fk        string // ...and the column pointing at the parent's id
	interview string // interview-tied: the column holding the interview's id
	candidate string // candidate-tied: the column holding the candidate's id
}

// pgTies are the tables whose rows belong to an agent or a candidate: they
// get row-level security.
var pgTies = map[string]rowTie{
	"agents":                {agentCol: "id"},
	"attendance_days":       {agentCol: "agent_id"},
	"attendance_summaries":  {agentCol: "agent_id"},
	"weekly_reports":        {agentCol: "agent_id"},
	"weekly_summaries":      {agentCol: "agent_id"},
	"audit_summaries":       {agentCol: "agent_id"},
	"review_summaries":      {agentCol: "agent_id"},
	"audits":                {agentCol: "agent_id"},
	"audit_results":         {parent: "audits", fk: "audit_id"},
	"reviews":               {agentCol: "agent_id"},
	"review_ratings":        {parent: "reviews", fk: "review_id"},
	"evaluations":           {agentCol: "agent_id"},
	"promotions":            {agentCol: "agent_id"},
	"role_histories":        {agentCol: "agent_id"},
	"candidates":            {candidate: "id"},
	"stage_changes":         {candidate: "candidate_id"},
	"interviews":            {interview: "id"},
	"interview_questions":   {interview: "interview_id"},
	"interview_scores":      {interview: "interview_id"},
	"interview_assignments": {interview: "interview_id"},
}

// The policies call the signed-in account's functions through a scalar
// subquery, (SELECT public.sullam_uid()): PostgreSQL then runs it once per
// statement (an InitPlan) instead of once per row it filters, since the
// functions, with their own search_path, are never inlined. A supervisor's
// read of every agent-year summary (44,000 rows at 10,000 agents) took
// 2.7 s of the server's time with a call a row, 40 ms with the subquery.
const (
	sqlMyUID        = "(SELECT public.sullam_uid())"
	sqlMyAgent      = "(SELECT public.sullam_my_agent())"
	sqlMyInterviews = "SELECT ia.interview_id FROM public.interview_assignments ia WHERE ia.user_id = " + sqlMyUID
)

// rowPredicate returns the policy condition on table's rows for scope sc;
// write is the condition for changing rows (a team scope then excludes the
// supervisor's own record, which they only see).
func rowPredicate(table string, sc Scope, write bool) string {
	if sc == ScopeAll {
		return "true"
	}
	tie := pgTies[table]
	switch {
	case tie.parent != "":
		return fmt.Sprintf("%s IN (SELECT p.id FROM public.%s p WHERE %s)", tie.fk, tie.parent, agentPredicate(pgTies[tie.parent].agentCol, tie.parent, sc, write, "p."))
	case tie.agentCol != "":
		return agentPredicate(tie.agentCol, table, sc, write, "")
	case sc != ScopeAssigned:
		return "false"
	case table == "interview_assignments":
		// its own rows only: a policy may not read its own table
		return "user_id = " + sqlMyUID
	case tie.interview != "":
		return fmt.Sprintf("%s IN (%s)", tie.interview, sqlMyInterviews)
	default:
		return fmt.Sprintf("%s IN (SELECT i.candidate_id FROM public.interviews i WHERE i.id IN (%s))", tie.candidate, sqlMyInterviews)
	}
}

func agentPredicate(col, table string, sc Scope, write bool, alias string) string {
	col = alias + col
	self := col + " = " + sqlMyAgent
	var team string
	if table == "agents" {
		team = alias + "supervisor_id = " + sqlMyAgent
	} else {
		team = fmt.Sprintf("%s IN (SELECT t.id FROM public.agents t WHERE t.supervisor_id = %s)", col, sqlMyAgent)
	}
	switch sc {
	case ScopeSelf:
		return self
	case ScopeTeam:
		if write {
			return team
		}
		return "(" + team + " OR " + self + ")"
	}
	return "false"
}

// roleAccess is what one group role may do, table by table: the widest
// scope of its reads, its writes and its own-row writes.
type roleAccess struct {
	read, write map[string]Scope
	own         map[string]bool
}

// accessOf folds Matrix and OpTables into what role r may do.
func accessOf(r models.Role) roleAccess {
	ra := roleAccess{read: map[string]Scope{}, write: map[string]Scope{}, own: map[string]bool{}}
	widen := func(m map[string]Scope, t string, sc Scope) {
		if sc > m[t] {
			m[t] = sc
		}
	}
	for op, byRole := range Matrix {
		sc := byRole[r]
		if sc == ScopeNone {
			continue
		}
		acc := OpTables[op]
		for _, t := range acc.Read {
			if t == "*" {
				for _, x := range pgTables {
					widen(ra.read, x, sc)
				}
				continue
			}
			widen(ra.read, t, sc)
		}
		for _, t := range acc.Write {
			if slices.Contains(pgNeverWritten, t) {
				continue
			}
			widen(ra.write, t, sc)
			widen(ra.read, t, sc)
		}
		for _, t := range acc.Own {
			ra.own[t] = true
			widen(ra.read, t, sc)
		}
	}
	for _, t := range pgEveryoneReads {
		widen(ra.read, t, ScopeAll)
	}
	return ra
}

// pgSetupKey is the app_meta key holding the hash of the role set-up last
// applied: opening with the owner's URL applies it again when it changed.
const pgSetupKey = "pg_roles"

// errNeedOwner explains a failed role set-up.
var errNeedOwner = errors.New("the database owner's URL is needed, and the owner needs CREATEROLE")

// ensurePGRoles brings the group roles, grants and policies up to date
// (PostgreSQL, owner's connection): when the set-up changed since it last
// ran, or a group role is missing, it runs pgSetupSQL in one transaction,
// and gives each account that has no login yet (a database made before
// 0012) a login without a password, with its roles.
func (s *Store) ensurePGRoles() error {
	stmts := pgSetupSQL(s.pgPrefix, s.pgDatabase)
	sum := sha256.Sum256([]byte(strings.Join(stmts, "\n")))
	want := hex.EncodeToString(sum[:])
	groups := make([]string, 0, len(pgKinds))
	for _, r := range pgKinds {
		groups = append(groups, PGGroupRole(s.pgPrefix, r))
	}
	current := func(db *gorm.DB) (bool, error) {
		var have string
		if err := db.Raw("SELECT value FROM app_meta WHERE key = ?", pgSetupKey).Scan(&have).Error; err != nil {
			return false, err
		}
		var n int64
		if err := db.Raw("SELECT count(*) FROM pg_roles WHERE rolname IN ?", groups).Scan(&n).Error; err != nil {
			return false, err
		}
		return have == want && n == int64(len(groups)), nil
	}
	if ok, err := current(s.db); err != nil {
		return fmt.Errorf("set up PostgreSQL roles: %w", err)
	} else if ok {
		return nil
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		// one set-up at a time (two desks of the owner opening at once)
		if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtext('sullam_pg_roles'))").Error; err != nil {
			return err
		}
		if ok, err := current(tx); err != nil || ok {
			return err
		}
		// one round trip: the statements take no parameters
		if err := tx.Exec(strings.Join(stmts, ";\n")).Error; err != nil {
			return err
		}
		var users []models.User
		if err := tx.Preload("Roles").Where("id NOT IN (SELECT user_id FROM sullam_logins)").Find(&users).Error; err != nil {
			return fmt.Errorf("accounts without a login: %w", err)
		}
		for _, u := range users {
			if err := s.setLogin(tx, u.ID, u.Username, "", u.Active, u.RoleList()); err != nil {
				return err
			}
		}
		return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoUpdates: clause.AssignmentColumns([]string{"value", "updated_at"})}).
			Table("app_meta").Create(map[string]any{"key": pgSetupKey, "value": want, "updated_at": s.now().UTC()}).Error
	})
	if err != nil {
		return fmt.Errorf("set up PostgreSQL roles (%w): %w", errNeedOwner, err)
	}
	return nil
}

// setLogin creates or changes the login of account id inside tx: its roles,
// LOGIN when active, and when secret is not empty its SCRAM secret.
func (s *Store) setLogin(tx *gorm.DB, id uint, username, secret string, active bool, roles []models.Role) error {
	names := make([]string, 0, len(roles))
	for _, r := range roles {
		names = append(names, string(r))
	}
	var sec *string
	if secret != "" {
		sec = &secret
	}
	login := PGLoginName(s.pgPrefix, username)
	if err := tx.Exec("SELECT public.sullam_set_login(?, ?, ?, ?, ?)", id, login, sec, active, strings.Join(names, ",")).Error; err != nil {
		return fmt.Errorf("database login %s of %s: %w", login, username, err)
	}
	return nil
}
