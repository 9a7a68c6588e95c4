package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// rawSummaryText returns the attendance, weekly, audit and review summaries as the
// database holds them, every column as text, unnormalised (the pairs of
// present_minutes and delays in their stored order).
func rawSummaryText(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		"SELECT agent_id, year, days, present_days, absent_days, leave_days, holiday_days, week_bits, present_minutes FROM attendance_summaries ORDER BY agent_id, year",
		"SELECT agent_id, year, reports, rated, rating_sum, delays FROM weekly_summaries ORDER BY agent_id, year",
		"SELECT agent_id, year, audits, scores FROM audit_summaries ORDER BY agent_id, year",
		"SELECT agent_id, year, reviews, ratings FROM review_summaries ORDER BY agent_id, year",
	} {
		rows, err := db.Raw(q).Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals := make([]string, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// Rule (issue 17, imports at the schema floor): the summaries an import
// computes in Go for the agent-years it is the first to fill are, byte for
// byte on SQLite, the rows the set-based refresh (RebuildSummaries)
// computes from the raw rows: the same counts, week bits (days around two
// New Years, 1 January 2023 a Sunday), present minutes in minute order and
// delays in their text order ("10" before "2"), audits by date then id
// with their exact weights (a critical fail, an answer missing), reviews
// by id with their ratings in code order;
// on PostgreSQL the same values (its aggregate's order is its own). The
// imports fill five agents' 2022–2026 from nothing, attendance and weekly
// reports streamed in small chunks so that an agent-year spans several.
func TestFreshSummariesEqualRefresh(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
			qa := ActorOf(mustUser(t, s, "qa", nil, models.RoleQuality))
			form := latestForm(t, s, qa, scoring.DefaultAuditFormCode)
			sup := mustAgent(t, s, "FS", nil)
			supU := ActorOf(mustUser(t, s, "fs", &sup.ID, models.RoleSupervisor))
			comps, err := s.Competencies(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			var agents []models.Agent
			for i := range 5 {
				agents = append(agents, mustAgent(t, s, fmt.Sprintf("F%d", i), &sup.ID))
			}
			rng := rand.New(rand.NewPCG(17, 2026))
			statuses := []models.AttendanceStatus{models.Present, models.Present, models.Present, models.Absent, models.Leave, models.Holiday}
			var att []models.AttendanceRow
			var wk []models.WeeklyRow
			for _, ag := range agents {
				for d := models.MustDate("2022-12-20"); d.Before(models.MustDate("2026-01-12")); d = d.AddDays(1 + rng.IntN(3)) {
					att = append(att, models.AttendanceRow{Line: len(att) + 2, EmployeeNo: ag.EmployeeNo, Day: models.AttendanceDay{Date: d,
						Status: statuses[rng.IntN(len(statuses))], LateMinutes: rng.IntN(3) * rng.IntN(40), EarlyLeaveMinutes: rng.IntN(2) * rng.IntN(90)}})
				}
				for ws := models.MustDate("2022-12-18"); ws.Before(models.MustDate("2026-01-12")); ws = ws.AddDays(7 * (1 + rng.IntN(2))) {
					rep := models.WeeklyReport{WeekStart: ws, SubmittedOn: ws.AddDays(rng.IntN(25)), Summary: "week"}
					if rng.IntN(4) > 0 {
						r := 1 + rng.IntN(5)
						rep.Rating = &r
					}
					wk = append(wk, models.WeeklyRow{Line: len(wk) + 2, EmployeeNo: ag.EmployeeNo, Report: rep})
				}
			}
			if _, err := s.ImportAttendanceStream(hr, ImportSource{File: "att.csv"}, chunked(att, 97), nil); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ImportWeeklyStream(hr, ImportSource{File: "weekly.csv"}, chunked(wk, 23), nil); err != nil {
				t.Fatal(err)
			}
			var au []models.AuditRow
			answers := []models.Answer{models.Pass, models.Pass, models.Pass, models.Fail, models.NA}
			for n := range 120 {
				ans := map[string]models.Answer{}
				for _, it := range form.Items {
					ans[strings.ToUpper(it.Code)] = answers[rng.IntN(len(answers))]
				}
				if n%15 == 7 { // an answer missing (all na is refused)
					delete(ans, strings.ToUpper(form.Items[1].Code))
				}
				d := models.MustDate("2022-12-25").AddDays(rng.IntN(3 * 366))
				if n%10 == 0 {
					d = models.MustDate("2024-06-01") // several audits on one day: by id
				}
				au = append(au, models.AuditRow{Line: len(au) + 2, EmployeeNo: agents[rng.IntN(len(agents))].EmployeeNo, FormCode: form.Code,
					Audit: models.Audit{Ref: fmt.Sprintf("FR%03d", n), AuditDate: d, Channel: models.Chat, Auditor: "QA"}, Answers: ans})
			}
			if _, err := s.ImportAudits(qa, ImportSource{File: "audits.csv"}, au); err != nil {
				t.Fatal(err)
			}
			var rv []models.ReviewRow
			for _, ag := range agents {
				for d := models.MustDate("2022-12-28"); d.Before(models.MustDate("2026-01-05")); d = d.AddDays(40 + rng.IntN(80)) {
					ratings := map[string]int{}
					for _, c := range comps {
						ratings[c.Code] = 1 + rng.IntN(5)
					}
					rv = append(rv, models.ReviewRow{Line: len(rv) + 2, EmployeeNo: ag.EmployeeNo,
						Review: models.Review{ReviewDate: d, Period: fmt.Sprint(d.Year)}, Ratings: ratings})
				}
			}
			slices.Reverse(rv) // ids against date order
			if _, err := s.ImportReviews(supU, ImportSource{File: "reviews.csv"}, rv); err != nil {
				t.Fatal(err)
			}
			kept := rawSummaryText(t, s.db)
			var rebuilt []string
			errDone := errors.New("rolled back")
			if err := s.db.Transaction(func(tx *gorm.DB) error {
				if _, err := s.rebuildSummaries(tx); err != nil {
					return err
				}
				rebuilt = rawSummaryText(t, tx)
				return errDone
			}); !errors.Is(err, errDone) {
				t.Fatal(err)
			}
			if len(kept) < 5*4*4 {
				t.Fatalf("%d summary rows, want at least 80", len(kept))
			}
			for _, want := range []string{":0/1;", ":x"} {
				if !strings.Contains(strings.Join(kept, "\n"), want) {
					t.Errorf("no audit summary holds %q: the case is not exercised", want)
				}
			}
			if name == "sqlite" && !slices.Equal(kept, rebuilt) {
				t.Fatalf("the import's summaries differ from the refresh's:\nimport  %q\nrefresh %q", kept, rebuilt)
			}
			if k, r := summaryDump(t, s.db), rebuiltDump(t, s); !slices.Equal(k, r) {
				t.Fatalf("the import's summaries differ from the refresh's:\nimport  %q\nrefresh %q", k, r)
			}
		})
	}
}

