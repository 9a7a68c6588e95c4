package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"sullam/internal/bulk"
	"sullam/models"
)

// ImportWeekly imports weekly reports (HR, or a supervisor for their team)
// as ImportWeeklyStream does.
func (s *Store) ImportWeekly(a Actor, src ImportSource, rows []models.WeeklyRow) (models.ImportResult, error) {
	return s.ImportWeeklyStream(a, src, feedOf(rows), nil)
}

// stamps are the fixed values of a new row's created_at, updated_at (now)
// and version (1).
func (s *Store) stamps(now time.Time) []bulk.Fixed {
	t := s.timeLiteral(now)
	return []bulk.Fixed{{Col: "created_at", SQL: t}, {Col: "updated_at", SQL: t}, {Col: "version", SQL: bulk.Int(1)}}
}

// weeklyWriter writes the weekly reports of an import: those with only the
// columns of a weekly-reports file through a statement binding just those
// (the other texts empty, no rating by a supervisor), any other (the demo
// data's) through one binding every column.
type weeklyWriter struct {
	s      *Store
	tx     *gorm.DB
	now    time.Time
	plain  *bulk.Writer
	packed *bulk.Writer // plain rows on SQLite, agent, interactions and rating packed
	full   *bulk.Writer
}

// Packed weekly reports (SQLite): a plain report binds four values instead
// of six, its week start, submission date and summary, and one integer
// holding the agent's id, its interactions (+1, 0 for none) and its rating
// (0 for none), which the statement takes apart (binding is a call into
// SQLite and a conversion in database/sql per value). A chunk with a
// report that does not fit (interactions outside 0..packInteractions, a
// rating outside 1..15) is written unpacked.
const packInteractions = 1<<20 - 2

// packWeekly returns the packed integer of report r of agent id, false
// when r does not fit.
func packWeekly(id uint, r *models.WeeklyReport) (int64, bool) {
	var inter, rating int64
	if r.Interactions != nil {
		if *r.Interactions < 0 || *r.Interactions > packInteractions {
			return 0, false
		}
		inter = int64(*r.Interactions) + 1
	}
	if r.Rating != nil {
		if *r.Rating < 1 || *r.Rating > 15 {
			return 0, false
		}
		rating = int64(*r.Rating)
	}
	if uint64(id) >= 1<<39 {
		return 0, false
	}
	return int64(id)<<24 | inter<<4 | rating, true
}

