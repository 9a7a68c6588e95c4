package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"sullam/models"
	"sullam/scoring"
)

// attendanceRows returns n present days of agent no from 2024-01-01 on, late
// by late minutes, with lines from 2.
func attendanceRows(no string, n, late int) []models.AttendanceRow {
	rows := make([]models.AttendanceRow, n)
	d := models.MustDate("2024-01-01")
	for i := range rows {
		rows[i] = models.AttendanceRow{Line: i + 2, EmployeeNo: no,
			Day: models.AttendanceDay{Date: d.AddDays(i), Status: models.Present, LateMinutes: late}}
	}
	return rows
}

// Rule: an attendance import inserts new (agent, date) pairs and replaces
// stored ones, and reports how many rows were inserted and how many updated,
// across more rows than one batch and on every backend.
func TestImportAttendanceCountsAndReplaces(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			ag := mustAgent(t, s, "E1", nil)
			other := mustAgent(t, s, "E2", nil)
			hr := SystemActor("test")
			first := append(attendanceRows("E1", attendanceBatch+7, 0), attendanceRows("E2", 3, 0)...)
			res, err := s.ImportAttendance(hr, ImportSource{File: "a.csv"}, first, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Inserted != len(first) || res.Updated != 0 {
				t.Errorf("first import = %+v, want %d inserted, 0 updated", res, len(first))
			}
			// 20 stored days again, later, and 5 new ones after them.
			second := attendanceRows("E1", attendanceBatch+7+5, 30)[attendanceBatch-13:]
			var done, total int
			res, err = s.ImportAttendance(hr, ImportSource{File: "b.csv"}, second, func(d, t int) { done, total = d, t })
			if err != nil {
				t.Fatal(err)
			}
			if res.Inserted != 5 || res.Updated != 20 {
				t.Errorf("second import = %+v, want 5 inserted, 20 updated", res)
			}
			if done != len(second) || total != len(second) {
				t.Errorf("progress ended at %d of %d, want %d of %d", done, total, len(second), len(second))
			}
			var n int64
			if err := s.db.Model(&models.AttendanceDay{}).Where("agent_id = ?", ag.ID).Count(&n).Error; err != nil || n != attendanceBatch+7+5 {
				t.Errorf("E1 has %d days (%v), want %d", n, err, attendanceBatch+7+5)
			}
			if err := s.db.Model(&models.AttendanceDay{}).Where("agent_id = ?", other.ID).Count(&n).Error; err != nil || n != 3 {
				t.Errorf("E2 has %d days (%v), want 3", n, err)
			}
			replaced := second[0].Day.Date
			day, found, err := s.Work().AttendanceOn(t.Context(), hr, ag.ID, replaced)
			if err != nil || !found || day.LateMinutes != 30 {
				t.Errorf("day %s = %+v, %v, %v; want late 30 (replaced)", replaced, day, found, err)
			}
			kept := first[0].Day.Date
			day, found, err = s.Work().AttendanceOn(t.Context(), hr, ag.ID, kept)
			if err != nil || !found || day.LateMinutes != 0 {
				t.Errorf("day %s = %+v, %v, %v; want late 0 (kept)", kept, day, found, err)
			}
		})
	}
}

// feed streams rows in chunks of size n, then reports refused and readErr.
func feed[T any](rows []T, n int, refused []models.RowError, readErr error) Feed[T] {
	ch := make(chan []T)
	go func() {
		defer close(ch)
		for start := 0; start < len(rows); start += n {
			ch <- rows[start:min(start+n, len(rows))]
		}
	}()
	return Feed[T]{Chunks: ch, End: func() ([]models.RowError, error) { return refused, readErr }, Total: len(rows)}
}

