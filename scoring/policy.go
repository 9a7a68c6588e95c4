package scoring

import (
	"fmt"
	"slices"
	"strings"

	"sullam/models"
)

// ComponentWeights are the weights, in percent, of the four components in the
// annual score; they must sum to 100.
type ComponentWeights struct {
	Attendance int `json:"attendance"`
	Quality    int `json:"quality"`
	Weekly     int `json:"weekly"`
	Supervisor int `json:"supervisor"`
}

// Of returns the weight of the component of kind k (0 for an unknown kind).
func (w ComponentWeights) Of(k ComponentKind) int {
	switch k {
	case Attendance:
		return w.Attendance
	case Quality:
		return w.Quality
	case Weekly:
		return w.Weekly
	case Supervisor:
		return w.Supervisor
	}
	return 0
}

// LadderStep is one role of the career ladder.
type LadderStep struct {
	Code   string `json:"code"`
	NameAr string `json:"name_ar"`
	NameEn string `json:"name_en"`
	// Next is the code of the role an agent in this role is promoted to;
	// empty for the top of the ladder.
	Next string `json:"next"`
}

// Competency is one competency a supervisor rates 1–5 in a review.
type Competency struct {
	Code          string `json:"code"`
	NameAr        string `json:"name_ar"`
	NameEn        string `json:"name_en"`
	DescriptionAr string `json:"description_ar"`
	DescriptionEn string `json:"description_en"`
	Weight        int    `json:"weight"`
}

// Policy holds every number of spec/scoring.md. It is stored as JSON and
// versioned: changing the policy never rewrites a finalized evaluation.
// Percent fields are integers 0–100.
type Policy struct {
	// Version is the policy version, recorded in finalized snapshots.
	Version int `json:"version"`

	// GraceMinutes: a present day is punctual when late and early-leave
	// minutes are both <= GraceMinutes (§1).
	GraceMinutes int `json:"grace_minutes"`
	// AttendanceRateWeight and PunctualityRateWeight weigh the two rates of
	// the attendance component, in percent; they sum to 100.
	AttendanceRateWeight  int `json:"attendance_rate_weight"`
	PunctualityRateWeight int `json:"punctuality_rate_weight"`
	// MinScheduledDays: attendance is insufficient below this many
	// scheduled (present or absent) days.
	MinScheduledDays int `json:"min_scheduled_days"`

	// MinAudits: quality is insufficient below this many audits in the year.
	MinAudits int `json:"min_audits"`

	// SubmissionWeight and ReportQualityWeight weigh the submission rate and
	// the report quality of the weekly component, in percent; they sum to 100.
	SubmissionWeight    int `json:"submission_weight"`
	ReportQualityWeight int `json:"report_quality_weight"`
	// OnTimeDays: a weekly report is on time when submitted on or before
	// week_start + OnTimeDays.
	OnTimeDays int `json:"on_time_days"`
	// LateCreditPercent is the credit, in percent of an on-time report, that a
	// late report earns (50 = 0.5).
	LateCreditPercent int `json:"late_credit_percent"`
	// MinExpectedWeeks: weekly is insufficient below this many expected weeks.
	MinExpectedWeeks int `json:"min_expected_weeks"`
	// MinRatedReports: weekly is insufficient below this many rated reports.
	MinRatedReports int `json:"min_rated_reports"`

	// MinReviews: supervisor is insufficient below this many reviews.
	MinReviews int `json:"min_reviews"`

	// Weights of the four components in the annual score.
	Weights ComponentWeights `json:"weights"`

	// ReadyThreshold: an eligible agent with enough counted years is ready
	// when the cumulative average is >= ReadyThreshold.
	ReadyThreshold Cents `json:"ready_threshold"`
	// EligibleYears and OverdueYears: the agent is eligible from the
	// EligibleYears anniversary of the role start and overdue from the
	// OverdueYears anniversary.
	EligibleYears int `json:"eligible_years"`
	OverdueYears  int `json:"overdue_years"`
	// MinCountedYears: below this many counted years the status is
	// insufficient_data.
	MinCountedYears int `json:"min_counted_years"`

	// MinCalibrationAgents: supervisor calibration flags a supervisor as
	// lenient or harsh only with at least this many rated agents. 0 (a
	// policy version saved before the field existed) means
	// DefaultMinCalibrationAgents; use CalibrationMinAgents.
	MinCalibrationAgents int `json:"min_calibration_agents,omitempty"`

	// Ladder is the career ladder.
	Ladder []LadderStep `json:"ladder"`
	// Competencies are the competencies of a supervisor review.
	Competencies []Competency `json:"competencies"`
}

