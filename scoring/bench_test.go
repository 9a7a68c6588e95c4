package scoring

import (
	"testing"

	"sullam/models"
)

// BenchmarkAttendanceTally measures streaming one year of attendance of
// 2,000 agents (about 500k rows) through tallies and scoring them.
func BenchmarkAttendanceTally(b *testing.B) {
	p := DefaultPolicy()
	from, _ := TallyRange(2025)
	statuses := []models.AttendanceStatus{models.Present, models.Present, models.Present, models.Present, models.Present,
		models.Present, models.Present, models.Absent, models.Leave, models.Holiday}
	recs := make([]AttendanceRecord, 0, 260)
	for i := 0; len(recs) < 260; i++ {
		day := from.AddDays(i)
		if day.Weekday() >= 5 { // Friday, Saturday
			continue
		}
		recs = append(recs, AttendanceRecord{Date: day, Status: statuses[i%len(statuses)], LateMinutes: i % 30})
	}
	b.ResetTimer()
	for b.Loop() {
		for agent := 0; agent < 2000; agent++ {
			t := NewAttendanceTally(p, 2025)
			for _, r := range recs {
				t.Add(r)
			}
			_ = AttendanceScore(p, t)
		}
	}
}
