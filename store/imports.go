package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// ImportSource names the imported file for errors and the audit log.
type ImportSource struct {
	File   string // the file name as the user gave it
	SHA256 string // hex digest of the file's bytes
}

// batchSize is the number of rows per multi-row INSERT.
const batchSize = 500

// refBatch is the number of references looked up in one IN (…) list (under
// both databases' limits on variables).
const refBatch = 10000

// finishImport writes the audit-log row of an import.
func (s *Store) finishImport(tx *gorm.DB, a Actor, kind models.ImportKind, src ImportSource, res models.ImportResult, rows int) error {
	return s.logChange(tx, a, "import", string(kind), src.File, nil, map[string]any{
		"file": src.File, "sha256": src.SHA256, "rows": rows, "inserted": res.Inserted, "updated": res.Updated, "unchanged": res.Unchanged})
}

func importFail(src ImportSource, errs []models.RowError) error {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	return &models.ImportError{File: src.File, Rows: errs}
}

// lookupAgent resolves an employee number for row line, recording an error when unknown.
func lookupAgent(idx map[string]models.Agent, no string, line int, col string, errs *[]models.RowError) (models.Agent, bool) {
	ag, ok := idx[no]
	if !ok {
		*errs = append(*errs, models.RowError{Line: line, Column: col, Value: no, Reason: "no agent has this employee number"})
	}
	return ag, ok
}

// insertAgents inserts the agents of rows that idx (by employee number)
// does not hold, each with its first role-history entry, in bulk, adds them
// to idx and returns their employee numbers. Their supervisors are left to
// the caller.
func (s *Store) insertAgents(tx *gorm.DB, rows []models.AgentRow, idx map[string]models.Agent) (map[string]bool, error) {
	var fresh []models.Agent
	for _, r := range rows {
		if _, ok := idx[r.Agent.EmployeeNo]; ok {
			continue
		}
		ag := r.Agent
		ag.Version, ag.SupervisorID, ag.Supervisor = 1, nil, nil
		if ag.Status == "" {
			ag.Status = models.Active
		}
		fresh = append(fresh, ag)
	}
	ids, err := s.reserveIDs(tx, "agents", len(fresh))
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	if err := s.insertRows(tx, "agents", []string{"id", "employee_no", "full_name", "hire_date", "role", "role_start_date", "team", "status",
		"email", "phone", "candidate_id"}, len(fresh), func(i int, dst []any) []any {
		ag := &fresh[i]
		ag.ID = ids[i]
		return append(dst, int64(ag.ID), ag.EmployeeNo, ag.FullName, dateValue(ag.HireDate), ag.Role, dateValue(ag.RoleStartDate), ag.Team,
			string(ag.Status), ag.Email, ag.Phone, uintPtr(ag.CandidateID))
	}, s.stamps(now)...); err != nil {
		return nil, fmt.Errorf("insert agents: %w", err)
	}
	if err := s.insertRows(tx, "role_histories", []string{"agent_id", "role", "start_date"}, len(fresh), func(i int, dst []any) []any {
		ag := &fresh[i]
		return append(dst, int64(ag.ID), ag.Role, dateValue(ag.RoleStartDate))
	}, fixedValue{"reason", textLiteral("imported")}, fixedValue{"created_at", s.timeLiteral(now)}); err != nil {
		return nil, fmt.Errorf("insert role histories: %w", err)
	}
	inserted := make(map[string]bool, len(fresh))
	for _, ag := range fresh {
		idx[ag.EmployeeNo] = ag
		inserted[ag.EmployeeNo] = true
	}
	return inserted, nil
}

