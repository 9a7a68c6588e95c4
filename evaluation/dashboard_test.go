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

// TestReadinessTally: the manager dashboard counts agents by readiness
// status and lists the ready ones and the overdue ones (an agent ready and
// overdue is in both lists; an overdue agent not ready only in the second),
// each in the board's order.
func TestReadinessTally(t *testing.T) {
	type agent struct {
		name string
		rd   scoring.Readiness
	}
	rs := []agent{
		{"Amal", scoring.Readiness{Status: models.Ready}},
		{"Badr", scoring.Readiness{Status: models.NotReady, Overdue: true}},
		{"Sami", scoring.Readiness{Status: models.Ready, Overdue: true}},
		{"Zaid", scoring.Readiness{Status: models.InsufficientData}},
		{"Huda", scoring.Readiness{Status: models.NotReady}},
	}
	counts, ready, overdue := ReadinessTally(rs, func(a agent) scoring.Readiness { return a.rd })
	wantCounts := map[models.ReadinessStatus]int{models.Ready: 2, models.NotReady: 2, models.InsufficientData: 1}
	if !reflect.DeepEqual(counts, wantCounts) {
		t.Errorf("counts %v, want %v", counts, wantCounts)
	}
	names := func(as []agent) (out []string) {
		for _, a := range as {
			out = append(out, a.name)
		}
		return out
	}
	if got := names(ready); !reflect.DeepEqual(got, []string{"Amal", "Sami"}) {
		t.Errorf("ready %v, want [Amal Sami]", got)
	}
	if got := names(overdue); !reflect.DeepEqual(got, []string{"Badr", "Sami"}) {
		t.Errorf("overdue %v, want [Badr Sami]", got)
	}
	counts, ready, overdue = ReadinessTally([]agent(nil), func(a agent) scoring.Readiness { return a.rd })
	if counts == nil || len(counts) != 0 || ready != nil || overdue != nil {
		t.Errorf("no agents: %v %v %v; want an empty count map and no lists", counts, ready, overdue)
	}
}

// TestTeamMeans: the manager dashboard's trend gives each team its mean
// complete annual score per year, rounded half up to the cent, with the
// number of agents; a team with a score in some year has a zero entry for
// the others; no scores, no teams.
func TestTeamMeans(t *testing.T) {
	tm := NewTeamMeans(3)
	tm.Add("A", 0, 8000)
	tm.Add("A", 0, 8001)
	tm.Add("A", 2, 9000)
	tm.Add("B", 1, 7000)
	tm.Add("B", 1, 7001)
	tm.Add("B", 1, 7001)
	want := map[string][]TeamMean{
		"A": {{Mean: 8001, N: 2}, {}, {Mean: 9000, N: 1}},
		"B": {{}, {Mean: 7001, N: 3}, {}},
	}
	if got := tm.Means(); !reflect.DeepEqual(got, want) {
		t.Errorf("Means = %v, want %v", got, want)
	}
	if got := NewTeamMeans(4).Means(); got == nil || len(got) != 0 {
		t.Errorf("no scores: %v, want an empty map", got)
	}
}
