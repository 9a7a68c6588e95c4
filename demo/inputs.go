package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"sullam/models"
	"sullam/scoring"
)

// agentInputs is one agent's generated records, by year offset from the
// calendar's first year.
type agentInputs struct {
	att     [][]attRec
	audits  [][]models.AuditRow
	weekly  [][]models.WeeklyRow
	reviews [][]models.ReviewRow
}

// attRec is a compact attendance record (no pointers, so cheap to hold by
// the million): the calendar day, the status and the minutes.
type attRec struct {
	day         int32
	status      uint8 // index in models.AttendanceStatuses
	late, early uint16
}

// statusIndex is the attRec.status of each attendance status.
var statusIndex = func() map[models.AttendanceStatus]uint8 {
	m := map[models.AttendanceStatus]uint8{}
	for i, s := range models.AttendanceStatuses {
		m[s] = uint8(i)
	}
	return m
}()

// inputs generates the evaluation inputs of every agent and stores them in
// d, grouped by year and, within a year, by employee number.
func (g *generator) inputs(d *Data) {
	nYears := g.last.Year - g.cal.start.Year + 1
	if nYears < 1 {
		return
	}
	all := make([]agentInputs, len(g.people))
	parallel(len(g.people), func(i int) { all[i] = g.agentInputs(g.people[i], nYears) })

	// Each agent's rows of year y go to a known place of the final slices,
	// so the agents are copied in parallel, each row written once.
	type offsets struct{ att, aud, week, rev int }
	off := make([][]offsets, nYears)
	var n offsets
	for y := range nYears {
		off[y] = make([]offsets, len(all))
		for i := range all {
			off[y][i] = n
			n.att += len(all[i].att[y])
			n.aud += len(all[i].audits[y])
			n.week += len(all[i].weekly[y])
			n.rev += len(all[i].reviews[y])
		}
	}
	d.Attendance = make([]models.AttendanceRow, n.att)
	d.Audits = make([]models.AuditRow, n.aud)
	d.Weekly = make([]models.WeeklyRow, n.week)
	d.Reviews = make([]models.ReviewRow, n.rev)
	parallel(len(all), func(i int) {
		no := g.people[i].no
		for y := range nYears {
			o := off[y][i]
			for k, a := range all[i].att[y] {
				d.Attendance[o.att+k] = models.AttendanceRow{Line: o.att + k + 2, EmployeeNo: no, Day: models.AttendanceDay{
					Date: g.cal.days[a.day], Status: models.AttendanceStatuses[a.status], LateMinutes: int(a.late), EarlyLeaveMinutes: int(a.early)}}
			}
			for k, r := range all[i].audits[y] {
				r.Line = o.aud + k + 2
				d.Audits[o.aud+k] = r
			}
			for k, r := range all[i].weekly[y] {
				r.Line = o.week + k + 2
				d.Weekly[o.week+k] = r
			}
			for k, r := range all[i].reviews[y] {
				r.Line = o.rev + k + 2
				d.Reviews[o.rev+k] = r
			}
		}
		all[i] = agentInputs{}
	})
}

// clamp01 bounds x to [0, 1].
func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// rating rounds mu to an integer 1–5.
func rating(mu float64) int { return int(math.Max(1, math.Min(5, math.Round(mu)))) }

// agentInputs draws one agent's attendance, audits, weekly reports and
// reviews from the agent's own random stream, so that agents can be
// generated in any order (or in parallel) with the same result. The steps
// draw from the stream in this order, which the data depends on: each
// year's quality, the annual leave, the attendance, the weekly reports, the
// audits, the reviews.
func (g *generator) agentInputs(p *person, nYears int) agentInputs {
	out := agentInputs{att: make([][]attRec, nYears), audits: make([][]models.AuditRow, nYears),
		weekly: make([][]models.WeeklyRow, nYears), reviews: make([][]models.ReviewRow, nYears)}
	cal := g.cal
	lo := max(cal.index(p.hire), cal.index(g.from), 0)
	hi := cal.index(g.last)
	if !p.leftOn.IsZero() {
		hi = min(hi, cal.index(p.leftOn)-1)
	}
	if lo > hi {
		return out
	}
	r := rand.New(rand.NewPCG(g.seed^0x9e3779b97f4a7c15, p.rngStream))
	base := cal.start.Year
	firstY, lastY := cal.days[lo].Year, cal.days[hi].Year
	for y := firstY; y <= lastY; y++ { // room for a full year
		out.att[y-base] = make([]attRec, 0, 262)
		out.weekly[y-base] = make([]models.WeeklyRow, 0, 53)
		out.audits[y-base] = make([]models.AuditRow, 0, 16)
		out.reviews[y-base] = make([]models.ReviewRow, 0, 4)
	}
	d := &agentDraw{g: g, p: p, r: r, out: &out, lo: lo, hi: hi, base: base, firstY: firstY, lastY: lastY}
	d.quality()
	leave := d.leave()
	worked, presentIdx := d.attendance(leave)
	if !p.hasReports {
		return out
	}
	d.weekly(worked)
	d.audits(presentIdx)
	d.reviews()
	return out
}

