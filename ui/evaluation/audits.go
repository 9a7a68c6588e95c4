package evaluation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// auditsStore is what the audit entry screen needs of the store.
type auditsStore interface {
	AgentsFor(ctx context.Context, a store.Actor, op store.Op) ([]models.Agent, error)
	LatestForms(ctx context.Context, a store.Actor) ([]models.AuditForm, error)
	EnterAudit(ctx context.Context, a store.Actor, n store.NewAudit) (models.Audit, error)
	ListAudits(ctx context.Context, a store.Actor, f store.AuditListFilter) ([]store.AuditEntry, error)
	DeleteAudit(ctx context.Context, a store.Actor, id uint, version int, reason string) error
	Now() time.Time
}

// auditsTab is Quality's audit entry: an audit form answered item by item
// with the running score, and the list of audits with filters.
type auditsTab struct {
	st    auditsStore
	win   fyne.Window
	actor store.Actor
	user  models.User

	forms   []models.AuditForm
	form    models.AuditForm
	answers map[uint]*widgets.RadioGroup // item ID → its pass/fail/na choice

	agent      *agentPicker
	formSelect *widget.Select
	channel    *widget.Select
	date       *widget.Entry
	auditor    *widget.Entry
	notes      *widget.Entry
	itemsBox   *fyne.Container
	score      *widget.Label
	answered   *widgets.WrapLabel
	critical   *widgets.WrapLabel
	save       *widget.Button
	status     *widgets.WrapLabel

	filterAgent   *agentPicker
	filterFrom    *widget.Entry
	filterTo      *widget.Entry
	filterChannel *widget.Select
	rows          []store.AuditEntry
	table         *widget.Table
	// deps, when it has a store, gives the list its export buttons.
	deps widgets.Deps
}

// NewAuditsTab builds the audit entry tab of the evaluations area.
func NewAuditsTab(d widgets.Deps) fyne.CanvasObject {
	t := newAuditsScreen(widgets.EvalAreas(d.Store), d.Win, d.Actor, d.User)
	t.deps = d
	return t.content()
}

func newAuditsScreen(st auditsStore, w fyne.Window, a store.Actor, u models.User) *auditsTab {
	return &auditsTab{st: st, win: w, actor: a, user: u, answers: map[uint]*widgets.RadioGroup{}}
}

// workText picks the Arabic or the English text for the current language.
func workText(ar, en string) string {
	if i18n.Current() == "ar" && ar != "" || en == "" {
		return ar
	}
	return en
}

// channelLabels returns the translated channel names and the reverse map.
func channelLabels() ([]string, map[string]models.Channel) {
	labels := make([]string, len(models.Channels))
	back := map[string]models.Channel{}
	for i, c := range models.Channels {
		labels[i] = i18n.T("channel." + string(c))
		back[labels[i]] = c
	}
	return labels, back
}

// scoreText formats an exact score with two decimals.
func scoreText(r *big.Rat) string {
	if r == nil {
		return "—"
	}
	return scoring.Round(r).String()
}

func (t *auditsTab) content() fyne.CanvasObject {
	t.agent = newAgentPicker(i18n.T("audit.pick_agent"), nil)
	t.formSelect = widget.NewSelect(nil, t.onFormChanged)
	labels, _ := channelLabels()
	t.channel = widget.NewSelect(labels, nil)
	t.channel.SetSelected(labels[0])
	t.date = widgets.WithCalendar(widget.NewEntry())
	t.date.SetText(models.DateOf(t.st.Now()).String())
	t.auditor = widget.NewEntry()
	t.auditor.SetText(t.user.FullName)
	t.notes = widget.NewMultiLineEntry()
	t.notes.SetMinRowsVisible(1)
	t.notes.Wrapping = fyne.TextWrapWord
	t.itemsBox = container.NewVBox()
	t.score = widgets.Heading("")
	t.answered = widgets.NewLineLabel("")
	t.critical = widgets.NewLineLabel("")
	t.critical.Importance = widget.DangerImportance
	t.critical.TextStyle.Bold = true
	t.critical.Hide()
	t.save = widget.NewButton(i18n.T("audit.save"), t.onSave)
	t.save.Importance = widget.HighImportance
	t.status = widgets.NewLineLabel("")
	left := widgets.NewForm(widget.NewFormItem(i18n.T("field.audit_form"), t.formSelect), widget.NewFormItem(i18n.T("field.date"), t.date))
	right := widgets.NewForm(widget.NewFormItem(i18n.T("field.channel"), t.channel), widget.NewFormItem(i18n.T("field.auditor"), t.auditor))
	pair := container.NewGridWithColumns(2, left, right)
	if i18n.IsRTL() {
		pair = container.NewGridWithColumns(2, right, left)
	}
	head := container.NewVBox(widgets.Heading(i18n.T("audit.new")),
		widgets.NewForm(widget.NewFormItem(i18n.T("field.agent"), t.agent.entry)), pair, widget.NewSeparator())
	scoreRow := container.NewBorder(nil, nil, t.score, nil, t.answered)
	if i18n.IsRTL() {
		scoreRow = container.NewBorder(nil, nil, nil, t.score, t.answered)
	}
	bottom := container.NewVBox(widget.NewSeparator(), scoreRow, t.critical,
		widgets.Labelled(i18n.T("field.notes"), t.notes), widgets.ActionRow(t.save, t.status))
	entry := container.NewBorder(head, bottom, nil, nil, container.NewVScroll(t.itemsBox))
	split := container.NewHSplit(entry, t.listPanel())
	split.Offset = 0.55
	t.updateScore()
	t.load()
	return split
}