// ImportAgents inserts or updates agents by employee number (HR). The
// supervisor may be an agent of the same file.
func (s *Store) ImportAgents(a Actor, src ImportSource, rows []models.AgentRow) (models.ImportResult, error) {
	if err := s.require(a, OpEditAgents); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.db.Transaction(func(tx *gorm.DB) error {
		idx, err := s.agentIndex(tx)
		if err != nil {
			return err
		}
		ladder, err := s.ladderCodes(tx)
		if err != nil {
			return err
		}
		var errs []models.RowError
		inFile := map[string]bool{}
		for _, r := range rows {
			inFile[r.Agent.EmployeeNo] = true
		}
		for _, r := range rows {
			if !ladder[r.Agent.Role] {
				errs = append(errs, models.RowError{Line: r.Line, Column: "role", Value: r.Agent.Role, Reason: "not a role of the career ladder"})
			}
			if r.SupervisorNo != "" {
				if _, ok := idx[r.SupervisorNo]; !ok && !inFile[r.SupervisorNo] {
					errs = append(errs, models.RowError{Line: r.Line, Column: "supervisor_no", Value: r.SupervisorNo, Reason: "no agent has this employee number, in the file or in the database"})
				}
				if r.SupervisorNo == r.Agent.EmployeeNo {
					errs = append(errs, models.RowError{Line: r.Line, Column: "supervisor_no", Value: r.SupervisorNo, Reason: "an agent cannot supervise themself"})
				}
			}
		}
		if len(errs) > 0 {
			return importFail(src, errs)
		}
		inserted, err := s.insertAgents(tx, rows, idx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			ag := r.Agent
			if inserted[ag.EmployeeNo] {
				res.Inserted++
				continue
			}
			old := idx[ag.EmployeeNo]
			upd := map[string]any{"full_name": ag.FullName, "hire_date": ag.HireDate, "role": ag.Role,
				"role_start_date": ag.RoleStartDate, "version": gorm.Expr("version + 1"), "updated_at": s.now().UTC()}
			for _, col := range []string{"team", "status", "email", "phone"} {
				if r.Present[col] {
					upd[col] = map[string]any{"team": ag.Team, "status": ag.Status, "email": ag.Email, "phone": ag.Phone}[col]
				}
			}
			if err := tx.Model(&models.Agent{}).Where("id = ?", old.ID).Updates(upd).Error; err != nil {
				return fmt.Errorf("line %d: update agent %s: %w", r.Line, ag.EmployeeNo, translate(err))
			}
			if old.Role != ag.Role || old.RoleStartDate != ag.RoleStartDate {
				if err := s.recordRoleChange(tx, old.ID, ag.Role, ag.RoleStartDate, "imported"); err != nil {
					return err
				}
			}
			res.Updated++
		}
		// supervisors last (one may come later in the file), one update
		// per supervisor for all of their agents
		team := map[uint][]uint{} // supervisor's id (0: none) → agents' ids
		var sups []uint
		for _, r := range rows {
			if !r.Present["supervisor_no"] {
				continue
			}
			var sup uint
			if r.SupervisorNo != "" {
				sup = idx[r.SupervisorNo].ID
			}
			if _, ok := team[sup]; !ok {
				sups = append(sups, sup)
			}
			team[sup] = append(team[sup], idx[r.Agent.EmployeeNo].ID)
		}
		for _, sup := range sups {
			var val any
			if sup != 0 {
				val = int64(sup)
			}
			ids := team[sup]
			for start := 0; start < len(ids); start += refBatch {
				if err := tx.Model(&models.Agent{}).Where("id IN ?", ids[start:min(start+refBatch, len(ids))]).
					Update("supervisor_id", val).Error; err != nil {
					return fmt.Errorf("set supervisors: %w", translate(err))
				}
			}
		}
		return s.finishImport(tx, a, models.KindAgents, src, res, len(rows))
	})
	return res, err
}

func (s *Store) ladderCodes(tx *gorm.DB) (map[string]bool, error) {
	var codes []string
	if err := tx.Model(&models.LadderRole{}).Pluck("code", &codes).Error; err != nil {
		return nil, fmt.Errorf("list ladder: %w", err)
	}
	m := map[string]bool{}
	for _, c := range codes {
		m[c] = true
	}
	return m, nil
}

// ImportAttendance inserts attendance days; a stored (agent, date) is replaced (HR).
func (s *Store) ImportAttendance(a Actor, src ImportSource, rows []models.AttendanceRow, progress func(done, total int)) (models.ImportResult, error) {
	return s.ImportAttendanceStream(a, src, feedOf(rows), progress)
}

// feedChunk is the number of rows feedOf hands on at a time.
const feedChunk = 10000

// feedOf is a Feed of rows already parsed.
func feedOf[T any](rows []T) Feed[T] {
	chunks := make(chan []T)
	go func() {
		defer close(chunks)
		for start := 0; start < len(rows); start += feedChunk {
			chunks <- rows[start:min(start+feedChunk, len(rows))]
		}
	}()
	return Feed[T]{Chunks: chunks, Total: len(rows)}
}

// Feed is a file being read while it is imported.
type Feed[T any] struct {
	// Chunks delivers the parsed rows; the reader closes it at the end.
	Chunks <-chan []T
	// End, called once Chunks is closed, returns the rows the reader
	// refused (any refuses the import) or why the file could not be read;
	// nil means nothing was refused.
	End func() ([]models.RowError, error)
	// Total is the expected number of rows, for progress (0: unknown).
	Total int
}

// drain reads Chunks to its end, so that the reader never blocks.
func (f Feed[T]) drain() {
	for range f.Chunks {
	}
}

// end returns what End returns, nothing without End.
func (f Feed[T]) end() ([]models.RowError, error) {
	if f.End == nil {
		return nil, nil
	}
	return f.End()
}

// AttendanceFeed is an attendance file being read while it is imported.
type AttendanceFeed = Feed[models.AttendanceRow]

