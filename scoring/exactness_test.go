package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"sullam/models"
)

// The fast paths of Evaluate (int64 rationals with overflow checks, falling
// back to big.Rat) must give exactly the results of the reference
// implementation kept in reference_test.go: every component, every detail
// figure, the exact rationals, the rounding, the reasons and the
// explanations with their arguments. These tests compare the two over many
// random inputs and policies, extremes included.

// diffRat describes how two exact rationals differ ("" when both are nil or
// equal).
func diffRat(name string, got, want *big.Rat) string {
	switch {
	case got == nil && want == nil:
		return ""
	case got == nil || want == nil:
		return fmt.Sprintf("%s: got %v, want %v", name, got, want)
	case got.Cmp(want) != 0:
		return fmt.Sprintf("%s: got %s, want %s", name, got.RatString(), want.RatString())
	}
	return ""
}

// diffScores compares dated scores one by one.
func diffScores(name string, got, want []DatedScore) string {
	if (got == nil) != (want == nil) || len(got) != len(want) {
		return fmt.Sprintf("%s: got %d scores (nil %v), want %d (nil %v)", name, len(got), got == nil, len(want), want == nil)
	}
	for i := range got {
		if got[i].Date != want[i].Date {
			return fmt.Sprintf("%s[%d].date: got %v, want %v", name, i, got[i].Date, want[i].Date)
		}
		if s := diffRat(fmt.Sprintf("%s[%d].score", name, i), got[i].Score, want[i].Score); s != "" {
			return s
		}
	}
	return ""
}

// diffComponent compares two components field by field.
func diffComponent(got, want Component) string {
	k := want.Kind.String()
	switch {
	case got.Kind != want.Kind:
		return fmt.Sprintf("%s: kind %v", k, got.Kind)
	case got.Sufficient != want.Sufficient:
		return fmt.Sprintf("%s: sufficient got %v, want %v", k, got.Sufficient, want.Sufficient)
	case got.Score != want.Score:
		return fmt.Sprintf("%s: score got %d, want %d", k, got.Score, want.Score)
	case got.Reason != want.Reason:
		return fmt.Sprintf("%s: reason got %q, want %q", k, got.Reason, want.Reason)
	case !reflect.DeepEqual(got.Explanation, want.Explanation):
		return fmt.Sprintf("%s: explanation got %#v, want %#v", k, got.Explanation, want.Explanation)
	}
	if s := diffRat(k+".exact", got.Exact, want.Exact); s != "" {
		return s
	}
	if (got.Attendance == nil) != (want.Attendance == nil) || (got.Quality == nil) != (want.Quality == nil) ||
		(got.Weekly == nil) != (want.Weekly == nil) || (got.Supervisor == nil) != (want.Supervisor == nil) {
		return k + ": a different detail is set"
	}
	if g, w := got.Attendance, want.Attendance; g != nil {
		gc, wc := *g, *w
		gc.AttendanceRate, gc.PunctualityRate, wc.AttendanceRate, wc.PunctualityRate = nil, nil, nil, nil
		if gc != wc {
			return fmt.Sprintf("attendance detail: got %+v, want %+v", gc, wc)
		}
		if s := diffRat("attendance_rate", g.AttendanceRate, w.AttendanceRate) + diffRat("punctuality_rate", g.PunctualityRate, w.PunctualityRate); s != "" {
			return s
		}
	}
	if g, w := got.Quality, want.Quality; g != nil {
		if g.Audits != w.Audits {
			return fmt.Sprintf("quality audits: got %d, want %d", g.Audits, w.Audits)
		}
		if s := diffScores("quality.scores", g.Scores, w.Scores) + diffRat("quality.mean", g.Mean, w.Mean); s != "" {
			return s
		}
	}
	if g, w := got.Weekly, want.Weekly; g != nil {
		gc, wc := *g, *w
		gc.SubmissionRate, gc.MeanRating, gc.ReportQuality = nil, nil, nil
		wc.SubmissionRate, wc.MeanRating, wc.ReportQuality = nil, nil, nil
		if gc != wc {
			return fmt.Sprintf("weekly detail: got %+v, want %+v", gc, wc)
		}
		if s := diffRat("submission_rate", g.SubmissionRate, w.SubmissionRate) + diffRat("mean_rating", g.MeanRating, w.MeanRating) +
			diffRat("report_quality", g.ReportQuality, w.ReportQuality); s != "" {
			return s
		}
	}
	if g, w := got.Supervisor, want.Supervisor; g != nil {
		if g.Reviews != w.Reviews {
			return fmt.Sprintf("supervisor reviews: got %d, want %d", g.Reviews, w.Reviews)
		}
		if s := diffScores("supervisor.scores", g.Scores, w.Scores) + diffRat("supervisor.mean", g.Mean, w.Mean); s != "" {
			return s
		}
	}
	return ""
}