// agentDraw is the state of agentInputs' steps for one agent: its random
// stream, the calendar indexes of its first and last days (lo, hi), the
// years they fall in, the quality of each year and the records drawn.
type agentDraw struct {
	g             *generator
	p             *person
	r             *rand.Rand
	out           *agentInputs
	lo, hi        int
	base          int // the calendar's first year
	firstY, lastY int
	qy            map[int]float64
}

// quality draws the agent's quality of each year.
func (d *agentDraw) quality() {
	r, firstY, lastY, p := d.r, d.firstY, d.lastY, d.p
	// The quality of each year drifts a little around the agent's level.
	qy := map[int]float64{}
	d.qy = qy
	for y := firstY; y <= lastY; y++ {
		qy[y] = clamp01(p.q + 0.04*r.NormFloat64())
	}
}

// leave draws the annual leave: which of the agent's days (from lo) are on
// leave.
func (d *agentDraw) leave() []bool {
	g, r, lo, hi, firstY, lastY := d.g, d.r, d.lo, d.hi, d.firstY, d.lastY
	cal := g.cal
	// Annual leave: two blocks of working days a year.
	leave := make([]bool, hi-lo+1)
	for y := firstY; y <= lastY; y++ {
		a := max(lo, cal.index(models.NewDate(y, 1, 1)))
		b := min(hi, cal.index(models.NewDate(y, 12, 31)))
		for _, n := range []int{between(r, 8, 15), between(r, 3, 8)} {
			if b-a < 60 {
				break // a short part of a year: no planned leave
			}
			i := between(r, a, b)
			for ; n > 0 && i <= b; i++ {
				if workday(i) && !cal.holiday[i] {
					leave[i-lo] = true
					n--
				}
			}
		}
	}
	return leave
}

// attendance draws the attendance days; it returns the number of present
// or absent days of each week (from lo's week) and the present days.
func (d *agentDraw) attendance(leave []bool) (worked, presentIdx []int) {
	r, lo, hi, qy, out, base := d.r, d.lo, d.hi, d.qy, d.out, d.base
	cal := d.g.cal
	nWeeks := hi/7 - lo/7 + 1
	worked = make([]int, nWeeks) // present or absent days, by week
	presentIdx = make([]int, 0, hi-lo+1)
	sick := 0
	for i := lo; i <= hi; i++ {
		if !workday(i) {
			continue
		}
		dt := cal.days[i]
		q := qy[dt.Year]
		day := models.AttendanceDay{Date: dt}
		switch {
		case cal.holiday[i]:
			day.Status = models.Holiday
		case leave[i-lo]:
			day.Status = models.Leave
		case sick > 0:
			day.Status = models.Leave
			sick--
		case r.Float64() < 0.004:
			day.Status = models.Leave // sick leave of one to three days
			sick = between(r, 0, 2)
		case r.Float64() < 0.004+0.03*(1-q):
			day.Status = models.Absent
		default:
			day.Status = models.Present
			u := r.Float64()
			pLate := 0.01 + 0.12*(1-q)
			switch {
			case u < pLate:
				day.LateMinutes = min(180, 16+int(r.ExpFloat64()*14))
			case u < pLate+0.12:
				day.LateMinutes = between(r, 1, 15)
			}
			u = r.Float64()
			pEarly := 0.004 + 0.02*(1-q)
			switch {
			case u < pEarly:
				day.EarlyLeaveMinutes = between(r, 16, 90)
			case u < pEarly+0.03:
				day.EarlyLeaveMinutes = between(r, 5, 15)
			}
			presentIdx = append(presentIdx, i)
		}
		if day.Status == models.Present || day.Status == models.Absent {
			worked[i/7-lo/7]++
		}
		out.att[dt.Year-base] = append(out.att[dt.Year-base], attRec{day: int32(i), status: statusIndex[day.Status],
			late: uint16(day.LateMinutes), early: uint16(day.EarlyLeaveMinutes)})
	}
	return worked, presentIdx
}

