package store_test

import (
	"testing"

	"sullam/models"
	"sullam/store"
)

// Rule (spec import-formats "Natural keys and re-import": importing the same
// file again, or an export back, reports every row unchanged): candidates
// without an e-mail have no key, yet a row equal to a stored candidate
// without one is unchanged instead of stored again; each stored candidate
// stands for one row at most (two equal rows are two candidates, and stay
// two), and a row that differs in any column it has is a new candidate.
func TestImportCandidatesWithoutEmailIdempotent(t *testing.T) {
	for name, open := range reimportStores(t) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			a := store.SystemActor("test")
			src := store.ImportSource{File: "candidates.csv"}
			jobs, err := st.Recruitment().ExportJobs(t.Context(), a)
			if err != nil || len(jobs) == 0 {
				t.Fatalf("jobs: %v, %v", jobs, err)
			}
			row := func(line int, name, notes string) models.CandidateRow {
				return models.CandidateRow{Line: line, JobCode: jobs[0].Job.Code, Candidate: models.Candidate{
					FullName: name, AppliedOn: models.MustDate("2024-02-13"), Languages: "ar,en", Notes: notes}}
			}
			file := []models.CandidateRow{row(2, "نورة القحطاني", ""), row(3, "نورة القحطاني", ""), row(4, "Omar", "walk-in")}
			res, err := st.Recruitment().ImportCandidates(a, src, file)
			if err != nil || res != (models.ImportResult{Inserted: 3}) {
				t.Fatalf("first import: %+v, %v; want 3 inserted", res, err)
			}
			res, err = st.Recruitment().ImportCandidates(a, src, file)
			wantUnchanged(t, "the same file again", res, err, 3)
			cands, err := st.Recruitment().ExportCandidates(t.Context(), a)
			if err != nil || len(cands) != 3 {
				t.Fatalf("export: %d candidates, %v; want 3", len(cands), err)
			}
			res, err = st.Recruitment().ImportCandidates(a, src, cands)
			wantUnchanged(t, "the export back", res, err, 3)
			res, err = st.Recruitment().ImportCandidates(a, src, []models.CandidateRow{row(2, "Omar", "called back")})
			if err != nil || res != (models.ImportResult{Inserted: 1}) {
				t.Errorf("a row without e-mail that differs: %+v, %v; want 1 inserted", res, err)
			}
		})
	}
}
