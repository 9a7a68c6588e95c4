package store

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// Per agent-year summaries computed in Go from an import's own rows
// (issue 17: imports within 1.5× of the schema floor).
//
// The set-based refresh (refreshAttendanceSummaries,
// refreshWeeklySummaries) recomputes an agent-year from the raw rows inside
// the database: exact whatever the import inserted, updated or left alone,
// but it reads every imported row a second time. An agent-year that had no
// stored row when the import first met it (a fresh import, a new hire,
// the demo) holds, at the end of the import, exactly the rows the import
// inserted for it, all of which the import has already parsed: its
// summary is computed from them here and written with the bulk writer.
// Every other agent-year (a re-import, a correction) keeps the set-based
// refresh. freshYears decides which is which with one read of the raw
// rows per chunk, before the chunk is written; an agent-year that was
// fresh but then gets a row of the import compared with a stored one (the
// same day twice in one file would be refused by the reader; this is the
// safety net) goes back to the set-based refresh.
//
// The rows written are byte for byte those the set-based refresh writes
// on SQLite (TestFreshSummariesEqualRefresh): present minutes and delays
// in the order SQLite's aggregate gives them (minutes ascending, delays
// as text ascending).

// yearState is what an import knows of an agent-year's stored rows.
type yearState uint8

const (
	yearUnknown yearState = iota // not yet met by the import
	yearFresh                    // no stored row when first met: summarised in Go
	yearStored                   // stored rows: refreshed in SQL
)

// freshYears sorts the agent-years an import writes into the fresh ones,
// whose summaries it computes from its rows, and the others (touched),
// refreshed from the raw rows.
type freshYears struct {
	s     *Store
	table string // the raw table: attendance_days or weekly_reports
	col   string // its date column: date or week_start
	state map[agentYear]yearState
	// touched are the agent-years refreshed from the raw rows.
	touched summaryKeys
}

func newFreshYears(s *Store, table, col string) *freshYears {
	return &freshYears{s: s, table: table, col: col, state: map[agentYear]yearState{}, touched: summaryKeys{}}
}

// freshCheckBatch is the number of agent-years one read of freshYears
// names.
const freshCheckBatch = 500

