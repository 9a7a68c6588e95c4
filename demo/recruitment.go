package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"sullam/hiring"
	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// riyadh is Saudi Arabia's time zone (UTC+3, no daylight saving time).
var riyadh = time.FixedZone("AST", 3*60*60)

// kitGroups are the groups of the default question bank an interview kit
// draws from: k questions of each group (the bank's five categories).
var kitGroups = []struct {
	codes []string
	k     int
}{
	{[]string{"Q01", "Q02"}, 1},               // past experience with customers
	{[]string{"Q03", "Q04"}, 1},               // past experience: time, difficult customers
	{[]string{"Q05", "Q06"}, 1},               // technical skills
	{[]string{"Q07", "Q08", "Q09", "Q10"}, 2}, // communication and problem solving
	{[]string{"Q11", "Q12"}, 1},               // working under pressure
	{[]string{"Q13", "Q14", "Q15"}, 2},        // commitment to quality service
}

var (
	educations = []string{"بكالوريوس إدارة أعمال", "بكالوريوس لغة إنجليزية", "دبلوم تسويق", "بكالوريوس نظم معلومات",
		"ثانوية عامة", "دبلوم خدمة عملاء", "Bachelor of Business Administration", "بكالوريوس علوم إدارية", "Diploma in Marketing"}
	sources   = []string{"جدارات", "LinkedIn", "موقع الشركة", "ترشيح موظف", "معرض توظيف", "تقدم مباشرة"}
	locations = []string{"مقر الشركة - الرياض، قاعة الاجتماعات 2", "مقر الشركة - جدة", "مكالمة فيديو (Microsoft Teams)"}
	ivNotes   = [][]string{ // by recommendation: strong no, no, yes, strong yes
		{"إجابات عامة دون أمثلة، وضعف واضح في التعامل مع العميل الغاضب.", "No concrete examples; struggled with the role-play."},
		{"تواصل مقبول، لكن الخبرة في أنظمة إدارة العملاء محدودة.", "Polite but hesitant; limited product sense."},
		{"تواصل جيد وأمثلة واقعية من عمل سابق.", "Good examples, calm under the pressure questions."},
		{"إجابات ممتازة ومنظمة، وهدوء لافت في سيناريو العميل الغاضب.", "Excellent: structured answers and real empathy."},
	}
	rejectReasons   = []string{"لا يستوفي متطلبات الخبرة", "نتيجة المقابلة أقل من المطلوب", "المهارات اللغوية لا تناسب الوظيفة"}
	withdrawReasons = []string{"قبل عرضًا من جهة أخرى", "انسحب لأسباب شخصية", "لم يرد على التواصل"}
)

// stageStep is one planned move of the pipeline and the reason to record.
type stageStep struct {
	to     models.Stage
	reason string
}

// recentHires returns the hiring files of up to four representatives hired
// in the last year, linked to their agent records.
func (g *generator) recentHires(r *rand.Rand, supervisors []string) []store.DemoCandidate {
	var out []store.DemoCandidate
	var recent []*person
	for _, p := range g.people {
		if p.role == scoring.RoleCSR && p.leftOn.IsZero() && g.daysAgo(daysPerYear).Before(p.hire) && g.from.AddDays(90).Before(p.hire) {
			recent = append(recent, p)
		}
	}
	slices.SortStableFunc(recent, func(a, b *person) int { return b.hire.Compare(a.hire) })
	for _, p := range recent[:min(4, len(recent))] {
		dc, iv, offer := g.hiredCandidate(r, p)
		dc.Interview = g.interview(r, iv.AddDays(between(r, 1, max(1, iv.DaysUntil(offer)-1))), uniform(r, 0.65, 1), 2, 1, supervisors)
		out = append(out, dc)
	}
	return out
}

// pipelinePlan draws the moves planned for an applicant of the pipeline
// and the applicant's quality (cq, 0–1), which some plans redraw.
func pipelinePlan(r *rand.Rand) ([]stageStep, float64) {
	var plan []stageStep
	cq := r.Float64()
	switch u := r.IntN(100); {
	case u < 25:
	case u < 40:
		plan = []stageStep{{to: models.StageScreening}}
	case u < 60:
		plan = []stageStep{{to: models.StageScreening}, {to: models.StageInterview}}
	case u < 70:
		plan = []stageStep{{to: models.StageScreening}, {to: models.StageInterview}, {to: models.StageOffer}}
		cq = uniform(r, 0.65, 1)
	case u < 80:
		plan = []stageStep{{to: models.StageScreening}, {to: models.StageRejected, reason: rejectReasons[0]}}
	case u < 92:
		plan = []stageStep{{to: models.StageScreening}, {to: models.StageInterview}, {to: models.StageRejected, reason: pick(r, rejectReasons[1:])}}
		cq = uniform(r, 0, 0.45)
	default:
		plan = []stageStep{{to: models.StageScreening}, {to: models.StageWithdrawn, reason: pick(r, withdrawReasons)}}
	}
	return plan, cq
}

