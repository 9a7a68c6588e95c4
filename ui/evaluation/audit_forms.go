package evaluation

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// auditFormsStore is what the audit-form editor needs of the store.
type auditFormsStore interface {
	ListAuditForms(ctx context.Context, a store.Actor) ([]store.AuditFormSummary, error)
	SaveAuditForm(ctx context.Context, a store.Actor, f models.AuditForm) (models.AuditForm, error)
}

// auditFormsTab is Quality's editor of audit forms: the versions of every
// form, and the items of the chosen one. Saving a version that audits use
// makes a new version.
type auditFormsTab struct {
	st    auditFormsStore
	win   fyne.Window
	actor store.Actor

	forms   []store.AuditFormSummary
	list    *widget.List
	current store.AuditFormSummary // ID 0: a new form

	code    *widget.Entry
	nameAr  *widget.Entry
	nameEn  *widget.Entry
	rows    []*formItemRow
	itemBox *fyne.Container
	note    *widgets.WrapLabel
	addItem *widget.Button
	save    *widget.Button
	status  *widgets.WrapLabel
}

// formItemRow holds the editors of one item.
type formItemRow struct {
	code, textAr, textEn *widget.Entry
	weight               *widgets.NumericEntry
	critical             *widgets.CheckBox
}

// newAuditFormsTab builds the audit-form editor tab of the evaluations area.
func newAuditFormsTab(d widgets.Deps) fyne.CanvasObject {
	return newAuditFormsScreen(d.Store.Work(), d.Win, d.Actor).content()
}

func newAuditFormsScreen(st auditFormsStore, w fyne.Window, a store.Actor) *auditFormsTab {
	return &auditFormsTab{st: st, win: w, actor: a}
}