// diffAnnual compares two annual evaluations field by field, and their JSON
// (what a finalized snapshot and its inputs digest are made of) byte for
// byte.
func diffAnnual(got, want Annual) string {
	for i := range want.Components {
		if s := diffComponent(got.Components[i], want.Components[i]); s != "" {
			return s
		}
	}
	switch {
	case got.Year != want.Year || got.PolicyVersion != want.PolicyVersion:
		return fmt.Sprintf("year/version: got %d/%d, want %d/%d", got.Year, got.PolicyVersion, want.Year, want.PolicyVersion)
	case got.Complete != want.Complete:
		return fmt.Sprintf("complete: got %v, want %v", got.Complete, want.Complete)
	case got.Score != want.Score:
		return fmt.Sprintf("annual score: got %d, want %d", got.Score, want.Score)
	case !reflect.DeepEqual(got.Reasons, want.Reasons):
		return fmt.Sprintf("reasons: got %q, want %q", got.Reasons, want.Reasons)
	case !reflect.DeepEqual(got.Explanation, want.Explanation):
		return fmt.Sprintf("annual explanation: got %#v, want %#v", got.Explanation, want.Explanation)
	}
	gj, err1 := json.Marshal(got)
	wj, err2 := json.Marshal(want)
	if err1 != nil || err2 != nil || string(gj) != string(wj) {
		return fmt.Sprintf("json: got %s (%v), want %s (%v)", gj, err1, wj, err2)
	}
	return ""
}

// extreme returns a count that is sometimes small, sometimes huge (up to
// near the int64 limit, so that products overflow and the big.Rat fallback
// runs).
func extreme(r *rand.Rand, small int) int {
	switch r.IntN(10) {
	case 0:
		return r.IntN(1 << 31)
	case 1:
		return 1<<62 - r.IntN(1000)
	case 2:
		return r.IntN(1 << 50)
	case 3:
		return 0
	}
	return r.IntN(small + 1)
}

// randomPolicy returns a policy with random numbers: weights that do not
// divide evenly, odd late credits, random minimums; a valid policy most of
// the time, sometimes one with duplicate competency codes.
func randomPolicy(r *rand.Rand) Policy {
	p := DefaultPolicy()
	p.Version = r.IntN(9)
	p.GraceMinutes = r.IntN(61)
	p.AttendanceRateWeight = r.IntN(101)
	p.PunctualityRateWeight = 100 - p.AttendanceRateWeight
	p.MinScheduledDays = 1 + r.IntN(30)
	p.MinAudits = 1 + r.IntN(6)
	p.SubmissionWeight = r.IntN(101)
	p.ReportQualityWeight = 100 - p.SubmissionWeight
	p.OnTimeDays = r.IntN(15)
	p.LateCreditPercent = r.IntN(101)
	p.MinExpectedWeeks = 1 + r.IntN(8)
	p.MinRatedReports = 1 + r.IntN(4)
	p.MinReviews = 1 + r.IntN(3)
	a, b, c := r.IntN(101), r.IntN(101), r.IntN(101)
	if a+b+c > 100 {
		a, b, c = a/3, b/3, c/3
	}
	p.Weights = ComponentWeights{Attendance: a, Quality: b, Weekly: c, Supervisor: 100 - a - b - c}
	if r.IntN(4) == 0 {
		p.Competencies = nil
		for i := 0; i < 1+r.IntN(10); i++ {
			code := fmt.Sprintf("C%d", i)
			if r.IntN(15) == 0 {
				code = "C0" // a duplicate, an invalid policy
			}
			p.Competencies = append(p.Competencies, Competency{Code: code, NameEn: code, NameAr: code, Weight: 1 + r.IntN(7)})
		}
		if r.IntN(30) == 0 {
			p.Competencies[0].Weight = 0
		}
	}
	return p
}

