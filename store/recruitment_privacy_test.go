package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sullam/models"
)

// personSecrets are unique strings given to one candidate; none may be
// found in the audit log (nor, after anonymising, in the database file).
type personSecrets struct {
	Name, Email, Phone, Education, Languages, Source, Notes, CVName, CVText, Reason, ScoreNote, Verdict string
}

func newSecrets(tag string) personSecrets {
	return personSecrets{
		Name: "Zubaida Qx" + tag + "name", Email: "zq" + tag + "@mail.example", Phone: "+966 5" + tag + " 9876",
		Education: "EDU" + tag + "degree", Languages: "LANG" + tag + "urdu", Source: "SRC" + tag + "fair",
		Notes: "NOTE" + tag + "hr-notes", CVName: "CVNAME" + tag + ".pdf", CVText: "CVTEXT" + tag + "-curriculum",
		Reason: "REASON" + tag + "-rejected-why", ScoreNote: "SCORENOTE" + tag, Verdict: "VERDICT" + tag + "-notes",
	}
}

func (p personSecrets) all() []string {
	return []string{p.Name, p.Email, p.Phone, p.Education, p.Languages, p.Source, p.Notes, p.CVName, p.CVText, p.Reason, p.ScoreNote, p.Verdict}
}

// livePerson takes the fixture's candidate through a full life: details
// edited twice, CVs (cvCopies copies of the CV text across versions),
// interview scores with notes, feedback with notes, rejection with a reason.
func livePerson(t *testing.T, f recruitFixture, p personSecrets, cvCopies int) models.Candidate {
	t.Helper()
	s := f.s
	c := f.cand
	c.FullName, c.Email, c.Phone, c.Education, c.Languages, c.Source, c.Notes = p.Name, p.Email, p.Phone, p.Education, p.Languages, p.Source, p.Notes
	c, err := s.Recruitment().SaveCandidate(t.Context(), f.hr, c)
	if err != nil {
		t.Fatalf("save candidate: %v", err)
	}
	c.Notes = p.Notes + " second edit"
	if c, err = s.Recruitment().SaveCandidate(t.Context(), f.hr, c); err != nil {
		t.Fatalf("edit candidate: %v", err)
	}
	// cvCopies copies of the CV text over several versions of the CV.
	const perVersion = 20
	for done := 0; done < cvCopies; done += perVersion {
		body := strings.Repeat(p.CVText+" experience in call centres; ", perVersion)
		v, err := s.Recruitment().SetCV(t.Context(), f.hr, c.ID, c.Version, p.CVName, []byte(body))
		if err != nil {
			t.Fatalf("set cv: %v", err)
		}
		c.Version = v
	}
	for _, iv := range []Actor{f.iv1, f.iv2} {
		for _, q := range f.kit {
			if err := s.Recruitment().SaveScore(t.Context(), iv, f.interview.ID, q.ID, 3, p.ScoreNote+" first"); err != nil {
				t.Fatalf("score: %v", err)
			}
			if err := s.Recruitment().SaveScore(t.Context(), iv, f.interview.ID, q.ID, 4, p.ScoreNote+" better"); err != nil {
				t.Fatalf("rescore: %v", err)
			}
		}
		if err := s.Recruitment().SubmitFeedback(t.Context(), iv, f.interview.ID, models.No, p.Verdict); err != nil {
			t.Fatalf("submit: %v", err)
		}
	}
	if err := s.Recruitment().MoveStage(t.Context(), f.hr, c.ID, c.Version, models.StageRejected, p.Reason, models.MustDate("2026-03-01")); err != nil {
		t.Fatalf("reject: %v", err)
	}
	got, err := s.Recruitment().Candidate(t.Context(), f.hr, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAuditLogHoldsNoCandidateValues checks issue 11 part 1: a candidate's
// create, edits, CV, stage move with a reason, interview scores and feedback
// with notes are all logged, yet no audit row holds the person's values —
// only the entity, its id and the names of the fields changed.
func TestAuditLogHoldsNoCandidateValues(t *testing.T) {
	f := newRecruitFixture(t)
	p := newSecrets("a1")
	c := livePerson(t, f, p, 40)
	var rows []models.AuditLog
	if err := f.s.db.Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	var update *models.AuditLog
	for i, r := range rows {
		text := r.EntityKey + r.Old + r.New + r.Username
		for _, secret := range p.all() {
			if strings.Contains(text, secret) {
				t.Errorf("audit row %d (%s %s %s) holds %q: old=%s new=%s", r.ID, r.Action, r.Entity, r.EntityKey, secret, r.Old, r.New)
			}
		}
		if r.Entity == "candidate" && r.Action == "update" && r.EntityKey == jsonID(c.ID) && update == nil {
			update = &rows[i]
		}
	}
	if update == nil {
		t.Fatal("the candidate's edit was not logged")
	}
	var nv map[string]any
	if err := json.Unmarshal([]byte(update.New), &nv); err != nil {
		t.Fatalf("update row new %q: %v", update.New, err)
	}
	changed, _ := json.Marshal(nv[candidateAuditChangedKey])
	for _, field := range []string{"full_name", "email", "phone", "education", "notes"} {
		if !strings.Contains(string(changed), `"`+field+`"`) {
			t.Errorf("update row lists changed fields %s, want %s among them", changed, field)
		}
	}
	var stage int64
	f.s.db.Model(&models.AuditLog{}).Where("action = ? AND entity = ? AND entity_key = ? AND new LIKE ?", "stage", "candidate", jsonID(c.ID), `%"reason"%`).Count(&stage)
	if stage != 1 {
		t.Errorf("the rejection row names the reason field %d times, want 1", stage)
	}
}

func jsonID(id uint) string {
	b, _ := json.Marshal(id)
	return string(b)
}

// rawFileHits counts, in the raw bytes of the SQLite file and its -wal and
// -shm files, each secret that occurs.
func rawFileHits(t *testing.T, path string, secrets []string) map[string]int {
	t.Helper()
	hits := map[string]int{}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		b, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if n := bytes.Count(b, []byte(s)); n > 0 {
				hits[filepath.Base(f)+": "+s] += n
			}
		}
	}
	return hits
}

