package store

import (
	"context"
	"fmt"
	"sort"

	"sullam/hiring"
	"sullam/models"
	"sullam/scoring"
)

// HireOutcome is one agent hired through Sullam: their interview beside
// their first full year's annual evaluation.
type HireOutcome struct {
	AgentID     uint
	EmployeeNo  string
	FullName    string
	CandidateID uint
	JobID       uint
	JobCode     string
	JobTitleAr  string
	JobTitleEn  string
	HireDate    models.Date
	// Interview is the mean of every submitted mark of the candidate's
	// interviews as a percentage; HasInterview is false when there is none.
	Interview    scoring.Cents
	HasInterview bool
	// ByCategory is the interview percentage per question category code.
	ByCategory map[string]scoring.Cents
	// ByInterviewer is each interviewer's own marks as a percentage, by user ID.
	ByInterviewer map[uint]scoring.Cents
	// Year is the first full calendar year after the hire (the hire year
	// itself when hired on 1 January).
	Year int
	// YearEnded is false while Year has not ended: the outcome is pending.
	YearEnded bool
	// Annual and Components are Year's evaluation (the finalized snapshot
	// when there is one); HasAnnual is false when pending or incomplete.
	Annual      scoring.Cents
	HasAnnual   bool
	Components  [4]scoring.Cents
	ComponentOK [4]bool
	Finalized   bool
}

// Scored reports whether the hire has both an interview total and a first
// full year's annual score: a pair for the correlations.
func (h HireOutcome) Scored() bool { return h.HasInterview && h.HasAnnual }

// HireGroup is one job's or one interviewer's hires and the correlation of
// the interview total with the first full year's annual score.
type HireGroup struct {
	ID     uint // the job's or the interviewer's (user) ID
	Code   string
	NameAr string
	NameEn string
	// Hires counts the group's hires, scored or not.
	Hires       int
	Correlation hiring.Correlation
}

// HireQuality is the quality of hire: every agent hired through Sullam, and
// the correlations by job and by interviewer. By interviewer, the interview
// total is the interviewer's own marks of the candidate.
type HireQuality struct {
	Hires         []HireOutcome
	ByJob         []HireGroup
	ByInterviewer []HireGroup
	Categories    []models.QuestionCategory
	// AsOf is the date the outcomes were read at.
	AsOf models.Date
}

// HireQuality reads the quality of hire (managers and HR) with a fixed
// number of queries: the hires, their submitted interview marks, the
// interviewers' names, the categories, the policy, and one year's inputs per
// distinct first full year (each a fixed set of queries for every agent at
// once) — never one query per agent.
func (r *Recruitment) HireQuality(ctx context.Context, a Actor) (HireQuality, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpViewHireQuality); err != nil {
		return HireQuality{}, err
	}
	today := models.DateOf(s.now())
	out := HireQuality{AsOf: today}
	hires, err := s.hireRows()
	if err != nil {
		return out, err
	}
	marks, err := s.interviewMarks()
	if err != nil {
		return out, err
	}
	if err := s.db.Order("sort").Find(&out.Categories).Error; err != nil {
		return out, fmt.Errorf("quality of hire: categories: %w", err)
	}
	t := tallyMarks(marks)
	years := map[int][]int{} // ended first full year → indexes into out.Hires
	for _, h := range hires {
		o := t.outcome(h)
		o.YearEnded = today.After(models.NewDate(o.Year, 12, 31))
		if o.YearEnded {
			years[o.Year] = append(years[o.Year], len(out.Hires))
		}
		out.Hires = append(out.Hires, o)
	}
	if err := s.hireAnnuals(ctx, out.Hires, years); err != nil {
		return out, err
	}
	names, err := s.interviewerNames(t.userIDs)
	if err != nil {
		return out, err
	}
	out.ByJob, out.ByInterviewer = GroupHires(out.Hires, names)
	return out, nil
}

// hireRow is an agent hired through Sullam with the job they applied for.
type hireRow struct {
	AgentID     uint
	EmployeeNo  string
	FullName    string
	HireDate    models.Date
	CandidateID uint
	JobID       uint
	JobCode     string
	TitleAr     string
	TitleEn     string
}

