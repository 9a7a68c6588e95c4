package store

import (
	"fmt"
	"sort"
	"strings"

	"sullam/models"
)

// pgSetupSQL returns the statements that create or update the group roles,
// their grants, the helper functions and the row-level security policies of
// the database dbname. Every statement may run again: running them all is
// how `init` and `migrate` bring the grants up to date.
//
// Longer than 80 lines on purpose: it is the set-up script, its statements
// in the order they must run (the roles, the database and schema rights,
// the helper functions, then every table's rights and policies from
// nothing by the matrix), read top to bottom as one script.
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
		add("CREATE POLICY sullam_%s_own_language ON public.users FOR UPDATE TO %s USING (id = %s) WITH CHECK (id = %s)", r, g, sqlMyUID, sqlMyUID)
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
				p := "user_id = " + sqlMyUID + " AND " + rowPredicate(t, ra.read[t], false)
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