// TestAnonymiseErasesFromFile checks issue 11 part 2: after anonymising, the
// raw bytes of the SQLite file, its -wal and -shm hold none of the person's
// values — not the name, contact, notes, reasons, interview notes, nor any
// of the 200 copies of the CV text written across CV versions — and the
// audit log holds none either.
func TestAnonymiseErasesFromFile(t *testing.T) {
	f := newRecruitFixture(t)
	p := newSecrets("e2")
	c := livePerson(t, f, p, 200)
	hits := rawFileHits(t, f.s.path, []string{p.CVText})
	total := 0
	for _, n := range hits {
		total += n
	}
	if total < 200 {
		t.Fatalf("before anonymising the files hold the CV text %d times, want at least 200 (the test must see the copies it erases)", total)
	}
	if err := f.s.Recruitment().AnonymiseCandidate(t.Context(), f.hr, c.ID); err != nil {
		t.Fatalf("anonymise: %v", err)
	}
	for k, n := range rawFileHits(t, f.s.path, p.all()) {
		t.Errorf("after anonymising, %s occurs %d times", k, n)
	}
	var rows []models.AuditLog
	f.s.db.Find(&rows)
	for _, r := range rows {
		for _, secret := range p.all() {
			if strings.Contains(r.Old+r.New+r.EntityKey, secret) {
				t.Errorf("audit row %d holds %q", r.ID, secret)
			}
		}
	}
	got, err := f.s.Recruitment().Candidate(t.Context(), f.hr, c.ID)
	if err != nil || !got.Anonymized || got.Stage != models.StageRejected {
		t.Fatalf("after anonymising: %+v %v (stage kept for statistics)", got, err)
	}
}

