package scoring

// The implementation of Evaluate and of what it calls before the int64 fast
// paths, moved here verbatim (only renamed with a ref prefix, and
// Cents.String as refString) as the reference that exactness_test.go
// compares the fast code with. Do not "fix" or speed it up: it is the
// definition of the expected results.

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"math/bits"

	"sullam/models"
)

// refEvaluate computes the four components of year and combines them.
// in.Attendance must be a tally for year; nil counts as no attendance record.
func refEvaluate(p Policy, year int, in Inputs) Annual {
	t := in.Attendance
	if t == nil {
		t = NewAttendanceTally(p, year)
	}
	return refCombine(p, year, [4]Component{
		refAttendanceScore(p, t),
		refQualityScore(p, year, in.AuditScores),
		refWeekly(in, p, year, t.ExpectedWeeks()),
		refSupervisorScore(p, year, in.Reviews),
	})
}

// refWeekly returns the weekly component of year from in.Weekly when set,
// else from in.Reports.
func refWeekly(in Inputs, p Policy, year int, expected WeekSet) Component {
	if in.Weekly != nil {
		return refWeeklyScoreFromCounts(p, year, expected, *in.Weekly)
	}
	return refWeeklyScore(p, year, expected, in.Reports)
}

// refCombine returns the annual evaluation of year from its four components,
// given in the order attendance, quality, weekly, supervisor: the weighted
// refMean (Σ weight × rounded component score) / 100 of the rounded component
// scores, rounded; incomplete, with reasons, when any component is
// insufficient.
func refCombine(p Policy, year int, comps [4]Component) Annual {
	a := Annual{Year: year, PolicyVersion: p.Version, Components: comps}
	var missing []string
	for i, c := range comps {
		k := ComponentKind(i)
		if !c.Sufficient {
			a.Reasons = append(a.Reasons, k.String()+": "+c.Reason)
			missing = append(missing, k.String())
		}
	}
	if len(missing) > 0 {
		a.Explanation = Explanation{Key: KeyAnnualIncomplete, Args: map[string]any{
			"count": len(missing), "components": strings.Join(missing, ", "),
		}}
		return a
	}
	var sum int64
	for i, c := range comps {
		sum += int64(p.Weights.Of(ComponentKind(i))) * int64(c.Score)
	}
	// sum is in hundredths of a point times the weights: score = sum/100/100.
	a.Complete = true
	a.Score = refRound(big.NewRat(sum, 100*100))
	a.Explanation = Explanation{Key: KeyAnnual, Args: map[string]any{
		"attendance":   refString(comps[Attendance].Score),
		"quality":      refString(comps[Quality].Score),
		"weekly":       refString(comps[Weekly].Score),
		"supervisor":   refString(comps[Supervisor].Score),
		"w_attendance": p.Weights.Attendance,
		"w_quality":    p.Weights.Quality,
		"w_weekly":     p.Weights.Weekly,
		"w_supervisor": p.Weights.Supervisor,
		"score":        refString(a.Score),
	}}
	return a
}

// refAttendanceScore returns the attendance component (spec §1):
// A = AttendanceRateWeight × attendance_rate + PunctualityRateWeight ×
// punctuality_rate; insufficient below p.MinScheduledDays scheduled days.
func refAttendanceScore(p Policy, t *AttendanceTally) Component {
	d := &AttendanceDetail{
		RecordsInYear: t.records,
		ScheduledDays: t.scheduled,
		PresentDays:   t.present,
		AbsentDays:    t.absent,
		LeaveDays:     t.leave,
		HolidayDays:   t.holiday,
		PunctualDays:  t.punctual,
		UnknownStatus: t.unknown,
		GraceMinutes:  t.grace,
	}
	c := Component{Kind: Attendance, Attendance: d}
	if t.scheduled > 0 {
		d.AttendanceRate = big.NewRat(int64(t.present), int64(t.scheduled))
		d.PunctualityRate = new(big.Rat)
		if t.present > 0 {
			d.PunctualityRate.SetFrac64(int64(t.punctual), int64(t.present))
		}
	}
	if t.unknown > 0 {
		c.Reason = fmt.Sprintf("%s with an unknown status", plural(t.unknown, "record", "records"))
		c.Explanation = Explanation{Key: KeyAttendanceUnknownStatus, Args: map[string]any{"count": t.unknown}}
		return c
	}
	if t.scheduled < p.MinScheduledDays || t.scheduled == 0 {
		c.Reason = fmt.Sprintf("%s, %d needed", plural(t.scheduled, "scheduled day", "scheduled days"), p.MinScheduledDays)
		c.Explanation = Explanation{Key: KeyAttendanceInsufficient, Args: map[string]any{
			"scheduled": t.scheduled, "needed": p.MinScheduledDays,
		}}
		return c
	}
	a := new(big.Rat).Mul(d.AttendanceRate, big.NewRat(int64(p.AttendanceRateWeight), 1))
	a.Add(a, new(big.Rat).Mul(d.PunctualityRate, big.NewRat(int64(p.PunctualityRateWeight), 1)))
	c.Sufficient = true
	c.Exact = a
	c.Score = refRound(a)
	c.Explanation = Explanation{Key: KeyAttendance, Args: map[string]any{
		"scheduled":        t.scheduled,
		"present":          t.present,
		"absent":           t.absent,
		"leave":            t.leave,
		"holiday":          t.holiday,
		"punctual":         t.punctual,
		"grace":            t.grace,
		"attendance_rate":  refPercentText(d.AttendanceRate),
		"punctuality_rate": refPercentText(d.PunctualityRate),
		"score":            refString(c.Score),
	}}
	return c
}