// DefaultMinCalibrationAgents is the calibration minimum of a policy that
// does not set one.
const DefaultMinCalibrationAgents = 5

// CalibrationMinAgents returns the minimum number of rated agents before
// calibration may flag a supervisor: MinCalibrationAgents, or
// DefaultMinCalibrationAgents when it is unset (0).
func (p Policy) CalibrationMinAgents() int {
	if p.MinCalibrationAgents <= 0 {
		return DefaultMinCalibrationAgents
	}
	return p.MinCalibrationAgents
}

// Role codes of the default career ladder.
const (
	RoleCSR         = "csr"
	RoleCoordinator = "coordinator"
	RoleTeamLead    = "team_lead"
	RoleCSManager   = "cs_manager"
	RoleCXManager   = "cx_manager"
)

// DefaultPolicy returns the default policy of spec/scoring.md, version 1.
func DefaultPolicy() Policy {
	return Policy{
		Version:               1,
		GraceMinutes:          15,
		AttendanceRateWeight:  80,
		PunctualityRateWeight: 20,
		MinScheduledDays:      20,
		MinAudits:             4,
		SubmissionWeight:      60,
		ReportQualityWeight:   40,
		OnTimeDays:            7,
		LateCreditPercent:     50,
		MinExpectedWeeks:      4,
		MinRatedReports:       1,
		MinReviews:            1,
		Weights:               ComponentWeights{Attendance: 25, Quality: 25, Weekly: 25, Supervisor: 25},
		ReadyThreshold:        9000,
		EligibleYears:         3,
		OverdueYears:          5,
		MinCountedYears:       2,
		MinCalibrationAgents:  DefaultMinCalibrationAgents,
		Ladder: []LadderStep{
			{Code: RoleCSR, NameAr: "ممثل خدمة العملاء", NameEn: "Customer Service Representative", Next: RoleCoordinator},
			{Code: RoleCoordinator, NameAr: "منسق خدمة العملاء", NameEn: "Customer Service Coordinator", Next: RoleTeamLead},
			{Code: RoleTeamLead, NameAr: "مشرف فريق خدمة العملاء", NameEn: "Customer Service Team Supervisor", Next: RoleCSManager},
			{Code: RoleCSManager, NameAr: "مدير خدمة العملاء", NameEn: "Customer Service Manager", Next: RoleCXManager},
			{Code: RoleCXManager, NameAr: "مدير تجربة العملاء", NameEn: "Customer Experience Manager"},
		},
		Competencies: DefaultCompetencies(),
	}
}

// DefaultCompetencies returns the eight default supervisor competencies of
// spec/scoring.md §4, each with weight 1.
func DefaultCompetencies() []Competency {
	return []Competency{
		{Code: "COMMUNICATION", NameAr: "التواصل", NameEn: "Communication",
			DescriptionAr: "تواصل فعال وواضح", DescriptionEn: "Effective, clear communication", Weight: 1},
		{Code: "PROBLEM_SOLVING", NameAr: "حل المشكلات", NameEn: "Problem solving",
			DescriptionAr: "يحلل مشكلات العملاء ويحلها", DescriptionEn: "Analyses and solves customer problems", Weight: 1},
		{Code: "PATIENCE", NameAr: "الصبر", NameEn: "Patience",
			DescriptionAr: "الصبر والهدوء مع العملاء الصعبين", DescriptionEn: "Patience and composure with difficult customers", Weight: 1},
		{Code: "TIME_MANAGEMENT", NameAr: "إدارة الوقت", NameEn: "Time management",
			DescriptionAr: "يدير وقته ويعمل جيدًا تحت الضغط", DescriptionEn: "Manages time and works well under pressure", Weight: 1},
		{Code: "PRODUCT_KNOWLEDGE", NameAr: "معرفة المنتجات", NameEn: "Product knowledge",
			DescriptionAr: "يعرف المنتجات والخدمات والأدوات", DescriptionEn: "Knows the products, services and tools", Weight: 1},
		{Code: "TEAMWORK", NameAr: "العمل الجماعي", NameEn: "Teamwork",
			DescriptionAr: "يتعاون مع زملائه ومع الإدارات الأخرى", DescriptionEn: "Cooperates with colleagues and other departments", Weight: 1},
		{Code: "POLICY", NameAr: "الالتزام بالسياسة", NameEn: "Policy compliance",
			DescriptionAr: "يتبع سياسة خدمة العملاء وإجراءاتها", DescriptionEn: "Follows the customer service policy and procedures", Weight: 1},
		{Code: "INITIATIVE", NameAr: "المبادرة", NameEn: "Initiative",
			DescriptionAr: "خدمة استباقية واقتراحات للتحسين", DescriptionEn: "Proactive service and suggestions for improvement", Weight: 1},
	}
}

