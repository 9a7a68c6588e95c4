package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// Evaluation is what an agent's annual evaluation report shows.
type Evaluation struct {
	Year store.AgentYear
	// RoleName, NextRoleName and SupervisorName are display names in the
	// report's language ("" when unknown).
	RoleName, NextRoleName, SupervisorName string
	// Readiness is the agent's readiness as of 31 December of the year.
	Readiness scoring.Readiness
	// Generated is the date printed on the report.
	Generated models.Date
}

// componentKeys are the translation keys of the four components, in order.
var componentKeys = [4]string{"component.attendance", "component.quality", "component.weekly", "component.supervisor"}

// explainCounts names, for each explanation whose message has plural forms,
// the argument holding the count its noun agrees with.
var explainCounts = map[string]string{
	scoring.KeyQuality:                 "audits",
	scoring.KeySupervisor:              "reviews",
	scoring.KeyAttendanceUnknownStatus: "count",
	scoring.KeyAttendanceInsufficient:  "needed",
	scoring.KeyAnnualIncomplete:        "count",
}

// ExplainCount returns the count the noun of e's message agrees with («3
// تدقيقات جودة»), and false when e's message has no plural forms.
func ExplainCount(e scoring.Explanation) (int, bool) {
	arg, ok := explainCounts[e.Key]
	if !ok {
		return 0, false
	}
	n, ok := e.Args[arg].(int)
	return n, ok
}

// explainPhrases names, for each explanation whose message holds several
// counts, the arguments that are counted phrases and the plural key of each
// («12 أسبوعًا», «10 تقارير»): each count gets its own plural form, then the
// phrases go into the sentence.
var explainPhrases = map[string]map[string]string{
	scoring.KeyAttendance: {"scheduled": "count.scheduled_days", "holiday": "count.holidays", "punctual": "count.punctual_days"},
	scoring.KeyWeekly:     {"expected": "count.weeks", "on_time": "count.reports", "rated": "count.reports"},
	scoring.KeyWeeklyInsufficient: {"expected": "count.weeks", "needed_weeks": "count.weeks",
		"rated": "count.reports", "needed_rated": "count.reports"},
}

// ExplainArgs returns the arguments of e's message in the translator's
// language: the components lacking data named (not by their codes) and each
// counted phrase in its own plural form (see explainPhrases). The window
// and the PDFs fill the message with them.
func ExplainArgs(t Translator, e scoring.Explanation) map[string]any {
	sep := ", "
	if t.RTL() {
		sep = "، "
	}
	args := make(map[string]any, len(e.Args))
	for k, v := range e.Args {
		args[k] = v
	}
	if e.Key == scoring.KeyAnnualIncomplete {
		// The components lacking data are named in the report's language,
		// not by their codes (quality, weekly, …).
		if names, ok := e.Args["components"].(string); ok {
			var out []string
			for _, n := range strings.Split(names, ",") {
				out = append(out, t.T("component."+strings.TrimSpace(n)))
			}
			args["components"] = strings.Join(out, sep)
		}
	}
	for arg, key := range explainPhrases[e.Key] {
		if n, ok := e.Args[arg].(int); ok {
			args[arg] = t.TN(key, n, nil)
		}
	}
	return args
}

// Explain renders a scoring explanation in the translator's language. The
// arrows of the window's texts (not in the PDF font) become commas.
func Explain(t Translator, e scoring.Explanation) string {
	if e.Key == "" {
		return ""
	}
	sep := ", "
	if t.RTL() {
		sep = "، "
	}
	args := ExplainArgs(t, e)
	text := t.T(e.Key, args)
	if n, ok := ExplainCount(e); ok {
		text = t.TN(e.Key, n, args)
	}
	return strings.NewReplacer(" ← ", sep, " → ", sep, "←", sep, "→", sep).Replace(text)
}

// WriteEvaluation writes an agent's annual evaluation report as an A4 PDF.
func WriteEvaluation(w io.Writer, t Translator, e Evaluation) error {
	d, err := newDoc(t, false)
	if err != nil {
		return err
	}
	info := evaluationHead(d, t, e)
	evaluationComponents(d, t, e)
	evaluationReadiness(d, t, e, info)
	signatureLines(d, t)
	d.numberPages(t)
	if _, err := d.pdf.WriteTo(w); err != nil {
		return fmt.Errorf("write evaluation report: %w", err)
	}
	return nil
}