func (t *auditFormsTab) content() fyne.CanvasObject {
	t.list = widget.NewList(func() int { return len(t.forms) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(formSummaryText(t.forms[id]))
		})
	t.list.OnSelected = func(id widget.ListItemID) { t.onFormSelected(t.forms[id]) }
	newFormBtn := widget.NewButtonWithIcon(i18n.T("forms.new"), theme.ContentAddIcon(), t.onNewForm)
	left := container.NewBorder(container.NewVBox(widgets.Heading(i18n.T("forms.title")), newFormBtn), nil, nil, nil, t.list)

	t.code, t.nameAr, t.nameEn = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	t.itemBox = container.NewVBox()
	t.note = widgets.Para("")
	t.addItem = widget.NewButtonWithIcon(i18n.T("forms.add_item"), theme.ContentAddIcon(), func() { t.onAddItem(models.AuditFormItem{Weight: 1}) })
	t.save = widget.NewButton(i18n.T("action.save"), t.onSave)
	t.save.Importance = widget.HighImportance
	t.status = widgets.NewLineLabel("")
	head := widgets.NewForm(widget.NewFormItem(i18n.T("field.code"), t.code),
		widget.NewFormItem(i18n.T("field.name_ar"), t.nameAr), widget.NewFormItem(i18n.T("field.name_en"), t.nameEn))
	cols := container.NewGridWithColumns(2, widgets.TextPair(widget.NewLabelWithStyle(i18n.T("field.text_ar"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		widget.NewLabelWithStyle(i18n.T("field.text_en"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))...)
	right := container.NewBorder(container.NewVBox(head, t.note, widgets.Heading(i18n.T("forms.items")), cols), widgets.ActionRow(t.addItem, t.save, t.status),
		nil, nil, container.NewVScroll(t.itemBox))
	split := container.NewHSplit(left, right)
	split.Offset = 0.28
	t.onNewForm()
	t.reload("", "")
	return split
}

func formSummaryText(f store.AuditFormSummary) string {
	s := widgets.FormVersionLabel(f.Code, f.FormVer) + " · " + i18n.Plural("forms.audits", int(f.Audits), nil)
	if f.Latest {
		s += " · " + i18n.T("forms.latest")
	}
	return widgets.Cell(s)
}

// reload lists the forms off the UI thread, then selects the latest version
// of code (or the first form) and shows msg.
func (t *auditFormsTab) reload(code, msg string) {
	widgets.GoWork(func() {
		forms, err := t.st.ListAuditForms(context.Background(), t.actor)
		widgets.OnMain(func() {
			if err != nil {
				widgets.ShowWorkError(t.win, err)
				return
			}
			t.forms = forms
			t.list.Refresh()
			pick := -1
			for i, f := range forms {
				if f.Latest && (pick < 0 || f.Code == code) {
					pick = i
				}
			}
			if pick >= 0 {
				t.list.UnselectAll()
				t.list.Select(pick)
			}
			t.status.SetText(msg)
		})
	})
}

func (t *auditFormsTab) onNewForm() {
	t.list.UnselectAll()
	t.show(store.AuditFormSummary{Latest: true})
	t.code.Enable()
	t.onAddItem(models.AuditFormItem{Weight: 1})
}

func (t *auditFormsTab) onFormSelected(f store.AuditFormSummary) {
	t.show(f)
}

// show puts a form version in the editor; only the latest version can be saved.
func (t *auditFormsTab) show(f store.AuditFormSummary) {
	t.current = f
	t.code.SetText(f.Code)
	t.code.Disable()
	t.nameAr.SetText(f.NameAr)
	t.nameEn.SetText(f.NameEn)
	t.rows = nil
	t.itemBox.RemoveAll()
	for _, it := range f.Items {
		t.onAddItem(it)
	}
	t.status.SetText("")
	switch {
	case f.ID == 0:
		t.note.SetText(i18n.T("forms.note_new"))
	case !f.Latest:
		t.note.SetText(i18n.T("forms.note_old"))
	case f.Audits > 0:
		t.note.SetText(i18n.Plural("forms.note_used", int(f.Audits), map[string]any{"Next": f.FormVer + 1}))
	default:
		t.note.SetText(i18n.T("forms.note_unused"))
	}
	if f.Latest {
		t.save.Enable()
		t.addItem.Enable()
	} else {
		t.save.Disable()
		t.addItem.Disable()
	}
}

// onAddItem appends an item row to the editor.
func (t *auditFormsTab) onAddItem(it models.AuditFormItem) {
	r := &formItemRow{code: widget.NewEntry(), textAr: widget.NewMultiLineEntry(), textEn: widget.NewMultiLineEntry(),
		weight: widgets.NewNumericEntry(false), critical: widgets.NewCheck(i18n.T("audit.critical"), nil)}
	r.code.SetPlaceHolder(i18n.T("field.code"))
	r.code.SetText(it.Code)
	r.textAr.SetText(it.TextAr)
	r.textEn.SetText(it.TextEn)
	r.textAr.Wrapping, r.textEn.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	r.textAr.SetMinRowsVisible(2)
	r.textEn.SetMinRowsVisible(2)
	r.weight.SetText(strconv.Itoa(it.Weight))
	r.critical.SetChecked(it.Critical)
	t.rows = append(t.rows, r)
	t.layoutItems()
}

// layoutItems rebuilds the item rows in order, each with move and remove buttons.
func (t *auditFormsTab) layoutItems() {
	t.itemBox.RemoveAll()
	for i, r := range t.rows {
		i := i
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { t.onMove(i, -1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { t.onMove(i, 1) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { t.onRemove(i) })
		if i == 0 {
			up.Disable()
		}
		if i == len(t.rows)-1 {
			down.Disable()
		}
		weight := container.NewGridWrap(fyne.NewSize(60, r.weight.MinSize().Height), r.weight)
		left := container.NewHBox(widget.NewLabel(strconv.Itoa(i+1)), container.NewGridWrap(fyne.NewSize(150, r.code.MinSize().Height), r.code))
		right := container.NewHBox(widget.NewLabel(i18n.T("field.weight")), weight, r.critical, up, down, del)
		t.itemBox.Add(container.NewVBox(container.NewBorder(nil, nil, left, right),
			container.NewGridWithColumns(2, widgets.TextPair(r.textAr, r.textEn)...), widget.NewSeparator()))
	}
}

func (t *auditFormsTab) onMove(i, by int) {
	j := i + by
	if j < 0 || j >= len(t.rows) {
		return
	}
	t.rows[i], t.rows[j] = t.rows[j], t.rows[i]
	t.layoutItems()
}

func (t *auditFormsTab) onRemove(i int) {
	t.rows = append(t.rows[:i], t.rows[i+1:]...)
	t.layoutItems()
}

// edited returns the form as edited; a weight that is not a number is an error.
func (t *auditFormsTab) edited() (models.AuditForm, error) {
	f := models.AuditForm{ID: t.current.ID, Version: t.current.Version, Code: t.code.Text, NameAr: t.nameAr.Text, NameEn: t.nameEn.Text}
	for i, r := range t.rows {
		w, err := strconv.Atoi(strings.TrimSpace(models.LatinDigits(r.weight.Text)))
		if err != nil {
			return f, fmt.Errorf("%s", i18n.Display(i18n.T("forms.bad_weight", map[string]any{"Item": i + 1})))
		}
		f.Items = append(f.Items, models.AuditFormItem{Code: r.code.Text, TextAr: r.textAr.Text, TextEn: r.textEn.Text, Weight: w, Critical: r.critical.Checked})
	}
	return f, nil
}

// onSave stores the form: in place when unused, as a new version when used.
func (t *auditFormsTab) onSave() {
	f, err := t.edited()
	if err != nil {
		t.status.SetText(err.Error())
		return
	}
	t.save.Disable()
	widgets.GoWork(func() {
		saved, err := t.st.SaveAuditForm(context.Background(), t.actor, f)
		widgets.OnMain(func() {
			t.save.Enable()
			if err != nil {
				t.status.SetText(widgets.RawMessage(err))
				return
			}
			t.reload(saved.Code, i18n.Display(i18n.T("forms.saved", map[string]any{"Code": saved.Code, "Version": saved.FormVer})))
		})
	})
}
