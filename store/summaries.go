package store

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"sullam/scoring"
)

// Per agent-year attendance summaries (issue 17, migration 0015).
//
// The yearly scoring of attendance needs, for each agent and year, only
// counts: the records of each status, the present days by the larger of
// their late and early-leave minutes (punctual when at most the grace
// minutes, which the policy may change), and the weeks with a present or
// absent day (scoring.AttendanceCounts). attendance_summaries holds them,
// one row per agent and year with a record dated in it, so the board, the
// dashboard and the evaluations read one row per agent-year instead of
// every day.
//
// The table is kept by the transaction that changes attendance_days: each
// write path collects the (agent, year) it touched (summaryKeys) and calls
// refreshAttendanceSummaries before it commits, which recomputes those
// agent-years from the raw rows with one DELETE and one INSERT … SELECT per
// year and chunk of agents: exact by construction, whatever was inserted,
// updated or left unchanged. RebuildSummaries recomputes every row (the
// maintenance path for a database whose summaries are in doubt, and the property test; migration 0015 fills them for a database made before it).

// summaryChunk is the number of agents one refresh statement names.
const summaryChunk = 500

// summaryKeys collects the agent-years a transaction changed.
type summaryKeys map[agentYear]struct{}

// attendanceSummarySelect returns the SELECT computing attendance
// summaries from attendance_days rows matching cond (a condition on the
// columns agent_id and date; "" for every row), one row per agent and year
// of the dates, in the column order of attendance_summaries.
func (s *Store) attendanceSummarySelect(cond string) string {
	var year, dn, anchor, bounds, maxMin, concat, bits string
	if s.dialect == "postgres" {
		year = "CAST(EXTRACT(YEAR FROM date) AS INTEGER)"
		dn = "(w.date - DATE '1970-01-01')"
		anchor = "(make_date(CAST(EXTRACT(YEAR FROM w.date) AS INTEGER), 1, 1) - DATE '1970-01-01')"
		bounds = "make_date(c.year, 1, 1) AND make_date(c.year, 12, 31)"
		maxMin = "GREATEST(late_minutes, early_leave_minutes)"
		concat = "string_agg"
		bits = "CAST(SUM(DISTINCT CAST(1 AS BIGINT) << CAST(%s AS INTEGER)) AS BIGINT)"
	} else {
		year = "CAST(substr(date, 1, 4) AS INTEGER)"
		dn = "CAST(julianday(substr(w.date, 1, 10)) - 2440587.5 AS INTEGER)"
		anchor = "CAST(julianday(substr(w.date, 1, 4) || '-01-01') - 2440587.5 AS INTEGER)"
		bounds = "printf('%04d-01-01', c.year) AND printf('%04d-12-31', c.year)"
		maxMin = "MAX(late_minutes, early_leave_minutes)"
		concat = "group_concat"
		bits = "SUM(DISTINCT 1 << (%s))"
	}
	// the week start (Sunday on or before) of day number x; 1970-01-01 was a Thursday
	ws := func(x string) string { return "(" + x + " - ((" + x + " + 4) % 7 + 7) % 7)" }
	week := "(" + ws(dn) + " - " + ws(anchor) + ") / 7"
	where := ""
	if cond != "" {
		where = " WHERE " + cond
	}
	return "SELECT c.agent_id, c.year, SUM(c.n)," +
		" SUM(CASE WHEN c.status = 'present' THEN c.n ELSE 0 END)," +
		" SUM(CASE WHEN c.status = 'absent' THEN c.n ELSE 0 END)," +
		" SUM(CASE WHEN c.status = 'leave' THEN c.n ELSE 0 END)," +
		" SUM(CASE WHEN c.status = 'holiday' THEN c.n ELSE 0 END)," +
		" COALESCE((SELECT " + fmt.Sprintf(bits, week) + " FROM attendance_days w WHERE w.agent_id = c.agent_id AND w.date BETWEEN " + bounds +
		" AND w.status IN ('present', 'absent')), 0)," +
		" COALESCE(" + concat + "(CASE WHEN c.status = 'present' THEN CAST(c.m AS TEXT) || ':' || CAST(c.n AS TEXT) END, ';'), '')" +
		" FROM (SELECT agent_id, " + year + " AS year, status, CASE WHEN status = 'present' THEN " + maxMin + " ELSE 0 END AS m, COUNT(*) AS n" +
		" FROM attendance_days" + where + " GROUP BY 1, 2, 3, 4) c GROUP BY c.agent_id, c.year"
}