// ImportAttendanceStream imports attendance days as they are parsed, in one
// transaction: a stored (agent, date) is replaced (HR). Every bad row, of
// the reader's and of the store's own checks (an unknown employee number),
// refuses the whole import: nothing is kept. Chunks is always read to its
// end, so the reader never blocks.
func (s *Store) ImportAttendanceStream(a Actor, src ImportSource, feed AttendanceFeed, progress func(done, total int)) (models.ImportResult, error) {
	defer feed.drain()
	if err := s.require(a, OpEditAttendance); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.db.Transaction(func(tx *gorm.DB) error {
		idx, err := s.agentIndex(tx)
		if err != nil {
			return err
		}
		w, err := s.newAttendanceWriter(tx)
		if err != nil {
			return err
		}
		defer w.close()
		var (
			errs []models.RowError
			ids  []uint
			n    int
		)
		for rows := range feed.Chunks {
			n += len(rows)
			ids = slices.Grow(ids[:0], len(rows))[:len(rows)]
			for i, r := range rows {
				if ag, ok := lookupAgent(idx, r.EmployeeNo, r.Line, "employee_no", &errs); ok {
					ids[i] = ag.ID
				}
			}
			if len(errs) > 0 {
				continue // read on, to report every bad row
			}
			if err := w.write(rows, ids); err != nil {
				return err
			}
			if progress != nil {
				progress(n, max(n, feed.Total))
			}
		}
		refused, err := feed.end()
		if err != nil {
			return err
		}
		if errs = append(errs, refused...); len(errs) > 0 {
			return importFail(src, errs)
		}
		inserted, err := w.inserted()
		if err != nil {
			return err
		}
		res.Inserted = inserted
		res.Updated = n - inserted
		return s.finishImport(tx, a, models.KindAttendance, src, res, n)
	})
	return res, err
}

// loadForms returns every audit form with its items, by ID, and the latest version of each code.
func (s *Store) loadForms(tx *gorm.DB) (map[uint]models.AuditForm, map[string]models.AuditForm, error) {
	var forms []models.AuditForm
	if err := tx.Preload("Items", func(db *gorm.DB) *gorm.DB { return db.Order("sort, id") }).Order("code, form_ver").Find(&forms).Error; err != nil {
		return nil, nil, fmt.Errorf("load audit forms: %w", err)
	}
	byID := map[uint]models.AuditForm{}
	latest := map[string]models.AuditForm{}
	for _, f := range forms {
		byID[f.ID] = f
		latest[strings.ToUpper(f.Code)] = f // ordered by version: the last one wins
	}
	return byID, latest, nil
}

// formItems converts a form's items to the scoring type.
func formItems(f models.AuditForm) []scoring.AuditItem {
	out := make([]scoring.AuditItem, len(f.Items))
	for i, it := range f.Items {
		out[i] = scoring.AuditItem{Code: it.Code, Weight: it.Weight, Critical: it.Critical}
	}
	return out
}

