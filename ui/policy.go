package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// policyStore is what the policy editor needs of the store.
type policyStore interface {
	Policy(ctx context.Context) (scoring.Policy, error)
	PolicyVersions(ctx context.Context) ([]models.PolicyVersion, error)
	SavePolicy(ctx context.Context, a store.Actor, p scoring.Policy, note string) (scoring.Policy, error)
}

// PolicyEditor edits the scoring policy; saving stores a new version and
// never changes finalized evaluations.
type PolicyEditor struct {
	st    policyStore
	actor store.Actor

	policy  scoring.Policy
	fields  []policyField
	note    *widget.Entry
	status  *widgets.WrapLabel
	version *widget.Label
	history *widgets.WrapLabel
	form    *widgets.FormBox
}

// policyField binds one integer field of the policy to an entry.
type policyField struct {
	key   string
	ptr   func(p *scoring.Policy) *int
	entry *widgets.NumericEntry
}

// NewPolicyEditor builds the policy editor.
func NewPolicyEditor(st policyStore, a store.Actor) *PolicyEditor {
	return &PolicyEditor{st: st, actor: a}
}

func policyFields() []policyField {
	return []policyField{
		{key: "policy.grace_minutes", ptr: func(p *scoring.Policy) *int { return &p.GraceMinutes }},
		{key: "policy.attendance_rate_weight", ptr: func(p *scoring.Policy) *int { return &p.AttendanceRateWeight }},
		{key: "policy.punctuality_rate_weight", ptr: func(p *scoring.Policy) *int { return &p.PunctualityRateWeight }},
		{key: "policy.min_scheduled_days", ptr: func(p *scoring.Policy) *int { return &p.MinScheduledDays }},
		{key: "policy.min_audits", ptr: func(p *scoring.Policy) *int { return &p.MinAudits }},
		{key: "policy.submission_weight", ptr: func(p *scoring.Policy) *int { return &p.SubmissionWeight }},
		{key: "policy.report_quality_weight", ptr: func(p *scoring.Policy) *int { return &p.ReportQualityWeight }},
		{key: "policy.on_time_days", ptr: func(p *scoring.Policy) *int { return &p.OnTimeDays }},
		{key: "policy.late_credit_percent", ptr: func(p *scoring.Policy) *int { return &p.LateCreditPercent }},
		{key: "policy.min_expected_weeks", ptr: func(p *scoring.Policy) *int { return &p.MinExpectedWeeks }},
		{key: "policy.min_rated_reports", ptr: func(p *scoring.Policy) *int { return &p.MinRatedReports }},
		{key: "policy.min_reviews", ptr: func(p *scoring.Policy) *int { return &p.MinReviews }},
		{key: "policy.weight_attendance", ptr: func(p *scoring.Policy) *int { return &p.Weights.Attendance }},
		{key: "policy.weight_quality", ptr: func(p *scoring.Policy) *int { return &p.Weights.Quality }},
		{key: "policy.weight_weekly", ptr: func(p *scoring.Policy) *int { return &p.Weights.Weekly }},
		{key: "policy.weight_supervisor", ptr: func(p *scoring.Policy) *int { return &p.Weights.Supervisor }},
		{key: "policy.eligible_years", ptr: func(p *scoring.Policy) *int { return &p.EligibleYears }},
		{key: "policy.overdue_years", ptr: func(p *scoring.Policy) *int { return &p.OverdueYears }},
		{key: "policy.min_counted_years", ptr: func(p *scoring.Policy) *int { return &p.MinCountedYears }},
		{key: "policy.min_calibration_agents", ptr: func(p *scoring.Policy) *int { return &p.MinCalibrationAgents }},
	}
}

