package scoring

// EvaluateResult returns Evaluate(p, year, in).Result(), the year's result
// as Assess takes it, without building the components' details, exact
// rationals and explanations when every component is sufficient and its
// figures fit in int64; otherwise it evaluates the year in full. The
// promotion board and the readiness of many agents need only this.
func EvaluateResult(p Policy, year int, in Inputs) YearResult {
	in, t, scores, ok := shortScores(p, year, in)
	if !ok[0] || !ok[1] || !ok[2] || !ok[3] {
		return incompleteResult(p, year, in, t, ok)
	}
	var sum int64
	for i, s := range scores {
		sum += int64(p.Weights.Of(ComponentKind(i))) * int64(s)
	}
	score, fits := (frac{sum, 100 * 100}).round(100)
	if !fits {
		return Evaluate(p, year, in).Result()
	}
	return YearResult{Year: year, Complete: true, Score: score}
}

// ComponentScores returns the Score and Sufficient of the four components
// Evaluate(p, year, in) computes (an insufficient component's score is 0),
// without their details, exact rationals and explanations when each
// component is either sufficient with figures that fit in int64 or
// insufficient; otherwise it evaluates the year in full. The manager
// dashboard's calibration of supervisors needs only these.
func ComponentScores(p Policy, year int, in Inputs) (scores [4]Cents, sufficient [4]bool) {
	in, t, scores, sufficient := shortScores(p, year, in)
	for _, k := range ComponentKinds {
		if sufficient[k] {
			continue
		}
		if _, insufficient := componentReason(p, year, in, t, k); !insufficient {
			for i, c := range Evaluate(p, year, in).Components {
				scores[i], sufficient[i] = c.Score, c.Sufficient
			}
			return scores, sufficient
		}
		scores[k] = 0
	}
	return scores, sufficient
}

// shortScores computes the four components' scores on the int64 short
// path: ok[k] is false when component k is insufficient or its figures do
// not fit (the callers tell which). It returns the inputs as scored (an
// agent-year with no weekly report at all scored from empty counts, which
// WeeklyScoreFromCounts scores as WeeklyScore scores no report) and the
// attendance tally (an empty one for none).
func shortScores(p Policy, year int, in Inputs) (Inputs, *AttendanceTally, [4]Cents, [4]bool) {
	t := in.Attendance
	if t == nil {
		t = NewAttendanceTally(p, year)
	}
	if in.Weekly == nil && len(in.Reports) == 0 {
		in.Weekly = &WeeklyCounts{Year: year}
	}
	var scores [4]Cents
	var ok [4]bool
	scores[Attendance], ok[Attendance] = attendanceResult(p, t)
	scores[Quality], ok[Quality] = meanResult(year, in.AuditScores, p.MinAudits)
	if in.Weekly != nil { // the weekly reports as rows take the full path
		scores[Weekly], ok[Weekly] = weeklyResult(p, year, t.ExpectedWeeks(), *in.Weekly)
	}
	scores[Supervisor], ok[Supervisor] = supervisorResult(p, year, in.Reviews)
	return in, t, scores, ok
}

// attendanceResult returns the score AttendanceScore gives when it is
// sufficient and its figures fit, else false.
func attendanceResult(p Policy, t *AttendanceTally) (Cents, bool) {
	if t.unknown > 0 || t.scheduled < p.MinScheduledDays || t.scheduled <= 0 {
		return 0, false
	}
	rate, ok1 := fracOf(int64(t.present), int64(t.scheduled))
	punct, ok2 := frac{0, 1}, true
	if t.present > 0 {
		punct, ok2 = fracOf(int64(t.punctual), int64(t.present))
	}
	a, ok := attendanceFrac(p, rate, punct, ok1 && ok2)
	if !ok {
		return 0, false
	}
	return a.round(100)
}

// meanResult returns the rounded mean of the non-nil scores dated in year,
// as QualityScore and SupervisorScoreOf give it when there are at least
// needed of them and the figures fit, else false.
func meanResult(year int, scores []DatedScore, needed int) (Cents, bool) {
	sum, n := frac{0, 1}, 0
	for _, s := range scores {
		if s.Date.Year != year || s.Score == nil {
			continue
		}
		f, ok := fracOfRat(s.Score)
		if !ok {
			return 0, false
		}
		if sum, ok = sum.add(f); !ok {
			return 0, false
		}
		n++
	}
	if n < needed || n == 0 {
		return 0, false
	}
	m, ok := sum.divInt(int64(n))
	if !ok {
		return 0, false
	}
	return m.round(100)
}