// classify reads, for the agent-years of keys not yet met, whether they
// have a stored row, before the chunk holding them is written.
func (f *freshYears) classify(tx *gorm.DB, keys []agentYear) error {
	var todo []agentYear
	for _, k := range keys {
		if f.state[k] == yearUnknown {
			f.state[k] = yearFresh // until a stored row is found below
			todo = append(todo, k)
		}
	}
	for start := 0; start < len(todo); start += freshCheckBatch {
		batch := todo[start:min(start+freshCheckBatch, len(todo))]
		var sb strings.Builder
		sb.WriteString("WITH k(a, y, f, t) AS (VALUES ")
		for i, k := range batch {
			if i > 0 {
				sb.WriteByte(',')
			}
			from, to := fmt.Sprintf("'%04d-01-01'", k.year), fmt.Sprintf("'%04d-01-01'", k.year+1)
			if f.s.dialect == "postgres" {
				from, to = "DATE "+from, "DATE "+to
			}
			fmt.Fprintf(&sb, "(%d, %d, %s, %s)", k.agentID, k.year, from, to)
		}
		// a half-open range: a stored value with a time after the date
		// still counts as a row of its year
		fmt.Fprintf(&sb, ") SELECT a, y FROM k WHERE EXISTS (SELECT 1 FROM %s r WHERE r.agent_id = k.a AND r.%s >= k.f AND r.%s < k.t)", f.table, f.col, f.col)
		rows, err := tx.Raw(sb.String()).Rows()
		if err != nil {
			return fmt.Errorf("read stored %s years: %w", f.table, err)
		}
		for rows.Next() {
			var k agentYear
			if err = rows.Scan(&k.agentID, &k.year); err != nil {
				break
			}
			f.state[k] = yearStored
			f.touched[k] = struct{}{}
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
		if err != nil {
			return fmt.Errorf("read stored %s years: %w", f.table, err)
		}
	}
	return nil
}

// storedOnly classifies the agent-years of a chunk's rows (ids[i] the
// agent of row i, 0 for an unresolved row; year(i) its year) and returns
// the ids of the rows whose agent-year has stored rows, 0 for the others:
// a fresh agent-year had no stored row when the import first met it, so
// its rows need not be compared with stored ones (the reader refuses a day
// or week twice in a file; the same key given twice to the store conflicts
// on the insert and refuses the import).
func (f *freshYears) storedOnly(tx *gorm.DB, ids []uint, year func(i int) int, out []uint) ([]uint, error) {
	keys := make([]agentYear, 0, 8)
	var last agentYear
	for i, id := range ids {
		if k := (agentYear{id, 0}); id != 0 {
			k.year = year(i)
			if k != last || len(keys) == 0 {
				keys, last = append(keys, k), k
			}
		}
	}
	if err := f.classify(tx, keys); err != nil {
		return nil, err
	}
	out = slices.Grow(out[:0], len(ids))[:len(ids)]
	for i, id := range ids {
		out[i] = id
		if id != 0 && f.fresh(agentYear{id, year(i)}) {
			out[i] = 0
		}
	}
	return out, nil
}

// fresh reports whether k is summarised from the import's rows.
func (f *freshYears) fresh(k agentYear) bool { return f.state[k] == yearFresh }

// stored moves k to the set-based refresh (a row of the import met a
// stored row of k); it reports whether k was fresh until then.
func (f *freshYears) stored(k agentYear) bool {
	was := f.state[k] == yearFresh
	f.state[k] = yearStored
	f.touched[k] = struct{}{}
	return was
}

// attendanceFresh accumulates the attendance summaries of an import's
// fresh agent-years from the days it inserts.
type attendanceFresh struct {
	*freshYears
	counts map[agentYear]*dayCounts
}

// dayCounts is one agent-year's row of attendance_summaries being counted.
type dayCounts struct {
	records, present, absent, leave, holiday int
	weekBits                                 uint64
	byMinutes                                map[int]int // present days by the larger of their minutes
}

func (s *Store) newAttendanceFresh() *attendanceFresh {
	return &attendanceFresh{freshYears: newFreshYears(s, "attendance_days", "date"), counts: map[agentYear]*dayCounts{}}
}

// prepare classifies the agent-years of a chunk's rows to write (new days
// fresh, ids their agents; changed days changed, changedIDs theirs) before
// they are written.
func (f *attendanceFresh) prepare(tx *gorm.DB, fresh []models.AttendanceRow, ids []uint, changed []models.AttendanceRow, changedIDs []uint) error {
	keys := make([]agentYear, 0, 8)
	var last agentYear
	for i := range fresh {
		if k := (agentYear{ids[i], fresh[i].Day.Date.Year}); k != last || len(keys) == 0 {
			keys, last = append(keys, k), k
		}
	}
	if err := f.classify(tx, keys); err != nil {
		return err
	}
	for i := range changed { // a stored day: its agent-year has stored rows
		if k := (agentYear{changedIDs[i], changed[i].Day.Date.Year}); f.state[k] != yearStored {
			f.stored(k)
			delete(f.counts, k)
		}
	}
	return nil
}

// add counts the new days rows (of agents ids) of fresh agent-years and
// adds the others' agent-years to the set-based refresh; prepare has
// classified them.
func (f *attendanceFresh) add(rows []models.AttendanceRow, ids []uint) {
	for i := range rows {
		d := &rows[i].Day
		k := agentYear{ids[i], d.Date.Year}
		if !f.fresh(k) {
			f.touched[k] = struct{}{}
			continue
		}
		c := f.counts[k]
		if c == nil {
			c = &dayCounts{byMinutes: make(map[int]int, 4)}
			f.counts[k] = c
		}
		c.records++
		switch d.Status {
		case models.Present:
			c.present++
			c.byMinutes[max(d.LateMinutes, d.EarlyLeaveMinutes)]++
		case models.Absent:
			c.absent++
		case models.Leave:
			c.leave++
		case models.Holiday:
			c.holiday++
		}
		if d.Status == models.Present || d.Status == models.Absent {
			c.weekBits |= 1 << scoring.WeekBit(d.Date)
		}
	}
}

// write refreshes the stored agent-years from the raw days and writes the
// fresh ones' summaries.
func (f *attendanceFresh) write(tx *gorm.DB) error {
	if err := f.s.refreshAttendanceSummaries(tx, f.touched); err != nil {
		return err
	}
	keys := sortedYears(f.counts)
	return f.s.insertRows(tx, "attendance_summaries",
		[]string{"agent_id", "year", "days", "present_days", "absent_days", "leave_days", "holiday_days", "week_bits", "present_minutes"},
		len(keys), func(i int, dst []any) []any {
			k := keys[i]
			c := f.counts[k]
			return append(dst, int64(k.agentID), int64(k.year), int64(c.records), int64(c.present), int64(c.absent), int64(c.leave),
				int64(c.holiday), int64(c.weekBits), presentMinutesText(c.byMinutes))
		})
}

// presentMinutesText is m as the column present_minutes holds it:
// "minutes:days" pairs by minutes ascending, separated by ";" ("" for
// none).
func presentMinutesText(m map[int]int) string {
	mins := slices.Sorted(maps.Keys(m))
	b := make([]byte, 0, 8*len(mins))
	for i, x := range mins {
		if i > 0 {
			b = append(b, ';')
		}
		b = strconv.AppendInt(b, int64(x), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(m[x]), 10)
	}
	return string(b)
}

// sortedYears returns the keys of m by agent, then year.
func sortedYears[V any](m map[agentYear]V) []agentYear {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b agentYear) int {
		if a.agentID != b.agentID {
			if a.agentID < b.agentID {
				return -1
			}
			return 1
		}
		return a.year - b.year
	})
	return keys
}