// randomScore returns an audit or review score: mostly what the store
// holds, sometimes a .5 tie, a huge rational, a negative one or nil.
func randomScore(r *rand.Rand) *big.Rat {
	switch r.IntN(12) {
	case 0:
		return nil
	case 1:
		return new(big.Rat) // a critical fail
	case 2:
		return big.NewRat(int64(r.IntN(20001))*10+5, 2000) // xx.xx5 ties
	case 3:
		n := new(big.Int).Lsh(big.NewInt(int64(1+r.IntN(1000))), uint(50+r.IntN(40)))
		return new(big.Rat).SetFrac(n, big.NewInt(int64(1+r.IntN(1<<20))))
	case 4:
		return big.NewRat(int64(extreme(r, 100)), int64(1+extreme(r, 100)))
	case 5:
		return big.NewRat(-int64(r.IntN(1000)), int64(1+r.IntN(7)))
	case 6:
		return big.NewRat(100, 1)
	}
	answered := 1 + r.IntN(19)
	s, _ := AuditScoreFromWeights(int64(r.IntN(answered+1)), int64(answered), false)
	return s
}

// randomInputs returns random inputs of year for p.
func randomInputs(r *rand.Rand, p Policy, year int) Inputs {
	var in Inputs
	date := func() models.Date {
		y := year
		if r.IntN(8) == 0 {
			y += r.IntN(3) - 1
		}
		return models.NewDate(y, time.Month(1+r.IntN(12)), 1+r.IntN(28))
	}
	switch r.IntN(4) {
	case 0: // no attendance
	case 1: // records added one by one
		t := NewAttendanceTally(p, year)
		from, _ := TallyRange(year)
		statuses := []models.AttendanceStatus{models.Present, models.Present, models.Present, models.Absent, models.Leave, models.Holiday, "odd"}
		n := r.IntN(380)
		for i := 0; i < n; i++ {
			st := statuses[r.IntN(len(statuses)-1)]
			if r.IntN(300) == 0 {
				st = statuses[len(statuses)-1]
			}
			t.Add(AttendanceRecord{Date: from.AddDays(i), Status: st, LateMinutes: r.IntN(40), EarlyLeaveMinutes: r.IntN(40)})
		}
		in.Attendance = t
	default: // counts, sometimes huge
		present, absent := extreme(r, 300), extreme(r, 40)
		own := AttendanceCounts{Present: present, Absent: absent, Leave: r.IntN(20), Holiday: r.IntN(20),
			WeekBits: r.Uint64() & (1<<54 - 1)}
		own.Records = own.Present + own.Absent + own.Leave + own.Holiday
		if r.IntN(20) == 0 {
			own.Records++ // an unknown status
		}
		for left := present; left > 0; {
			k := 1 + r.IntN(left)
			if r.IntN(3) == 0 {
				k = left
			}
			own.PresentByMinutes = append(own.PresentByMinutes, MinutesDays{r.IntN(60), k})
			left -= k
		}
		in.Attendance = TallyFromCounts(p, year, own, AttendanceCounts{WeekBits: r.Uint64() & 1})
	}
	for i := 0; i < r.IntN(16); i++ {
		in.AuditScores = append(in.AuditScores, DatedScore{Date: date(), Score: randomScore(r)})
	}
	if r.IntN(2) == 0 {
		for i := 0; i < r.IntN(60); i++ {
			ws := models.NewDate(year, time.January, 1).AddDays(r.IntN(380) - 7).WeekStart()
			in.Reports = append(in.Reports, WeeklyReport{WeekStart: ws, SubmittedOn: ws.AddDays(r.IntN(20)), Rating: r.IntN(7)})
		}
		if r.IntN(2) == 0 {
			// the store's counts: one report per week
			seen := map[models.Date]bool{}
			var once []WeeklyReport
			for _, rep := range in.Reports {
				if !seen[rep.WeekStart] {
					seen[rep.WeekStart] = true
					once = append(once, rep)
				}
			}
			wc := WeeklyCountsOf(year, once)
			if r.IntN(10) == 0 {
				wc.Rated, wc.RatingSum = extreme(r, 50), extreme(r, 250)
			}
			in.Weekly, in.Reports = &wc, nil
		}
	}
	for i := 0; i < r.IntN(5); i++ {
		ratings := map[string]int{}
		for _, c := range p.Competencies {
			ratings[c.Code] = 1 + r.IntN(5)
		}
		switch r.IntN(40) {
		case 0:
			ratings[p.Competencies[0].Code] = 6
		case 1:
			delete(ratings, p.Competencies[0].Code)
		case 2:
			ratings["EXTRA"] = 3
		}
		in.Reviews = append(in.Reviews, Review{Date: date(), Ratings: ratings})
	}
	return in
}