func (t *auditsTab) listPanel() fyne.CanvasObject {
	t.filterAgent = newAgentPicker(i18n.T("audit.all_agents"), func(*models.Agent) {})
	t.filterFrom, t.filterTo = widgets.WithCalendar(widget.NewEntry()), widgets.WithCalendar(widget.NewEntry())
	t.filterFrom.SetPlaceHolder(i18n.T("field.from"))
	t.filterTo.SetPlaceHolder(i18n.T("field.to"))
	labels, _ := channelLabels()
	t.filterChannel = widget.NewSelect(append([]string{i18n.T("audit.all_channels")}, labels...), func(string) { t.onFilterChanged() })
	t.filterChannel.SetSelected(i18n.T("audit.all_channels"))
	apply := widget.NewButton(i18n.T("action.search"), t.onFilterChanged)
	cols := []string{"field.ref", "field.date", "field.agent", "field.score", "field.channel", "field.audit_form"}
	widths := []float32{165, 95, 190, 75, 90, 100}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.rows), len(cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			col := widgets.AgCol(id.Col, len(cols))
			l.Alignment = widgets.ReadingEdge()
			l.SetText(auditCell(t.rows[id.Row], col))
			l.Importance = widget.MediumImportance
			if col == 3 && t.rows[id.Row].CriticalFail {
				l.Importance = widget.DangerImportance
			}
			l.Refresh()
		})
	widgets.TableHeaders(t.table, cols)
	t.table.OnSelected = t.onAuditSelected
	widgets.SetColumnWidths(t.table, widths)
	filters := container.NewVBox(widgets.Heading(i18n.T("audit.list")),
		container.NewGridWithColumns(2, t.filterAgent.entry, t.filterChannel),
		container.NewBorder(nil, nil, nil, apply, container.NewGridWithColumns(2, t.filterFrom, t.filterTo)))
	if t.deps.Store != nil {
		filters.Add(widgets.ExportButtons(t.deps, models.KindAudits, t.exportFilter))
		if b := widgets.ImportButtons(t.deps, models.KindAudits, t.reloadList); b != nil {
			filters.Add(b)
		}
	}
	return container.NewBorder(filters, nil, nil, nil, widgets.ReadingTable(t.table))
}

// onAuditSelected shows the audit chosen in the list; Quality can delete it
// there (entered for the wrong agent or date), giving a reason.
func (t *auditsTab) onAuditSelected(id widget.TableCellID) {
	t.table.UnselectAll()
	if id.Row < 0 || id.Row >= len(t.rows) {
		return
	}
	e := t.rows[id.Row]
	notes := e.Notes
	if notes == "" {
		notes = "—"
	}
	form := widgets.NewForm(
		widget.NewFormItem(i18n.T("field.date"), widgets.Label(e.AuditDate.String())),
		widget.NewFormItem(i18n.T("field.agent"), widgets.Label(auditCell(e, 2))),
		widget.NewFormItem(i18n.T("field.channel"), widgets.Label(auditCell(e, 4))),
		widget.NewFormItem(i18n.T("field.audit_form"), widgets.Label(auditCell(e, 5))),
		widget.NewFormItem(i18n.T("field.score"), widgets.Label(auditCell(e, 3))),
		widget.NewFormItem(i18n.T("field.auditor"), widgets.Label(widgets.Cell(e.Auditor))),
		widget.NewFormItem(i18n.T("field.notes"), widgets.NewWrapData(notes)),
	)
	title := i18n.Display(i18n.T("audit.details", map[string]any{"Ref": e.Ref}))
	if !t.actor.Can(store.OpEnterAudits) {
		dialog.ShowCustom(title, i18n.T("action.close"), form, t.win)
		return
	}
	widgets.ShowDeleteWithReason(t.win, title, i18n.T("audit.delete_hint"), i18n.T("audit.delete"), form, fyne.NewSize(520, 560),
		func(reason string) error {
			return t.st.DeleteAudit(context.Background(), t.actor, e.ID, e.Version, reason)
		},
		func() {
			t.status.SetText(i18n.T("audit.deleted", map[string]any{"Ref": e.Ref}))
			t.reloadList()
		})
}

