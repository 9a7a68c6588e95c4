package scoring

import (
	"testing"
	"time"

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

// benchInputs returns one agent-year of typical inputs, as the store passes
// them to Evaluate: an attendance tally from counts, 12 audit scores,
// weekly counts and 2 reviews with the default competencies.
func benchInputs(p Policy, year, seed int) Inputs {
	own := AttendanceCounts{Records: 250, Present: 220 + seed%7, Absent: 10 + seed%3, Leave: 12, Holiday: 8,
		PresentByMinutes: []MinutesDays{{0, 150}, {5, 40}, {20, 30 + seed%7}}}
	for i := uint(0); i < 52; i++ {
		own.WeekBits |= 1 << i
	}
	t := TallyFromCounts(p, year, own, AttendanceCounts{})
	var audits []DatedScore
	for i := 0; i < 12; i++ {
		s, _ := AuditScoreFromWeights(int64(10+(seed+i)%9), 19, i == 7 && seed%5 == 0)
		audits = append(audits, DatedScore{Date: models.NewDate(year, time.Month(1+i), 10), Score: s})
	}
	wc := WeeklyCounts{Year: year, Reports: 50, Rated: 45, RatingSum: 170 + seed%20,
		Delays: map[int]uint64{3: 1<<40 - 1, 9: (1<<50 - 1) &^ (1<<40 - 1)}}
	var reviews []Review
	for i := 0; i < 2; i++ {
		r := map[string]int{}
		for j, c := range p.Competencies {
			r[c.Code] = 1 + (seed+i+j)%5
		}
		reviews = append(reviews, Review{Date: models.NewDate(year, time.Month(6*i+3), 1), Ratings: r})
	}
	return Inputs{Attendance: t, AuditScores: audits, Weekly: &wc, Reviews: reviews}
}

// BenchmarkEvaluate measures scoring 1,000 typical agent-years (the store
// scores 70,000 of them for the promotion board at 10,000 agents x 7 years).
func BenchmarkEvaluate(b *testing.B) {
	p := DefaultPolicy()
	ins := make([]Inputs, 1000)
	for i := range ins {
		ins[i] = benchInputs(p, 2025, i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, in := range ins {
			_ = Evaluate(p, 2025, in)
		}
	}
}

// BenchmarkEvaluateResult measures the board's short path on the same
// 1,000 agent-years as BenchmarkEvaluate.
func BenchmarkEvaluateResult(b *testing.B) {
	p := DefaultPolicy()
	ins := make([]Inputs, 1000)
	for i := range ins {
		ins[i] = benchInputs(p, 2025, i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, in := range ins {
			_ = EvaluateResult(p, 2025, in)
		}
	}
}