// ImportAudits inserts quality audits (Quality). A stored audit_ref is an error.
func (s *Store) ImportAudits(a Actor, src ImportSource, rows []models.AuditRow) (models.ImportResult, error) {
	if err := s.require(a, OpEnterAudits); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.db.Transaction(func(tx *gorm.DB) error {
		idx, err := s.agentIndex(tx)
		if err != nil {
			return err
		}
		byID, latest, err := s.loadForms(tx)
		if err != nil {
			return err
		}
		var existing []string
		refs := make([]string, len(rows))
		for i, r := range rows {
			refs[i] = r.Audit.Ref
		}
		for start := 0; start < len(refs); start += refBatch {
			var part []string
			if err := tx.Model(&models.Audit{}).Where("ref IN ?", refs[start:min(start+refBatch, len(refs))]).Pluck("ref", &part).Error; err != nil {
				return err
			}
			existing = append(existing, part...)
		}
		stored := map[string]bool{}
		for _, r := range existing {
			stored[r] = true
		}
		var errs []models.RowError
		headerChecked := map[string]bool{}
		itemsOf := map[uint][]scoring.AuditItem{} // form ID → its items
		agents := make([]models.Agent, len(rows))
		for i, r := range rows {
			ag, _ := lookupAgent(idx, r.EmployeeNo, r.Line, "employee_no", &errs)
			agents[i] = ag
			if stored[r.Audit.Ref] {
				errs = append(errs, models.RowError{Line: r.Line, Column: "audit_ref", Value: r.Audit.Ref, Reason: "this audit is already stored"})
			}
			form, ok := latest[strings.ToUpper(r.FormCode)]
			if !ok {
				errs = append(errs, models.RowError{Line: r.Line, Column: "form_code", Value: r.FormCode, Reason: "no audit form has this code"})
				continue
			}
			items, ok := itemsOf[form.ID]
			if !ok {
				items = formItems(form)
				itemsOf[form.ID] = items
			}
			if !headerChecked[form.Code] {
				headerChecked[form.Code] = true
				have := map[string]bool{}
				for _, it := range items {
					have[it.Code] = true
					if _, ok := r.Answers[it.Code]; !ok {
						errs = append(errs, models.RowError{Line: 1, Column: it.Code, Reason: fmt.Sprintf("form %s has item %s but the file has no column for it", form.Code, it.Code)})
					}
				}
				for code := range r.Answers {
					if !have[code] {
						errs = append(errs, models.RowError{Line: 1, Column: code, Reason: fmt.Sprintf("form %s has no item %s", form.Code, code)})
					}
				}
			}
			answers := make([]models.Answer, len(items))
			complete := true
			for j, it := range items {
				ans, ok := r.Answers[it.Code]
				if !ok {
					complete = false
				}
				answers[j] = ans
			}
			if complete {
				if _, err := scoring.AuditScore(items, answers); err != nil {
					errs = append(errs, models.RowError{Line: r.Line, Reason: err.Error()})
				}
			}
		}
		if len(errs) > 0 {
			return importFail(src, errs)
		}
		audits := make([]models.Audit, len(rows))
		for i, r := range rows {
			form := latest[strings.ToUpper(r.FormCode)]
			au := r.Audit
			au.ID = 0
			au.AgentID = agents[i].ID
			au.FormID = form.ID
			au.Version = 1
			au.Results = nil
			audits[i] = au
		}
		ids, err := s.reserveIDs(tx, "audits", len(audits))
		if err != nil {
			return err
		}
		now := s.now().UTC()
		if err := s.insertRows(tx, "audits", []string{"id", "ref", "agent_id", "form_id", "audit_date", "channel", "auditor", "notes"},
			len(audits), func(i int, dst []any) []any {
				au := &audits[i]
				au.ID, au.CreatedAt, au.UpdatedAt = ids[i], now, now
				return append(dst, int64(au.ID), au.Ref, int64(au.AgentID), int64(au.FormID), dateValue(au.AuditDate), string(au.Channel),
					au.Auditor, au.Notes)
			}, s.stamps(now)...); err != nil {
			return fmt.Errorf("insert audits: %w", err)
		}
		// the answers, form by form: an audit's answers are one row of
		// the writer, its id bound once and the item ids written in
		byForm := map[uint][]int{} // form ID → indexes of its audits
		var formOrder []uint
		for i := range audits {
			f := audits[i].FormID
			if _, ok := byForm[f]; !ok {
				formOrder = append(formOrder, f)
			}
			byForm[f] = append(byForm[f], i)
		}
		for _, f := range formOrder {
			items := byID[f].Items
			keys := make([]string, len(items))
			for j, it := range items {
				keys[j] = intLiteral(int64(it.ID))
			}
			w, err := s.newShapedWriter(tx, "audit_results", childShape([3]string{"audit_id", "item_id", "answer"}, keys))
			if err != nil {
				return err
			}
			idx := byForm[f]
			err = w.write(len(idx), func(k int, dst []any) []any {
				i := idx[k]
				dst = append(dst, int64(audits[i].ID))
				for _, it := range items {
					dst = append(dst, string(rows[i].Answers[it.Code]))
				}
				return dst
			})
			w.close()
			if err != nil {
				return fmt.Errorf("insert audit results: %w", err)
			}
		}
		res.Inserted = len(rows)
		return s.finishImport(tx, a, models.KindAudits, src, res, len(rows))
	})
	return res, err
}

// childShape writes the children of one parent, one a key: cols are the
// parent's id column, the key column and the value column; the parent's id
// and one value a key are bound, the keys (SQL literals) written in. Binding
// is the dearest part of a row, and every child repeats the parent's id.
func childShape(cols [3]string, keys []string) rowShape {
	return rowShape{cols: cols[:], params: 1 + len(keys), tuples: len(keys), values: func(sb *strings.Builder, p func(j int) string) {
		for j, k := range keys {
			if j > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString("(" + p(0) + "," + k + "," + p(1+j) + ")")
		}
	}}
}

// ImportWeekly inserts weekly reports (HR, or a supervisor for their team).
// A stored (agent, week) is an error.
func (s *Store) ImportWeekly(a Actor, src ImportSource, rows []models.WeeklyRow) (models.ImportResult, error) {
	return s.ImportWeeklyStream(a, src, feedOf(rows), nil)
}

// stamps are the fixed values of a new row's created_at, updated_at (now)
// and version (1).
func (s *Store) stamps(now time.Time) []fixedValue {
	t := s.timeLiteral(now)
	return []fixedValue{{"created_at", t}, {"updated_at", t}, {"version", intLiteral(1)}}
}

// weeklyWriter writes the weekly reports of an import: those with only the
// columns of a weekly-reports file through a statement binding just those
// (the other texts empty, no rating by a supervisor), any other (the demo
// data's) through one binding every column.
type weeklyWriter struct {
	s     *Store
	tx    *gorm.DB
	now   time.Time
	plain *rowWriter
	full  *rowWriter
}

// plainWeekly reports whether r has only what a weekly-reports file holds.
func plainWeekly(r *models.WeeklyReport) bool {
	return r.TasksDone == "" && r.Issues == "" && r.Suggestions == "" && r.RatingComment == "" && r.RatedBy == nil && r.RatedAt == nil
}

