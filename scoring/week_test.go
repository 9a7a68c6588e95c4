package scoring

import (
	"slices"
	"testing"
	"time"

	"sullam/models"
)

// TestDayNumber: the allocation-free day arithmetic agrees with models.Date
// (time package) on every day of 1899–2101, and so does the week start.
func TestDayNumber(t *testing.T) {
	epoch := models.NewDate(1970, time.January, 1)
	for day := models.NewDate(1899, 1, 1); day.Year <= 2101; day = day.AddDays(1) {
		n := dayNum(day)
		if want := epoch.DaysUntil(day); n != want {
			t.Fatalf("dayNum(%s) = %d, want %d", day, n, want)
		}
		if got, want := weekStartNum(n), dayNum(day.WeekStart()); got != want {
			t.Fatalf("weekStartNum(%s) = %d, want %d (%s)", day, got, want, day.WeekStart())
		}
	}
}

func TestWeekSet(t *testing.T) {
	tests := []struct {
		rule  string
		year  int
		dates []models.Date
		want  []models.Date
	}{
		{"a date stands for its week (Sunday on or before it)", 2025,
			[]models.Date{d("2025-03-05"), d("2025-03-02"), d("2025-03-08")}, []models.Date{d("2025-03-02")}},
		{"§3 the week starting Sun 28 Dec of Y is a week of Y even for a date in Y+1", 2025,
			[]models.Date{d("2026-01-01")}, []models.Date{d("2025-12-28")}},
		{"§3 early January of Y in a week that started in Y−1 is not a week of Y", 2025,
			[]models.Date{d("2025-01-02"), d("2024-12-29")}, nil},
		{"week starting on 1 January is in Y", 2023,
			[]models.Date{d("2023-01-01")}, []models.Date{d("2023-01-01")}},
		{"weeks of other years are ignored", 2025,
			[]models.Date{d("2026-01-05"), d("2023-06-01"), d("2025-06-04")}, []models.Date{d("2025-06-01")}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			s := NewWeekSet(tt.year, tt.dates...)
			if got := s.Dates(); !slices.Equal(got, tt.want) {
				t.Errorf("Dates() = %v, want %v", got, tt.want)
			}
			if s.Len() != len(tt.want) {
				t.Errorf("Len() = %d, want %d", s.Len(), len(tt.want))
			}
			for _, w := range tt.want {
				if !s.Has(w) || !s.Has(w.AddDays(6)) {
					t.Errorf("Has(%s) or Has(%s) = false", w, w.AddDays(6))
				}
				if s.Has(w.AddDays(-1)) && !slices.Contains(tt.want, w.AddDays(-7)) {
					t.Errorf("Has(%s) = true for the week before", w.AddDays(-1))
				}
			}
		})
	}
	// A year holds 52 or 53 week starts, and the set holds all of them.
	for year, want := range map[int]int{2022: 52, 2023: 53, 2024: 52, 2025: 52, 2028: 53} {
		var all []models.Date
		for day := models.NewDate(year-1, 12, 20); day.Year <= year+1 && day.Month == 1 || day.Year <= year; day = day.AddDays(1) {
			all = append(all, day)
		}
		s := NewWeekSet(year, all...)
		if s.Len() != want {
			t.Errorf("year %d: %d weeks, want %d", year, s.Len(), want)
		}
		for _, w := range s.Dates() {
			if w.Year != year || w.Weekday() != time.Sunday {
				t.Errorf("year %d: week start %s", year, w)
			}
		}
	}
}
