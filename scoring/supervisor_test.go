package scoring

import (
	"strings"
	"testing"
)

// deleted marks a competency to remove in ratings' overrides.
const deleted = -100

// ratings gives every default competency the rating r, then applies the
// overrides (deleted removes the competency).
func ratings(r int, overrides map[string]int) map[string]int {
	m := map[string]int{}
	for _, c := range DefaultCompetencies() {
		m[c.Code] = r
	}
	for k, v := range overrides {
		if v == deleted {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	return m
}

func TestReviewScore(t *testing.T) {
	comps := DefaultCompetencies()
	tests := []struct {
		rule    string
		comps   []Competency
		ratings map[string]int
		want    string // exact; "" when an error is wanted
		errHas  string
	}{
		{"§4 all 5 → 100", comps, ratings(5, nil), "100", ""},
		{"§4 all 1 → 20", comps, ratings(1, nil), "20", ""},
		{"§4 100 × Σ rating / (5 × 8): sum 36 → 90", comps, ratings(5, map[string]int{"COMMUNICATION": 1}), "90", ""},
		{"§4 sum 31 → 77.5", comps, ratings(4, map[string]int{"COMMUNICATION": 3}), "155/2", ""},
		{"§4 weighted: weights 2 and 1, ratings 5 and 2 → 100 × 12/15 = 80",
			[]Competency{{Code: "A", Weight: 2}, {Code: "B", Weight: 1}}, map[string]int{"A": 5, "B": 2}, "80", ""},
		{"§4 exact, not rounded: ratings 5,5,4 → 280/3",
			[]Competency{{Code: "A", Weight: 1}, {Code: "B", Weight: 1}, {Code: "C", Weight: 1}}, map[string]int{"A": 5, "B": 5, "C": 4}, "280/3", ""},
		{"§4 a missing competency is refused", comps, ratings(4, map[string]int{"PATIENCE": deleted}), "", "PATIENCE: no rating"},
		{"§4 a rating of 6 is refused", comps, ratings(4, map[string]int{"TEAMWORK": 6}), "", "TEAMWORK: rating 6 is outside 1..5"},
		{"§4 a rating of 0 is refused", comps, ratings(4, map[string]int{"POLICY": 0}), "", "POLICY: rating 0 is outside 1..5"},
		{"§4 a rating for an unknown competency is refused", comps, ratings(4, map[string]int{"CHARM": 5}), "", "unknown competency CHARM"},
		{"no competency is refused", nil, map[string]int{}, "", "no competency"},
		{"a non-positive competency weight is refused", []Competency{{Code: "A", Weight: 0}}, map[string]int{"A": 5}, "", "weight 0"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got, err := ReviewScore(tt.comps, tt.ratings)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("ReviewScore = %v, %v; want an error containing %q", got, err, tt.errHas)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReviewScore: %v", err)
			}
			if got.Cmp(rat(tt.want)) != 0 {
				t.Errorf("ReviewScore = %v, want %s", got, tt.want)
			}
		})
	}
}

func TestSupervisorScore(t *testing.T) {
	r := func(date string, rt map[string]int) Review { return Review{Date: d(date), Ratings: rt} }
	ninety := ratings(5, map[string]int{"COMMUNICATION": 1})  // 90
	seventySeven := ratings(4, map[string]int{"PATIENCE": 3}) // 77.5
	ninetyTwo := ratings(5, map[string]int{"INITIATIVE": 2})  // 92.5
	bad := ratings(5, map[string]int{"TEAMWORK": deleted})    // refused
	tests := []struct {
		rule       string
		reviews    []Review
		sufficient bool
		score      string
		reason     string
		count      int
	}{
		{"§4 one review → its score", []Review{r("2025-03-28", ninety)}, true, "90.00", "", 1},
		{"§4 mean of the reviews: (90 + 77.5)/2 = 83.75", []Review{r("2025-03-28", ninety), r("2025-06-28", seventySeven)}, true, "83.75", "", 2},
		{"§4 exact mean rounded once: (90 + 90 + 92.5)/3 = 90.833… → 90.83",
			[]Review{r("2025-03-28", ninety), r("2025-06-28", ninety), r("2025-09-28", ninetyTwo)}, true, "90.83", "", 3},
		{"§4 no review → insufficient", nil, false, "", "no review", 0},
		{"§4 only reviews dated in Y count",
			[]Review{r("2024-12-31", ninety), r("2026-01-01", ninety)}, false, "", "no review", 0},
		{"§4 reviews of other years do not change the mean",
			[]Review{r("2024-12-31", seventySeven), r("2025-01-01", ninety)}, true, "90.00", "", 1},
		{"a review of Y that cannot be scored makes the component insufficient",
			[]Review{r("2025-03-28", ninety), r("2025-06-28", bad)}, false, "", "review of 2025-06-28: score review: competency TEAMWORK: no rating", 0},
		{"an invalid review of another year is ignored",
			[]Review{r("2025-03-28", ninety), r("2024-06-28", bad)}, true, "90.00", "", 1},
	}
	p := DefaultPolicy()
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			c := SupervisorScore(p, 2025, tt.reviews)
			checkComponent(t, c, Supervisor, tt.sufficient, tt.score, tt.reason)
			if c.Supervisor == nil || c.Supervisor.Reviews != tt.count {
				t.Errorf("detail = %+v, want %d reviews", c.Supervisor, tt.count)
			}
		})
	}
}

// TestSupervisorScoreOf: reviews scored beforehand (e.g. with the
// competencies of their time) combine the same way.
func TestSupervisorScoreOf(t *testing.T) {
	p := DefaultPolicy()
	p.MinReviews = 2
	scores := []DatedScore{{Date: d("2025-03-28"), Score: rat("90")}}
	checkComponent(t, SupervisorScoreOf(p, 2025, scores), Supervisor, false, "", "1 review, 2 needed")
	checkComponent(t, SupervisorScoreOf(p, 2025, nil), Supervisor, false, "", "0 reviews, 2 needed")
	scores = append(scores, DatedScore{Date: d("2025-06-28"), Score: rat("155/2")})
	checkComponent(t, SupervisorScoreOf(p, 2025, scores), Supervisor, true, "83.75", "")
}