// write inserts rows, of agents ids.
func (w *weeklyWriter) write(rows []models.WeeklyRow, ids []uint) error {
	plain := true
	for i := range rows {
		if !plainWeekly(&rows[i].Report) {
			plain = false
			break
		}
	}
	var err error
	if plain {
		if w.plain == nil {
			fixed := append(w.s.stamps(w.now), fixedValue{"tasks_done", "''"}, fixedValue{"issues", "''"},
				fixedValue{"suggestions", "''"}, fixedValue{"rating_comment", "''"})
			if w.plain, err = w.s.newRowWriter(w.tx, "weekly_reports",
				[]string{"agent_id", "week_start", "submitted_on", "interactions", "summary", "rating"}, fixed...); err != nil {
				return err
			}
		}
		return w.plain.write(len(rows), func(i int, dst []any) []any {
			r := &rows[i].Report
			return append(dst, int64(ids[i]), dateValue(r.WeekStart), dateValue(r.SubmittedOn), intPtr(r.Interactions), r.Summary, intPtr(r.Rating))
		})
	}
	if w.full == nil {
		if w.full, err = w.s.newRowWriter(w.tx, "weekly_reports", []string{"agent_id", "week_start", "submitted_on", "interactions", "summary",
			"tasks_done", "issues", "suggestions", "rating", "rating_comment", "rated_by", "rated_at"}, w.s.stamps(w.now)...); err != nil {
			return err
		}
	}
	return w.full.write(len(rows), func(i int, dst []any) []any {
		r := &rows[i].Report
		return append(dst, int64(ids[i]), dateValue(r.WeekStart), dateValue(r.SubmittedOn), intPtr(r.Interactions), r.Summary,
			r.TasksDone, r.Issues, r.Suggestions, intPtr(r.Rating), r.RatingComment, uintPtr(r.RatedBy), timePtr(r.RatedAt))
	})
}

// close releases the writers' statements.
func (w *weeklyWriter) close() {
	for _, rw := range []*rowWriter{w.plain, w.full} {
		if rw != nil {
			rw.close()
		}
	}
}

// ImportWeeklyStream imports weekly reports as they are parsed, in one
// transaction (HR, or a supervisor for their team). An unknown employee,
// an agent outside the actor's team and a stored (agent, week) are errors;
// any error, the reader's or these, refuses the whole import and every bad
// row is reported. Chunks is always read to its end.
func (s *Store) ImportWeeklyStream(a Actor, src ImportSource, feed Feed[models.WeeklyRow], progress func(done, total int)) (models.ImportResult, error) {
	defer feed.drain()
	if err := s.require(a, OpImportWeekly); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.db.Transaction(func(tx *gorm.DB) error {
		idx, err := s.agentIndex(tx)
		if err != nil {
			return err
		}
		var (
			errs []models.RowError
			ids  []uint
			n    int
		)
		w := &weeklyWriter{s: s, tx: tx, now: s.now().UTC()}
		defer w.close()
		for rows := range feed.Chunks {
			n += len(rows)
			ids = slices.Grow(ids[:0], len(rows))[:len(rows)]
			for i, r := range rows {
				ids[i] = 0
				ag, ok := lookupAgent(idx, r.EmployeeNo, r.Line, "employee_no", &errs)
				if !ok {
					continue
				}
				if !a.CanOnAgent(OpImportWeekly, &ag) {
					errs = append(errs, models.RowError{Line: r.Line, Column: "employee_no", Value: r.EmployeeNo, Reason: "this agent is not in your team"})
					continue
				}
				ids[i] = ag.ID
			}
			if err := s.storedWeeks(tx, rows, ids, &errs); err != nil {
				return err
			}
			if len(errs) > 0 {
				continue // read on, to report every bad row
			}
			if err := w.write(rows, ids); err != nil {
				return fmt.Errorf("insert weekly reports: %w", err)
			}
			if progress != nil {
				progress(n, max(n, feed.Total))
			}
		}
		refused, err := feed.end()
		if err != nil {
			return err
		}
		if errs = append(errs, refused...); len(errs) > 0 {
			return importFail(src, errs)
		}
		res.Inserted = n
		return s.finishImport(tx, a, models.KindWeekly, src, res, n)
	})
	return res, err
}

