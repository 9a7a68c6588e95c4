package store

import (
	"bytes"
	"cmp"
	"database/sql"
	"fmt"
	"slices"
	"sync"
	"time"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// yearData is everything loaded for one year, by agent ID.
type yearData struct {
	tallies  map[uint]*scoring.AttendanceTally
	audits   map[uint][]scoring.DatedScore
	reports  map[uint][]scoring.WeeklyReport
	reviews  map[uint][]scoring.Review
	present  map[uint]bool // agents with any record in the year
	snapshot map[uint]*models.Evaluation
}

// newYearData returns an empty yearData.
func newYearData() *yearData {
	return &yearData{tallies: map[uint]*scoring.AttendanceTally{}, audits: map[uint][]scoring.DatedScore{},
		reports: map[uint][]scoring.WeeklyReport{}, reviews: map[uint][]scoring.Review{}, present: map[uint]bool{},
		snapshot: map[uint]*models.Evaluation{}}
}

// yearScope is the agents whose inputs loadYears reads: one agent, one
// supervisor's team, or (zero) every agent.
type yearScope struct {
	agentID      uint
	supervisorID uint
}

// scopeOf returns the scope of one agent (agentID not 0), else of one
// supervisor's team (supervisorID not nil), else of every agent.
func scopeOf(agentID uint, supervisorID *uint) yearScope {
	if agentID == 0 && supervisorID != nil {
		return yearScope{supervisorID: *supervisorID}
	}
	return yearScope{agentID: agentID}
}

// all reports whether the scope is every agent.
func (sc yearScope) all() bool { return sc == yearScope{} }

// covers reports whether data loaded for sc holds what o needs.
func (sc yearScope) covers(o yearScope) bool { return sc.all() || sc == o }

// agentsCond returns the condition on "agents a" selecting the scope ("" for every agent).
func (sc yearScope) agentsCond() (string, []any) {
	switch {
	case sc.agentID != 0:
		return "a.id = ?", []any{sc.agentID}
	case sc.supervisorID != 0:
		return "a.supervisor_id = ?", []any{sc.supervisorID}
	}
	return "", nil
}

// rowsCond returns the condition on an agent id column col selecting the
// scope ("" for every agent).
func (sc yearScope) rowsCond(col string) (string, []any) {
	switch {
	case sc.agentID != 0:
		return col + " = ?", []any{sc.agentID}
	case sc.supervisorID != 0:
		return col + " IN (SELECT id FROM agents WHERE supervisor_id = ?)", []any{sc.supervisorID}
	}
	return "", nil
}

// loadYear reads the inputs of year (optionally for one agent).
func (s *Store) loadYear(tx *gorm.DB, p scoring.Policy, year int, agentID uint) (*yearData, error) {
	ys, err := s.loadYears(tx, p, year, year, yearScope{agentID: agentID})
	if err != nil {
		return nil, err
	}
	return ys[year], nil
}

// loadYears reads the inputs of the years from..to of the agents of sc,
// each year's data as loadYear gives it, with a fixed set of
// queries whatever the number of years or agents (issue 17): each kind of
// input is read once for the whole span and shared out by year; the
// attendance from its per agent-year summaries (one row per agent-year,
// see summaries.go), not from every day. Outside a transaction the kinds
// are read concurrently.
func (s *Store) loadYears(tx *gorm.DB, p scoring.Policy, from, to int, sc yearScope) (map[int]*yearData, error) {
	out := make(map[int]*yearData, max(to-from+1, 0))
	for y := from; y <= to; y++ {
		out[y] = newYearData()
	}
	if from > to {
		return out, nil
	}
	first, last := models.NewDate(from, 1, 1), models.NewDate(to, 12, 31)
	agentCond := func(col string) (string, []any) {
		if c, args := sc.rowsCond(col); c != "" {
			return " AND " + c, args
		}
		return "", nil
	}
	concurrent := tx == s.db

	// Attendance (from its per agent-year summaries) and audits beside the
	// others when they are separate queries anyway (not inside a transaction).
	parts := 1
	att := make([]map[int]attendanceYear, parts)
	errs := make([]error, parts+1)
	var audits map[int]map[uint][]scoring.DatedScore
	var wg sync.WaitGroup
	defer wg.Wait() // on an early return too
	run := func(i int, f func() error) {
		if !concurrent {
			errs[i] = f()
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f()
		}()
	}
	run(0, func() (err error) {
		att[0], err = s.loadAttendanceSummaries(tx, p, from, to, sc)
		return err
	})
	run(parts, func() (err error) {
		audits, err = s.loadAuditsYears(tx, from, to, sc)
		return err
	})
	if !concurrent {
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
	}

	var (
		rows *sql.Rows
		recs sql.RawBytes
		err  error
	)
	// Weekly reports whose week starts in the span, joined per agent as
	// "week_start,submitted_on,rating;…" (the order does not matter): for
	// each agent, one range of the agent-first covering index.
	cond, extra := "", []any(nil)
	if c, args := sc.agentsCond(); c != "" {
		cond, extra = " WHERE "+c, args
	}
	rows, err = tx.Raw("SELECT a.id, (SELECT "+s.weeklyConcat()+" FROM weekly_reports w WHERE w.agent_id = a.id AND w.week_start BETWEEN ? AND ?) FROM agents a"+cond,
		append([]any{first.String(), last.String()}, extra...)...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read weekly reports %d–%d: %w", from, to, err)
	}
	var list []scoring.WeeklyReport
	for rows.Next() {
		var id uint
		if err := rows.Scan(&id, &recs); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read weekly reports %d–%d: %w", from, to, err)
		}
		if len(recs) == 0 { // no report in the span
			continue
		}
		if list, err = parseWeekly(recs, list[:0]); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read weekly reports %d–%d of agent #%d: %w", from, to, id, err)
		}
		for _, r := range list {
			if d := out[r.WeekStart.Year]; d != nil {
				d.reports[id] = append(d.reports[id], r)
				d.present[id] = true
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read weekly reports %d–%d: %w", from, to, err)
	}

	// Reviews of the span with their ratings, in id order. Probation
	// reviews (the 90-day review of a new hire) are left out: spec/scoring.md
	// §4 says nothing of them, and a review of the first weeks is not the
	// year's report.
	cond, extra = agentCond("v.agent_id")
	rows, err = tx.Raw("SELECT v.id, v.agent_id, "+s.dateText("v.review_date")+", r.competency_code, r.rating FROM reviews v JOIN review_ratings r ON r.review_id = v.id WHERE v.review_date BETWEEN ? AND ? AND v.probation = ?"+cond+" ORDER BY v.id",
		append([]any{first.String(), last.String(), false}, extra...)...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read reviews %d–%d: %w", from, to, err)
	}
	var curID uint
	var cur *scoring.Review
	var curAgent uint
	flush := func() {
		if cur == nil {
			return
		}
		if d := out[cur.Date.Year]; d != nil {
			d.reviews[curAgent] = append(d.reviews[curAgent], *cur)
			d.present[curAgent] = true
		}
	}
	for rows.Next() {
		var id, agent uint
		var date models.Date
		var code string
		var rating int
		if err := rows.Scan(&id, &agent, &date, &code, &rating); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read reviews %d–%d: %w", from, to, err)
		}
		if cur == nil || id != curID {
			flush()
			curID, curAgent = id, agent
			cur = &scoring.Review{Date: date, Ratings: map[string]int{}}
		}
		cur.Ratings[code] = rating
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read reviews %d–%d: %w", from, to, err)
	}
	flush()

	// Finalized snapshots.
	var snaps []models.Evaluation
	q := tx.Where("year BETWEEN ? AND ?", from, to)
	if c, args := sc.rowsCond("agent_id"); c != "" {
		q = q.Where(c, args...)
	}
	if err := q.Find(&snaps).Error; err != nil {
		return nil, fmt.Errorf("read evaluations %d–%d: %w", from, to, err)
	}
	for i := range snaps {
		out[snaps[i].Year].snapshot[snaps[i].AgentID] = &snaps[i]
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for _, part := range att {
		for y, a := range part {
			d := out[y]
			for id, t := range a.tallies {
				d.tallies[id] = t
			}
			for id := range a.present {
				d.present[id] = true
			}
		}
	}
	for y, m := range audits {
		d := out[y]
		d.audits = m
		for id := range m {
			d.present[id] = true
		}
	}
	return out, nil
}

// loadAuditsYears reads the audits of the years from..to of the agents of
// sc with their answers, scored, by year and agent, in date order.
func (s *Store) loadAuditsYears(tx *gorm.DB, from, to int, sc yearScope) (map[int]map[uint][]scoring.DatedScore, error) {
	first, last := models.NewDate(from, 1, 1), models.NewDate(to, 12, 31)
	// Audits: the forms, the audits of the span, then their answers.
	byID, _, err := s.loadForms(tx)
	if err != nil {
		return nil, err
	}
	pos := map[uint]int{} // item ID → position in its form
	for _, f := range byID {
		for i, it := range f.Items {
			pos[it.ID] = i
		}
	}
	// One row per audit, its answers joined as "item_id:answer;…".
	type auditRow struct {
		ID        uint
		AgentID   uint
		AuditDate models.Date
		FormID    uint
	}
	var audits []auditRow
	answers := map[uint][]models.Answer{}
	cond, extra := "", []any(nil)
	if c, args := sc.rowsCond("a.agent_id"); c != "" {
		cond, extra = " AND "+c, args
	}
	// A correlated subquery per audit: no grouping. On SQLite, every audit
	// of the span is read in id order, the order their answers were written
	// in: through the date index the answers were fetched in date order,
	// scattered over the whole table (2,000 agents x 7 years: 61,554 page
	// reads, 0.25 s; in id order 8,966, 0.10 s). Sorted by date here.
	fromTable := "audits a"
	if s.dialect != "postgres" && sc.all() {
		fromTable = "audits a NOT INDEXED"
	}
	rows, err := tx.Raw("SELECT a.id, a.agent_id, "+s.dateText("a.audit_date")+", a.form_id, (SELECT "+s.answersConcat()+
		" FROM audit_results r WHERE r.audit_id = a.id) FROM "+fromTable+" WHERE a.audit_date BETWEEN ? AND ?"+cond,
		append([]any{first.String(), last.String()}, extra...)...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read audits %d–%d: %w", from, to, err)
	}
	for rows.Next() {
		var au auditRow
		var date, list sql.RawBytes
		if err := rows.Scan(&au.ID, &au.AgentID, &date, &au.FormID, &list); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read audits %d–%d: %w", from, to, err)
		}
		var err error
		if au.AuditDate, err = parseDateBytes(date); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read audit #%d: date %q: %w", au.ID, date, err)
		}
		ans := make([]models.Answer, len(byID[au.FormID].Items))
		for len(list) > 0 {
			var pair []byte
			if i := bytes.IndexByte(list, ';'); i >= 0 {
				pair, list = list[:i], list[i+1:]
			} else {
				pair, list = list, nil
			}
			i := bytes.IndexByte(pair, ':')
			item, ok := atoiBytes(pair[:max(i, 0)])
			if i < 0 || !ok {
				rows.Close()
				return nil, fmt.Errorf("read answers of audit #%d: malformed %q", au.ID, pair)
			}
			if p, ok := pos[uint(item)]; ok && p < len(ans) {
				ans[p] = answerOf(pair[i+1:])
			}
		}
		audits = append(audits, au)
		answers[au.ID] = ans
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audits %d–%d: %w", from, to, err)
	}
	slices.SortFunc(audits, func(x, y auditRow) int {
		if c := x.AuditDate.Compare(y.AuditDate); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	out := map[int]map[uint][]scoring.DatedScore{}
	itemsOf := map[uint][]scoring.AuditItem{} // form ID → its items
	for _, au := range audits {
		items, ok := itemsOf[au.FormID]
		if !ok {
			items = FormItems(byID[au.FormID])
			itemsOf[au.FormID] = items
		}
		score, err := scoring.AuditScore(items, answers[au.ID])
		if err != nil {
			return nil, fmt.Errorf("score audit #%d: %w", au.ID, err)
		}
		y := au.AuditDate.Year
		if out[y] == nil {
			out[y] = map[uint][]scoring.DatedScore{}
		}
		out[y][au.AgentID] = append(out[y][au.AgentID], scoring.DatedScore{Date: au.AuditDate, Score: score})
	}
	return out, nil
}

// attendanceYear is the attendance read for one year.
type attendanceYear struct {
	tallies map[uint]*scoring.AttendanceTally
	present map[uint]bool // agents with a day in the year
}

// dateText returns the SQL expression reading the date column col as
// YYYY-MM-DD text: on SQLite a plain column of declared type date would make
// the driver try nine time layouts per value.
func (s *Store) dateText(col string) string {
	if s.dialect == "postgres" {
		return "to_char(" + col + ", 'YYYY-MM-DD')"
	}
	return "CAST(" + col + " AS TEXT)"
}

// parseDateBytes parses a stored YYYY-MM-DD date (anything after the tenth
// byte ignored, as models.Date.Scan does) without allocating; an empty value
// is the zero date.
func parseDateBytes(b []byte) (models.Date, error) {
	if len(b) == 0 {
		return models.Date{}, nil
	}
	if len(b) >= 10 && b[4] == '-' && b[7] == '-' {
		num := func(p []byte) int {
			n := 0
			for _, c := range p {
				if c < '0' || c > '9' {
					return -1
				}
				n = n*10 + int(c-'0')
			}
			return n
		}
		y, m, d := num(b[0:4]), num(b[5:7]), num(b[8:10])
		if y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m)) {
			return models.Date{Year: y, Month: time.Month(m), Day: d}, nil
		}
	}
	var d models.Date
	err := d.Scan(string(b))
	return d, err
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// yearCache shares the years loaded by one screen's calls (the dashboard
// reads the promotion board, the last years' evaluations and the team's
// readiness from the same data): the first load covers the span asked
// for and the span the cache was made for; a later load within it is
// served from memory. A nil *yearCache loads each time.
type yearCache struct {
	lo, hi int // the span to load with the first call (lo > hi: none)
	loaded bool
	from   int
	to     int
	scope  yearScope
	data   map[int]*yearData
}

