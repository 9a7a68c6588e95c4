package store

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/secure/precis"
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

// pgKinds are the Sullam roles in the order their group roles are made.
var pgKinds = models.Roles

// pgMaxPrefix is the longest role prefix: a login is prefix + "_u_" + 20
// characters of the user name + "_" + 8 hex digits, within PostgreSQL's 63.
const pgMaxPrefix = 30

// PGRolePrefix returns the prefix of the PostgreSQL role names of the
// database named dbname: the name in lower case with every character other
// than a–z, 0–9 and _ replaced by _, with "sullam_" in front unless it
// already starts with "sullam", and shortened with a hash when longer than
// 30 characters. The database sullam gets the roles sullam_admin, sullam_hr…
func PGRolePrefix(dbname string) string {
	p := pgSanitize(dbname)
	if !strings.HasPrefix(p, "sullam") {
		p = "sullam_" + p
	}
	if len(p) > pgMaxPrefix {
		p = p[:pgMaxPrefix-9] + "_" + shortHash(dbname)
	}
	return p
}

// PGGroupRole returns the group role of Sullam role r under prefix.
func PGGroupRole(prefix string, r models.Role) string { return prefix + "_" + string(r) }

// PGLoginName returns the PostgreSQL login of the account username under
// prefix: prefix_u_, the user name sanitized as PGRolePrefix does and cut to
// 20 characters, _ and the first 8 hex digits of the SHA-256 of the exact
// user name (so that two user names never share a login, whatever their
// letters). Only a–z, 0–9 and _ appear: the name is safe to quote anywhere.
func PGLoginName(prefix, username string) string {
	u := pgSanitize(username)
	if len(u) > 20 {
		u = u[:20]
	}
	return prefix + "_u_" + u + "_" + shortHash(username)
}

func pgSanitize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}

// pgIdent quotes a PostgreSQL identifier.
func pgIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// pgLiteral quotes a PostgreSQL string literal (standard_conforming_strings).
func pgLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// scramIterations is PostgreSQL's default for SCRAM-SHA-256 secrets.
const scramIterations = 4096

// scramSecret returns the SCRAM-SHA-256 secret PostgreSQL stores for pw
// (RFC 5802/7677, PostgreSQL's format). The password is prepared with
// SASLprep (precis OpaqueString) as the driver does when it signs in.
func scramSecret(pw string) (string, error) {
	prepared, err := precis.OpaqueString.String(pw)
	if err != nil {
		prepared = pw // the driver sends such a password as it is, too
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("scram secret: %w", err)
	}
	return scramSecretWith(prepared, salt, scramIterations)
}

func scramSecretWith(pw string, salt []byte, iter int) (string, error) {
	salted, err := pbkdf2.Key(sha256.New, pw, salt, iter, sha256.Size)
	if err != nil {
		return "", fmt.Errorf("scram secret: %w", err)
	}
	mac := func(key []byte, msg string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(msg))
		return h.Sum(nil)
	}
	stored := sha256.Sum256(mac(salted, "Client Key"))
	server := mac(salted, "Server Key")
	enc := base64.StdEncoding
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iter, enc.EncodeToString(salt), enc.EncodeToString(stored[:]), enc.EncodeToString(server)), nil
}

