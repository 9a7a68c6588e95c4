package evaluation

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// reviewsStore is what the supervisor review screen needs of the store.
type reviewsStore interface {
	AgentsFor(ctx context.Context, a store.Actor, op store.Op) ([]models.Agent, error)
	Competencies(ctx context.Context) ([]models.Competency, error)
	SaveReview(ctx context.Context, a store.Actor, in store.ReviewInput) (models.Review, error)
	ListReviews(ctx context.Context, a store.Actor, agentID uint) ([]store.ReviewEntry, error)
	DeleteReview(ctx context.Context, a store.Actor, id uint, version int, reason string) error
	Now() time.Time
}

// reviewsTab is a supervisor's review form for one agent of their team: a
// 1–5 rating per competency with the live review score, and past reviews.
type reviewsTab struct {
	st    reviewsStore
	win   fyne.Window
	actor store.Actor

	agents  []models.Agent
	comps   []models.Competency
	Ratings map[string]*widgets.RadioGroup // competency code → its rating
	Reviews []store.ReviewEntry

	Agent    *widget.Select
	period   *widget.Entry
	date     *widget.Entry
	compBox  *fyne.Container
	comments *widget.Entry
	score    *widget.Label
	Save     *widget.Button
	status   *widgets.WrapLabel
	table    *widget.Table
	// Probation marks the review as the 90-day probation review of a new hire.
	Probation *widgets.CheckBox
	// deps, when it has a store, gives the list its export buttons.
	deps widgets.Deps
}

// NewReviewsTab builds the supervisor review tab of the evaluations area.
func NewReviewsTab(d widgets.Deps) fyne.CanvasObject {
	t := NewReviewsScreen(widgets.EvalAreas(d.Store), d.Win, d.Actor)
	t.deps = d
	return t.Content()
}

// NewReviewsScreen builds the supervisor's reviews screen.
func NewReviewsScreen(st reviewsStore, w fyne.Window, a store.Actor) *reviewsTab {
	return &reviewsTab{st: st, win: w, actor: a, Ratings: map[string]*widgets.RadioGroup{}}
}

// quarterOf returns the period label of d, e.g. 2026-Q4.
func quarterOf(d models.Date) string { return fmt.Sprintf("%d-Q%d", d.Year, (int(d.Month)+2)/3) }

var reviewColumns = []string{"field.date", "field.period", "field.agent", "field.score", "field.comments"}

// Content is the screen's widgets.
func (t *reviewsTab) Content() fyne.CanvasObject {
	today := models.DateOf(t.st.Now())
	t.Agent = widget.NewSelect(nil, nil)
	t.Agent.PlaceHolder = i18n.T("review.pick_agent")
	t.period = widget.NewEntry()
	t.period.SetText(quarterOf(today))
	t.date = widgets.WithCalendar(widget.NewEntry())
	t.date.SetText(today.String())
	t.Probation = widgets.NewCheck(i18n.T("review.probation"), nil)
	t.compBox = container.NewVBox()
	t.comments = widget.NewMultiLineEntry()
	t.comments.SetMinRowsVisible(2)
	t.comments.Wrapping = fyne.TextWrapWord
	t.score = widgets.Heading("")
	t.Save = widget.NewButton(i18n.T("review.save"), t.onSave)
	t.Save.Importance = widget.HighImportance
	t.status = widgets.NewLineLabel("")
	head := widgets.NewForm(widget.NewFormItem(i18n.T("field.agent"), t.Agent),
		widget.NewFormItem(i18n.T("field.period"), t.period), widget.NewFormItem(i18n.T("field.date"), t.date),
		widget.NewFormItem(i18n.T("review.kind"), t.Probation))
	entry := container.NewBorder(container.NewVBox(widgets.Heading(i18n.T("review.new")), head, t.score, widget.NewSeparator()),
		container.NewVBox(widgets.NewForm(widget.NewFormItem(i18n.T("field.comments"), t.comments)), widgets.ActionRow(t.Save, t.status)),
		nil, nil, container.NewVScroll(t.compBox))
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.Reviews), len(reviewColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Alignment = widgets.ReadingEdge()
			l.SetText(ReviewCell(t.Reviews[id.Row], widgets.AgCol(id.Col, len(reviewColumns))))
		})
	widgets.TableHeaders(t.table, reviewColumns)
	t.table.OnSelected = t.onReviewSelected
	widgets.SetColumnWidths(t.table, []float32{100, 80, 190, 70, 300})
	past := fyne.CanvasObject(widgets.Heading(i18n.T("review.past")))
	if t.deps.Store != nil {
		past = container.NewBorder(nil, nil, past, widgets.ExportButtons(t.deps, models.KindReviews, nil))
		if b := widgets.ImportButtons(t.deps, models.KindReviews, t.reloadReviews); b != nil {
			past = container.NewVBox(past, b)
		}
	}
	split := container.NewHSplit(entry, container.NewBorder(past, nil, nil, nil, widgets.ReadingTable(t.table)))
	split.Offset = 0.55
	t.load()
	return split
}