// Rule: a streamed attendance import is all or nothing. Rows the reader
// refused, an unknown employee number in any chunk, or a file that could
// not be read leave the database as it was, even when chunks were already
// written; every bad row is reported, the reader's and the store's, sorted
// by line; and the chunks are read to the end so the reader never blocks.
func TestImportAttendanceStreamAllOrNothing(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			mustAgent(t, s, "E1", nil)
			hr := SystemActor("test")
			count := func() int64 {
				var n int64
				if err := s.db.Model(&models.AttendanceDay{}).Count(&n).Error; err != nil {
					t.Fatal(err)
				}
				return n
			}
			rows := attendanceRows("E1", 2*attendanceBatch+10, 0)
			// the reader refused line 5000 after every row was handed on
			refused := []models.RowError{{Line: 5000, Column: "status", Value: "sick", Reason: "must be present, absent, leave or holiday"}}
			_, err := s.ImportAttendanceStream(hr, ImportSource{File: "a.csv"}, feed(rows, 700, refused, nil), nil)
			var ie *models.ImportError
			if !errors.As(err, &ie) || len(ie.Rows) != 1 || ie.Rows[0].Line != 5000 {
				t.Fatalf("refused row: err = %v, want an import error for line 5000", err)
			}
			if n := count(); n != 0 {
				t.Errorf("after a refused row, %d days are stored, want 0", n)
			}
			// an unknown agent in the last chunk, and a refused row before it
			bad := append(attendanceRows("E1", 1500, 0), attendanceRows("E9", 2, 0)...)
			bad[1500].Line, bad[1501].Line = 1600, 1601
			refused = []models.RowError{{Line: 3, Column: "date", Reason: "no such date"}}
			_, err = s.ImportAttendanceStream(hr, ImportSource{File: "b.csv"}, feed(bad, 500, refused, nil), nil)
			if !errors.As(err, &ie) || len(ie.Rows) != 3 || ie.Rows[0].Line != 3 || ie.Rows[1].Line != 1600 || ie.Rows[2].Line != 1601 ||
				ie.Rows[1].Column != "employee_no" {
				t.Fatalf("unknown agent: err = %v, want lines 3, 1600 and 1601", err)
			}
			if n := count(); n != 0 {
				t.Errorf("after an unknown agent, %d days are stored, want 0", n)
			}
			// a file that is not a table
			readErr := errors.New("read c.csv: empty file: no header row")
			if _, err := s.ImportAttendanceStream(hr, ImportSource{File: "c.csv"}, feed(rows[:10], 5, nil, readErr), nil); !errors.Is(err, readErr) {
				t.Fatalf("unreadable file: err = %v, want %v", err, readErr)
			}
			if n := count(); n != 0 {
				t.Errorf("after an unreadable file, %d days are stored, want 0", n)
			}
			// a role that may not import: refused, and the feed still drained
			if _, err := s.ImportAttendanceStream(Actor{}, ImportSource{File: "d.csv"}, feed(rows, 100, nil, nil), nil); !errors.Is(err, models.ErrForbidden) {
				t.Fatalf("no role: err = %v, want ErrForbidden", err)
			}
			// and a good file is stored whole
			res, err := s.ImportAttendanceStream(hr, ImportSource{File: "e.csv"}, feed(rows, 700, nil, nil), nil)
			if err != nil || res.Inserted != len(rows) {
				t.Fatalf("good file: %+v, %v; want %d inserted", res, err, len(rows))
			}
			if n := count(); n != int64(len(rows)) {
				t.Errorf("after a good file, %d days are stored, want %d", n, len(rows))
			}
		})
	}
}

// Rule: ids reserved for a bulk insert are new: above every stored id and
// above the id of a row deleted since (neither SQLite's AUTOINCREMENT nor a
// PostgreSQL sequence gives an id twice), distinct and in order.
func TestReserveIDsAreNew(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			ag := mustAgent(t, s, "E1", nil)
			var last models.Review
			for i := 0; i < 3; i++ {
				last = models.Review{AgentID: ag.ID, ReviewDate: models.MustDate("2024-06-01").AddDays(i), Version: 1}
				if err := s.db.Create(&last).Error; err != nil {
					t.Fatal(err)
				}
			}
			if err := s.db.Delete(&models.Review{}, last.ID).Error; err != nil {
				t.Fatal(err)
			}
			ids, err := s.reserveIDs(s.db, "reviews", 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != 3 || ids[0] <= last.ID || ids[1] <= ids[0] || ids[2] <= ids[1] {
				t.Errorf("reserved %v after deleting #%d, want 3 increasing ids above it", ids, last.ID)
			}
		})
	}
}

