package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sullam/models"
	"sullam/store/migrations"
)

// Rule: a new database is migrated to the latest version and holds the default
// content of the seeds: 15 questions in the 5 categories of seed 003, both job
// descriptions, CS-STD-1 with its weights and critical items, the 8
// competencies, the ladder and policy version 1.
func TestMigrationsAndDefaultContent(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			var ids []string
			if err := s.db.Table("schema_migrations").Pluck("id", &ids).Error; err != nil {
				t.Fatal(err)
			}
			if len(ids) == 0 || ids[len(ids)-1] != migrations.Latest() {
				t.Fatalf("migrations applied = %v, want up to %s", ids, migrations.Latest())
			}
			type catCount struct {
				CategoryCode string
				N            int
			}
			var counts []catCount
			s.db.Model(&models.Question{}).Select("category_code, COUNT(*) AS n").Group("category_code").Scan(&counts)
			want := map[string]int{"past_experience": 4, "technical": 2, "communication": 4, "pressure": 2, "quality": 3}
			if len(counts) != 5 {
				t.Fatalf("question categories = %v, want 5", counts)
			}
			for _, c := range counts {
				if want[c.CategoryCode] != c.N {
					t.Errorf("category %s has %d questions, want %d", c.CategoryCode, c.N, want[c.CategoryCode])
				}
			}
			var jobs []string
			s.db.Model(&models.JobDescription{}).Order("code").Pluck("code", &jobs)
			if strings.Join(jobs, ",") != "CSO,CSR" {
				t.Errorf("jobs = %v, want CSO and CSR", jobs)
			}
			var form models.AuditForm
			if err := s.db.Preload("Items").Where("code = ?", "CS-STD-1").First(&form).Error; err != nil {
				t.Fatalf("CS-STD-1: %v", err)
			}
			weights := map[string]int{"GREETING": 1, "NEEDS": 2, "LISTENING": 2, "CLARITY": 2, "RESPONSE_TIME": 2, "PERSONAL": 1, "ACCURACY": 3, "RESOLUTION": 3, "PRIVACY": 2, "CLOSING": 1}
			if len(form.Items) != 10 {
				t.Fatalf("CS-STD-1 has %d items, want 10", len(form.Items))
			}
			for _, it := range form.Items {
				if weights[it.Code] != it.Weight {
					t.Errorf("item %s weight %d, want %d", it.Code, it.Weight, weights[it.Code])
				}
				if it.Critical != (it.Code == "ACCURACY" || it.Code == "PRIVACY") {
					t.Errorf("item %s critical = %v", it.Code, it.Critical)
				}
			}
			comps, _ := s.Competencies(t.Context())
			if len(comps) != 8 {
				t.Errorf("competencies = %d, want 8", len(comps))
			}
			ladder, _ := s.Ladder(t.Context())
			if len(ladder) != 5 || ladder[0].Code != "csr" || ladder[4].NextCode != "" {
				t.Errorf("ladder = %+v", ladder)
			}
			p, err := s.Policy(t.Context())
			if err != nil || p.Version != 1 {
				t.Fatalf("policy = v%d, %v; want v1", p.Version, err)
			}
		})
	}
}

// Rule: opening an existing database again does not seed twice or fail.
func TestReopenIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	for i := 0; i < 2; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		var n int64
		s.db.Model(&models.JobDescription{}).Count(&n)
		if n != 2 {
			t.Errorf("open #%d: %d jobs, want 2", i+1, n)
		}
		s.Close()
	}
}

// Rule: a SQLite database in a folder that does not exist is refused with a clear error.
func TestOpenMissingFolder(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "nope", "x.db"))
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("err = %v, want folder does not exist", err)
	}
}

