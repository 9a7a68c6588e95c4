package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"sullam/models"
)

// weeklyRows returns n weekly reports of employee no, one a week from the
// first Sunday of 2020, on lines from first.
func weeklyRows(no string, n, first int) []models.WeeklyRow {
	rows := make([]models.WeeklyRow, n)
	w := models.MustDate("2020-01-05")
	for i := range rows {
		rating, inter := 1+i%5, 100+i
		rows[i] = models.WeeklyRow{Line: first + i, EmployeeNo: no, Report: models.WeeklyReport{
			WeekStart: w.AddDays(7 * i), SubmittedOn: w.AddDays(7*i + 5), Rating: &rating, Interactions: &inter, Summary: "تقرير " + no}}
	}
	return rows
}

// Rule: a streamed weekly-reports import is all or nothing and reports every
// bad row, sorted by line: an unknown employee, an agent outside a
// supervisor's team, a change to a week of a finalized year and the rows the reader refused,
// in any chunk. A good file is stored whole with what each row holds: the
// file's columns, and the texts and rating a report entered in the app (or
// the demo) has.
func TestImportWeeklyStream(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			sup := mustAgent(t, s, "S1", nil)
			mustAgent(t, s, "E1", &sup.ID)
			mustAgent(t, s, "E2", nil)
			hr := SystemActor("test")
			count := func() int64 {
				var n int64
				if err := s.db.Model(&models.WeeklyReport{}).Count(&n).Error; err != nil {
					t.Fatal(err)
				}
				return n
			}
			rows := append(weeklyRows("E1", 1200, 2), weeklyRows("E2", 300, 1202)...)
			// one report with the texts of the app: written through the other statement
			by := sup.ID
			rows[700].Report.TasksDone, rows[700].Report.RatingComment, rows[700].Report.RatedBy = "مهام", "جيد", &by
			res, err := s.ImportWeeklyStream(hr, ImportSource{File: "a.csv"}, feed(rows, 500, nil, nil), nil)
			if err != nil || res.Inserted != len(rows) {
				t.Fatalf("good file: %+v, %v; want %d inserted", res, err, len(rows))
			}
			if n := count(); n != int64(len(rows)) {
				t.Fatalf("after a good file, %d reports are stored, want %d", n, len(rows))
			}
			var got []models.WeeklyReport
			if err := s.db.Order("id").Find(&got).Error; err != nil {
				t.Fatalf("read reports back: %v", err)
			}
			for _, i := range []int{0, 700, 1499} {
				g, w := got[i], rows[i].Report
				if g.WeekStart != w.WeekStart || g.SubmittedOn != w.SubmittedOn || *g.Rating != *w.Rating ||
					*g.Interactions != *w.Interactions || g.Summary != w.Summary || g.TasksDone != w.TasksDone ||
					g.RatingComment != w.RatingComment || (g.RatedBy == nil) != (w.RatedBy == nil) || g.Version != 1 || g.CreatedAt.IsZero() {
					t.Errorf("row %d stored as %+v, want %+v", i, g, w)
				}
			}

			// a second file: a stored week of a finalized year that the
			// file changes (line 9003), an unknown agent (9004) in the last
			// chunk, and a row the reader refused (9001)
			again := weeklyRows("E1", 1250, 8000) // weeks 1200–1249 are new
			again = again[1199:]                  // line 9199 is week 1199, stored
			again[0].Line = 9003
			one := 1
			again[0].Report.Rating = &one // was 1 + 1199%5 = 5
			if *rows[1199].Report.Rating == one {
				t.Fatal("the test's edit changes nothing")
			}
			var e1 models.Agent
			s.db.Where("employee_no = ?", "E1").First(&e1)
			year := again[0].Report.WeekStart.Year
			ev := models.Evaluation{AgentID: e1.ID, Year: year, PolicyVersion: 1, InputsDigest: "x", FinalizedAt: s.now(), FinalizedBy: 1}
			if err := s.db.Omit("Agent").Create(&ev).Error; err != nil {
				t.Fatal(err)
			}
			again = append(again, weeklyRows("E9", 1, 9004)...)
			refused := []models.RowError{{Line: 9001, Column: "week_start", Reason: "must be a Sunday"}}
			_, err = s.ImportWeeklyStream(hr, ImportSource{File: "b.csv"}, feed(again, 20, refused, nil), nil)
			var ie *models.ImportError
			if !errors.As(err, &ie) || len(ie.Rows) != 3 || ie.Rows[0].Line != 9001 || ie.Rows[1].Line != 9003 || ie.Rows[2].Line != 9004 ||
				ie.Rows[1].Column != "week_start" || ie.Rows[2].Column != "employee_no" {
				t.Fatalf("bad file: err = %v, want lines 9001, 9003 (week_start) and 9004 (employee_no)", err)
			}
			if !strings.Contains(ie.Rows[1].Reason, fmt.Sprintf("the %d evaluation of E1 is finalized", year)) || !strings.Contains(ie.Rows[1].Reason, "reopen") {
				t.Errorf("line 9003: %q, want the finalized year and how to reopen it", ie.Rows[1].Reason)
			}
			s.db.Delete(&ev)
			if n := count(); n != int64(len(rows)) {
				t.Errorf("after a bad file, %d reports are stored, want %d", n, len(rows))
			}

			// a supervisor imports for their own team only
			boss := Actor{Username: "s1", Roles: []models.Role{models.RoleSupervisor}, AgentID: &sup.ID}
			mine := weeklyRows("E1", 1210, 2)[1200:]
			theirs := weeklyRows("E2", 310, 2)[300:]
			_, err = s.ImportWeeklyStream(boss, ImportSource{File: "c.csv"}, feed(append(mine, theirs...), 4, nil, nil), nil)
			if !errors.As(err, &ie) || len(ie.Rows) != 10 || ie.Rows[0].Reason != "this agent is not in your team" {
				t.Fatalf("other team: err = %v, want 10 rows not in the team", err)
			}
			if res, err := s.ImportWeeklyStream(boss, ImportSource{File: "d.csv"}, feed(mine, 4, nil, nil), nil); err != nil || res.Inserted != 10 {
				t.Fatalf("own team: %+v, %v; want 10 inserted", res, err)
			}
		})
	}
}
