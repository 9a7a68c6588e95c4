package evaluation

import (
	"errors"
	"reflect"
	"testing"

	"sullam/models"
	"sullam/scoring"
)

// TestWeekAllowed states which weeks a new weekly report may be filed for.
func TestWeekAllowed(t *testing.T) {
	today := models.MustDate("2026-03-11") // a Wednesday; this week starts Sunday 8 March
	for _, c := range []struct {
		name       string
		hire, week models.Date
		today      models.Date
		key        string // "" allowed, else the refusal's translation key
	}{
		{"this week", models.Date{}, models.MustDate("2026-03-08"), today, ""},
		{"a past week of the year", models.Date{}, models.MustDate("2026-01-04"), today, ""},
		{"not a Sunday", models.Date{}, models.MustDate("2026-03-09"), today, "error.week_not_sunday"},
		{"a future week", models.Date{}, models.MustDate("2026-03-15"), today, "error.week_future"},
		{"a week of last year", models.Date{}, models.MustDate("2025-12-21"), today, "error.week_other_year"},
		{"early January: the week just ended may start last year", models.Date{}, models.MustDate("2025-12-28"), models.MustDate("2026-01-05"), ""},
		{"early January: this week may start last year", models.Date{}, models.MustDate("2025-12-28"), models.MustDate("2026-01-01"), ""},
		{"early January: two weeks back is last year", models.Date{}, models.MustDate("2025-12-21"), models.MustDate("2026-01-05"), "error.week_other_year"},
		{"the hire week is allowed (hired midweek)", models.MustDate("2026-02-04"), models.MustDate("2026-02-01"), today, ""},
		{"before the hire week", models.MustDate("2026-02-04"), models.MustDate("2026-01-25"), today, "error.week_before_hire"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := WeekAllowed(c.hire, c.week, c.today)
			if c.key == "" {
				if err != nil {
					t.Fatalf("WeekAllowed(%s) = %v, want allowed", c.week, err)
				}
				return
			}
			p, ok := models.AsProblem(err)
			if !ok || p.Key != c.key || !errors.Is(err, models.ErrInvalid) {
				t.Errorf("WeekAllowed(%s) = %v, want the invalid problem %s", c.week, err, c.key)
			}
		})
	}
}

// TestOpenWeeks: this week and the past weeks of the year with no report,
// newest first, from the hire week; late after the on-time days; on a
// Sunday the week just ended comes first when it is open.
func TestOpenWeeks(t *testing.T) {
	d := models.MustDate
	policy := scoring.DefaultPolicy()
	policy.OnTimeDays = 7
	for _, c := range []struct {
		name  string
		hire  models.Date
		today models.Date
		done  []models.Date
		want  []WeekChoice
	}{
		{"Wednesday: this week first, then the open past weeks; a reported week is left out",
			d("2026-01-20"), d("2026-02-11"), []models.Date{d("2026-02-01")},
			[]WeekChoice{{d("2026-02-08"), false}, {d("2026-01-25"), true}, {d("2026-01-18"), true}}},
		{"on time through week start + on-time days, late after",
			d("2026-02-01"), d("2026-02-08"), nil,
			[]WeekChoice{{d("2026-02-01"), false}, {d("2026-02-08"), false}}},
		{"Sunday: the week just ended is the default when open",
			d("2026-01-20"), d("2026-02-08"), nil,
			[]WeekChoice{{d("2026-02-01"), false}, {d("2026-02-08"), false}, {d("2026-01-25"), true}, {d("2026-01-18"), true}}},
		{"Sunday with the week just ended reported: this week first",
			d("2026-01-20"), d("2026-02-08"), []models.Date{d("2026-02-01")},
			[]WeekChoice{{d("2026-02-08"), false}, {d("2026-01-25"), true}, {d("2026-01-18"), true}}},
		{"everything reported: nothing open",
			d("2026-02-02"), d("2026-02-04"), []models.Date{d("2026-02-01")}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			done := map[models.Date]bool{}
			for _, w := range c.done {
				done[w] = true
			}
			if got := OpenWeeks(c.hire, c.today, done, policy); !reflect.DeepEqual(got, c.want) {
				t.Errorf("OpenWeeks = %v\nwant %v", got, c.want)
			}
		})
	}
}

// TestMissingWeeks: the weeks of the attendance days in the year with no
// report, each once, newest first; a day whose week starts in the year
// before does not count.
func TestMissingWeeks(t *testing.T) {
	d := models.MustDate
	days := []models.Date{d("2026-01-01"), d("2026-01-05"), d("2026-01-06"), d("2026-01-12"), d("2026-01-20"), d("2026-01-27")}
	have := []models.Date{d("2026-01-11")}
	want := []models.Date{d("2026-01-25"), d("2026-01-18"), d("2026-01-04")}
	if got := MissingWeeks(days, have, 2026); !reflect.DeepEqual(got, want) {
		t.Errorf("MissingWeeks = %v, want %v (1 January's week starts in 2025)", got, want)
	}
	if got := MissingWeeks(nil, have, 2026); got != nil {
		t.Errorf("no attendance: %v, want none", got)
	}
}
