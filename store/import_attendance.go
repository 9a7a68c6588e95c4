package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"sullam/models"
)

// ImportAttendance imports attendance days (HR) as ImportAttendanceStream does.
func (s *Store) ImportAttendance(a Actor, src ImportSource, rows []models.AttendanceRow, progress func(done, total int)) (models.ImportResult, error) {
	return s.ImportAttendanceStream(a, src, feedOf(rows), progress)
}

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
		idx, fin, err := s.streamStart(tx, models.KindAttendance)
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
		sums := s.newAttendanceFresh() // the agent-years whose days changed
		var (
			errs []models.RowError
			ids  []uint
			look []uint // the ids of the rows to compare with stored days
			n    int
			b    dayBatch
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
			if look, err = sums.storedOnly(tx, ids, func(i int) int { return rows[i].Day.Date.Year }, look); err != nil {
				return err
			}
			stored, err := s.storedDays(tx, rows, look)
			if err != nil {
				return err
			}
			res.Unchanged += b.sort(rows, ids, stored, fin, log, &errs)
			if len(errs) > 0 {
				continue // read on, to report every bad row
			}
			if err := b.write(tx, ins, upd, sums); err != nil {
				return err
			}
			res.Inserted += len(b.fresh)
			res.Updated += len(b.changed)
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
		if err := sums.write(tx); err != nil {
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

// dayBatch is a chunk's attendance rows to write: the new days and the
// changed ones, each with its agent's id.
type dayBatch struct {
	fresh, changed     []models.AttendanceRow
	freshID, changedID []uint
}

// sort puts the chunk's rows (ids[i] the agent of rows[i], 0 for an
// unresolved row, which is skipped) into the batch against the stored days:
// a day equal to the stored one is counted unchanged, a change logs its
// values, a row that would change a finalized year is an error added to
// errs. It returns the number unchanged.
func (b *dayBatch) sort(rows []models.AttendanceRow, ids []uint, stored map[dayKey]models.AttendanceDay, fin map[agentYear]bool, log *updateLog, errs *[]models.RowError) (unchanged int) {
	b.fresh, b.changed, b.freshID, b.changedID = b.fresh[:0], b.changed[:0], b.freshID[:0], b.changedID[:0]
	for i, r := range rows {
		if ids[i] == 0 {
			continue
		}
		d := &r.Day
		old, ok := stored[dayKey{ids[i], d.Date}]
		if ok && old.Status == d.Status && old.LateMinutes == d.LateMinutes && old.EarlyLeaveMinutes == d.EarlyLeaveMinutes {
			unchanged++
			continue
		}
		var c changes
		if ok {
			c.add("status", old.Status, d.Status)
			c.add("late_minutes", old.LateMinutes, d.LateMinutes)
			c.add("early_leave_minutes", old.EarlyLeaveMinutes, d.EarlyLeaveMinutes)
			if len(c) == 0 {
				unchanged++
				continue
			}
		}
		if fin[agentYear{ids[i], d.Date.Year}] {
			*errs = append(*errs, finalizedRow(r.Line, "date", d.Date.String(), r.EmployeeNo, d.Date.Year))
			continue
		}
		if ok {
			b.changed, b.changedID = append(b.changed, r), append(b.changedID, ids[i])
			log.add("attendance", r.EmployeeNo+"/"+isoDate(d.Date), r.Line, c)
		} else {
			b.fresh, b.freshID = append(b.fresh, r), append(b.freshID, ids[i])
		}
	}
	return unchanged
}

// write inserts the batch's new days with ins, replaces its changed ones
// with upd and gives their agent-years to sums (classified first, while
// the stored rows are still those before the batch).
func (b *dayBatch) write(tx *gorm.DB, ins, upd *attendanceWriter, sums *attendanceFresh) error {
	if err := sums.prepare(tx, b.fresh, b.freshID, b.changed, b.changedID); err != nil {
		return err
	}
	if err := ins.write(b.fresh, b.freshID); err != nil {
		return err
	}
	if err := upd.write(b.changed, b.changedID); err != nil {
		return err
	}
	sums.add(b.fresh, b.freshID)
	return nil
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
	packed *sql.Stmt // the packed statement of a full batch, once prepared
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

// Packed rows (SQLite): a row binds two values instead of five, its date
// and one integer holding the agent's id, the status's code and both
// minutes, which the statement takes apart; binding is a call into SQLite
// and a conversion in database/sql per value, and it was the largest part
// of an attendance insert after SQLite's own work. A batch with a row that
// does not fit (an unknown status, minutes outside 0..packMinutes) is
// written plainly.
const (
	packMinutes = 1<<11 - 1
	packCodes   = "CASE (column2 >> 22) & 7 WHEN 1 THEN 'present' WHEN 2 THEN 'absent' WHEN 3 THEN 'leave' WHEN 4 THEN 'holiday' END"
)

// packDay returns the packed integer of an attendance day of agent id,
// false when the day does not fit.
func packDay(id uint, d *models.AttendanceDay) (int64, bool) {
	var code int64
	switch d.Status {
	case models.Present:
		code = 1
	case models.Absent:
		code = 2
	case models.Leave:
		code = 3
	case models.Holiday:
		code = 4
	default:
		return 0, false
	}
	if d.LateMinutes < 0 || d.LateMinutes > packMinutes || d.EarlyLeaveMinutes < 0 || d.EarlyLeaveMinutes > packMinutes || uint64(id) >= 1<<38 {
		return 0, false
	}
	return int64(id)<<25 | code<<22 | int64(d.LateMinutes)<<11 | int64(d.EarlyLeaveMinutes), true
}

// packedStatement returns the INSERT of n packed rows (SQLite).
func (w *attendanceWriter) packedStatement(n int) string {
	var sb strings.Builder
	sb.Grow(300 + 6*n)
	sb.WriteString("INSERT INTO attendance_days (agent_id, date, status, late_minutes, early_leave_minutes) SELECT column2 >> 25, column1, " + packCodes +
		", (column2 >> 11) & 2047, column2 & 2047 FROM (VALUES ")
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString("(?,?)")
	}
	// WHERE true: SQLite's parser needs it before an upsert's ON CONFLICT
	sb.WriteString(") WHERE true")
	if w.upsert {
		sb.WriteString(" ON CONFLICT (agent_id, date) DO UPDATE SET status = excluded.status, late_minutes = excluded.late_minutes, early_leave_minutes = excluded.early_leave_minutes")
	}
	return sb.String()
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
		packed := !w.pg
		for i := start; i < end && packed; i++ {
			d := &rows[i].Day
			v, ok := packDay(ids[i], d)
			w.args, packed = append(w.args, isoDate(d.Date), v), ok
		}
		if !packed {
			w.args = w.args[:0]
			for i := start; i < end; i++ {
				d := &rows[i].Day
				w.args = append(w.args, int64(ids[i]), isoDate(d.Date), string(d.Status), int64(d.LateMinutes), int64(d.EarlyLeaveMinutes))
			}
		}
		full, text := &w.full, w.statement
		if packed {
			full, text = &w.packed, w.packedStatement
		}
		stmt := *full
		var err error
		switch {
		case end-start < attendanceBatch:
			if stmt, err = w.conn.PrepareContext(w.ctx, text(end-start)); err != nil {
				return fmt.Errorf("prepare attendance insert: %w", err)
			}
			defer stmt.Close()
		case stmt == nil:
			if *full, err = w.conn.PrepareContext(w.ctx, text(attendanceBatch)); err != nil {
				return fmt.Errorf("prepare attendance insert: %w", err)
			}
			stmt = *full
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

// close releases the prepared statements.
func (w *attendanceWriter) close() {
	for _, st := range []*sql.Stmt{w.full, w.packed} {
		if st != nil {
			st.Close()
		}
	}
}