// Rule: passwords need at least 10 characters; the hash is argon2id and verifies.
func TestPasswordRules(t *testing.T) {
	for _, tc := range []struct {
		pw string
		ok bool
	}{{"short", false}, {"123456789", false}, {"1234567890", true}, {"كلمة سر طويلة", true}} {
		err := CheckPasswordRules(tc.pw)
		if (err == nil) != tc.ok {
			t.Errorf("CheckPasswordRules(%q) = %v, want ok=%v", tc.pw, err, tc.ok)
		}
	}
	h, err := HashPassword("correct horse battery")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash = %q, %v", h, err)
	}
	if !VerifyPassword(h, "correct horse battery") || VerifyPassword(h, "correct horse batterY") {
		t.Error("VerifyPassword does not tell the right password from a wrong one")
	}
}

// Rule: the first admin is created once, on a database without accounts
// (no default account), and a short password is refused. (With accounts but
// no admin it is refused: TestFirstAdminOnlyWithoutAccounts.)
func TestFirstAdmin(t *testing.T) {
	s := newStore(t)
	if has, _ := s.Accounts().HasUsers(t.Context()); has {
		t.Fatal("a new database has an account")
	}
	if _, err := s.Accounts().CreateFirstAdmin(t.Context(), NewUser{Username: "admin", Password: "short"}); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("short password: err = %v, want ErrInvalid", err)
	}
	u, err := s.Accounts().CreateFirstAdmin(t.Context(), NewUser{Username: "admin", Password: "correct horse battery"})
	if err != nil || !u.HasRole(models.RoleAdmin) {
		t.Fatalf("create admin: %v %+v", err, u)
	}
	if _, err := s.Accounts().CreateFirstAdmin(t.Context(), NewUser{Username: "other", Password: "correct horse battery"}); !errors.Is(err, models.ErrAlreadyExists) {
		t.Fatalf("second first admin: err = %v, want ErrAlreadyExists", err)
	}
	if _, err := s.Accounts().SignIn(t.Context(), "admin", "correct horse battery"); err != nil {
		t.Fatalf("sign in: %v", err)
	}
}

// Rule: 5 failed sign-ins lock the account for 15 minutes, even for the right
// password; after 15 minutes the right password works again. A locked
// account gets the same answer as a wrong password (ErrSignInRefused).
func TestLockout(t *testing.T) {
	clock := &testClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s := newStore(t, WithClock(clock.Now))
	mustUser(t, s, "hana", nil, models.RoleHR)
	for i := 1; i <= 4; i++ {
		if _, err := s.Accounts().SignIn(t.Context(), "hana", "wrong password!"); !errors.Is(err, models.ErrBadPassword) {
			t.Fatalf("failure %d: err = %v, want ErrBadPassword", i, err)
		}
	}
	if _, err := s.Accounts().SignIn(t.Context(), "hana", "wrong password!"); err != ErrSignInRefused {
		t.Fatalf("failure 5: err = %v, want ErrSignInRefused", err)
	}
	if _, err := s.Accounts().SignIn(t.Context(), "hana", "correct horse battery"); err != ErrSignInRefused {
		t.Fatalf("right password while locked: err = %v, want ErrSignInRefused", err)
	}
	clock.t = clock.t.Add(14*time.Minute + 59*time.Second)
	if _, err := s.Accounts().SignIn(t.Context(), "hana", "correct horse battery"); err != ErrSignInRefused {
		t.Fatalf("after 14:59: err = %v, want ErrSignInRefused", err)
	}
	clock.t = clock.t.Add(2 * time.Second)
	if _, err := s.Accounts().SignIn(t.Context(), "hana", "correct horse battery"); err != nil {
		t.Fatalf("after 15 minutes: %v", err)
	}
	if _, err := s.Accounts().SignIn(t.Context(), "nobody", "correct horse battery"); !errors.Is(err, models.ErrBadPassword) {
		t.Fatalf("unknown user: err = %v, want ErrBadPassword", err)
	}
}

