package store

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"sullam/models"
)

// Rule (issue 11, one source): the PostgreSQL grants and policies are
// generated from the access matrix itself. For every operation, role and
// scope of Matrix, the role's group gets the operation's tables (OpTables),
// with a row policy where the scope is narrower than all; a role gets no
// table that neither Matrix nor the everyone-reads list gives it; and
// changing Matrix changes the grants.
func TestPGSetupFollowsMatrix(t *testing.T) {
	sql := strings.Join(pgSetupSQL("sullam", "sullam"), "\n")
	group := func(r models.Role) string { return pgIdent(PGGroupRole("sullam", r)) }
	for op, byRole := range Matrix {
		acc, ok := OpTables[op]
		if !ok || len(acc.Read)+len(acc.Write)+len(acc.Own) == 0 {
			t.Errorf("operation %s has no tables in OpTables", op)
		}
		for _, tables := range [][]string{acc.Read, acc.Write, acc.Own} {
			for _, tb := range tables {
				if tb != "*" && !slices.Contains(pgTables, tb) {
					t.Errorf("operation %s names table %s, not in the schema", op, tb)
				}
			}
		}
		for r, sc := range byRole {
			for _, tb := range acc.Write {
				if !strings.Contains(sql, "GRANT INSERT, UPDATE, DELETE ON public."+tb+" TO "+group(r)+"\n") {
					t.Errorf("%s/%s: no write grant on %s", op, r, tb)
				}
				if _, tied := pgTies[tb]; tied && !strings.Contains(sql, "CREATE POLICY sullam_"+string(r)+"_update ON public."+tb+" ") {
					t.Errorf("%s/%s: no update policy on %s", op, r, tb)
				}
			}
			for _, tb := range acc.Read {
				if tb != "*" && !strings.Contains(sql, "GRANT SELECT ON public."+tb+" TO "+group(r)+"\n") {
					t.Errorf("%s/%s: no read grant on %s", op, r, tb)
				}
			}
			if sc == ScopeTeam {
				for _, tb := range append(slices.Clone(acc.Read), acc.Write...) {
					if _, tied := pgTies[tb]; tied && !regexp.MustCompile(`CREATE POLICY sullam_`+string(r)+`_read ON public\.`+tb+` .*supervisor_id = \(SELECT public\.sullam_my_agent\(\)\)`).MatchString(sql) {
						t.Errorf("%s/%s: the read policy on %s is not the team's", op, r, tb)
					}
				}
			}
		}
	}
	// nothing beyond the matrix: an agent gets no grant on candidates'
	// private tables beyond its interviews, none on audits' forms' writes
	for _, r := range models.Roles {
		ra := accessOf(r)
		for _, tb := range pgTables {
			granted := strings.Contains(sql, "GRANT SELECT ON public."+tb+" TO "+group(r)+"\n")
			if granted != (ra.read[tb] != ScopeNone) {
				t.Errorf("%s on %s: granted %v, matrix scope %v", r, tb, granted, ra.read[tb])
			}
		}
	}
	if regexp.MustCompile(`GRANT [^\n]*(UPDATE|DELETE|TRUNCATE)[^\n]* ON public\.audit_logs `).MatchString(sql) {
		t.Error("a role may change or empty the audit log")
	}
	// one source: take the review writing from supervisors in the matrix,
	// and their grant on reviews goes
	saved := Matrix[OpWriteReview]
	Matrix[OpWriteReview] = map[models.Role]Scope{}
	changed := strings.Join(pgSetupSQL("sullam", "sullam"), "\n")
	Matrix[OpWriteReview] = saved
	if strings.Contains(changed, "GRANT INSERT, UPDATE, DELETE ON public.reviews TO "+group(models.RoleSupervisor)) {
		t.Error("the grants do not follow the matrix: supervisors still write reviews")
	}
	if !strings.Contains(sql, "GRANT INSERT, UPDATE, DELETE ON public.reviews TO "+group(models.RoleSupervisor)) {
		t.Error("supervisors cannot write reviews")
	}
}

// Rule: role and login names are safe identifiers (a–z, 0–9, _ only), at
// most 63 bytes, unique per user name whatever its letters, and the
// database sullam gets the group roles sullam_admin… of the issue.
func TestPGNames(t *testing.T) {
	if got := PGGroupRole(PGRolePrefix("sullam"), models.RoleAdmin); got != "sullam_admin" {
		t.Errorf("group role of database sullam: %s, want sullam_admin", got)
	}
	if got := PGRolePrefix("HR-Riyadh"); got != "sullam_hr_riyadh" {
		t.Errorf("prefix of HR-Riyadh: %s", got)
	}
	long := PGRolePrefix(strings.Repeat("قاعدة", 20))
	safe := regexp.MustCompile(`^[a-z0-9_]+$`)
	seen := map[string]string{}
	for _, name := range []string{"ali", "Ali", "علي", "عمر", `x"; DROP ROLE postgres; --`, strings.Repeat("a", 64), strings.Repeat("a", 63) + "b"} {
		for _, prefix := range []string{"sullam", long} {
			l := PGLoginName(prefix, name)
			if !safe.MatchString(l) || len(l) > 63 || !strings.HasPrefix(l, prefix+"_u_") {
				t.Errorf("login of %q under %s: %q", name, prefix, l)
			}
			if other, dup := seen[l]; dup && other != name {
				t.Errorf("%q and %q share the login %s", name, other, l)
			}
			seen[l] = name
		}
	}
	if len(long) > pgMaxPrefix || !safe.MatchString(long) {
		t.Errorf("long prefix %q", long)
	}
}
