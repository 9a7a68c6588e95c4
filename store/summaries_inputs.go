package store

import (
	"bytes"
	"fmt"
	"math/big"
	"slices"
	"strconv"

	"gorm.io/gorm"

	"sullam/scoring"
)

// Per agent-year audit and weekly report summaries (issue 17, migration
// 0016), beside the attendance ones of summaries.go and kept the same way:
// each write path collects the agent-years it touched (summaryKeys, by the
// audit's date and by the report's week start) and calls
// refreshAuditSummaries or refreshWeeklySummaries before it commits, which
// recompute those agent-years from the raw rows with one DELETE and one
// INSERT … SELECT per year and chunk of agents.
//
// What each holds, so that the scoring stays exact to the cent and a
// policy change needs no rebuild:
//
//   - audit_summaries: each audit dated in the year reduced to the weights
//     of its passed and of its passed-or-failed items and whether a critical
//     item failed ("date:passed/answered", "0/1" on a critical fail), in
//     date then id order. An audit's score depends on its form only (forms
//     are versioned, an audit keeps its own), not on the policy, and the
//     quality component lists each audit's date and exact score (the
//     finalization digest hashes that list), so the list is kept, not a sum.
//   - weekly_summaries: the reports whose week starts in the year, the rated
//     ones and the sum of their ratings, and the weeks of the reports by
//     their delay in days (submission − week start; on SQLite a stored date
//     that does not parse is kept as "x<submitted>/<week start>", which the
//     read refuses, as it refused the row before): whether a report is on
//     time (policy OnTimeDays) and whether its week is expected (attendance)
//     are decided when scoring (scoring.WeeklyScoreFromCounts).
//
//   - review_summaries (migration 0017): each review dated in the year
//     (not a probation review, and with at least one rating) with its
//     date and its ratings, in id order. A review's score depends on the
//     policy's competencies and weights and the supervisor component lists
//     each review's date and score (hashed by the finalization digest), so
//     the ratings themselves are kept; what the summary saves is reading
//     every review and rating row through random pages (at 10,000 agents ×
//     7 years, 132,000 reviews and 1.1 M ratings: 0.7–2.2 s a read).

// yearBounds returns the condition on the date column col selecting year y.
func yearBounds(col string, y int) string {
	return fmt.Sprintf("%s BETWEEN '%04d-01-01' AND '%04d-12-31'", col, y, y)
}

// auditSummarySelect returns the SELECT computing audit summaries from the
// audits matching cond (a condition on "audits a"; "" for every audit), in
// the column order of audit_summaries.
func (s *Store) auditSummarySelect(cond string) string {
	year, date, concat := "CAST(substr(a.audit_date, 1, 4) AS INTEGER)", "substr(CAST(a.audit_date AS TEXT), 1, 10)", "group_concat"
	if s.dialect == "postgres" {
		year, date, concat = "CAST(EXTRACT(YEAR FROM a.audit_date) AS INTEGER)", "to_char(a.audit_date, 'YYYY-MM-DD')", "string_agg"
	}
	where := ""
	if cond != "" {
		where = " WHERE " + cond
	}
	return "SELECT s.agent_id, s.year, COUNT(*), " + concat + "(s.d || ':' || CASE WHEN s.k <> s.n OR s.w = 0 THEN 'x' || CAST(s.id AS TEXT)" +
		" WHEN s.c > 0 THEN '0/1' ELSE CAST(s.p AS TEXT) || '/' || CAST(s.w AS TEXT) END, ';' ORDER BY s.d, s.id)" +
		" FROM (SELECT a.id, a.agent_id, " + year + " AS year, " + date + " AS d," +
		" COALESCE(SUM(CASE WHEN r.answer = 'pass' THEN i.weight ELSE 0 END), 0) AS p," +
		" COALESCE(SUM(CASE WHEN r.answer IN ('pass', 'fail') THEN i.weight ELSE 0 END), 0) AS w," +
		" COALESCE(MAX(CASE WHEN r.answer = 'fail' AND i.critical THEN 1 ELSE 0 END), 0) AS c," +
		" COUNT(CASE WHEN i.id IS NOT NULL AND r.answer IN ('pass', 'fail', 'na') THEN 1 END) AS k," +
		" (SELECT COUNT(*) FROM audit_form_items f WHERE f.form_id = a.form_id) AS n" +
		" FROM audits a LEFT JOIN audit_results r ON r.audit_id = a.id LEFT JOIN audit_form_items i ON i.id = r.item_id AND i.form_id = a.form_id" +
		where + " GROUP BY a.id, a.agent_id, a.audit_date, a.form_id) s GROUP BY s.agent_id, s.year"
}

