package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// summaryDump returns the attendance summaries as read through db, one
// line per agent-year, present_minutes in minute order (its pairs' order is
// the database's).
func summaryDump(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	rows, err := db.Raw("SELECT agent_id, year, days, present_days, absent_days, leave_days, holiday_days, week_bits, present_minutes FROM attendance_summaries ORDER BY agent_id, year").Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, year, days, p, a, l, h int
		var bits int64
		var mins []byte
		if err := rows.Scan(&id, &year, &days, &p, &a, &l, &h, &bits, &mins); err != nil {
			t.Fatal(err)
		}
		m := map[int]int{}
		for _, pair := range strings.Split(string(mins), ";") {
			var k, n int
			if pair == "" {
				continue
			}
			if _, err := fmt.Sscanf(pair, "%d:%d", &k, &n); err != nil {
				t.Fatalf("present minutes %q: %v", mins, err)
			}
			m[k] += n
		}
		keys := make([]int, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var sb strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&sb, "%d:%d;", k, m[k])
		}
		out = append(out, fmt.Sprintf("#%d %d: days %d present %d absent %d leave %d holiday %d weeks %b minutes %s", id, year, days, p, a, l, h, bits, sb.String()))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return append(out, inputSummaryDump(t, db)...)
}

// inputSummaryDump returns the audit, weekly and review summaries as read
// through db, one line per agent-year, the weekly delays in delay order.
func inputSummaryDump(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	var out []string
	var au []struct {
		AgentID uint
		Year    int
		Audits  int
		Scores  string
	}
	if err := db.Raw("SELECT agent_id, year, audits, scores FROM audit_summaries ORDER BY agent_id, year").Scan(&au).Error; err != nil {
		t.Fatal(err)
	}
	for _, r := range au {
		out = append(out, fmt.Sprintf("audits #%d %d: %d %s", r.AgentID, r.Year, r.Audits, r.Scores))
	}
	var wk []struct {
		AgentID                   uint
		Year                      int
		Reports, Rated, RatingSum int
		Delays                    string
	}
	if err := db.Raw("SELECT agent_id, year, reports, rated, rating_sum, delays FROM weekly_summaries ORDER BY agent_id, year").Scan(&wk).Error; err != nil {
		t.Fatal(err)
	}
	for _, r := range wk {
		m, err := parseDelays([]byte(r.Delays))
		if err != nil {
			t.Fatal(err)
		}
		keys := slices.Sorted(maps.Keys(m))
		var sb strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&sb, "%d:%b;", k, m[k])
		}
		out = append(out, fmt.Sprintf("weekly #%d %d: reports %d rated %d sum %d delays %s", r.AgentID, r.Year, r.Reports, r.Rated, r.RatingSum, sb.String()))
	}
	var rv []struct {
		AgentID uint
		Year    int
		Reviews int
		Ratings string
	}
	if err := db.Raw("SELECT agent_id, year, reviews, ratings FROM review_summaries ORDER BY agent_id, year").Scan(&rv).Error; err != nil {
		t.Fatal(err)
	}
	for _, r := range rv {
		// the ratings of a review in competency order (the aggregate's
		// order within a review is not fixed)
		revs, err := parseReviewList([]byte(r.Ratings), r.Reviews, map[string]string{})
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		for _, x := range revs {
			fmt.Fprintf(&sb, "%s", x.Date)
			for _, c := range slices.Sorted(maps.Keys(x.Ratings)) {
				fmt.Fprintf(&sb, " %s:%d", c, x.Ratings[c])
			}
			sb.WriteString(";")
		}
		out = append(out, fmt.Sprintf("reviews #%d %d: %d %s", r.AgentID, r.Year, r.Reviews, sb.String()))
	}
	return out
}

// rebuiltDump returns what RebuildSummaries would store, without storing it.
func rebuiltDump(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	errDone := errors.New("rolled back")
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if _, err := s.rebuildSummaries(tx); err != nil {
			return err
		}
		out = summaryDump(t, tx)
		return errDone
	})
	if !errors.Is(err, errDone) {
		t.Fatal(err)
	}
	return out
}

