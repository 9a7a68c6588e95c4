package store

import (
	"context"
	"database/sql"
	"errors"
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

// ImportSource names the imported file for errors and the audit log, and
// carries what may cancel its import.
type ImportSource struct {
	File   string // the file name as the user gave it
	SHA256 string // hex digest of the file's bytes
	// Ctx, when not nil, cancels the import: once it is done, the running
	// statement is interrupted, the import stops at its next step and its
	// transaction is rolled back, so nothing of the file is written. The
	// error returned then wraps Ctx's error (context.Canceled) when the
	// cancellation is seen between steps; a statement interrupted midway
	// may give the driver's error instead, so a caller that cancelled
	// checks Ctx.Err().
	Ctx context.Context
	// HeaderLine is the line of the file's header (0: line 1), where the
	// problems of the header itself are reported.
	HeaderLine int
}

// importDB returns the handle an import's transaction is begun on: bound to
// src.Ctx when there is one, so that cancelling it interrupts the statement
// running and rolls the transaction back.
func (s *Store) importDB(src ImportSource) *gorm.DB {
	if src.Ctx == nil {
		return s.db
	}
	return s.db.WithContext(src.Ctx)
}

// cancelled returns, once src.Ctx is done, why, naming the file; nil while
// the import may go on.
func (src ImportSource) cancelled() error {
	if src.Ctx == nil {
		return nil
	}
	if err := src.Ctx.Err(); err != nil {
		return fmt.Errorf("import %s: %w", src.File, err)
	}
	return nil
}

// batchSize is the number of rows per multi-row INSERT.
const batchSize = 500

// refBatch is the number of references looked up in one IN (…) list (under
// both databases' limits on variables).
const refBatch = 10000

// finishImport writes the audit-log row of an import, the last step of its
// transaction; an import cancelled by then is refused instead, so that its
// transaction is rolled back.
func (s *Store) finishImport(tx *gorm.DB, a Actor, kind models.ImportKind, src ImportSource, res models.ImportResult, rows int) error {
	if err := src.cancelled(); err != nil {
		return err
	}
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
		*errs = append(*errs, models.Msg("import.err.unknown_agent", nil, "no agent has this employee number").Row(line, col, no))
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

// ImportAgents imports agents (HR), keyed by employee number: a stored agent
// equal to the file's row is unchanged, a changed one is updated (the
// optional columns the file lacks are left as they are), a new one is
// inserted. The supervisor may be an agent of the same file.
func (s *Store) ImportAgents(a Actor, src ImportSource, rows []models.AgentRow) (models.ImportResult, error) {
	if err := s.require(a, OpEditAgents); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindAgents); err != nil {
			return err
		}
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
				errs = append(errs, models.Msg("import.err.not_ladder_role", nil, "not a role of the career ladder").Row(r.Line, "role", r.Agent.Role))
			}
			if r.SupervisorNo != "" {
				if _, ok := idx[r.SupervisorNo]; !ok && !inFile[r.SupervisorNo] {
					errs = append(errs, models.Msg("import.err.unknown_supervisor", nil, "no agent has this employee number, in the file or in the database").Row(r.Line, "supervisor_no", r.SupervisorNo))
				}
				if r.SupervisorNo == r.Agent.EmployeeNo {
					errs = append(errs, models.Msg("import.err.own_supervisor", nil, "an agent cannot supervise themself").Row(r.Line, "supervisor_no", r.SupervisorNo))
				}
			}
		}
		if len(errs) > 0 {
			return importFail(src, errs)
		}
		var all []models.Agent
		if err := tx.Omit("Supervisor").Find(&all).Error; err != nil {
			return fmt.Errorf("read stored agents: %w", err)
		}
		full := make(map[string]models.Agent, len(all))
		for _, ag := range all {
			full[ag.EmployeeNo] = ag
		}
		inserted, err := s.insertAgents(tx, rows, idx)
		if err != nil {
			byKey := make(map[string]keyedRow, len(rows))
			for _, r := range rows {
				byKey[strings.ToLower(r.Agent.EmployeeNo)] = keyedRow{line: r.Line, value: r.Agent.EmployeeNo}
			}
			return conflict(err, src, "employee_no", byKey)
		}
		log := &updateLog{s: s, a: a}
		supChanged := map[string]bool{}
		for _, r := range rows {
			ag := r.Agent
			if inserted[ag.EmployeeNo] {
				res.Inserted++
				continue
			}
			old := full[ag.EmployeeNo]
			var c changes
			c.add("full_name", old.FullName, ag.FullName)
			c.add("hire_date", old.HireDate, ag.HireDate)
			c.add("role", old.Role, ag.Role)
			c.add("role_start_date", old.RoleStartDate, ag.RoleStartDate)
			vals := map[string][2]any{"team": {old.Team, ag.Team}, "status": {old.Status, ag.Status}, "email": {old.Email, ag.Email}, "phone": {old.Phone, ag.Phone}}
			for _, col := range []string{"team", "status", "email", "phone"} {
				if r.Present[col] {
					c.add(col, vals[col][0], vals[col][1])
				}
			}
			if r.Present["supervisor_no"] {
				var oldSup, newSup uint
				if old.SupervisorID != nil {
					oldSup = *old.SupervisorID
				}
				if r.SupervisorNo != "" {
					newSup = idx[r.SupervisorNo].ID
				}
				if oldSup != newSup {
					supChanged[ag.EmployeeNo] = true
					c = append(c, change{"supervisor_no", supervisorNo(all, oldSup), r.SupervisorNo})
				}
			}
			if len(c) == 0 {
				res.Unchanged++
				continue
			}
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
			log.add("agent", ag.EmployeeNo, r.Line, c)
			res.Updated++
		}
		// supervisors last (one may come later in the file), one update
		// per supervisor for all of their agents: the new agents and those
		// whose supervisor changed
		team := map[uint][]uint{} // supervisor's id (0: none) → agents' ids
		var sups []uint
		for _, r := range rows {
			if !r.Present["supervisor_no"] || !inserted[r.Agent.EmployeeNo] && !supChanged[r.Agent.EmployeeNo] {
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
		if err := log.flush(tx); err != nil {
			return err
		}
		return s.finishImport(tx, a, models.KindAgents, src, res, len(rows))
	})
	return res, err
}