// hireRows reads every agent hired through Sullam, by employee number.
func (s *Store) hireRows() ([]hireRow, error) {
	var hires []hireRow
	err := s.db.Table("agents").
		Select("agents.id AS agent_id, agents.employee_no, agents.full_name, agents.hire_date, candidates.id AS candidate_id, " +
			"job_descriptions.id AS job_id, job_descriptions.code AS job_code, job_descriptions.title_ar, job_descriptions.title_en").
		Joins("JOIN candidates ON candidates.id = agents.candidate_id").
		Joins("JOIN job_descriptions ON job_descriptions.id = candidates.job_id").
		Order("agents.employee_no").Scan(&hires).Error
	if err != nil {
		return nil, fmt.Errorf("quality of hire: hires: %w", err)
	}
	return hires, nil
}

// interviewMark is one submitted interview mark of a hired candidate.
type interviewMark struct {
	CandidateID  uint
	UserID       uint
	CategoryCode string
	Score        int
}

// interviewMarks reads the submitted interview marks of every hired
// candidate.
func (s *Store) interviewMarks() ([]interviewMark, error) {
	var marks []interviewMark
	err := s.db.Table("interview_scores").
		Select("interviews.candidate_id, interview_scores.user_id, questions.category_code, interview_scores.score").
		Joins("JOIN interviews ON interviews.id = interview_scores.interview_id").
		Joins("JOIN interview_assignments ON interview_assignments.interview_id = interview_scores.interview_id AND interview_assignments.user_id = interview_scores.user_id").
		Joins("JOIN questions ON questions.id = interview_scores.question_id").
		Joins("JOIN agents ON agents.candidate_id = interviews.candidate_id").
		Where("interview_assignments.submitted_at IS NOT NULL").Scan(&marks).Error
	if err != nil {
		return nil, fmt.Errorf("quality of hire: interview marks: %w", err)
	}
	return marks, nil
}

// markSum is a sum of marks and their number.
type markSum struct{ sum, n int }

// markTally is the interview marks (1 to 5; others are left out) summed by
// candidate: in all, by question category and by interviewer; userIDs are
// the interviewers met.
type markTally struct {
	total   map[uint]*markSum
	byCat   map[uint]map[string]*markSum
	byWho   map[uint]map[uint]*markSum
	userIDs map[uint]bool
}

// tallyMarks sums marks by candidate, category and interviewer.
func tallyMarks(marks []interviewMark) markTally {
	t := markTally{total: map[uint]*markSum{}, byCat: map[uint]map[string]*markSum{}, byWho: map[uint]map[uint]*markSum{}, userIDs: map[uint]bool{}}
	for _, m := range marks {
		if m.Score < 1 || m.Score > 5 {
			continue
		}
		addMark(t.total, m.CandidateID, m.Score)
		if t.byCat[m.CandidateID] == nil {
			t.byCat[m.CandidateID] = map[string]*markSum{}
		}
		addMark(t.byCat[m.CandidateID], m.CategoryCode, m.Score)
		if t.byWho[m.CandidateID] == nil {
			t.byWho[m.CandidateID] = map[uint]*markSum{}
		}
		addMark(t.byWho[m.CandidateID], m.UserID, m.Score)
		t.userIDs[m.UserID] = true
	}
	return t
}

// addMark adds score to m's sum for k.
func addMark[K comparable](m map[K]*markSum, k K, score int) {
	if m[k] == nil {
		m[k] = &markSum{}
	}
	m[k].sum += score
	m[k].n++
}

// outcome is h's outcome with its interview marks as percentages (in all,
// by category, by interviewer) and the year it is judged by; the year's
// results are hireAnnuals'.
func (t markTally) outcome(h hireRow) HireOutcome {
	o := HireOutcome{AgentID: h.AgentID, EmployeeNo: h.EmployeeNo, FullName: h.FullName, CandidateID: h.CandidateID,
		JobID: h.JobID, JobCode: h.JobCode, JobTitleAr: h.TitleAr, JobTitleEn: h.TitleEn, HireDate: h.HireDate,
		ByCategory: map[string]scoring.Cents{}, ByInterviewer: map[uint]scoring.Cents{}, Year: hiring.FirstFullYear(h.HireDate)}
	if c := t.total[h.CandidateID]; c != nil {
		o.Interview, o.HasInterview = scoring.MarkPercent(c.sum, c.n), true
	}
	for code, c := range t.byCat[h.CandidateID] {
		o.ByCategory[code] = scoring.MarkPercent(c.sum, c.n)
	}
	for who, c := range t.byWho[h.CandidateID] {
		o.ByInterviewer[who] = scoring.MarkPercent(c.sum, c.n)
	}
	return o
}

