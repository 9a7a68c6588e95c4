package store

import (
	"encoding/json"
	"strings"
	"testing"

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
	c, err := s.SaveCandidate(f.hr, c)
	if err != nil {
		t.Fatalf("save candidate: %v", err)
	}
	c.Notes = p.Notes + " second edit"
	if c, err = s.SaveCandidate(f.hr, c); err != nil {
		t.Fatalf("edit candidate: %v", err)
	}
	// cvCopies copies of the CV text over several versions of the CV.
	const perVersion = 20
	for done := 0; done < cvCopies; done += perVersion {
		body := strings.Repeat(p.CVText+" experience in call centres; ", perVersion)
		v, err := s.SetCV(f.hr, c.ID, c.Version, p.CVName, []byte(body))
		if err != nil {
			t.Fatalf("set cv: %v", err)
		}
		c.Version = v
	}
	for _, iv := range []Actor{f.iv1, f.iv2} {
		for _, q := range f.kit {
			if err := s.SaveScore(iv, f.interview.ID, q.ID, 3, p.ScoreNote+" first"); err != nil {
				t.Fatalf("score: %v", err)
			}
			if err := s.SaveScore(iv, f.interview.ID, q.ID, 4, p.ScoreNote+" better"); err != nil {
				t.Fatalf("rescore: %v", err)
			}
		}
		if err := s.SubmitFeedback(iv, f.interview.ID, models.No, p.Verdict); err != nil {
			t.Fatalf("submit: %v", err)
		}
	}
	if err := s.MoveStage(f.hr, c.ID, c.Version, models.StageRejected, p.Reason, models.MustDate("2026-03-01")); err != nil {
		t.Fatalf("reject: %v", err)
	}
	got, err := s.Candidate(f.hr, c.ID)
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
