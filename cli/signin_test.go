package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sullam/models"
	"sullam/store"
)

// demoPassword is the password of the demo accounts in these tests.
const demoPassword = "demo password for tests"

// demoDB returns a database filled by `demo` (so it has accounts: manager,
// hr, quality, the supervisors and some agents, all with demoPassword).
func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": demoPassword}, "demo", "--agents", "20", "--years", "2"); code != ExitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	return db
}

// as returns the environment of a command signed in as user.
func as(user string) map[string]string {
	return map[string]string{"SULLAM_USER": user, "SULLAM_PASSWORD": demoPassword}
}

// openStore opens db directly, for the checks of a test.
func openStore(t *testing.T, db string) *store.Store {
	t.Helper()
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// commandEntries returns the audit-log rows of commands, oldest first.
func commandEntries(t *testing.T, db string) []models.AuditLog {
	t.Helper()
	st := openStore(t, db)
	rows, err := st.AuditLog(t.Context(), store.SystemActor("test"), store.AuditFilter{Action: "command", Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(rows)
	return rows
}

// Rule (spec/cli.md "Signed in"): on a database that has accounts, a
// command without SULLAM_USER, with an unknown user or with a wrong password
// is refused with exit 1 and a message saying why, and prints no data;
// `version` and `help` need no sign-in.
func TestSignInRequired(t *testing.T) {
	db := demoDB(t)
	for name, tc := range map[string]struct {
		env  map[string]string
		want string
	}{
		"no user":        {map[string]string{"SULLAM_PASSWORD": demoPassword}, "SULLAM_USER"},
		"wrong password": {map[string]string{"SULLAM_USER": "manager", "SULLAM_PASSWORD": "not the password"}, "wrong user name or password"},
		"unknown user":   {map[string]string{"SULLAM_USER": "nobody", "SULLAM_PASSWORD": demoPassword}, "wrong user name or password"},
		"no password":    {map[string]string{"SULLAM_USER": "manager"}, "no input"},
	} {
		code, out, stderr := run(t, db, tc.env, "promotions", "--as-of", "2026-01-01")
		if code != ExitFail || out != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 1, no data and a message with %q", name, code, out, stderr, tc.want)
		}
	}
	if code, out, stderr := run(t, db, as("manager"), "promotions", "--as-of", "2026-01-01"); code != ExitOK || strings.Count(out, "\n") < 2 {
		t.Fatalf("signed in as manager: exit %d, %q, %s", code, out, stderr)
	}
	for _, args := range [][]string{{"version"}, {"--help"}} {
		if code, out, _ := run(t, db, nil, args...); code != ExitOK || out == "" {
			t.Errorf("%v without a user: exit %d, want 0", args, code)
		}
	}
}

// Rule (spec/cli.md "Signed in"): the signed-in user's roles and scopes
// apply as in the window: a supervisor's `export agents` holds their team
// only; quality cannot export candidates (exit 1, nothing written); the
// audit log is exported by admins and managers only.
func TestSignedInRoleLimits(t *testing.T) {
	db := demoDB(t)
	st := openStore(t, db)
	sys := store.SystemActor("test")
	users, err := st.Accounts().ListUsers(t.Context(), sys)
	if err != nil {
		t.Fatal(err)
	}
	all, err := st.ListAgents(t.Context(), sys, store.AgentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var sup models.User
	for _, u := range users {
		if u.HasRole(models.RoleSupervisor) && u.AgentID != nil {
			sup = u
			break
		}
	}
	if sup.ID == 0 {
		t.Fatal("the demo has no supervisor account")
	}
	var team []string
	for _, ag := range all {
		if ag.SupervisorID != nil && *ag.SupervisorID == *sup.AgentID {
			team = append(team, ag.EmployeeNo)
		}
	}
	st.Close()
	if len(team) == 0 || len(team) >= len(all) {
		t.Fatalf("supervisor %s: team of %d out of %d agents; want a part", sup.Username, len(team), len(all))
	}

	code, out, stderr := run(t, db, as(sup.Username), "export", "agents")
	if code != ExitOK {
		t.Fatalf("supervisor export agents: exit %d: %s", code, stderr)
	}
	got := exportedColumn(t, out, "employee_no")
	slices.Sort(got)
	slices.Sort(team)
	if !slices.Equal(got, team) {
		t.Errorf("supervisor %s exported %v, want their team %v", sup.Username, got, team)
	}
	if code, out, _ := run(t, db, as("manager"), "export", "agents"); code != ExitOK || len(exportedColumn(t, out, "employee_no")) != len(all) {
		t.Errorf("manager export agents: exit %d, want every agent (%d)", code, len(all))
	}

	outFile := filepath.Join(t.TempDir(), "candidates.csv")
	code, _, stderr = run(t, db, as("quality"), "export", "candidates", "--out", outFile)
	if code != ExitFail || !strings.Contains(stderr, "forbidden") {
		t.Errorf("quality export candidates: exit %d, stderr %q; want 1 and a refusal", code, stderr)
	}
	if _, err := os.Stat(outFile); err == nil {
		t.Errorf("a refused export wrote %s", outFile)
	}
	if code, _, _ := run(t, db, as("hr"), "export", "candidates"); code != ExitOK {
		t.Errorf("hr export candidates: exit %d, want 0", code)
	}

	for user, want := range map[string]int{"hr": ExitFail, "quality": ExitFail, sup.Username: ExitFail, "manager": ExitOK} {
		if code, _, stderr := run(t, db, as(user), "export", "audit-log"); code != want {
			t.Errorf("%s export audit-log: exit %d (%s), want %d", user, code, stderr, want)
		}
	}
}

// exportedColumn returns the values of column name of an exported CSV.
func exportedColumn(t *testing.T, out, name string) []string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("export is not CSV: %v %q", err, out)
	}
	col := slices.Index(recs[0], name)
	if col < 0 {
		t.Fatalf("no column %s in %v", name, recs[0])
	}
	var vals []string
	for _, r := range recs[1:] {
		vals = append(vals, r[col])
	}
	return vals
}

// commandDetail is the New value of a command's audit-log entry.
type commandDetail struct {
	Args    []string       `json:"args"`
	Counts  map[string]int `json:"counts"`
	Outcome string         `json:"outcome"`
}

// Rule (spec/cli.md "Signed in"): every command, reads included, writes
// exactly one audit-log entry: who (the signed-in user), what (the
// command), its arguments and its counts; a refused command's entry says
// so. The audit-log export holds those entries.
func TestEveryCommandWritesOneAuditEntry(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	year := strconv.Itoa(openStore(t, db).Now().Year() - 1)
	agents := filepath.Join(dir, "agents.csv")
	for _, tc := range []struct {
		user    string
		args    []string
		counts  map[string]int // nil: "rows" = the data lines printed
		outcome string
	}{
		{"manager", []string{"score", "--year", year}, nil, "ok"},
		{"manager", []string{"promotions", "--as-of", "2026-01-01", "--format", "json"}, map[string]int{}, "ok"},
		{"manager", []string{"report", "promotions", "--as-of", "2026-01-01", "--lang", "en", "--out", filepath.Join(dir, "b.xlsx")}, map[string]int{}, "ok"},
		{"hr", []string{"export", "agents", "--out", agents}, map[string]int{}, "ok"},
		{"hr", []string{"import", "agents", agents}, map[string]int{"inserted": 0}, "ok"},
		{"quality", []string{"export", "candidates"}, map[string]int{}, "refused"},
		// the demo's manager is its admin: a second admin comes from Settings, not init
		{"manager", []string{"init", "--admin", "root"}, map[string]int{}, "failed"},
		{"manager", []string{"backup", filepath.Join(dir, "copy.db")}, map[string]int{}, "ok"},
		{"manager", []string{"export", "audit-log"}, nil, "ok"},
	} {
		before := len(commandEntries(t, db))
		code, out, stderr := run(t, db, as(tc.user), tc.args...)
		if (code == ExitOK) != (tc.outcome == "ok") {
			t.Fatalf("%s %v: exit %d: %s", tc.user, tc.args, code, stderr)
		}
		entries := commandEntries(t, db)
		if len(entries) != before+1 {
			t.Fatalf("%s %v: %d audit-log entries written, want 1", tc.user, tc.args, len(entries)-before)
		}
		e := entries[len(entries)-1]
		var d commandDetail
		if err := json.Unmarshal([]byte(e.New), &d); err != nil {
			t.Fatalf("%v: entry detail %q: %v", tc.args, e.New, err)
		}
		if e.Username != tc.user || e.UserID == nil || e.EntityKey != tc.args[0] || !slices.Equal(d.Args, tc.args[1:]) || d.Outcome != tc.outcome {
			t.Errorf("%s %v: entry %+v %+v; want who, what, the arguments and outcome %s", tc.user, tc.args, e, d, tc.outcome)
		}
		if tc.counts == nil {
			lines := strings.Count(strings.TrimPrefix(out, "\uFEFF"), "\n") - 1
			if d.Counts["rows"] != lines || lines < 1 {
				t.Errorf("%v: counts %v, want rows = %d (the lines printed)", tc.args, d.Counts, lines)
			}
		}
		for k, n := range tc.counts {
			if got, ok := d.Counts[k]; !ok || got != n {
				t.Errorf("%v: counts %v, want %s = %d", tc.args, d.Counts, k, n)
			}
		}
	}
	// The agents file imported back: every agent unchanged or updated, none inserted;
	// the rows of the report and the export are counted.
	entries := commandEntries(t, db)
	for _, e := range entries {
		var d commandDetail
		json.Unmarshal([]byte(e.New), &d)
		switch e.EntityKey {
		case "report", "promotions":
			if d.Counts["rows"] < 1 {
				t.Errorf("%s: counts %v, want the rows", e.EntityKey, d.Counts)
			}
		case "export":
			if d.Outcome == "ok" && d.Counts["rows"] < 1 {
				t.Errorf("export %v: counts %v, want the rows", d.Args, d.Counts)
			}
		}
	}

	// A database with no account: the command runs and is logged as the command line.
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	if code, _, stderr := run(t, fresh, nil, "score", "--year", year); code != ExitOK {
		t.Fatalf("score on a database with no account: exit %d: %s", code, stderr)
	}
	if e := commandEntries(t, fresh); len(e) != 1 || !strings.HasPrefix(e[0].Username, "cli:") || e[0].EntityKey != "score" {
		t.Errorf("database with no account: entries %+v, want one by cli:<OS user>", e)
	}
}

// Rule (issue 11): `demo` without SULLAM_PASSWORD gives the demo accounts a
// random password, printed once on stderr, with which they sign in; another
// database gets another one; with SULLAM_PASSWORD that password is used and
// never printed.
func TestDemoPasswordPrintedOnce(t *testing.T) {
	passwordOf := func(stderr string) string {
		for _, l := range strings.Split(stderr, "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "password" && strings.Contains(l, "at random") {
				return f[1]
			}
		}
		return ""
	}
	var seen []string
	for range 2 {
		db := filepath.Join(t.TempDir(), "d.db")
		code, out, stderr := run(t, db, nil, "demo", "--agents", "10", "--years", "1")
		pw := passwordOf(stderr)
		if code != ExitOK || pw == "" || strings.Count(stderr, pw) != 1 || strings.Contains(out, pw) {
			t.Fatalf("demo: exit %d, password %q, stderr %s; want it printed once on stderr", code, pw, stderr)
		}
		if code, _, stderr := run(t, db, map[string]string{"SULLAM_USER": "hr", "SULLAM_PASSWORD": pw}, "export", "jobs"); code != ExitOK {
			t.Errorf("sign in with the printed password: exit %d: %s", code, stderr)
		}
		seen = append(seen, pw)
	}
	if seen[0] == seen[1] {
		t.Errorf("two demo databases got the same password %q", seen[0])
	}
	db := filepath.Join(t.TempDir(), "e.db")
	code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": demoPassword}, "demo", "--agents", "10", "--years", "1")
	if code != ExitOK || strings.Contains(stderr, demoPassword) || passwordOf(stderr) != "" {
		t.Errorf("demo with SULLAM_PASSWORD: exit %d, stderr %s; want the password not printed", code, stderr)
	}
}
