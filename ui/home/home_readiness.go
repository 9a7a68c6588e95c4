package home

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// readinessFacts are the readiness values shown on the home screen, each
// as text: years in role, counted years, cumulative average, status and the
// score needed next year.
func readinessFacts(r store.AgentReadiness) (years, counted, cumulative, status, needed string) {
	rd := r.Readiness
	years = rd.YearsInRole.String()
	counted = fmt.Sprint(rd.CountedYears())
	cumulative = "—"
	if rd.HasCumulative {
		cumulative = rd.Cumulative.String()
	}
	status = i18n.T("readiness." + string(rd.Status))
	needed = "—"
	if rd.HasRequiredNext {
		needed = rd.RequiredNext.String()
		if rd.OutOfReach {
			needed += " — " + i18n.T("report.out_of_reach")
		}
	}
	return
}

// readinessWords says in plain words what a readiness means for the agent
// and what the score needed next year is for.
func readinessWords(r store.AgentReadiness) string {
	rd := r.Readiness
	args := map[string]any{"Cumulative": rd.Cumulative.String(), "Score": rd.RequiredNext.String(),
		"Counted": rd.CountedYears(), "Date": rd.EligibleOn.String()}
	switch rd.Status {
	case models.Ready:
		return i18n.T("home.rw_ready", args)
	case models.TopOfLadder:
		return i18n.T("home.rw_top", args)
	}
	var first string
	switch rd.Status {
	case models.NotEligible:
		first = i18n.T("home.rw_not_eligible", args)
	case models.InsufficientData:
		first = i18n.T("home.rw_insufficient", args)
	default:
		first = i18n.T("home.rw_not_ready", args)
	}
	switch {
	case !rd.HasRequiredNext:
		return first + " " + i18n.T("home.rw_no_years", args)
	case rd.OutOfReach:
		return first + " " + i18n.T("home.rw_out_of_reach", args)
	}
	return first + " " + i18n.T("home.rw_needed", args)
}

// selfReadinessSection is the signed-in agent's own readiness: the facts of
// the promotion board and what they mean.
func (h *Home) selfReadinessSection(r *store.AgentReadiness) []fyne.CanvasObject {
	years, counted, cumulative, status, needed := readinessFacts(*r)
	form := widgets.NewForm(
		widget.NewFormItem(i18n.T("report.years_in_role"), widgets.Label(years)),
		widget.NewFormItem(i18n.T("home.counted_years"), widgets.Label(counted)),
		widget.NewFormItem(i18n.T("report.cumulative"), widgets.Label(cumulative)),
		widget.NewFormItem(i18n.T("home.status"), widgets.Label(status)),
		widget.NewFormItem(i18n.T("report.required_next"), widgets.Label(needed)))
	return []fyne.CanvasObject{widget.NewSeparator(), widgets.Heading(i18n.T("home.my_readiness")), form, widgets.Para(readinessWords(*r))}
}

// teamReadinessColumns are the columns of a supervisor's team readiness table.
var teamReadinessColumns = []string{"home.agent", "report.years_in_role", "home.counted_years", "report.cumulative", "home.status", "report.required_next"}

// teamReadinessSection is a table of the readiness of each member of a
// supervisor's team.
func (h *Home) teamReadinessSection(rs []store.AgentReadiness) []fyne.CanvasObject {
	grid := widgets.NewReadingGrid(len(teamReadinessColumns))
	for _, c := range teamReadinessColumns {
		grid.Add(widget.NewLabelWithStyle(i18n.Display(i18n.T(c)), widgets.ReadingEdge(), fyne.TextStyle{Bold: true}))
	}
	for _, r := range rs {
		years, counted, cumulative, status, needed := readinessFacts(r)
		grid.Add(widgets.NewCellLabel(r.Agent.EmployeeNo + " — " + r.Agent.FullName)) // cut, then ordered
		for _, v := range []string{years, counted, cumulative, status, needed} {
			grid.Add(widgets.NewWrapLabel(v))
		}
	}
	out := []fyne.CanvasObject{widgets.Heading(i18n.T("home.team_readiness")), widgets.Para(i18n.T("home.team_readiness_hint"))}
	if len(rs) == 0 {
		return append(out, widgets.Label(i18n.T("home.none")))
	}
	return append(out, grid)
}
