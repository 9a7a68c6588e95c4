// Package hiring holds the statistics of the quality of hire: how well the
// interview score of the agents hired through Sullam predicts their first
// full year's annual score. It is pure: data in, results out; no I/O, no
// clock, no database.
package hiring

import (
	"math"
	"sort"
)

// MinPairs is the least number of (interview, annual) pairs from which a
// correlation is told; under it the result is "too few to tell".
const MinPairs = 8

// Pair is one hire's interview total (X) and first full year's annual
// score (Y), both percentages.
type Pair struct{ X, Y float64 }

// Correlation is the correlation of X with Y over N pairs.
type Correlation struct {
	// N is the number of pairs.
	N int
	// Pearson is the Pearson product-moment correlation of the values;
	// meaningful only when PearsonOK.
	Pearson   float64
	PearsonOK bool
	// Spearman is the Spearman rank correlation (the Pearson correlation of
	// the ranks, ties given their average rank); meaningful only when
	// SpearmanOK.
	Spearman   float64
	SpearmanOK bool
	// TooFew is true when N < MinPairs: the app says "too few to tell"
	// instead of showing the coefficients.
	TooFew bool
}

// Pearson returns the Pearson correlation of the pairs. ok is false when it
// is undefined: fewer than 2 pairs, or X or Y does not vary.
func Pearson(pairs []Pair) (r float64, ok bool) {
	n := len(pairs)
	if n < 2 {
		return 0, false
	}
	var mx, my float64
	for _, p := range pairs {
		mx += p.X
		my += p.Y
	}
	mx /= float64(n)
	my /= float64(n)
	var sxy, sxx, syy float64
	for _, p := range pairs {
		dx, dy := p.X-mx, p.Y-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	r = sxy / math.Sqrt(sxx*syy)
	// rounding can push a perfect correlation a hair past ±1
	return math.Max(-1, math.Min(1, r)), true
}

// AverageRanks returns the rank of each value (1 = smallest); tied values
// all get the mean of the ranks they span (2 and 3 tied → 2.5 each).
func AverageRanks(values []float64) []float64 {
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return values[idx[a]] < values[idx[b]] })
	ranks := make([]float64, len(values))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && values[idx[j+1]] == values[idx[i]] {
			j++
		}
		// positions i..j (0-based) hold ranks i+1..j+1: their mean
		avg := float64(i+j+2) / 2
		for k := i; k <= j; k++ {
			ranks[idx[k]] = avg
		}
		i = j + 1
	}
	return ranks
}

// Spearman returns the Spearman rank correlation of the pairs: the Pearson
// correlation of their average ranks. ok is false when it is undefined
// (fewer than 2 pairs, or all X or all Y tied).
func Spearman(pairs []Pair) (rho float64, ok bool) {
	xs := make([]float64, len(pairs))
	ys := make([]float64, len(pairs))
	for i, p := range pairs {
		xs[i], ys[i] = p.X, p.Y
	}
	rx, ry := AverageRanks(xs), AverageRanks(ys)
	ranked := make([]Pair, len(pairs))
	for i := range pairs {
		ranked[i] = Pair{X: rx[i], Y: ry[i]}
	}
	return Pearson(ranked)
}

// Correlate returns both correlations of the pairs, with their number and
// whether they are too few to tell (fewer than MinPairs).
func Correlate(pairs []Pair) Correlation {
	c := Correlation{N: len(pairs), TooFew: len(pairs) < MinPairs}
	c.Pearson, c.PearsonOK = Pearson(pairs)
	c.Spearman, c.SpearmanOK = Spearman(pairs)
	return c
}

// Observation is one hire as one group sees it: the group it belongs to (a
// job, an interviewer), its interview total X and, when Scored, its first
// full year's annual score Y.
type Observation struct {
	Group  string
	X      float64
	Y      float64
	Scored bool
}

// GroupStat is one group's number of hires and the correlation over its
// scored hires.
type GroupStat struct {
	Group string
	// Hires counts every observation of the group, scored or not.
	Hires int
	// Correlation is over the scored observations only (its N).
	Correlation Correlation
}

// Summarize groups the observations by Group (sorted by Group) and
// correlates X with Y in each over the scored ones.
func Summarize(obs []Observation) []GroupStat {
	hires := map[string]int{}
	pairs := map[string][]Pair{}
	for _, o := range obs {
		hires[o.Group]++
		if o.Scored {
			pairs[o.Group] = append(pairs[o.Group], Pair{X: o.X, Y: o.Y})
		}
	}
	out := make([]GroupStat, 0, len(hires))
	for g, n := range hires {
		out = append(out, GroupStat{Group: g, Hires: n, Correlation: Correlate(pairs[g])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Group < out[j].Group })
	return out
}