// chunked is rows as a feed of chunks of n rows, as a reader streams them.
func chunked[R any](rows []R, n int) Feed[R] {
	ch := make(chan []R, (len(rows)+n-1)/n)
	for start := 0; start < len(rows); start += n {
		ch <- rows[start:min(start+n, len(rows))]
	}
	close(ch)
	return Feed[R]{Chunks: ch, Total: len(rows)}
}

// Rule: an attendance import stores each day's values exactly, whether its
// batch is written packed (SQLite: agent, status and minutes in one bound
// integer) or plainly (a batch with a day that does not fit the packing,
// here 3,000 late minutes, and PostgreSQL): a new import and a re-import
// changing every day's status and minutes, read back day by day.
func TestAttendanceImportPackedRowsExact(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
			a := mustAgent(t, s, "P1", nil)
			b := mustAgent(t, s, "P2", nil)
			statuses := []models.AttendanceStatus{models.Present, models.Absent, models.Leave, models.Holiday}
			rows := func(shift int) []models.AttendanceRow {
				var out []models.AttendanceRow
				for i, d := 0, models.MustDate("2021-01-01"); i < 2600; i, d = i+1, d.AddDays(1) {
					ag := a
					if i >= 1300 {
						ag = b
					}
					if i == 1300 {
						d = models.MustDate("2021-01-01")
					}
					day := models.AttendanceDay{Date: d, Status: statuses[(i+shift)%4], LateMinutes: (i*7 + shift) % 2048, EarlyLeaveMinutes: (i*13 + shift) % 2048}
					if i == 1500+shift {
						day.LateMinutes = 3000 // does not fit: its batch is written plainly
					}
					out = append(out, models.AttendanceRow{Line: len(out) + 2, EmployeeNo: ag.EmployeeNo, Day: day})
				}
				return out
			}
			for _, shift := range []int{0, 1} {
				want := rows(shift)
				if _, err := s.ImportAttendance(hr, ImportSource{File: "att.csv"}, want, nil); err != nil {
					t.Fatal(err)
				}
				var got []struct {
					EmployeeNo        string
					D                 string
					Status            string
					LateMinutes       int
					EarlyLeaveMinutes int
				}
				if err := s.db.Raw("SELECT a.employee_no, " + s.dateText("d.date") + " AS d, d.status, d.late_minutes, d.early_leave_minutes FROM attendance_days d JOIN agents a ON a.id = d.agent_id ORDER BY a.employee_no, d.date").Scan(&got).Error; err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Fatalf("shift %d: %d days stored, want %d", shift, len(got), len(want))
				}
				for i, w := range want {
					g := got[i]
					if g.EmployeeNo != w.EmployeeNo || g.D != w.Day.Date.String() || g.Status != string(w.Day.Status) || g.LateMinutes != w.Day.LateMinutes || g.EarlyLeaveMinutes != w.Day.EarlyLeaveMinutes {
						t.Fatalf("shift %d: day %d stored as %+v, want %+v", shift, i, g, w)
					}
				}
			}
		})
	}
}

