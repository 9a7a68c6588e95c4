package scoring

import (
	"math/big"
	"sort"

	"sullam/models"
)

// DisagreementSpread is the spread, in points of the 1–5 scale, between the
// highest and lowest interviewer mean for one question at which the
// interviewers are said to disagree.
const DisagreementSpread = 2

// InterviewMark is one interviewer's 1–5 score of one question.
type InterviewMark struct {
	QuestionID    uint
	Competency    string
	InterviewerID uint
	Score         int
}

// InterviewResult is a candidate's interview score: the mean of all
// submitted marks as a percentage (score/5×100), per competency too, and the
// disagreements between interviewers.
type InterviewResult struct {
	// Percent is the mean of all marks as a percentage; 0 when Marks is 0.
	Percent Cents
	// Marks counts the marks the result is built on.
	Marks int
	// ByCompetency is the percentage per competency code.
	ByCompetency map[string]Cents
	// SplitQuestions lists, sorted, the questions whose interviewer means
	// differ by DisagreementSpread points or more.
	SplitQuestions []uint
	// SplitRecommendations is true when the recommendations fall on both
	// sides of yes/no (some strong_no or no, some yes or strong_yes).
	SplitRecommendations bool
}

// Disagreement reports whether the interviewers disagree on a question or on
// the recommendation.
func (r InterviewResult) Disagreement() bool {
	return len(r.SplitQuestions) > 0 || r.SplitRecommendations
}

// MarkPercent converts a sum of n 1–5 marks into the percentage of their
// mean: sum/n/5×100, rounded half-up to cents. n = 0 gives 0.
func MarkPercent(sum, n int) Cents {
	if n <= 0 {
		return 0
	}
	return Round(big.NewRat(int64(sum)*20, int64(n)))
}

// ScoreInterview computes the interview result of the submitted marks and
// recommendations of every interviewer of one candidate. Marks outside 1–5
// are ignored.
func ScoreInterview(marks []InterviewMark, recs []models.Recommendation) InterviewResult {
	res := InterviewResult{ByCompetency: map[string]Cents{}}
	type acc struct{ sum, n int }
	total := acc{}
	comp := map[string]*acc{}
	perQ := map[uint]map[uint]*acc{} // question → interviewer → marks
	for _, m := range marks {
		if m.Score < 1 || m.Score > 5 {
			continue
		}
		total.sum += m.Score
		total.n++
		c := comp[m.Competency]
		if c == nil {
			c = &acc{}
			comp[m.Competency] = c
		}
		c.sum += m.Score
		c.n++
		if perQ[m.QuestionID] == nil {
			perQ[m.QuestionID] = map[uint]*acc{}
		}
		a := perQ[m.QuestionID][m.InterviewerID]
		if a == nil {
			a = &acc{}
			perQ[m.QuestionID][m.InterviewerID] = a
		}
		a.sum += m.Score
		a.n++
	}
	res.Marks = total.n
	res.Percent = MarkPercent(total.sum, total.n)
	for code, c := range comp {
		res.ByCompetency[code] = MarkPercent(c.sum, c.n)
	}
	limit := big.NewRat(DisagreementSpread, 1)
	for q, byWho := range perQ {
		var lo, hi *big.Rat
		for _, a := range byWho {
			mean := big.NewRat(int64(a.sum), int64(a.n))
			if lo == nil || mean.Cmp(lo) < 0 {
				lo = mean
			}
			if hi == nil || mean.Cmp(hi) > 0 {
				hi = mean
			}
		}
		if len(byWho) > 1 && new(big.Rat).Sub(hi, lo).Cmp(limit) >= 0 {
			res.SplitQuestions = append(res.SplitQuestions, q)
		}
	}
	sort.Slice(res.SplitQuestions, func(i, j int) bool { return res.SplitQuestions[i] < res.SplitQuestions[j] })
	res.SplitRecommendations = RecommendationsSplit(recs)
	return res
}

// RecommendationsSplit reports whether recommendations fall on both sides of
// yes/no. Empty recommendations (not given) are ignored.
func RecommendationsSplit(recs []models.Recommendation) bool {
	var pos, neg bool
	for _, r := range recs {
		switch r {
		case models.StrongNo, models.No:
			neg = true
		case models.Yes, models.StrongYes:
			pos = true
		}
	}
	return pos && neg
}
