package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// AgentYear is one agent's annual evaluation for one year: the live
// computation, and the finalized snapshot when there is one (which takes
// precedence).
type AgentYear struct {
	Agent  models.Agent
	Year   int
	Live   scoring.Annual
	Status models.EvaluationStatus
	// Snapshot is the finalized evaluation, nil when provisional.
	Snapshot *models.Evaluation
	// InputsChanged is true when a snapshot exists and the inputs changed since.
	InputsChanged bool
}

// Result returns the year's result as readiness uses it: the snapshot's when
// finalized, otherwise the live one.
func (y AgentYear) Result() scoring.YearResult {
	if y.Snapshot != nil {
		return scoring.YearResult{Year: y.Year, Complete: true, Score: scoring.Cents(y.Snapshot.Annual)}
	}
	return y.Live.Result()
}

// ComponentScores returns the four component scores shown for the year (the
// snapshot's when finalized) and whether each is present.
func (y AgentYear) ComponentScores() (scores [4]scoring.Cents, ok [4]bool) {
	if s := y.Snapshot; s != nil {
		return [4]scoring.Cents{scoring.Cents(s.Attendance), scoring.Cents(s.Quality), scoring.Cents(s.Weekly), scoring.Cents(s.Supervisor)}, [4]bool{true, true, true, true}
	}
	for i, c := range y.Live.Components {
		scores[i], ok[i] = c.Score, c.Sufficient
	}
	return
}

// Annual returns the annual score shown for the year and whether there is one.
func (y AgentYear) Annual() (scoring.Cents, bool) {
	r := y.Result()
	return r.Score, r.Complete
}

// YearFilter narrows an evaluation listing.
type YearFilter struct {
	Team    string
	AgentID uint // 0: every agent
	// OnlyWithRecords keeps only agents with a record in the year (the
	// `score` command); otherwise every agent of the filter is listed.
	OnlyWithRecords bool
}

// yearData is everything loaded for one year, by agent ID.
type yearData struct {
	tallies  map[uint]*scoring.AttendanceTally
	audits   map[uint][]scoring.DatedScore
	reports  map[uint][]scoring.WeeklyReport
	reviews  map[uint][]scoring.Review
	present  map[uint]bool // agents with any record in the year
	snapshot map[uint]*models.Evaluation
}

