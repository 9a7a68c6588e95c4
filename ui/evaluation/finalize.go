package evaluation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/tables"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// annualStore is what the annual evaluations tab needs of the store.
type annualStore interface {
	Teams(ctx context.Context) ([]string, error)
	EvaluateYear(ctx context.Context, a store.Actor, year int, f store.YearFilter) ([]store.AgentYear, error)
	Finalize(ctx context.Context, a store.Actor, agentID uint, year int) (models.Evaluation, error)
	FinalizeAll(ctx context.Context, a store.Actor, year int, team string) (store.FinalizeAllResult, error)
	Reopen(ctx context.Context, a store.Actor, agentID uint, year int, reason string) error
}

// annualYears is how many years back the year picker offers.
const annualYears = 6

var annualColumns = []string{"agent.col.no", "field.full_name", "agent.col.team", "eval.col.attendance", "eval.col.quality",
	"eval.col.weekly", "eval.col.supervisor", "profile.annual_score", "agent.col.status", "eval.notes"}

// annualTab lists, per year and team, every agent's annual evaluation with
// its status and reasons; managers finalize one or all complete ones and
// reopen a finalized one with a written reason. Others who may see scores
// get the same list read-only.
type annualTab struct {
	d  widgets.Deps
	st annualStore

	year        *widget.Select
	team        *widgets.DataSelect
	table       *widget.Table
	summary     *widget.Label
	selected    *widgets.WrapLabel
	finalizeBt  *widget.Button
	reopenBt    *widget.Button
	allBt       *widget.Button
	reasonEntry *widget.Entry
	reopenOK    *widget.Button
	reopenDlg   dialog.Dialog

	Rows    []store.AgentYear
	sel     int // index in rows, -1 when none
	seq     int
	started bool
	loads   int // finished loads, for tests
}

// newAnnualTab builds this tab of the evaluations area.
func newAnnualTab(d widgets.Deps) fyne.CanvasObject {
	t := NewAnnual(d, widgets.EvalAreas(d.Store))
	c := t.Content()
	t.Start()
	return c
}

// Start loads the teams, then the list: one after the other, so that no two
// loads update the screen at once.
func (t *annualTab) Start() {
	t.started = true
	t.loadTeams()
}

// NewAnnual builds the annual evaluations tab (finalize and reopen years).
func NewAnnual(d widgets.Deps, st annualStore) *annualTab { return &annualTab{d: d, st: st, sel: -1} }

func (t *annualTab) canFinalize() bool { return t.d.Actor.Can(store.OpFinalize) }

// Content is the tab's widgets.
func (t *annualTab) Content() fyne.CanvasObject {
	now := time.Now().Year()
	var years []string
	for y := now; y > now-annualYears; y-- {
		years = append(years, fmt.Sprint(y))
	}
	t.year = widget.NewSelect(years, func(string) { t.reload() })
	t.team = widgets.NewDataSelect([]string{i18n.T("common.all")}, func(string) { t.reload() })
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.Rows), len(annualColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		t.updateCell)
	widgets.TableHeaders(t.table, annualColumns)
	widgets.SetColumnWidths(t.table, []float32{105, 180, 100, 90, 90, 90, 90, 90, 90, 195})
	t.table.OnSelected = func(id widget.TableCellID) { t.onSelected(id.Row) }
	t.summary = widgets.Label("")
	t.selected = widgets.NewWrapLabel(i18n.T("eval.select_agent"))
	t.finalizeBt = widget.NewButton(i18n.T("eval.finalize"), t.onFinalize)
	t.finalizeBt.Importance = widget.HighImportance
	t.reopenBt = widget.NewButton(i18n.T("eval.reopen"), t.onReopen)
	t.allBt = widget.NewButton(i18n.T("eval.finalize_all"), t.onFinalizeAll)
	t.finalizeBt.Disable()
	t.reopenBt.Disable()
	var buttons fyne.CanvasObject = widget.NewLabel(i18n.T("eval.read_only"))
	if t.canFinalize() {
		buttons = container.NewHBox(t.finalizeBt, t.reopenBt, t.allBt)
	}
	bar := []fyne.CanvasObject{widget.NewLabel(i18n.T("profile.year")), t.year, widget.NewLabel(i18n.T("agent.col.team")), t.team,
		widget.NewButton(i18n.T("action.refresh"), t.reload)}
	if t.d.Store != nil {
		bar = append(bar, widgets.ExportTableButtons(t.d, "evaluations", t.exportSource))
	}
	var actions, top fyne.CanvasObject
	if i18n.IsRTL() {
		slices.Reverse(bar)
		actions = container.NewBorder(nil, nil, nil, buttons, t.selected)
		top = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(bar...)), t.summary)
	} else {
		actions = container.NewBorder(nil, nil, buttons, nil, t.selected)
		top = container.NewVBox(container.NewHBox(bar...), t.summary)
	}
	t.team.SetSelectedIndex(0)
	t.year.SetSelectedIndex(0)
	return container.NewBorder(top, actions, nil, nil, widgets.ReadingTable(t.table))
}