// refQualityScore returns the quality component of year (spec §2): the mean of
// the scores of the audits dated in year; insufficient below p.MinAudits
// audits. Audits dated in other years, and nil scores, are ignored.
func refQualityScore(p Policy, year int, auditScores []DatedScore) Component {
	var in []DatedScore
	for _, s := range auditScores {
		if s.Date.Year == year && s.Score != nil {
			in = append(in, s)
		}
	}
	d := &QualityDetail{Audits: len(in), Scores: in, Mean: refMean(in)}
	c := Component{Kind: Quality, Quality: d}
	if len(in) < p.MinAudits || len(in) == 0 {
		c.Reason = fmt.Sprintf("%s, %d needed", plural(len(in), "audit", "audits"), p.MinAudits)
		c.Explanation = Explanation{Key: KeyQualityInsufficient, Args: map[string]any{
			"audits": len(in), "needed": p.MinAudits,
		}}
		return c
	}
	c.Sufficient = true
	c.Exact = new(big.Rat).Set(d.Mean)
	c.Score = refRound(d.Mean)
	c.Explanation = Explanation{Key: KeyQuality, Args: map[string]any{
		"audits": len(in), "mean": refString(c.Score), "score": refString(c.Score),
	}}
	return c
}

// refReviewScore returns the exact score of one review: 100 × Σ(weight ×
// rating) / (5 × Σ weight) over comps. It fails when a competency has no
// rating, a rating is outside 1–5, a rating names no competency of comps, or
// comps is empty or has a non-positive weight.
func refReviewScore(comps []Competency, ratings map[string]int) (*big.Rat, error) {
	if len(comps) == 0 {
		return nil, fmt.Errorf("score review: no competency")
	}
	var sum, weights int64
	known := make(map[string]bool, len(comps))
	for _, c := range comps {
		known[c.Code] = true
		if c.Weight <= 0 {
			return nil, fmt.Errorf("score review: competency %s: weight %d is not positive", c.Code, c.Weight)
		}
		r, ok := ratings[c.Code]
		if !ok {
			return nil, fmt.Errorf("score review: competency %s: no rating", c.Code)
		}
		if r < 1 || r > 5 {
			return nil, fmt.Errorf("score review: competency %s: rating %d is outside 1..5", c.Code, r)
		}
		sum += int64(c.Weight) * int64(r)
		weights += int64(c.Weight)
	}
	if len(ratings) != len(known) {
		var extra []string
		for code := range ratings {
			if !known[code] {
				extra = append(extra, code)
			}
		}
		slices.Sort(extra)
		return nil, fmt.Errorf("score review: unknown competency %s", strings.Join(extra, ", "))
	}
	return big.NewRat(100*sum, 5*weights), nil
}

// refSupervisorScore returns the supervisor component of year (spec §4): the
// refMean of the scores (ReviewScore with p.Competencies) of the reviews dated
// in year; insufficient below p.MinReviews reviews. A review of year that
// cannot be scored makes the component insufficient, with the review's date
// and the error as reason, rather than being dropped.
func refSupervisorScore(p Policy, year int, reviews []Review) Component {
	var scores []DatedScore
	for _, r := range reviews {
		if r.Date.Year != year {
			continue
		}
		s, err := refReviewScore(p.Competencies, r.Ratings)
		if err != nil {
			return Component{
				Kind:       Supervisor,
				Supervisor: &SupervisorDetail{},
				Reason:     fmt.Sprintf("review of %s: %v", r.Date, err),
				Explanation: Explanation{Key: KeySupervisorInvalidReview, Args: map[string]any{
					"date": r.Date.String(), "error": err.Error(),
				}},
			}
		}
		scores = append(scores, DatedScore{Date: r.Date, Score: s})
	}
	return refSupervisorScoreOf(p, year, scores)
}

