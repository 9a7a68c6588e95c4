package demo

import (
	"context"
	"fmt"
	"strings"

	"sullam/models"
	"sullam/store"
)

// Load writes the demo data d into st, which must hold no agent and no
// candidate yet: the agents, then the attendance, audits, weekly reports and
// reviews of each year (one import, so one transaction, per kind and year;
// for data made by Plan, drawn and streamed through the imports as they
// are written, see loadPlanned),
// the demo accounts, and the recruitment data. a is the actor of every
// import; pass store.SystemActor("demo"). progress, when not nil, receives
// one line per step. The rows use the default content of a new database:
// audit form CS-STD-1, the default competencies, jobs CSR and CSO and
// questions Q01–Q15. A failed step leaves the steps before it in place.
func Load(ctx context.Context, st *store.Store, a store.Actor, d *Data, progress func(step string)) error {
	if progress == nil {
		progress = func(string) {}
	}
	has, err := st.HasData(ctx)
	if err != nil {
		return fmt.Errorf("load demo: %w", err)
	}
	if has {
		return fmt.Errorf("load demo: the database already holds agents or candidates; demo data goes only into an empty database: %w", models.ErrAlreadyExists)
	}
	src := store.ImportSource{File: "demo"}

	if _, err := st.ImportAgents(a, src, d.Agents); err != nil {
		return fmt.Errorf("load demo agents: %w", err)
	}
	progress(fmt.Sprintf("agents: %d", len(d.Agents)))

	if d.plan != nil {
		d.Counts = Counts{}
		if err := loadPlanned(st, a, d, progress); err != nil {
			return err
		}
	}
	for _, part := range byYear(d.Attendance, func(r models.AttendanceRow) int { return r.Day.Date.Year }) {
		y := part[0].Day.Date.Year
		if _, err := st.ImportAttendance(a, src, part, nil); err != nil {
			return fmt.Errorf("load demo attendance %d: %w", y, err)
		}
		progress(fmt.Sprintf("attendance %d: %d days", y, len(part)))
	}
	for _, part := range byYear(d.Audits, func(r models.AuditRow) int { return r.Audit.AuditDate.Year }) {
		y := part[0].Audit.AuditDate.Year
		if _, err := st.ImportAudits(a, src, part); err != nil {
			return fmt.Errorf("load demo audits %d: %w", y, err)
		}
		progress(fmt.Sprintf("audits %d: %d", y, len(part)))
	}
	for _, part := range byYear(d.Weekly, func(r models.WeeklyRow) int { return r.Report.WeekStart.Year }) {
		y := part[0].Report.WeekStart.Year
		if _, err := st.ImportWeekly(a, src, part); err != nil {
			return fmt.Errorf("load demo weekly reports %d: %w", y, err)
		}
		progress(fmt.Sprintf("weekly reports %d: %d", y, len(part)))
	}
	for _, part := range byYear(d.Reviews, func(r models.ReviewRow) int { return r.Review.ReviewDate.Year }) {
		y := part[0].Review.ReviewDate.Year
		if _, err := st.ImportReviews(a, src, part); err != nil {
			return fmt.Errorf("load demo reviews %d: %w", y, err)
		}
		progress(fmt.Sprintf("supervisor reviews %d: %d", y, len(part)))
	}

	skipped, err := loadUsers(ctx, st, a, d)
	if err != nil {
		return err
	}
	step := fmt.Sprintf("accounts: %d", len(d.Users)-len(skipped))
	if len(skipped) > 0 {
		step += fmt.Sprintf(" (not created, the name is taken: %s)", strings.Join(skipped, ", "))
	}
	progress(step)

	if err := st.LoadDemoRecruitment(ctx, a, d.Candidates); err != nil {
		return fmt.Errorf("load demo: %w", err)
	}
	progress(fmt.Sprintf("candidates: %d", len(d.Candidates)))
	return nil
}

// loadUsers creates the demo accounts, linked to their agent records, all
// with the demo password hashed once (store.Accounts.CreateDemoUsers: one
// salt and one stored hash for every demo account, acceptable for demo
// data only). An account whose name is taken already (say the admin chose
// "manager") is left out; loadUsers returns those names.
func loadUsers(ctx context.Context, st *store.Store, a store.Actor, d *Data) (skipped []string, err error) {
	agents, err := st.ListAgents(ctx, a, store.AgentFilter{})
	if err != nil {
		return nil, fmt.Errorf("load demo accounts: %w", err)
	}
	ids := make(map[string]uint, len(agents))
	for _, ag := range agents {
		ids[ag.EmployeeNo] = ag.ID
	}
	ns := make([]store.NewUser, 0, len(d.Users))
	for _, u := range d.Users {
		n := store.NewUser{Username: u.Username, FullName: u.FullName, Password: d.Password, Roles: u.Roles}
		if u.EmployeeNo != "" {
			id, ok := ids[u.EmployeeNo]
			if !ok {
				return nil, fmt.Errorf("load demo account %s: agent %s: %w", u.Username, u.EmployeeNo, models.ErrNotFound)
			}
			n.AgentID = &id
		}
		ns = append(ns, n)
	}
	skipped, err = st.Accounts().CreateDemoUsers(ctx, a, ns)
	if err != nil {
		return nil, fmt.Errorf("load demo accounts: %w", err)
	}
	return skipped, nil
}

// byYear splits rows, grouped by year already, into one part per year.
func byYear[T any](rows []T, year func(T) int) [][]T {
	var parts [][]T
	start := 0
	for i := 1; i <= len(rows); i++ {
		if i == len(rows) || year(rows[i]) != year(rows[start]) {
			parts = append(parts, rows[start:i])
			start = i
		}
	}
	return parts
}
