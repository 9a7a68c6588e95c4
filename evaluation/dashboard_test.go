package evaluation

import (
	"reflect"
	"testing"

	"sullam/models"
	"sullam/scoring"
)

// TestNameCounts: counts sorted by count descending, ties by name.
func TestNameCounts(t *testing.T) {
	got := NameCounts(map[string]int{"Sami": 2, "Amal": 5, "Badr": 2, "Zaid": 1})
	want := []NameCount{{"Amal", 5}, {"Badr", 2}, {"Sami", 2}, {"Zaid", 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NameCounts = %v, want %v", got, want)
	}
	if got := NameCounts(nil); len(got) != 0 {
		t.Errorf("no counts: %v", got)
	}
}

// TestMeanCents: a team's mean score rounds half up to the cent.
func TestMeanCents(t *testing.T) {
	for _, c := range []struct {
		sum, n int64
		want   scoring.Cents
	}{
		{9000, 1, 9000}, {8001 + 8000, 2, 8001}, {8000 + 8000 + 8001, 3, 8000}, {1 + 2, 2, 2}, {7999 + 8000, 2, 8000},
	} {
		if got := MeanCents(c.sum, c.n); got != c.want {
			t.Errorf("MeanCents(%d, %d) = %d, want %d", c.sum, c.n, got, c.want)
		}
	}
}

// TestTrendYears: the trend's years end with the last complete year, oldest
// first.
func TestTrendYears(t *testing.T) {
	if got := TrendYears(2025, 4); !reflect.DeepEqual(got, []int{2022, 2023, 2024, 2025}) {
		t.Errorf("TrendYears(2025, 4) = %v", got)
	}
}

// TestMonth: the quality dashboard's month runs from its first to its last
// day, leap years included.
func TestMonth(t *testing.T) {
	for _, c := range []struct{ asOf, from, to string }{
		{"2024-02-15", "2024-02-01", "2024-02-29"},
		{"2025-02-01", "2025-02-01", "2025-02-28"},
		{"2025-12-31", "2025-12-01", "2025-12-31"},
	} {
		from, to := Month(models.MustDate(c.asOf))
		if from.String() != c.from || to.String() != c.to {
			t.Errorf("Month(%s) = %s..%s, want %s..%s", c.asOf, from, to, c.from, c.to)
		}
	}
}