// hireAnnuals fills in the annual result of the hires whose judged year
// has ended (years: year → indexes into hires), one load a year.
func (s *Store) hireAnnuals(ctx context.Context, hires []HireOutcome, years map[int][]int) error {
	if len(years) == 0 {
		return nil
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return fmt.Errorf("quality of hire: %w", err)
	}
	for y, idx := range years {
		d, err := s.loadYear(s.db, p, y, 0)
		if err != nil {
			return fmt.Errorf("quality of hire: year %d: %w", y, err)
		}
		for _, i := range idx {
			o := &hires[i]
			ay := d.evaluate(p, y, models.Agent{ID: o.AgentID, EmployeeNo: o.EmployeeNo, FullName: o.FullName})
			o.Annual, o.HasAnnual = ay.Annual()
			o.Components, o.ComponentOK = ay.ComponentScores()
			o.Finalized = ay.Snapshot != nil
		}
	}
	return nil
}

// interviewerNames reads the accounts of userIDs, batchSize at a time.
func (s *Store) interviewerNames(userIDs map[uint]bool) (map[uint]models.User, error) {
	names := map[uint]models.User{}
	if len(userIDs) == 0 {
		return names, nil
	}
	ids := make([]uint, 0, len(userIDs))
	for id := range userIDs {
		ids = append(ids, id)
	}
	for start := 0; start < len(ids); start += batchSize {
		var us []models.User
		if err := s.db.Select("id", "username", "full_name").Where("id IN ?", ids[start:min(start+batchSize, len(ids))]).Find(&us).Error; err != nil {
			return nil, fmt.Errorf("quality of hire: interviewers: %w", err)
		}
		for _, u := range us {
			names[u.ID] = u
		}
	}
	return names, nil
}

// GroupHires summarises hires by job (sorted by code) and by interviewer
// (sorted by name; users gives their names), through the pure hiring
// statistics: the groups HireQuality returns.
func GroupHires(hires []HireOutcome, users map[uint]models.User) (byJob, byWho []HireGroup) {
	var jobObs, whoObs []hiring.Observation
	jobs := map[string]HireGroup{}
	who := map[string]HireGroup{}
	for _, h := range hires {
		key := fmt.Sprintf("%s\x00%d", h.JobCode, h.JobID)
		jobs[key] = HireGroup{ID: h.JobID, Code: h.JobCode, NameAr: h.JobTitleAr, NameEn: h.JobTitleEn}
		jobObs = append(jobObs, hiring.Observation{Group: key, X: float64(h.Interview) / 100, Y: float64(h.Annual) / 100, Scored: h.Scored()})
		for id, pct := range h.ByInterviewer {
			u := users[id]
			name := u.FullName
			if name == "" {
				name = u.Username
			}
			k := fmt.Sprintf("%s\x00%d", name, id)
			who[k] = HireGroup{ID: id, Code: u.Username, NameAr: name, NameEn: name}
			whoObs = append(whoObs, hiring.Observation{Group: k, X: float64(pct) / 100, Y: float64(h.Annual) / 100, Scored: h.HasAnnual})
		}
	}
	collect := func(obs []hiring.Observation, meta map[string]HireGroup) []HireGroup {
		var out []HireGroup
		for _, st := range hiring.Summarize(obs) {
			g := meta[st.Group]
			g.Hires, g.Correlation = st.Hires, st.Correlation
			out = append(out, g)
		}
		return out
	}
	byJob, byWho = collect(jobObs, jobs), collect(whoObs, who)
	sort.SliceStable(byWho, func(i, j int) bool { return byWho[i].NameEn < byWho[j].NameEn })
	return byJob, byWho
}