// evaluationHead writes the report's title and the agent's details, and
// returns the two columns of such label–value rows.
func evaluationHead(d *doc, t Translator, e Evaluation) []column {
	ag := e.Year.Agent
	d.para(t.T("report.evaluation_title", map[string]any{"Year": strconv.Itoa(e.Year.Year)}), true, 16, alignStart)
	d.para(t.T("app.name")+" — "+t.T("report.generated_on")+" "+t.Date(e.Generated), false, 9, alignStart)
	d.y += 8

	status := t.T("report.provisional")
	if e.Year.Snapshot != nil {
		status = t.T("report.finalized")
	}
	info := d.scale([]float64{1, 2}, []align{alignStart, alignStart})
	for _, kv := range [][2]string{
		{t.T("report.employee_no"), ag.EmployeeNo},
		{t.T("report.name"), ag.FullName},
		{t.T("report.role"), e.RoleName},
		{t.T("report.team"), ag.Team},
		{t.T("report.supervisor"), e.SupervisorName},
		{t.T("report.year"), strconv.Itoa(e.Year.Year)},
		{t.T("report.evaluation_status"), status},
	} {
		d.row(info, []string{kv[0], kv[1]}, false, 10, false)
	}
	d.y += 12
	return info
}

// evaluationComponents writes the table of the component scores and the
// annual score, each with its explanation.
func evaluationComponents(d *doc, t Translator, e Evaluation) {
	d.para(t.T("report.components"), true, 12, alignStart)
	d.y += 2
	cols := d.scale([]float64{2.2, 1, 5}, []align{alignStart, alignCenter, alignStart})
	d.row(cols, []string{t.T("report.component"), t.T("report.score"), t.T("report.explanation")}, true, 10, true)
	scores, ok := e.Year.ComponentScores()
	shown := e.Year.Shown() // a finalized year's explanations as they were
	for i, k := range componentKeys {
		sc := "—"
		if ok[i] {
			sc = scores[i].String()
		}
		expl := Explain(t, shown.Components[i].Explanation)
		d.row(cols, []string{t.T(k), sc, expl}, false, 9.5, false)
	}
	annual, has := e.Year.Annual()
	av := "—"
	if has {
		av = annual.String()
	}
	d.row(cols, []string{t.T("report.annual_score"), av, Explain(t, shown.Explanation)}, true, 10, true)
	d.y += 12
}

// evaluationReadiness writes the promotion readiness in info's label–value
// rows.
func evaluationReadiness(d *doc, t Translator, e Evaluation, info []column) {
	d.para(t.T("report.readiness"), true, 12, alignStart)
	d.y += 2
	r := e.Readiness
	cum := "—"
	if r.HasCumulative {
		cum = r.Cumulative.String()
	}
	d.row(info, []string{t.T("report.as_of"), t.Date(r.AsOf)}, false, 10, false)
	d.row(info, []string{t.T("report.years_in_role"), r.YearsInRole.String()}, false, 10, false)
	d.row(info, []string{t.T("report.counted_years"), CountedText(t, r)}, false, 10, false)
	d.row(info, []string{t.T("report.cumulative"), cum}, false, 10, false)
	d.row(info, []string{t.T("report.status"), StatusText(t, r)}, false, 10, false)
	if e.NextRoleName != "" {
		d.row(info, []string{t.T("report.next_role"), e.NextRoleName}, false, 10, false)
	}
	if r.HasRequiredNext {
		d.row(info, []string{t.T("report.required_next"), NeedsText(t, r)}, false, 10, false)
	}
}

// signatureLines writes the supervisor's and the manager's signature and
// date lines, side by side in the reading order.
func signatureLines(d *doc, t Translator) {
	d.y += 40
	d.ensure(90)
	half := (d.w - 2*margin) / 2
	d.font(false, 10)
	for i, who := range []string{t.T("report.sign_supervisor"), t.T("report.sign_manager")} {
		x := margin + float64(i)*half
		if d.rtl {
			x = margin + float64(1-i)*half
		}
		d.textAt(who, x+10, d.y, half-20, alignStart)
		d.pdf.Line(x+10, d.y+45, x+half-10, d.y+45)
		d.textAt(t.T("report.signature_date"), x+10, d.y+52, half-20, alignStart)
	}
}