// onReviewSelected shows the review chosen in the list, its rating per
// competency; the supervisor can delete it there, giving a reason.
func (t *reviewsTab) onReviewSelected(id widget.TableCellID) {
	t.table.UnselectAll()
	if id.Row < 0 || id.Row >= len(t.Reviews) {
		return
	}
	r := t.Reviews[id.Row]
	form := widgets.NewForm(
		widget.NewFormItem(i18n.T("field.agent"), widgets.Label(ReviewCell(r, 2))),
		widget.NewFormItem(i18n.T("field.date"), widgets.Label(ReviewCell(r, 0))),
		widget.NewFormItem(i18n.T("field.period"), widgets.Label(widgets.Cell(r.Period))),
		widget.NewFormItem(i18n.T("field.score"), widgets.Label(ReviewCell(r, 3))),
	)
	for _, c := range t.comps {
		for _, rt := range r.Ratings {
			if rt.CompetencyCode == c.Code {
				form.Append(workText(c.NameAr, c.NameEn), widgets.Label(strconv.Itoa(rt.Rating)))
			}
		}
	}
	if r.Comments != "" {
		form.Append(i18n.T("field.comments"), widgets.NewWrapData(r.Comments))
	}
	widgets.ShowDeleteWithReason(t.win, i18n.T("review.details"), i18n.T("review.delete_hint"), i18n.T("review.delete"), form, fyne.NewSize(520, 560),
		func(reason string) error {
			return t.st.DeleteReview(context.Background(), t.actor, r.ID, r.Version, reason)
		},
		func() {
			t.status.SetText(i18n.T("review.deleted"))
			t.reloadReviews()
		})
}

// ReviewCell is the text of column col of a review in the reviews table.
func ReviewCell(r store.ReviewEntry, col int) string {
	switch col {
	case 0:
		return r.ReviewDate.String()
	case 1:
		return widgets.ReviewPeriodText(r.Period, r.Probation)
	case 2:
		return widgets.Cell(r.EmployeeNo + " " + r.AgentName)
	case 3:
		return scoreText(r.Score)
	case 4:
		return widgets.Cell(r.Comments)
	}
	return ""
}

// load reads the team, the competencies and the past reviews off the UI thread.
func (t *reviewsTab) load() {
	widgets.GoWork(func() {
		agents, err := t.st.AgentsFor(context.Background(), t.actor, store.OpWriteReview)
		var comps []models.Competency
		if err == nil {
			comps, err = t.st.Competencies(context.Background())
		}
		widgets.OnMain(func() {
			if err != nil {
				widgets.ShowWorkError(t.win, err)
				return
			}
			t.agents, t.comps = agents, comps
			names := make([]string, len(agents))
			for i, ag := range agents {
				names[i] = widgets.Cell(agentLabel(ag)) // options are drawn as they are
			}
			t.Agent.SetOptions(names)
			t.buildCompetencies()
		})
	})
	t.reloadReviews()
}