// storedWeeks adds an error for each of rows (of agents ids, 0 for an
// unresolved one) whose (agent, week) is already stored, with one read of
// the chunk's agents and weeks.
func (s *Store) storedWeeks(tx *gorm.DB, rows []models.WeeklyRow, ids []uint, errs *[]models.RowError) error {
	type key struct {
		AgentID   uint
		WeekStart models.Date
	}
	var (
		agents     []uint
		seen       = map[uint]bool{}
		minW, maxW models.Date
	)
	for i, r := range rows {
		if ids[i] == 0 {
			continue
		}
		if !seen[ids[i]] {
			seen[ids[i]] = true
			agents = append(agents, ids[i])
		}
		if w := r.Report.WeekStart; minW.IsZero() || w.Before(minW) {
			minW = w
		}
		if w := r.Report.WeekStart; maxW.IsZero() || w.After(maxW) {
			maxW = w
		}
	}
	have := map[key]bool{}
	for start := 0; start < len(agents); start += refBatch {
		// the week as text: the driver would parse a date into a time,
		// trying layouts that fail
		rows, err := tx.Raw("SELECT agent_id, "+s.dateText("week_start")+" FROM weekly_reports WHERE agent_id IN ? AND week_start BETWEEN ? AND ?",
			agents[start:min(start+refBatch, len(agents))], minW, maxW).Rows()
		if err != nil {
			return fmt.Errorf("read stored weekly reports: %w", err)
		}
		var (
			k    key
			week sql.RawBytes
		)
		for rows.Next() {
			if err = rows.Scan(&k.AgentID, &week); err != nil {
				break
			}
			if k.WeekStart, err = parseDateBytes(week); err != nil {
				break
			}
			have[k] = true
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return fmt.Errorf("read stored weekly reports: %w", err)
		}
	}
	if len(have) == 0 {
		return nil
	}
	for i, r := range rows {
		if ids[i] != 0 && have[key{ids[i], r.Report.WeekStart}] {
			*errs = append(*errs, models.RowError{Line: r.Line, Column: "week_start", Value: r.Report.WeekStart.String(),
				Reason: "a report for this agent and week is already stored"})
		}
	}
	return nil
}

// isoDate formats d as YYYY-MM-DD, like d.String but without fmt.
func isoDate(d models.Date) string {
	if d.IsZero() || d.Year < 0 || d.Year > 9999 {
		return d.String()
	}
	b := [10]byte{byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10), '-',
		byte('0' + int(d.Month)/10), byte('0' + int(d.Month)%10), '-', byte('0' + d.Day/10), byte('0' + d.Day%10)}
	return string(b[:])
}

// attendanceBatch is the number of rows per multi-row attendance INSERT
// (5 variables a row, well under SQLite's and PostgreSQL's limits).
const attendanceBatch = 1000

// attendanceWriter inserts or replaces attendance rows in one transaction,
// a chunk at a time, with one prepared multi-row statement reused for every
// full batch.
type attendanceWriter struct {
	ctx   context.Context
	tx    *gorm.DB
	conn  gorm.ConnPool
	pg    bool
	maxID int64     // SQLite: the largest id before the import
	full  *sql.Stmt // the statement of a full batch, once prepared
	new   int       // PostgreSQL: rows inserted so far
	args  []any
}

