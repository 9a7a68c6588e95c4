package evaluation

import (
	"context"
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

// ratingStore is what the rating queue needs of the store.
type ratingStore interface {
	RatingQueue(ctx context.Context, a store.Actor) ([]store.WeeklyEntry, error)
	RateWeekly(ctx context.Context, a store.Actor, reportID uint, version, rating int, comment string) (models.WeeklyReport, error)
	MissingReports(ctx context.Context, a store.Actor, week models.Date) ([]models.Agent, error)
	ThisWeek() models.Date
}

// ratingQueueTab is a supervisor's queue of their team's unrated weekly
// reports, with who has not submitted this week and last week.
type ratingQueueTab struct {
	st    ratingStore
	win   fyne.Window
	actor store.Actor

	Queue    []store.WeeklyEntry
	selected int // index in queue; -1: none

	List        *widget.List
	count       *widget.Label
	missingThis *widgets.WrapLabel
	missingLast *widgets.WrapLabel

	who, week, submitted, interactions *widget.Label
	tasks, issues, suggestions         *widgets.WrapLabel
	rating                             *widgets.RadioGroup
	comment                            *widget.Entry
	Save                               *widget.Button
	Status                             *widgets.WrapLabel
	detail                             *fyne.Container
	empty                              *widget.Label
	// deps, when it has a store, gives the tab the export of every weekly
	// report the user may see.
	deps widgets.Deps
}

// NewRatingQueueTab builds the supervisor's rating queue tab of the evaluations area.
func NewRatingQueueTab(d widgets.Deps) fyne.CanvasObject {
	t := NewRatingQueueScreen(d.Store.Work(), d.Win, d.Actor)
	t.deps = d
	return t.Content()
}

// NewRatingQueueScreen builds the supervisor's queue of weekly reports to rate.
func NewRatingQueueScreen(st ratingStore, w fyne.Window, a store.Actor) *ratingQueueTab {
	return &ratingQueueTab{st: st, win: w, actor: a, selected: -1}
}

var ratingChoices = []string{"1", "2", "3", "4", "5"}

// Content is the queue's widgets.
func (t *ratingQueueTab) Content() fyne.CanvasObject {
	t.List = widget.NewList(func() int { return len(t.Queue) },
		func() fyne.CanvasObject {
			if i18n.IsRTL() {
				return container.NewBorder(nil, nil, widget.NewLabel(""), nil, widget.NewLabel(""))
			}
			return container.NewBorder(nil, nil, nil, widget.NewLabel(""), widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			e := t.Queue[id]
			c := o.(*fyne.Container)
			name, week := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Label)
			name.Alignment = widgets.ReadingEdge()
			name.SetText(widgets.Cell(e.AgentName + " " + e.EmployeeNo))
			week.SetText(e.WeekStart.String())
		})
	t.List.OnSelected = t.onSelected
	t.count = widgets.Label("")
	t.missingThis, t.missingLast = widgets.NewWrapData(""), widgets.NewWrapData("") // lists of names: wrapped, never widening the window

	t.who, t.week, t.submitted, t.interactions = widgets.Heading(""), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	t.who.Truncation = fyne.TextTruncateEllipsis
	t.tasks, t.issues, t.suggestions = widgets.NewWrapData(""), widgets.NewWrapData(""), widgets.NewWrapData("")
	t.rating = widgets.NewRadioGroup(ratingChoices, nil)
	t.rating.Horizontal = true
	t.comment = widget.NewMultiLineEntry()
	t.comment.SetMinRowsVisible(2)
	t.comment.Wrapping = fyne.TextWrapWord
	t.Save = widget.NewButton(i18n.T("queue.save_rating"), t.onRate)
	t.Save.Importance = widget.HighImportance
	t.Status = widgets.NewLineLabel("")
	section := func(key string, body fyne.CanvasObject) fyne.CanvasObject {
		h := widgets.Label(i18n.T(key))
		h.TextStyle.Bold = true
		return container.NewVBox(h, body)
	}
	facts := widgets.NewForm(widget.NewFormItem(i18n.T("field.week"), t.week),
		widget.NewFormItem(i18n.T("field.submitted_on"), t.submitted), widget.NewFormItem(i18n.T("field.interactions"), t.interactions))
	t.detail = container.NewVBox(t.who, facts,
		section("field.tasks_done", t.tasks), section("field.issues", t.issues), section("field.suggestions", t.suggestions),
		widget.NewSeparator(),
		widgets.NewForm(widget.NewFormItem(i18n.T("field.rating"), t.rating), widget.NewFormItem(i18n.T("field.rating_comment"), t.comment)),
		widgets.ActionRow(t.Save, t.Status))
	t.detail.Hide()
	t.empty = widgets.Label(i18n.T("queue.pick"))
	thisHead, lastHead := widgets.Label(i18n.T("queue.missing_this")), widgets.Label(i18n.T("queue.missing_last"))
	thisHead.TextStyle.Bold, lastHead.TextStyle.Bold = true, true
	cols := []fyne.CanvasObject{container.NewVBox(thisHead, t.missingThis), container.NewVBox(lastHead, t.missingLast)}
	if i18n.IsRTL() {
		cols[0], cols[1] = cols[1], cols[0]
	}
	missing := container.NewVBox(widget.NewSeparator(), widgets.Heading(i18n.T("queue.missing")), container.NewGridWithColumns(2, cols...))
	top := container.NewVBox(widgets.Heading(i18n.T("queue.title")), t.count)
	if t.deps.Store != nil {
		top.Add(container.NewBorder(nil, nil, widgets.Label(i18n.T("queue.export_all")), nil, widgets.ExportButtons(t.deps, models.KindWeekly, nil)))
		if l := widgets.ImportButtonList(t.deps, models.KindWeekly, func() { t.reload("") }); l != nil {
			// side by side: stacked, they made the tab taller than a
			// 1366×768 window (the screen walker measures it)
			top.Add(container.NewGridWithColumns(len(l), l...))
		}
	}
	left := container.NewBorder(top, missing, nil, nil, t.List)
	right := container.NewVScroll(container.NewVBox(t.empty, t.detail))
	split := container.NewHSplit(left, right)
	split.Offset = 0.35
	t.reload("")
	return split
}

// reload reads the queue and the missing reports off the UI thread; msg,
// when set, replaces the hint shown where the report was.
func (t *ratingQueueTab) reload(msg string) {
	widgets.GoWork(func() {
		queue, err := t.st.RatingQueue(context.Background(), t.actor)
		var this, last []models.Agent
		if err == nil {
			this, err = t.st.MissingReports(context.Background(), t.actor, t.st.ThisWeek())
		}
		if err == nil {
			last, err = t.st.MissingReports(context.Background(), t.actor, t.st.ThisWeek().AddDays(-7))
		}
		widgets.OnMain(func() {
			if err != nil {
				widgets.ShowWorkError(t.win, err)
				return
			}
			t.Queue = queue
			t.selected = -1
			t.List.UnselectAll()
			t.List.Refresh()
			t.detail.Hide()
			t.empty.Show()
			if len(queue) == 0 {
				t.empty.SetText(i18n.T("queue.empty"))
			} else {
				t.empty.SetText(i18n.T("queue.pick"))
			}
			if msg != "" {
				t.empty.SetText(msg)
			}
			t.count.SetText(i18n.Display(i18n.Plural("queue.count", len(queue), nil)))
			t.missingThis.SetText(missingText(this))
			t.missingLast.SetText(missingText(last))
		})
	})
}

// missingText lists who has not submitted, one name a line.
func missingText(agents []models.Agent) string {
	if len(agents) == 0 {
		return i18n.T("queue.none_missing")
	}
	names := make([]string, len(agents))
	for i, ag := range agents {
		names[i] = ag.FullName // the wrapping label orders each line
	}
	return strings.Join(names, "\n")
}

// onSelected shows one report to rate.
func (t *ratingQueueTab) onSelected(id widget.ListItemID) {
	if id < 0 || id >= len(t.Queue) {
		return
	}
	t.selected = id
	e := t.Queue[id]
	t.who.SetText(widgets.Cell(e.AgentName + " — " + e.EmployeeNo))
	t.week.SetText(e.WeekStart.String())
	t.submitted.SetText(e.SubmittedOn.String())
	n := "—"
	if e.Interactions != nil {
		n = strconv.Itoa(*e.Interactions)
	}
	t.interactions.SetText(n)
	t.tasks.SetText(orDash(e.TasksDone))
	t.issues.SetText(orDash(e.Issues))
	t.suggestions.SetText(orDash(e.Suggestions))
	t.rating.SetSelected("")
	t.comment.SetText("")
	t.Status.SetText("")
	t.empty.Hide()
	t.detail.Show()
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// onRate stores the rating of the shown report with its version as read.
func (t *ratingQueueTab) onRate() {
	if t.selected < 0 {
		return
	}
	r, err := strconv.Atoi(t.rating.Selected)
	if err != nil {
		t.Status.SetText(i18n.T("queue.need_rating"))
		return
	}
	e := t.Queue[t.selected]
	comment := t.comment.Text
	t.Save.Disable()
	widgets.GoWork(func() {
		_, err := t.st.RateWeekly(context.Background(), t.actor, e.ID, e.Version, r, comment)
		widgets.OnMain(func() {
			t.Save.Enable()
			if err != nil {
				t.Status.SetText(widgets.RawMessage(err))
				return
			}
			t.reload(i18n.Display(i18n.T("queue.rated", map[string]any{"Name": e.AgentName})))
		})
	})
}
