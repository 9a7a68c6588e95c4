package store

import (
	"bytes"
	"database/sql"
	"fmt"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// The raw reading of attendance that loadYears did before the per
// agent-year summaries (issue 17), kept for the tests as the reference the
// summaries are compared with: every record of each year's TallyRange fed
// to scoring.AttendanceTally.Add.

// loadAttendanceYears reads the attendance of the years from..to of the
// agents of sc (of those whose id modulo parts is part) in one query, each year's tally fed the records of its scoring.TallyRange.
func (s *Store) loadAttendanceYears(tx *gorm.DB, p scoring.Policy, from, to int, sc yearScope, part, parts int) (map[int]attendanceYear, error) {
	out := map[int]attendanceYear{}
	type span struct{ lo, hi models.Date }
	spans := map[int]span{}
	for y := from; y <= to; y++ {
		out[y] = attendanceYear{tallies: map[uint]*scoring.AttendanceTally{}, present: map[uint]bool{}}
		lo, hi := scoring.TallyRange(y)
		spans[y] = span{lo, hi}
	}
	cond, extra := "", []any(nil)
	switch c, args := sc.agentsCond(); {
	case c != "":
		cond, extra = " WHERE "+c, args
	case parts > 1:
		cond, extra = " WHERE a.id % ? = ?", []any{parts, part}
	}
	// For each agent, one range of the (agent_id, date) index, the records
	// joined into one text (one row per agent rather than per day: crossing
	// from the database driver costs far more per row than parsing here).
	lo, hi := spans[from].lo, spans[to].hi
	rows, err := tx.Raw("SELECT a.id, (SELECT "+s.attendanceConcat()+" FROM attendance_days d WHERE d.agent_id = a.id AND d.date BETWEEN ? AND ?) FROM agents a"+cond,
		append([]any{lo.String(), hi.String()}, extra...)...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read attendance %d–%d: %w", from, to, err)
	}
	var (
		id   uint
		recs sql.RawBytes
	)
	for rows.Next() {
		if err := rows.Scan(&id, &recs); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read attendance %d–%d: %w", from, to, err)
		}
		err := parseAttendance(recs, func(r scoring.AttendanceRecord) {
			// a record counts in its own year and, near New Year, in the
			// tally range of the year before or after
			for y := r.Date.Year - 1; y <= r.Date.Year+1; y++ {
				sp, ok := spans[y]
				if !ok || r.Date.Before(sp.lo) || r.Date.After(sp.hi) {
					continue
				}
				ay := out[y]
				t := ay.tallies[id]
				if t == nil {
					t = scoring.NewAttendanceTally(p, y)
					ay.tallies[id] = t
				}
				t.Add(r)
				if r.Date.Year == y {
					ay.present[id] = true
				}
			}
		})
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("read attendance %d–%d of agent #%d: %w", from, to, id, err)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read attendance %d–%d: %w", from, to, err)
	}
	return out, nil
}

// attendanceConcat returns the aggregate joining an agent's attendance
// records as "date,status,late,early" separated by ";" (see addAttendance).
func (s *Store) attendanceConcat() string {
	if s.dialect == "postgres" {
		return "string_agg(to_char(date, 'YYYY-MM-DD') || ',' || status || ',' || CAST(late_minutes AS TEXT) || ',' || CAST(early_leave_minutes AS TEXT), ';')"
	}
	return "group_concat(CAST(date AS TEXT) || ',' || status || ',' || CAST(late_minutes AS TEXT) || ',' || CAST(early_leave_minutes AS TEXT), ';')"
}

// parseAttendance calls add for each record joined by attendanceConcat.
func parseAttendance(b []byte, add func(scoring.AttendanceRecord)) error {
	for len(b) > 0 {
		var rec []byte
		if i := bytes.IndexByte(b, ';'); i >= 0 {
			rec, b = b[:i], b[i+1:]
		} else {
			rec, b = b, nil
		}
		var r scoring.AttendanceRecord
		var f [4][]byte
		for k := range 3 {
			i := bytes.IndexByte(rec, ',')
			if i < 0 {
				return fmt.Errorf("malformed attendance record %q", rec)
			}
			f[k], rec = rec[:i], rec[i+1:]
		}
		f[3] = rec
		var err error
		if r.Date, err = parseDateBytes(f[0]); err != nil {
			return err
		}
		r.Status = attendanceStatus(f[1])
		var ok1, ok2 bool
		r.LateMinutes, ok1 = atoiBytes(f[2])
		r.EarlyLeaveMinutes, ok2 = atoiBytes(f[3])
		if !ok1 || !ok2 {
			return fmt.Errorf("malformed attendance record %q", f)
		}
		add(r)
	}
	return nil
}

// attendanceStatus converts a stored status without allocating for the known ones.
func attendanceStatus(b []byte) models.AttendanceStatus {
	switch string(b) {
	case string(models.Present):
		return models.Present
	case string(models.Absent):
		return models.Absent
	case string(models.Leave):
		return models.Leave
	case string(models.Holiday):
		return models.Holiday
	}
	return models.AttendanceStatus(string(b))
}