func (s *Store) newAttendanceWriter(tx *gorm.DB) (*attendanceWriter, error) {
	w := &attendanceWriter{ctx: tx.Statement.Context, tx: tx, conn: tx.Statement.ConnPool, pg: s.dialect == "postgres",
		args: make([]any, 0, attendanceBatch*5)}
	if w.ctx == nil {
		w.ctx = context.Background()
	}
	if !w.pg {
		// every new row gets an id above the largest one before the import
		// (one writer at a time), a replaced row keeps its id
		if err := w.conn.QueryRowContext(w.ctx, "SELECT COALESCE(MAX(id), 0) FROM attendance_days").Scan(&w.maxID); err != nil {
			return nil, fmt.Errorf("read attendance: %w", err)
		}
		if err := s.importCache(w.ctx, w.conn); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// statement returns the INSERT of n rows.
func (w *attendanceWriter) statement(n int) string {
	var sb strings.Builder
	if w.pg {
		sb.WriteString("WITH r AS (")
	}
	sb.WriteString("INSERT INTO attendance_days (agent_id, date, status, late_minutes, early_leave_minutes) VALUES ")
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		if w.pg {
			b := i * 5
			fmt.Fprintf(&sb, "($%d,$%d,$%d,$%d,$%d)", b+1, b+2, b+3, b+4, b+5)
		} else {
			sb.WriteString("(?,?,?,?,?)")
		}
	}
	sb.WriteString(" ON CONFLICT (agent_id, date) DO UPDATE SET status = excluded.status, late_minutes = excluded.late_minutes, early_leave_minutes = excluded.early_leave_minutes")
	if w.pg {
		// xmax is 0 on a row this statement inserted.
		sb.WriteString(" RETURNING (xmax = 0) AS ins) SELECT COUNT(*) FILTER (WHERE ins) FROM r")
	}
	return sb.String()
}

// write stores rows (ids[i] is the agent of rows[i]) in batches.
func (w *attendanceWriter) write(rows []models.AttendanceRow, ids []uint) error {
	for start := 0; start < len(rows); start += attendanceBatch {
		end := min(start+attendanceBatch, len(rows))
		w.args = w.args[:0]
		for i := start; i < end; i++ {
			d := &rows[i].Day
			w.args = append(w.args, int64(ids[i]), isoDate(d.Date), string(d.Status), int64(d.LateMinutes), int64(d.EarlyLeaveMinutes))
		}
		stmt := w.full
		var err error
		switch {
		case end-start < attendanceBatch:
			if stmt, err = w.conn.PrepareContext(w.ctx, w.statement(end-start)); err != nil {
				return fmt.Errorf("prepare attendance insert: %w", err)
			}
			defer stmt.Close()
		case stmt == nil:
			if w.full, err = w.conn.PrepareContext(w.ctx, w.statement(attendanceBatch)); err != nil {
				return fmt.Errorf("prepare attendance insert: %w", err)
			}
			stmt = w.full
		}
		if w.pg {
			var n int64
			err = stmt.QueryRowContext(w.ctx, w.args...).Scan(&n)
			w.new += int(n)
		} else {
			_, err = stmt.ExecContext(w.ctx, w.args...)
		}
		if err != nil {
			return fmt.Errorf("insert attendance lines %d–%d: %w", rows[start].Line, rows[end-1].Line, driverError(w.tx, err))
		}
	}
	return nil
}

// inserted returns how many of the rows written were new (not replacing a
// stored day).
func (w *attendanceWriter) inserted() (int, error) {
	if w.pg {
		return w.new, nil
	}
	var n int64
	if err := w.conn.QueryRowContext(w.ctx, "SELECT COUNT(*) FROM attendance_days WHERE id > ?", w.maxID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count inserted attendance: %w", err)
	}
	return int(n), nil
}

// close releases the prepared statement.
func (w *attendanceWriter) close() {
	if w.full != nil {
		w.full.Close()
	}
}

// reserveIDs returns n new ids for the rows of table that a bulk insert
// writes with explicit ids, so that their children can be written without
// reading the ids back. SQLite: above both the largest stored id and the
// largest ever given (AUTOINCREMENT never reuses one), safe as the import's
// transaction holds the write lock; PostgreSQL: taken from the column's
// sequence, safe beside other sessions.
func (s *Store) reserveIDs(tx *gorm.DB, table string, n int) ([]uint, error) {
	ids := make([]uint, n)
	if n == 0 {
		return ids, nil
	}
	if s.dialect == "postgres" {
		var got []int64
		if err := tx.Raw("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)", table, n).Scan(&got).Error; err != nil {
			return nil, fmt.Errorf("reserve %s ids: %w", table, err)
		}
		if len(got) != n {
			return nil, fmt.Errorf("reserve %s ids: got %d of %d", table, len(got), n)
		}
		for i, v := range got {
			ids[i] = uint(v)
		}
		return ids, nil
	}
	var top int64
	if err := tx.Raw("SELECT MAX(COALESCE((SELECT MAX(id) FROM "+table+"), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))",
		table).Scan(&top).Error; err != nil {
		return nil, fmt.Errorf("reserve %s ids: %w", table, err)
	}
	for i := range ids {
		ids[i] = uint(top) + 1 + uint(i)
	}
	return ids, nil
}

// importCache gives the import's SQLite connection a page cache of 64 MiB
// (the default is 2 MiB): a file's rows go to one place in the table but to
// scattered places in the indexes ordered otherwise (by date, by week), and
// with the small cache every such write read and wrote a page of the file
// (weekly reports, 371k rows: 10.3 s, most of it in system calls).
func (s *Store) importCache(ctx context.Context, conn gorm.ConnPool) error {
	if s.dialect == "postgres" {
		return nil
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -65536"); err != nil {
		return fmt.Errorf("set cache size: %w", err)
	}
	return nil
}

// insertRows inserts n rows into table with one prepared multi-row INSERT
// reused for every full batch; row appends the values of row i, in the
// order of cols, to dst. fixed columns get the same value in every row.
func (s *Store) insertRows(tx *gorm.DB, table string, cols []string, n int, row func(i int, dst []any) []any, fixed ...fixedValue) error {
	if n == 0 {
		return nil
	}
	w, err := s.newRowWriter(tx, table, cols, fixed...)
	if err != nil {
		return err
	}
	defer w.close()
	return w.write(n, row)
}

// fixedValue is a column written with the same value in every row of an
// insert, as an SQL literal in the statement rather than a bound value
// (binding is the dearest part of a row: one call into SQLite per value).
type fixedValue struct {
	col string
	sql string // an SQL literal, from a literal function
}

// intLiteral is n as an SQL literal.
func intLiteral(n int64) string { return strconv.FormatInt(n, 10) }

// textLiteral is v as an SQL string literal.
func textLiteral(v string) string { return "'" + strings.ReplaceAll(v, "'", "''") + "'" }

// timeLiteral is t as an SQL literal holding what binding t would store:
// for SQLite the driver's text form, for PostgreSQL an RFC 3339 timestamp.
func (s *Store) timeLiteral(t time.Time) string {
	if s.dialect == "postgres" {
		return textLiteral(t.Format(time.RFC3339Nano))
	}
	return textLiteral(t.Format(sqlite3.SQLiteTimestampFormats[0]))
}

// rowWriter inserts rows into one table of an import's transaction, with
// one prepared multi-row INSERT reused for every full batch of every write.
type rowWriter struct {
	s     *Store
	tx    *gorm.DB
	ctx   context.Context
	conn  gorm.ConnPool
	table string
	shape rowShape
	per   int       // rows per statement
	full  *sql.Stmt // the statement of a full batch, once prepared
	args  []any
}

// rowShape is what a row of a rowWriter writes.
type rowShape struct {
	cols   []string // the columns of the INSERT
	params int      // the values bound per row
	tuples int      // the tuples written per row
	// values writes the VALUES tuples of one row, p(j) the marker of its
	// j-th bound value; their first uses must come in order of j
	values func(sb *strings.Builder, p func(j int) string)
}

// plainShape is one tuple a row: the values of cols bound, those of fixed
// the same in every row.
func plainShape(cols []string, fixed []fixedValue) rowShape {
	all := slices.Clone(cols)
	for _, f := range fixed {
		all = append(all, f.col)
	}
	return rowShape{cols: all, params: len(cols), tuples: 1, values: func(sb *strings.Builder, p func(j int) string) {
		sb.WriteByte('(')
		for j := range cols {
			if j > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(p(j))
		}
		for _, f := range fixed {
			sb.WriteString("," + f.sql)
		}
		sb.WriteByte(')')
	}}
}

// newRowWriter returns a writer of rows into table: the values of cols are
// bound, those of fixed are the same in every row.
func (s *Store) newRowWriter(tx *gorm.DB, table string, cols []string, fixed ...fixedValue) (*rowWriter, error) {
	return s.newShapedWriter(tx, table, plainShape(cols, fixed))
}

// newShapedWriter returns a writer of rows of shape into table.
func (s *Store) newShapedWriter(tx *gorm.DB, table string, shape rowShape) (*rowWriter, error) {
	// at most 1,000 tuples a statement (preparing one grows with its size:
	// 10,000 tuples took 0.14 s) and under both databases' variable limits
	w := &rowWriter{s: s, tx: tx, ctx: tx.Statement.Context, conn: tx.Statement.ConnPool, table: table, shape: shape,
		per: max(1, min(1000/max(1, shape.tuples), 30000/max(1, shape.params)))}
	if w.ctx == nil {
		w.ctx = context.Background()
	}
	if err := s.importCache(w.ctx, w.conn); err != nil {
		return nil, err
	}
	return w, nil
}

// statement returns the INSERT of rows rows. PostgreSQL's values are
// numbered ($1, $2…); SQLite's are "?" where first used, numbered only
// where used again: SQLite looks a numbered one up in a list of those seen,
// which made preparing 1,000 rows of 11 numbered values take 85 ms.
func (w *rowWriter) statement(rows int) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + w.table + " (" + strings.Join(w.shape.cols, ", ") + ") VALUES ")
	pg := w.s.dialect == "postgres"
	used := make([]bool, w.shape.params)
	base := 0
	p := func(j int) string {
		switch {
		case pg:
			return "$" + strconv.Itoa(base+j+1)
		case used[j]:
			return "?" + strconv.Itoa(base+j+1)
		}
		used[j] = true
		return "?"
	}
	for i := 0; i < rows; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		clear(used)
		w.shape.values(&sb, p)
		base += w.shape.params
	}
	return sb.String()
}