// auditSummaryInsert is the head of the statement writing audit summaries.
const auditSummaryInsert = "INSERT INTO audit_summaries (agent_id, year, audits, scores) "

// weeklySummarySelect returns the SELECT computing weekly summaries from
// the weekly_reports rows matching cond (a condition on their columns; ""
// for every row), in the column order of weekly_summaries.
func (s *Store) weeklySummarySelect(cond string) string {
	var year, dn, anchor, delay, concat, bits string
	if s.dialect == "postgres" {
		year = "CAST(EXTRACT(YEAR FROM week_start) AS INTEGER)"
		dn = "(week_start - DATE '1970-01-01')"
		anchor = "(make_date(CAST(EXTRACT(YEAR FROM week_start) AS INTEGER), 1, 1) - DATE '1970-01-01')"
		delay = "CAST(submitted_on - week_start AS TEXT)"
		concat = "string_agg"
		bits = "CAST(SUM(DISTINCT CAST(1 AS BIGINT) << CAST(%s AS INTEGER)) AS BIGINT)"
	} else {
		year = "CAST(substr(week_start, 1, 4) AS INTEGER)"
		dn = "CAST(julianday(substr(week_start, 1, 10)) - 2440587.5 AS INTEGER)"
		anchor = "CAST(julianday(substr(week_start, 1, 4) || '-01-01') - 2440587.5 AS INTEGER)"
		// a date that does not parse is kept as it is, for the read to refuse
		delay = "CASE WHEN date(substr(submitted_on, 1, 10)) = substr(submitted_on, 1, 10) AND date(substr(week_start, 1, 10)) = substr(week_start, 1, 10)" +
			" THEN CAST(CAST(julianday(substr(submitted_on, 1, 10)) - julianday(substr(week_start, 1, 10)) AS INTEGER) AS TEXT)" +
			" ELSE 'x' || CAST(submitted_on AS TEXT) || '/' || CAST(week_start AS TEXT) END"
		concat = "group_concat"
		bits = "SUM(DISTINCT 1 << (%s))"
	}
	// the week start (Sunday on or before) of day number x; 1970-01-01 was a Thursday
	ws := func(x string) string { return "(" + x + " - ((" + x + " + 4) % 7 + 7) % 7)" }
	where := ""
	if cond != "" {
		where = " WHERE " + cond
	}
	return "SELECT g.agent_id, g.year, SUM(g.n), SUM(g.rated), SUM(g.rsum), " + concat + "(g.delay || ':' || CAST(g.bits AS TEXT), ';' ORDER BY g.delay)" +
		" FROM (SELECT agent_id, " + year + " AS year, " + delay + " AS delay, COUNT(*) AS n, COUNT(rating) AS rated, COALESCE(SUM(rating), 0) AS rsum, " +
		fmt.Sprintf(bits, "("+ws(dn)+" - "+ws(anchor)+") / 7") + " AS bits FROM weekly_reports" + where + " GROUP BY 1, 2, 3) g GROUP BY g.agent_id, g.year"
}

// weeklySummaryInsert is the head of the statement writing weekly summaries.
const weeklySummaryInsert = "INSERT INTO weekly_summaries (agent_id, year, reports, rated, rating_sum, delays) "

// reviewSummarySelect returns the SELECT computing review summaries from
// the reviews matching cond (a condition on "reviews v"; "" for every
// review), in the column order of review_summaries: per review "date=" and
// its ratings joined by ratingsConcat, reviews separated by reviewListSep.
func (s *Store) reviewSummarySelect(cond string) string {
	year, concat, sep, no := "CAST(substr(v.review_date, 1, 4) AS INTEGER)", "group_concat", "char(29)", "0"
	if s.dialect == "postgres" {
		year, concat, sep, no = "CAST(EXTRACT(YEAR FROM v.review_date) AS INTEGER)", "string_agg", "chr(29)", "false"
	}
	if cond != "" {
		cond = " AND " + cond
	}
	return "SELECT s.agent_id, s.year, COUNT(*), " + concat + "(s.d || '=' || s.r, " + sep + " ORDER BY s.id)" +
		" FROM (SELECT v.id, v.agent_id, " + year + " AS year, " + s.dateText("v.review_date") + " AS d, " + s.ratingsConcat() + " AS r" +
		" FROM reviews v JOIN review_ratings r ON r.review_id = v.id WHERE v.probation = " + no + cond +
		" GROUP BY v.id, v.agent_id, v.review_date) s GROUP BY s.agent_id, s.year"
}