// summaryPolicies are the policies the evaluations are compared under:
// the summaries keep what does not depend on the policy (present days by
// minutes, each audit's weights, each report's delay), so a changed grace,
// on-time days, late credit or weight needs no rebuild.
func summaryPolicies() []scoring.Policy {
	var out []scoring.Policy
	for i, grace := range []int{0, 15, 40} {
		p := scoring.DefaultPolicy()
		p.GraceMinutes = grace
		p.MinScheduledDays, p.MinExpectedWeeks, p.MinAudits = 1, 1, 1+i
		p.OnTimeDays = []int{7, 0, 3}[i]
		p.LateCreditPercent = []int{50, 0, 75}[i]
		p.SubmissionWeight = []int{60, 30, 100}[i]
		p.ReportQualityWeight = 100 - p.SubmissionWeight
		out = append(out, p)
	}
	return out
}

// checkSummaries fails unless the maintained summaries (attendance, audits,
// weekly reports) equal a rebuild from the raw rows, and every agent's
// evaluations of the years from..to read through the summaries equal
// those read from the raw rows (days, audits with their answers, reports)
// under several policies (summaryPolicies); the evaluations only when
// scores is set.
func checkSummaries(t *testing.T, s *Store, step string, agents []models.Agent, from, to int, scores bool) {
	t.Helper()
	kept, rebuilt := summaryDump(t, s.db), rebuiltDump(t, s)
	if !slices.Equal(kept, rebuilt) {
		t.Fatalf("after %s: the kept summaries differ from a rebuild from the raw rows:\nkept    %q\nrebuilt %q", step, kept, rebuilt)
	}
	if !scores {
		return
	}
	for _, p := range summaryPolicies() {
		got, err := s.loadYears(s.db, p, from, to, yearScope{})
		if err != nil {
			t.Fatal(err)
		}
		raw := rawYears(t, s, p, from, to)
		for y := from; y <= to; y++ {
			for _, ag := range agents {
				g, _ := json.Marshal(got[y].evaluate(p, y, ag).Live)
				w, _ := json.Marshal(raw[y].evaluate(p, y, ag).Live)
				if string(g) != string(w) {
					t.Fatalf("after %s: %s %d (grace %d, on time %d) from the summaries:\n%s\nfrom the raw rows:\n%s", step, ag.EmployeeNo, y, p.GraceMinutes, p.OnTimeDays, g, w)
				}
				if got[y].present[ag.ID] != raw[y].present[ag.ID] {
					t.Fatalf("after %s: %s %d: has a record %v from the summaries, %v from the raw rows", step, ag.EmployeeNo, y, got[y].present[ag.ID], raw[y].present[ag.ID])
				}
			}
		}
	}
}