// loadYear reads the inputs of year (optionally for one agent) with one
// query per input kind, never one per agent.
func (s *Store) loadYear(tx *gorm.DB, p scoring.Policy, year int, agentID uint) (*yearData, error) {
	d := &yearData{tallies: map[uint]*scoring.AttendanceTally{}, audits: map[uint][]scoring.DatedScore{},
		reports: map[uint][]scoring.WeeklyReport{}, reviews: map[uint][]scoring.Review{}, present: map[uint]bool{},
		snapshot: map[uint]*models.Evaluation{}}
	first, last := models.NewDate(year, 1, 1), models.NewDate(year, 12, 31)
	agentCond := func(col string) (string, []any) {
		if agentID == 0 {
			return "", nil
		}
		return " AND " + col + " = ?", []any{agentID}
	}

	// Attendance: one covering-index range scan.
	from, to := scoring.TallyRange(year)
	cond, extra := agentCond("agent_id")
	rows, err := tx.Raw("SELECT agent_id, date, status, late_minutes, early_leave_minutes FROM attendance_days WHERE date BETWEEN ? AND ?"+cond,
		append([]any{from.String(), to.String()}, extra...)...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read attendance %d: %w", year, err)
	}
	for rows.Next() {
		var id uint
		var r scoring.AttendanceRecord
		var status string
		if err := rows.Scan(&id, &r.Date, &status, &r.LateMinutes, &r.EarlyLeaveMinutes); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read attendance %d: %w", year, err)
		}
		r.Status = models.AttendanceStatus(status)
		t := d.tallies[id]
		if t == nil {
			t = scoring.NewAttendanceTally(p, year)
			d.tallies[id] = t
		}
		t.Add(r)
		if r.Date.Year == year {
			d.present[id] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read attendance %d: %w", year, err)
	}

	// Audits: the forms, the audits of the year, then their answers.
	byID, _, err := s.loadForms(tx)
	if err != nil {
		return nil, err
	}
	pos := map[uint]int{} // item ID → position in its form
	for _, f := range byID {
		for i, it := range f.Items {
			pos[it.ID] = i
		}
	}
	type auditRow struct {
		ID        uint
		AgentID   uint
		AuditDate models.Date
		FormID    uint
	}
	var audits []auditRow
	cond, extra = agentCond("agent_id")
	if err := tx.Raw("SELECT id, agent_id, audit_date, form_id FROM audits WHERE audit_date BETWEEN ? AND ?"+cond,
		append([]any{first.String(), last.String()}, extra...)...).Scan(&audits).Error; err != nil {
		return nil, fmt.Errorf("read audits %d: %w", year, err)
	}
	answers := make(map[uint][]models.Answer, len(audits))
	for _, au := range audits {
		answers[au.ID] = make([]models.Answer, len(byID[au.FormID].Items))
	}
	cond, extra = agentCond("a.agent_id")
	rows, err = tx.Raw("SELECT r.audit_id, r.item_id, r.answer FROM audit_results r JOIN audits a ON a.id = r.audit_id WHERE a.audit_date BETWEEN ? AND ?"+cond,
		append([]any{first.String(), last.String()}, extra...)...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read audit answers %d: %w", year, err)
	}
	for rows.Next() {
		var auditID, itemID uint
		var ans string
		if err := rows.Scan(&auditID, &itemID, &ans); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read audit answers %d: %w", year, err)
		}
		if list, ok := answers[auditID]; ok {
			if i, ok := pos[itemID]; ok && i < len(list) {
				list[i] = models.Answer(ans)
			}
		}
	}
	rows.Close()
	for _, au := range audits {
		score, err := scoring.AuditScore(formItems(byID[au.FormID]), answers[au.ID])
		if err != nil {
			return nil, fmt.Errorf("score audit #%d: %w", au.ID, err)
		}
		d.audits[au.AgentID] = append(d.audits[au.AgentID], scoring.DatedScore{Date: au.AuditDate, Score: score})
		d.present[au.AgentID] = true
	}

	// Weekly reports whose week starts in the year.
	cond, extra = agentCond("agent_id")
	rows, err = tx.Raw("SELECT agent_id, week_start, submitted_on, rating FROM weekly_reports WHERE week_start BETWEEN ? AND ?"+cond,
		append([]any{first.String(), last.String()}, extra...)...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read weekly reports %d: %w", year, err)
	}
	for rows.Next() {
		var id uint
		var r scoring.WeeklyReport
		var rating *int
		if err := rows.Scan(&id, &r.WeekStart, &r.SubmittedOn, &rating); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read weekly reports %d: %w", year, err)
		}
		if rating != nil {
			r.Rating = *rating
		}
		d.reports[id] = append(d.reports[id], r)
		d.present[id] = true
	}
	rows.Close()

	// Reviews of the year with their ratings.
	cond, extra = agentCond("v.agent_id")
	rows, err = tx.Raw("SELECT v.id, v.agent_id, v.review_date, r.competency_code, r.rating FROM reviews v JOIN review_ratings r ON r.review_id = v.id WHERE v.review_date BETWEEN ? AND ?"+cond+" ORDER BY v.id",
		append([]any{first.String(), last.String()}, extra...)...).Rows()
	if err != nil {
		return nil, fmt.Errorf("read reviews %d: %w", year, err)
	}
	var curID uint
	var cur *scoring.Review
	var curAgent uint
	flush := func() {
		if cur != nil {
			d.reviews[curAgent] = append(d.reviews[curAgent], *cur)
			d.present[curAgent] = true
		}
	}
	for rows.Next() {
		var id, agent uint
		var date models.Date
		var code string
		var rating int
		if err := rows.Scan(&id, &agent, &date, &code, &rating); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read reviews %d: %w", year, err)
		}
		if cur == nil || id != curID {
			flush()
			curID, curAgent = id, agent
			cur = &scoring.Review{Date: date, Ratings: map[string]int{}}
		}
		cur.Ratings[code] = rating
	}
	rows.Close()
	flush()

	// Finalized snapshots.
	var snaps []models.Evaluation
	q := tx.Where("year = ?", year)
	if agentID != 0 {
		q = q.Where("agent_id = ?", agentID)
	}
	if err := q.Find(&snaps).Error; err != nil {
		return nil, fmt.Errorf("read evaluations %d: %w", year, err)
	}
	for i := range snaps {
		d.snapshot[snaps[i].AgentID] = &snaps[i]
	}
	return d, nil
}

