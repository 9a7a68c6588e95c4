package recruitment

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// questionsTab is the interview question bank (HR): questions by category
// with Arabic and English text, competency and scoring guide; add, edit,
// retire or restore.
type questionsTab struct {
	r     *recruit
	cats  []models.QuestionCategory
	qs    []models.Question
	table *widget.Table
	sel   int
}

var questionColumns = []string{"rec.col.code", "rec.col.category", "rec.col.question", "rec.competency", "rec.col.status"}

func newQuestionsTab(r *recruit) *questionsTab {
	t := &questionsTab{r: r, sel: -1}
	r.reloaders = append(r.reloaders, t.reload)
	return t
}

func (t *questionsTab) content() fyne.CanvasObject {
	t.table = newTable(questionColumns, []float32{70, 240, 520, 200, 100}, func() int { return len(t.qs) }, t.cellText)
	t.table.OnSelected = func(id widget.TableCellID) { t.sel = id.Row }
	add := widget.NewButton(i18n.T("rec.add_question"), func() { t.editDialog(models.Question{}) })
	add.Importance = widget.HighImportance
	bar := container.NewHBox(add,
		widget.NewButton(i18n.T("action.edit"), t.onEdit),
		widget.NewButton(i18n.T("rec.retire_toggle"), t.onRetire),
		widget.NewLabel(i18n.T("rec.questions_hint")))
	top := container.NewVBox(bar)
	if b := widgets.ImportButtons(t.r.deps, models.KindQuestions, t.reload); b != nil {
		top.Add(b)
	}
	t.reload()
	return container.NewBorder(top, nil, nil, nil, widgets.ReadingTable(t.table))
}

func (t *questionsTab) catName(code string) string {
	for _, c := range t.cats {
		if c.Code == code {
			return pick(c.NameAr, c.NameEn)
		}
	}
	return code
}

func (t *questionsTab) cellText(row, col int) string {
	q := t.qs[row]
	switch col {
	case 0:
		return q.Code
	case 1:
		return t.catName(q.CategoryCode)
	case 2:
		return pick(q.TextAr, q.TextEn)
	case 3:
		return t.r.competencyName(q.Competency)
	case 4:
		if q.Retired {
			return i18n.T("rec.retired")
		}
		return i18n.T("rec.active")
	}
	return ""
}

func (t *questionsTab) reload() {
	widgets.GoWork(func() {
		cats, err := t.r.st.ListQuestionCategories(context.Background(), t.r.actor)
		var qs []models.Question
		if err == nil {
			qs, err = t.r.st.ListQuestions(context.Background(), t.r.actor, true)
		}
		widgets.OnMain(func() {
			if err != nil {
				t.r.showErr(err)
				return
			}
			t.cats, t.qs, t.sel = cats, qs, -1
			t.table.UnselectAll()
			t.table.Refresh()
		})
	})
}

func (t *questionsTab) selected() (models.Question, bool) {
	return selectedOf(t.r, t.qs, t.sel, "rec.tab.questions", "rec.select_question")
}

func (t *questionsTab) onEdit() {
	if q, ok := t.selected(); ok {
		t.editDialog(q)
	}
}

func (t *questionsTab) onRetire() {
	q, ok := t.selected()
	if !ok {
		return
	}
	t.r.changeThenReload(func() error {
		return t.r.st.SetQuestionRetired(context.Background(), t.r.actor, q.ID, q.Version, !q.Retired)
	}, t.reload)
}

func (t *questionsTab) editDialog(q models.Question) {
	code := widget.NewEntry()
	code.SetText(q.Code)
	code.SetPlaceHolder(i18n.T("rec.code_auto"))
	var catOpts []string
	for _, c := range t.cats {
		catOpts = append(catOpts, pick(c.NameAr, c.NameEn))
	}
	cat := widget.NewSelect(catOpts, nil)
	cat.PlaceHolder = i18n.T("common.select_one")
	for i, c := range t.cats {
		if c.Code == q.CategoryCode {
			cat.SetSelectedIndex(i)
		}
	}
	var compOpts []string
	for _, c := range t.r.compOrder {
		compOpts = append(compOpts, t.r.competencyName(c))
	}
	comp := widget.NewSelect(compOpts, nil)
	comp.PlaceHolder = i18n.T("common.select_one")
	for i, c := range t.r.compOrder {
		if c == q.Competency {
			comp.SetSelectedIndex(i)
		}
	}
	multi := func(v string) *widget.Entry {
		e := widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(2)
		e.SetText(v)
		return e
	}
	tAr, tEn := multi(q.TextAr), multi(q.TextEn)
	g1a, g1e := multi(q.Guide1Ar), multi(q.Guide1En)
	g3a, g3e := multi(q.Guide3Ar), multi(q.Guide3En)
	g5a, g5e := multi(q.Guide5Ar), multi(q.Guide5En)
	pair := func(title string, a, e *widget.Entry) *widget.FormItem {
		return widget.NewFormItem(title, container.NewGridWithColumns(2, widgets.TextPair(a, e)...))
	}
	guide := func(n string) string { return i18n.T("rec.guide", map[string]any{"N": n}) }
	form := widgets.NewForm(
		widget.NewFormItem(i18n.T("rec.col.code"), code),
		widget.NewFormItem(i18n.T("rec.col.category"), cat),
		widget.NewFormItem(i18n.T("rec.competency"), comp),
		widget.NewFormItem("", container.NewGridWithColumns(2, widgets.TextPair(widget.NewLabel(i18n.T("rec.arabic")), widget.NewLabel(i18n.T("rec.english")))...)),
		pair(i18n.T("rec.col.question"), tAr, tEn),
		pair(guide("1"), g1a, g1e),
		pair(guide("3"), g3a, g3e),
		pair(guide("5"), g5a, g5e),
	)
	d := dialog.NewCustomConfirm(i18n.T("rec.question"), i18n.T("action.save"), i18n.T("action.cancel"), container.NewVScroll(form), func(ok bool) {
		if !ok {
			return
		}
		q.Code = code.Text
		if i := cat.SelectedIndex(); i >= 0 {
			q.CategoryCode = t.cats[i].Code
		}
		if i := comp.SelectedIndex(); i >= 0 {
			q.Competency = t.r.compOrder[i]
		}
		q.TextAr, q.TextEn = tAr.Text, tEn.Text
		q.Guide1Ar, q.Guide1En, q.Guide3Ar, q.Guide3En, q.Guide5Ar, q.Guide5En = g1a.Text, g1e.Text, g3a.Text, g3e.Text, g5a.Text, g5e.Text
		widgets.GoWork(func() {
			_, err := t.r.st.SaveQuestion(context.Background(), t.r.actor, q)
			widgets.OnMain(func() {
				if err != nil {
					t.r.showErr(err)
				}
				t.reload()
			})
		})
	}, t.r.win)
	d.Resize(fyne.NewSize(900, 640))
	d.Show()
}