func auditCell(e store.AuditEntry, col int) string {
	switch col {
	case 0:
		return e.Ref
	case 1:
		return e.AuditDate.String()
	case 2:
		return widgets.Cell(e.EmployeeNo + " " + e.AgentName)
	case 3:
		if e.CriticalFail {
			return scoreText(e.Score) + " !"
		}
		return scoreText(e.Score)
	case 4:
		return i18n.T("channel." + string(e.Channel))
	case 5:
		return widgets.FormVersionLabel(e.FormCode, e.FormVer)
	}
	return ""
}

// load reads the agents and forms off the UI thread.
func (t *auditsTab) load() {
	widgets.GoWork(func() {
		agents, err := t.st.AgentsFor(context.Background(), t.actor, store.OpEnterAudits)
		var forms []models.AuditForm
		if err == nil {
			forms, err = t.st.LatestForms(context.Background(), t.actor)
		}
		widgets.OnMain(func() {
			if err != nil {
				widgets.ShowWorkError(t.win, err)
				return
			}
			t.agent.setAgents(agents)
			t.filterAgent.setAgents(agents)
			t.forms = forms
			names := make([]string, len(forms))
			for i, f := range forms {
				names[i] = widgets.FormLabel(f)
			}
			t.formSelect.SetOptions(names)
			if len(names) > 0 {
				t.formSelect.SetSelected(names[0])
			}
		})
	})
	t.reloadList()
}

// onFormChanged rebuilds the items for the chosen form.
func (t *auditsTab) onFormChanged(name string) {
	for _, f := range t.forms {
		if widgets.FormLabel(f) == name {
			t.form = f
		}
	}
	answers := map[uint]*widgets.RadioGroup{}
	t.itemsBox.RemoveAll()
	choices := []string{i18n.T("answer.pass"), i18n.T("answer.fail"), i18n.T("answer.na")}
	for i, it := range t.form.Items {
		radio := widgets.NewRadioGroup(choices, func(string) { t.updateScore() })
		radio.Horizontal = true
		answers[it.ID] = radio
		meta := i18n.T("audit.item_weight", map[string]any{"Weight": it.Weight})
		if it.Critical {
			meta += " · " + i18n.T("audit.critical")
		}
		text := widgets.Para(fmt.Sprintf("%d. %s", i+1, workText(it.TextAr, it.TextEn)))
		text.TextStyle.Bold = true
		m := widgets.Label(meta)
		if it.Critical {
			m.Importance = widget.WarningImportance
		}
		t.itemsBox.Add(container.NewVBox(text, container.NewBorder(nil, nil, nil, radio, m), widget.NewSeparator()))
	}
	t.answers = answers
	t.updateScore()
}

// currentAnswers returns the answer to each item (unanswered items as na)
// and how many are answered.
func (t *auditsTab) currentAnswers() ([]models.Answer, int) {
	out := make([]models.Answer, len(t.form.Items))
	n := 0
	for i, it := range t.form.Items {
		out[i] = models.NA
		switch t.answers[it.ID].Selected {
		case i18n.T("answer.pass"):
			out[i] = models.Pass
		case i18n.T("answer.fail"):
			out[i] = models.Fail
		case i18n.T("answer.na"):
		default:
			continue
		}
		n++
	}
	return out, n
}