// TestEvaluateMatchesReference: Evaluate gives, field by field, exactly the
// results of the reference implementation over 60,000 random agent-years
// and policies (extreme counts, huge rationals, .5 ties, empty components).
func TestEvaluateMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 2026))
	n := 60000
	if testing.Short() {
		n = 20000
	}
	var p Policy
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			p = randomPolicy(r)
		}
		year := 2020 + r.IntN(8)
		in := randomInputs(r, p, year)
		want := refEvaluate(p, year, in)
		got := Evaluate(p, year, in)
		if s := diffAnnual(got, want); s != "" {
			t.Fatalf("case %d (year %d, policy %+v): %s", i, year, p, s)
		}
	}
}

// TestCombineMatchesReference: Combine of random components (scores with
// weights that do not divide evenly, huge and negative scores) gives
// exactly the reference's annual.
func TestCombineMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 7))
	for i := 0; i < 100000; i++ {
		p := randomPolicy(r)
		var comps [4]Component
		for k := range comps {
			comps[k] = Component{Kind: ComponentKind(k), Sufficient: r.IntN(8) != 0, Reason: "why", Score: Cents(r.IntN(10001))}
			if r.IntN(50) == 0 {
				comps[k].Score = Cents(r.Int64N(1<<60) - 1<<59)
			}
		}
		year := 2020 + r.IntN(8)
		if s := diffAnnual(Combine(p, year, comps), refCombine(p, year, comps)); s != "" {
			t.Fatalf("case %d: %s", i, s)
		}
	}
}

