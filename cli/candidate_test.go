package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sullam/models"
	"sullam/store"
)

// candidateDB makes a database where one person (ayaan@mail.example)
// applied — with a CV, a rejection reason and notes — and another person
// did too, and returns its path and the person's record ids (one: the
// e-mail is a candidate's natural key since migration 0009).
func candidateDB(t *testing.T) (string, []uint) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "c.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := store.SystemActor("test")
	jobs, err := st.Recruitment().ListJobs(t.Context(), a, false)
	if err != nil || len(jobs) == 0 {
		t.Fatalf("jobs: %v", err)
	}
	var ids []uint
	for i, email := range []string{"AYAAN@mail.example"} {
		c, err := st.Recruitment().SaveCandidate(t.Context(), a, models.Candidate{FullName: "Ayaan Qadri-Uniq", Email: email, Phone: "+966 55 000 7788",
			JobID: jobs[0].ID, Notes: fmt.Sprintf("NOTES-UNIQ-%d", i), AppliedOn: models.MustDate("2026-01-05")})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
		if i == 0 {
			v, err := st.Recruitment().SetCV(t.Context(), a, c.ID, c.Version, "ayaan-cv.pdf", []byte(strings.Repeat("CVTEXT-UNIQ ", 50)))
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Recruitment().MoveStage(t.Context(), a, c.ID, v, models.StageRejected, "REASON-UNIQ", models.MustDate("2026-02-01")); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := st.Recruitment().SaveCandidate(t.Context(), a, models.Candidate{FullName: "Other Person", Email: "other@mail.example", JobID: jobs[0].ID, AppliedOn: models.MustDate("2026-01-05")}); err != nil {
		t.Fatal(err)
	}
	return db, ids
}

// Rule (spec/cli.md `candidate export`, issue 11 part 4): the export of a
// person, named by e-mail (any case) or by a record's number, holds their
// record and nobody else's — fields, stage history with its
// reason, CV metadata (not the bytes), audit entries — in a JSON file only
// its owner may read; a missing --out is bad usage (2), an unknown person a
// failure (1).
func TestCandidateExportCommand(t *testing.T) {
	db, ids := candidateDB(t)
	for _, ref := range []string{"ayaan@mail.example", fmt.Sprint(ids[0]), "#" + fmt.Sprint(ids[0])} {
		out := filepath.Join(t.TempDir(), "sar.json")
		code, _, stderr := run(t, db, nil, "candidate", "export", ref, "--out", out)
		if code != ExitOK {
			t.Fatalf("export %s: exit %d: %s", ref, code, stderr)
		}
		fi, err := os.Stat(out)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("export file %v mode %v, want 0600", err, fi.Mode())
		}
		data, _ := os.ReadFile(out)
		var doc SubjectAccessExport
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("export %s is not JSON: %v", ref, err)
		}
		if len(doc.Records) != len(ids) || doc.Records[0].Candidate.ID != ids[0] {
			t.Fatalf("export %s holds %d records, want the person's (%v)", ref, len(doc.Records), ids)
		}
		first := doc.Records[0]
		if first.CV == nil || first.CV.Name != "ayaan-cv.pdf" || first.CV.Bytes != 600 || len(first.Candidate.CVData) != 0 {
			t.Errorf("CV metadata %+v (data %d bytes), want name, 600 bytes, no content", first.CV, len(first.Candidate.CVData))
		}
		if len(first.StageHistory) != 2 || first.StageHistory[1].Reason != "REASON-UNIQ" || first.Candidate.Notes != "NOTES-UNIQ-0" {
			t.Errorf("stage history %+v notes %q", first.StageHistory, first.Candidate.Notes)
		}
		if len(first.AuditEntries) < 3 {
			t.Errorf("audit entries about the record: %d, want its create, CV and stage rows", len(first.AuditEntries))
		}
		if bytes.Contains(data, []byte("Other Person")) || bytes.Contains(data, []byte("CVTEXT-UNIQ")) {
			t.Error("the export holds another person's data or the CV bytes")
		}
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"candidate", "export", "ayaan@mail.example"}, ExitUsage},
		{[]string{"candidate", "export"}, ExitUsage},
		{[]string{"candidate", "erase", "ayaan@mail.example"}, ExitUsage},
		{[]string{"candidate", "export", "nobody@mail.example", "--out", filepath.Join(t.TempDir(), "x.json")}, ExitFail},
		{[]string{"candidate", "anonymise", "9999"}, ExitFail},
	} {
		if code, _, stderr := run(t, db, nil, tc.args...); code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, stderr)
		}
	}
}

// Rule (spec/cli.md `candidate anonymise`, issue 11 parts 2 and 4): the
// command erases every record of the person — in the database file and its
// WAL too, not only in the rows — and leaves other people alone.
func TestCandidateAnonymiseCommand(t *testing.T) {
	db, ids := candidateDB(t)
	code, _, stderr := run(t, db, nil, "candidate", "anonymise", "ayaan@mail.example")
	if code != ExitOK {
		t.Fatalf("anonymise: exit %d: %s", code, stderr)
	}
	for _, f := range []string{db, db + "-wal", db + "-shm"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, secret := range []string{"Ayaan Qadri-Uniq", "ayaan@mail.example", "AYAAN@mail.example", "000 7788", "NOTES-UNIQ", "CVTEXT-UNIQ", "REASON-UNIQ", "ayaan-cv.pdf"} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s still holds %q", filepath.Base(f), secret)
			}
		}
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := store.SystemActor("test")
	for _, id := range ids {
		if c, err := st.Recruitment().Candidate(t.Context(), a, id); err != nil || !c.Anonymized {
			t.Errorf("record %d: %+v %v, want anonymised", id, c, err)
		}
	}
	list, _ := st.Recruitment().ListCandidates(t.Context(), a, store.CandidateFilter{Search: "other@mail.example"})
	if len(list) != 1 || list[0].Anonymized {
		t.Errorf("the other person: %+v", list)
	}
}

// Rule (issue 11 part 3): opening the database for a command runs the
// daily retention first, so a candidate rejected longer ago than the
// retention period is anonymised without anyone pressing the button.
func TestCommandRunsRetention(t *testing.T) {
	db := filepath.Join(t.TempDir(), "r.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	a := store.SystemActor("test")
	jobs, _ := st.Recruitment().ListJobs(t.Context(), a, false)
	c, err := st.Recruitment().SaveCandidate(t.Context(), a, models.Candidate{FullName: "Long Ago", Email: "old@mail.example", JobID: jobs[0].ID, AppliedOn: models.MustDate("2019-12-01")})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Recruitment().MoveStage(t.Context(), a, c.ID, c.Version, models.StageRejected, "", models.MustDate("2020-01-01")); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, _, stderr := run(t, db, nil, "export", "candidates"); code != ExitOK {
		t.Fatalf("export candidates: exit %d: %s", code, stderr)
	}
	st, err = store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, err := st.Recruitment().Candidate(t.Context(), a, c.ID); err != nil || !got.Anonymized {
		t.Fatalf("candidate rejected in 2020 after a command: %+v %v, want anonymised", got, err)
	}
}
