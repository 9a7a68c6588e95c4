package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
)

// KindAuditLog is the export kind of the audit log (spec/cli.md `export`):
// not an import kind; admins and managers only, enforced by the store.
const KindAuditLog models.ImportKind = "audit-log"

// AuditLogHeader is the header of the `audit-log` export.
var AuditLogHeader = []string{"id", "at", "username", "action", "entity", "entity_key", "old", "new"}

func cmdExport(inv Invocation, env Env) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "", "csv or xlsx (default: from --out's extension, else csv)")
	out := fs.String("out", "", "output file (default: stdout)")
	if len(inv.Args) == 0 {
		return usagef("usage: sullam export KIND [--format csv|xlsx] [--out FILE]")
	}
	kind := models.ImportKind(inv.Args[0])
	if err := fs.Parse(inv.Args[1:]); err != nil || fs.NArg() > 0 {
		return usagef("usage: sullam export KIND [--format csv|xlsx] [--out FILE]")
	}
	if !knownKind(kind) && kind != KindAuditLog {
		return usagef("unknown kind %q: want agents, attendance, audits, weekly, reviews, candidates, jobs, questions or audit-log", kind)
	}
	f := *format
	if f == "" {
		f = "csv"
		if strings.EqualFold(filepath.Ext(*out), ".xlsx") {
			f = "xlsx"
		}
	}
	if f != "csv" && f != "xlsx" {
		return usagef("unknown format %q: want csv or xlsx", f)
	}
	if f == "xlsx" && *out == "" {
		return usagef("an xlsx export needs --out FILE")
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	var w io.Writer = env.Stdout
	var file *os.File
	if *out != "" {
		tmp := *out + ".partial"
		if file, err = os.Create(tmp); err != nil {
			return fmt.Errorf("export %s: %w", kind, err)
		}
		defer os.Remove(tmp)
		w = file
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	n, err := Export(st, a, kind, f, bw)
	if err == nil {
		err = bw.Flush()
	}
	if file != nil {
		if err == nil {
			err = file.Sync()
		}
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(*out+".partial", *out)
		}
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	inv.count("rows", n)
	fmt.Fprintf(env.Stderr, "%s: %d rows exported\n", kind, n)
	return nil
}

// Export writes every record of kind that actor a may see to w, in the
// import format of that kind, as csv or xlsx. It returns the number of rows.
func Export(st *store.Store, a store.Actor, kind models.ImportKind, format string, w io.Writer) (int, error) {
	header, rows, err := ExportTable(st, a, kind)
	if err != nil {
		return 0, err
	}
	if format == "xlsx" {
		return len(rows), importer.WriteXLSX(w, string(kind), header, rows, true)
	}
	return len(rows), importer.WriteCSV(w, header, rows)
}

// ExportTable returns the header and rows of kind as actor a may see them.
func ExportTable(st *store.Store, a store.Actor, kind models.ImportKind) (header []string, rows [][]string, err error) {
	switch kind {
	case models.KindAgents:
		list, err := st.ExportAgents(a)
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
		header, rows = importer.AgentsTable(agents, sup)
	case models.KindAttendance:
		var days []models.AttendanceRow
		if err := st.EachAttendance(a, func(r models.AttendanceRow) error { days = append(days, r); return nil }); err != nil {
			return nil, nil, err
		}
		header, rows = importer.AttendanceTable(days)
	case models.KindAudits:
		list, err := st.ExportAudits(a)
		if err != nil {
			return nil, nil, err
		}
		codes, err := st.FormItemCodes(list)
		if err != nil {
			return nil, nil, err
		}
		header, rows = importer.AuditsTable(list, codes)
	case models.KindWeekly:
		list, err := st.ExportWeekly(a)
		if err != nil {
			return nil, nil, err
		}
		header, rows = importer.WeeklyTable(list)
	case models.KindReviews:
		list, err := st.ExportReviews(a)
		if err != nil {
			return nil, nil, err
		}
		comps, err := st.Competencies()
		if err != nil {
			return nil, nil, err
		}
		codes := make([]string, len(comps))
		for i, c := range comps {
			codes[i] = c.Code
		}
		header, rows = importer.ReviewsTable(list, codes)
	case models.KindCandidates:
		list, err := st.ExportCandidates(a)
		if err != nil {
			return nil, nil, err
		}
		header, rows = importer.CandidatesTable(list)
	case models.KindJobs:
		list, err := st.ExportJobs(a)
		if err != nil {
			return nil, nil, err
		}
		jobs := make([]models.JobDescription, len(list))
		for i, r := range list {
			jobs[i] = r.Job
		}
		header, rows = importer.JobsTable(jobs)
	case models.KindQuestions:
		list, err := st.ExportQuestions(a)
		if err != nil {
			return nil, nil, err
		}
		qs := make([]models.Question, len(list))
		for i, r := range list {
			qs[i] = r.Question
		}
		header, rows = importer.QuestionsTable(qs)
	case KindAuditLog:
		header = AuditLogHeader
		err := st.EachAuditLog(a, func(r models.AuditLog) error {
			rows = append(rows, []string{strconv.FormatUint(uint64(r.ID), 10), r.At.UTC().Format(time.RFC3339),
				r.Username, r.Action, r.Entity, r.EntityKey, r.Old, r.New})
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	default:
		return nil, nil, fmt.Errorf("export: unknown kind %q", kind)
	}
	return header, rows, nil
}