// supervisorNo returns the employee number of the agent of all with id
// (empty for 0).
func supervisorNo(all []models.Agent, id uint) string {
	for _, ag := range all {
		if id != 0 && ag.ID == id {
			return ag.EmployeeNo
		}
	}
	return ""
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

// ImportAttendance imports attendance days (HR) as ImportAttendanceStream does.
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
// transaction (HR), keyed by employee_no and date: a stored day equal to
// the file's row is unchanged, a changed one is updated (time-clock exports
// overlap), a new one inserted. Every bad row, of the reader's and of the
// store's own checks (an unknown employee number, a day of a finalized
// year that the row would change), refuses the whole import: nothing is
// kept. The stored days are read and compared a chunk at a time. Chunks is
// always read to its end, so the reader never blocks.
func (s *Store) ImportAttendanceStream(a Actor, src ImportSource, feed AttendanceFeed, progress func(done, total int)) (models.ImportResult, error) {
	defer feed.drain()
	if err := s.require(a, OpEditAttendance); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindAttendance); err != nil {
			return err
		}
		idx, err := s.agentIndex(tx)
		if err != nil {
			return err
		}
		fin, err := s.finalizedYears(tx)
		if err != nil {
			return err
		}
		ins, err := s.newAttendanceWriter(tx, src, false)
		if err != nil {
			return err
		}
		defer ins.close()
		upd, err := s.newAttendanceWriter(tx, src, true)
		if err != nil {
			return err
		}
		defer upd.close()
		log := &updateLog{s: s, a: a}
		touched := summaryKeys{} // the agent-years whose days changed
		var (
			errs               []models.RowError
			ids                []uint
			n                  int
			fresh, changed     []models.AttendanceRow
			freshID, changedID []uint
		)
		for rows := range feed.Chunks {
			if err := src.cancelled(); err != nil {
				return err // the deferred drain reads the rest
			}
			n += len(rows)
			ids = slices.Grow(ids[:0], len(rows))[:len(rows)]
			for i, r := range rows {
				ids[i] = 0
				if ag, ok := lookupAgent(idx, r.EmployeeNo, r.Line, "employee_no", &errs); ok {
					ids[i] = ag.ID
				}
			}
			stored, err := s.storedDays(tx, rows, ids)
			if err != nil {
				return err
			}
			fresh, changed, freshID, changedID = fresh[:0], changed[:0], freshID[:0], changedID[:0]
			for i, r := range rows {
				if ids[i] == 0 {
					continue
				}
				d := &r.Day
				old, ok := stored[dayKey{ids[i], d.Date}]
				if ok && old.Status == d.Status && old.LateMinutes == d.LateMinutes && old.EarlyLeaveMinutes == d.EarlyLeaveMinutes {
					res.Unchanged++
					continue
				}
				var c changes
				if ok {
					c.add("status", old.Status, d.Status)
					c.add("late_minutes", old.LateMinutes, d.LateMinutes)
					c.add("early_leave_minutes", old.EarlyLeaveMinutes, d.EarlyLeaveMinutes)
					if len(c) == 0 {
						res.Unchanged++
						continue
					}
				}
				if fin[agentYear{ids[i], d.Date.Year}] {
					errs = append(errs, finalizedRow(r.Line, "date", d.Date.String(), r.EmployeeNo, d.Date.Year))
					continue
				}
				if ok {
					changed, changedID = append(changed, r), append(changedID, ids[i])
					log.add("attendance", r.EmployeeNo+"/"+isoDate(d.Date), r.Line, c)
				} else {
					fresh, freshID = append(fresh, r), append(freshID, ids[i])
				}
			}
			if len(errs) > 0 {
				continue // read on, to report every bad row
			}
			if err := ins.write(fresh, freshID); err != nil {
				return err
			}
			if err := upd.write(changed, changedID); err != nil {
				return err
			}
			for i := range fresh {
				touched.add(freshID[i], fresh[i].Day.Date)
			}
			for i := range changed {
				touched.add(changedID[i], changed[i].Day.Date)
			}
			res.Inserted += len(fresh)
			res.Updated += len(changed)
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
		if err := s.refreshAttendanceSummaries(tx, touched); err != nil {
			return err
		}
		if err := log.flush(tx); err != nil {
			return err
		}
		return s.finishImport(tx, a, models.KindAttendance, src, res, n)
	})
	if err != nil {
		return models.ImportResult{}, err
	}
	return res, nil
}

