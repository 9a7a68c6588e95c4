package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
)

// weeklyStore is what the weekly report screen needs of the store.
type weeklyStore interface {
	SubmitWeekly(a store.Actor, in store.WeeklyInput) (models.WeeklyReport, error)
	MyWeeklyReports(a store.Actor) ([]models.WeeklyReport, error)
	ThisWeek() models.Date
}

// weeklyReportTab is where an agent writes this week's report (editable until
// it is rated) and reads their past reports with their ratings.
type weeklyReportTab struct {
	st    weeklyStore
	win   fyne.Window
	actor store.Actor

	week    models.Date
	current *models.WeeklyReport // this week's stored report, if any
	past    []models.WeeklyReport

	title        *widget.Label
	state        *widget.Label
	tasks        *widget.Entry
	interactions *numericEntry
	issues       *widget.Entry
	suggestions  *widget.Entry
	submit       *widget.Button
	status       *widget.Label
	table        *widget.Table
}

// newWeeklyReportTab builds the agent's weekly report tab of the evaluations area.
func newWeeklyReportTab(d Deps) fyne.CanvasObject {
	return newWeeklyReportScreen(d.Store, d.Win, d.Actor).content()
}

func newWeeklyReportScreen(st weeklyStore, w fyne.Window, a store.Actor) *weeklyReportTab {
	return &weeklyReportTab{st: st, win: w, actor: a}
}

var weeklyColumns = []string{"field.week", "field.submitted_on", "field.interactions", "field.rating", "field.rating_comment"}

func (t *weeklyReportTab) content() fyne.CanvasObject {
	t.week = t.st.ThisWeek()
	t.title = heading(lang.L("weekly.this_week"))
	t.state = label("")
	t.tasks = widget.NewMultiLineEntry()
	t.tasks.SetMinRowsVisible(3)
	t.tasks.Wrapping = fyne.TextWrapWord
	t.interactions = newNumericEntry(false)
	t.issues = widget.NewMultiLineEntry()
	t.issues.Wrapping = fyne.TextWrapWord
	t.suggestions = widget.NewMultiLineEntry()
	t.suggestions.Wrapping = fyne.TextWrapWord
	t.submit = widget.NewButton(lang.L("weekly.submit"), t.onSubmit)
	t.submit.Importance = widget.HighImportance
	t.status = label("")
	form := newForm(
		widget.NewFormItem(lang.L("field.week"), widget.NewLabel(t.week.String())),
		widget.NewFormItem(lang.L("field.tasks_done"), t.tasks),
		widget.NewFormItem(lang.L("field.interactions"), t.interactions),
		widget.NewFormItem(lang.L("field.issues"), t.issues),
		widget.NewFormItem(lang.L("field.suggestions"), t.suggestions))
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.past), len(weeklyColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(weeklyCell(t.past[id.Row], id.Col))
		})
	tableHeaders(t.table, weeklyColumns)
	for i, w := range []float32{110, 110, 90, 80, 420} {
		t.table.SetColumnWidth(i, w)
	}
	top := container.NewVBox(t.title, t.state, form, actionRow(t.submit, t.status))
	split := container.NewVSplit(container.NewVScroll(top), container.NewBorder(heading(lang.L("weekly.past")), nil, nil, nil, t.table))
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
		return lang.L("weekly.not_rated")
	case 4:
		return cell(r.RatingComment)
	}
	return ""
}

// reload reads the agent's reports off the UI thread.
func (t *weeklyReportTab) reload() {
	goWork(func() {
		reps, err := t.st.MyWeeklyReports(t.actor)
		uiDo(func() {
			if err != nil {
				showWorkError(t.win, err)
				return
			}
			t.apply(reps)
		})
	})
}

// apply shows this week's report (if any) in the form and the others below.
func (t *weeklyReportTab) apply(reps []models.WeeklyReport) {
	t.current = nil
	t.past = t.past[:0]
	for i := range reps {
		if reps[i].WeekStart == t.week {
			r := reps[i]
			t.current = &r
		}
		t.past = append(t.past, reps[i])
	}
	t.table.Refresh()
	fields := []fyne.Disableable{t.tasks, t.interactions, t.issues, t.suggestions, t.submit}
	for _, f := range fields {
		f.Enable()
	}
	if t.current == nil {
		t.state.SetText(lang.L("weekly.not_submitted"))
		t.submit.SetText(lang.L("weekly.submit"))
		return
	}
	c := t.current
	t.tasks.SetText(c.TasksDone)
	t.interactions.SetText("")
	if c.Interactions != nil {
		t.interactions.SetText(strconv.Itoa(*c.Interactions))
	}
	t.issues.SetText(c.Issues)
	t.suggestions.SetText(c.Suggestions)
	if c.Rating != nil {
		t.state.SetText(i18n.Display(lang.L("weekly.rated", map[string]any{"Rating": *c.Rating, "Comment": c.RatingComment})))
		for _, f := range fields {
			f.Disable()
		}
		return
	}
	t.state.SetText(lang.L("weekly.submitted"))
	t.submit.SetText(lang.L("weekly.update"))
}

// onSubmit submits this week's report, or saves the edit of the unrated one.
func (t *weeklyReportTab) onSubmit() {
	in := store.WeeklyInput{TasksDone: t.tasks.Text, Issues: t.issues.Text, Suggestions: t.suggestions.Text}
	if s := strings.TrimSpace(t.interactions.Text); s != "" {
		n, err := parseWhole(s)
		if err != nil {
			t.status.SetText(lang.L("weekly.bad_interactions"))
			return
		}
		in.Interactions = &n
	}
	if strings.TrimSpace(in.TasksDone) == "" {
		t.status.SetText(lang.L("weekly.need_tasks"))
		return
	}
	if t.current != nil {
		in.ID, in.Version = t.current.ID, t.current.Version
	}
	t.submit.Disable()
	goWork(func() {
		_, err := t.st.SubmitWeekly(t.actor, in)
		uiDo(func() {
			t.submit.Enable()
			if err != nil {
				t.status.SetText(userMessage(err))
				return
			}
			t.status.SetText(lang.L("weekly.saved"))
			t.reload()
		})
	})
}