// attendanceSummaryInsert is the head of the statement writing summaries.
const attendanceSummaryInsert = "INSERT INTO attendance_summaries (agent_id, year, days, present_days, absent_days, leave_days, holiday_days, week_bits, present_minutes) "

// refreshAttendanceSummaries recomputes, inside tx, the attendance
// summaries of the agent-years keys from the raw days: the rows of those
// agent-years are deleted and written again (none when no day is left).
func (s *Store) refreshAttendanceSummaries(tx *gorm.DB, keys summaryKeys) error {
	return refreshSummaries(tx, keys, "attendance_summaries", func(list string, y int) string {
		return attendanceSummaryInsert + s.attendanceSummarySelect(fmt.Sprintf("agent_id IN (%s) AND date BETWEEN '%04d-01-01' AND '%04d-12-31'", list, y, y))
	})
}

// idList returns ids as a comma-separated SQL list (numbers only).
func idList(ids []uint) string {
	var sb strings.Builder
	for i, id := range ids {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.FormatUint(uint64(id), 10))
	}
	return sb.String()
}

// RebuildSummaries recomputes every per agent-year summary from the raw
// rows, in one transaction (who may back the database up: it is a
// maintenance task; the summaries are otherwise kept by every write, and
// migrations 0015, 0016 and 0017 fill them for a database made before them). It
// returns the number of summary rows written.
func (s *Store) RebuildSummaries(ctx context.Context, a Actor) (int64, error) {
	s = s.withContext(ctx)
	if err := s.require(a, OpBackup); err != nil {
		return 0, err
	}
	var n int64
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var err error
		n, err = s.rebuildSummaries(tx)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("rebuild summaries: %w", err)
	}
	return n, nil
}

// rebuildSummaries recomputes every attendance, audit and weekly summary
// inside tx and returns the number of rows written.
func (s *Store) rebuildSummaries(tx *gorm.DB) (int64, error) {
	var n int64
	for _, t := range []struct{ table, insert string }{
		{"attendance_summaries", attendanceSummaryInsert + s.attendanceSummarySelect("")},
		{"audit_summaries", auditSummaryInsert + s.auditSummarySelect("")},
		{"weekly_summaries", weeklySummaryInsert + s.weeklySummarySelect("")},
		{"review_summaries", reviewSummaryInsert + s.reviewSummarySelect("")},
	} {
		if err := tx.Exec("DELETE FROM " + t.table).Error; err != nil {
			return 0, fmt.Errorf("clear %s: %w", t.table, err)
		}
		res := tx.Exec(t.insert)
		if res.Error != nil {
			return 0, fmt.Errorf("compute %s: %w", t.table, res.Error)
		}
		n += res.RowsAffected
	}
	return n, nil
}

// attendanceSummary is one row of attendance_summaries as read.
type attendanceSummary struct {
	agentID uint
	year    int
	counts  scoring.AttendanceCounts
}

// loadAttendanceSummaries reads the attendance of the years from..to of the
// agents of sc from their summaries (those of to+1 too: the first days of
// January may belong to a week of to), each year's tally built by
// scoring.TallyFromCounts.
func (s *Store) loadAttendanceSummaries(tx *gorm.DB, p scoring.Policy, from, to int, sc yearScope) (map[int]attendanceYear, error) {
	list, err := s.readAttendanceSummaries(tx, p.GraceMinutes, from, to, sc)
	if err != nil {
		return nil, err
	}
	// by agent then year: an agent-year's next year is the row after it
	slices.SortFunc(list, func(a, b attendanceSummary) int {
		if a.agentID != b.agentID {
			return cmp.Compare(a.agentID, b.agentID)
		}
		return cmp.Compare(a.year, b.year)
	})
	out := make(map[int]attendanceYear, to-from+1)
	perYear := len(list)/max(to-from+2, 1) + 1
	for y := from; y <= to; y++ {
		out[y] = attendanceYear{tallies: make(map[uint]*scoring.AttendanceTally, perYear), present: make(map[uint]bool, perYear)}
	}
	for i, r := range list {
		if r.year <= to {
			var next scoring.AttendanceCounts
			if i+1 < len(list) && list[i+1].agentID == r.agentID && list[i+1].year == r.year+1 {
				next = list[i+1].counts
			}
			ay := out[r.year]
			ay.tallies[r.agentID] = scoring.TallyFromCounts(p, r.year, r.counts, next)
			if r.counts.Records > 0 {
				ay.present[r.agentID] = true
			}
		}
		// an agent whose only days of the span are in the first week of to+1
		// or of a year after a gap: the week may still be an expected week
		y := r.year - 1
		if y < from || y > to || r.counts.WeekBits&1 == 0 {
			continue
		}
		if i > 0 && list[i-1].agentID == r.agentID && list[i-1].year == y {
			continue
		}
		out[y].tallies[r.agentID] = scoring.TallyFromCounts(p, y, scoring.AttendanceCounts{}, r.counts)
	}
	return out, nil
}