// Rule: the rows of an agent-year without stored rows are not compared
// with stored ones, so a day given twice to the store in one import (the
// reader refuses it in a file) in two chunks refuses the whole import
// instead of being summarised twice: nothing is written, neither days nor
// summaries.
func TestFreshYearSameDayTwiceRefused(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
			a := mustAgent(t, s, "D1", nil)
			day := func(line int, d string) models.AttendanceRow {
				return models.AttendanceRow{Line: line, EmployeeNo: a.EmployeeNo, Day: models.AttendanceDay{Date: models.MustDate(d), Status: models.Present}}
			}
			rows := []models.AttendanceRow{day(2, "2025-03-02"), day(3, "2025-03-03"), day(4, "2025-03-02")}
			if _, err := s.ImportAttendanceStream(hr, ImportSource{File: "att.csv"}, chunked(rows, 2), nil); err == nil {
				t.Fatal("the same day twice was imported")
			}
			var days, sums int64
			if err := s.db.Raw("SELECT COUNT(*) FROM attendance_days").Scan(&days).Error; err != nil {
				t.Fatal(err)
			}
			if err := s.db.Raw("SELECT COUNT(*) FROM attendance_summaries").Scan(&sums).Error; err != nil {
				t.Fatal(err)
			}
			if days != 0 || sums != 0 {
				t.Fatalf("%d days and %d summaries kept after a refused import", days, sums)
			}
		})
	}
}

// Rule: a weekly import stores each report's values exactly, whether its
// chunk is written packed (SQLite: agent, interactions and rating in one
// bound integer) or unpacked (a chunk with interactions past the packing,
// and PostgreSQL): interactions none, 0 and large, ratings none and 1–5,
// read back report by report.
func TestWeeklyImportPackedRowsExact(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
			a := mustAgent(t, s, "W1", nil)
			b := mustAgent(t, s, "W2", nil)
			var want []models.WeeklyRow
			for i, ws := 0, models.MustDate("2020-01-05"); i < 300; i, ws = i+1, ws.AddDays(7) {
				ag := a
				if i%2 == 1 {
					ag = b
				}
				rep := models.WeeklyReport{WeekStart: ws, SubmittedOn: ws.AddDays(i % 11), Summary: fmt.Sprintf("week %d", i)}
				if i%3 > 0 {
					n := []int{0, 1, 77, packInteractions}[i%4]
					if i == 250 {
						n = packInteractions + 1 // does not fit: its chunk is written unpacked
					}
					rep.Interactions = &n
				}
				if i%6 > 0 {
					r := 1 + i%5
					rep.Rating = &r
				}
				want = append(want, models.WeeklyRow{Line: len(want) + 2, EmployeeNo: ag.EmployeeNo, Report: rep})
			}
			if _, err := s.ImportWeeklyStream(hr, ImportSource{File: "weekly.csv"}, chunked(want, 100), nil); err != nil {
				t.Fatal(err)
			}
			var got []struct {
				EmployeeNo   string
				W, S         string
				Interactions *int
				Rating       *int
				Summary      string
			}
			if err := s.db.Raw("SELECT a.employee_no, " + s.dateText("r.week_start") + " AS w, " + s.dateText("r.submitted_on") + " AS s, r.interactions, r.rating, r.summary FROM weekly_reports r JOIN agents a ON a.id = r.agent_id ORDER BY r.week_start").Scan(&got).Error; err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d reports stored, want %d", len(got), len(want))
			}
			str := func(p *int) string {
				if p == nil {
					return "none"
				}
				return fmt.Sprint(*p)
			}
			for i, w := range want {
				g, r := got[i], w.Report
				if g.EmployeeNo != w.EmployeeNo || g.W != r.WeekStart.String() || g.S != r.SubmittedOn.String() || str(g.Interactions) != str(r.Interactions) ||
					str(g.Rating) != str(r.Rating) || g.Summary != r.Summary {
					t.Fatalf("report %d stored as %s %s %s interactions %s rating %s %q, want %s %s %s interactions %s rating %s %q", i,
						g.EmployeeNo, g.W, g.S, str(g.Interactions), str(g.Rating), g.Summary,
						w.EmployeeNo, r.WeekStart, r.SubmittedOn, str(r.Interactions), str(r.Rating), r.Summary)
				}
			}
		})
	}
}