// TestRoundAndStringMatchReference: Round (half away from zero) and
// Cents.String give the reference's results on .5 ties, negative values,
// values near the int64 limits and beyond.
func TestRoundAndStringMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cases := []*big.Rat{nil, new(big.Rat), rat("2.675"), rat("-2.675"), rat("0.005"), rat("-0.005"), rat("1/3"), rat("-2/3"),
		big.NewRat(math.MaxInt64, 1), big.NewRat(math.MinInt64, 1), big.NewRat(math.MaxInt64, 100), big.NewRat(math.MinInt64, 100),
		big.NewRat(math.MaxInt64, math.MaxInt64-1), big.NewRat(math.MinInt64+1, 3), big.NewRat(1, math.MaxInt64)}
	for i := 0; i < 200000; i++ {
		switch r.IntN(4) {
		case 0:
			cases = append(cases, big.NewRat(r.Int64N(2000001)-1000000, 1000))
		case 1:
			cases = append(cases, big.NewRat(r.Int64()-r.Int64(), 1+r.Int64N(math.MaxInt64)))
		case 2:
			cases = append(cases, big.NewRat(int64(r.IntN(2000001))*10+5-10000000, 1000))
		default:
			n := new(big.Int).Lsh(big.NewInt(r.Int64N(1<<40)-1<<39), uint(r.IntN(80)))
			cases = append(cases, new(big.Rat).SetFrac(n, big.NewInt(1+r.Int64N(1<<40))))
		}
	}
	for _, c := range cases {
		if got, want := Round(c), refRound(c); got != want {
			t.Fatalf("Round(%v) = %d, want %d", c, got, want)
		}
	}
	cents := []Cents{0, 1, -1, 5, -5, 99, -99, 100, -100, 305, -305, 9750, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for i := 0; i < 100000; i++ {
		cents = append(cents, Cents(r.Int64()-r.Int64()), Cents(r.IntN(20001)-10000))
	}
	for _, c := range cents {
		if got, want := c.String(), refString(c); got != want {
			t.Fatalf("Cents(%d).String() = %q, want %q", int64(c), got, want)
		}
	}
}

// TestDiffAnnualFindsDifferences: the comparison above is not blind: a
// changed exact rational, detail count, score or explanation argument is
// reported.
func TestDiffAnnualFindsDifferences(t *testing.T) {
	p := DefaultPolicy()
	in := benchInputs(p, 2025, 3)
	base := refEvaluate(p, 2025, in)
	if s := diffAnnual(Evaluate(p, 2025, in), base); s != "" {
		t.Fatalf("same inputs differ: %s", s)
	}
	mutations := map[string]func(a *Annual){
		"exact": func(a *Annual) {
			a.Components[Quality].Exact = new(big.Rat).Add(a.Components[Quality].Exact, big.NewRat(1, 1000))
		},
		"rate":     func(a *Annual) { a.Components[Attendance].Attendance.PunctualityRate = big.NewRat(1, 2) },
		"count":    func(a *Annual) { a.Components[Weekly].Weekly.Late++ },
		"score":    func(a *Annual) { a.Score++ },
		"argument": func(a *Annual) { a.Components[Supervisor].Explanation.Args["mean"] = "0.00" },
		"args int": func(a *Annual) { a.Explanation.Args["w_quality"] = int64(25) },
		"mean":     func(a *Annual) { a.Components[Supervisor].Supervisor.Mean = nil },
	}
	for name, m := range mutations {
		changed := refEvaluate(p, 2025, in)
		m(&changed)
		if diffAnnual(changed, base) == "" {
			t.Errorf("%s: a difference went unnoticed", name)
		}
	}
}

// forRandomYears calls each with 60,000 random agent-years (6,000 with
// -short) drawn from the generator seeded (s1, s2): a new random policy
// every 50, a third of them the typical sufficient inputs of benchInputs
// (so that the short paths run); it returns their number.
func forRandomYears(s1, s2 uint64, each func(i int, p Policy, year int, in Inputs)) int {
	r := rand.New(rand.NewPCG(s1, s2))
	n := 60000
	if testing.Short() {
		n = 6000
	}
	var p Policy
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			p = randomPolicy(r)
		}
		year := 2020 + r.IntN(8)
		in := randomInputs(r, p, year)
		if r.IntN(3) == 0 {
			in = benchInputs(p, year, r.IntN(1000))
		}
		each(i, p, year, in)
	}
	return n
}