// Rule: audits and reviews imports write parents and children with reserved
// ids on every backend: every row and its answers or ratings are stored,
// each answer against its own item and each rating against its own
// competency, and an audit or review entered afterwards gets an id of its own.
func TestImportAuditsAndReviewsIDs(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t, WithClock(func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }))
			sup := mustAgent(t, s, "S1", nil)
			ag := mustAgent(t, s, "E1", &sup.ID)
			sys := SystemActor("test")
			form := latestForm(t, s, sys, scoring.DefaultAuditFormCode)
			// each audit answers its items differently: one fail, one na
			answerOf := func(audit, item int) models.Answer {
				switch item {
				case audit:
					return models.Fail
				case audit + 1:
					return models.NA
				}
				return models.Pass
			}
			var audits []models.AuditRow
			for i := range 3 {
				answers := map[string]models.Answer{}
				for j, it := range form.Items {
					answers[strings.ToUpper(it.Code)] = answerOf(i, j)
				}
				audits = append(audits, models.AuditRow{Line: i + 2, EmployeeNo: "E1", FormCode: form.Code, Answers: answers,
					Audit: models.Audit{Ref: fmt.Sprintf("IMP-%d", i), AuditDate: models.MustDate("2026-03-01").AddDays(i), Channel: models.Phone}})
			}
			if _, err := s.ImportAudits(sys, ImportSource{File: "a.csv"}, audits); err != nil {
				t.Fatal(err)
			}
			comps, err := s.Competencies(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			ratings := map[string]int{}
			for j, c := range comps {
				ratings[strings.ToUpper(c.Code)] = 1 + j%5
			}
			reviews := []models.ReviewRow{{Line: 2, EmployeeNo: "E1", ReviewerNo: "S1", Ratings: ratings,
				Review: models.Review{ReviewDate: models.MustDate("2026-06-30"), Period: "2026-Q2"}}}
			if _, err := s.ImportReviews(sys, ImportSource{File: "r.csv"}, reviews); err != nil {
				t.Fatal(err)
			}
			var nAudits, nAnswers, nReviews, nRatings int64
			s.db.Model(&models.Audit{}).Count(&nAudits)
			s.db.Model(&models.AuditResult{}).Count(&nAnswers)
			s.db.Model(&models.Review{}).Count(&nReviews)
			s.db.Model(&models.ReviewRating{}).Count(&nRatings)
			if nAudits != 3 || nAnswers != int64(3*len(form.Items)) || nReviews != 1 || nRatings != int64(len(comps)) {
				t.Fatalf("stored %d audits, %d answers, %d reviews, %d ratings", nAudits, nAnswers, nReviews, nRatings)
			}
			// every answer and rating stored against its own item and competency
			var stored []struct {
				Ref    string
				ItemID uint
				Answer models.Answer
			}
			s.db.Raw("SELECT a.ref, r.item_id, r.answer FROM audit_results r JOIN audits a ON a.id = r.audit_id").Scan(&stored)
			pos := map[uint]int{}
			for j, it := range form.Items {
				pos[it.ID] = j
			}
			for _, r := range stored {
				var i int
				fmt.Sscanf(r.Ref, "IMP-%d", &i)
				if want := answerOf(i, pos[r.ItemID]); r.Answer != want {
					t.Errorf("audit %s item #%d stored %q, want %q", r.Ref, r.ItemID, r.Answer, want)
				}
			}
			var rated []models.ReviewRating
			s.db.Find(&rated)
			for _, r := range rated {
				if want := ratings[strings.ToUpper(r.CompetencyCode)]; r.Rating != want {
					t.Errorf("competency %s stored %d, want %d", r.CompetencyCode, r.Rating, want)
				}
			}
			au, err := s.Work().EnterAudit(t.Context(), sys, NewAudit{AgentID: ag.ID, FormID: form.ID, Date: models.MustDate("2026-11-20"), Channel: models.Email,
				Answers: allAnswers(form, models.Pass)})
			if err != nil {
				t.Fatalf("an audit entered after the import: %v", err)
			}
			byCode := map[string]int{}
			for _, c := range comps {
				byCode[c.Code] = 5
			}
			rv, err := s.Work().SaveReview(t.Context(), sys, ReviewInput{AgentID: ag.ID, Date: models.MustDate("2026-11-20"), Ratings: byCode})
			if err != nil {
				t.Fatalf("a review entered after the import: %v", err)
			}
			var maxAudit, maxReview uint
			s.db.Model(&models.Audit{}).Where("ref LIKE ?", "IMP-%").Select("MAX(id)").Scan(&maxAudit)
			s.db.Model(&models.Review{}).Where("period = ?", "2026-Q2").Select("MAX(id)").Scan(&maxReview)
			if au.ID <= maxAudit || rv.ID <= maxReview {
				t.Errorf("entered audit #%d after imported #%d, review #%d after #%d: want new ids", au.ID, maxAudit, rv.ID, maxReview)
			}
		})
	}
}