// agentsAndSpan returns the distinct agents of a chunk's rows (ids, 0 for
// an unresolved row, which is left out) in first-seen order, and the
// earliest and latest of the rows' dates (date(i) of row i): what one read
// of the stored rows of the chunk needs.
func agentsAndSpan(ids []uint, date func(i int) models.Date) (agents []uint, from, to models.Date) {
	seen := map[uint]bool{}
	for i, id := range ids {
		if id == 0 {
			continue
		}
		if !seen[id] {
			seen[id] = true
			agents = append(agents, id)
		}
		if d := date(i); from.IsZero() || d.Before(from) {
			from = d
		}
		if d := date(i); to.IsZero() || d.After(to) {
			to = d
		}
	}
	return agents, from, to
}

// dayKey is an attendance day's natural key (the agent's id and the date).
type dayKey struct {
	agentID uint
	date    models.Date
}

// storedDays returns the stored attendance days of rows (of agents ids, 0
// for an unresolved one) by key, with one read of the chunk's agents and
// dates.
func (s *Store) storedDays(tx *gorm.DB, rows []models.AttendanceRow, ids []uint) (map[dayKey]models.AttendanceDay, error) {
	agents, from, to := agentsAndSpan(ids, func(i int) models.Date { return rows[i].Day.Date })
	have := map[dayKey]models.AttendanceDay{}
	for start := 0; start < len(agents); start += refBatch {
		// the date as text: the driver would parse a date into a time,
		// trying layouts that fail
		rows, err := tx.Raw("SELECT agent_id, "+s.dateText("date")+", status, late_minutes, early_leave_minutes FROM attendance_days WHERE agent_id IN ? AND date BETWEEN ? AND ?",
			agents[start:min(start+refBatch, len(agents))], from, to).Rows()
		if err != nil {
			return nil, fmt.Errorf("read stored attendance: %w", err)
		}
		var (
			k      dayKey
			day    sql.RawBytes
			status string
			d      models.AttendanceDay
		)
		for rows.Next() {
			if err = rows.Scan(&k.agentID, &day, &status, &d.LateMinutes, &d.EarlyLeaveMinutes); err != nil {
				break
			}
			if k.date, err = parseDateBytes(day); err != nil {
				break
			}
			d.Status = models.AttendanceStatus(status)
			have[k] = d
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return nil, fmt.Errorf("read stored attendance: %w", err)
		}
	}
	return have, nil
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

// FormItems converts an audit form's items to what scoring.AuditScore
// takes (the one conversion: imports, the store's audits and the entry
// screen's running score all use it).
func FormItems(f models.AuditForm) []scoring.AuditItem {
	out := make([]scoring.AuditItem, len(f.Items))
	for i, it := range f.Items {
		out[i] = scoring.AuditItem{Code: it.Code, Weight: it.Weight, Critical: it.Critical}
	}
	return out
}

// ImportAudits imports quality audits (Quality), keyed by audit_ref: a
// stored audit equal to the file's row is unchanged, a changed one is
// updated (its answers replaced, on the latest version of the row's form),
// a new one is inserted. A row that would change a finalized year (the
// audit's year before or after the change) refuses the file.
func (s *Store) ImportAudits(a Actor, src ImportSource, rows []models.AuditRow) (models.ImportResult, error) {
	if err := s.require(a, OpEnterAudits); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindAudits); err != nil {
			return err
		}
		idx, err := s.agentIndex(tx)
		if err != nil {
			return err
		}
		byID, latest, err := s.loadForms(tx)
		if err != nil {
			return err
		}
		fin, err := s.finalizedYears(tx)
		if err != nil {
			return err
		}
		stored, err := storedAudits(tx, rows)
		if err != nil {
			return err
		}
		// the header first and alone (spec "Header problems are reported
		// first and alone"): every item of each form the rows name has a
		// column, and every item column is an item of those forms
		if errs := auditHeader(src, rows, latest); len(errs) > 0 {
			return importFail(src, errs)
		}
		var errs []models.RowError
		itemsOf := map[uint][]scoring.AuditItem{} // form ID → its items
		agents := make([]models.Agent, len(rows))
		var fresh, changed []int
		for i, r := range rows {
			ag, ok := lookupAgent(idx, r.EmployeeNo, r.Line, "employee_no", &errs)
			agents[i] = ag
			form, fok := latest[strings.ToUpper(r.FormCode)]
			if !fok {
				errs = append(errs, models.Msg("import.err.unknown_form", nil, "no audit form has this code").Row(r.Line, "form_code", r.FormCode))
				continue
			}
			items, ok2 := itemsOf[form.ID]
			if !ok2 {
				items = FormItems(form)
				itemsOf[form.ID] = items
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
					errs = append(errs, auditScoreRow(r.Line, err))
				}
			}
			if !ok {
				continue
			}
			old, found := stored[r.Audit.Ref]
			if found {
				oldForm := byID[old.FormID]
				var c changes
				c.add("employee_no", old.AgentID, ag.ID)
				c.add("form_code", strings.ToUpper(oldForm.Code), strings.ToUpper(r.FormCode))
				c.add("audit_date", old.AuditDate, r.Audit.AuditDate)
				c.add("channel", old.Channel, r.Audit.Channel)
				c.add("auditor", old.Auditor, r.Audit.Auditor)
				c.add("notes", old.Notes, r.Audit.Notes)
				for _, it := range oldForm.Items {
					c.add(it.Code, old.answers[it.ID], r.Answers[it.Code])
				}
				// the row is read on the latest version of its form: a
				// stored audit of an older version moves to it (its answers
				// to the new items would otherwise be dropped unseen)
				c.add("form_version", oldForm.FormVer, form.FormVer)
				if len(c) == 0 {
					res.Unchanged++
					continue
				}
				if y := old.AuditDate.Year; fin[agentYear{old.AgentID, y}] {
					errs = append(errs, finalizedRow(r.Line, "audit_ref", r.Audit.Ref, r.EmployeeNo, y))
					continue
				}
				old.changes = c
				stored[r.Audit.Ref] = old
			}
			if y := r.Audit.AuditDate.Year; fin[agentYear{ag.ID, y}] {
				errs = append(errs, finalizedRow(r.Line, "audit_date", r.Audit.AuditDate.String(), r.EmployeeNo, y))
				continue
			}
			if found {
				changed = append(changed, i)
			} else {
				fresh = append(fresh, i)
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
		now := s.now().UTC()
		log := &updateLog{s: s, a: a}
		for _, i := range changed {
			r, old := rows[i], stored[rows[i].Audit.Ref]
			au := &audits[i]
			au.ID = old.ID
			if err := tx.Model(&models.Audit{}).Where("id = ?", old.ID).Updates(map[string]any{"agent_id": au.AgentID, "form_id": au.FormID,
				"audit_date": au.AuditDate, "channel": au.Channel, "auditor": au.Auditor, "notes": au.Notes,
				"version": gorm.Expr("version + 1"), "updated_at": now}).Error; err != nil {
				return fmt.Errorf("line %d: update audit %s: %w", r.Line, r.Audit.Ref, translate(err))
			}
			if err := tx.Where("audit_id = ?", old.ID).Delete(&models.AuditResult{}).Error; err != nil {
				return fmt.Errorf("line %d: update audit %s: %w", r.Line, r.Audit.Ref, translate(err))
			}
			log.add("audit", r.Audit.Ref, r.Line, old.changes)
		}
		ids, err := s.reserveIDs(tx, "audits", len(fresh))
		if err != nil {
			return err
		}
		byKey := make(map[string]keyedRow, len(fresh))
		for _, i := range fresh {
			byKey[strings.ToLower(rows[i].Audit.Ref)] = keyedRow{line: rows[i].Line, value: rows[i].Audit.Ref}
		}
		if err := s.insertRows(tx, "audits", []string{"id", "ref", "agent_id", "form_id", "audit_date", "channel", "auditor", "notes"},
			len(fresh), func(k int, dst []any) []any {
				au := &audits[fresh[k]]
				au.ID, au.CreatedAt, au.UpdatedAt = ids[k], now, now
				return append(dst, int64(au.ID), au.Ref, int64(au.AgentID), int64(au.FormID), dateValue(au.AuditDate), string(au.Channel),
					au.Auditor, au.Notes)
			}, s.stamps(now)...); err != nil {
			return fmt.Errorf("insert audits: %w", conflict(err, src, "audit_ref", byKey))
		}
		// the answers of the new and the changed audits, form by form: an
		// audit's answers are one row of the writer, its id bound once and
		// the item ids written in
		byForm := map[uint][]int{} // form ID → indexes of its audits
		var formOrder []uint
		for _, i := range slices.Concat(fresh, changed) {
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
		if err := log.flush(tx); err != nil {
			return err
		}
		res.Inserted, res.Updated = len(fresh), len(changed)
		return s.finishImport(tx, a, models.KindAudits, src, res, len(rows))
	})
	if err != nil {
		return models.ImportResult{}, err
	}
	return res, nil
}

