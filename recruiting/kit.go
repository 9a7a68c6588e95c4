package recruiting

import "sullam/models"

// PickPerCategory picks up to perCategory questions of each category from
// qs (the bank's non-retired questions in category and code order), in
// that order: a default interview kit.
func PickPerCategory(qs []models.Question, perCategory int) []models.Question {
	n := map[string]int{}
	var out []models.Question
	for _, q := range qs {
		if n[q.CategoryCode] < perCategory {
			n[q.CategoryCode]++
			out = append(out, q)
		}
	}
	return out
}

// ValidScore reports whether score is an interviewer's mark of a question:
// 1 to 5.
func ValidScore(score int) bool { return score >= 1 && score <= 5 }

// ValidRecommendation reports whether rec is one of the four verdicts.
func ValidRecommendation(rec models.Recommendation) bool {
	for _, r := range models.Recommendations {
		if r == rec {
			return true
		}
	}
	return false
}