// weeklyResult returns the score WeeklyScoreFromCounts gives when it is
// sufficient and its figures fit, else false.
func weeklyResult(p Policy, year int, expected WeekSet, c WeeklyCounts) (Cents, bool) {
	d, creditSum, ratingSum := weeklyCountsDetail(p, year, expected, c)
	if d.ExpectedWeeks < p.MinExpectedWeeks || d.ExpectedWeeks == 0 || d.Rated < p.MinRatedReports || d.Rated == 0 {
		return 0, false
	}
	sub, ok1 := fracOf(int64(creditSum), 100*int64(d.ExpectedWeeks))
	quality, ok2 := fracOf(int64(ratingSum), 5*int64(d.Rated))
	_, ok3 := fracOf(int64(ratingSum), int64(d.Rated)) // the mean rating, as weeklyComponent needs it
	w, ok := weeklyFrac(p, sub, quality, ok1 && ok2 && ok3)
	if !ok {
		return 0, false
	}
	return w.round(100)
}

// supervisorResult returns the score SupervisorScore gives when every
// review of year can be scored, there are enough and the figures fit, else
// false.
func supervisorResult(p Policy, year int, reviews []Review) (Cents, bool) {
	sum, n := frac{0, 1}, 0
	for _, r := range reviews {
		if r.Date.Year != year {
			continue
		}
		f, ok := reviewFrac(p.Competencies, r.Ratings)
		if !ok {
			return 0, false
		}
		if sum, ok = sum.add(f); !ok {
			return 0, false
		}
		n++
	}
	if n < p.MinReviews || n == 0 {
		return 0, false
	}
	m, ok := sum.divInt(int64(n))
	if !ok {
		return 0, false
	}
	return m.round(100)
}

// incompleteResult returns Evaluate(p, year, in).Result() when the short
// path found the components that are not ok[k] insufficient or too large:
// when those are all insufficient the year is incomplete with their
// reasons (computed without the components' details and explanations);
// otherwise (a sufficient component too large for int64) it evaluates the
// year in full.
func incompleteResult(p Policy, year int, in Inputs, t *AttendanceTally, ok [4]bool) YearResult {
	r := YearResult{Year: year}
	for _, k := range ComponentKinds {
		if ok[k] {
			continue
		}
		reason, insufficient := componentReason(p, year, in, t, k)
		if !insufficient {
			return Evaluate(p, year, in).Result()
		}
		r.Reasons = append(r.Reasons, k.String()+": "+reason)
	}
	return r
}

// componentReason returns the Reason of the component of kind k that
// Evaluate computes, and whether it is insufficient.
func componentReason(p Policy, year int, in Inputs, t *AttendanceTally, k ComponentKind) (string, bool) {
	switch k {
	case Attendance:
		return attendanceReason(p, t)
	case Quality:
		n := 0
		for _, s := range in.AuditScores {
			if s.Date.Year == year && s.Score != nil {
				n++
			}
		}
		if n < p.MinAudits || n == 0 {
			return qualityReason(p, n), true
		}
		return "", false
	case Weekly:
		if in.Weekly == nil {
			c := in.weekly(p, year, t.ExpectedWeeks())
			return c.Reason, !c.Sufficient
		}
		d, _, _ := weeklyCountsDetail(p, year, t.ExpectedWeeks(), *in.Weekly)
		if fewWeeks, fewRated := weeklyFew(p, &d); fewWeeks || fewRated {
			return weeklyReason(p, &d), true
		}
		return "", false
	}
	n := 0
	for _, r := range in.Reviews {
		if r.Date.Year != year {
			continue
		}
		if _, ok := reviewFrac(p.Competencies, r.Ratings); !ok {
			// a review that cannot be scored (or too large): the full
			// component says why
			c := SupervisorScore(p, year, in.Reviews)
			return c.Reason, !c.Sufficient
		}
		n++
	}
	if n < p.MinReviews || n == 0 {
		return supervisorReason(p, n), true
	}
	return "", false
}