// Content returns the editor's widget tree; the policy loads off the UI thread.
func (e *PolicyEditor) Content() fyne.CanvasObject {
	e.fields = policyFields()
	e.form = widgets.NewForm()
	for i := range e.fields {
		e.fields[i].entry = widgets.NewNumericEntry(false)
		e.form.Append(i18n.T(e.fields[i].key), e.fields[i].entry)
	}
	threshold := widgets.NewNumericEntry(true)
	e.form.Append(i18n.T("policy.ready_threshold"), threshold)
	e.note = widget.NewEntry()
	e.note.SetPlaceHolder(i18n.Display(i18n.T("policy.note_hint")))
	e.form.Append(i18n.T("policy.note"), e.note)
	e.status = widgets.Para("")
	e.version = widgets.Label("")
	e.history = widgets.Para("")
	save := widget.NewButton(i18n.T("policy.save"), func() { e.onSave(threshold.Text) })
	save.Importance = widget.HighImportance
	widgets.GoWork(func() { e.load(threshold) })
	info := widgets.Para(i18n.T("policy.info"))
	return container.NewVScroll(container.NewVBox(widgets.Heading(i18n.T("settings.policy")), e.version, info, e.form, save, e.status,
		widget.NewSeparator(), widgets.Heading(i18n.T("policy.history")), e.history))
}

func (e *PolicyEditor) load(threshold *widgets.NumericEntry) {
	p, err := e.st.Policy(context.Background())
	versions, verr := e.st.PolicyVersions(context.Background())
	widgets.OnMain(func() {
		if err != nil || verr != nil {
			e.status.SetText(widgets.RawMessage(errors.Join(err, verr)))
			return
		}
		for _, f := range e.fields {
			f.entry.SetText(strconv.Itoa(*f.ptr(&p)))
		}
		threshold.SetText(p.ReadyThreshold.String())
		e.version.SetText(i18n.Display(i18n.T("policy.version", map[string]any{"Version": p.Version})))
		var lines []string
		for _, v := range versions {
			lines = append(lines, i18n.Display(i18n.T("policy.version_line", map[string]any{"Version": v.Version,
				"When": v.CreatedAt.Local().Format("2006-01-02 15:04"), "By": widgets.StoredName(v.CreatedBy), "Note": widgets.StoredText(v.Note)})))
		}
		e.history.SetText(strings.Join(lines, "\n"))
		e.policy = p // last: the editor is ready
	})
}

func (e *PolicyEditor) onSave(threshold string) {
	p := e.policy
	var bad []string
	for _, f := range e.fields {
		n, err := strconv.Atoi(strings.TrimSpace(models.LatinDigits(f.entry.Text)))
		if err != nil {
			bad = append(bad, i18n.T(f.key))
			continue
		}
		*f.ptr(&p) = n
	}
	c, err := scoring.ParseCents(strings.TrimSpace(models.LatinDigits(threshold)))
	if err != nil {
		bad = append(bad, i18n.T("policy.ready_threshold"))
	}
	p.ReadyThreshold = c
	if len(bad) > 0 {
		e.status.SetText(i18n.T("policy.not_numbers") + " " + strings.Join(bad, "، "))
		return
	}
	note := e.note.Text
	widgets.GoWork(func() {
		saved, err := e.st.SavePolicy(context.Background(), e.actor, p, note)
		widgets.OnMain(func() {
			var pe *scoring.PolicyError
			switch {
			case errors.As(err, &pe):
				var lines []string
				for _, pr := range pe.Problems {
					lines = append(lines, policyFieldLabel(pr.Field)+": "+i18n.T(pr.Key, pr.Args))
				}
				e.status.SetText(i18n.T("policy.invalid") + "\n" + strings.Join(lines, "\n"))
			case err != nil:
				e.status.SetText(widgets.RawMessage(err))
			default:
				e.policy = saved
				e.note.SetText("")
				e.status.SetText(i18n.T("policy.saved", map[string]any{"Version": saved.Version}))
				e.version.SetText(i18n.Display(i18n.T("policy.version", map[string]any{"Version": saved.Version})))
			}
		})
	})
}

// policyFieldLabel names a policy field (as scoring.Validate reports it:
// "grace_minutes", "weights.quality", "a+b" for fields that must add up)
// by the labels of the policy screen; fields the screen does not edit
// (ladder[2].code) keep their name.
func policyFieldLabel(field string) string {
	parts := strings.Split(field, "+")
	for i, f := range parts {
		if strings.ContainsAny(f, "[]") {
			continue
		}
		key := "policy." + strings.Replace(f, "weights.", "weight_", 1)
		if f == "weights" {
			key = "policy.weights"
		}
		if l := i18n.T(key); l != key {
			parts[i] = l
		}
	}
	return strings.Join(parts, " + ")
}
