package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"gorm.io/gorm"

	"sullam/evaluation"
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

// Shown returns the computation shown for the year, with its explanations:
// the finalized snapshot's (as it was when finalized, even if the inputs
// changed since) or, when provisional or when the snapshot has none, the
// live one.
func (y AgentYear) Shown() scoring.Annual {
	if y.Snapshot != nil && y.Snapshot.Explanation != "" {
		var snap scoring.Annual
		if err := json.Unmarshal([]byte(y.Snapshot.Explanation), &snap); err == nil {
			return snap
		}
	}
	return y.Live
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
	// SupervisorID, when set, keeps the agents of that supervisor's team.
	SupervisorID *uint
	// OnlyWithRecords keeps only agents with a record in the year (the
	// `score` command); otherwise every agent of the filter is listed.
	OnlyWithRecords bool
}

// evaluate computes one agent's year from the loaded data.
func (d *yearData) evaluate(p scoring.Policy, year int, ag models.Agent) AgentYear {
	live := scoring.Evaluate(p, year, scoring.Inputs{Attendance: d.tallies[ag.ID], AuditScores: d.audits[ag.ID],
		Reports: d.reports[ag.ID], Weekly: d.weekly[ag.ID], Reviews: d.reviews[ag.ID]})
	y := AgentYear{Agent: ag, Year: year, Live: live, Status: live.Status()}
	if snap := d.snapshot[ag.ID]; snap != nil {
		y.Snapshot = snap
		y.Status = models.EvalFinalized
		y.InputsChanged = snap.InputsDigest != inputsDigest(live)
	}
	return y
}

// result returns d.evaluate(p, year, ag).Result() without the parts it
// does not need: a finalized year's result is its snapshot's score (no
// live evaluation, no inputs digest), a live one scoring.EvaluateResult.
//
// The result is kept in d.results and given again to a later call for the
// same agent: a yearData is scored under the one policy it was loaded
// with (its attendance tallies already follow that policy's grace
// minutes).
func (d *yearData) result(p scoring.Policy, year int, ag models.Agent) scoring.YearResult {
	if r, ok := d.results[ag.ID]; ok {
		return r
	}
	var r scoring.YearResult
	if snap := d.snapshot[ag.ID]; snap != nil {
		r = AgentYear{Year: year, Snapshot: snap}.Result()
	} else {
		r = scoring.EvaluateResult(p, year, scoring.Inputs{Attendance: d.tallies[ag.ID], AuditScores: d.audits[ag.ID],
			Reports: d.reports[ag.ID], Weekly: d.weekly[ag.ID], Reviews: d.reviews[ag.ID]})
	}
	if d.results == nil {
		d.results = make(map[uint]scoring.YearResult, len(d.present))
	}
	d.results[ag.ID] = r
	return r
}

// componentScores returns d.evaluate(p, year, ag).ComponentScores()
// without the parts it does not need: a finalized year's are its
// snapshot's, a live one's scoring.ComponentScores.
func (d *yearData) componentScores(p scoring.Policy, year int, ag models.Agent) ([4]scoring.Cents, [4]bool) {
	if snap := d.snapshot[ag.ID]; snap != nil {
		return AgentYear{Year: year, Snapshot: snap}.ComponentScores()
	}
	return scoring.ComponentScores(p, year, scoring.Inputs{Attendance: d.tallies[ag.ID], AuditScores: d.audits[ag.ID],
		Reports: d.reports[ag.ID], Weekly: d.weekly[ag.ID], Reviews: d.reviews[ag.ID]})
}

// agentsRoom returns an empty list of agents with room for every agent of
// the database, to be filled by a Find: GORM appends row by row through
// reflection, and at 10,000 agents growing the list from its default
// room of 20 took a third of the time of the read. The count is a hint
// (0 when it fails).
func (s *Store) agentsRoom() []models.Agent {
	var n int64
	if err := s.db.Model(&models.Agent{}).Count(&n).Error; err != nil {
		n = 0
	}
	return make([]models.Agent, 0, n)
}