// candidates returns the recruitment demo: the recent representatives'
// hiring files (linked to their agent records) and a pipeline of applicants
// at every stage, some interviewed by HR and a coordinator.
func (g *generator) candidates() []store.DemoCandidate {
	r := g.r
	var supervisors []string
	for _, p := range g.people {
		if p.role == scoring.RoleCoordinator {
			supervisors = append(supervisors, strings.ToLower(p.no))
		}
	}
	var out []store.DemoCandidate

	out = append(out, g.recentHires(r, supervisors)...)

	// The pipeline of the last five months.
	n := max(24, min(300, g.o.Agents/2))
	taken := map[string]bool{}
	for range n {
		nm := newName(r)
		applied := g.daysAgo(between(r, 1, 150))
		job := "CSR"
		if r.IntN(100) < 20 {
			job = "CSO"
		}
		dc := store.DemoCandidate{JobCode: job, Candidate: g.candidate(r, nm.full, emailOf(nm, "mail.example", taken), phoneOf(r), applied)}
		plan, cq := pipelinePlan(r)
		dc.History = []store.DemoStageChange{{To: models.StageApplied, On: applied}}
		on, from := applied, models.StageApplied
		var ivDate models.Date
		for _, st := range plan {
			next := on.AddDays(between(r, 3, 10))
			if st.to == models.StageOffer || st.to == models.StageRejected && from == models.StageInterview {
				// the interview took place between the two moves
				if ivDate.IsZero() || !ivDate.Before(g.o.Today) {
					break
				}
				next = ivDate.AddDays(between(r, 2, 6))
			}
			if !next.Before(g.o.Today) {
				break // not yet
			}
			dc.History = append(dc.History, store.DemoStageChange{From: from, To: st.to, On: next, Reason: st.reason})
			on, from = next, st.to
			if st.to == models.StageInterview {
				ivDate = on.AddDays(between(r, 2, 9))
			}
		}
		if from == models.StageInterview || from == models.StageOffer || from == models.StageRejected && !ivDate.IsZero() {
			submitted := 2
			if from == models.StageInterview {
				submitted = 1 + r.IntN(2)
			}
			dc.Interview = g.interview(r, ivDate, cq, submitted, 1, supervisors)
		}
		out = append(out, dc)
	}
	return append(out, g.pastHires(r, supervisors)...)
}

// maxPastHires bounds the hiring files of pastHires (a large demo has
// thousands of representatives who could have one).
const maxPastHires = 200

// pastHires returns the hiring files of the representatives hired through
// Sullam two or more years before Today whose first full year lies within
// the history and is complete (still employed at its end, no gap in its
// data): interviewed by HR and one or two coordinators who all scored every
// question, so that the quality of hire has interview totals beside first
// full years' annual scores. The candidate's interview quality follows the
// agent's latent quality (which drives their evaluations) with some noise,
// and stays in the range of people who get hired: a positive relation, not
// a perfect one. The latest hires are taken first, at most maxPastHires.
func (g *generator) pastHires(r *rand.Rand, supervisors []string) []store.DemoCandidate {
	var past []*person
	for _, p := range g.people {
		fy := hiring.FirstFullYear(p.hire)
		if p.role != scoring.RoleCSR || fy < g.from.Year || fy >= g.o.Today.Year || p.hire.After(g.daysAgo(2*daysPerYear)) ||
			p.gapYears[fy] != 0 || !p.leftOn.IsZero() && !p.leftOn.After(models.NewDate(fy, 12, 31)) {
			continue
		}
		past = append(past, p)
	}
	slices.SortStableFunc(past, func(a, b *person) int { return b.hire.Compare(a.hire) })
	var out []store.DemoCandidate
	for _, p := range past[:min(maxPastHires, len(past))] {
		dc, iv, offer := g.hiredCandidate(r, p)
		cq := 0.35 + 0.65*max(0, min(1, p.q+0.25*r.NormFloat64()))
		coords := 1 + r.IntN(2)
		dc.Interview = g.interview(r, iv.AddDays(between(r, 1, max(1, iv.DaysUntil(offer)-1))), cq, 1+coords, coords, supervisors)
		out = append(out, dc)
	}
	return out
}