func (t *reviewsTab) reloadReviews() {
	widgets.GoWork(func() {
		reviews, err := t.st.ListReviews(context.Background(), t.actor, 0)
		widgets.OnMain(func() {
			if err != nil {
				widgets.ShowWorkError(t.win, err)
				return
			}
			// This tab is about the team: leave out reviews of the supervisor themself.
			t.Reviews = t.Reviews[:0]
			for _, r := range reviews {
				if t.actor.AgentID == nil || r.AgentID != *t.actor.AgentID {
					t.Reviews = append(t.Reviews, r)
				}
			}
			t.table.Refresh()
		})
	})
}

// buildCompetencies shows one 1–5 choice per competency with its name and description.
func (t *reviewsTab) buildCompetencies() {
	t.compBox.RemoveAll()
	ratings := map[string]*widgets.RadioGroup{}
	for _, c := range t.comps {
		r := widgets.NewRadioGroup(ratingChoices, func(string) { t.updateScore() })
		r.Horizontal = true
		ratings[c.Code] = r
		name := widgets.Label(workText(c.NameAr, c.NameEn))
		name.TextStyle.Bold = true
		desc := widgets.Para(workText(c.DescriptionAr, c.DescriptionEn))
		t.compBox.Add(container.NewVBox(container.NewBorder(nil, nil, nil, r, name), desc, widget.NewSeparator()))
	}
	t.Ratings = ratings
	t.updateScore()
}

// currentRatings returns the ratings chosen so far.
func (t *reviewsTab) currentRatings() map[string]int {
	out := map[string]int{}
	for code, r := range t.Ratings {
		if n, err := strconv.Atoi(r.Selected); err == nil {
			out[code] = n
		}
	}
	return out
}

// updateScore shows the live review score from scoring.ReviewScore: over the
// competencies rated so far (marked provisional) until every one is rated.
func (t *reviewsTab) updateScore() {
	ratings := t.currentRatings()
	if len(ratings) == 0 || len(t.comps) == 0 {
		t.score.SetText(i18n.Display(i18n.Plural("review.rated_so_far", len(t.comps), map[string]any{"Done": 0, "Total": len(t.comps)})))
		return
	}
	var rated []models.Competency
	for _, c := range t.comps {
		if _, ok := ratings[c.Code]; ok {
			rated = append(rated, c)
		}
	}
	score, err := scoring.ReviewScore(store.ScoringCompetencies(rated), ratings)
	if err != nil {
		t.score.SetText(widgets.UserMessage(err))
		return
	}
	if len(rated) < len(t.comps) {
		t.score.SetText(i18n.Display(i18n.Plural("review.score_partial", len(t.comps), map[string]any{"Score": scoreText(score), "Done": len(rated), "Total": len(t.comps)})))
		return
	}
	t.score.SetText(i18n.Display(i18n.T("review.score", map[string]any{"Score": scoreText(score)})))
}

// onSave stores the review.
func (t *reviewsTab) onSave() {
	idx := t.Agent.SelectedIndex()
	if idx < 0 {
		t.status.SetText(i18n.T("audit.need_agent"))
		return
	}
	date, err := models.ParseDate(t.date.Text)
	if err != nil {
		t.status.SetText(widgets.UserMessage(err))
		return
	}
	ratings := t.currentRatings()
	if len(ratings) < len(t.comps) {
		t.status.SetText(i18n.T("review.need_all"))
		return
	}
	in := store.ReviewInput{AgentID: t.agents[idx].ID, Period: t.period.Text, Date: date, Comments: t.comments.Text, Ratings: ratings,
		Probation: t.Probation.Checked}
	t.Save.Disable()
	widgets.GoWork(func() {
		_, err := t.st.SaveReview(context.Background(), t.actor, in)
		widgets.OnMain(func() {
			t.Save.Enable()
			if err != nil {
				t.status.SetText(widgets.RawMessage(err))
				return
			}
			t.status.SetText(i18n.T("review.saved"))
			for _, r := range t.Ratings {
				r.SetSelected("")
			}
			t.comments.SetText("")
			t.Probation.SetChecked(false)
			t.reloadReviews()
		})
	})
}