// NextRole returns the role an agent in role code is promoted to ("" at the
// top of the ladder) and whether code is a role of the ladder at all.
func (p Policy) NextRole(code string) (next string, known bool) {
	for _, s := range p.Ladder {
		if s.Code == code {
			return s.Next, true
		}
	}
	return "", false
}

// Step returns the ladder step of role code.
func (p Policy) Step(code string) (LadderStep, bool) {
	for _, s := range p.Ladder {
		if s.Code == code {
			return s, true
		}
	}
	return LadderStep{}, false
}

// PolicyProblem is one invalid field of a Policy. Field is the JSON name of
// the field ("weights", "ladder[2].next", "competencies[0].weight").
type PolicyProblem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	// Key and Args say Message as a translation key ("policy.problem.*")
	// with its arguments, for the window.
	Key  string         `json:"-"`
	Args map[string]any `json:"-"`
}

// String formats the problem as "field: message".
func (p PolicyProblem) String() string { return p.Field + ": " + p.Message }

// PolicyError lists every problem Policy.Validate found. It matches
// models.ErrInvalid with errors.Is.
type PolicyError struct {
	Problems []PolicyProblem
}

// Error joins all problems.
func (e *PolicyError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "invalid policy: " + strings.Join(parts, "; ")
}

// Unwrap makes errors.Is(err, models.ErrInvalid) true.
func (e *PolicyError) Unwrap() error { return models.ErrInvalid }

// problemKeys gives the translation key of each kind of policy problem,
// by its English format.
var problemKeys = map[string]string{
	"%d is outside 0..100":                     "policy.problem.outside_percent",
	"%s is outside 0..100":                     "policy.problem.outside_percent",
	"%d is outside 0..1440":                    "policy.problem.outside_minutes",
	"%d must be at least 1":                    "policy.problem.at_least_one",
	"%d must not be negative":                  "policy.problem.negative",
	"weights sum to %d, not 100":               "policy.problem.sum",
	"%d is before eligible_years %d":           "policy.problem.overdue_before_eligible",
	"empty: at least one competency is needed": "policy.problem.no_competency",
	"empty: at least one role is needed":       "policy.problem.no_role",
	"empty":                                    "policy.problem.empty",
	"%q appears twice":                         "policy.problem.twice",
	"unknown role %q":                          "policy.problem.unknown_role",
	"the next roles form a cycle among %s":     "policy.problem.cycle",
}

// problemKey returns the translation key of a problem's format, or the
// generic one.
func problemKey(format string) string {
	if k, ok := problemKeys[format]; ok {
		return k
	}
	return "policy.problem.other"
}

// problemArgs names a problem's values A and B for its translation.
func problemArgs(args []any) map[string]any {
	m := map[string]any{}
	for i, a := range args {
		if i < 2 {
			m[string(rune('A'+i))] = fmt.Sprint(a)
		}
	}
	return m
}

// Validate checks every field of p and reports all problems at once, as a
// *PolicyError naming each field; it returns nil when p is valid.
func (p Policy) Validate() error {
	var probs []PolicyProblem
	add := func(field, format string, args ...any) {
		probs = append(probs, PolicyProblem{Field: field, Message: fmt.Sprintf(format, args...), Key: problemKey(format), Args: problemArgs(args)})
	}
	percent := func(field string, v int) {
		if v < 0 || v > 100 {
			add(field, "%d is outside 0..100", v)
		}
	}
	positive := func(field string, v int) {
		if v <= 0 {
			add(field, "%d must be at least 1", v)
		}
	}
	nonNegative := func(field string, v int) {
		if v < 0 {
			add(field, "%d must not be negative", v)
		}
	}
	sum100 := func(field string, vs ...int) {
		s := 0
		for _, v := range vs {
			s += v
		}
		if s != 100 {
			add(field, "weights sum to %d, not 100", s)
		}
	}

	nonNegative("version", p.Version)
	if p.GraceMinutes < 0 || p.GraceMinutes > 24*60 {
		add("grace_minutes", "%d is outside 0..1440", p.GraceMinutes)
	}
	percent("attendance_rate_weight", p.AttendanceRateWeight)
	percent("punctuality_rate_weight", p.PunctualityRateWeight)
	sum100("attendance_rate_weight+punctuality_rate_weight", p.AttendanceRateWeight, p.PunctualityRateWeight)
	positive("min_scheduled_days", p.MinScheduledDays)
	positive("min_audits", p.MinAudits)
	percent("submission_weight", p.SubmissionWeight)
	percent("report_quality_weight", p.ReportQualityWeight)
	sum100("submission_weight+report_quality_weight", p.SubmissionWeight, p.ReportQualityWeight)
	nonNegative("on_time_days", p.OnTimeDays)
	percent("late_credit_percent", p.LateCreditPercent)
	positive("min_expected_weeks", p.MinExpectedWeeks)
	positive("min_rated_reports", p.MinRatedReports)
	positive("min_reviews", p.MinReviews)
	w := p.Weights
	percent("weights.attendance", w.Attendance)
	percent("weights.quality", w.Quality)
	percent("weights.weekly", w.Weekly)
	percent("weights.supervisor", w.Supervisor)
	sum100("weights", w.Attendance, w.Quality, w.Weekly, w.Supervisor)
	if p.ReadyThreshold < 0 || p.ReadyThreshold > 10000 {
		add("ready_threshold", "%s is outside 0..100", p.ReadyThreshold)
	}
	nonNegative("eligible_years", p.EligibleYears)
	if p.OverdueYears < p.EligibleYears {
		add("overdue_years", "%d is before eligible_years %d", p.OverdueYears, p.EligibleYears)
	}
	positive("min_counted_years", p.MinCountedYears)
	nonNegative("min_calibration_agents", p.MinCalibrationAgents)

	probs = append(probs, p.ladderProblems()...)
	probs = append(probs, p.competencyProblems()...)

	if len(probs) == 0 {
		return nil
	}
	return &PolicyError{Problems: probs}
}