// TestRetentionErasesFromFile checks that the retention run, too, leaves
// none of a rejected candidate's values in the SQLite file or its WAL.
func TestRetentionErasesFromFile(t *testing.T) {
	f := newRecruitFixture(t)
	p := newSecrets("r3")
	livePerson(t, f, p, 60)
	n, err := f.s.Recruitment().AnonymiseRejectedBefore(t.Context(), f.hr, models.MustDate("2026-04-01"))
	if err != nil || n != 1 {
		t.Fatalf("retention anonymised %d (%v), want 1", n, err)
	}
	for k, n := range rawFileHits(t, f.s.path, p.all()) {
		t.Errorf("after retention, %s occurs %d times", k, n)
	}
}

// TestAnonymiseOnEveryBackend checks that the anonymise path, with its
// clean-up of the file (SQLite: checkpoint and VACUUM; PostgreSQL: VACUUM
// outside the transaction), works on both databases and leaves the person's
// values in neither the candidate tables nor the audit log.
func TestAnonymiseOnEveryBackend(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			f := newRecruitFixtureOn(t, open(t))
			p := newSecrets("b4")
			c := livePerson(t, f, p, 20)
			if err := f.s.Recruitment().AnonymiseCandidate(t.Context(), f.hr, c.ID); err != nil {
				t.Fatalf("anonymise: %v", err)
			}
			var text []string
			for _, q := range []string{
				"SELECT COALESCE(full_name,'') || COALESCE(email,'') || COALESCE(phone,'') || COALESCE(education,'') || COALESCE(languages,'') || COALESCE(source,'') || COALESCE(notes,'') || COALESCE(cv_name,'') FROM candidates",
				"SELECT COALESCE(reason,'') FROM stage_changes",
				"SELECT COALESCE(notes,'') FROM interview_assignments",
				"SELECT COALESCE(notes,'') FROM interview_scores",
				"SELECT COALESCE(old,'') || COALESCE(new,'') || entity_key FROM audit_logs",
			} {
				var col []string
				if err := f.s.db.Raw(q).Scan(&col).Error; err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				text = append(text, col...)
			}
			all := strings.Join(text, "\n")
			for _, secret := range p.all() {
				if strings.Contains(all, secret) {
					t.Errorf("after anonymising, %q is still held", secret)
				}
			}
			var cv []byte
			f.s.db.Raw("SELECT cv_data FROM candidates WHERE id = ?", c.ID).Row().Scan(&cv)
			if len(cv) != 0 {
				t.Errorf("the CV data (%d bytes) is still held", len(cv))
			}
		})
	}
}

