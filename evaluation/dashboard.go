package evaluation

import (
	"sort"

	"sullam/models"
	"sullam/scoring"
)

// NameCount is a count with its label.
type NameCount struct {
	Name  string
	Count int
}

// NameCounts lists the counts of m sorted by count descending, then name.
func NameCounts(m map[string]int) []NameCount {
	out := make([]NameCount, 0, len(m))
	for k, v := range m {
		out = append(out, NameCount{Name: k, Count: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// MeanCents is the mean of n scores summing to sum, rounded half up to the
// cent; n must be positive.
func MeanCents(sum, n int64) scoring.Cents { return scoring.Cents((sum + n/2) / n) }

// TrendYears are the n years ending with last, oldest first.
func TrendYears(last, n int) []int {
	out := make([]int, 0, n)
	for y := last - n + 1; y <= last; y++ {
		out = append(out, y)
	}
	return out
}

// Month is the first and the last day of asOf's month.
func Month(asOf models.Date) (from, to models.Date) {
	from = models.NewDate(asOf.Year, asOf.Month, 1)
	return from, models.DateOf(from.Time().AddDate(0, 1, -1))
}

// ReadinessTally is the manager dashboard's readiness summary of rs: how
// many agents are in each readiness status, and, in rs's order, those
// ready for promotion and those overdue (an agent may be both); readiness
// gives an element's readiness.
func ReadinessTally[T any](rs []T, readiness func(T) scoring.Readiness) (counts map[models.ReadinessStatus]int, ready, overdue []T) {
	counts = map[models.ReadinessStatus]int{}
	for _, r := range rs {
		rd := readiness(r)
		counts[rd.Status]++
		if rd.Status == models.Ready {
			ready = append(ready, r)
		}
		if rd.Overdue {
			overdue = append(overdue, r)
		}
	}
	return counts, ready, overdue
}

// TeamMean is a team's mean annual score in one year over N agents (N 0:
// no complete score that year).
type TeamMean struct {
	Mean scoring.Cents
	N    int
}

// TeamMeans is the manager dashboard's trend of team means: complete
// annual scores summed by team for each of the trend's years (by index,
// oldest first). Its zero value is not ready: use NewTeamMeans.
type TeamMeans struct {
	years int
	sums  map[string][]TeamMean // Mean holds the sum until Means
}

// NewTeamMeans returns an empty trend of years years.
func NewTeamMeans(years int) *TeamMeans {
	return &TeamMeans{years: years, sums: map[string][]TeamMean{}}
}

// Add counts an agent's complete annual score of the year at index year in
// their team.
func (t *TeamMeans) Add(team string, year int, score scoring.Cents) {
	if t.sums[team] == nil {
		t.sums[team] = make([]TeamMean, t.years)
	}
	t.sums[team][year].Mean += score
	t.sums[team][year].N++
}

// Means is each team's mean per year, rounded half up to the cent
// (MeanCents); a team is listed once it has a score in any year, its other
// years are zero TeamMeans.
func (t *TeamMeans) Means() map[string][]TeamMean {
	out := make(map[string][]TeamMean, len(t.sums))
	for team, ys := range t.sums {
		means := make([]TeamMean, len(ys))
		for i, s := range ys {
			if s.N > 0 {
				means[i] = TeamMean{Mean: MeanCents(int64(s.Mean), int64(s.N)), N: s.N}
			}
		}
		out[team] = means
	}
	return out
}
