// Package tables turns what the store holds into the tables of the spec:
// the rows of each export kind (spec/import-formats.md, the same columns an
// import reads back) and the rows of the `score` and `promotions` outputs
// (spec/cli.md). The command line and the window write the same tables.
package tables

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"sullam/importer"
	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// KindAuditLog is the export kind of the audit log (spec/cli.md `export`):
// not an import kind; admins and managers only, enforced by the store.
const KindAuditLog models.ImportKind = "audit-log"

// AuditLogHeader is the header of the `audit-log` export.
var AuditLogHeader = []string{"id", "at", "username", "action", "entity", "entity_key", "old", "new"}

// ScoreHeader is the header of the `score` output (spec/cli.md).
var ScoreHeader = []string{"employee_no", "full_name", "year", "attendance", "quality", "weekly", "supervisor", "annual", "status", "reasons"}

// PromotionsHeader is the header of the `promotions` output (spec/cli.md).
var PromotionsHeader = []string{"employee_no", "full_name", "role", "next_role", "years_in_role", "counted_years", "cumulative", "status", "overdue", "required_next"}

func cents(c scoring.Cents, ok bool) string {
	if !ok {
		return ""
	}
	return c.String()
}

// ScoreRow formats one agent's year as a `score` output row.
func ScoreRow(y store.AgentYear) []string {
	sc, ok := y.ComponentScores()
	annual, hasAnnual := y.Annual()
	reasons := ""
	if y.Snapshot == nil {
		reasons = y.Live.ReasonText()
	}
	return []string{y.Agent.EmployeeNo, y.Agent.FullName, strconv.Itoa(y.Year),
		cents(sc[0], ok[0]), cents(sc[1], ok[1]), cents(sc[2], ok[2]), cents(sc[3], ok[3]),
		cents(annual, hasAnnual), string(y.Status), reasons}
}

// PromotionRow formats one agent's readiness as a `promotions` output row.
func PromotionRow(r store.AgentReadiness) []string {
	rd := r.Readiness
	return []string{r.Agent.EmployeeNo, r.Agent.FullName, rd.Role, rd.NextRole, rd.YearsInRole.String(),
		strconv.Itoa(rd.CountedYears()), cents(rd.Cumulative, rd.HasCumulative), string(rd.Status),
		strconv.FormatBool(rd.Overdue), cents(rd.RequiredNext, rd.HasRequiredNext)}
}

// ExportTable returns the header and rows of kind as actor a may see them.
func ExportTable(ctx context.Context, st *store.Store, a store.Actor, kind models.ImportKind) (header []string, rows [][]string, err error) {
	switch kind {
	case models.KindAgents:
		return agentsTable(ctx, st, a)
	case models.KindAttendance:
		var days []models.AttendanceRow
		if err := st.EachAttendance(ctx, a, func(r models.AttendanceRow) error { days = append(days, r); return nil }); err != nil {
			return nil, nil, err
		}
		header, rows = importer.AttendanceTable(days)
	case models.KindAudits:
		return auditsTable(ctx, st, a)
	case models.KindWeekly:
		list, err := st.ExportWeekly(ctx, a)
		if err != nil {
			return nil, nil, err
		}
		header, rows = importer.WeeklyTable(list)
	case models.KindReviews:
		return reviewsTable(ctx, st, a)
	case models.KindCandidates:
		list, err := st.Recruitment().ExportCandidates(ctx, a)
		if err != nil {
			return nil, nil, err
		}
		header, rows = importer.CandidatesTable(list)
	case models.KindJobs:
		return jobsTable(ctx, st, a)
	case models.KindQuestions:
		return questionsTable(ctx, st, a)
	case KindAuditLog:
		return auditLogTable(ctx, st, a)
	default:
		return nil, nil, fmt.Errorf("export: unknown kind %q", kind)
	}
	return header, rows, nil
}

// agentsTable is the agents export, with each supervisor's employee number.
func agentsTable(ctx context.Context, st *store.Store, a store.Actor) ([]string, [][]string, error) {
	list, err := st.ExportAgents(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	agents := make([]models.Agent, len(list))
	sup := map[uint]string{}
	for i, r := range list {
		agents[i] = r.Agent
		if r.Agent.SupervisorID != nil {
			sup[*r.Agent.SupervisorID] = r.SupervisorNo
		}
	}
	header, rows := importer.AgentsTable(agents, sup)
	return header, rows, nil
}

// auditsTable is the audits export, a column for each item of the forms
// the audits use.
func auditsTable(ctx context.Context, st *store.Store, a store.Actor) ([]string, [][]string, error) {
	list, err := st.ExportAudits(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	codes, err := st.Work().FormItemCodes(ctx, list)
	if err != nil {
		return nil, nil, err
	}
	header, rows := importer.AuditsTable(list, codes)
	return header, rows, nil
}

// reviewsTable is the reviews export, a column for each competency.
func reviewsTable(ctx context.Context, st *store.Store, a store.Actor) ([]string, [][]string, error) {
	list, err := st.ExportReviews(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	comps, err := st.Competencies(ctx)
	if err != nil {
		return nil, nil, err
	}
	codes := make([]string, len(comps))
	for i, c := range comps {
		codes[i] = c.Code
	}
	header, rows := importer.ReviewsTable(list, codes)
	return header, rows, nil
}

// jobsTable is the job descriptions export.
func jobsTable(ctx context.Context, st *store.Store, a store.Actor) ([]string, [][]string, error) {
	list, err := st.Recruitment().ExportJobs(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	jobs := make([]models.JobDescription, len(list))
	for i, r := range list {
		jobs[i] = r.Job
	}
	header, rows := importer.JobsTable(jobs)
	return header, rows, nil
}

// questionsTable is the question bank export.
func questionsTable(ctx context.Context, st *store.Store, a store.Actor) ([]string, [][]string, error) {
	list, err := st.Recruitment().ExportQuestions(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	qs := make([]models.Question, len(list))
	for i, r := range list {
		qs[i] = r.Question
	}
	header, rows := importer.QuestionsTable(qs)
	return header, rows, nil
}

// auditLogTable is the audit log export.
func auditLogTable(ctx context.Context, st *store.Store, a store.Actor) ([]string, [][]string, error) {
	var rows [][]string
	err := st.EachAuditLog(ctx, a, func(r models.AuditLog) error {
		rows = append(rows, []string{strconv.FormatUint(uint64(r.ID), 10), r.At.UTC().Format(time.RFC3339),
			r.Username, r.Action, r.Entity, r.EntityKey, r.Old, r.New})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return AuditLogHeader, rows, nil
}