// agentsSelect is every column of agents, the two dates read as text: the
// SQLite driver turns a column declared date into a time by trying its
// timestamp layouts first, eight failures (each an error made and dropped)
// before the date-only one (at 10,000 agents about 4 % of a board's CPU);
// models.Date reads the text itself. The lists of agents the screens score
// read through it (findAgents).
func (s *Store) agentsSelect() string {
	return "id, employee_no, full_name, " + s.dateText("hire_date") + " AS hire_date, role, " +
		s.dateText("role_start_date") + " AS role_start_date, supervisor_id, team, status, email, phone, candidate_id, created_at, updated_at, version"
}

// findAgents returns the agents of q, every column (agentsSelect), read
// into a list with room for all (agentsRoom).
func (s *Store) findAgents(q *gorm.DB) ([]models.Agent, error) {
	agents := s.agentsRoom()
	err := q.Select(s.agentsSelect()).Find(&agents).Error
	return agents, err
}

// inputsDigest summarises what a year's live evaluation rests on, so a later
// change of any input shows as "inputs changed since finalization"
// (evaluation.InputsDigest).
func inputsDigest(a scoring.Annual) string { return evaluation.InputsDigest(a) }

// EvaluateYear returns the annual evaluation of every agent the actor may see
// for year, sorted by employee number (byte order).
func (es *Evaluations) EvaluateYear(ctx context.Context, a Actor, year int, f YearFilter) ([]AgentYear, error) {
	s := es.s
	s = s.withContext(ctx)
	return s.evaluateYear(a, year, f, nil)
}

// evaluateYear is EvaluateYear reading the year's inputs through c.
func (s *Store) evaluateYear(a Actor, year int, f YearFilter, c *yearCache) ([]AgentYear, error) {
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewScores) {
		return nil, s.deny(a, OpViewScores, fmt.Sprint(year))
	}
	p, err := s.Policy(s.dbContext())
	if err != nil {
		return nil, err
	}
	ys, err := c.load(s, p, year, year, scopeOf(f.AgentID, f.SupervisorID))
	if err != nil {
		return nil, err
	}
	d := ys[year]
	q := scopeAgents(s.db.Model(&models.Agent{}), a, OpViewScores)
	if f.Team != "" {
		q = q.Where("team = ?", f.Team)
	}
	if f.AgentID != 0 {
		q = q.Where("id = ?", f.AgentID)
	}
	if f.SupervisorID != nil {
		q = q.Where("supervisor_id = ?", *f.SupervisorID)
	}
	agents, err := s.findAgents(q)
	if err != nil {
		return nil, fmt.Errorf("list agents for %d: %w", year, err)
	}
	sort.Slice(agents, func(i, j int) bool { return agents[i].EmployeeNo < agents[j].EmployeeNo })
	if f.OnlyWithRecords {
		agents = slices.DeleteFunc(agents, func(ag models.Agent) bool { return !d.present[ag.ID] })
	}
	// scoring is pure and d is only read: the two halves on two cores
	out := make([]AgentYear, len(agents))
	half := len(agents) / 2
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := half; i < len(agents); i++ {
			out[i] = d.evaluate(p, year, agents[i])
		}
	}()
	for i := 0; i < half; i++ {
		out[i] = d.evaluate(p, year, agents[i])
	}
	wg.Wait()
	return out, nil
}

// AgentYears returns one agent's evaluations for the years from..to.
func (es *Evaluations) AgentYears(ctx context.Context, a Actor, agentID uint, from, to int) ([]AgentYear, error) {
	s := es.s
	s = s.withContext(ctx)
	ag, err := s.AgentByID(ctx, a, agentID)
	if err != nil {
		return nil, err
	}
	if err := s.requireAgent(a, OpViewScores, &ag); err != nil {
		return nil, err
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return nil, err
	}
	ys, err := s.loadYears(s.db, p, from, to, yearScope{agentID: agentID})
	if err != nil {
		return nil, err
	}
	var out []AgentYear
	for y := from; y <= to; y++ {
		out = append(out, ys[y].evaluate(p, y, ag))
	}
	return out, nil
}

