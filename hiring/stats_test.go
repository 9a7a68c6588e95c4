package hiring

import (
	"math"
	"testing"
)

const eps = 1e-12

func near(a, b float64) bool { return math.Abs(a-b) < eps }

// pairsOf zips xs and ys.
func pairsOf(xs, ys []float64) []Pair {
	out := make([]Pair, len(xs))
	for i := range xs {
		out[i] = Pair{X: xs[i], Y: ys[i]}
	}
	return out
}

// Rule: ties get the average of the ranks they span; 1 is the smallest.
func TestAverageRanks(t *testing.T) {
	cases := []struct {
		name string
		in   []float64
		want []float64
	}{
		{"distinct", []float64{30, 10, 20}, []float64{3, 1, 2}},
		{"a pair tied", []float64{2, 4, 5, 4, 5}, []float64{1, 2.5, 4.5, 2.5, 4.5}},
		{"three tied at the bottom", []float64{7, 7, 7, 9}, []float64{2, 2, 2, 4}},
		{"all tied", []float64{5, 5, 5, 5}, []float64{2.5, 2.5, 2.5, 2.5}},
		{"empty", nil, []float64{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := AverageRanks(c.in)
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}

// Rule (issue 13): Pearson and Spearman (ties: average ranks) against values
// computed by hand; undefined (ok false) under 2 pairs or when a side has
// zero variance.
func TestPearsonSpearman(t *testing.T) {
	cases := []struct {
		name       string
		xs, ys     []float64
		pearson    float64
		pearsonOK  bool
		spearman   float64
		spearmanOK bool
	}{
		// mx=3 my=4, Σdxdy=6, Σdx²=10, Σdy²=6 → 6/√60; ranks of Y
		// 1,2.5,4.5,2.5,4.5: Σ=7, Σdy²=9 → 7/√90
		{"ties in Y", []float64{1, 2, 3, 4, 5}, []float64{2, 4, 5, 4, 5}, 6 / math.Sqrt(60), true, 7 / math.Sqrt(90), true},
		// 8 hires: Σdxdy=370, Σdx²=1050, Σdy²=161.5; ranks differ by 1 at
		// every pair: ρ = 1 − 6·8/(8·63) = 19/21
		{"eight hires", []float64{60, 65, 70, 75, 80, 85, 90, 95}, []float64{80, 78, 85, 83, 88, 86, 92, 90},
			370 / math.Sqrt(1050*161.5), true, 19.0 / 21, true},
		{"perfect, on a line", []float64{1, 2, 3, 4}, []float64{3, 5, 7, 9}, 1, true, 1, true},
		{"perfect inverse", []float64{1, 2, 3}, []float64{9, 5, 1}, -1, true, -1, true},
		// monotone but not linear: Spearman 1, Pearson below
		// mx=2.5 my=7.5: Σdxdy = 9.75+2.75−2.25+24.75 = 35, Σdx² = 5,
		// Σdy² = 42.25+30.25+20.25+272.25 = 365 → 35/√1825
		{"monotone, not linear", []float64{1, 2, 3, 4}, []float64{1, 2, 3, 24}, 35 / math.Sqrt(1825), true, 1, true},
		{"no association, ties on both sides", []float64{1, 1, 2, 2}, []float64{1, 2, 1, 2}, 0, true, 0, true},
		{"zero variance in X", []float64{70, 70, 70}, []float64{80, 85, 90}, 0, false, 0, false},
		{"zero variance in Y", []float64{60, 70, 80}, []float64{85, 85, 85}, 0, false, 0, false},
		{"one pair", []float64{70}, []float64{80}, 0, false, 0, false},
		{"no pair", nil, nil, 0, false, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps := pairsOf(c.xs, c.ys)
			r, ok := Pearson(ps)
			if ok != c.pearsonOK || (ok && !near(r, c.pearson)) {
				t.Errorf("Pearson = %.15f, %v; want %.15f, %v", r, ok, c.pearson, c.pearsonOK)
			}
			rho, ok := Spearman(ps)
			if ok != c.spearmanOK || (ok && !near(rho, c.spearman)) {
				t.Errorf("Spearman = %.15f, %v; want %.15f, %v", rho, ok, c.spearman, c.spearmanOK)
			}
		})
	}
}

// Rule (issue 13): under MinPairs (8) pairs a correlation is "too few to
// tell", at 8 it is told; N is always the number of pairs.
func TestCorrelateTooFew(t *testing.T) {
	xs := []float64{60, 65, 70, 75, 80, 85, 90, 95}
	ys := []float64{80, 78, 85, 83, 88, 86, 92, 90}
	seven := Correlate(pairsOf(xs[:7], ys[:7]))
	if !seven.TooFew || seven.N != 7 {
		t.Errorf("7 pairs: N=%d TooFew=%v, want 7 and too few", seven.N, seven.TooFew)
	}
	eight := Correlate(pairsOf(xs, ys))
	if eight.TooFew || eight.N != 8 || !eight.PearsonOK || !near(eight.Pearson, 370/math.Sqrt(1050*161.5)) || !near(eight.Spearman, 19.0/21) {
		t.Errorf("8 pairs: %+v, want N=8, told, r=%.6f, ρ=%.6f", eight, 370/math.Sqrt(1050*161.5), 19.0/21)
	}
}

// Rule: Summarize counts every hire of a group, correlates only the scored
// ones, and sorts the groups.
func TestSummarize(t *testing.T) {
	var obs []Observation
	xs := []float64{60, 65, 70, 75, 80, 85, 90, 95}
	ys := []float64{80, 78, 85, 83, 88, 86, 92, 90}
	for i := range xs {
		obs = append(obs, Observation{Group: "job-b", X: xs[i], Y: ys[i], Scored: true})
	}
	obs = append(obs, Observation{Group: "job-b", X: 99}) // hired, first year not scored yet
	obs = append(obs, Observation{Group: "job-a", X: 70, Y: 90, Scored: true}, Observation{Group: "job-a", X: 80, Y: 80, Scored: true})
	got := Summarize(obs)
	if len(got) != 2 || got[0].Group != "job-a" || got[1].Group != "job-b" {
		t.Fatalf("groups %+v, want job-a then job-b", got)
	}
	if a := got[0]; a.Hires != 2 || a.Correlation.N != 2 || !a.Correlation.TooFew || !near(a.Correlation.Pearson, -1) {
		t.Errorf("job-a %+v, want 2 hires, n=2, too few, r=-1", a)
	}
	if b := got[1]; b.Hires != 9 || b.Correlation.N != 8 || b.Correlation.TooFew || !near(b.Correlation.Spearman, 19.0/21) {
		t.Errorf("job-b %+v, want 9 hires, n=8, ρ=19/21", b)
	}
}
