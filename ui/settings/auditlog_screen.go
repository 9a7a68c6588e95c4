package settings

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strconv"
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

// auditLogStore is what the change history needs of the store (which
// allows it to admins and managers only).
type auditLogStore interface {
	AuditLog(ctx context.Context, a store.Actor, f store.AuditFilter) ([]models.AuditLog, error)
	AuditLogChoices(ctx context.Context, a store.Actor) (people, actions, entities []string, err error)
	EachAuditLogWhere(ctx context.Context, a store.Actor, f store.AuditFilter, fn func(models.AuditLog) error) error
}

// auditLogLimit is the number of changes the history shows at once.
const auditLogLimit = 1000

// auditLogColumns are the translation keys of the history's columns.
var auditLogColumns = []string{"auditlog.col.when", "auditlog.col.who", "auditlog.col.what", "auditlog.col.on", "auditlog.col.change"}

// AuditLogView is the readable change history: who changed what, when, in
// plain words, with filters by person, date range and kind of change, and
// an export of what the filters select.
type AuditLogView struct {
	st     auditLogStore
	win    fyne.Window
	actor  store.Actor
	saveAs widgets.SaveAsFunc
	// ctx is the screen's context: leaving the screen cancels the loads
	// and an export under way.
	ctx context.Context

	Person, Action, entity *widget.Select
	From, To               *widget.Entry
	Apply                  *widget.Button
	Status                 *widgets.WrapLabel
	table                  *widget.Table

	Rows                      []models.AuditLog
	People, actions, entities []string
	seq                       int // the latest load; older answers are dropped
	Words                     changeWords
}

// NewAuditLogView builds the audit log screen: the filters, the table and
// its export.
func NewAuditLogView(st auditLogStore, win fyne.Window, a store.Actor, saveAs widgets.SaveAsFunc) *AuditLogView {
	return &AuditLogView{st: st, win: win, actor: a, saveAs: saveAs, Words: newChangeWords()}
}

// Content builds the view and starts loading its choices and rows.
func (v *AuditLogView) Content() fyne.CanvasObject {
	all := i18n.T("common.all")
	v.Person = widget.NewSelect([]string{all}, func(string) { v.reload() })
	v.Action = widget.NewSelect([]string{all}, func(string) { v.reload() })
	v.entity = widget.NewSelect([]string{all}, func(string) { v.reload() })
	for _, s := range []*widget.Select{v.Person, v.Action, v.entity} {
		s.SetSelectedIndex(0)
	}
	v.From, v.To = widgets.WithCalendar(widget.NewEntry()), widgets.WithCalendar(widget.NewEntry())
	v.From.SetPlaceHolder(i18n.T("field.from"))
	v.To.SetPlaceHolder(i18n.T("field.to"))
	v.Apply = widget.NewButton(i18n.T("auditlog.apply"), v.reload)
	v.Status = widgets.NewWrapLabel("")

	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.Rows), len(auditLogColumns) },
		func() fyne.CanvasObject { return widgets.NewCellLabel("") }, // cut, then ordered
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(v.Rows) {
				o.(*widgets.WrapLabel).SetText(v.Words.Cell(v.Rows[id.Row], widgets.AgCol(id.Col, len(auditLogColumns))))
			}
		})
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(i18n.T(auditLogColumns[widgets.AgCol(id.Col, len(auditLogColumns))]))
			l.TextStyle.Bold = true
		} else {
			l.SetText("")
		}
	}
	for i, w := range []float32{140, 110, 150, 200, 520} {
		v.table.SetColumnWidth(widgets.AgCol(i, len(auditLogColumns)), w)
	}
	v.table.OnSelected = v.onSelected

	d := widgets.Deps{Ctx: v.ctx, Win: v.win, Actor: v.actor, SaveAs: v.saveAs}
	csvBtn := widget.NewButton(i18n.Display(i18n.T("export.csv")), func() { v.onExport(d, "csv") })
	xlsxBtn := widget.NewButton(i18n.Display(i18n.T("export.xlsx")), func() { v.onExport(d, "xlsx") })
	cells := []fyne.CanvasObject{
		widgets.Labelled(i18n.T("auditlog.col.who"), v.Person),
		widgets.Labelled(i18n.T("auditlog.col.what"), v.Action),
		widgets.Labelled(i18n.T("auditlog.col.on"), v.entity),
		widgets.Labelled(i18n.T("field.from"), v.From),
		widgets.Labelled(i18n.T("field.to"), v.To)}
	if i18n.IsRTL() { // the first filter on the reading side
		slices.Reverse(cells)
	}
	filters := container.NewGridWithColumns(5, cells...)
	hint := widget.NewLabelWithStyle(i18n.T("settings.audit_hint"), widgets.ReadingEdge(), fyne.TextStyle{})
	top := container.NewVBox(hint, filters, widgets.ActionRow(v.Apply, csvBtn, xlsxBtn), v.Status)
	v.loadChoices()
	return container.NewBorder(top, nil, nil, nil, widgets.ReadingTable(v.table))
}

