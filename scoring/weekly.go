package scoring

import (
	"math/big"
	"strings"

	"sullam/models"
)

// WeeklyReport is the scoring view of one weekly report (spec §3).
type WeeklyReport struct {
	WeekStart   models.Date
	SubmittedOn models.Date
	// Rating is the supervisor's rating 1–5; 0 when not rated yet. A value
	// outside 1–5 is treated as unrated.
	Rating int
}

// WeeklyDetail is the breakdown of a weekly component.
type WeeklyDetail struct {
	// ExpectedWeeks is the number of expected weeks of Y.
	ExpectedWeeks int `json:"expected_weeks"`
	// OnTime, Late and Missing count the expected weeks by their report.
	OnTime  int `json:"on_time"`
	Late    int `json:"late"`
	Missing int `json:"missing"`
	// Reports counts the reports whose week_start is in Y; Unexpected those
	// of them for a week that is not expected (no credit, rating counted).
	Reports    int `json:"reports"`
	Unexpected int `json:"unexpected"`
	// Rated counts the rated reports whose week_start is in Y.
	Rated int `json:"rated"`
	// LateCreditPercent is the credit of a late report, in percent.
	LateCreditPercent int `json:"late_credit_percent"`
	// SubmissionRate = Σ credit / expected weeks (nil without expected weeks).
	SubmissionRate *big.Rat `json:"submission_rate,omitempty"`
	// MeanRating is the mean rating 1–5 of the rated reports, ReportQuality
	// = MeanRating / 5 (both nil without rated reports).
	MeanRating    *big.Rat `json:"mean_rating,omitempty"`
	ReportQuality *big.Rat `json:"report_quality,omitempty"`
}

// WeeklyScore returns the weekly component of year (spec §3). expected holds
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
func WeeklyScore(p Policy, year int, expected WeekSet, reports []WeeklyReport) Component {
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
	return weeklyComponent(p, d, creditSum, ratingSum)
}

// weeklyComponent completes the weekly component from its counted detail d
// (expected weeks, on time, late, missing, reports, unexpected, rated),
// the credit of the expected weeks in percent and the sum of the ratings.
func weeklyComponent(p Policy, d *WeeklyDetail, creditSum, ratingSum int) Component {
	// the rates as int64 fractions when they fit, for the score below
	var sub, meanR, quality frac
	okSub, okMean, okQuality := false, false, false
	if d.ExpectedWeeks > 0 {
		if sub, okSub = fracOf(int64(creditSum), 100*int64(d.ExpectedWeeks)); okSub {
			d.SubmissionRate = sub.rat()
		} else {
			d.SubmissionRate = big.NewRat(int64(creditSum), 100*int64(d.ExpectedWeeks))
		}
	}
	if d.Rated > 0 {
		if meanR, okMean = fracOf(int64(ratingSum), int64(d.Rated)); okMean {
			d.MeanRating = meanR.rat()
		} else {
			d.MeanRating = big.NewRat(int64(ratingSum), int64(d.Rated))
		}
		if quality, okQuality = fracOf(int64(ratingSum), 5*int64(d.Rated)); okQuality {
			d.ReportQuality = quality.rat()
		} else {
			d.ReportQuality = big.NewRat(int64(ratingSum), 5*int64(d.Rated))
		}
	}

	c := Component{Kind: Weekly, Weekly: d}
	fewWeeks, fewRated := weeklyFew(p, d)
	if fewWeeks || fewRated {
		c.Reason = weeklyReason(p, d)
		c.Explanation = Explanation{Key: KeyWeeklyInsufficient, Args: map[string]any{
			"expected": d.ExpectedWeeks, "needed_weeks": p.MinExpectedWeeks,
			"rated": d.Rated, "needed_rated": p.MinRatedReports,
			"few_weeks": fewWeeks, "few_rated": fewRated,
		}}
		return c
	}
	c.Sufficient = true
	var subText, qualityText, meanText string
	if w, ok := weeklyFrac(p, sub, quality, okSub && okQuality); ok && okMean {
		c.Exact, c.Score = w.rat(), w.cents()
		subText, qualityText, meanText = sub.percentText(), quality.percentText(), meanR.cents().String()
	} else {
		w := new(big.Rat).Mul(d.SubmissionRate, big.NewRat(int64(p.SubmissionWeight), 1))
		w.Add(w, new(big.Rat).Mul(d.ReportQuality, big.NewRat(int64(p.ReportQualityWeight), 1)))
		c.Exact, c.Score = w, Round(w)
		subText, qualityText, meanText = percentText(d.SubmissionRate), percentText(d.ReportQuality), Round(d.MeanRating).String()
	}
	c.Explanation = Explanation{Key: KeyWeekly, Args: map[string]any{
		"expected":        d.ExpectedWeeks,
		"on_time":         d.OnTime,
		"late":            d.Late,
		"missing":         d.Missing,
		"rated":           d.Rated,
		"late_credit":     p.LateCreditPercent,
		"submission_rate": subText,
		"report_quality":  qualityText,
		"mean_rating":     meanText,
		"score":           c.Score.String(),
	}}
	return c
}

// weeklyFrac returns SubmissionWeight × sub + ReportQualityWeight × quality
// as an int64 fraction, and false when the rates are not fracs (fast is
// false) or a value overflows.
func weeklyFrac(p Policy, sub, quality frac, fast bool) (frac, bool) {
	if !fast {
		return frac{}, false
	}
	a, ok1 := sub.mulInt(int64(p.SubmissionWeight))
	b, ok2 := quality.mulInt(int64(p.ReportQualityWeight))
	if !ok1 || !ok2 {
		return frac{}, false
	}
	return a.add(b)
}

// weeklyFew says which condition makes the weekly component of detail d
// insufficient: too few expected weeks, too few rated reports.
func weeklyFew(p Policy, d *WeeklyDetail) (fewWeeks, fewRated bool) {
	return d.ExpectedWeeks < p.MinExpectedWeeks || d.ExpectedWeeks == 0, d.Rated < p.MinRatedReports || d.Rated == 0
}

// weeklyReason returns why the weekly component of detail d is
// insufficient ("" when it is sufficient).
func weeklyReason(p Policy, d *WeeklyDetail) string {
	fewWeeks, fewRated := weeklyFew(p, d)
	var why []string
	if fewWeeks {
		why = append(why, fewNeeded(d.ExpectedWeeks, "expected week", "expected weeks", p.MinExpectedWeeks))
	}
	if fewRated {
		if d.Rated == 0 && p.MinRatedReports <= 1 {
			why = append(why, "no rated report")
		} else {
			why = append(why, fewNeeded(d.Rated, "rated report", "rated reports", p.MinRatedReports))
		}
	}
	return strings.Join(why, " and ")
}