// auditHeader checks the item columns of an audits file against the latest
// version of each form its rows name: a missing item column and a column
// that is no item of the form are errors on the header's line.
func auditHeader(src ImportSource, rows []models.AuditRow, latest map[string]models.AuditForm) []models.RowError {
	line := max(src.HeaderLine, 1)
	var errs []models.RowError
	checked := map[string]bool{}
	for _, r := range rows {
		form, ok := latest[strings.ToUpper(r.FormCode)]
		if !ok || checked[form.Code] {
			continue // an unknown form is the row's error
		}
		checked[form.Code] = true
		have := map[string]bool{}
		for _, it := range form.Items {
			have[it.Code] = true
			if _, ok := r.Answers[it.Code]; !ok {
				errs = append(errs, models.Msg("import.err.form_item_missing", map[string]any{"Form": form.Code, "Item": it.Code},
					"form %s has item %s but the file has no column for it", form.Code, it.Code).Row(line, it.Code, ""))
			}
		}
		extra := make([]string, 0, len(r.Answers))
		for code := range r.Answers {
			if !have[code] {
				extra = append(extra, code)
			}
		}
		slices.Sort(extra)
		for _, code := range extra {
			errs = append(errs, models.Msg("import.err.form_no_item", map[string]any{"Form": form.Code, "Item": code},
				"form %s has no item %s", form.Code, code).Row(line, code, code))
		}
	}
	return errs
}