// weekly draws the weekly reports, for the weeks with a working day.
func (d *agentDraw) weekly(worked []int) {
	g, p, r, lo, qy, out, base, firstY, lastY := d.g, d.p, d.r, d.lo, d.qy, d.out, d.base, d.firstY, d.lastY
	cal := g.cal
	nWeeks := len(worked)
	for w := range nWeeks {
		if worked[w] == 0 {
			continue
		}
		ws := cal.days[(lo/7+w)*7]
		q := qy[max(firstY, min(lastY, ws.Year))]
		pOn := 0.80 + 0.19*q
		var offset int
		switch u := r.Float64(); {
		case u < pOn:
			offset = pick(r, []int{3, 4, 4, 4, 4, 5, 6, 7})
		case u < pOn+0.7*(1-pOn):
			offset = between(r, 8, 16)
		default:
			continue // missing
		}
		sub := ws.AddDays(offset)
		if sub.After(g.last) || (!p.leftOn.IsZero() && !sub.Before(p.leftOn)) {
			continue // not submitted (yet)
		}
		rep := models.WeeklyReport{WeekStart: ws, SubmittedOn: sub}
		if sub.AddDays(between(r, 1, 12)).Before(g.o.Today) && r.IntN(100) < 97 {
			v := rating(2.6 + 2.3*q + 0.6*r.NormFloat64())
			rep.Rating = &v
		}
		n := worked[w] * between(r, 22, 48)
		rep.Interactions = &n
		t1 := r.IntN(len(weeklyTasks))
		t2 := (t1 + 1 + r.IntN(len(weeklyTasks)-1)) % len(weeklyTasks)
		rep.Summary = g.summaries[t1][t2]
		rep.TasksDone = weeklyTasks[t1]
		rep.Issues = pick(r, weeklyIssues)
		rep.Suggestions = pick(r, weeklySuggestions)
		out.weekly[ws.Year-base] = append(out.weekly[ws.Year-base], models.WeeklyRow{EmployeeNo: p.no, Report: rep})
	}
}

// audits draws the quality audits: about one a month, on a day the agent
// was present.
func (d *agentDraw) audits(presentIdx []int) {
	g, p, r, qy, out, base := d.g, d.p, d.r, d.qy, d.out, d.base
	cal := g.cal
	perYear := map[int]int{}
	for k := 0; k < len(presentIdx); {
		d0 := cal.days[presentIdx[k]]
		e := k
		for e < len(presentIdx) && cal.days[presentIdx[e]].Month == d0.Month && cal.days[presentIdx[e]].Year == d0.Year {
			e++
		}
		month := presentIdx[k:e]
		k = e
		n := 0
		if r.IntN(100) < 92 {
			n++
		}
		if r.IntN(100) < 10 {
			n++
		}
		used := map[int]bool{}
		for j := range n {
			if p.gapYears[d0.Year] == gapAudits && perYear[d0.Year] >= 2 {
				break
			}
			day := month[r.IntN(len(month))]
			if used[day] {
				continue
			}
			used[day] = true
			perYear[d0.Year]++
			au := g.audit(r, p, cal.days[day], qy[d0.Year], j+1)
			out.audits[d0.Year-base] = append(out.audits[d0.Year-base], au)
		}
	}
	// The audits of a month were drawn in random day order; keep dates ascending.
	for y := range out.audits {
		sortAudits(out.audits[y])
	}
}

