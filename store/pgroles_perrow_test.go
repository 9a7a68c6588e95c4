package store

import (
	"regexp"
	"strings"
	"testing"

	"sullam/models"
)

// policyCall finds a call of the signed-in account's functions in a policy.
var policyCall = regexp.MustCompile(`(\(SELECT )?public\.sullam_(uid|my_agent)\(\)`)

// Rule (issue 17, PostgreSQL desks): every row-level security policy calls
// sullam_uid() and sullam_my_agent() through a scalar subquery, which
// PostgreSQL runs once per statement, never bare, which it runs once per
// row filtered (the functions are not inlined): a supervisor's desk read
// every agent-year summary of 10,000 agents in 2.7 s of server time, for
// the 39 rows of their team.
func TestPGPoliciesCallTheAccountFunctionsOncePerStatement(t *testing.T) {
	policies, calls := 0, 0
	for _, stmt := range pgSetupSQL("sullam", "sullam") {
		if !strings.HasPrefix(stmt, "CREATE POLICY") {
			continue
		}
		policies++
		for _, m := range policyCall.FindAllStringSubmatch(stmt, -1) {
			calls++
			if m[1] == "" {
				t.Errorf("a policy calls sullam_%s() once a row: %s", m[2], stmt)
			}
		}
	}
	if policies == 0 || calls == 0 {
		t.Fatalf("%d policies, %d calls of the account functions: the test proves nothing", policies, calls)
	}
}

// Rule (issue 17, PostgreSQL desks), on the server: a supervisor's read of
// a table holds the right rows (their team's and their own) and calls
// sullam_my_agent() a bounded number of times, not once for each of the
// 200 attendance days of another team that the policy filters out.
// Counting the calls needs track_functions, a superuser setting: without a
// superuser SULLAM_TEST_PG the test is skipped.
func TestPGSupervisorReadCallsMyAgentOncePerStatement(t *testing.T) {
	f := newPGRolesFixture(t)
	var super bool
	if err := f.ownerDB.QueryRow(f.ctx, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&super); err != nil {
		t.Fatal(err)
	}
	if !super {
		t.Skip("counting function calls (track_functions) needs a superuser SULLAM_TEST_PG")
	}
	const others = 200
	if _, err := f.ownerDB.Exec(f.ctx, `INSERT INTO attendance_days (agent_id, date, status) SELECT $1, date '2025-01-01' + i, $2 FROM generate_series(0, $3 - 1) i`,
		f.agents["A3"].ID, string(models.Present), others); err != nil {
		t.Fatalf("another team's days: %v", err)
	}
	tx, err := f.ownerDB.Begin(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(f.ctx)
	for _, q := range []string{"SET LOCAL track_functions = 'all'", `SET LOCAL ROLE "` + PGLoginName(f.prefix, "sami") + `"`} {
		if _, err := tx.Exec(f.ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var seen int
	if err := tx.QueryRow(f.ctx, "SELECT count(*) FROM attendance_days").Scan(&seen); err != nil {
		t.Fatal(err)
	}
	if seen != 3 {
		t.Errorf("sami reads %d attendance days, want 3 (A1, A2 and their own)", seen)
	}
	var calls int64
	if err := tx.QueryRow(f.ctx, "SELECT COALESCE(SUM(calls), 0) FROM pg_stat_xact_user_functions WHERE funcname = 'sullam_my_agent'").Scan(&calls); err != nil {
		t.Fatal(err)
	}
	if calls == 0 {
		t.Fatal("no call of sullam_my_agent() counted: the count proves nothing")
	}
	if calls > 20 {
		t.Errorf("reading %d attendance days called sullam_my_agent() %d times: once a row", seen+others+2, calls)
	}
}
