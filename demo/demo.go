// Package demo generates realistic, reproducible demo data for Sullam and
// loads it into an empty database through the store's imports.
//
// Generate is pure: it reads neither the clock nor the database. Everything
// is drawn from a PCG generator seeded with Options.Seed and dated relative
// to Options.Today, the reference date the history ends on (the day before
// it is the last day with records). The command line passes the current
// date so the demo looks current; the same seed and the same Today always
// give the same rows, byte for byte.
//
// The organisation is a pyramid: customer service representatives (csr) in
// teams of about ten led by a coordinator, coordinators reporting to team leads,
// team leads to one or more customer service managers (and, for large
// demos, a customer experience manager at the top). Each agent has a latent
// quality level that drives every input (attendance, audits, weekly reports,
// reviews) year after year, and a profile that sets the role start date, so
// that the promotion board as of Today shows every status: not eligible yet,
// ready, not ready, insufficient data (gaps in the reviews or audits),
// overdue, and a few agents who left.
//
// The recruitment data holds a pipeline of applicants at every stage, the
// hiring files of a few representatives hired in the last year, and those
// of the representatives hired through Sullam two or more years back whose
// first full year is complete within the history (HR and one or two
// coordinators scored every question of their interview, which follows the
// agent's quality with noise): the quality of hire has interview totals
// beside first full years' annual scores, and so real correlations.
package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// Defaults of Options.
const (
	DefaultAgents = 60
	DefaultYears  = 5
	// MaxAgents and MaxYears bound Options.
	MaxAgents = 50_000
	MaxYears  = 15
	// MinAgents is the smallest organisation that has every role.
	MinAgents = 10
)

// Options configures Generate.
type Options struct {
	// Agents is the number of agents of every role (0: DefaultAgents).
	Agents int
	// Years is the number of complete years of history before Today's year
	// (0: DefaultYears): the history starts on 1 January of Today.Year − Years.
	Years int
	// Seed determines every random draw.
	Seed uint64
	// Today is the reference date: records are dated before it, the
	// readiness spread is designed as of it. Required.
	Today models.Date
	// DemoPassword is the password of every demo account (empty: a random
	// one, made for this call; Data.Password says which). There is no
	// default password.
	DemoPassword string
}

// User is a demo account to create.
type User struct {
	Username string
	FullName string
	Roles    []models.Role
	// EmployeeNo links the account to an agent record; empty for none.
	EmployeeNo string
}

// Data is the generated demo data: the rows of each import kind, the
// recruitment data and the accounts.
type Data struct {
	Today      models.Date
	From       models.Date // first day of the history
	Agents     []models.AgentRow
	Attendance []models.AttendanceRow // by year, then agent, then date
	Audits     []models.AuditRow      // by year, then agent, then date
	Weekly     []models.WeeklyRow     // by year of week_start, then agent
	Reviews    []models.ReviewRow     // by year, then agent
	Candidates []store.DemoCandidate
	Users      []User
	// Password is the password of every demo account: Options.DemoPassword
	// or, when that was empty, a random one.
	Password string
	// Counts are the numbers of rows of each input kind: those of the
	// slices above, or, for Data made by Plan, those Load wrote.
	Counts Counts

	// plan, set by Plan, draws the inputs while Load writes them.
	plan *generator
}

// Counts are the numbers of evaluation input rows of demo data.
type Counts struct {
	Attendance, Audits, Weekly, Reviews int
}

// profile is what a csr's history is designed to show as of Today.
type profile int

const (
	profNew          profile = iota // role start < 3 years ago: not_eligible
	profReady                       // 3–5 years, high quality: ready
	profBorderline                  // 3–5 years, around the threshold
	profNotReady                    // 3–5 years, lower quality: not_ready
	profInsufficient                // 3–5 years, a gap in reviews or audits: insufficient_data
	profOverdue                     // 5–8 years: overdue
	profInactive                    // left the company
	profStaff                       // coordinators and above
)

// csrMix is the share of each profile among the representatives, in percent.
var csrMix = []struct {
	p   profile
	pct int
}{
	{profNew, 32}, {profReady, 14}, {profBorderline, 10}, {profNotReady, 17},
	{profInsufficient, 8}, {profOverdue, 13}, {profInactive, 6},
}

