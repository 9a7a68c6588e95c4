package scoring

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"sullam/models"
)

// TestDefaultPolicy: the default policy carries every number of the spec
// and validates.
func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatalf("DefaultPolicy().Validate() = %v", err)
	}
	checks := []struct {
		rule      string
		got, want any
	}{
		{"§1 grace 15 minutes", p.GraceMinutes, 15},
		{"§1 attendance rate weight 0.80", p.AttendanceRateWeight, 80},
		{"§1 punctuality rate weight 0.20", p.PunctualityRateWeight, 20},
		{"§1 insufficient below 20 scheduled days", p.MinScheduledDays, 20},
		{"§2 insufficient below 4 audits", p.MinAudits, 4},
		{"§3 submission weight 0.60", p.SubmissionWeight, 60},
		{"§3 report quality weight 0.40", p.ReportQualityWeight, 40},
		{"§3 on time within 7 days", p.OnTimeDays, 7},
		{"§3 late credit 0.5", p.LateCreditPercent, 50},
		{"§3 insufficient below 4 expected weeks", p.MinExpectedWeeks, 4},
		{"§3 insufficient with no rated report", p.MinRatedReports, 1},
		{"§4 insufficient with no review", p.MinReviews, 1},
		{"§5 weights 25/25/25/25", p.Weights, ComponentWeights{25, 25, 25, 25}},
		{"§6 ready at 90", p.ReadyThreshold, Cents(9000)},
		{"§6 eligible after 3 years", p.EligibleYears, 3},
		{"§6 overdue after 5 years", p.OverdueYears, 5},
		{"§6 insufficient data below 2 counted years", p.MinCountedYears, 2},
		{"§4 eight competencies", len(p.Competencies), 8},
		{"§6 five roles", len(p.Ladder), 5},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.rule, c.got, c.want)
		}
	}
	wantCodes := []string{"COMMUNICATION", "PROBLEM_SOLVING", "PATIENCE", "TIME_MANAGEMENT", "PRODUCT_KNOWLEDGE", "TEAMWORK", "POLICY", "INITIATIVE"}
	for i, c := range p.Competencies {
		if c.Code != wantCodes[i] || c.Weight != 1 || c.NameAr == "" || c.NameEn == "" || c.DescriptionAr == "" || c.DescriptionEn == "" {
			t.Errorf("competency %d = %+v", i, c)
		}
	}
}