// reviews draws the supervisor reviews: one a quarter, in the last half of
// its last month.
func (d *agentDraw) reviews() {
	g, p, r, lo, hi, qy, out, base, firstY, lastY := d.g, d.p, d.r, d.lo, d.hi, d.qy, d.out, d.base, d.firstY, d.lastY
	cal := g.cal
	compOff := make([]float64, len(g.comps))
	for i := range compOff {
		compOff[i] = 0.35 * r.NormFloat64()
	}
	for y := firstY; y <= lastY; y++ {
		for qtr := 1; qtr <= 4; qtr++ {
			m := time.Month(3 * qtr)
			start := cal.index(models.NewDate(y, m, 15))
			end := cal.index(models.NewDate(y, m+1, 1)) - 1
			i := between(r, start, end)
			for i <= end && (i < 0 || i >= len(cal.days) || !workday(i) || cal.holiday[i]) {
				i++
			}
			if i > end || i < lo || i > hi || i < cal.index(p.hire)+42 || p.gapYears[y] == gapReviews {
				continue
			}
			date := cal.days[i]
			q := qy[y]
			rv := models.ReviewRow{EmployeeNo: p.no, ReviewerNo: reviewerOf(p, date).no, Ratings: map[string]int{},
				Review: models.Review{ReviewDate: date, Period: fmt.Sprintf("%d-Q%d", y, qtr)}}
			sum := 0
			for c, code := range g.comps {
				v := rating(2.7 + 2.3*q + compOff[c] + 0.45*r.NormFloat64())
				rv.Ratings[code] = v
				sum += v
			}
			mean := float64(sum) / float64(len(g.comps))
			level := 3
			switch {
			case mean < 2.8:
				level = 0
			case mean < 3.6:
				level = 1
			case mean < 4.4:
				level = 2
			}
			rv.Review.Comments = pick(r, reviewComments[level])
			out.reviews[y-base] = append(out.reviews[y-base], rv)
		}
	}
}

// reviewerOf returns who reviews p on date: the direct supervisor, or, before
// the supervisor took the role, the supervisor's own supervisor.
func reviewerOf(p *person, date models.Date) *person {
	s := p.sup
	for s.sup != nil && date.Before(s.roleStart) {
		s = s.sup
	}
	return s
}

// channels and their weights (percent).
var channels = []struct {
	c   models.Channel
	pct int
}{{models.Phone, 45}, {models.Chat, 25}, {models.Email, 20}, {models.InPerson, 10}}

// audit draws one audit of p on date for a year of quality q.
func (g *generator) audit(r *rand.Rand, p *person, date models.Date, q float64, k int) models.AuditRow {
	ch := channels[len(channels)-1].c
	u := r.IntN(100)
	for _, c := range channels {
		if u < c.pct {
			ch = c.c
			break
		}
		u -= c.pct
	}
	pf := 0.015 + 0.28*math.Pow(1-q, 1.2)
	pc := 0.002 + 0.025*(1-q)
	answers := make(map[string]models.Answer, len(g.items))
	firstFail := ""
	for _, it := range g.items {
		a := models.Pass
		switch {
		case it.Code == "PERSONAL" && (ch == models.Email || ch == models.Chat) && r.IntN(100) < 25,
			it.Code == "RESPONSE_TIME" && ch == models.InPerson && r.IntN(100) < 50,
			it.Code == "CLOSING" && r.IntN(100) < 4:
			a = models.NA
		case it.Critical && r.Float64() < pc, !it.Critical && r.Float64() < pf:
			a = models.Fail
			if firstFail == "" {
				firstFail = it.Code
			}
		}
		answers[it.Code] = a
	}
	notes := ""
	switch {
	case firstFail != "":
		notes = pick(r, auditNotes[firstFail])
	case r.IntN(10) == 0:
		notes = "تعامل ممتاز مع العميل"
	}
	ref := fmt.Sprintf("QA-%s-%s-%d", p.no, strings.ReplaceAll(date.String(), "-", ""), k)
	return models.AuditRow{EmployeeNo: p.no, FormCode: scoring.DefaultAuditFormCode, Answers: answers,
		Audit: models.Audit{Ref: ref, AuditDate: date, Channel: ch, Auditor: pick(r, auditors), Notes: notes}}
}

// sortAudits sorts one agent's audits of a year by date (insertion sort:
// they are nearly sorted already).
func sortAudits(a []models.AuditRow) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j].Audit.AuditDate.Before(a[j-1].Audit.AuditDate); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