// person is one generated agent.
type person struct {
	no         string
	name       personName
	email      string
	phone      string
	role       string
	hire       models.Date
	roleStart  models.Date
	leftOn     models.Date // first day no longer employed; zero when active
	sup        *person
	team       string
	q          float64 // latent quality 0–1
	prof       profile
	gapYears   map[int]gapKind
	rngStream  uint64
	hasReports bool // has a supervisor: weekly reports, audits, reviews
}

// gapKind is a kind of missing data in one year.
type gapKind int

const (
	gapReviews gapKind = iota + 1 // no supervisor review in the year
	gapAudits                     // only two audits in the year
)

// generator holds the state shared while generating.
type generator struct {
	o      Options
	seed   uint64
	r      *rand.Rand
	from   models.Date
	last   models.Date // last day with records (Today − 1)
	cal    *calendar
	people []*person
	comps  []string
	items  []scoring.AuditItem
	// summaries[i][j] joins weekly tasks i and j into a report summary.
	summaries [][]string
}

// Generate returns the demo data of o. It is pure and deterministic (the
// same options give the same data), but for the random password made when
// o.DemoPassword is empty.
func Generate(o Options) (*Data, error) {
	g, d, err := newGenerator(o)
	if err != nil {
		return nil, err
	}
	g.inputs(d)
	d.Counts = Counts{Attendance: len(d.Attendance), Audits: len(d.Audits), Weekly: len(d.Weekly), Reviews: len(d.Reviews)}
	return d, nil
}

// Plan returns the demo data of o without its evaluation inputs: the
// agents, accounts and candidates, and a plan from which Load draws the
// attendance, audits, weekly reports and reviews agent by agent while it
// writes them, so that memory does not grow with the size of the history
// (a 10,000-agent demo holds millions of rows). The database Load fills
// from it is the same as from Generate's data with the same options.
func Plan(o Options) (*Data, error) {
	g, d, err := newGenerator(o)
	if err != nil {
		return nil, err
	}
	d.plan = g
	return d, nil
}

// newGenerator checks o and returns its generator with the organisation,
// the agent rows, the accounts and the candidates drawn (the inputs are
// drawn from each agent's own random stream, in any order after these).
func newGenerator(o Options) (*generator, *Data, error) {
	if o.Agents == 0 {
		o.Agents = DefaultAgents
	}
	if o.Years == 0 {
		o.Years = DefaultYears
	}
	if o.DemoPassword == "" {
		pw, err := RandomPassword()
		if err != nil {
			return nil, nil, fmt.Errorf("generate demo: %w", err)
		}
		o.DemoPassword = pw
	}
	switch {
	case o.Today.IsZero():
		return nil, nil, fmt.Errorf("generate demo: the reference date (Today) is required: %w", models.ErrInvalid)
	case o.Agents < MinAgents || o.Agents > MaxAgents:
		return nil, nil, fmt.Errorf("generate demo: %d agents: must be %d–%d: %w", o.Agents, MinAgents, MaxAgents, models.ErrInvalid)
	case o.Years < 1 || o.Years > MaxYears:
		return nil, nil, fmt.Errorf("generate demo: %d years: must be 1–%d: %w", o.Years, MaxYears, models.ErrInvalid)
	case o.Today.Year-o.Years < 1990:
		return nil, nil, fmt.Errorf("generate demo: reference date %s: too early: %w", o.Today, models.ErrInvalid)
	}
	if err := store.CheckPasswordRules(o.DemoPassword); err != nil {
		return nil, nil, fmt.Errorf("generate demo: demo password: %w", err)
	}
	g := &generator{
		o:     o,
		seed:  o.Seed,
		r:     rand.New(rand.NewPCG(o.Seed, 0x5ab1a11ade0)),
		from:  models.NewDate(o.Today.Year-o.Years, 1, 1),
		last:  o.Today.AddDays(-1),
		items: scoring.DefaultAuditForm(),
	}
	for _, c := range scoring.DefaultCompetencies() {
		g.comps = append(g.comps, c.Code)
	}
	g.cal = newCalendar(g.from, g.last)
	g.summaries = make([][]string, len(weeklyTasks))
	for i, a := range weeklyTasks {
		for _, b := range weeklyTasks {
			g.summaries[i] = append(g.summaries[i], a+"، و"+b)
		}
	}
	g.organise()
	d := &Data{Today: o.Today, From: g.from, Password: o.DemoPassword}
	d.Agents = g.agentRows()
	d.Users = g.users()
	d.Candidates = g.candidates()
	return g, d, nil
}

