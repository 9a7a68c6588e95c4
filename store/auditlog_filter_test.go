package store

import (
	"errors"
	"slices"
	"testing"
	"time"

	"sullam/models"
)

// Rule (issue 13, change history): the audit-log filters select by person,
// kind of change, kind of record and date range (From included, To
// excluded), alike in the listing and in the export; the choices offered
// are the distinct people, actions and entities, sorted; only admins and
// managers may read them. On SQLite and PostgreSQL.
func TestAuditLogFilters(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
			s := open(t, WithClock(clock.Now))
			hr := ActorOf(mustUser(t, s, "hr1", nil, models.RoleHR))
			mgr := ActorOf(mustUser(t, s, "mgr1", nil, models.RoleManager))
			ag, err := s.SaveAgent(t.Context(), hr, models.Agent{EmployeeNo: "E1", FullName: "A One", Team: "A",
				HireDate: models.MustDate("2021-01-03"), Role: "csr", RoleStartDate: models.MustDate("2021-01-03")})
			if err != nil {
				t.Fatal(err)
			}
			clock.t = time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)
			ag.Team = "B"
			if ag, err = s.SaveAgent(t.Context(), hr, ag); err != nil {
				t.Fatal(err)
			}
			clock.t = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
			ag.Team = "C"
			if _, err := s.SaveAgent(t.Context(), hr, ag); err != nil {
				t.Fatal(err)
			}

			keys := func(f AuditFilter) []string {
				t.Helper()
				rows, err := s.AuditLog(t.Context(), mgr, f)
				if err != nil {
					t.Fatal(err)
				}
				var exported []string
				if err := s.EachAuditLogWhere(t.Context(), mgr, f, func(r models.AuditLog) error {
					exported = append(exported, r.Action+"@"+r.At.UTC().Format("01-02"))
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				var listed []string
				for i := len(rows) - 1; i >= 0; i-- { // the listing is newest first
					listed = append(listed, rows[i].Action+"@"+rows[i].At.UTC().Format("01-02"))
				}
				if !slices.Equal(listed, exported) {
					t.Errorf("filter %+v: listing %q, export %q", f, listed, exported)
				}
				return exported
			}
			if got := keys(AuditFilter{Username: "hr1", Entity: "agent"}); !slices.Equal(got, []string{"create@03-01", "update@03-05", "update@03-10"}) {
				t.Errorf("hr1's agent changes %q", got)
			}
			if got := keys(AuditFilter{Username: "hr1", Action: "update"}); !slices.Equal(got, []string{"update@03-05", "update@03-10"}) {
				t.Errorf("hr1's updates %q", got)
			}
			if got := keys(AuditFilter{Entity: "agent", From: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)}); !slices.Equal(got, []string{"update@03-05"}) {
				t.Errorf("5 to 10 March (excluded) %q", got)
			}
			if got := keys(AuditFilter{Username: "nobody"}); len(got) != 0 {
				t.Errorf("an unknown person's changes %q", got)
			}

			people, actions, entities, err := s.AuditLogChoices(t.Context(), mgr)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(people, "hr1") || !slices.IsSorted(people) || !slices.Contains(actions, "update") ||
				!slices.IsSorted(actions) || !slices.Contains(entities, "agent") || !slices.IsSorted(entities) {
				t.Errorf("choices: people %q, actions %q, entities %q", people, actions, entities)
			}
			if _, _, _, err := s.AuditLogChoices(t.Context(), hr); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("HR reads the log's choices: %v", err)
			}
			if err := s.EachAuditLogWhere(t.Context(), hr, AuditFilter{}, func(models.AuditLog) error { return nil }); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("HR exports the log: %v", err)
			}
		})
	}
}