// Finalize freezes the evaluation of one agent and year (managers only): the
// components, the annual score and the policy version. Only a complete year
// can be finalized, and only once it has ended (ErrYearNotEnded); a
// finalized one is refused.
func (es *Evaluations) Finalize(ctx context.Context, a Actor, agentID uint, year int) (models.Evaluation, error) {
	s := es.s
	s = s.withContext(ctx)
	if err := s.require(a, OpFinalize); err != nil {
		return models.Evaluation{}, err
	}
	if err := s.checkYearEnded(year); err != nil {
		return models.Evaluation{}, fmt.Errorf("finalize evaluation #%d/%d: %w", agentID, year, err)
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
		if err := evaluation.CheckFinalize(y.Snapshot != nil, y.Live); err != nil {
			return err
		}
		c := y.Live.Components
		if ev, err = evaluation.Snapshot(agentID, year, y.Live, p.Version, s.now().UTC(), a.UserID); err != nil {
			return err
		}
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
func (es *Evaluations) Reopen(ctx context.Context, a Actor, agentID uint, year int, reason string) error {
	s := es.s
	s = s.withContext(ctx)
	if err := s.require(a, OpFinalize); err != nil {
		return err
	}
	reason, err := evaluation.ReopenReason(reason)
	if err != nil {
		return models.Invalid("error.reason_required", map[string]any{"Agent": agentID, "Year": year}, "reopen evaluation #%d/%d: a written reason is required", agentID, year)
	}
	err = s.db.Transaction(func(tx *gorm.DB) error {
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
func (es *Evaluations) Promotions(ctx context.Context, a Actor, asOf models.Date, f ReadinessFilter) ([]AgentReadiness, error) {
	s := es.s
	s = s.withContext(ctx)
	return s.promotions(a, asOf, f, nil)
}

// promotions is Promotions reading the years' inputs through c.
func (s *Store) promotions(a Actor, asOf models.Date, f ReadinessFilter, c *yearCache) ([]AgentReadiness, error) {
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewPromotions) && !a.Can(OpViewScores) {
		return nil, s.deny(a, OpViewPromotions, asOf.String())
	}
	whole := c != nil && f == (ReadinessFilter{})
	if whole && c.hasBoard && c.boardAsOf == asOf {
		return c.board, nil
	}
	op := OpViewPromotions
	if !a.Can(OpViewPromotions) {
		op = OpViewScores
	}
	p, err := s.Policy(s.dbContext())
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
	agents, err := s.findAgents(q)
	if err != nil {
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
	results, err := s.yearResults(p, need, agents, scopeOf(f.AgentID, f.SupervisorID), c)
	if err != nil {
		return nil, err
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
	if whole {
		c.board, c.boardAsOf, c.hasBoard = out, asOf, true
	}
	return out, nil
}

// yearResults evaluates agents for every year of years, the inputs of all
// of them read in one loadYears (a fixed set of queries), the agents scored
// on two cores (scoring is pure and the loaded data only read).
func (s *Store) yearResults(p scoring.Policy, years map[int]bool, agents []models.Agent, sc yearScope, c *yearCache) (map[int]map[uint]scoring.YearResult, error) {
	results := make(map[int]map[uint]scoring.YearResult, len(years))
	if len(years) == 0 {
		return results, nil
	}
	from, to := math.MaxInt, math.MinInt
	for y := range years {
		from, to = min(from, y), max(to, y)
	}
	data, err := c.load(s, p, from, to, sc)
	if err != nil {
		return nil, err
	}
	list := make([]int, 0, len(years))
	for y := range years {
		list = append(list, y)
		results[y] = make(map[uint]scoring.YearResult, len(agents))
	}
	sort.Ints(list)
	// each goroutine writes only the results of its own years' maps
	var wg sync.WaitGroup
	score := func(ys []int) {
		for _, y := range ys {
			d, m := data[y], results[y]
			for _, ag := range agents {
				m[ag.ID] = d.result(p, y, ag)
			}
		}
	}
	var odd, even []int
	for i, y := range list {
		if i%2 == 0 {
			even = append(even, y)
		} else {
			odd = append(odd, y)
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		score(odd)
	}()
	score(even)
	wg.Wait()
	return results, nil
}