// daysAgo returns Today − n days.
func (g *generator) daysAgo(n int) models.Date { return g.o.Today.AddDays(-n) }

// between draws an integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// uniform draws a float in [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

// daysPerYear approximates a year; the profiles keep 20 days clear of the anniversaries.
const daysPerYear = 365

// organise draws the people, their roles, dates, teams and supervisors.
func (g *generator) organise() {
	n := g.o.Agents
	nCX := 0
	if n >= 200 {
		nCX = 1
	}
	nCS := max(1, n/1500)
	nTL := max(1, (n+22)/45)
	nCoord := max(2, (n+5)/11)
	nCSR := n - nCX - nCS - nTL - nCoord
	r := g.r
	newPerson := func(role string, prof profile) *person {
		p := &person{role: role, prof: prof, name: newName(r), phone: phoneOf(r), rngStream: uint64(len(g.people)) + 1}
		g.people = append(g.people, p)
		return p
	}
	staff := func(role string, count, startLo, startHi, hireLo, hireHi int, qLo float64) []*person {
		var out []*person
		for range count {
			p := newPerson(role, profStaff)
			p.roleStart = g.daysAgo(between(r, startLo, startHi))
			p.hire = p.roleStart.AddDays(-between(r, hireLo, hireHi))
			p.q = uniform(r, qLo, 1)
			out = append(out, p)
		}
		return out
	}
	cx := staff(scoring.RoleCXManager, nCX, 1*daysPerYear, 4*daysPerYear, 8*daysPerYear, 12*daysPerYear, 0.8)
	cs := staff(scoring.RoleCSManager, nCS, 2*daysPerYear, 6*daysPerYear, 6*daysPerYear, 10*daysPerYear, 0.75)
	tl := staff(scoring.RoleTeamLead, nTL, 1*daysPerYear, 6*daysPerYear, 4*daysPerYear, 8*daysPerYear, 0.6)
	co := staff(scoring.RoleCoordinator, nCoord, 200, 7*daysPerYear, 2*daysPerYear, 5*daysPerYear, 0.5)

	// Representatives, by profile: exact shares, then shuffled.
	profs := make([]profile, 0, nCSR)
	acc := 0
	for i, m := range csrMix {
		k := (nCSR*(acc+m.pct) + 50) / 100
		if i == len(csrMix)-1 {
			k = nCSR
		}
		for len(profs) < k {
			profs = append(profs, m.p)
		}
		acc += m.pct
	}
	r.Shuffle(len(profs), func(i, j int) { profs[i], profs[j] = profs[j], profs[i] })
	var csr []*person
	for _, pr := range profs {
		p := newPerson(scoring.RoleCSR, pr)
		g.drawCSR(p)
		csr = append(csr, p)
	}

	g.hierarchy(cx, cs, tl, co, csr)
	g.number()
}

// hierarchy sets the supervisors and teams: the CS managers under the CX
// manager, the team leads under the CS managers, the coordinators (one team
// each) under the team leads, the representatives under the coordinators.
func (g *generator) hierarchy(cx, cs, tl, co, csr []*person) {
	for _, p := range cs {
		if len(cx) > 0 {
			p.sup = cx[0]
		}
	}
	for i, p := range tl {
		p.sup = cs[i%len(cs)]
	}
	for i, p := range co {
		p.sup = tl[i%len(tl)]
		p.team = teamName(i)
	}
	for i, p := range csr {
		c := co[i%len(co)]
		p.sup = c
		p.team = c.team
	}
	for _, p := range g.people {
		p.hasReports = p.sup != nil
	}

}

// number gives the people their employee numbers in hiring order, then
// their e-mail addresses in that order.
func (g *generator) number() {
	order := slices.Clone(g.people)
	slices.SortStableFunc(order, func(a, b *person) int { return a.hire.Compare(b.hire) })
	taken := map[string]bool{}
	for i, p := range order {
		p.no = fmt.Sprintf("E%05d", 10001+i)
		p.email = emailOf(p.name, "sullam.example", taken)
	}
}