// storedAudit is a stored audit a file row has the ref of, with its
// answers by item id, and what the row changes.
type storedAudit struct {
	models.Audit
	answers map[uint]models.Answer
	changes changes
}

// storedAudits returns the stored audits with the refs of rows, by ref.
func storedAudits(tx *gorm.DB, rows []models.AuditRow) (map[string]storedAudit, error) {
	refs := make([]string, len(rows))
	for i, r := range rows {
		refs[i] = r.Audit.Ref
	}
	out := map[string]storedAudit{}
	byID := map[uint]string{}
	var ids []uint
	for start := 0; start < len(refs); start += refBatch {
		var part []models.Audit
		if err := tx.Select("id", "ref", "agent_id", "form_id", "audit_date", "channel", "auditor", "notes").
			Where("ref IN ?", refs[start:min(start+refBatch, len(refs))]).Find(&part).Error; err != nil {
			return nil, fmt.Errorf("read stored audits: %w", err)
		}
		for _, au := range part {
			out[au.Ref] = storedAudit{Audit: au, answers: map[uint]models.Answer{}}
			byID[au.ID] = au.Ref
			ids = append(ids, au.ID)
		}
	}
	for start := 0; start < len(ids); start += refBatch {
		var results []models.AuditResult
		if err := tx.Where("audit_id IN ?", ids[start:min(start+refBatch, len(ids))]).Find(&results).Error; err != nil {
			return nil, fmt.Errorf("read stored audit answers: %w", err)
		}
		for _, r := range results {
			out[byID[r.AuditID]].answers[r.ItemID] = r.Answer
		}
	}
	return out, nil
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

// ImportWeekly imports weekly reports (HR, or a supervisor for their team)
// as ImportWeeklyStream does.
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
// transaction (HR, or a supervisor for their team), keyed by employee_no
// and week_start: a stored report equal to the file's row is unchanged, a
// changed one has the file's columns updated (the texts and rating comment
// entered in the app are kept), a new one is inserted. An unknown employee,
// an agent outside the actor's team and a row that would change a
// finalized year are errors; any error, the reader's or these, refuses the
// whole import and every bad row is reported. The stored reports are read
// and compared a chunk at a time. Chunks is always read to its end.
func (s *Store) ImportWeeklyStream(a Actor, src ImportSource, feed Feed[models.WeeklyRow], progress func(done, total int)) (models.ImportResult, error) {
	defer feed.drain()
	if err := s.require(a, OpImportWeekly); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindWeekly); err != nil {
			return err
		}
		idx, err := s.agentIndex(tx)
		if err != nil {
			return err
		}
		fin, err := s.finalizedYears(tx)
		if err != nil {
			return err
		}
		var (
			errs       []models.RowError
			ids        []uint
			n          int
			fresh      []models.WeeklyRow
			freshID    []uint
			changed    []models.WeeklyRow
			changedID  []uint
			updateStmt *sql.Stmt
			ctx        = tx.Statement.Context
			now        = s.now().UTC()
		)
		if ctx == nil {
			ctx = context.Background()
		}
		defer func() {
			if updateStmt != nil {
				updateStmt.Close()
			}
		}()
		log := &updateLog{s: s, a: a}
		w := &weeklyWriter{s: s, tx: tx, now: now}
		defer w.close()
		for rows := range feed.Chunks {
			if err := src.cancelled(); err != nil {
				return err // the deferred drain reads the rest
			}
			n += len(rows)
			ids = slices.Grow(ids[:0], len(rows))[:len(rows)]
			for i, r := range rows {
				ids[i] = 0
				ag, ok := lookupAgent(idx, r.EmployeeNo, r.Line, "employee_no", &errs)
				if !ok {
					continue
				}
				if !a.CanOnAgent(OpImportWeekly, &ag) {
					errs = append(errs, reasonNotYourTeam.Row(r.Line, "employee_no", r.EmployeeNo))
					continue
				}
				ids[i] = ag.ID
			}
			stored, err := s.storedWeeks(tx, rows, ids)
			if err != nil {
				return err
			}
			fresh, freshID, changed, changedID = fresh[:0], freshID[:0], changed[:0], changedID[:0]
			for i, r := range rows {
				if ids[i] == 0 {
					continue
				}
				rp := &r.Report
				old, ok := stored[weekKey{ids[i], rp.WeekStart}]
				var c changes
				if ok {
					c.add("submitted_on", old.SubmittedOn, rp.SubmittedOn)
					c.addPtr("interactions", old.Interactions, rp.Interactions)
					c.add("summary", old.Summary, rp.Summary)
					c.addPtr("rating", old.Rating, rp.Rating)
					if len(c) == 0 {
						res.Unchanged++
						continue
					}
				}
				if y := rp.WeekStart.Year; fin[agentYear{ids[i], y}] {
					errs = append(errs, finalizedRow(r.Line, "week_start", rp.WeekStart.String(), r.EmployeeNo, y))
					continue
				}
				if ok {
					changed, changedID = append(changed, r), append(changedID, ids[i])
					log.add("weekly_report", r.EmployeeNo+"/"+isoDate(rp.WeekStart), r.Line, c)
				} else {
					fresh, freshID = append(fresh, r), append(freshID, ids[i])
				}
			}
			if len(errs) > 0 {
				continue // read on, to report every bad row
			}
			if len(fresh) > 0 {
				if err := w.write(fresh, freshID); err != nil {
					err = driverError(tx, err)
					if errors.Is(err, models.ErrAlreadyExists) {
						byKey := make(map[string]keyedRow, len(fresh))
						for i, r := range fresh {
							byKey[strconv.FormatUint(uint64(freshID[i]), 10)+", "+isoDate(r.Report.WeekStart)] = keyedRow{line: r.Line, value: r.EmployeeNo + " / " + r.Report.WeekStart.String()}
						}
						return conflict(err, src, "employee_no+week_start", byKey)
					}
					return fmt.Errorf("insert weekly reports: %w", err)
				}
			}
			for i, r := range changed {
				if updateStmt == nil {
					q := "UPDATE weekly_reports SET submitted_on = ?, interactions = ?, summary = ?, rating = ?, version = version + 1, updated_at = ? WHERE agent_id = ? AND week_start = ?"
					if s.dialect == "postgres" {
						q = "UPDATE weekly_reports SET submitted_on = $1, interactions = $2, summary = $3, rating = $4, version = version + 1, updated_at = $5 WHERE agent_id = $6 AND week_start = $7"
					}
					if updateStmt, err = tx.Statement.ConnPool.PrepareContext(ctx, q); err != nil {
						return fmt.Errorf("prepare weekly update: %w", err)
					}
				}
				rp := &r.Report
				if _, err := updateStmt.ExecContext(ctx, dateValue(rp.SubmittedOn), intPtr(rp.Interactions), rp.Summary, intPtr(rp.Rating), now,
					int64(changedID[i]), dateValue(rp.WeekStart)); err != nil {
					return fmt.Errorf("line %d: update weekly report: %w", r.Line, driverError(tx, err))
				}
			}
			res.Inserted += len(fresh)
			res.Updated += len(changed)
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
		if err := log.flush(tx); err != nil {
			return err
		}
		return s.finishImport(tx, a, models.KindWeekly, src, res, n)
	})
	if err != nil {
		return models.ImportResult{}, err
	}
	return res, nil
}