// Rule: every change writes an audit-log row with who, what and old → new.
func TestAuditLogRows(t *testing.T) {
	s := newStore(t)
	hr := mustUser(t, s, "hana", nil, models.RoleHR)
	a := ActorOf(hr)
	ag, err := s.SaveAgent(t.Context(), a, models.Agent{EmployeeNo: "E1", FullName: "Old Name", HireDate: models.MustDate("2024-01-01"), Role: "csr", RoleStartDate: models.MustDate("2024-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	ag.FullName = "New Name"
	if _, err := s.SaveAgent(t.Context(), a, ag); err != nil {
		t.Fatal(err)
	}
	var rows []models.AuditLog
	s.db.Where("entity = ? AND entity_key = ?", "agent", "E1").Order("id").Find(&rows)
	if len(rows) != 2 || rows[0].Action != "create" || rows[1].Action != "update" {
		t.Fatalf("audit rows = %+v", rows)
	}
	if rows[1].Username != "hana" || !strings.Contains(rows[1].Old, "Old Name") || !strings.Contains(rows[1].New, "New Name") {
		t.Errorf("update row = %+v, want hana, Old Name → New Name", rows[1])
	}
}

// Rule: a second save of a stale record is refused with ErrStale and changes nothing.
func TestStaleSaveRefused(t *testing.T) {
	s := newStore(t)
	ag := mustAgent(t, s, "E1", nil)
	first, second := ag, ag
	first.FullName = "First"
	if _, err := s.SaveAgent(t.Context(), SystemActor("t"), first); err != nil {
		t.Fatal(err)
	}
	second.FullName = "Second"
	if _, err := s.SaveAgent(t.Context(), SystemActor("t"), second); !errors.Is(err, models.ErrStale) {
		t.Fatalf("stale save: err = %v, want ErrStale", err)
	}
	got, _ := s.Agent(t.Context(), SystemActor("t"), "E1")
	if got.FullName != "First" {
		t.Errorf("name = %q, want First", got.FullName)
	}
}

// Rule: backup writes a consistent copy that opens with the same data.
func TestBackup(t *testing.T) {
	s := newStore(t)
	mustAgent(t, s, "E1", nil)
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(t.Context(), SystemActor("t"), out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
	c, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Agent(t.Context(), SystemActor("t"), "E1"); err != nil {
		t.Errorf("agent in backup: %v", err)
	}
	if err := s.Backup(t.Context(), SystemActor("t"), out); err == nil {
		t.Error("backup over an existing file succeeded")
	}
}

// Rule: Restore replaces the database with a verified backup, keeps the
// replaced file, and refuses a file that is not a database while leaving the
// store open.
func TestRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustAgent(t, s, "E1", nil)
	backup := filepath.Join(dir, "b.db")
	if err := s.Backup(t.Context(), SystemActor("t"), backup); err != nil {
		t.Fatal(err)
	}
	mustAgent(t, s, "E2", nil) // made after the backup: gone after the restore
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("not a database"), 0o600)
	if res, err := s.Restore(t.Context(), SystemActor("t"), junk); err == nil || res.Closed {
		t.Errorf("restore of a junk file: %v, closed %v; want refused, store open", err, res.Closed)
	}
	res, err := s.Restore(t.Context(), SystemActor("t"), backup)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Closed || res.Kept == "" {
		t.Errorf("result %+v: want closed and the old file kept", res)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Agent(t.Context(), SystemActor("t"), "E1"); err != nil {
		t.Errorf("E1 missing after restore: %v", err)
	}
	if _, err := r.Agent(t.Context(), SystemActor("t"), "E2"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("E2 after restore: %v, want not found", err)
	}
	old, err := open(res.Kept)
	if err != nil {
		t.Fatalf("open the kept database: %v", err)
	}
	defer old.Close()
	if _, err := old.Agent(t.Context(), SystemActor("t"), "E2"); err != nil {
		t.Errorf("E2 missing from the kept database: %v", err)
	}
}