// weeklyFresh accumulates the weekly summaries of an import's fresh
// agent-years (by week start) from the reports it inserts.
type weeklyFresh struct {
	*freshYears
	counts map[agentYear]*scoring.WeeklyCounts
}

func (s *Store) newWeeklyFresh() *weeklyFresh {
	return &weeklyFresh{freshYears: newFreshYears(s, "weekly_reports", "week_start"), counts: map[agentYear]*scoring.WeeklyCounts{}}
}

// prepare classifies the agent-years of a chunk's reports to write, as
// attendanceFresh.prepare.
func (f *weeklyFresh) prepare(tx *gorm.DB, fresh []models.WeeklyRow, ids []uint, changed []models.WeeklyRow, changedIDs []uint) error {
	keys := make([]agentYear, 0, 8)
	var last agentYear
	for i := range fresh {
		if k := (agentYear{ids[i], fresh[i].Report.WeekStart.Year}); k != last || len(keys) == 0 {
			keys, last = append(keys, k), k
		}
	}
	if err := f.classify(tx, keys); err != nil {
		return err
	}
	for i := range changed {
		if k := (agentYear{changedIDs[i], changed[i].Report.WeekStart.Year}); f.state[k] != yearStored {
			f.stored(k)
			delete(f.counts, k)
		}
	}
	return nil
}

// add counts the new reports rows (of agents ids) of fresh agent-years
// and adds the others' agent-years to the set-based refresh.
func (f *weeklyFresh) add(rows []models.WeeklyRow, ids []uint) {
	for i := range rows {
		r := &rows[i].Report
		k := agentYear{ids[i], r.WeekStart.Year}
		if !f.fresh(k) {
			f.touched[k] = struct{}{}
			continue
		}
		c := f.counts[k]
		if c == nil {
			c = &scoring.WeeklyCounts{Year: k.year, Delays: make(map[int]uint64, 4)}
			f.counts[k] = c
		}
		c.Reports++
		if r.Rating != nil {
			c.Rated++
			c.RatingSum += *r.Rating
		}
		c.Delays[r.WeekStart.DaysUntil(r.SubmittedOn)] |= 1 << scoring.WeekBit(r.WeekStart)
	}
}

// write refreshes the stored agent-years from the raw reports and writes
// the fresh ones' summaries.
func (f *weeklyFresh) write(tx *gorm.DB) error {
	if err := f.s.refreshWeeklySummaries(tx, f.touched); err != nil {
		return err
	}
	keys := sortedYears(f.counts)
	return f.s.insertRows(tx, "weekly_summaries", []string{"agent_id", "year", "reports", "rated", "rating_sum", "delays"},
		len(keys), func(i int, dst []any) []any {
			k := keys[i]
			c := f.counts[k]
			return append(dst, int64(k.agentID), int64(k.year), int64(c.Reports), int64(c.Rated), int64(c.RatingSum), delaysText(c.Delays))
		})
}

// delaysText is m as the column delays holds it: "delay:weekbits" pairs
// separated by ";", by the delay's text ascending (SQLite orders the
// delays as text).
func delaysText(m map[int]uint64) string {
	texts := make([]string, 0, len(m))
	for d := range m {
		texts = append(texts, strconv.Itoa(d))
	}
	slices.Sort(texts)
	b := make([]byte, 0, 16*len(texts))
	for i, t := range texts {
		if i > 0 {
			b = append(b, ';')
		}
		d, _ := strconv.Atoi(t) // the text of a delay of m
		b = append(b, t...)
		b = append(b, ':')
		b = strconv.AppendUint(b, m[d], 10)
	}
	return string(b)
}

// auditFresh accumulates the audit summaries of an audits import's fresh
// agent-years (by audit date) from the audits it inserts.
type auditFresh struct {
	*freshYears
	audits map[agentYear][]freshAudit
}

// freshAudit is one new audit of a fresh agent-year, scored as
// auditSummarySelect scores it.
type freshAudit struct {
	date  models.Date
	id    uint
	score string // "passed/answered", "0/1" or "x<id>"
}

func (s *Store) newAuditFresh() *auditFresh {
	return &auditFresh{freshYears: newFreshYears(s, "audits", "audit_date"), audits: map[agentYear][]freshAudit{}}
}