// updateScore shows the running score, computed by scoring.AuditScore with
// the unanswered items counted as na, and warns when a critical item fails.
func (t *auditsTab) updateScore() {
	answers, n := t.currentAnswers()
	t.answered.SetText(i18n.Plural("audit.answered", len(t.form.Items), map[string]any{"Done": n, "Total": len(t.form.Items)}))
	crit := false
	for i, it := range t.form.Items {
		if it.Critical && answers[i] == models.Fail {
			crit = true
		}
	}
	if crit {
		t.critical.SetText(i18n.T("audit.critical_failed"))
		t.critical.Show()
	} else {
		t.critical.Hide()
	}
	items := store.FormItems(t.form)
	score, err := scoring.AuditScore(items, answers)
	switch {
	case len(items) == 0:
		t.score.SetText(i18n.Display(i18n.T("audit.score", map[string]any{"Score": "—"})))
	case errors.Is(err, scoring.ErrAllNA):
		t.score.SetText(i18n.Display(i18n.T("audit.score", map[string]any{"Score": "—"})))
		if n > 0 {
			t.answered.SetText(i18n.T("audit.all_na"))
		}
	case err != nil:
		t.score.SetText(widgets.UserMessage(err))
	default:
		t.score.SetText(i18n.Display(i18n.T("audit.score", map[string]any{"Score": scoreText(score)})))
	}
}

// onSave validates the entry and stores the audit.
func (t *auditsTab) onSave() {
	ag := t.agent.selected()
	if ag == nil {
		t.status.SetText(i18n.T("audit.need_agent"))
		return
	}
	date, err := models.ParseDate(t.date.Text)
	if err != nil {
		t.status.SetText(widgets.UserMessage(err))
		return
	}
	answers, n := t.currentAnswers()
	if n < len(t.form.Items) {
		t.status.SetText(i18n.T("audit.need_all_answers"))
		return
	}
	_, back := channelLabels()
	in := store.NewAudit{AgentID: ag.ID, FormID: t.form.ID, Date: date, Channel: back[t.channel.Selected],
		Auditor: t.auditor.Text, Notes: t.notes.Text, Answers: map[uint]models.Answer{}}
	for i, it := range t.form.Items {
		in.Answers[it.ID] = answers[i]
	}
	t.save.Disable()
	widgets.GoWork(func() {
		au, err := t.st.EnterAudit(context.Background(), t.actor, in)
		widgets.OnMain(func() {
			t.save.Enable()
			if err != nil {
				t.status.SetText(widgets.RawMessage(err))
				return
			}
			t.status.SetText(i18n.T("audit.saved", map[string]any{"Ref": au.Ref}))
			for _, r := range t.answers {
				r.SetSelected("")
			}
			t.notes.SetText("")
			t.reloadList()
		})
	})
}

// onFilterChanged reloads the list with the filters.
func (t *auditsTab) onFilterChanged() {
	if t.table == nil {
		return
	}
	t.reloadList()
}

// exportFilter keeps, in an audits export, the audits the list's filters
// select (every one, not only the newest shown).
func (t *auditsTab) exportFilter() widgets.RowFilter {
	f, err := t.filter()
	if err != nil {
		return widgets.Failing(fmt.Errorf("%s: %w", i18n.T("error.bad_date"), err))
	}
	f.Limit = math.MaxInt32
	st, a := t.deps.Store, t.actor
	return func(header []string, rows [][]string) ([][]string, error) {
		list, err := st.Work().ListAudits(context.Background(), a, f)
		if err != nil {
			return nil, err
		}
		keep := make(map[string]bool, len(list))
		for _, e := range list {
			keep[e.Ref] = true
		}
		return widgets.KeepColumn("audit_ref", keep)(header, rows)
	}
}

func (t *auditsTab) filter() (store.AuditListFilter, error) {
	var f store.AuditListFilter
	if ag := t.filterAgent.selected(); ag != nil {
		f.AgentID = ag.ID
	}
	var err error
	if s := strings.TrimSpace(t.filterFrom.Text); s != "" {
		if f.From, err = models.ParseDate(s); err != nil {
			return f, err
		}
	}
	if s := strings.TrimSpace(t.filterTo.Text); s != "" {
		if f.To, err = models.ParseDate(s); err != nil {
			return f, err
		}
	}
	_, back := channelLabels()
	f.Channel = back[t.filterChannel.Selected]
	return f, nil
}

func (t *auditsTab) reloadList() {
	f, err := t.filter()
	if err != nil {
		t.status.SetText(i18n.T("error.bad_date"))
		return
	}
	widgets.GoWork(func() {
		rows, err := t.st.ListAudits(context.Background(), t.actor, f)
		widgets.OnMain(func() {
			if err != nil {
				widgets.ShowWorkError(t.win, err)
				return
			}
			t.rows = rows
			t.table.Refresh()
		})
	})
}