// competencyProblems checks the review competencies: at least one, each
// with a code used once, both names and a positive weight.
func (p Policy) competencyProblems() []PolicyProblem {
	var probs []PolicyProblem
	add := func(field, format string, args ...any) {
		probs = append(probs, PolicyProblem{Field: field, Message: fmt.Sprintf(format, args...), Key: problemKey(format), Args: problemArgs(args)})
	}
	if len(p.Competencies) == 0 {
		add("competencies", "empty: at least one competency is needed")
	}
	seen := map[string]bool{}
	for i, c := range p.Competencies {
		f := fmt.Sprintf("competencies[%d]", i)
		switch {
		case strings.TrimSpace(c.Code) == "":
			add(f+".code", "empty")
		case seen[c.Code]:
			add(f+".code", "%q appears twice", c.Code)
		}
		seen[c.Code] = true
		if strings.TrimSpace(c.NameEn) == "" {
			add(f+".name_en", "empty")
		}
		if strings.TrimSpace(c.NameAr) == "" {
			add(f+".name_ar", "empty")
		}
		if c.Weight <= 0 {
			add(f+".weight", "%d must be at least 1", c.Weight)
		}
	}
	return probs
}

func (p Policy) ladderProblems() []PolicyProblem {
	var probs []PolicyProblem
	add := func(field, format string, args ...any) {
		probs = append(probs, PolicyProblem{Field: field, Message: fmt.Sprintf(format, args...), Key: problemKey(format), Args: problemArgs(args)})
	}
	if len(p.Ladder) == 0 {
		add("ladder", "empty: at least one role is needed")
		return probs
	}
	index := map[string]int{}
	for i, s := range p.Ladder {
		f := fmt.Sprintf("ladder[%d]", i)
		if strings.TrimSpace(s.Code) == "" {
			add(f+".code", "empty")
		} else if _, dup := index[s.Code]; dup {
			add(f+".code", "%q appears twice", s.Code)
		} else {
			index[s.Code] = i
		}
		if strings.TrimSpace(s.NameEn) == "" {
			add(f+".name_en", "empty")
		}
		if strings.TrimSpace(s.NameAr) == "" {
			add(f+".name_ar", "empty")
		}
	}
	for i, s := range p.Ladder {
		if s.Next == "" {
			continue
		}
		if _, ok := index[s.Next]; !ok {
			add(fmt.Sprintf("ladder[%d].next", i), "unknown role %q", s.Next)
		}
	}
	// A role is on a cycle when following Next from it comes back to it.
	onCycle := map[string]bool{}
	for _, s := range p.Ladder {
		cur := s.Next
		for steps := 0; cur != "" && steps <= len(p.Ladder); steps++ {
			if cur == s.Code {
				onCycle[s.Code] = true
				break
			}
			j, ok := index[cur]
			if !ok {
				break
			}
			cur = p.Ladder[j].Next
		}
	}
	if len(onCycle) > 0 {
		codes := make([]string, 0, len(onCycle))
		for c := range onCycle {
			codes = append(codes, c)
		}
		slices.Sort(codes)
		add("ladder", "the next roles form a cycle among %s", strings.Join(codes, ", "))
	}
	return probs
}