// evaluate computes one agent's year from the loaded data.
func (d *yearData) evaluate(p scoring.Policy, year int, ag models.Agent) AgentYear {
	live := scoring.Evaluate(p, year, scoring.Inputs{Attendance: d.tallies[ag.ID], AuditScores: d.audits[ag.ID],
		Reports: d.reports[ag.ID], Reviews: d.reviews[ag.ID]})
	y := AgentYear{Agent: ag, Year: year, Live: live, Status: live.Status()}
	if snap := d.snapshot[ag.ID]; snap != nil {
		y.Snapshot = snap
		y.Status = models.EvalFinalized
		y.InputsChanged = snap.InputsDigest != inputsDigest(live)
	}
	return y
}

// inputsDigest summarises what a year's live evaluation rests on, so a later
// change of any input shows as "inputs changed since finalization".
func inputsDigest(a scoring.Annual) string {
	b, _ := json.Marshal(a.Components)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// EvaluateYear returns the annual evaluation of every agent the actor may see
// for year, sorted by employee number (byte order).
func (s *Store) EvaluateYear(a Actor, year int, f YearFilter) ([]AgentYear, error) {
	if !a.Can(OpViewScores) {
		return nil, s.deny(a, OpViewScores, fmt.Sprint(year))
	}
	p, err := s.Policy()
	if err != nil {
		return nil, err
	}
	d, err := s.loadYear(s.db, p, year, f.AgentID)
	if err != nil {
		return nil, err
	}
	q := scopeAgents(s.db.Model(&models.Agent{}), a, OpViewScores)
	if f.Team != "" {
		q = q.Where("team = ?", f.Team)
	}
	if f.AgentID != 0 {
		q = q.Where("id = ?", f.AgentID)
	}
	var agents []models.Agent
	if err := q.Find(&agents).Error; err != nil {
		return nil, fmt.Errorf("list agents for %d: %w", year, err)
	}
	sort.Slice(agents, func(i, j int) bool { return agents[i].EmployeeNo < agents[j].EmployeeNo })
	out := make([]AgentYear, 0, len(agents))
	for _, ag := range agents {
		if f.OnlyWithRecords && !d.present[ag.ID] {
			continue
		}
		out = append(out, d.evaluate(p, year, ag))
	}
	return out, nil
}

// AgentYears returns one agent's evaluations for the years from..to.
func (s *Store) AgentYears(a Actor, agentID uint, from, to int) ([]AgentYear, error) {
	ag, err := s.AgentByID(a, agentID)
	if err != nil {
		return nil, err
	}
	if err := s.requireAgent(a, OpViewScores, &ag); err != nil {
		return nil, err
	}
	p, err := s.Policy()
	if err != nil {
		return nil, err
	}
	var out []AgentYear
	for y := from; y <= to; y++ {
		d, err := s.loadYear(s.db, p, y, agentID)
		if err != nil {
			return nil, err
		}
		out = append(out, d.evaluate(p, y, ag))
	}
	return out, nil
}

// Finalize freezes the evaluation of one agent and year (managers only): the
// components, the annual score and the policy version. Only a complete year
// can be finalized; a finalized one is refused.
func (s *Store) Finalize(a Actor, agentID uint, year int) (models.Evaluation, error) {
	if err := s.require(a, OpFinalize); err != nil {
		return models.Evaluation{}, err
	}
	var ev models.Evaluation
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var ag models.Agent
		if err := tx.First(&ag, agentID).Error; err != nil {
			return translate(err)
		}
		p, err := s.policyTx(tx, 0)
		if err != nil {
			return err
		}
		d, err := s.loadYear(tx, p, year, agentID)
		if err != nil {
			return err
		}
		y := d.evaluate(p, year, ag)
		if y.Snapshot != nil {
			return models.ErrFinalized
		}
		if !y.Live.Complete {
			return fmt.Errorf("the year is incomplete (%s): %w", y.Live.ReasonText(), models.ErrInvalid)
		}
		expl, _ := json.Marshal(y.Live)
		c := y.Live.Components
		ev = models.Evaluation{AgentID: agentID, Year: year, Attendance: int64(c[0].Score), Quality: int64(c[1].Score),
			Weekly: int64(c[2].Score), Supervisor: int64(c[3].Score), Annual: int64(y.Live.Score), PolicyVersion: p.Version,
			InputsDigest: inputsDigest(y.Live), Explanation: string(expl), FinalizedAt: s.now().UTC(), FinalizedBy: a.UserID, Version: 1}
		if err := tx.Omit("Agent").Create(&ev).Error; err != nil {
			return translate(err)
		}
		return s.logChange(tx, a, "finalize", "evaluation", fmt.Sprintf("%s/%d", ag.EmployeeNo, year), nil,
			map[string]any{"attendance": c[0].Score, "quality": c[1].Score, "weekly": c[2].Score, "supervisor": c[3].Score,
				"annual": y.Live.Score, "policy_version": p.Version})
	})
	if err != nil {
		return models.Evaluation{}, fmt.Errorf("finalize evaluation #%d/%d: %w", agentID, year, err)
	}
	return ev, nil
}