// TestPolicyJSON: the policy is stored as JSON with snake_case keys and
// reads back unchanged.
func TestPolicyJSON(t *testing.T) {
	p := DefaultPolicy()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"grace_minutes":15`, `"ready_threshold":90.00`, `"weights":{"attendance":25`, `"late_credit_percent":50`, `"name_ar":`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
	var q Policy
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("round trip changed the policy:\n%+v\n%+v", p, q)
	}
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		rule   string
		mutate func(p *Policy)
		fields []string // every field the error must name, in order
	}{
		{"§5 component weights must sum to 100", func(p *Policy) { p.Weights.Supervisor = 24 }, []string{"weights"}},
		{"§5 component weights above 100 in sum", func(p *Policy) { p.Weights.Attendance = 26 }, []string{"weights"}},
		{"§5 a negative weight is refused even if the sum is 100", func(p *Policy) { p.Weights = ComponentWeights{-5, 35, 35, 35} }, []string{"weights.attendance"}},
		{"§5 a weight above 100 is refused", func(p *Policy) { p.Weights = ComponentWeights{120, -20, 0, 0} }, []string{"weights.attendance", "weights.quality"}},
		{"§1 attendance rate weights must sum to 100", func(p *Policy) { p.AttendanceRateWeight = 70 }, []string{"attendance_rate_weight+punctuality_rate_weight"}},
		{"§3 weekly weights must sum to 100", func(p *Policy) { p.ReportQualityWeight = 50 }, []string{"submission_weight+report_quality_weight"}},
		{"§1 grace cannot be negative", func(p *Policy) { p.GraceMinutes = -1 }, []string{"grace_minutes"}},
		{"§1 min scheduled days must be positive", func(p *Policy) { p.MinScheduledDays = 0 }, []string{"min_scheduled_days"}},
		{"§2 min audits must be positive", func(p *Policy) { p.MinAudits = 0 }, []string{"min_audits"}},
		{"§3 on-time days cannot be negative", func(p *Policy) { p.OnTimeDays = -1 }, []string{"on_time_days"}},
		{"§3 late credit within 0..100", func(p *Policy) { p.LateCreditPercent = 101 }, []string{"late_credit_percent"}},
		{"§3 min expected weeks must be positive", func(p *Policy) { p.MinExpectedWeeks = 0 }, []string{"min_expected_weeks"}},
		{"§3 min rated reports must be positive", func(p *Policy) { p.MinRatedReports = 0 }, []string{"min_rated_reports"}},
		{"§4 min reviews must be positive", func(p *Policy) { p.MinReviews = 0 }, []string{"min_reviews"}},
		{"§6 ready threshold within 0..100", func(p *Policy) { p.ReadyThreshold = 10001 }, []string{"ready_threshold"}},
		{"§6 overdue not before eligible", func(p *Policy) { p.OverdueYears = 2 }, []string{"overdue_years"}},
		{"§6 eligible years not negative", func(p *Policy) { p.EligibleYears = -1 }, []string{"eligible_years"}},
		{"§6 min counted years must be positive", func(p *Policy) { p.MinCountedYears = 0 }, []string{"min_counted_years"}},
		{"version not negative", func(p *Policy) { p.Version = -1 }, []string{"version"}},
		{"§6 ladder not empty", func(p *Policy) { p.Ladder = nil }, []string{"ladder"}},
		{"§6 ladder next must be a known role", func(p *Policy) { p.Ladder[4].Next = "ceo" }, []string{"ladder[4].next"}},
		{"§6 ladder without cycles", func(p *Policy) { p.Ladder[4].Next = RoleCoordinator }, []string{"ladder"}},
		{"§6 ladder role pointing to itself", func(p *Policy) { p.Ladder[4].Next = RoleCXManager }, []string{"ladder"}},
		{"§6 ladder codes unique", func(p *Policy) { p.Ladder[1].Code = RoleCSR }, []string{"ladder[1].code", "ladder[0].next"}},
		{"§6 ladder code not empty", func(p *Policy) { p.Ladder[4].Code = "" }, []string{"ladder[4].code", "ladder[3].next"}},
		{"§6 ladder names not empty", func(p *Policy) { p.Ladder[0].NameAr = " " }, []string{"ladder[0].name_ar"}},
		{"§4 competencies not empty", func(p *Policy) { p.Competencies = nil }, []string{"competencies"}},
		{"§4 competency weight positive", func(p *Policy) { p.Competencies[2].Weight = 0 }, []string{"competencies[2].weight"}},
		{"§4 competency codes unique", func(p *Policy) { p.Competencies[3].Code = "PATIENCE" }, []string{"competencies[3].code"}},
		{"§4 competency name not empty", func(p *Policy) { p.Competencies[0].NameEn = "" }, []string{"competencies[0].name_en"}},
		{"every problem is reported at once", func(p *Policy) {
			p.Weights.Quality = 0
			p.MinAudits = -1
			p.Ladder[0].Next = "nowhere"
			p.Competencies[7].Weight = -2
		}, []string{"min_audits", "weights", "ladder[0].next", "competencies[7].weight"}},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			p := DefaultPolicy()
			p.Ladder = slices.Clone(p.Ladder)
			tt.mutate(&p)
			err := p.Validate()
			if err == nil {
				t.Fatalf("Validate() = nil, want problems with %v", tt.fields)
			}
			if !errors.Is(err, models.ErrInvalid) {
				t.Errorf("errors.Is(err, models.ErrInvalid) = false")
			}
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *PolicyError", err)
			}
			var fields []string
			for _, pr := range pe.Problems {
				fields = append(fields, pr.Field)
				if !strings.Contains(err.Error(), pr.Field+": ") {
					t.Errorf("message %q does not name %s", err, pr.Field)
				}
				// Issue 16: each problem also has its own translation key,
				// so the window says it in the user's language.
				if pr.Key == "" || pr.Key == "policy.problem.other" {
					t.Errorf("problem %q has no translation key of its own", pr)
				}
			}
			if !slices.Equal(fields, tt.fields) {
				t.Errorf("fields = %v, want %v (%v)", fields, tt.fields, err)
			}
		})
	}
}

func TestNextRole(t *testing.T) {
	p := DefaultPolicy()
	tests := []struct {
		role, next string
		known      bool
	}{
		{RoleCSR, RoleCoordinator, true},
		{RoleCoordinator, RoleTeamLead, true},
		{RoleTeamLead, RoleCSManager, true},
		{RoleCSManager, RoleCXManager, true},
		{RoleCXManager, "", true},
		{"ceo", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		next, known := p.NextRole(tt.role)
		if next != tt.next || known != tt.known {
			t.Errorf("NextRole(%q) = %q, %v; want %q, %v", tt.role, next, known, tt.next, tt.known)
		}
	}
	if s, ok := p.Step(RoleCoordinator); !ok || s.NameEn != "Customer Service Coordinator" {
		t.Errorf("Step(coordinator) = %+v, %v", s, ok)
	}
}
