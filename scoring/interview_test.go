package scoring

import (
	"reflect"
	"testing"

	"sullam/models"
)

// TestMarkPercent checks the rule: interview score = mean of the 1–5 marks as
// a percentage (score/5×100), rounded half-up to cents.
func TestMarkPercent(t *testing.T) {
	cases := []struct {
		sum, n int
		want   Cents
	}{
		{0, 0, 0},
		{5, 1, 10000},
		{1, 1, 2000},
		{3, 1, 6000},
		{7, 2, 7000},
		{10, 3, 6667}, // 3.333…/5 = 66.666… → 66.67
		{11, 3, 7333}, // 73.333… → 73.33
		{4, 3, 2667},
	}
	for _, c := range cases {
		if got := MarkPercent(c.sum, c.n); got != c.want {
			t.Errorf("MarkPercent(%d, %d) = %v, want %v", c.sum, c.n, got, c.want)
		}
	}
}

// TestScoreInterview checks the mean of all marks, the per-competency means,
// the question disagreement (spread of interviewer means ≥ 2 points, exactly
// at the boundary) and the recommendation split.
func TestScoreInterview(t *testing.T) {
	m := func(q uint, comp string, who uint, s int) InterviewMark {
		return InterviewMark{QuestionID: q, Competency: comp, InterviewerID: who, Score: s}
	}
	cases := []struct {
		name     string
		marks    []InterviewMark
		recs     []models.Recommendation
		percent  Cents
		byComp   map[string]Cents
		split    []uint
		recSplit bool
	}{
		{name: "nothing", percent: 0, byComp: map[string]Cents{}},
		{name: "one interviewer", marks: []InterviewMark{m(1, "a", 7, 4), m(2, "b", 7, 5)}, recs: []models.Recommendation{models.Yes},
			percent: 9000, byComp: map[string]Cents{"a": 8000, "b": 10000}},
		{name: "spread 1 is agreement", marks: []InterviewMark{m(1, "a", 7, 4), m(1, "a", 8, 3)},
			percent: 7000, byComp: map[string]Cents{"a": 7000}},
		{name: "spread exactly 2 disagrees", marks: []InterviewMark{m(1, "a", 7, 5), m(1, "a", 8, 3), m(2, "a", 7, 3), m(2, "a", 8, 4)},
			percent: 7500, byComp: map[string]Cents{"a": 7500}, split: []uint{1}},
		{name: "means across two interviews: 4.5 vs 3 = 1.5 agrees", marks: []InterviewMark{m(1, "a", 7, 5), m(1, "a", 7, 4), m(1, "a", 8, 3)},
			percent: 8000, byComp: map[string]Cents{"a": 8000}},
		{name: "out of range ignored", marks: []InterviewMark{m(1, "a", 7, 0), m(1, "a", 8, 6), m(1, "a", 9, 2)},
			percent: 4000, byComp: map[string]Cents{"a": 4000}},
		{name: "recommendations on both sides", recs: []models.Recommendation{models.StrongYes, models.No}, byComp: map[string]Cents{}, recSplit: true},
		{name: "strong yes and yes agree", recs: []models.Recommendation{models.StrongYes, models.Yes, ""}, byComp: map[string]Cents{}},
		{name: "strong no and no agree", recs: []models.Recommendation{models.StrongNo, models.No}, byComp: map[string]Cents{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ScoreInterview(c.marks, c.recs)
			if got.Percent != c.percent {
				t.Errorf("percent %v, want %v", got.Percent, c.percent)
			}
			if !reflect.DeepEqual(got.ByCompetency, c.byComp) {
				t.Errorf("by competency %v, want %v", got.ByCompetency, c.byComp)
			}
			if !reflect.DeepEqual(got.SplitQuestions, c.split) {
				t.Errorf("split questions %v, want %v", got.SplitQuestions, c.split)
			}
			if got.SplitRecommendations != c.recSplit {
				t.Errorf("split recommendations %v, want %v", got.SplitRecommendations, c.recSplit)
			}
			if got.Disagreement() != (len(c.split) > 0 || c.recSplit) {
				t.Errorf("disagreement %v", got.Disagreement())
			}
		})
	}
}