// weekKey is a weekly report's natural key (the agent's id and the week).
type weekKey struct {
	agentID uint
	week    models.Date
}

// storedWeeks returns the stored weekly reports of rows (of agents ids, 0
// for an unresolved one) by key, with the columns a file holds, with one
// read of the chunk's agents and weeks.
func (s *Store) storedWeeks(tx *gorm.DB, rows []models.WeeklyRow, ids []uint) (map[weekKey]models.WeeklyReport, error) {
	agents, minW, maxW := agentsAndSpan(ids, func(i int) models.Date { return rows[i].Report.WeekStart })
	have := map[weekKey]models.WeeklyReport{}
	for start := 0; start < len(agents); start += refBatch {
		// the dates as text: the driver would parse a date into a time,
		// trying layouts that fail
		rows, err := tx.Raw("SELECT agent_id, "+s.dateText("week_start")+", "+s.dateText("submitted_on")+", interactions, COALESCE(summary, ''), rating FROM weekly_reports WHERE agent_id IN ? AND week_start BETWEEN ? AND ?",
			agents[start:min(start+refBatch, len(agents))], minW, maxW).Rows()
		if err != nil {
			return nil, fmt.Errorf("read stored weekly reports: %w", err)
		}
		var (
			k             weekKey
			week, sub     sql.RawBytes
			inter, rating sql.NullInt64
		)
		for rows.Next() {
			var r models.WeeklyReport
			if err = rows.Scan(&k.agentID, &week, &sub, &inter, &r.Summary, &rating); err != nil {
				break
			}
			if k.week, err = parseDateBytes(week); err != nil {
				break
			}
			if r.SubmittedOn, err = parseDateBytes(sub); err != nil {
				break
			}
			if inter.Valid {
				v := int(inter.Int64)
				r.Interactions = &v
			}
			if rating.Valid {
				v := int(rating.Int64)
				r.Rating = &v
			}
			have[k] = r
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return nil, fmt.Errorf("read stored weekly reports: %w", err)
		}
	}
	return have, nil
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

// attendanceWriter writes attendance rows in one transaction, a chunk at a
// time, with one prepared multi-row statement reused for every full batch:
// an INSERT of new days, or (upsert) one that replaces the stored days.
type attendanceWriter struct {
	ctx    context.Context
	tx     *gorm.DB
	conn   gorm.ConnPool
	src    ImportSource
	pg     bool
	upsert bool
	full   *sql.Stmt // the statement of a full batch, once prepared
	args   []any
}

func (s *Store) newAttendanceWriter(tx *gorm.DB, src ImportSource, upsert bool) (*attendanceWriter, error) {
	w := &attendanceWriter{ctx: tx.Statement.Context, tx: tx, conn: tx.Statement.ConnPool, src: src, pg: s.dialect == "postgres", upsert: upsert}
	if w.ctx == nil {
		w.ctx = context.Background()
	}
	if err := s.importCache(w.ctx, w.conn); err != nil {
		return nil, err
	}
	return w, nil
}

// statement returns the INSERT of n rows.
func (w *attendanceWriter) statement(n int) string {
	var sb strings.Builder
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
	if w.upsert {
		sb.WriteString(" ON CONFLICT (agent_id, date) DO UPDATE SET status = excluded.status, late_minutes = excluded.late_minutes, early_leave_minutes = excluded.early_leave_minutes")
	}
	return sb.String()
}

// write stores rows (ids[i] is the agent of rows[i]) in batches. A day
// another import or user stored meanwhile refuses an INSERT: the error
// names its line and value (PostgreSQL) or the batch's lines.
func (w *attendanceWriter) write(rows []models.AttendanceRow, ids []uint) error {
	if w.args == nil && len(rows) > 0 {
		w.args = make([]any, 0, attendanceBatch*5)
	}
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
		if _, err = stmt.ExecContext(w.ctx, w.args...); err != nil {
			err = driverError(w.tx, err)
			if errors.Is(err, models.ErrAlreadyExists) {
				byKey := make(map[string]keyedRow, end-start)
				for i := start; i < end; i++ {
					r := &rows[i]
					byKey[strconv.FormatUint(uint64(ids[i]), 10)+", "+isoDate(r.Day.Date)] = keyedRow{line: r.Line, value: r.EmployeeNo + " / " + r.Day.Date.String()}
				}
				return conflict(err, w.src, "employee_no+date", byKey)
			}
			return fmt.Errorf("write attendance lines %d–%d: %w", rows[start].Line, rows[end-1].Line, err)
		}
	}
	return nil
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