// packedWeeklyShape is the shape of packed plain reports, the fixed
// columns written into the SELECT.
func packedWeeklyShape(fixed []bulk.Fixed) bulk.Shape {
	cols := []string{"agent_id", "week_start", "submitted_on", "interactions", "summary", "rating"}
	sel := "column1 >> 24, column2, column3, NULLIF((column1 >> 4) & 1048575, 0) - 1, column4, NULLIF(column1 & 15, 0)"
	for _, f := range fixed {
		cols = append(cols, f.Col)
		sel += ", " + f.SQL
	}
	return bulk.Shape{Cols: cols, Params: 4, Tuples: 1, Select: sel, Values: func(sb *strings.Builder, p func(j int) string) {
		sb.WriteString("(" + p(0) + "," + p(1) + "," + p(2) + "," + p(3) + ")")
	}}
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
	if plain && w.s.dialect != "postgres" {
		packed := make([]int64, len(rows))
		for i := range rows {
			if packed[i], plain = packWeekly(ids[i], &rows[i].Report); !plain {
				break
			}
		}
		if plain {
			if w.packed == nil {
				if w.packed, err = w.s.newShapedWriter(w.tx, "weekly_reports", packedWeeklyShape(w.plainFixed())); err != nil {
					return err
				}
			}
			return w.packed.Write(len(rows), func(i int, dst []any) []any {
				r := &rows[i].Report
				return append(dst, packed[i], dateValue(r.WeekStart), dateValue(r.SubmittedOn), r.Summary)
			})
		}
		plain = true // written unpacked
	}
	if plain {
		if w.plain == nil {
			if w.plain, err = w.s.newRowWriter(w.tx, "weekly_reports",
				[]string{"agent_id", "week_start", "submitted_on", "interactions", "summary", "rating"}, w.plainFixed()...); err != nil {
				return err
			}
		}
		return w.plain.Write(len(rows), func(i int, dst []any) []any {
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
	return w.full.Write(len(rows), func(i int, dst []any) []any {
		r := &rows[i].Report
		return append(dst, int64(ids[i]), dateValue(r.WeekStart), dateValue(r.SubmittedOn), intPtr(r.Interactions), r.Summary,
			r.TasksDone, r.Issues, r.Suggestions, intPtr(r.Rating), r.RatingComment, uintPtr(r.RatedBy), timePtr(r.RatedAt))
	})
}

// plainFixed are the fixed columns of a plain report: the stamps and the
// texts a file cannot fill.
func (w *weeklyWriter) plainFixed() []bulk.Fixed {
	return append(w.s.stamps(w.now), bulk.Fixed{Col: "tasks_done", SQL: "''"}, bulk.Fixed{Col: "issues", SQL: "''"},
		bulk.Fixed{Col: "suggestions", SQL: "''"}, bulk.Fixed{Col: "rating_comment", SQL: "''"})
}

// close releases the writers' statements.
func (w *weeklyWriter) close() {
	for _, rw := range []*bulk.Writer{w.plain, w.packed, w.full} {
		if rw != nil {
			rw.Close()
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
// and compared a chunk at a time. Chunks is always read to its end. The
// weekly summaries of the agent-years written are refreshed in the same
// transaction.
func (s *Store) ImportWeeklyStream(a Actor, src ImportSource, feed Feed[models.WeeklyRow], progress func(done, total int)) (models.ImportResult, error) {
	defer feed.drain()
	if err := s.require(a, OpImportWeekly); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		idx, fin, err := s.streamStart(tx, models.KindWeekly)
		if err != nil {
			return err
		}
		var (
			errs []models.RowError
			ids  []uint
			look []uint // the ids of the rows to compare with stored reports
			n    int
		)
		log := &updateLog{s: s, a: a}
		sums := s.newWeeklyFresh() // the agent-years (by week start) written
		b := &weeklyBatch{s: s, tx: tx, src: src, now: s.now().UTC()}
		defer b.close()
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
			if look, err = sums.storedOnly(tx, ids, func(i int) int { return rows[i].Report.WeekStart.Year }, look); err != nil {
				return err
			}
			stored, err := s.storedWeeks(tx, rows, look)
			if err != nil {
				return err
			}
			res.Unchanged += b.sort(rows, ids, stored, fin, log, &errs)
			if len(errs) > 0 {
				continue // read on, to report every bad row
			}
			if err := b.write(sums); err != nil {
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
		if err := log.flush(tx); err != nil {
			return err
		}
		if err := sums.write(tx); err != nil {
			return err
		}
		return s.finishImport(tx, a, models.KindWeekly, src, res, n)
	})
	if err != nil {
		return models.ImportResult{}, err
	}
	return res, nil
}

// weeklyBatch is a chunk's weekly reports to write, the new ones and the
// changed ones, each with its agent's id, and what writing them keeps
// across chunks (the bulk writer, the prepared update).
type weeklyBatch struct {
	s   *Store
	tx  *gorm.DB
	src ImportSource
	now time.Time
	w   *weeklyWriter
	// updateStmt is prepared on the first changed report.
	updateStmt         *sql.Stmt
	fresh, changed     []models.WeeklyRow
	freshID, changedID []uint
}

// close releases the writer and the prepared update.
func (b *weeklyBatch) close() {
	if b.updateStmt != nil {
		b.updateStmt.Close()
	}
	if b.w != nil {
		b.w.close()
	}
}

// sort puts the chunk's rows (ids[i] the agent of rows[i], 0 for an
// unresolved row, which is skipped) into the batch against the stored
// weeks: a report equal to the stored one is counted unchanged, a change
// logs its differences, a row of a finalized year is an error.
func (b *weeklyBatch) sort(rows []models.WeeklyRow, ids []uint, stored map[weekKey]models.WeeklyReport, fin map[agentYear]bool, log *updateLog, errs *[]models.RowError) (unchanged int) {
	b.fresh, b.freshID, b.changed, b.changedID = b.fresh[:0], b.freshID[:0], b.changed[:0], b.changedID[:0]
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
				unchanged++
				continue
			}
		}
		if y := rp.WeekStart.Year; fin[agentYear{ids[i], y}] {
			*errs = append(*errs, finalizedRow(r.Line, "week_start", rp.WeekStart.String(), r.EmployeeNo, y))
			continue
		}
		if ok {
			b.changed, b.changedID = append(b.changed, r), append(b.changedID, ids[i])
			log.add("weekly_report", r.EmployeeNo+"/"+isoDate(rp.WeekStart), r.Line, c)
		} else {
			b.fresh, b.freshID = append(b.fresh, r), append(b.freshID, ids[i])
		}
	}
	return unchanged
}

// write inserts the batch's new reports in bulk (a report another import
// stored meanwhile is reported as a conflict naming its line), updates its
// changed ones through one prepared statement and gives their agent-years
// to sums (classified first, while the stored rows are still those before
// the batch).
func (b *weeklyBatch) write(sums *weeklyFresh) error {
	s, tx, src := b.s, b.tx, b.src
	if err := sums.prepare(tx, b.fresh, b.freshID, b.changed, b.changedID); err != nil {
		return err
	}
	if b.w == nil {
		b.w = &weeklyWriter{s: s, tx: tx, now: b.now}
	}
	fresh, freshID, changed, changedID := b.fresh, b.freshID, b.changed, b.changedID
	if len(fresh) > 0 {
		if err := b.w.write(fresh, freshID); err != nil {
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
	ctx := tx.Statement.Context
	if ctx == nil {
		ctx = context.Background()
	}
	for i, r := range changed {
		if b.updateStmt == nil {
			q := "UPDATE weekly_reports SET submitted_on = ?, interactions = ?, summary = ?, rating = ?, version = version + 1, updated_at = ? WHERE agent_id = ? AND week_start = ?"
			if s.dialect == "postgres" {
				q = "UPDATE weekly_reports SET submitted_on = $1, interactions = $2, summary = $3, rating = $4, version = version + 1, updated_at = $5 WHERE agent_id = $6 AND week_start = $7"
			}
			var err error
			if b.updateStmt, err = tx.Statement.ConnPool.PrepareContext(ctx, q); err != nil {
				return fmt.Errorf("prepare weekly update: %w", err)
			}
		}
		rp := &r.Report
		if _, err := b.updateStmt.ExecContext(ctx, dateValue(rp.SubmittedOn), intPtr(rp.Interactions), rp.Summary, intPtr(rp.Rating), b.now,
			int64(changedID[i]), dateValue(rp.WeekStart)); err != nil {
			return fmt.Errorf("line %d: update weekly report: %w", r.Line, driverError(tx, err))
		}
	}
	sums.add(fresh, freshID)
	return nil
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
