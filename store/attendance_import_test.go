package store

import (
	"testing"

	"sullam/models"
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
			day, found, err := s.AttendanceOn(hr, ag.ID, replaced)
			if err != nil || !found || day.LateMinutes != 30 {
				t.Errorf("day %s = %+v, %v, %v; want late 30 (replaced)", replaced, day, found, err)
			}
			kept := first[0].Day.Date
			day, found, err = s.AttendanceOn(hr, ag.ID, kept)
			if err != nil || !found || day.LateMinutes != 0 {
				t.Errorf("day %s = %+v, %v, %v; want late 0 (kept)", kept, day, found, err)
			}
		})
	}
}
