package scoring

import "testing"

// TestCalibrate checks the calibration arithmetic: per-supervisor means of
// review and quality over agents holding both, the gap, the gap relative to
// the pooled gap, and the lenient/harsh flag with the tolerance boundary
// (exactly the tolerance is aligned).
func TestCalibrate(t *testing.T) {
	in := func(sup uint, rev, q Cents) CalibrationInput {
		return CalibrationInput{SupervisorID: sup, Review: rev, HasReview: true, Quality: q, HasQuality: true}
	}
	tests := []struct {
		name string
		in   []CalibrationInput
		tol  Cents
		want []Calibration
	}{
		{"empty", nil, 500, []Calibration{}},
		{"one aligned supervisor", []CalibrationInput{in(1, 9000, 8000), in(1, 8000, 7000)}, 500,
			[]Calibration{{SupervisorID: 1, Agents: 2, MeanReview: 8500, MeanQuality: 7500, Gap: 1000, Relative: 0, Leniency: Aligned}}},
		{"lenient and harsh against the pooled gap", []CalibrationInput{
			in(1, 9500, 8000), // gap +15
			in(2, 7000, 8000), // gap -10
			in(3, 8200, 8000), // gap +2
		}, 500, []Calibration{
			// pooled gap = (15 - 10 + 2) / 3 = 2.333…
			{SupervisorID: 1, Agents: 1, MeanReview: 9500, MeanQuality: 8000, Gap: 1500, Relative: 1267, Leniency: Lenient},
			{SupervisorID: 2, Agents: 1, MeanReview: 7000, MeanQuality: 8000, Gap: -1000, Relative: -1233, Leniency: Harsh},
			{SupervisorID: 3, Agents: 1, MeanReview: 8200, MeanQuality: 8000, Gap: 200, Relative: -33, Leniency: Aligned},
		}},
		{"exactly the tolerance is aligned", []CalibrationInput{in(1, 8500, 8000), in(2, 7500, 8000)}, 500,
			[]Calibration{
				{SupervisorID: 1, Agents: 1, MeanReview: 8500, MeanQuality: 8000, Gap: 500, Relative: 500, Leniency: Aligned},
				{SupervisorID: 2, Agents: 1, MeanReview: 7500, MeanQuality: 8000, Gap: -500, Relative: -500, Leniency: Aligned},
			}},
		{"one cent over the tolerance", []CalibrationInput{in(1, 8501, 8000), in(2, 7499, 8000)}, 500,
			[]Calibration{
				{SupervisorID: 1, Agents: 1, MeanReview: 8501, MeanQuality: 8000, Gap: 501, Relative: 501, Leniency: Lenient},
				{SupervisorID: 2, Agents: 1, MeanReview: 7499, MeanQuality: 8000, Gap: -501, Relative: -501, Leniency: Harsh},
			}},
		{"agents without both scores or a supervisor are skipped", []CalibrationInput{
			in(1, 9000, 9000),
			{SupervisorID: 1, Review: 1000, HasReview: true},
			{SupervisorID: 1, Quality: 1000, HasQuality: true},
			in(0, 1000, 9000),
		}, 500, []Calibration{{SupervisorID: 1, Agents: 1, MeanReview: 9000, MeanQuality: 9000, Gap: 0, Relative: 0, Leniency: Aligned}}},
		{"means round half up", []CalibrationInput{in(1, 8001, 8000), in(1, 8000, 8000)}, 500,
			// review mean 80.005 → 80.01; gap 0.005 → 0.01
			[]Calibration{{SupervisorID: 1, Agents: 2, MeanReview: 8001, MeanQuality: 8000, Gap: 1, Relative: 0, Leniency: Aligned}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Calibrate(tc.in, tc.tol, 1)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d rows %+v, want %d", len(got), got, len(tc.want))
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("row %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// Rule: calibration flags a supervisor lenient or harsh only with at least
// the minimum number of rated agents; below it they stay aligned, marked
// TooFew, and their n is reported (their agents still count in the pool).
func TestCalibrateMinimumAgents(t *testing.T) {
	in := func(sup uint, rev, q Cents) CalibrationInput {
		return CalibrationInput{SupervisorID: sup, Review: rev, HasReview: true, Quality: q, HasQuality: true}
	}
	rows := []CalibrationInput{in(1, 9500, 8000), in(1, 9500, 8000), in(2, 7000, 8000), in(2, 7000, 8000), in(2, 7000, 8000)}
	got := Calibrate(rows, 500, 3)
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	if got[0].Agents != 2 || !got[0].TooFew || got[0].Leniency != Aligned {
		t.Errorf("supervisor 1 with 2 agents (min 3) = %+v, want aligned and TooFew", got[0])
	}
	if got[1].Agents != 3 || got[1].TooFew || got[1].Leniency != Harsh {
		t.Errorf("supervisor 2 with 3 agents (min 3) = %+v, want harsh", got[1])
	}
	// The pooled gap counts supervisor 1's agents: (15*2 - 10*3)/5 = 0.
	if got[1].Relative != -1000 {
		t.Errorf("supervisor 2 relative = %s, want -10.00", got[1].Relative)
	}
}

// Rule: a policy version saved before the calibration minimum existed (0)
// uses the default minimum of 5; a set value is used as is.
func TestPolicyCalibrationMinAgents(t *testing.T) {
	var p Policy
	if got := p.CalibrationMinAgents(); got != 5 {
		t.Errorf("unset minimum = %d, want 5", got)
	}
	if got := DefaultPolicy().CalibrationMinAgents(); got != 5 {
		t.Errorf("default policy minimum = %d, want 5", got)
	}
	p.MinCalibrationAgents = 2
	if got := p.CalibrationMinAgents(); got != 2 {
		t.Errorf("set minimum = %d, want 2", got)
	}
}