// newYearCache returns a cache whose first load also covers the years lo..hi.
func newYearCache(lo, hi int) *yearCache { return &yearCache{lo: lo, hi: hi} }

// load returns the data of the years from..to of the agents of sc, from
// the cache when it holds them.
func (c *yearCache) load(s *Store, p scoring.Policy, from, to int, sc yearScope) (map[int]*yearData, error) {
	if c == nil {
		return s.loadYears(s.db, p, from, to, sc)
	}
	if c.loaded && c.from <= from && to <= c.to && c.scope.covers(sc) {
		return c.data, nil
	}
	lo, hi := from, to
	if c.lo <= c.hi {
		lo, hi = min(lo, c.lo), max(hi, c.hi)
	}
	if c.loaded {
		// a second, different span (not expected within one screen): loaded
		// on its own, the cache kept as it is
		return s.loadYears(s.db, p, from, to, sc)
	}
	data, err := s.loadYears(s.db, p, lo, hi, sc)
	if err != nil {
		return nil, err
	}
	c.loaded, c.from, c.to, c.scope, c.data = true, lo, hi, sc, data
	return data, nil
}

// atoiBytes parses a decimal integer, optionally negative.
func atoiBytes(b []byte) (int, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// answersConcat returns the aggregate joining an audit's answers as
// "item_id:answer" separated by ";" (NULL for an audit without answers).
func (s *Store) answersConcat() string {
	if s.dialect == "postgres" {
		return "string_agg(CAST(r.item_id AS TEXT) || ':' || r.answer, ';')"
	}
	return "group_concat(CAST(r.item_id AS TEXT) || ':' || r.answer, ';')"
}

// answerOf converts a stored answer without allocating for the known ones.
func answerOf(b []byte) models.Answer {
	switch string(b) {
	case string(models.Pass):
		return models.Pass
	case string(models.Fail):
		return models.Fail
	case string(models.NA):
		return models.NA
	}
	return models.Answer(string(b))
}

// weeklyConcat returns the aggregate joining an agent's weekly reports as
// "week_start,submitted_on,rating" separated by ";" (rating empty when none).
func (s *Store) weeklyConcat() string {
	if s.dialect == "postgres" {
		return "string_agg(to_char(week_start, 'YYYY-MM-DD') || ',' || COALESCE(to_char(submitted_on, 'YYYY-MM-DD'), '') || ',' || COALESCE(CAST(rating AS TEXT), ''), ';')"
	}
	return "group_concat(CAST(week_start AS TEXT) || ',' || COALESCE(CAST(submitted_on AS TEXT), '') || ',' || COALESCE(CAST(rating AS TEXT), ''), ';')"
}

// parseWeekly appends to list the reports joined by weeklyConcat.
func parseWeekly(b []byte, list []scoring.WeeklyReport) ([]scoring.WeeklyReport, error) {
	for len(b) > 0 {
		var rec []byte
		if i := bytes.IndexByte(b, ';'); i >= 0 {
			rec, b = b[:i], b[i+1:]
		} else {
			rec, b = b, nil
		}
		i := bytes.IndexByte(rec, ',')
		j := bytes.LastIndexByte(rec, ',')
		if i < 0 || j <= i {
			return list, fmt.Errorf("malformed weekly report %q", rec)
		}
		var r scoring.WeeklyReport
		var err error
		if r.WeekStart, err = parseDateBytes(rec[:i]); err != nil {
			return list, err
		}
		if r.SubmittedOn, err = parseDateBytes(rec[i+1 : j]); err != nil {
			return list, err
		}
		if len(rec) > j+1 {
			var ok bool
			if r.Rating, ok = atoiBytes(rec[j+1:]); !ok {
				return list, fmt.Errorf("malformed weekly report %q", rec)
			}
		}
		list = append(list, r)
	}
	return list, nil
}