// reviewSummaryInsert is the head of the statement writing review summaries.
const reviewSummaryInsert = "INSERT INTO review_summaries (agent_id, year, reviews, ratings) "

// reviewListSep separates the reviews of a review summary (a control
// character: neither a date nor a rating holds one).
const reviewListSep = 0x1d

// refreshReviewSummaries recomputes, inside tx, the review summaries of
// the agent-years keys (by review date) from the raw reviews and ratings.
func (s *Store) refreshReviewSummaries(tx *gorm.DB, keys summaryKeys) error {
	return refreshSummaries(tx, keys, "review_summaries", func(list string, y int) string {
		return reviewSummaryInsert + s.reviewSummarySelect("v.agent_id IN ("+list+") AND "+yearBounds("v.review_date", y))
	})
}

// refreshAuditSummaries recomputes, inside tx, the audit summaries of the
// agent-years keys (by audit date) from the raw audits and answers.
func (s *Store) refreshAuditSummaries(tx *gorm.DB, keys summaryKeys) error {
	return refreshSummaries(tx, keys, "audit_summaries", func(list string, y int) string {
		return auditSummaryInsert + s.auditSummarySelect("a.agent_id IN ("+list+") AND "+yearBounds("a.audit_date", y))
	})
}

// refreshWeeklySummaries recomputes, inside tx, the weekly summaries of
// the agent-years keys (by week start) from the raw reports.
func (s *Store) refreshWeeklySummaries(tx *gorm.DB, keys summaryKeys) error {
	return refreshSummaries(tx, keys, "weekly_summaries", func(list string, y int) string {
		return weeklySummaryInsert + s.weeklySummarySelect("agent_id IN ("+list+") AND "+yearBounds("week_start", y))
	})
}

// refreshSummaries deletes the rows of table for the agent-years keys and
// writes them again with the statement insert returns for a list of agent
// ids and a year, one DELETE and one INSERT per year and chunk of agents.
func refreshSummaries(tx *gorm.DB, keys summaryKeys, table string, insert func(list string, y int) string) error {
	byYear := map[int][]uint{}
	for k := range keys {
		byYear[k.year] = append(byYear[k.year], k.agentID)
	}
	years := make([]int, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		ids := byYear[y]
		slices.Sort(ids)
		for start := 0; start < len(ids); start += summaryChunk {
			list := idList(ids[start:min(start+summaryChunk, len(ids))])
			if err := tx.Exec("DELETE FROM " + table + " WHERE year = " + strconv.Itoa(y) + " AND agent_id IN (" + list + ")").Error; err != nil {
				return fmt.Errorf("refresh %s of %d: %w", table, y, err)
			}
			if err := tx.Exec(insert(list, y)).Error; err != nil {
				return fmt.Errorf("refresh %s of %d: %w", table, y, err)
			}
		}
	}
	return nil
}

// loadAuditSummaries reads the audits of the years from..to of the agents
// of sc from their summaries, scored, by year and agent, in date order.
func (s *Store) loadAuditSummaries(tx *gorm.DB, from, to int, sc yearScope) (map[int]map[uint][]scoring.DatedScore, error) {
	q := "SELECT agent_id, year, audits, scores FROM audit_summaries WHERE year BETWEEN ? AND ?"
	args := []any{from, to}
	if c, extra := sc.rowsCond("agent_id"); c != "" {
		q += " AND " + c
		args = append(args, extra...)
	}
	rows, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read audit summaries %d–%d: %w", from, to, err)
	}
	defer rows.Close()
	out := map[int]map[uint][]scoring.DatedScore{}
	shared := auditScores{}
	var list []byte
	for rows.Next() {
		var id uint
		var year, n int
		if err := rows.Scan(&id, &year, &n, &list); err != nil {
			return nil, fmt.Errorf("read audit summaries %d–%d: %w", from, to, err)
		}
		scores, err := parseAuditScores(list, n, shared)
		if err != nil {
			return nil, fmt.Errorf("read audit summary of agent #%d, %d: %w", id, year, err)
		}
		if out[year] == nil {
			out[year] = map[uint][]scoring.DatedScore{}
		}
		out[year][id] = scores
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit summaries %d–%d: %w", from, to, err)
	}
	return out, nil
}

// auditScores holds the exact scores already made by one read, by their
// passed and answered weights: an audit's score is a *big.Rat, and the
// forms' few weights give the same few scores again and again, so one read
// shares one value among all the audits with the same weights (the scores
// are only read, never changed in place).
type auditScores map[[2]int]*big.Rat