// exportSource is the evaluations the list shows (its year and team, as
// the store gave them to the user), as the rows of `sullam score`.
func (t *annualTab) exportSource() widgets.TableSource {
	shown := slices.Clone(t.Rows)
	return func() ([]string, [][]string, error) {
		rows := make([][]string, len(shown))
		for i, y := range shown {
			rows[i] = tables.ScoreRow(y)
		}
		return tables.ScoreHeader, rows, nil
	}
}

func (t *annualTab) loadTeams() {
	ctx := widgets.OrBackground(t.d.Ctx)
	widgets.GoWork(func() {
		teams, err := t.st.Teams(ctx)
		widgets.OnMain(func() {
			if widgets.LeftScreen(ctx, err) {
				return // the user left the screen
			}
			if err != nil {
				dialog.ShowError(errors.New(widgets.UserMessage(err)), t.d.Win)
				return
			}
			t.team.SetValues(append([]string{i18n.T("common.all")}, teams...))
			if t.team.SelectedIndex() < 0 {
				t.team.SetSelectedIndex(0)
			}
			t.reload()
		})
	})
}

func (t *annualTab) filter() (int, string) {
	var y int
	fmt.Sscan(t.year.Selected, &y)
	team := ""
	if i := t.team.SelectedIndex(); i > 0 {
		team = t.team.Value()
	}
	return y, team
}

// reload evaluates the chosen year off the UI thread.
func (t *annualTab) reload() {
	if !t.started || t.table == nil || t.team == nil {
		return
	}
	t.seq++
	seq := t.seq
	year, team := t.filter()
	if year == 0 {
		return
	}
	t.summary.SetText(i18n.T("common.loading"))
	ctx := widgets.OrBackground(t.d.Ctx)
	widgets.GoWork(func() {
		rows, err := t.st.EvaluateYear(ctx, t.d.Actor, year, store.YearFilter{Team: team})
		widgets.OnMain(func() {
			if seq != t.seq || widgets.LeftScreen(ctx, err) {
				return
			}
			if err != nil {
				t.summary.SetText(widgets.UserMessage(err))
				return
			}
			t.Rows = rows
			t.loads++
			t.sel = -1
			t.table.UnselectAll()
			t.table.Refresh()
			t.showSummary()
			t.updateButtons()
		})
	})
}

func (t *annualTab) showSummary() {
	n := map[models.EvaluationStatus]int{}
	changed := 0
	for _, r := range t.Rows {
		n[r.Status]++
		if r.InputsChanged {
			changed++
		}
	}
	t.summary.SetText(i18n.Display(i18n.Plural("eval.summary", len(t.Rows), map[string]any{"Total": len(t.Rows), "Complete": n[models.EvalComplete],
		"Incomplete": n[models.EvalIncomplete], "Finalized": n[models.EvalFinalized], "Changed": changed})))
	if n[models.EvalComplete] == 0 {
		t.allBt.Disable()
	} else {
		t.allBt.Enable()
	}
}

func (t *annualTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(t.Rows) {
		l.SetText("")
		return
	}
	y := t.Rows[id.Row]
	txt := ""
	switch c := widgets.AgCol(id.Col, len(annualColumns)); {
	case c == 0:
		txt = y.Agent.EmployeeNo
	case c == 1:
		txt = widgets.Cell(y.Agent.FullName)
	case c == 2:
		txt = widgets.Cell(y.Agent.Team)
	case c >= 3 && c <= 6:
		scores, ok := y.ComponentScores()
		txt = "—"
		if ok[c-3] {
			txt = scores[c-3].String()
		}
	case c == 7:
		txt = "—"
		if sc, ok := y.Annual(); ok {
			txt = sc.String()
		}
	case c == 8:
		txt = i18n.T("eval.status." + string(y.Status))
	case c == 9:
		txt = widgets.Cell(annualShortNotes(y))
	}
	l.SetText(txt)
}