// rawYears reads the years from..to as loadYears did before the
// summaries: attendance days, audits with their answers, weekly reports
// and reviews (one row per rating) from their rows (the snapshots are
// read alike either way).
func rawYears(t *testing.T, s *Store, p scoring.Policy, from, to int) map[int]*yearData {
	t.Helper()
	out, err := s.loadYears(s.db, p, from, to, yearScope{})
	if err != nil {
		t.Fatal(err)
	}
	att, err := s.loadAttendanceYears(s.db, p, from, to, yearScope{}, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	audits, err := s.loadAuditsYears(s.db, from, to, yearScope{})
	if err != nil {
		t.Fatal(err)
	}
	reports, err := s.loadWeeklyYears(s.db, from, to, yearScope{})
	if err != nil {
		t.Fatal(err)
	}
	reviews, err := s.loadReviewsYearsJoined(s.db, from, to, yearScope{})
	if err != nil {
		t.Fatal(err)
	}
	for y, d := range out {
		d.tallies, d.present = att[y].tallies, att[y].present
		d.audits, d.reports, d.weekly, d.reviews = orEmpty(audits[y]), orEmpty(reports[y]), nil, orEmpty(reviews[y])
		for _, m := range []map[uint]bool{keysOf(d.audits), keysOf(d.reports), keysOf(d.reviews)} {
			for id := range m {
				d.present[id] = true
			}
		}
	}
	return out
}

// Rule (issue 17): the per agent-year summaries (attendance, audits,
// weekly reports) are kept exact by every write path, in the transaction
// of the write. Random sequences of attendance imports (new days,
// re-imports with changed and unchanged days), corrections of a day (a new
// day, a changed one), audits entered and deleted, audits imports (new
// refs, stored ones moved to another agent or date or with other answers,
// unchanged ones), weekly reports submitted and rated, weekly imports (new
// weeks, re-rated or resubmitted ones, unchanged ones), reviews saved and
// deleted, reviews imports (new reviews, stored ones with other ratings), over three agents and the days around two New Years (a week
// starting in late December holds days of both years): after each step the
// summaries equal a rebuild from the raw rows, and (every fifth step and at
// the end) every evaluation of 2024–2026 read through them equals the one
// read from the raw rows, under three policies (grace, on-time days, late
// credit, weights, minimum audits).
// SQLite, and PostgreSQL when SULLAM_TEST_PG is set.
func TestSummariesKeptByEveryWrite(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC)}
			s := open(t, WithClock(clock.Now))
			sup := mustAgent(t, s, "S1", nil)
			a1 := mustAgent(t, s, "A1", &sup.ID)
			a2 := mustAgent(t, s, "A2", &sup.ID)
			agents := []models.Agent{sup, a1, a2}
			supU := ActorOf(mustUser(t, s, "s1", &sup.ID, models.RoleSupervisor, models.RoleAgent))
			agentU := map[uint]Actor{
				sup.ID: supU,
				a1.ID:  ActorOf(mustUser(t, s, "a1", &a1.ID, models.RoleAgent)),
				a2.ID:  ActorOf(mustUser(t, s, "a2", &a2.ID, models.RoleAgent)),
			}
			hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
			qa := ActorOf(mustUser(t, s, "qa", nil, models.RoleQuality))
			form := latestForm(t, s, qa, scoring.DefaultAuditFormCode)
			comps, err := s.Competencies(t.Context())
			if err != nil {
				t.Fatal(err)
			}

			rng := rand.New(rand.NewPCG(2026, 17))
			// days: the first and last weeks of each year, and some of the middle
			var pool []models.Date
			for _, ny := range []models.Date{models.MustDate("2025-01-01"), models.MustDate("2026-01-01")} {
				for i := -14; i < 14; i++ {
					pool = append(pool, ny.AddDays(i))
				}
			}
			for d := models.MustDate("2025-03-01"); d.Before(models.MustDate("2025-04-15")); d = d.AddDays(1) {
				pool = append(pool, d)
			}
			statuses := []models.AttendanceStatus{models.Present, models.Present, models.Present, models.Absent, models.Leave, models.Holiday}
			randomDay := func() models.AttendanceDay {
				return models.AttendanceDay{Date: pool[rng.IntN(len(pool))], Status: statuses[rng.IntN(len(statuses))],
					LateMinutes: rng.IntN(3) * rng.IntN(25), EarlyLeaveMinutes: rng.IntN(3) * rng.IntN(30)}
			}
			var lastImport []models.AttendanceRow
			counts := map[string]int{}
			// imports whose agent-years were all without stored rows
			// (summarised from the import's rows) or mixed with
			// agent-years holding stored rows (refreshed from the raw
			// rows), by kind
			shapes := map[string]int{}
			const steps = 90
			for step := 0; step < steps; step++ {
				var what string
				if step == steps/2 { // a new hire: agent-years without stored rows from now on
					agents = append(agents, mustAgent(t, s, "A3", &sup.ID))
				}
				switch op := rng.IntN(16); {
				case op == 10 || op == 11: // an audits import: new refs, and stored ones changed (agent, date, answers) or not
					var rows []models.AuditRow
					seen := map[string]bool{}
					for range 1 + rng.IntN(6) {
						ref := fmt.Sprintf("R%d", rng.IntN(12))
						if seen[ref] {
							continue
						}
						seen[ref] = true
						ans := map[string]models.Answer{}
						for _, it := range form.Items {
							ans[strings.ToUpper(it.Code)] = []models.Answer{models.Pass, models.Pass, models.Fail, models.NA}[rng.IntN(4)]
						}
						ans[strings.ToUpper(form.Items[0].Code)] = models.Pass
						rows = append(rows, models.AuditRow{Line: len(rows) + 2, EmployeeNo: agents[rng.IntN(len(agents))].EmployeeNo, FormCode: form.Code,
							Audit: models.Audit{Ref: ref, AuditDate: pool[rng.IntN(len(pool))], Channel: models.Chat, Auditor: "QA"}, Answers: ans})
					}
					res, err := s.ImportAudits(qa, ImportSource{File: "audits.csv"}, rows)
					if err != nil {
						t.Fatal(err)
					}
					what = fmt.Sprintf("step %d: audits-import %+v", step, res)
				case op == 12 || op == 13: // a weekly import: new weeks, and stored ones re-rated or resubmitted
					var rows []models.WeeklyRow
					seen := map[string]bool{}
					for range 1 + rng.IntN(8) {
						ag := agents[rng.IntN(len(agents))]
						ws := pool[rng.IntN(len(pool))].WeekStart()
						if k := ag.EmployeeNo + ws.String(); seen[k] {
							continue
						} else {
							seen[k] = true
						}
						rep := models.WeeklyReport{WeekStart: ws, SubmittedOn: ws.AddDays(rng.IntN(16)), Summary: "week"}
						if rng.IntN(3) > 0 {
							r := 1 + rng.IntN(5)
							rep.Rating = &r
						}
						rows = append(rows, models.WeeklyRow{Line: len(rows) + 2, EmployeeNo: ag.EmployeeNo, Report: rep})
					}
					shapes["weekly "+importShape(t, s, "weekly_reports", "week_start", rows, func(r models.WeeklyRow) models.Date { return r.Report.WeekStart })]++
					res, err := s.ImportWeekly(hr, ImportSource{File: "weekly.csv"}, rows)
					if err != nil {
						t.Fatal(err)
					}
					what = fmt.Sprintf("step %d: weekly-import %+v", step, res)
				case op < 3 || step < 2: // an attendance import of new and stored days
					var rows []models.AttendanceRow
					seen := map[string]bool{}
					for range 5 + rng.IntN(30) {
						ag := agents[rng.IntN(len(agents))]
						d := randomDay()
						if k := ag.EmployeeNo + d.Date.String(); !seen[k] {
							seen[k] = true
							rows = append(rows, models.AttendanceRow{Line: len(rows) + 2, EmployeeNo: ag.EmployeeNo, Day: d})
						}
					}
					shapes["attendance "+importShape(t, s, "attendance_days", "date", rows, func(r models.AttendanceRow) models.Date { return r.Day.Date })]++
					res, err := s.ImportAttendance(hr, ImportSource{File: "att.csv"}, rows, nil)
					if err != nil {
						t.Fatal(err)
					}
					what = fmt.Sprintf("step %d: attendance import %+v", step, res)
					lastImport = rows
				case op < 4 && lastImport != nil: // the last file again, some days changed
					rows := slices.Clone(lastImport)
					for i := range rows {
						if rng.IntN(3) == 0 {
							d := randomDay()
							d.Date = rows[i].Day.Date
							rows[i].Day = d
						}
					}
					res, err := s.ImportAttendance(hr, ImportSource{File: "att2.csv"}, rows, nil)
					if err != nil {
						t.Fatal(err)
					}
					what = fmt.Sprintf("step %d: attendance re-import %+v", step, res)
				case op < 6: // a correction of a day, stored or not
					ag := agents[rng.IntN(len(agents))]
					d := randomDay()
					var seen *models.AttendanceDay
					var old models.AttendanceDay
					if err := s.db.Where("agent_id = ? AND date = ?", ag.ID, d.Date.String()).First(&old).Error; err == nil {
						seen = &old
						if old.Status == d.Status {
							d.Status = models.Absent
							if old.Status == models.Absent {
								d.Status = models.Present
							}
						}
					}
					if _, err := s.Work().CorrectAttendance(t.Context(), hr, AttendanceCorrection{AgentID: ag.ID, Date: d.Date, Status: d.Status,
						LateMinutes: d.LateMinutes, EarlyLeaveMinutes: d.EarlyLeaveMinutes, Reason: "clock fault", Seen: seen}); err != nil {
						t.Fatal(err)
					}
					what = fmt.Sprintf("step %d: correction of %s %s", step, ag.EmployeeNo, d.Date)
				case op < 7: // an audit entered, or one deleted
					var au []models.Audit
					if err := s.db.Find(&au).Error; err != nil {
						t.Fatal(err)
					}
					if len(au) > 2 && rng.IntN(2) == 0 {
						x := au[rng.IntN(len(au))]
						if err := s.Work().DeleteAudit(t.Context(), qa, x.ID, x.Version, "wrong call"); err != nil {
							t.Fatal(err)
						}
						what = fmt.Sprintf("step %d: audit #%d deleted", step, x.ID)
						break
					}
					ans := map[uint]models.Answer{}
					for _, it := range form.Items {
						ans[it.ID] = []models.Answer{models.Pass, models.Pass, models.Fail, models.NA}[rng.IntN(4)]
					}
					ans[form.Items[0].ID] = models.Pass
					ag := agents[rng.IntN(len(agents))]
					if _, err := s.Work().EnterAudit(t.Context(), qa, NewAudit{AgentID: ag.ID, FormID: form.ID, Date: pool[rng.IntN(len(pool))], Channel: models.Phone, Auditor: "QA", Answers: ans}); err != nil {
						t.Fatal(err)
					}
					what = fmt.Sprintf("step %d: audit entered", step)
				case op < 9: // a weekly report submitted, then perhaps rated
					clock.t = time.Date(2024, 12, 20, 10, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(400))
					ag := agents[1+rng.IntN(2)]
					n := 10
					rep, err := s.Work().SubmitWeekly(t.Context(), agentU[ag.ID], WeeklyInput{TasksDone: "calls", Interactions: &n})
					clock.t = time.Date(2026, 1, 20, 10, 0, 0, 0, time.UTC)
					if errors.Is(err, models.ErrAlreadyExists) {
						what = fmt.Sprintf("step %d: weekly report of the week already there", step)
						break
					}
					if err != nil {
						t.Fatal(err)
					}
					what = fmt.Sprintf("step %d: weekly report of %s submitted", step, rep.WeekStart)
					if rng.IntN(2) == 0 {
						if _, err := s.Work().RateWeekly(t.Context(), supU, rep.ID, rep.Version, 1+rng.IntN(5), "ok"); err != nil {
							t.Fatal(err)
						}
						what += " and rated"
					}
				default: // a review saved, one deleted, or a reviews import
					var rv []models.Review
					if err := s.db.Find(&rv).Error; err != nil {
						t.Fatal(err)
					}
					if rng.IntN(3) == 0 { // an import: new reviews, and stored ones with other ratings
						var rows []models.ReviewRow
						seen := map[string]bool{}
						byID := map[uint]models.Agent{}
						for _, ag := range agents {
							byID[ag.ID] = ag
						}
						for k := 0; k < 1+rng.IntN(4); k++ {
							ag, d := agents[1+rng.IntN(2)], pool[rng.IntN(len(pool))]
							if len(rv) > 0 && rng.IntN(2) == 0 {
								x := rv[rng.IntN(len(rv))]
								ag, d = byID[x.AgentID], x.ReviewDate
							}
							if seen[ag.EmployeeNo+d.String()] {
								continue
							}
							seen[ag.EmployeeNo+d.String()] = true
							ratings := map[string]int{}
							for _, c := range comps {
								ratings[c.Code] = 1 + rng.IntN(5)
							}
							rows = append(rows, models.ReviewRow{Line: 2 + len(rows), EmployeeNo: ag.EmployeeNo,
								Review: models.Review{ReviewDate: d, Period: strconv.Itoa(d.Year) + "-Q1"}, Ratings: ratings})
						}
						res, err := s.ImportReviews(supU, ImportSource{File: "reviews.csv"}, rows)
						if err != nil {
							what = fmt.Sprintf("step %d: reviews import refused (%v)", step, err)
							break
						}
						what = fmt.Sprintf("step %d: reviews import (%d new, %d changed)", step, res.Inserted, res.Updated)
						break
					}
					if len(rv) > 1 && rng.IntN(2) == 0 {
						x := rv[rng.IntN(len(rv))]
						if err := s.Work().DeleteReview(t.Context(), supU, x.ID, x.Version, "duplicate"); err != nil {
							t.Fatal(err)
						}
						what = fmt.Sprintf("step %d: review #%d deleted", step, x.ID)
						break
					}
					ratings := map[string]int{}
					for _, c := range comps {
						ratings[c.Code] = 1 + rng.IntN(5)
					}
					ag := agents[1+rng.IntN(2)]
					d := pool[rng.IntN(len(pool))]
					if _, err := s.Work().SaveReview(t.Context(), supU, ReviewInput{AgentID: ag.ID, Period: strconv.Itoa(d.Year) + "-Q" + strconv.Itoa(rng.IntN(4)+1), Date: d, Ratings: ratings}); err != nil {
						what = fmt.Sprintf("step %d: review refused (%v)", step, err)
						break
					}
					what = fmt.Sprintf("step %d: review saved", step)
				}
				counts[strings.Fields(what)[2]]++
				// the evaluations every fifth step and at the end (the
				// summaries after every step)
				checkSummaries(t, s, what, agents, 2024, 2026, step%5 == 4 || step == steps-1)
			}
			t.Logf("steps by kind: %v; imports by agent-years: %v", counts, shapes)
			// both ways of keeping the summaries in one import
			for _, k := range []string{"attendance mixed", "weekly mixed"} {
				if shapes[k] == 0 {
					t.Errorf("no import was %s", k)
				}
			}
			if len(summaryDump(t, s.db)) == 0 {
				t.Fatal("no summary was written")
			}
		})
	}
}

// importShape returns "fresh" when none of the agent-years of rows (by
// employee number and date(row)) has a row in table (date column col)
// yet, "mixed" when some have and some have not, "stored" when all have.
func importShape[R models.AttendanceRow | models.WeeklyRow](t *testing.T, s *Store, table, col string, rows []R, date func(R) models.Date) string {
	t.Helper()
	var have []struct {
		EmployeeNo string
		D          string
	}
	if err := s.db.Raw("SELECT DISTINCT a.employee_no, " + s.dateText("r."+col) + " AS d FROM " + table + " r JOIN agents a ON a.id = r.agent_id").Scan(&have).Error; err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, h := range have {
		stored[h.EmployeeNo+"/"+h.D[:4]] = true
	}
	var old, fresh bool
	for _, r := range rows {
		var no string
		switch r := any(r).(type) {
		case models.AttendanceRow:
			no = r.EmployeeNo
		case models.WeeklyRow:
			no = r.EmployeeNo
		}
		if stored[no+"/"+strconv.Itoa(date(r).Year)] {
			old = true
		} else {
			fresh = true
		}
	}
	switch {
	case old && fresh:
		return "mixed"
	case fresh:
		return "fresh"
	}
	return "stored"
}