// TestMigrationScrubsAuditThenLocksIt checks migration 0010 on both
// databases: audit rows written before it with a candidate's values (as the
// old code wrote them) keep only the entity, id, non-personal values and the
// names of the fields changed; other rows are untouched; and afterwards the
// database itself refuses any UPDATE or DELETE of an audit row.
func TestMigrationScrubsAuditThenLocksIt(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			drop := []string{"DROP TRIGGER IF EXISTS audit_logs_no_update", "DROP TRIGGER IF EXISTS audit_logs_no_delete"}
			if s.dialect == "postgres" {
				drop = []string{"DROP TRIGGER IF EXISTS audit_logs_no_change ON audit_logs", "DROP TRIGGER IF EXISTS audit_logs_no_truncate ON audit_logs"}
			}
			for _, q := range append(drop, "DELETE FROM schema_migrations WHERE id = '0010_privacy_append_only_audit'") {
				if err := s.db.Exec(q).Error; err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			p := newSecrets("m5")
			old := []models.AuditLog{
				{Action: "create", Entity: "candidate", EntityKey: "7", New: `{"full_name":"` + p.Name + `","email":"` + p.Email + `","phone":"` + p.Phone + `","education":"` + p.Education + `","stage":"applied","job_id":1}`},
				{Action: "stage", Entity: "candidate", EntityKey: "7", Old: `{"stage":"interview"}`, New: `{"stage":"rejected","reason":"` + p.Reason + `","on":"2025-01-02"}`},
				{Action: "update", Entity: "candidate_cv", EntityKey: "7", Old: `{"cv":""}`, New: `{"cv":"` + p.CVName + `","bytes":12}`},
				{Action: "score", Entity: "interview", EntityKey: "3/q1", New: `{"score":4,"notes":"` + p.ScoreNote + `"}`},
				{Action: "submit", Entity: "interview", EntityKey: "3", New: `{"recommendation":"no","notes":"` + p.Verdict + `"}`},
				{Action: "create", Entity: "agent", EntityKey: "E1", New: `{"full_name":"Agent Kept"}`},
			}
			for i := range old {
				old[i].At, old[i].Username = time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), "hr"
				if err := s.db.Create(&old[i]).Error; err != nil {
					t.Fatal(err)
				}
			}
			dsn := dsnOf(t, s)
			s.Close()
			s2, err := Open(dsn)
			if err != nil {
				t.Fatalf("reopen (migration 0010 again): %v", err)
			}
			defer s2.Close()
			want := map[uint][2]string{
				old[0].ID: {"", `{"changed":["education","email","full_name","job_id","phone","stage"],"job_id":1,"stage":"applied"}`},
				old[1].ID: {`{"stage":"interview"}`, `{"changed":["on","reason","stage"],"on":"2025-01-02","stage":"rejected"}`},
				old[2].ID: {"", `{"bytes":12,"changed":["bytes","cv"]}`},
				old[3].ID: {"", `{"changed":["notes","score"],"score":4}`},
				old[4].ID: {"", `{"changed":["notes","recommendation"],"recommendation":"no"}`},
				old[5].ID: {"", `{"full_name":"Agent Kept"}`},
			}
			for id, w := range want {
				var r models.AuditLog
				if err := s2.db.First(&r, id).Error; err != nil {
					t.Fatal(err)
				}
				if r.Old != w[0] || r.New != w[1] {
					t.Errorf("audit row %d (%s %s): old=%s new=%s, want old=%s new=%s", id, r.Action, r.Entity, r.Old, r.New, w[0], w[1])
				}
			}
			for _, q := range []string{"UPDATE audit_logs SET new = 'x'", "DELETE FROM audit_logs", "UPDATE audit_logs SET username = 'y' WHERE id = " + jsonID(old[0].ID)} {
				if err := s2.db.Exec(q).Error; err == nil || !strings.Contains(err.Error(), "append-only") {
					t.Errorf("%s: %v, want refused as append-only", q, err)
				}
			}
			if s2.dialect == "postgres" {
				if err := s2.db.Exec("TRUNCATE audit_logs").Error; err == nil {
					t.Error("TRUNCATE audit_logs was allowed")
				}
			}
			var n int64
			s2.db.Model(&models.AuditLog{}).Count(&n)
			if n < int64(len(old)) {
				t.Errorf("audit rows %d after refused deletes, want at least %d", n, len(old))
			}
			if err := s2.db.Create(&models.AuditLog{At: time.Now(), Username: "t", Action: "a", Entity: "e", EntityKey: "k"}).Error; err != nil {
				t.Errorf("append after the triggers: %v", err)
			}
		})
	}
}

