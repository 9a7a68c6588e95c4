package scoring

import (
	"slices"
	"testing"

	"sullam/models"
)

// ok returns a sufficient component of kind k with score s (and an exact
// value, when given, that differs from the rounded one).
func ok(k ComponentKind, s string, exact ...string) Component {
	c, err := ParseCents(s)
	if err != nil {
		panic(err)
	}
	e := c.Rat()
	if len(exact) > 0 {
		e = rat(exact[0])
	}
	return Component{Kind: k, Sufficient: true, Score: c, Exact: e}
}

// insufficient returns an insufficient component of kind k.
func insufficient(k ComponentKind, reason string) Component {
	return Component{Kind: k, Reason: reason}
}

func TestCombine(t *testing.T) {
	tests := []struct {
		rule     string
		weights  ComponentWeights
		comps    [4]Component
		complete bool
		score    string
		reasons  []string
	}{
		{"§5 worked example: 97.50, 92.11, 88.40, 90.00 → 92.0025 → 92.00", ComponentWeights{25, 25, 25, 25},
			[4]Component{ok(Attendance, "97.50"), ok(Quality, "92.11"), ok(Weekly, "88.40"), ok(Supervisor, "90.00")},
			true, "92.00", nil},
		{"§5 from the rounded components: 90.01×3 + 90.00 → 90.0075 → 90.01 (the exact ones would give 90.00)", ComponentWeights{25, 25, 25, 25},
			[4]Component{ok(Attendance, "90.01", "90.005"), ok(Quality, "90.01", "90.005"), ok(Weekly, "90.01", "90.005"), ok(Supervisor, "90.00", "90.004")},
			true, "90.01", nil},
		{"§5 the annual rounds half-up: 90.01, 90.01, 90.00, 90.00 → 90.005 → 90.01", ComponentWeights{25, 25, 25, 25},
			[4]Component{ok(Attendance, "90.01"), ok(Quality, "90.01"), ok(Weekly, "90.00"), ok(Supervisor, "90.00")},
			true, "90.01", nil},
		{"§5 the weights are policy fields: 40/30/20/10", ComponentWeights{40, 30, 20, 10},
			[4]Component{ok(Attendance, "100.00"), ok(Quality, "50.00"), ok(Weekly, "50.00"), ok(Supervisor, "0.00")},
			true, "65.00", nil},
		{"§5 a zero component is a score, not a missing one", ComponentWeights{25, 25, 25, 25},
			[4]Component{ok(Attendance, "0.00"), ok(Quality, "0.00"), ok(Weekly, "0.00"), ok(Supervisor, "0.00")},
			true, "0.00", nil},
		{"§5 incomplete: reasons in the order attendance, quality, weekly, supervisor", ComponentWeights{25, 25, 25, 25},
			[4]Component{ok(Attendance, "97.50"), insufficient(Quality, "3 audits, 4 needed"), ok(Weekly, "88.40"), insufficient(Supervisor, "no review")},
			false, "", []string{"quality: 3 audits, 4 needed", "supervisor: no review"}},
		{"§5 incomplete: every component insufficient", ComponentWeights{25, 25, 25, 25},
			[4]Component{insufficient(Attendance, "0 scheduled days, 20 needed"), insufficient(Quality, "0 audits, 4 needed"),
				insufficient(Weekly, "0 expected weeks, 4 needed and no rated report"), insufficient(Supervisor, "no review")},
			false, "", []string{"attendance: 0 scheduled days, 20 needed", "quality: 0 audits, 4 needed",
				"weekly: 0 expected weeks, 4 needed and no rated report", "supervisor: no review"}},
		{"§5 a component with weight 0 still has to be sufficient", ComponentWeights{50, 50, 0, 0},
			[4]Component{ok(Attendance, "80.00"), ok(Quality, "90.00"), insufficient(Weekly, "no rated report"), ok(Supervisor, "90.00")},
			false, "", []string{"weekly: no rated report"}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			p := DefaultPolicy()
			p.Weights = tt.weights
			a := Combine(p, 2025, tt.comps)
			if a.Year != 2025 || a.PolicyVersion != p.Version {
				t.Errorf("year %d, policy version %d", a.Year, a.PolicyVersion)
			}
			if a.Complete != tt.complete {
				t.Fatalf("complete = %v, want %v (reasons %v)", a.Complete, tt.complete, a.Reasons)
			}
			if tt.complete {
				if a.Score.String() != tt.score || a.Status() != models.EvalComplete || a.Explanation.Key != KeyAnnual {
					t.Errorf("score %s status %s key %s, want %s", a.Score, a.Status(), a.Explanation.Key, tt.score)
				}
			} else if a.Status() != models.EvalIncomplete || a.Explanation.Key != KeyAnnualIncomplete {
				t.Errorf("status %s key %s", a.Status(), a.Explanation.Key)
			}
			if !slices.Equal(a.Reasons, tt.reasons) {
				t.Errorf("reasons = %q, want %q", a.Reasons, tt.reasons)
			}
			res := a.Result()
			if res.Year != 2025 || res.Complete != a.Complete || res.Score != a.Score || !slices.Equal(res.Reasons, a.Reasons) {
				t.Errorf("Result() = %+v", res)
			}
		})
	}
}

