package evaluation

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// weeklyStore is what the weekly report screen needs of the store.
type weeklyStore interface {
	SubmitWeekly(ctx context.Context, a store.Actor, in store.WeeklyInput) (models.WeeklyReport, error)
	MyWeeklyReports(ctx context.Context, a store.Actor) ([]models.WeeklyReport, error)
	OpenWeeks(ctx context.Context, a store.Actor) ([]store.WeekChoice, error)
	ThisWeek() models.Date
}

// weeklyReportTab is where an agent writes a weekly report — this week's, or
// a past week's of this year still missing (late after a week; on Sunday the
// week just ended is offered first) — edits an unrated one, and reads their
// past reports with their ratings.
type weeklyReportTab struct {
	st    weeklyStore
	win   fyne.Window
	actor store.Actor

	week    models.Date
	Current *models.WeeklyReport // the chosen week's stored report, if any
	past    []models.WeeklyReport
	open    []store.WeekChoice                  // weeks with no report yet, the default first
	byWeek  map[models.Date]models.WeeklyReport // the agent's reports by week
	weeks   []models.Date                       // the weeks the week picker offers, in its order
	chosen  bool                                // the user (or a reload) has picked t.week

	title        *widget.Label
	picker       *widget.Select
	State        *widgets.WrapLabel
	Tasks        *widget.Entry
	Interactions *widgets.NumericEntry
	issues       *widget.Entry
	suggestions  *widget.Entry
	Submit       *widget.Button
	Status       *widgets.WrapLabel
	table        *widget.Table
}

// NewWeeklyReportTab builds the agent's weekly report tab of the evaluations area.
func NewWeeklyReportTab(d widgets.Deps) fyne.CanvasObject {
	return NewWeeklyReportScreen(d.Store.Work(), d.Win, d.Actor).Content()
}

// NewWeeklyReportScreen builds the agent's weekly report screen.
func NewWeeklyReportScreen(st weeklyStore, w fyne.Window, a store.Actor) *weeklyReportTab {
	return &weeklyReportTab{st: st, win: w, actor: a}
}

var weeklyColumns = []string{"field.week", "field.submitted_on", "field.interactions", "field.rating", "field.rating_comment"}

// Content is the screen's widgets.
func (t *weeklyReportTab) Content() fyne.CanvasObject {
	t.week = t.st.ThisWeek()
	t.title = widgets.Heading(i18n.T("weekly.this_week"))
	t.picker = widget.NewSelect(nil, nil)
	t.State = widgets.NewLineLabel("")
	t.Tasks = widget.NewMultiLineEntry()
	t.Tasks.SetMinRowsVisible(3)
	t.Tasks.Wrapping = fyne.TextWrapWord
	t.Interactions = widgets.NewNumericEntry(false)
	t.issues = widget.NewMultiLineEntry()
	t.issues.Wrapping = fyne.TextWrapWord
	t.suggestions = widget.NewMultiLineEntry()
	t.suggestions.Wrapping = fyne.TextWrapWord
	t.Submit = widget.NewButton(i18n.T("weekly.submit"), t.onSubmit)
	t.Submit.Importance = widget.HighImportance
	t.Status = widgets.NewLineLabel("")
	form := widgets.NewForm(
		widget.NewFormItem(i18n.T("field.week"), t.picker),
		widget.NewFormItem(i18n.T("field.tasks_done"), t.Tasks),
		widget.NewFormItem(i18n.T("field.interactions"), t.Interactions),
		widget.NewFormItem(i18n.T("field.issues"), t.issues),
		widget.NewFormItem(i18n.T("field.suggestions"), t.suggestions))
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.past), len(weeklyColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Alignment = widgets.ReadingEdge()
			l.SetText(weeklyCell(t.past[id.Row], widgets.AgCol(id.Col, len(weeklyColumns))))
		})
	widgets.TableHeaders(t.table, weeklyColumns)
	widgets.SetColumnWidths(t.table, []float32{110, 110, 90, 80, 420})
	top := container.NewVBox(t.title, t.State, form, widgets.ActionRow(t.Submit, t.Status))
	split := container.NewVSplit(container.NewVScroll(top), container.NewBorder(widgets.Heading(i18n.T("weekly.past")), nil, nil, nil, widgets.ReadingTable(t.table)))
	split.Offset = 0.6
	t.reload()
	return split
}

func weeklyCell(r models.WeeklyReport, col int) string {
	switch col {
	case 0:
		return r.WeekStart.String()
	case 1:
		return r.SubmittedOn.String()
	case 2:
		if r.Interactions != nil {
			return strconv.Itoa(*r.Interactions)
		}
		return "—"
	case 3:
		if r.Rating != nil {
			return fmt.Sprintf("%d / 5", *r.Rating)
		}
		return i18n.T("weekly.not_rated")
	case 4:
		return widgets.Cell(r.RatingComment)
	}
	return ""
}

// reload reads the agent's reports and open weeks off the UI thread.
func (t *weeklyReportTab) reload() {
	widgets.GoWork(func() {
		reps, err := t.st.MyWeeklyReports(context.Background(), t.actor)
		var open []store.WeekChoice
		if err == nil {
			open, err = t.st.OpenWeeks(context.Background(), t.actor)
		}
		widgets.OnMain(func() {
			if err != nil {
				widgets.ShowWorkError(t.win, err)
				return
			}
			t.apply(reps, open)
		})
	})
}