// dsnOf returns the DSN that reopens test store s.
func dsnOf(t *testing.T, s *Store) string {
	t.Helper()
	if s.dialect == "sqlite" {
		return s.path
	}
	var name string
	if err := s.db.Raw("SELECT current_database()").Scan(&name).Error; err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(os.Getenv("SULLAM_TEST_PG"))
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// TestFirstErasureVacuumsOldFile checks that a file written partly without
// secure_delete (by a version before it, or another tool) is rewritten at
// its first erasure: values deleted back then stay in a page's free space
// and in free pages (a dropped table's 180 kB), and only the VACUUM removes
// them; the file is then marked so that later erasures need only the
// checkpoint.
func TestFirstErasureVacuumsOldFile(t *testing.T) {
	s := newStore(t)
	hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	jobs, _ := s.Recruitment().ListJobs(t.Context(), hr, false)
	old, err := s.Recruitment().SaveCandidate(t.Context(), hr, models.Candidate{FullName: "Earlier Person", JobID: jobs[0].ID, Notes: "OLDSLACK-" + strings.Repeat("secret ", 20)})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.Recruitment().SaveCandidate(t.Context(), hr, models.Candidate{FullName: "Someone Else", JobID: jobs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", "file:"+s.path+"?_secure_delete=off&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	if _, err := raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"UPDATE candidates SET notes = '' WHERE id = ?", "CREATE TABLE scratch (x TEXT)",
		"INSERT INTO scratch VALUES (?)", "DROP TABLE scratch"} {
		var args []any
		switch {
		case strings.HasPrefix(q, "UPDATE"):
			args = []any{old.ID}
		case strings.HasPrefix(q, "INSERT"):
			args = []any{strings.Repeat("OLDSLACK-freepage ", 10000)}
		}
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if len(rawFileHits(t, s.path, []string{"OLDSLACK-"})) == 0 {
		t.Fatal("the value deleted without secure_delete is not in the file: the test sees nothing to clean")
	}
	if err := s.Recruitment().AnonymiseCandidate(t.Context(), hr, other.ID); err != nil {
		t.Fatal(err)
	}
	for k, n := range rawFileHits(t, s.path, []string{"OLDSLACK-"}) {
		t.Errorf("after the first erasure, %s occurs %d times", k, n)
	}
	if v, _ := getMeta(s.db, metaSecureVacuumed); v != "1" {
		t.Errorf("secure_vacuumed = %q, want 1", v)
	}
}

// TestExportHoldsEverything checks the subject access export of one
// candidate record (issue 11 part 4): fields, CV metadata without its bytes,
// stage history with the reason, interview kit, verdicts and scores with
// their notes, and the audit entries about the record and its interview —
// and none about another candidate.
func TestExportHoldsEverything(t *testing.T) {
	f := newRecruitFixture(t)
	p := newSecrets("x6")
	c := livePerson(t, f, p, 20)
	other, err := f.s.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Other", JobID: f.job.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Recruitment().ExportCandidate(t.Context(), f.iv1, c.ID); err == nil {
		t.Fatal("an interviewer exported a candidate")
	}
	x, err := f.s.Recruitment().ExportCandidate(t.Context(), f.hr, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x.Candidate.FullName != p.Name || x.Candidate.Email != p.Email || len(x.Candidate.CVData) != 0 {
		t.Errorf("candidate fields %+v", x.Candidate)
	}
	if x.CV == nil || x.CV.Name != p.CVName || x.CV.Bytes == 0 || len(x.CV.SHA256) != 64 {
		t.Errorf("CV metadata %+v", x.CV)
	}
	if n := len(x.StageHistory); n != 2 || x.StageHistory[n-1].Reason != p.Reason {
		t.Errorf("stage history %+v", x.StageHistory)
	}
	if len(x.Assignments) != 2 || x.Assignments[0].Notes != p.Verdict || len(x.Scores) != 2*len(f.kit) || !strings.HasPrefix(x.Scores[0].Notes, p.ScoreNote) || len(x.InterviewKits) != len(f.kit) {
		t.Errorf("interview feedback: %d assignments, %d scores, %d kit questions", len(x.Assignments), len(x.Scores), len(x.InterviewKits))
	}
	seen := map[string]int{}
	for _, e := range x.AuditEntries {
		seen[e.Entity+"/"+e.Action]++
		if e.Entity == "candidate" && e.EntityKey == jsonID(other.ID) {
			t.Errorf("audit entry %d is about another candidate", e.ID)
		}
	}
	for _, want := range []string{"candidate/create", "candidate/update", "candidate_cv/update", "candidate/stage", "interview/create", "interview/score", "interview/submit"} {
		if seen[want] == 0 {
			t.Errorf("no %s audit entry in the export (got %v)", want, seen)
		}
	}
}