// loadChoices fills the person and kind filters, then loads the rows.
func (v *AuditLogView) loadChoices() {
	ctx := widgets.OrBackground(v.ctx)
	widgets.GoWork(func() {
		people, actions, entities, err := v.st.AuditLogChoices(ctx, v.actor)
		widgets.OnMain(func() {
			if widgets.LeftScreen(ctx, err) {
				return
			}
			if err != nil {
				slog.Error("audit log choices", "err", err)
				v.Status.SetText(widgets.RawMessage(err))
				return
			}
			v.People, v.actions, v.entities = people, actions, entities
			all := i18n.T("common.all")
			v.Person.Options = []string{all}
			for _, p := range people {
				v.Person.Options = append(v.Person.Options, widgets.Cell(widgets.StoredName(p))) // options are drawn as they are
			}
			v.Action.Options = []string{all}
			for _, a := range actions {
				v.Action.Options = append(v.Action.Options, v.Words.action(a))
			}
			v.entity.Options = []string{all}
			for _, e := range entities {
				v.entity.Options = append(v.entity.Options, v.Words.entity(e))
			}
			v.Person.Refresh()
			v.Action.Refresh()
			v.entity.Refresh()
			v.reload()
		})
	})
}

// filter reads the filter controls; a date that does not parse is an
// error naming the field.
func (v *AuditLogView) filter() (store.AuditFilter, error) {
	f := store.AuditFilter{Limit: auditLogLimit}
	if i := v.Person.SelectedIndex(); i > 0 && i-1 < len(v.People) {
		f.Username = v.People[i-1]
	}
	if i := v.Action.SelectedIndex(); i > 0 && i-1 < len(v.actions) {
		f.Action = v.actions[i-1]
	}
	if i := v.entity.SelectedIndex(); i > 0 && i-1 < len(v.entities) {
		f.Entity = v.entities[i-1]
	}
	day := func(e *widget.Entry, field string) (time.Time, error) {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			return time.Time{}, nil
		}
		d, err := models.ParseDate(s)
		if err != nil {
			return time.Time{}, errors.New(i18n.T("auditlog.bad_date", map[string]any{"Field": i18n.T(field), "Value": s}))
		}
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.Local), nil
	}
	var err error
	if f.From, err = day(v.From, "field.from"); err != nil {
		return f, err
	}
	if f.To, err = day(v.To, "field.to"); err != nil {
		return f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the To day is included
	}
	return f, nil
}

// reload loads the rows of the current filter off the UI thread.
func (v *AuditLogView) reload() {
	if v.table == nil || v.Status == nil {
		return
	}
	f, err := v.filter()
	if err != nil {
		v.Status.SetText(err.Error())
		return
	}
	v.seq++
	seq := v.seq
	ctx := widgets.OrBackground(v.ctx)
	widgets.GoWork(func() {
		rows, err := v.st.AuditLog(ctx, v.actor, f)
		widgets.OnMain(func() {
			if seq != v.seq || widgets.LeftScreen(ctx, err) {
				return
			}
			if err != nil {
				slog.Error("audit log", "err", err)
				v.Status.SetText(widgets.RawMessage(err))
				return
			}
			v.Rows = rows
			msg := i18n.Plural("auditlog.count", len(rows), nil)
			if len(rows) >= auditLogLimit {
				msg = i18n.Plural("auditlog.count_limited", len(rows), nil)
			}
			v.Status.SetText(msg)
			v.table.UnselectAll()
			v.table.Refresh()
		})
	})
}

// onSelected shows the whole description of a change.
func (v *AuditLogView) onSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(v.Rows) {
		return
	}
	r := v.Rows[id.Row]
	text := strings.Join([]string{v.Words.Cell(r, 0), v.Words.Cell(r, 1), v.Words.Cell(r, 2), v.Words.Cell(r, 3), ""}, "\n") +
		strings.ReplaceAll(v.Words.Describe(r), "; ", "\n")
	l := widgets.NewWrapLabel(text)
	scroll := container.NewVScroll(l)
	scroll.SetMinSize(fyne.NewSize(520, 300))
	dialog.ShowCustom(i18n.T("settings.audit_log"), i18n.T("action.close"), scroll, v.win)
}

// onExport saves the changes the filters select (every one, not only the
// rows shown) as CSV or XLSX: the columns of `sullam export audit-log` and
// the plain-language description.
func (v *AuditLogView) onExport(d widgets.Deps, format string) {
	f, err := v.filter()
	if err != nil {
		v.Status.SetText(err.Error())
		return
	}
	st, a, cw := v.st, v.actor, v.Words
	widgets.SaveFile(d, "audit-log."+format, func(w io.Writer) error {
		header := append(slices.Clone(tables.AuditLogHeader), "description")
		var rows [][]string
		err := st.EachAuditLogWhere(widgets.OrBackground(d.Ctx), a, f, func(r models.AuditLog) error {
			rows = append(rows, []string{strconv.FormatUint(uint64(r.ID), 10), r.At.UTC().Format(time.RFC3339),
				r.Username, r.Action, r.Entity, r.EntityKey, r.Old, r.New, cw.Describe(r)})
			return nil
		})
		if err != nil {
			return err
		}
		return widgets.WriteTable(w, format, "audit-log", header, rows)
	})
}
