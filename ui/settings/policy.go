package settings

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

	Policy  scoring.Policy
	Fields  []policyField
	note    *widget.Entry
	Status  *widgets.WrapLabel
	version *widget.Label
	history *widgets.WrapLabel
	form    *widgets.FormBox
}

// policyField binds one integer field of the policy to an entry.
type policyField struct {
	Key   string
	ptr   func(p *scoring.Policy) *int
	Entry *widgets.NumericEntry
}

// NewPolicyEditor builds the policy editor.
func NewPolicyEditor(st policyStore, a store.Actor) *PolicyEditor {
	return &PolicyEditor{st: st, actor: a}
}

func policyFields() []policyField {
	return []policyField{
		{Key: "policy.grace_minutes", ptr: func(p *scoring.Policy) *int { return &p.GraceMinutes }},
		{Key: "policy.attendance_rate_weight", ptr: func(p *scoring.Policy) *int { return &p.AttendanceRateWeight }},
		{Key: "policy.punctuality_rate_weight", ptr: func(p *scoring.Policy) *int { return &p.PunctualityRateWeight }},
		{Key: "policy.min_scheduled_days", ptr: func(p *scoring.Policy) *int { return &p.MinScheduledDays }},
		{Key: "policy.min_audits", ptr: func(p *scoring.Policy) *int { return &p.MinAudits }},
		{Key: "policy.submission_weight", ptr: func(p *scoring.Policy) *int { return &p.SubmissionWeight }},
		{Key: "policy.report_quality_weight", ptr: func(p *scoring.Policy) *int { return &p.ReportQualityWeight }},
		{Key: "policy.on_time_days", ptr: func(p *scoring.Policy) *int { return &p.OnTimeDays }},
		{Key: "policy.late_credit_percent", ptr: func(p *scoring.Policy) *int { return &p.LateCreditPercent }},
		{Key: "policy.min_expected_weeks", ptr: func(p *scoring.Policy) *int { return &p.MinExpectedWeeks }},
		{Key: "policy.min_rated_reports", ptr: func(p *scoring.Policy) *int { return &p.MinRatedReports }},
		{Key: "policy.min_reviews", ptr: func(p *scoring.Policy) *int { return &p.MinReviews }},
		{Key: "policy.weight_attendance", ptr: func(p *scoring.Policy) *int { return &p.Weights.Attendance }},
		{Key: "policy.weight_quality", ptr: func(p *scoring.Policy) *int { return &p.Weights.Quality }},
		{Key: "policy.weight_weekly", ptr: func(p *scoring.Policy) *int { return &p.Weights.Weekly }},
		{Key: "policy.weight_supervisor", ptr: func(p *scoring.Policy) *int { return &p.Weights.Supervisor }},
		{Key: "policy.eligible_years", ptr: func(p *scoring.Policy) *int { return &p.EligibleYears }},
		{Key: "policy.overdue_years", ptr: func(p *scoring.Policy) *int { return &p.OverdueYears }},
		{Key: "policy.min_counted_years", ptr: func(p *scoring.Policy) *int { return &p.MinCountedYears }},
		{Key: "policy.min_calibration_agents", ptr: func(p *scoring.Policy) *int { return &p.MinCalibrationAgents }},
	}
}

// Content returns the editor's widget tree; the policy loads off the UI thread.
func (e *PolicyEditor) Content() fyne.CanvasObject {
	e.Fields = policyFields()
	e.form = widgets.NewForm()
	for i := range e.Fields {
		e.Fields[i].Entry = widgets.NewNumericEntry(false)
		e.form.Append(i18n.T(e.Fields[i].Key), e.Fields[i].Entry)
	}
	threshold := widgets.NewNumericEntry(true)
	e.form.Append(i18n.T("policy.ready_threshold"), threshold)
	e.note = widget.NewEntry()
	e.note.SetPlaceHolder(i18n.Display(i18n.T("policy.note_hint")))
	e.form.Append(i18n.T("policy.note"), e.note)
	e.Status = widgets.Para("")
	e.version = widgets.Label("")
	e.history = widgets.Para("")
	save := widget.NewButton(i18n.T("policy.save"), func() { e.onSave(threshold.Text) })
	save.Importance = widget.HighImportance
	widgets.GoWork(func() { e.load(threshold) })
	info := widgets.Para(i18n.T("policy.info"))
	return container.NewVScroll(container.NewVBox(widgets.Heading(i18n.T("settings.policy")), e.version, info, e.form, save, e.Status,
		widget.NewSeparator(), widgets.Heading(i18n.T("policy.history")), e.history))
}

func (e *PolicyEditor) load(threshold *widgets.NumericEntry) {
	p, err := e.st.Policy(context.Background())
	versions, verr := e.st.PolicyVersions(context.Background())
	widgets.OnMain(func() {
		if err != nil || verr != nil {
			e.Status.SetText(widgets.RawMessage(errors.Join(err, verr)))
			return
		}
		for _, f := range e.Fields {
			f.Entry.SetText(strconv.Itoa(*f.ptr(&p)))
		}
		threshold.SetText(p.ReadyThreshold.String())
		e.version.SetText(i18n.Display(i18n.T("policy.version", map[string]any{"Version": p.Version})))
		var lines []string
		for _, v := range versions {
			lines = append(lines, i18n.Display(i18n.T("policy.version_line", map[string]any{"Version": v.Version,
				"When": v.CreatedAt.Local().Format("2006-01-02 15:04"), "By": widgets.StoredName(v.CreatedBy), "Note": widgets.StoredText(v.Note)})))
		}
		e.history.SetText(strings.Join(lines, "\n"))
		e.Policy = p // last: the editor is ready
	})
}

func (e *PolicyEditor) onSave(threshold string) {
	p := e.Policy
	var bad []string
	for _, f := range e.Fields {
		n, err := strconv.Atoi(strings.TrimSpace(models.LatinDigits(f.Entry.Text)))
		if err != nil {
			bad = append(bad, i18n.T(f.Key))
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
		e.Status.SetText(i18n.T("policy.not_numbers") + " " + strings.Join(bad, "، "))
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
				e.Status.SetText(i18n.T("policy.invalid") + "\n" + strings.Join(lines, "\n"))
			case err != nil:
				e.Status.SetText(widgets.RawMessage(err))
			default:
				e.Policy = saved
				e.note.SetText("")
				e.Status.SetText(i18n.T("policy.saved", map[string]any{"Version": saved.Version}))
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