// annualNotes is the reasons of an incomplete year, or "inputs changed since
// finalization" for a finalized one whose inputs changed.
func annualNotes(y store.AgentYear) string {
	if y.InputsChanged {
		return i18n.T("eval.inputs_changed")
	}
	if y.Status == models.EvalIncomplete {
		var out []string
		for i, c := range y.Live.Components {
			if !c.Sufficient {
				out = append(out, i18n.T(widgets.EvalComponentKeys[i])+": "+widgets.ExplainText(c.Explanation))
			}
		}
		return strings.Join(out, " · ")
	}
	return ""
}

// annualShortNotes names what is missing, for the table cell; the full
// reasons show when the agent is selected.
func annualShortNotes(y store.AgentYear) string {
	if y.InputsChanged {
		return i18n.T("eval.inputs_changed")
	}
	var out []string
	for i, c := range y.Live.Components {
		if y.Status == models.EvalIncomplete && !c.Sufficient {
			out = append(out, i18n.T(widgets.EvalComponentKeys[i]))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return i18n.T("eval.missing", map[string]any{"Components": strings.Join(out, "، ")})
}

// onSelected remembers the chosen agent and updates the buttons.
func (t *annualTab) onSelected(row int) {
	if row < 0 || row >= len(t.Rows) {
		return
	}
	t.sel = row
	y := t.Rows[row]
	text := y.Agent.FullName + " — " + i18n.T("eval.status."+string(y.Status))
	if notes := annualNotes(y); notes != "" {
		text += " — " + notes
	}
	if y.Status == models.EvalComplete && !t.yearEnded(y.Year) {
		text += " — " + i18n.T("eval.year_not_ended", map[string]any{"Year": y.Year, "Next": y.Year + 1})
	}
	t.selected.SetText(text)
	t.updateButtons()
}

// today is the store's date (its clock), or the system's without a store.
func (t *annualTab) today() models.Date {
	if t.d.Store != nil {
		return models.DateOf(t.d.Store.Now())
	}
	return models.DateOf(time.Now())
}

// yearEnded reports whether year is over, so its evaluations may be finalized.
func (t *annualTab) yearEnded(year int) bool { return year < t.today().Year }

func (t *annualTab) updateButtons() {
	t.finalizeBt.Disable()
	t.reopenBt.Disable()
	if t.sel < 0 || t.sel >= len(t.Rows) || !t.canFinalize() {
		if t.sel < 0 {
			t.selected.SetText(i18n.T("eval.select_agent"))
		}
		return
	}
	switch y := t.Rows[t.sel]; y.Status {
	case models.EvalComplete:
		if t.yearEnded(y.Year) {
			t.finalizeBt.Enable()
		}
	case models.EvalFinalized:
		t.reopenBt.Enable()
	}
}

// onFinalize asks for a confirmation, then finalizes the selected agent's
// year; a year that has not ended is refused with the reason.
func (t *annualTab) onFinalize() {
	if t.sel < 0 || t.sel >= len(t.Rows) {
		return
	}
	y := t.Rows[t.sel]
	if !t.yearEnded(y.Year) {
		dialog.ShowError(errors.New(i18n.Display(i18n.T("eval.year_not_ended", map[string]any{"Year": y.Year, "Next": y.Year + 1}))), t.d.Win)
		return
	}
	msg := widgets.Para(i18n.T("eval.finalize_confirm", map[string]any{"Name": y.Agent.FullName, "Year": y.Year, "Score": y.Live.Score.String()}))
	dialog.ShowCustomConfirm(i18n.T("eval.finalize"), i18n.T("common.yes"), i18n.T("common.no"), msg, func(ok bool) {
		if ok {
			t.finalize(y)
		}
	}, t.d.Win)
}

// finalize finalizes one agent's year off the UI thread, then reloads.
func (t *annualTab) finalize(y store.AgentYear) {
	t.finalizeBt.Disable()
	widgets.GoWork(func() {
		_, err := t.st.Finalize(context.Background(), t.d.Actor, y.Agent.ID, y.Year)
		widgets.OnMain(func() {
			if err != nil {
				dialog.ShowError(errors.New(finalizeMessage(err, y.Year)), t.d.Win)
			}
			t.reload()
		})
	})
}

// finalizeMessage is the translated reason a finalization was refused.
func finalizeMessage(err error, year int) string {
	if errors.Is(err, store.ErrYearNotEnded) {
		return i18n.Display(i18n.T("eval.year_not_ended", map[string]any{"Year": year, "Next": year + 1}))
	}
	return widgets.UserMessage(err)
}

// onFinalizeAll finalizes every complete year of the list after a confirmation.
func (t *annualTab) onFinalizeAll() {
	year, team := t.filter()
	n := 0
	for _, r := range t.Rows {
		if r.Status == models.EvalComplete {
			n++
		}
	}
	msg := container.NewVBox(widgets.Label(i18n.Plural("eval.finalize_all_confirm", n, map[string]any{"Year": year})),
		widgets.Label(i18n.T("eval.finalize_all_note")))
	dialog.ShowCustomConfirm(i18n.T("eval.finalize_all"), i18n.T("common.yes"), i18n.T("common.no"), msg, func(ok bool) {
		if !ok {
			return
		}
		t.finalizeAll(year, team)
	}, t.d.Win)
}

func (t *annualTab) finalizeAll(year int, team string) {
	t.allBt.Disable()
	widgets.GoWork(func() {
		res, err := t.st.FinalizeAll(context.Background(), t.d.Actor, year, team)
		widgets.OnMain(func() {
			if err == nil && len(res.Failed) > 0 {
				err = errors.Join(res.Failed...)
			}
			if err != nil {
				dialog.ShowError(errors.New(finalizeMessage(err, year)), t.d.Win)
			} else {
				dialog.ShowInformation(i18n.T("eval.finalize_all"), i18n.Display(i18n.T("eval.finalize_all_done",
					map[string]any{"Finalized": i18n.Plural("count.evaluations", res.Finalized, nil),
						"Skipped": i18n.Plural("count.evaluations", res.Skipped, nil)})), t.d.Win)
			}
			t.reload()
		})
	})
}

// onReopen asks for the written reason, then reopens the selected year.
func (t *annualTab) onReopen() {
	if t.sel < 0 {
		return
	}
	y := t.Rows[t.sel]
	t.reasonEntry = widget.NewMultiLineEntry()
	t.reasonEntry.SetPlaceHolder(i18n.T("eval.reopen_reason"))
	t.reopenOK = widget.NewButton(i18n.T("eval.reopen"), nil)
	t.reopenOK.Importance = widget.DangerImportance
	t.reopenOK.Disable()
	t.reasonEntry.OnChanged = func(s string) {
		if strings.TrimSpace(s) == "" {
			t.reopenOK.Disable()
		} else {
			t.reopenOK.Enable()
		}
	}
	cancel := widget.NewButton(i18n.T("action.cancel"), func() { t.reopenDlg.Hide() })
	buttons := fyne.CanvasObject(container.NewHBox(cancel, t.reopenOK))
	if i18n.IsRTL() {
		buttons = container.NewBorder(nil, nil, nil, container.NewHBox(t.reopenOK, cancel))
	}
	body := container.NewBorder(container.NewVBox(
		widgets.Label(i18n.T("eval.reopen_explain", map[string]any{"Name": y.Agent.FullName, "Year": y.Year})),
		widgets.Label(i18n.T("eval.reopen_note"))), buttons, nil, nil, t.reasonEntry)
	t.reopenDlg = dialog.NewCustomWithoutButtons(i18n.T("eval.reopen"), body, t.d.Win)
	t.reopenOK.OnTapped = func() { t.reopen(y, t.reasonEntry.Text) }
	t.reopenDlg.Resize(fyne.NewSize(520, 300))
	t.reopenDlg.Show()
}

func (t *annualTab) reopen(y store.AgentYear, reason string) {
	t.reopenOK.Disable()
	widgets.GoWork(func() {
		err := t.st.Reopen(context.Background(), t.d.Actor, y.Agent.ID, y.Year, reason)
		widgets.OnMain(func() {
			t.reopenDlg.Hide()
			if err != nil {
				dialog.ShowError(errors.New(widgets.UserMessage(err)), t.d.Win)
			}
			t.reload()
		})
	})
}