// refSupervisorScoreOf returns the supervisor component of year from review
// scores already computed (for instance with the competencies in force when
// each review was written): their mean for the reviews dated in year,
// insufficient below p.MinReviews. Other years and nil scores are ignored.
func refSupervisorScoreOf(p Policy, year int, reviewScores []DatedScore) Component {
	var in []DatedScore
	for _, s := range reviewScores {
		if s.Date.Year == year && s.Score != nil {
			in = append(in, s)
		}
	}
	d := &SupervisorDetail{Reviews: len(in), Scores: in, Mean: refMean(in)}
	c := Component{Kind: Supervisor, Supervisor: d}
	if len(in) < p.MinReviews || len(in) == 0 {
		if len(in) == 0 && p.MinReviews <= 1 {
			c.Reason = "no review"
		} else {
			c.Reason = fmt.Sprintf("%s, %d needed", plural(len(in), "review", "reviews"), p.MinReviews)
		}
		c.Explanation = Explanation{Key: KeySupervisorInsufficient, Args: map[string]any{
			"reviews": len(in), "needed": p.MinReviews,
		}}
		return c
	}
	c.Sufficient = true
	c.Exact = new(big.Rat).Set(d.Mean)
	c.Score = refRound(d.Mean)
	c.Explanation = Explanation{Key: KeySupervisor, Args: map[string]any{
		"reviews": len(in), "mean": refString(c.Score), "score": refString(c.Score),
	}}
	return c
}

// refWeeklyScore returns the weekly component of year (spec §3). expected holds
// the expected weeks of year (AttendanceTally.ExpectedWeeks). Each expected
// week earns credit 1 when its report was submitted on or before week_start
// + p.OnTimeDays, p.LateCreditPercent/100 when later, 0 when missing; a
// report for a week that is not expected earns no credit but its rating
// still counts. report_quality = mean rating of the rated reports whose
// week_start is in year ÷ 5. W = SubmissionWeight × submission_rate +
// ReportQualityWeight × report_quality. Insufficient below
// p.MinExpectedWeeks expected weeks or p.MinRatedReports rated reports.
// Reports whose week_start is not in year are ignored; should two reports
// share a week, the week gets the better credit.
func refWeeklyScore(p Policy, year int, expected WeekSet, reports []WeeklyReport) Component {
	d := &WeeklyDetail{LateCreditPercent: p.LateCreditPercent}
	if expected.Year() == year {
		d.ExpectedWeeks = expected.Len()
	}
	type weekCredit struct {
		percent int
		onTime  bool
	}
	credit := map[models.Date]weekCredit{} // expected week → its best report
	ratingSum := 0
	for _, r := range reports {
		if r.WeekStart.Year != year {
			continue
		}
		d.Reports++
		if r.Rating >= 1 && r.Rating <= 5 {
			d.Rated++
			ratingSum += r.Rating
		}
		if d.ExpectedWeeks == 0 || !expected.Has(r.WeekStart) {
			d.Unexpected++
			continue
		}
		cr := weekCredit{percent: p.LateCreditPercent}
		if OnTime(p, r.WeekStart, r.SubmittedOn) {
			cr = weekCredit{percent: 100, onTime: true}
		}
		ws := r.WeekStart.WeekStart()
		if old, ok := credit[ws]; !ok || cr.onTime && !old.onTime {
			credit[ws] = cr
		}
	}
	creditSum := 0
	for _, cr := range credit {
		creditSum += cr.percent
		if cr.onTime {
			d.OnTime++
		} else {
			d.Late++
		}
	}
	d.Missing = d.ExpectedWeeks - len(credit)
	return refWeeklyComponent(p, d, creditSum, ratingSum)
}