func TestReasonText(t *testing.T) {
	a := Annual{Reasons: []string{"quality: 3 audits, 4 needed", "supervisor: no review"}}
	if got, want := a.ReasonText(), "quality: 3 audits, 4 needed;supervisor: no review"; got != want {
		t.Errorf("ReasonText() = %q, want %q", got, want)
	}
	if got := (Annual{Complete: true}).ReasonText(); got != "" {
		t.Errorf("complete ReasonText() = %q", got)
	}
}

func TestComponentKind(t *testing.T) {
	for i, want := range []string{"attendance", "quality", "weekly", "supervisor"} {
		k := ComponentKind(i)
		if k.String() != want || ComponentKinds[i] != k {
			t.Errorf("ComponentKind(%d) = %q, want %q", i, k, want)
		}
		var back ComponentKind
		if err := back.UnmarshalText([]byte(want)); err != nil || back != k {
			t.Errorf("UnmarshalText(%q) = %v, %v", want, back, err)
		}
	}
	var k ComponentKind
	if err := k.UnmarshalText([]byte("bonus")); err == nil {
		t.Error("UnmarshalText(bonus): want an error")
	}
}

// TestEvaluateNothing: an agent with no data at all has four insufficient
// components and no annual score; nothing is treated as zero.
func TestEvaluateNothing(t *testing.T) {
	a := Evaluate(DefaultPolicy(), 2025, Inputs{})
	want := []string{"attendance: 0 scheduled days, 20 needed", "quality: 0 audits, 4 needed",
		"weekly: 0 expected weeks, 4 needed and no rated report", "supervisor: no review"}
	if a.Complete || !slices.Equal(a.Reasons, want) {
		t.Errorf("Evaluate(nothing) = complete %v, reasons %q", a.Complete, a.Reasons)
	}
	for i, c := range a.Components {
		if c.Kind != ComponentKind(i) {
			t.Errorf("component %d has kind %v", i, c.Kind)
		}
	}
}

func TestHasRecordIn(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		rule string
		in   Inputs
		want bool
	}{
		{"nothing", Inputs{}, false},
		{"an attendance record of any status dated in Y (leave)", Inputs{Attendance: tally(p, 2025, days("2025-08-01", 1, models.Leave, 0, 0))}, true},
		{"an attendance record of Y+1 only marks a week, it is not a record of Y", Inputs{Attendance: tally(p, 2025, days("2026-01-01", 1, models.Present, 0, 0))}, false},
		{"an audit dated in Y", Inputs{AuditScores: []DatedScore{{Date: d("2025-12-31"), Score: rat("1")}}}, true},
		{"an audit dated in Y−1", Inputs{AuditScores: []DatedScore{{Date: d("2024-12-31"), Score: rat("1")}}}, false},
		{"a weekly report whose week_start is in Y", Inputs{Reports: []WeeklyReport{rep("2025-12-28", 9, 0)}}, true},
		{"a weekly report of the week of 29 Dec 2024, submitted in Y", Inputs{Reports: []WeeklyReport{rep("2024-12-29", 5, 0)}}, false},
		{"a review dated in Y", Inputs{Reviews: []Review{{Date: d("2025-01-01")}}}, true},
	}
	for _, tt := range tests {
		if got := tt.in.HasRecordIn(2025); got != tt.want {
			t.Errorf("%s: HasRecordIn = %v, want %v", tt.rule, got, tt.want)
		}
	}
}
