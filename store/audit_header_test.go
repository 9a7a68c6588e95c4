package store_test

import (
	"errors"
	"testing"

	"sullam/models"
	"sullam/store"
)

// Rule (spec import-formats: audits "Every item of the form must have a
// column; an item code that the form does not have is an error"; "Header
// problems are reported first and alone, before any row is checked"): an
// audits file missing an item column of its form, or with a column that is
// no item of it, is refused with those header errors only, on the header's
// line (here 2, under a title), even when a row is bad too (an unknown
// employee); nothing is stored.
func TestImportAuditsHeaderErrorsAlone(t *testing.T) {
	for name, open := range reimportStores(t) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			a := store.SystemActor("test")
			agent := models.AgentRow{Line: 2, Agent: models.Agent{EmployeeNo: "E1", FullName: "Sara", HireDate: models.MustDate("2022-01-01"),
				Role: "csr", RoleStartDate: models.MustDate("2022-01-01"), Status: models.Active}}
			if _, err := st.ImportAgents(a, store.ImportSource{File: "agents.csv"}, []models.AgentRow{agent}); err != nil {
				t.Fatal(err)
			}
			answers := map[string]models.Answer{}
			for _, c := range []string{"GREETING", "NEEDS", "LISTENING", "CLARITY", "RESPONSE_TIME", "PERSONAL", "ACCURACY", "RESOLUTION", "PRIVACY", "EXTRA"} {
				answers[c] = models.Pass // CLOSING missing, EXTRA no item of CS-STD-1
			}
			row := func(line int, no, ref string) models.AuditRow {
				return models.AuditRow{Line: line, EmployeeNo: no, FormCode: "cs-std-1", Answers: answers,
					Audit: models.Audit{Ref: ref, AuditDate: models.MustDate("2024-03-05"), Channel: models.Channel("chat")}}
			}
			src := store.ImportSource{File: "audits.csv", HeaderLine: 2}
			_, err := st.ImportAudits(a, src, []models.AuditRow{row(3, "E99", "A1"), row(4, "E1", "A2")})
			var ie *models.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an import error", err)
			}
			want := []string{
				`line 2, column CLOSING, value "": form CS-STD-1 has item CLOSING but the file has no column for it`,
				`line 2, column EXTRA, value "EXTRA": form CS-STD-1 has no item EXTRA`,
			}
			if len(ie.Rows) != len(want) {
				t.Fatalf("errors %v, want only the header's: %v", ie.Rows, want)
			}
			for i, w := range want {
				if got := ie.Rows[i].String(); got != w {
					t.Errorf("error %d = %s, want %s", i, got, w)
				}
			}
			if audits, _ := st.ExportAudits(t.Context(), a); len(audits) != 0 {
				t.Errorf("%d audits stored", len(audits))
			}
		})
	}
}

// Rule (spec import-formats reviews: one column per competency code;
// "unknown columns are an error"; "Header problems are reported first and
// alone"): a reviews file missing a competency column, or with a column that
// is no active competency, is refused with those header errors only, on the
// header's line, even when a row is bad too.
func TestImportReviewsHeaderErrorsAlone(t *testing.T) {
	for name, open := range reimportStores(t) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			a := store.SystemActor("test")
			ratings := map[string]int{}
			for _, c := range []string{"COMMUNICATION", "PROBLEM_SOLVING", "PATIENCE", "TIME_MANAGEMENT", "PRODUCT_KNOWLEDGE", "TEAMWORK", "POLICY", "EXTRA"} {
				ratings[c] = 4 // INITIATIVE missing, EXTRA no competency
			}
			row := models.ReviewRow{Line: 3, EmployeeNo: "E99", Ratings: ratings, Review: models.Review{ReviewDate: models.MustDate("2024-03-28")}}
			_, err := st.ImportReviews(a, store.ImportSource{File: "reviews.csv", HeaderLine: 2}, []models.ReviewRow{row})
			var ie *models.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an import error", err)
			}
			want := []string{
				`line 2, column INITIATIVE, value "": the file has no column for this competency`,
				`line 2, column EXTRA, value "EXTRA": not a competency of the review form`,
			}
			if len(ie.Rows) != len(want) {
				t.Fatalf("errors %v, want only the header's: %v", ie.Rows, want)
			}
			for i, w := range want {
				if got := ie.Rows[i].String(); got != w {
					t.Errorf("error %d = %s, want %s", i, got, w)
				}
			}
		})
	}
}

// Rule (spec import-formats "Natural keys": reviews are keyed by
// employee_no + review_date + reviewer_no; "the same key twice in one file
// is an error"): a reviews file with the same key on two lines is refused,
// naming the second line and the first, and stores nothing.
func TestImportReviewsSameKeyTwice(t *testing.T) {
	for name, open := range reimportStores(t) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			a := store.SystemActor("test")
			agent := models.AgentRow{Line: 2, Agent: models.Agent{EmployeeNo: "E1", FullName: "Sara", HireDate: models.MustDate("2022-01-01"),
				Role: "csr", RoleStartDate: models.MustDate("2022-01-01"), Status: models.Active}}
			if _, err := st.ImportAgents(a, store.ImportSource{File: "agents.csv"}, []models.AgentRow{agent}); err != nil {
				t.Fatal(err)
			}
			ratings := map[string]int{}
			for _, c := range []string{"COMMUNICATION", "PROBLEM_SOLVING", "PATIENCE", "TIME_MANAGEMENT", "PRODUCT_KNOWLEDGE", "TEAMWORK", "POLICY", "INITIATIVE"} {
				ratings[c] = 4
			}
			row := func(line int, comments string) models.ReviewRow {
				return models.ReviewRow{Line: line, EmployeeNo: "E1", Ratings: ratings,
					Review: models.Review{ReviewDate: models.MustDate("2024-03-28"), Comments: comments}}
			}
			_, err := st.ImportReviews(a, store.ImportSource{File: "reviews.csv"}, []models.ReviewRow{row(2, "first"), row(3, "second")})
			var ie *models.ImportError
			if !errors.As(err, &ie) || len(ie.Rows) != 1 || ie.Rows[0].Line != 3 ||
				ie.Rows[0].Reason != "duplicate: line 2 has the same employee_no, review_date and reviewer_no" {
				t.Fatalf("err = %v, want line 3 refused as a duplicate of line 2", err)
			}
			if rv, _ := st.ExportReviews(t.Context(), a); len(rv) != 0 {
				t.Errorf("%d reviews stored", len(rv))
			}
		})
	}
}