// drawCSR draws a representative's dates, quality and data gaps from their profile.
func (g *generator) drawCSR(p *person) {
	r := g.r
	switch p.prof {
	case profNew:
		p.roleStart = g.daysAgo(between(r, 20, 3*daysPerYear-20))
		p.q = uniform(r, 0.3, 1)
	case profReady:
		p.roleStart = g.daysAgo(between(r, 3*daysPerYear+20, 5*daysPerYear-20))
		p.q = uniform(r, 0.8, 1)
	case profBorderline:
		p.roleStart = g.daysAgo(between(r, 3*daysPerYear+20, 5*daysPerYear-20))
		p.q = uniform(r, 0.6, 0.8)
	case profNotReady:
		p.roleStart = g.daysAgo(between(r, 3*daysPerYear+20, 5*daysPerYear-20))
		p.q = uniform(r, 0.2, 0.6)
	case profInsufficient:
		p.roleStart = g.daysAgo(between(r, 3*daysPerYear+20, 5*daysPerYear-20))
		p.q = uniform(r, 0.4, 1)
	case profOverdue:
		p.roleStart = g.daysAgo(between(r, 5*daysPerYear+20, 8*daysPerYear))
		p.q = uniform(r, 0.3, 1)
	case profInactive:
		p.roleStart = g.daysAgo(between(r, 1*daysPerYear, 6*daysPerYear))
		p.q = uniform(r, 0.2, 0.8)
		p.leftOn = g.daysAgo(between(r, 20, min(700, p.roleStart.DaysUntil(g.o.Today)-200)))
	}
	p.hire = p.roleStart
	p.gapYears = map[int]gapKind{}
	// The years that may count: from the role start (or the start of the
	// history) to the last complete year before Today.
	var years []int
	for _, y := range scoring.YearsToCount(p.roleStart, g.o.Today) {
		if y >= g.from.Year {
			years = append(years, y)
		}
	}
	if p.prof == profInsufficient && len(years) > 0 {
		keep := years[r.IntN(len(years))]
		kind := gapReviews
		if r.IntN(3) == 0 {
			kind = gapAudits
		}
		for _, y := range years {
			if y != keep {
				p.gapYears[y] = kind
			}
		}
		return
	}
	// Now and then a year without a review (a supervisor who forgot).
	for _, y := range years {
		if r.IntN(100) < 2 {
			p.gapYears[y] = gapReviews
		}
	}
}

// agentRows returns the agents file, sorted by employee number.
func (g *generator) agentRows() []models.AgentRow {
	order := slices.Clone(g.people)
	slices.SortFunc(order, func(a, b *person) int { return strings.Compare(a.no, b.no) })
	rows := make([]models.AgentRow, 0, len(order))
	present := func() map[string]bool {
		return map[string]bool{"supervisor_no": true, "team": true, "status": true, "email": true, "phone": true}
	}
	for i, p := range order {
		status := models.Active
		if !p.leftOn.IsZero() {
			status = models.Inactive
		}
		sup := ""
		if p.sup != nil {
			sup = p.sup.no
		}
		rows = append(rows, models.AgentRow{
			Line: i + 2,
			Agent: models.Agent{EmployeeNo: p.no, FullName: p.name.full, HireDate: p.hire, Role: p.role,
				RoleStartDate: p.roleStart, Team: p.team, Status: status, Email: p.email, Phone: p.phone},
			SupervisorNo: sup,
			Present:      present(),
		})
	}
	g.people = order // from now on, in employee-number order
	return rows
}

// users returns the demo accounts: manager, hr, quality, one supervisor
// account per coordinator and team lead, and a few agent accounts.
func (g *generator) users() []User {
	var out []User
	mgr := User{Username: "manager", FullName: "مدير خدمة العملاء", Roles: []models.Role{models.RoleManager}}
	for _, p := range g.people {
		if p.role == scoring.RoleCSManager {
			mgr.FullName, mgr.EmployeeNo = p.name.full, p.no
			break
		}
	}
	out = append(out, mgr,
		User{Username: "hr", FullName: "منى الحربي", Roles: []models.Role{models.RoleHR}},
		User{Username: "quality", FullName: auditors[0], Roles: []models.Role{models.RoleQuality}})
	for _, p := range g.people {
		if p.role == scoring.RoleCoordinator || p.role == scoring.RoleTeamLead {
			out = append(out, User{Username: strings.ToLower(p.no), FullName: p.name.full,
				Roles: []models.Role{models.RoleSupervisor}, EmployeeNo: p.no})
		}
	}
	for _, want := range []profile{profReady, profNotReady, profNew} {
		for _, p := range g.people {
			if p.prof == want {
				out = append(out, User{Username: strings.ToLower(p.no), FullName: p.name.full,
					Roles: []models.Role{models.RoleAgent}, EmployeeNo: p.no})
				break
			}
		}
	}
	return out
}