// refWeeklyComponent completes the weekly component from its counted detail d
// (expected weeks, on time, late, missing, reports, unexpected, rated),
// the credit of the expected weeks in percent and the sum of the ratings.
func refWeeklyComponent(p Policy, d *WeeklyDetail, creditSum, ratingSum int) Component {
	if d.ExpectedWeeks > 0 {
		d.SubmissionRate = big.NewRat(int64(creditSum), 100*int64(d.ExpectedWeeks))
	}
	if d.Rated > 0 {
		d.MeanRating = big.NewRat(int64(ratingSum), int64(d.Rated))
		d.ReportQuality = big.NewRat(int64(ratingSum), 5*int64(d.Rated))
	}

	c := Component{Kind: Weekly, Weekly: d}
	fewWeeks := d.ExpectedWeeks < p.MinExpectedWeeks || d.ExpectedWeeks == 0
	fewRated := d.Rated < p.MinRatedReports || d.Rated == 0
	if fewWeeks || fewRated {
		var why []string
		if fewWeeks {
			why = append(why, fmt.Sprintf("%s, %d needed", plural(d.ExpectedWeeks, "expected week", "expected weeks"), p.MinExpectedWeeks))
		}
		if fewRated {
			if d.Rated == 0 && p.MinRatedReports <= 1 {
				why = append(why, "no rated report")
			} else {
				why = append(why, fmt.Sprintf("%s, %d needed", plural(d.Rated, "rated report", "rated reports"), p.MinRatedReports))
			}
		}
		c.Reason = strings.Join(why, " and ")
		c.Explanation = Explanation{Key: KeyWeeklyInsufficient, Args: map[string]any{
			"expected": d.ExpectedWeeks, "needed_weeks": p.MinExpectedWeeks,
			"rated": d.Rated, "needed_rated": p.MinRatedReports,
			"few_weeks": fewWeeks, "few_rated": fewRated,
		}}
		return c
	}
	w := new(big.Rat).Mul(d.SubmissionRate, big.NewRat(int64(p.SubmissionWeight), 1))
	w.Add(w, new(big.Rat).Mul(d.ReportQuality, big.NewRat(int64(p.ReportQualityWeight), 1)))
	c.Sufficient = true
	c.Exact = w
	c.Score = refRound(w)
	c.Explanation = Explanation{Key: KeyWeekly, Args: map[string]any{
		"expected":        d.ExpectedWeeks,
		"on_time":         d.OnTime,
		"late":            d.Late,
		"missing":         d.Missing,
		"rated":           d.Rated,
		"late_credit":     p.LateCreditPercent,
		"submission_rate": refPercentText(d.SubmissionRate),
		"report_quality":  refPercentText(d.ReportQuality),
		"mean_rating":     refString(refRound(d.MeanRating)),
		"score":           refString(c.Score),
	}}
	return c
}

// refWeeklyScoreFromCounts returns the weekly component of year from the
// counts of the agent's reports of year: the same component WeeklyScore
// returns from the reports themselves, for any policy, provided no two
// reports share a week (the store keeps one report per agent and week
// start, a Sunday). expected holds the expected weeks of year
// (AttendanceTally.ExpectedWeeks); counts of another year count as none.
func refWeeklyScoreFromCounts(p Policy, year int, expected WeekSet, c WeeklyCounts) Component {
	d := &WeeklyDetail{LateCreditPercent: p.LateCreditPercent}
	if c.Year != year {
		c = WeeklyCounts{Year: year}
	}
	var expBits uint64 // the expected weeks, in WeekBit numbering
	if expected.Year() == year {
		d.ExpectedWeeks = expected.Len()
		anchor := weekStartNum(dayNumber(year, time.January, 1))
		expBits = expected.bits << uint((expected.first-anchor)/7)
	}
	var all, onTime uint64
	for delay, b := range c.Delays {
		all |= b
		if delay <= p.OnTimeDays {
			onTime |= b
		}
	}
	credited := bits.OnesCount64(all & expBits)
	d.Reports, d.Rated = c.Reports, c.Rated
	d.Unexpected = c.Reports - credited
	d.OnTime = bits.OnesCount64(onTime & expBits)
	d.Late = credited - d.OnTime
	d.Missing = d.ExpectedWeeks - credited
	return refWeeklyComponent(p, d, 100*d.OnTime+p.LateCreditPercent*d.Late, c.RatingSum)
}

// refPercentText formats the rate r (0..1) as a percentage with 2 decimals.
func refPercentText(r *big.Rat) string {
	return refString(refRound(new(big.Rat).Mul(r, big.NewRat(100, 1))))
}

// refMean returns the exact mean of the scores (nil when there are none).
func refMean(scores []DatedScore) *big.Rat {
	if len(scores) == 0 {
		return nil
	}
	sum := new(big.Rat)
	for _, s := range scores {
		sum.Add(sum, s.Score)
	}
	return sum.Quo(sum, big.NewRat(int64(len(scores)), 1))
}

// refRound rounds r half-up (away from zero) to 2 decimals, exactly:
// 2.675 → 2.68, 0.005 → 0.01, −2.675 → −2.68. A nil r rounds to 0.
func refRound(r *big.Rat) Cents {
	if r == nil {
		return 0
	}
	num := new(big.Int).Mul(r.Num(), big.NewInt(100))
	neg := num.Sign() < 0
	num.Abs(num)
	den := r.Denom()
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return Cents(q.Int64())
}

// refString formats c with exactly 2 decimals: "97.50", "-3.05", "100.00".
func refString(c Cents) string {
	sign := ""
	u := uint64(c)
	if c < 0 {
		sign = "-"
		u = -u
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}