// readAttendanceSummaries reads the attendance summaries of the years
// from..to+1 of the agents of sc, in the table's order. Each row's present
// days by minutes are reduced to the punctual ones (at most grace minutes
// late or leaving early, listed at grace) and the others (at grace+1):
// scoring.TallyFromCounts with a policy of that grace counts the same
// punctual days from them as from every minutes value, and that is the
// only use of them. The pairs of all rows share backing arrays.
func (s *Store) readAttendanceSummaries(tx *gorm.DB, grace, from, to int, sc yearScope) ([]attendanceSummary, error) {
	q := "SELECT agent_id, year, days, present_days, absent_days, leave_days, holiday_days, week_bits, present_minutes FROM attendance_summaries WHERE year BETWEEN ? AND ?"
	args := []any{from, to + 1}
	if c, extra := sc.rowsCond("agent_id"); c != "" {
		q += " AND " + c
		args = append(args, extra...)
	}
	rows, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read attendance summaries %d–%d: %w", from, to, err)
	}
	defer rows.Close()
	var list []attendanceSummary
	var slab []scoring.MinutesDays
	var minutes []byte
	// pair returns a (punctual, other) pair of PresentByMinutes, backed by
	// slab, without the counts that are 0
	pair := func(punctual, other int) []scoring.MinutesDays {
		if cap(slab)-len(slab) < 2 {
			slab = make([]scoring.MinutesDays, 0, 4096)
		}
		start := len(slab)
		if punctual > 0 {
			slab = append(slab, scoring.MinutesDays{Minutes: grace, Days: punctual})
		}
		if other > 0 {
			slab = append(slab, scoring.MinutesDays{Minutes: grace + 1, Days: other})
		}
		return slab[start:len(slab):len(slab)]
	}
	for rows.Next() {
		var r attendanceSummary
		var bits int64
		c := &r.counts
		if err := rows.Scan(&r.agentID, &r.year, &c.Records, &c.Present, &c.Absent, &c.Leave, &c.Holiday, &bits, &minutes); err != nil {
			return nil, fmt.Errorf("read attendance summaries %d–%d: %w", from, to, err)
		}
		c.WeekBits = uint64(bits)
		punctual, other, err := punctualDays(minutes, grace)
		if err != nil {
			return nil, fmt.Errorf("read attendance summary of agent #%d, %d: %w", r.agentID, r.year, err)
		}
		c.PresentByMinutes = pair(punctual, other)
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read attendance summaries %d–%d: %w", from, to, err)
	}
	return list, nil
}

// punctualDays returns the present days of present_minutes ("minutes:days"
// pairs separated by ";") at most grace minutes late or leaving early, and
// the others.
func punctualDays(b []byte, grace int) (punctual, other int, err error) {
	for len(b) > 0 {
		var pair []byte
		if i := bytes.IndexByte(b, ';'); i >= 0 {
			pair, b = b[:i], b[i+1:]
		} else {
			pair, b = b, nil
		}
		i := bytes.IndexByte(pair, ':')
		if i < 0 {
			return 0, 0, fmt.Errorf("malformed present minutes %q", pair)
		}
		mins, ok1 := atoiBytes(pair[:i])
		n, ok2 := atoiBytes(pair[i+1:])
		if !ok1 || !ok2 {
			return 0, 0, fmt.Errorf("malformed present minutes %q", pair)
		}
		if mins <= grace {
			punctual += n
		} else {
			other += n
		}
	}
	return punctual, other, nil
}
