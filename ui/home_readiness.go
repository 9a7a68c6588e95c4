package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
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
	status = lang.L("readiness." + string(rd.Status))
	needed = "—"
	if rd.HasRequiredNext {
		needed = rd.RequiredNext.String()
		if rd.OutOfReach {
			needed += " — " + lang.L("report.out_of_reach")
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
		return lang.L("home.rw_ready", args)
	case models.TopOfLadder:
		return lang.L("home.rw_top", args)
	}
	var first string
	switch rd.Status {
	case models.NotEligible:
		first = lang.L("home.rw_not_eligible", args)
	case models.InsufficientData:
		first = lang.L("home.rw_insufficient", args)
	default:
		first = lang.L("home.rw_not_ready", args)
	}
	switch {
	case !rd.HasRequiredNext:
		return first + " " + lang.L("home.rw_no_years", args)
	case rd.OutOfReach:
		return first + " " + lang.L("home.rw_out_of_reach", args)
	}
	return first + " " + lang.L("home.rw_needed", args)
}

// selfReadinessSection is the signed-in agent's own readiness: the facts of
// the promotion board and what they mean.
func (h *Home) selfReadinessSection(r *store.AgentReadiness) []fyne.CanvasObject {
	years, counted, cumulative, status, needed := readinessFacts(*r)
	form := newForm(
		widget.NewFormItem(lang.L("report.years_in_role"), label(years)),
		widget.NewFormItem(lang.L("home.counted_years"), label(counted)),
		widget.NewFormItem(lang.L("report.cumulative"), label(cumulative)),
		widget.NewFormItem(lang.L("home.status"), label(status)),
		widget.NewFormItem(lang.L("report.required_next"), label(needed)))
	return []fyne.CanvasObject{widget.NewSeparator(), heading(lang.L("home.my_readiness")), form, para(readinessWords(*r))}
}

// teamReadinessColumns are the columns of a supervisor's team readiness table.
var teamReadinessColumns = []string{"home.agent", "report.years_in_role", "home.counted_years", "report.cumulative", "home.status", "report.required_next"}

// teamReadinessSection is a table of the readiness of each member of a
// supervisor's team.
func (h *Home) teamReadinessSection(rs []store.AgentReadiness) []fyne.CanvasObject {
	grid := newReadingGrid(len(teamReadinessColumns))
	for _, c := range teamReadinessColumns {
		grid.Add(widget.NewLabelWithStyle(i18n.Display(lang.L(c)), readingEdge(), fyne.TextStyle{Bold: true}))
	}
	for _, r := range rs {
		years, counted, cumulative, status, needed := readinessFacts(r)
		grid.Add(newCellLabel(r.Agent.EmployeeNo + " — " + r.Agent.FullName)) // cut, then ordered
		for _, v := range []string{years, counted, cumulative, status, needed} {
			grid.Add(newWrapLabel(v))
		}
	}
	out := []fyne.CanvasObject{heading(lang.L("home.team_readiness")), para(lang.L("home.team_readiness_hint"))}
	if len(rs) == 0 {
		return append(out, label(lang.L("home.none")))
	}
	return append(out, grid)
}