// Reopen removes the finalized snapshot of one agent and year (managers
// only); the written reason is kept in the audit log with the old values.
func (s *Store) Reopen(a Actor, agentID uint, year int, reason string) error {
	if err := s.require(a, OpFinalize); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return fmt.Errorf("reopen evaluation #%d/%d: a written reason is required: %w", agentID, year, models.ErrInvalid)
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var ev models.Evaluation
		if err := tx.Preload("Agent").Where("agent_id = ? AND year = ?", agentID, year).First(&ev).Error; err != nil {
			return translate(err)
		}
		if err := tx.Delete(&ev).Error; err != nil {
			return err
		}
		return s.logChange(tx, a, "reopen", "evaluation", fmt.Sprintf("%s/%d", ev.Agent.EmployeeNo, year),
			map[string]any{"annual": scoring.Cents(ev.Annual), "policy_version": ev.PolicyVersion},
			map[string]any{"reason": reason})
	})
	if err != nil {
		return fmt.Errorf("reopen evaluation #%d/%d: %w", agentID, year, err)
	}
	return nil
}

// AgentReadiness is one agent's promotion readiness.
type AgentReadiness struct {
	Agent     models.Agent
	Readiness scoring.Readiness
}

// ReadinessFilter narrows the promotion board.
type ReadinessFilter struct {
	Status       models.ReadinessStatus
	Team         string
	SupervisorID *uint
	AgentID      uint
}

// Promotions assesses the promotion readiness of every active agent the actor
// may see, as of asOf, sorted by employee number.
func (s *Store) Promotions(a Actor, asOf models.Date, f ReadinessFilter) ([]AgentReadiness, error) {
	if !a.Can(OpViewPromotions) && !a.Can(OpViewScores) {
		return nil, s.deny(a, OpViewPromotions, asOf.String())
	}
	op := OpViewPromotions
	if !a.Can(OpViewPromotions) {
		op = OpViewScores
	}
	p, err := s.Policy()
	if err != nil {
		return nil, err
	}
	q := scopeAgents(s.db.Model(&models.Agent{}), a, op).Where("status = ?", models.Active)
	if f.Team != "" {
		q = q.Where("team = ?", f.Team)
	}
	if f.SupervisorID != nil {
		q = q.Where("supervisor_id = ?", *f.SupervisorID)
	}
	if f.AgentID != 0 {
		q = q.Where("id = ?", f.AgentID)
	}
	var agents []models.Agent
	if err := q.Find(&agents).Error; err != nil {
		return nil, fmt.Errorf("list agents for promotions: %w", err)
	}
	sort.Slice(agents, func(i, j int) bool { return agents[i].EmployeeNo < agents[j].EmployeeNo })
	// The years any agent needs, each loaded once for everyone.
	need := map[int]bool{}
	for _, ag := range agents {
		for _, y := range scoring.YearsToCount(ag.RoleStartDate, asOf) {
			need[y] = true
		}
	}
	results := map[int]map[uint]scoring.YearResult{}
	for y := range need {
		agentID := f.AgentID
		d, err := s.loadYear(s.db, p, y, agentID)
		if err != nil {
			return nil, err
		}
		m := make(map[uint]scoring.YearResult, len(agents))
		for _, ag := range agents {
			m[ag.ID] = d.evaluate(p, y, ag).Result()
		}
		results[y] = m
	}
	out := make([]AgentReadiness, 0, len(agents))
	for _, ag := range agents {
		years := scoring.YearsToCount(ag.RoleStartDate, asOf)
		yr := make([]scoring.YearResult, 0, len(years))
		for _, y := range years {
			yr = append(yr, results[y][ag.ID])
		}
		r := scoring.Assess(p, ag.Role, ag.RoleStartDate, asOf, yr)
		if f.Status != "" && r.Status != f.Status {
			continue
		}
		out = append(out, AgentReadiness{Agent: ag, Readiness: r})
	}
	return out, nil
}
