package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"sullam/models"
)

// wantProblem checks that err is a Problem of key with args among its
// arguments, and that its English text (the command line's) is still text.
func wantProblem(t *testing.T, what string, err error, key string, args map[string]any, text string) {
	t.Helper()
	p, ok := models.AsProblem(err)
	if !ok {
		t.Errorf("%s: err = %v, want a Problem %s", what, err, key)
		return
	}
	if p.Key != key {
		t.Errorf("%s: key %q, want %q", what, p.Key, key)
	}
	for k, v := range args {
		if !reflect.DeepEqual(p.Args[k], v) {
			t.Errorf("%s: arg %s = %#v, want %#v", what, k, p.Args[k], v)
		}
	}
	if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), text+": invalid") {
		t.Errorf("%s: English text %q, want it to hold %q (unchanged for the command line)", what, err.Error(), text+": invalid")
	}
}

// Rule (issues 15 and 16): the store's refusals a user meets in the window
// carry a translation key and its arguments, the English text unchanged: an
// import row naming no agent, a duplicate review key (the line and the
// columns), a user name with a space, an audit form item of weight 0, a
// retention period out of range.
func TestStoreErrorsCarryKeys(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			a := SystemActor("test")
			mustAgent(t, s, "E1", nil)

			_, err := s.ImportAttendance(a, ImportSource{File: "days.csv"}, []models.AttendanceRow{
				{Line: 2, EmployeeNo: "E404", Day: models.AttendanceDay{Date: models.MustDate("2024-03-03"), Status: models.AttendanceStatus("present")}}}, nil)
			var ie *models.ImportError
			if !errors.As(err, &ie) || len(ie.Rows) != 1 {
				t.Fatalf("unknown agent: err = %v, want one refused row", err)
			}
			if r := ie.Rows[0]; r.Key != "import.err.unknown_agent" || r.Column != "employee_no" || r.Value != "E404" || r.Reason != "no agent has this employee number" {
				t.Errorf("unknown agent: row error %+v", r)
			}

			ratings := map[string]int{}
			for _, c := range []string{"COMMUNICATION", "PROBLEM_SOLVING", "PATIENCE", "TIME_MANAGEMENT", "PRODUCT_KNOWLEDGE", "TEAMWORK", "POLICY", "INITIATIVE"} {
				ratings[c] = 4
			}
			row := func(line int) models.ReviewRow {
				return models.ReviewRow{Line: line, EmployeeNo: "E1", Ratings: ratings, Review: models.Review{ReviewDate: models.MustDate("2024-03-28")}}
			}
			_, err = s.ImportReviews(a, ImportSource{File: "reviews.csv"}, []models.ReviewRow{row(2), row(3)})
			if !errors.As(err, &ie) || len(ie.Rows) != 1 {
				t.Fatalf("duplicate review: err = %v, want one refused row", err)
			}
			r := ie.Rows[0]
			if r.Key != "import.err.duplicate" || r.Args["Line"] != 2 ||
				!reflect.DeepEqual(r.Args["Columns"], models.Columns{"employee_no", "review_date", "reviewer_no"}) {
				t.Errorf("duplicate review: key %q args %#v", r.Key, r.Args)
			}

			_, err = s.Accounts().CreateUser(t.Context(), a, NewUser{Username: "a b", Password: "correct horse battery", Roles: []models.Role{models.RoleHR}})
			wantProblem(t, "user name", err, "error.username_invalid", map[string]any{"Name": "a b"}, `user name "a b": must be 1–64 characters without spaces`)

			_, err = s.Work().SaveAuditForm(t.Context(), a, models.AuditForm{Code: "F1", NameAr: "نموذج", Items: []models.AuditFormItem{{Code: "A", Weight: 0, TextAr: "بند"}}})
			wantProblem(t, "item weight", err, "error.item_weight", map[string]any{"Item": "A", "Weight": 0}, "form F1, item A: weight 0 must be greater than 0")

			err = s.Recruitment().SetRetentionMonths(t.Context(), a, 0)
			wantProblem(t, "retention", err, "error.retention_range", map[string]any{"Months": 0}, "retention period 0 months: want 1 to 120")
		})
	}
}