// weekLabel is a week's line in the picker: its date, marked when a report
// submitted today would be late, or when a report exists.
func (t *weeklyReportTab) weekLabel(w models.Date) string {
	if r, ok := t.byWeek[w]; ok {
		if r.Rating != nil {
			return i18n.T("weekly.week_rated", map[string]any{"Date": w.String()})
		}
		return i18n.T("weekly.week_submitted", map[string]any{"Date": w.String()})
	}
	for _, o := range t.open {
		if o.WeekStart == w && o.Late {
			return i18n.T("weekly.week_late", map[string]any{"Date": w.String()})
		}
	}
	return w.String()
}

// apply fills the week picker — the open weeks, this week and the weeks of
// unrated reports, newest first — keeps the chosen week (first time: the
// store's default) and shows it; the reports are listed below.
func (t *weeklyReportTab) apply(reps []models.WeeklyReport, open []store.WeekChoice) {
	t.open = open
	t.byWeek = map[models.Date]models.WeeklyReport{}
	t.past = t.past[:0]
	this := t.st.ThisWeek()
	seen := map[models.Date]bool{this: true}
	for _, r := range reps {
		t.byWeek[r.WeekStart] = r
		t.past = append(t.past, r)
		if r.Rating == nil && r.WeekStart.Year == this.Year {
			seen[r.WeekStart] = true
		}
	}
	t.table.Refresh()
	for _, o := range open {
		seen[o.WeekStart] = true
	}
	if !t.chosen {
		t.week = this
		if len(open) > 0 {
			t.week = open[0].WeekStart
		}
		t.chosen = true
	}
	seen[t.week] = true
	t.weeks = t.weeks[:0]
	for w := range seen {
		t.weeks = append(t.weeks, w)
	}
	sort.Slice(t.weeks, func(i, j int) bool { return t.weeks[i].After(t.weeks[j]) })
	labels := make([]string, len(t.weeks))
	sel := 0
	for i, w := range t.weeks {
		labels[i] = i18n.Display(t.weekLabel(w)) // options are drawn as they are
		if w == t.week {
			sel = i
		}
	}
	t.picker.OnChanged = nil
	t.picker.SetOptions(labels)
	t.picker.SetSelectedIndex(sel)
	t.picker.OnChanged = func(string) {
		if i := t.picker.SelectedIndex(); i >= 0 && i < len(t.weeks) {
			t.week = t.weeks[i]
			t.Status.SetText("")
			t.show()
		}
	}
	t.show()
}

// show puts the chosen week's report (if any) in the form, or an empty form
// saying whether submitting now is late.
func (t *weeklyReportTab) show() {
	t.Current = nil
	if r, ok := t.byWeek[t.week]; ok {
		t.Current = &r
	}
	fields := []fyne.Disableable{t.Tasks, t.Interactions, t.issues, t.suggestions, t.Submit}
	for _, f := range fields {
		f.Enable()
	}
	if t.Current == nil {
		for _, e := range []*widget.Entry{t.Tasks, &t.Interactions.Entry, t.issues, t.suggestions} {
			e.SetText("")
		}
		state := i18n.T("weekly.not_submitted")
		for _, o := range t.open {
			if o.WeekStart == t.week && o.Late {
				state = i18n.T("weekly.late_hint")
			}
		}
		t.State.SetText(state)
		t.Submit.SetText(i18n.T("weekly.submit"))
		return
	}
	c := t.Current
	t.Tasks.SetText(c.TasksDone)
	t.Interactions.SetText("")
	if c.Interactions != nil {
		t.Interactions.SetText(strconv.Itoa(*c.Interactions))
	}
	t.issues.SetText(c.Issues)
	t.suggestions.SetText(c.Suggestions)
	if c.Rating != nil {
		t.State.SetText(i18n.T("weekly.rated", map[string]any{"Rating": *c.Rating, "Comment": c.RatingComment}))
		for _, f := range fields {
			f.Disable()
		}
		return
	}
	t.State.SetText(i18n.T("weekly.submitted"))
	t.Submit.SetText(i18n.T("weekly.update"))
}

// onSubmit submits this week's report, or saves the edit of the unrated one.
func (t *weeklyReportTab) onSubmit() {
	in := store.WeeklyInput{TasksDone: t.Tasks.Text, Issues: t.issues.Text, Suggestions: t.suggestions.Text}
	if s := strings.TrimSpace(t.Interactions.Text); s != "" {
		n, err := widgets.ParseWhole(s)
		if err != nil {
			t.Status.SetText(i18n.T("weekly.bad_interactions"))
			return
		}
		in.Interactions = &n
	}
	if strings.TrimSpace(in.TasksDone) == "" {
		t.Status.SetText(i18n.T("weekly.need_tasks"))
		return
	}
	in.WeekStart = t.week
	if t.Current != nil {
		in.ID, in.Version = t.Current.ID, t.Current.Version
	}
	t.Submit.Disable()
	widgets.GoWork(func() {
		_, err := t.st.SubmitWeekly(context.Background(), t.actor, in)
		widgets.OnMain(func() {
			t.Submit.Enable()
			if err != nil {
				t.Status.SetText(widgets.RawMessage(err))
				return
			}
			t.Status.SetText(i18n.T("weekly.saved"))
			t.reload()
		})
	})
}