// write inserts n rows; row appends the values of row i, in the order of
// the writer's columns, to dst.
func (w *rowWriter) write(n int, row func(i int, dst []any) []any) error {
	for start := 0; start < n; start += w.per {
		end := min(start+w.per, n)
		w.args = w.args[:0]
		for i := start; i < end; i++ {
			w.args = row(i, w.args)
		}
		var err error
		stmt := w.full
		switch {
		case end-start < w.per:
			if stmt, err = w.conn.PrepareContext(w.ctx, w.statement(end-start)); err != nil {
				return fmt.Errorf("prepare insert into %s: %w", w.table, err)
			}
			defer stmt.Close()
		case stmt == nil:
			if w.full, err = w.conn.PrepareContext(w.ctx, w.statement(w.per)); err != nil {
				return fmt.Errorf("prepare insert into %s: %w", w.table, err)
			}
			stmt = w.full
		}
		if _, err := stmt.ExecContext(w.ctx, w.args...); err != nil {
			return driverError(w.tx, err)
		}
	}
	return nil
}

// close releases the prepared statement.
func (w *rowWriter) close() {
	if w.full != nil {
		w.full.Close()
	}
}

// dateValue is d as stored: YYYY-MM-DD, NULL for the zero date.
func dateValue(d models.Date) any {
	if d.IsZero() {
		return nil
	}
	return isoDate(d)
}

// intPtr is *p as stored, NULL for nil.
func intPtr(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// uintPtr is *p as stored, NULL for nil.
func uintPtr(p *uint) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// timePtr is *p as stored, NULL for nil.
func timePtr(p *time.Time) any {
	if p == nil {
		return nil
	}
	return *p
}
