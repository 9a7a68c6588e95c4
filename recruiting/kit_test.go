package recruiting

import (
	"testing"

	"sullam/models"
)

// TestPickPerCategory checks the default interview kit: up to n questions
// of each category, in the bank's order; a category with fewer gives all it
// has; n = 0 gives none.
func TestPickPerCategory(t *testing.T) {
	bank := []models.Question{
		{Code: "Q01", CategoryCode: "A"}, {Code: "Q02", CategoryCode: "A"}, {Code: "Q03", CategoryCode: "A"},
		{Code: "Q04", CategoryCode: "B"},
		{Code: "Q05", CategoryCode: "C"}, {Code: "Q06", CategoryCode: "C"},
	}
	codes := func(qs []models.Question) string {
		s := ""
		for _, q := range qs {
			s += q.Code + " "
		}
		return s
	}
	for n, want := range map[int]string{0: "", 1: "Q01 Q04 Q05 ", 2: "Q01 Q02 Q04 Q05 Q06 ", 5: "Q01 Q02 Q03 Q04 Q05 Q06 "} {
		if got := codes(PickPerCategory(bank, n)); got != want {
			t.Errorf("PickPerCategory(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestScoreAndRecommendation checks an interviewer's inputs: a mark is 1
// to 5; a verdict is one of strong no, no, yes, strong yes.
func TestScoreAndRecommendation(t *testing.T) {
	for s, want := range map[int]bool{0: false, 1: true, 3: true, 5: true, 6: false, -1: false} {
		if got := ValidScore(s); got != want {
			t.Errorf("ValidScore(%d) = %v, want %v", s, got, want)
		}
	}
	for _, r := range models.Recommendations {
		if !ValidRecommendation(r) {
			t.Errorf("ValidRecommendation(%q) = false", r)
		}
	}
	for _, r := range []models.Recommendation{"", "maybe", "YES"} {
		if ValidRecommendation(r) {
			t.Errorf("ValidRecommendation(%q) = true", r)
		}
	}
}