// candidate returns the candidate record of an applicant.
func (g *generator) candidate(r *rand.Rand, name, email, phone string, applied models.Date) models.Candidate {
	langs := "ar,en"
	switch u := r.IntN(100); {
	case u < 25:
		langs = "ar"
	case u < 30:
		langs = "ar,en,fr"
	}
	exp := "0"
	if r.IntN(4) > 0 {
		exp = fmt.Sprintf("%.1f", float64(between(r, 1, 14))/2)
	}
	c := models.Candidate{FullName: name, Email: email, Phone: phone, AppliedOn: applied, Education: pick(r, educations),
		ExperienceYears: exp, Languages: langs, Source: pick(r, sources)}
	if r.IntN(5) == 0 {
		c.Notes = "متاح للعمل بنظام الورديات"
	}
	return c
}

// interview returns an interview on date by HR and coords coordinators (one
// or two, fewer when there are fewer), with a kit from the question bank. When the date is past, the first submitted
// interviewers have scored every question of the kit; when it is Today or
// later, nobody has.
func (g *generator) interview(r *rand.Rand, date models.Date, cq float64, submitted, coords int, supervisors []string) *store.DemoInterview {
	at := time.Date(date.Year, date.Month, date.Day, pick(r, []int{9, 10, 11, 13, 14}), 0, 0, 0, riyadh)
	iv := &store.DemoInterview{ScheduledAt: at, Location: pick(r, locations)}
	for _, grp := range kitGroups {
		perm := r.Perm(len(grp.codes))[:grp.k]
		slices.Sort(perm)
		for _, i := range perm {
			iv.QuestionCodes = append(iv.QuestionCodes, grp.codes[i])
		}
	}
	names := []string{"hr"}
	if len(supervisors) > 0 {
		first := r.IntN(len(supervisors))
		names = append(names, supervisors[first])
		if coords > 1 && len(supervisors) > 1 {
			// a second coordinator, another one
			names = append(names, supervisors[(first+1+r.IntN(len(supervisors)-1))%len(supervisors)])
		}
	}
	todayStart := time.Date(g.o.Today.Year, g.o.Today.Month, g.o.Today.Day, 0, 0, 0, 0, riyadh)
	for k, u := range names {
		who := store.DemoInterviewer{Username: u}
		if k < submitted && date.Before(g.o.Today) {
			sum := 0
			who.Scores = map[string]int{}
			for _, code := range iv.QuestionCodes {
				v := rating(1.4 + 3.4*cq + 0.7*r.NormFloat64())
				who.Scores[code] = v
				sum += v
			}
			mean := float64(sum) / float64(len(iv.QuestionCodes))
			level := 3
			switch {
			case mean < 2.2:
				level = 0
			case mean < 3:
				level = 1
			case mean < 4:
				level = 2
			}
			who.Recommendation = models.Recommendations[level]
			who.Notes = pick(r, ivNotes[level])
			t := at.Add(time.Duration(between(r, 1, 30)) * time.Hour)
			if !t.Before(todayStart) {
				t = at.Add(2 * time.Hour)
			}
			who.SubmittedAt = &t
		}
		iv.Interviewers = append(iv.Interviewers, who)
	}
	return iv
}

// hiredCandidate is the candidate an agent p was hired as: applied, screened,
// interviewed and offered on dates drawn back from the hire date (in that
// order from r), each stage in the history. It returns the interview and
// offer dates, between which the caller places the interview.
func (g *generator) hiredCandidate(r *rand.Rand, p *person) (dc store.DemoCandidate, iv, offer models.Date) {
	hired := p.hire.AddDays(-between(r, 5, 14))
	offer = hired.AddDays(-between(r, 3, 10))
	iv = offer.AddDays(-between(r, 4, 10))
	screen := iv.AddDays(-between(r, 3, 8))
	applied := screen.AddDays(-between(r, 2, 10))
	dc = store.DemoCandidate{JobCode: "CSR", HiredEmployeeNo: p.no, Candidate: g.candidate(r, p.name.full, p.email, p.phone, applied)}
	dc.History = []store.DemoStageChange{{To: models.StageApplied, On: applied}, {From: models.StageApplied, To: models.StageScreening, On: screen},
		{From: models.StageScreening, To: models.StageInterview, On: iv}, {From: models.StageInterview, To: models.StageOffer, On: offer},
		{From: models.StageOffer, To: models.StageHired, On: hired, Reason: "تم التعيين"}}
	return dc, iv, offer
}