// pgTables are the tables of the schema. Every table must be listed: a test
// compares the list with the database, so that a new table gets a decision.
var pgTables = []string{
	"agents", "app_meta", "attendance_days", "attendance_summaries", "audit_form_items", "audit_forms", "audit_logs", "audit_results", "audit_summaries", "audits",
	"candidates", "competencies", "evaluations", "interview_assignments", "interview_questions", "interview_scores",
	"interviews", "job_descriptions", "ladder_roles", "policy_versions", "promotions", "question_categories", "questions",
	"review_ratings", "reviews", "role_histories", "schema_migrations", "stage_changes", "sullam_logins", "user_roles",
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

const (
	sqlMyAgent      = "public.sullam_my_agent()"
	sqlMyInterviews = "SELECT ia.interview_id FROM public.interview_assignments ia WHERE ia.user_id = public.sullam_uid()"
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
		return "user_id = public.sullam_uid()"
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

// pgSetupSQL returns the statements that create or update the group roles,
// their grants, the helper functions and the row-level security policies of
// the database dbname. Every statement may run again: running them all is
// how `init` and `migrate` bring the grants up to date.
func pgSetupSQL(prefix, dbname string) []string {
	var q []string
	add := func(format string, args ...any) { q = append(q, fmt.Sprintf(format, args...)) }
	groups := make([]string, 0, len(pgKinds))
	for _, r := range pgKinds {
		g := PGGroupRole(prefix, r)
		groups = append(groups, pgIdent(g))
		add("DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) THEN CREATE ROLE %s NOLOGIN; END IF; END$$", pgLiteral(g), pgIdent(g))
	}
	all := strings.Join(groups, ", ")
	// Only Sullam's roles reach this database; nobody makes objects in it.
	add("REVOKE CONNECT, TEMPORARY ON DATABASE %s FROM PUBLIC", pgIdent(dbname))
	add("GRANT CONNECT ON DATABASE %s TO %s", pgIdent(dbname), all)
	add("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
	add("GRANT USAGE ON SCHEMA public TO %s", all)
	// Who is signed in: the login of the connection, looked up (tables
	// qualified, so no temporary table of the same name can stand in).
	add("CREATE OR REPLACE FUNCTION public.sullam_uid() RETURNS bigint LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$ SELECT user_id FROM public.sullam_logins WHERE login = current_user $$")
	add("CREATE OR REPLACE FUNCTION public.sullam_my_agent() RETURNS bigint LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$ SELECT agent_id FROM public.users WHERE id = public.sullam_uid() $$")
	add("%s", pgSetLoginFunc(prefix))
	add("REVOKE ALL ON FUNCTION public.sullam_set_login(bigint, text, text, boolean, text) FROM PUBLIC")
	add("GRANT EXECUTE ON FUNCTION public.sullam_set_login(bigint, text, text, boolean, text) TO %s", pgIdent(PGGroupRole(prefix, models.RoleAdmin)))
	// Start from nothing, then grant what the matrix says.
	add("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %s", all)
	add("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %s", all)
	add("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %s", all)
	add(`DO $$DECLARE p record; BEGIN FOR p IN SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'public' AND policyname LIKE 'sullam\_%%' LOOP EXECUTE format('DROP POLICY %%I ON public.%%I', p.policyname, p.tablename); END LOOP; END$$`)
	tied := make([]string, 0, len(pgTies))
	for t := range pgTies {
		tied = append(tied, t)
	}
	sort.Strings(tied)
	for _, t := range tied {
		add("ALTER TABLE public.%s ENABLE ROW LEVEL SECURITY", t)
	}
	// users: everyone reads the accounts; a role changes its own language
	// only (policy below); admins manage them all
	add("ALTER TABLE public.users ENABLE ROW LEVEL SECURITY")
	for _, r := range pgKinds {
		g := pgIdent(PGGroupRole(prefix, r))
		ra := accessOf(r)
		for _, t := range sortedKeys(ra.read) {
			add("GRANT SELECT ON public.%s TO %s", t, g)
		}
		for _, t := range sortedKeys(ra.write) {
			add("GRANT INSERT, UPDATE, DELETE ON public.%s TO %s", t, g)
		}
		own := make([]string, 0, len(ra.own))
		for t := range ra.own {
			own = append(own, t)
		}
		sort.Strings(own)
		for _, t := range own {
			add("GRANT INSERT, UPDATE ON public.%s TO %s", t, g)
		}
		// Every role writes the audit log (its changes and its refusals),
		// and only appends to it; a language choice is its own.
		add("GRANT INSERT ON public.audit_logs TO %s", g)
		add("GRANT SELECT (id) ON public.audit_logs TO %s", g)
		add("GRANT UPDATE (language, updated_at) ON public.users TO %s", g)
		add("CREATE POLICY sullam_%s_own_language ON public.users FOR UPDATE TO %s USING (id = public.sullam_uid()) WITH CHECK (id = public.sullam_uid())", r, g)
		add("CREATE POLICY sullam_%s_read ON public.users FOR SELECT TO %s USING (true)", r, g)
		if ra.write["users"] == ScopeAll {
			add("CREATE POLICY sullam_%s_write ON public.users FOR ALL TO %s USING (true) WITH CHECK (true)", r, g)
		}
		for _, t := range tied {
			if sc := ra.read[t]; sc != ScopeNone {
				add("CREATE POLICY sullam_%s_read ON public.%s FOR SELECT TO %s USING (%s)", r, t, g, rowPredicate(t, sc, false))
			}
			if sc := ra.write[t]; sc != ScopeNone {
				p := rowPredicate(t, sc, true)
				add("CREATE POLICY sullam_%s_insert ON public.%s FOR INSERT TO %s WITH CHECK (%s)", r, t, g, p)
				add("CREATE POLICY sullam_%s_update ON public.%s FOR UPDATE TO %s USING (%s) WITH CHECK (%s)", r, t, g, p, p)
				add("CREATE POLICY sullam_%s_delete ON public.%s FOR DELETE TO %s USING (%s)", r, t, g, p)
			}
			if ra.own[t] {
				p := "user_id = public.sullam_uid() AND " + rowPredicate(t, ra.read[t], false)
				add("CREATE POLICY sullam_%s_own_insert ON public.%s FOR INSERT TO %s WITH CHECK (%s)", r, t, g, p)
				add("CREATE POLICY sullam_%s_own_update ON public.%s FOR UPDATE TO %s USING (%s) WITH CHECK (%s)", r, t, g, p, p)
			}
		}
	}
	return q
}

func sortedKeys(m map[string]Scope) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		if v != ScopeNone {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// pgSetLoginFunc is the one way a desk (an admin) creates or changes a
// login: a function that runs with the owner's rights (CREATEROLE) and
// accepts only logins under the database's prefix, the six group roles and
// SCRAM secrets. Admins get EXECUTE on it, and no CREATEROLE themselves.
func pgSetLoginFunc(prefix string) string {
	kinds := make([]string, 0, len(pgKinds))
	for _, r := range pgKinds {
		kinds = append(kinds, pgLiteral(string(r)))
	}
	pattern := pgLiteral("^" + prefix + "_u_[a-z0-9_]+$")
	return `CREATE OR REPLACE FUNCTION public.sullam_set_login(p_user bigint, p_login text, p_secret text, p_can_login boolean, p_roles text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET password_encryption = 'scram-sha-256' AS $f$
DECLARE
	kinds text[] := ARRAY[` + strings.Join(kinds, ", ") + `];
	wanted text[] := CASE WHEN coalesce(p_roles, '') = '' THEN ARRAY[]::text[] ELSE string_to_array(p_roles, ',') END;
	k text;
	g text;
BEGIN
	IF p_login !~ ` + pattern + ` OR length(p_login) > 63 THEN
		RAISE EXCEPTION 'sullam_set_login: % is not a login of this database', p_login;
	END IF;
	IF NOT wanted <@ kinds THEN
		RAISE EXCEPTION 'sullam_set_login: unknown role in %', p_roles;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM public.users WHERE id = p_user) THEN
		RAISE EXCEPTION 'sullam_set_login: no account %', p_user;
	END IF;
	IF EXISTS (SELECT 1 FROM public.sullam_logins WHERE login = p_login AND user_id <> p_user) THEN
		RAISE EXCEPTION 'sullam_set_login: % belongs to another account', p_login;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
		EXECUTE format('CREATE ROLE %I NOLOGIN', p_login);
	END IF;
	IF p_secret IS NOT NULL THEN
		IF p_secret !~ '^SCRAM-SHA-256\$' THEN
			RAISE EXCEPTION 'sullam_set_login: only a SCRAM-SHA-256 secret is accepted';
		END IF;
		EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_secret);
	END IF;
	EXECUTE format('ALTER ROLE %I %s', p_login, CASE WHEN p_can_login THEN 'LOGIN' ELSE 'NOLOGIN' END);
	IF NOT p_can_login THEN
		-- a deactivated account's open connections end now, waiting up to 5 s
		-- for each to exit (when the owner may signal them: superuser or
		-- member of pg_signal_backend)
		BEGIN
			PERFORM pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE usename = p_login AND pid <> pg_backend_pid();
		EXCEPTION WHEN insufficient_privilege THEN NULL;
		END;
	END IF;
	FOREACH k IN ARRAY kinds LOOP
		g := ` + pgLiteral(prefix+"_") + ` || k;
		IF k = ANY (wanted) THEN
			EXECUTE format('GRANT %I TO %I', g, p_login);
		ELSIF pg_has_role(p_login, g, 'MEMBER') THEN
			EXECUTE format('REVOKE %I FROM %I', g, p_login);
		END IF;
	END LOOP;
	INSERT INTO public.sullam_logins (user_id, login) VALUES (p_user, p_login)
		ON CONFLICT (user_id) DO UPDATE SET login = EXCLUDED.login;
END
$f$`
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
