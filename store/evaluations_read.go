package store

import (
	"bytes"
	"fmt"
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
	reports  map[uint][]scoring.WeeklyReport // the weekly reports as rows (the tests' raw reference)
	reviews  map[uint][]scoring.Review
	weekly   map[uint]*scoring.WeeklyCounts // the weekly reports as counts (summaries)
	present  map[uint]bool                  // agents with any record in the year
	snapshot map[uint]*models.Evaluation
	// results holds the results result has computed, by agent: the screens
	// that score a year twice (the dashboard's board and trend, the inbox's
	// board and year to finalize) score each agent-year once. Only one
	// goroutine at a time scores a given year.
	results map[uint]scoring.YearResult
}

// newYearData returns an empty yearData.
func newYearData() *yearData {
	return &yearData{tallies: map[uint]*scoring.AttendanceTally{}, audits: map[uint][]scoring.DatedScore{},
		reports: map[uint][]scoring.WeeklyReport{}, weekly: map[uint]*scoring.WeeklyCounts{}, reviews: map[uint][]scoring.Review{}, present: map[uint]bool{},
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
// each year's data as loadYear gives it, with a fixed set of queries
// whatever the number of years or agents (issue 17): each kind of input is
// read once for the whole span and shared out by year; attendance, audits
// and weekly reports from their per agent-year summaries (one row per
// agent-year, see summaries.go and summaries_inputs.go), reviews and the
// finalized snapshots from their rows. Outside a transaction the kinds are
// read concurrently.
func (s *Store) loadYears(tx *gorm.DB, p scoring.Policy, from, to int, sc yearScope) (map[int]*yearData, error) {
	out := make(map[int]*yearData, max(to-from+1, 0))
	for y := from; y <= to; y++ {
		out[y] = newYearData()
	}
	if from > to {
		return out, nil
	}
	var (
		att     map[int]attendanceYear
		audits  map[int]map[uint][]scoring.DatedScore
		weekly  map[int]map[uint]*scoring.WeeklyCounts
		reviews map[int]map[uint][]scoring.Review
		snaps   []models.Evaluation
	)
	err := runReads(tx == s.db,
		func() (err error) { att, err = s.loadAttendanceSummaries(tx, p, from, to, sc); return err },
		func() (err error) { audits, err = s.loadAuditSummaries(tx, from, to, sc); return err },
		func() (err error) { weekly, err = s.loadWeeklySummaries(tx, from, to, sc); return err },
		func() (err error) { reviews, err = s.loadReviewsYears(tx, from, to, sc); return err },
		func() (err error) { snaps, err = s.loadSnapshots(tx, from, to, sc); return err },
	)
	if err != nil {
		return nil, err
	}
	for y, d := range out {
		a := att[y]
		d.tallies = a.tallies
		d.audits = orEmpty(audits[y])
		d.weekly = orEmpty(weekly[y])
		d.reviews = orEmpty(reviews[y])
		for id := range a.present {
			d.present[id] = true
		}
		for id := range d.audits {
			d.present[id] = true
		}
		for id := range d.weekly {
			d.present[id] = true
		}
		for id := range d.reviews {
			d.present[id] = true
		}
	}
	for i := range snaps {
		out[snaps[i].Year].snapshot[snaps[i].AgentID] = &snaps[i]
	}
	return out, nil
}

// readWorkers is the number of reads runReads runs at once: each holds a
// connection, and a pool keeps two idle ones (database/sql's default; on
// PostgreSQL a third connection is a new session, signed in, each time).
const readWorkers = 2

// runReads runs the reads, readWorkers at a time when concurrent is set
// (they are then separate queries on the pool, not on one transaction),
// and returns the first error in their order.
func runReads(concurrent bool, reads ...func() error) error {
	errs := make([]error, len(reads))
	if !concurrent {
		for i, f := range reads {
			if errs[i] = f(); errs[i] != nil {
				return errs[i]
			}
		}
		return nil
	}
	next := make(chan int, len(reads))
	for i := range reads {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range readWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = reads[i]()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// orEmpty returns m, or an empty map when m is nil.
func orEmpty[V any](m map[uint]V) map[uint]V {
	if m == nil {
		return map[uint]V{}
	}
	return m
}

// keysOf returns the agents of m as a set.
func keysOf[V any](m map[uint]V) map[uint]bool {
	out := make(map[uint]bool, len(m))
	for id := range m {
		out[id] = true
	}
	return out
}

// loadReviewsYears reads the reviews of the years from..to of the agents
// of sc with their ratings, by year and agent, in id order, from their per
// agent-year summaries (review_summaries, summaries_inputs.go): one row per
// agent-year, each review "date=" and its ratings joined as "code:rating"
// (separated by the control character reviewSep), the reviews separated by
// reviewListSep. A review without ratings is not in the summary, as the
// join of the rows left it out. Probation reviews (the 90-day review of a
// new hire) are left out: spec/scoring.md §4 says nothing of them, and a
// review of the first weeks is not the year's report.
func (s *Store) loadReviewsYears(tx *gorm.DB, from, to int, sc yearScope) (map[int]map[uint][]scoring.Review, error) {
	q := "SELECT agent_id, year, reviews, ratings FROM review_summaries WHERE year BETWEEN ? AND ?"
	args := []any{from, to}
	if c, extra := sc.rowsCond("agent_id"); c != "" {
		q += " AND " + c
		args = append(args, extra...)
	}
	rows, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read review summaries %d–%d: %w", from, to, err)
	}
	defer rows.Close()
	out := map[int]map[uint][]scoring.Review{}
	codes := map[string]string{}
	var list []byte
	for rows.Next() {
		var agent uint
		var year, n int
		if err := rows.Scan(&agent, &year, &n, &list); err != nil {
			return nil, fmt.Errorf("read review summaries %d–%d: %w", from, to, err)
		}
		revs, err := parseReviewList(list, n, codes)
		if err != nil {
			return nil, fmt.Errorf("read review summary of agent #%d, %d: %w", agent, year, err)
		}
		if out[year] == nil {
			out[year] = map[uint][]scoring.Review{}
		}
		out[year][agent] = revs
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read review summaries %d–%d: %w", from, to, err)
	}
	return out, nil
}

// parseReviewList parses the reviews of a review summary, n of them: each
// "date=ratings", separated by reviewListSep. codes holds the competency
// codes met so far (each code is then one string for the whole read).
func parseReviewList(b []byte, n int, codes map[string]string) ([]scoring.Review, error) {
	out := make([]scoring.Review, 0, n)
	for len(b) > 0 {
		var one []byte
		if i := bytes.IndexByte(b, reviewListSep); i >= 0 {
			one, b = b[:i], b[i+1:]
		} else {
			one, b = b, nil
		}
		eq := bytes.IndexByte(one, '=')
		if eq < 0 {
			return nil, fmt.Errorf("review %q: no date", one)
		}
		date, err := parseDateBytes(one[:eq])
		if err != nil {
			return nil, fmt.Errorf("review date %q: %w", one[:eq], err)
		}
		rv := scoring.Review{Date: date, Ratings: make(map[string]int, 8)}
		if err := parseRatings(one[eq+1:], rv.Ratings, codes); err != nil {
			return nil, fmt.Errorf("review of %s: %w", date, err)
		}
		out = append(out, rv)
	}
	if len(out) != n {
		return nil, fmt.Errorf("%d reviews listed, %d counted", len(out), n)
	}
	return out, nil
}

// reviewSep separates the ratings of a review joined by ratingsConcat (a
// control character: no competency code holds one).
const reviewSep = 0x1e

// ratingsConcat returns the aggregate joining a review's ratings as
// "code:rating" separated by reviewSep (NULL without ratings).
func (s *Store) ratingsConcat() string {
	if s.dialect == "postgres" {
		return "string_agg(r.competency_code || ':' || CAST(r.rating AS TEXT), chr(30))"
	}
	return "group_concat(r.competency_code || ':' || CAST(r.rating AS TEXT), char(30))"
}

// parseRatings adds to m the ratings joined by ratingsConcat (the rating
// after a code's last ':'), the codes taken from, and added to, codes.
func parseRatings(b []byte, m map[string]int, codes map[string]string) error {
	for len(b) > 0 {
		var pair []byte
		if i := bytes.IndexByte(b, reviewSep); i >= 0 {
			pair, b = b[:i], b[i+1:]
		} else {
			pair, b = b, nil
		}
		i := bytes.LastIndexByte(pair, ':')
		rating, ok := atoiBytes(pair[i+1:])
		if i < 0 || !ok {
			return fmt.Errorf("malformed rating %q", pair)
		}
		code, ok := codes[string(pair[:i])]
		if !ok {
			code = string(pair[:i])
			codes[code] = code
		}
		m[code] = rating
	}
	return nil
}

// loadSnapshots reads the finalized evaluations of the years from..to of
// the agents of sc.
func (s *Store) loadSnapshots(tx *gorm.DB, from, to int, sc yearScope) ([]models.Evaluation, error) {
	var snaps []models.Evaluation
	q := tx.Where("year BETWEEN ? AND ?", from, to)
	if c, args := sc.rowsCond("agent_id"); c != "" {
		q = q.Where(c, args...)
	}
	if err := q.Find(&snaps).Error; err != nil {
		return nil, fmt.Errorf("read evaluations %d–%d: %w", from, to, err)
	}
	return snaps, nil
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
	// board is the unfiltered board as of boardAsOf, once assessed: a
	// cache serves one screen of one actor, whose sections (the inbox's
	// overdue agents, the dashboard's readiness) read the same board.
	board     []AgentReadiness
	boardAsOf models.Date
	hasBoard  bool
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