// TestEvaluateResultMatchesReference: EvaluateResult, the board's short
// path, gives exactly the reference's Evaluate(...).Result() (complete or
// not, score, reasons) over 60,000 random agent-years and policies.
func TestEvaluateResultMatchesReference(t *testing.T) {
	complete := 0
	n := forRandomYears(99, 1, func(i int, p Policy, year int, in Inputs) {
		want := refEvaluate(p, year, in).Result()
		got := EvaluateResult(p, year, in)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %d (year %d, policy %+v): got %+v, want %+v", i, year, p, got, want)
		}
		if want.Complete {
			complete++
		}
	})
	if complete < n/10 {
		t.Fatalf("only %d of %d cases complete: the short path is barely tested", complete, n)
	}
}

// TestComponentScoresMatchReference: ComponentScores, the dashboard's
// short path, gives exactly the Score and Sufficient of each of the
// reference's four components (0 for an insufficient one) over 60,000
// random agent-years and policies, sufficient or not, huge or not.
func TestComponentScoresMatchReference(t *testing.T) {
	sufficient := [4]int{}
	n := forRandomYears(7, 3, func(i int, p Policy, year int, in Inputs) {
		ref := refEvaluate(p, year, in)
		var want [4]Cents
		var wantOK [4]bool
		for k, c := range ref.Components {
			want[k], wantOK[k] = c.Score, c.Sufficient
			if c.Sufficient {
				sufficient[k]++
			}
		}
		got, gotOK := ComponentScores(p, year, in)
		if got != want || gotOK != wantOK {
			t.Fatalf("case %d (year %d, policy %+v): got %v %v, want %v %v", i, year, p, got, gotOK, want, wantOK)
		}
	})
	for k, m := range sufficient {
		if m < n/10 || m > n-n/10 {
			t.Fatalf("component %d sufficient in %d of %d cases: both outcomes must be tested", k, m, n)
		}
	}
}

// TestGcd64MatchesBig: the binary gcd of the int64 fractions (which keep
// them in lowest terms, as big.Rat does) is big.Int's GCD, on zeros,
// powers of two, the uint64 limits and random values.
func TestGcd64MatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	pairs := [][2]uint64{{0, 0}, {0, 7}, {7, 0}, {1 << 63, 1 << 62}, {math.MaxUint64, math.MaxUint64 - 1}, {12, 18}, {1 << 63, 3}}
	for i := 0; i < 100000; i++ {
		a, b := r.Uint64()>>r.IntN(64), r.Uint64()>>r.IntN(64)
		k := uint64(1 + r.IntN(1000))
		pairs = append(pairs, [2]uint64{a, b}, [2]uint64{a % (1 << 40) * k, b % (1 << 20) * k})
	}
	for _, pr := range pairs {
		want := new(big.Int).GCD(nil, nil, new(big.Int).SetUint64(pr[0]), new(big.Int).SetUint64(pr[1]))
		if got := gcd64(pr[0], pr[1]); new(big.Int).SetUint64(got).Cmp(want) != 0 {
			t.Fatalf("gcd64(%d, %d) = %d, want %s", pr[0], pr[1], got, want)
		}
	}
}

// TestAuditScoreFromWeightsMatchesBig: an audit's score through the int64
// path is big.NewRat(100 × passed, answered), value and lowest terms, for
// small, huge and overflowing weights.
func TestAuditScoreFromWeightsMatchesBig(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for i := 0; i < 100000; i++ {
		answered := int64(1 + extreme(r, 40))
		passed := r.Int64N(answered + 1)
		got, err := AuditScoreFromWeights(passed, answered, false)
		if err != nil {
			t.Fatal(err)
		}
		want := big.NewRat(100*passed, answered)
		gj, _ := got.MarshalText()
		wj, _ := want.MarshalText()
		if got.Cmp(want) != 0 || string(gj) != string(wj) {
			t.Fatalf("AuditScoreFromWeights(%d, %d) = %s, want %s", passed, answered, gj, wj)
		}
	}
}