// of returns the exact score of an audit that passed passed of answered.
func (c auditScores) of(passed, answered int) (*big.Rat, error) {
	if r := c[[2]int{passed, answered}]; r != nil {
		return r, nil
	}
	r, err := scoring.AuditScoreFromWeights(int64(passed), int64(answered), false)
	if err != nil {
		return nil, err
	}
	c[[2]int{passed, answered}] = r
	return r, nil
}

// parseAuditScores parses the scores of an audit summary, n of them (the
// exact scores taken from, and added to, shared).
func parseAuditScores(b []byte, n int, shared auditScores) ([]scoring.DatedScore, error) {
	out := make([]scoring.DatedScore, 0, n)
	for len(b) > 0 {
		var rec []byte
		if i := bytes.IndexByte(b, ';'); i >= 0 {
			rec, b = b[:i], b[i+1:]
		} else {
			rec, b = b, nil
		}
		i := bytes.IndexByte(rec, ':')
		if i < 0 {
			return nil, fmt.Errorf("malformed audit score %q", rec)
		}
		date, err := parseDateBytes(rec[:i])
		if err != nil {
			return nil, fmt.Errorf("malformed audit score %q: %w", rec, err)
		}
		v := rec[i+1:]
		if len(v) > 0 && v[0] == 'x' {
			return nil, fmt.Errorf("score audit #%s of %s: its answers do not match its form or are all na", v[1:], date)
		}
		j := bytes.IndexByte(v, '/')
		passed, ok1 := atoiBytes(v[:max(j, 0)])
		answered, ok2 := atoiBytes(v[j+1:])
		if j < 0 || !ok1 || !ok2 {
			return nil, fmt.Errorf("malformed audit score %q", rec)
		}
		score, err := shared.of(passed, answered)
		if err != nil {
			return nil, fmt.Errorf("audit of %s: %w", date, err)
		}
		out = append(out, scoring.DatedScore{Date: date, Score: score})
	}
	if len(out) != n {
		return nil, fmt.Errorf("%d audit scores for %d audits", len(out), n)
	}
	return out, nil
}

// loadWeeklySummaries reads the weekly reports whose week starts in the
// years from..to of the agents of sc, as counts, by year and agent.
func (s *Store) loadWeeklySummaries(tx *gorm.DB, from, to int, sc yearScope) (map[int]map[uint]*scoring.WeeklyCounts, error) {
	q := "SELECT agent_id, year, reports, rated, rating_sum, delays FROM weekly_summaries WHERE year BETWEEN ? AND ?"
	args := []any{from, to}
	if c, extra := sc.rowsCond("agent_id"); c != "" {
		q += " AND " + c
		args = append(args, extra...)
	}
	rows, err := tx.Raw(q, args...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read weekly summaries %d–%d: %w", from, to, err)
	}
	defer rows.Close()
	out := map[int]map[uint]*scoring.WeeklyCounts{}
	for rows.Next() {
		var id uint
		c := &scoring.WeeklyCounts{}
		var delays []byte
		if err := rows.Scan(&id, &c.Year, &c.Reports, &c.Rated, &c.RatingSum, &delays); err != nil {
			return nil, fmt.Errorf("read weekly summaries %d–%d: %w", from, to, err)
		}
		if c.Delays, err = parseDelays(delays); err != nil {
			return nil, fmt.Errorf("read weekly summary of agent #%d, %d: %w", id, c.Year, err)
		}
		if out[c.Year] == nil {
			out[c.Year] = map[uint]*scoring.WeeklyCounts{}
		}
		out[c.Year][id] = c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read weekly summaries %d–%d: %w", from, to, err)
	}
	return out, nil
}

// parseDelays parses the delays of a weekly summary, "delay:weekbits"
// pairs separated by ";".
func parseDelays(b []byte) (map[int]uint64, error) {
	m := make(map[int]uint64, 2)
	for len(b) > 0 {
		var pair []byte
		if i := bytes.IndexByte(b, ';'); i >= 0 {
			pair, b = b[:i], b[i+1:]
		} else {
			pair, b = b, nil
		}
		i := bytes.IndexByte(pair, ':')
		if i < 0 {
			return nil, fmt.Errorf("malformed weekly delays %q", pair)
		}
		delay, ok := atoiBytes(pair[:i])
		bits, err := strconv.ParseInt(string(pair[i+1:]), 10, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("malformed weekly delays %q", pair)
		}
		m[delay] |= uint64(bits)
	}
	return m, nil
}