// add records the new audit au (its id reserved) of a fresh agent-year,
// with its answers by item code on the items of its form, or adds its
// agent-year to the set-based refresh.
func (f *auditFresh) add(au *models.Audit, answers map[string]models.Answer, items []models.AuditFormItem) {
	k := agentYear{au.AgentID, au.AuditDate.Year}
	if !f.fresh(k) {
		f.touched[k] = struct{}{}
		return
	}
	var passed, answered, known int
	critical := false
	for _, it := range items {
		switch answers[it.Code] {
		case models.Pass:
			passed += it.Weight
			answered += it.Weight
		case models.Fail:
			answered += it.Weight
			critical = critical || it.Critical
		case models.NA:
		default:
			continue
		}
		known++
	}
	var score string
	switch {
	case known != len(items) || answered == 0:
		score = "x" + strconv.FormatUint(uint64(au.ID), 10)
	case critical:
		score = "0/1"
	default:
		score = strconv.Itoa(passed) + "/" + strconv.Itoa(answered)
	}
	f.audits[k] = append(f.audits[k], freshAudit{date: au.AuditDate, id: au.ID, score: score})
}

// write refreshes the stored agent-years from the raw audits and writes
// the fresh ones' summaries: each audit "date:score", by date then id,
// separated by ";".
func (f *auditFresh) write(tx *gorm.DB) error {
	if err := f.s.refreshAuditSummaries(tx, f.touched); err != nil {
		return err
	}
	keys := sortedYears(f.audits)
	return f.s.insertRows(tx, "audit_summaries", []string{"agent_id", "year", "audits", "scores"},
		len(keys), func(i int, dst []any) []any {
			k := keys[i]
			list := f.audits[k]
			slices.SortFunc(list, func(a, b freshAudit) int {
				if c := a.date.Compare(b.date); c != 0 {
					return c
				}
				return int(a.id) - int(b.id)
			})
			var sb strings.Builder
			for j, au := range list {
				if j > 0 {
					sb.WriteByte(';')
				}
				sb.WriteString(isoDate(au.date))
				sb.WriteByte(':')
				sb.WriteString(au.score)
			}
			return append(dst, int64(k.agentID), int64(k.year), int64(len(list)), sb.String())
		})
}

// reviewFresh accumulates the review summaries of a reviews import's fresh
// agent-years (by review date) from the reviews it inserts.
type reviewFresh struct {
	*freshYears
	reviews map[agentYear][]freshReview
}

// freshReview is one new review of a fresh agent-year: its id and its
// text in the summary, "date=" and its ratings.
type freshReview struct {
	id   uint
	text string
}

func (s *Store) newReviewFresh() *reviewFresh {
	return &reviewFresh{freshYears: newFreshYears(s, "reviews", "review_date"), reviews: map[agentYear][]freshReview{}}
}

// add records the new review rv (its id reserved, not a probation review)
// of a fresh agent-year with its ratings by competency code, or adds its
// agent-year to the set-based refresh. A review without ratings is no
// part of a summary.
func (f *reviewFresh) add(rv *models.Review, ratings map[string]int, codes []string) {
	k := agentYear{rv.AgentID, rv.ReviewDate.Year}
	if !f.fresh(k) {
		f.touched[k] = struct{}{}
		return
	}
	b := make([]byte, 0, 16+16*len(codes))
	b = append(b, isoDate(rv.ReviewDate)...)
	b = append(b, '=')
	n := 0
	for _, c := range codes { // in code order, as SQLite joins them through the key
		r, ok := ratings[c]
		if !ok {
			continue
		}
		if n > 0 {
			b = append(b, reviewSep)
		}
		b = append(b, c...)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(r), 10)
		n++
	}
	if n == 0 {
		return
	}
	f.reviews[k] = append(f.reviews[k], freshReview{id: rv.ID, text: string(b)})
}

// write refreshes the stored agent-years from the raw reviews and writes
// the fresh ones' summaries: the reviews by id, separated by
// reviewListSep.
func (f *reviewFresh) write(tx *gorm.DB) error {
	if err := f.s.refreshReviewSummaries(tx, f.touched); err != nil {
		return err
	}
	keys := sortedYears(f.reviews)
	return f.s.insertRows(tx, "review_summaries", []string{"agent_id", "year", "reviews", "ratings"},
		len(keys), func(i int, dst []any) []any {
			k := keys[i]
			list := f.reviews[k]
			slices.SortFunc(list, func(a, b freshReview) int { return int(a.id) - int(b.id) })
			var sb strings.Builder
			for j, rv := range list {
				if j > 0 {
					sb.WriteByte(reviewListSep)
				}
				sb.WriteString(rv.text)
			}
			return append(dst, int64(k.agentID), int64(k.year), int64(len(list)), sb.String())
		})
}
