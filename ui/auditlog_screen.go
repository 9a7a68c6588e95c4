package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/assets"
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

// auditLogView is the readable change history: who changed what, when, in
// plain words, with filters by person, date range and kind of change, and
// an export of what the filters select.
type auditLogView struct {
	st     auditLogStore
	win    fyne.Window
	actor  store.Actor
	saveAs widgets.SaveAsFunc
	// ctx is the screen's context: leaving the screen cancels the loads
	// and an export under way.
	ctx context.Context

	person, action, entity *widget.Select
	from, to               *widget.Entry
	apply                  *widget.Button
	status                 *widgets.WrapLabel
	table                  *widget.Table

	rows                      []models.AuditLog
	people, actions, entities []string
	seq                       int // the latest load; older answers are dropped
	words                     changeWords
}

func newAuditLogView(st auditLogStore, win fyne.Window, a store.Actor, saveAs widgets.SaveAsFunc) *auditLogView {
	return &auditLogView{st: st, win: win, actor: a, saveAs: saveAs, words: newChangeWords()}
}

// content builds the view and starts loading its choices and rows.
func (v *auditLogView) content() fyne.CanvasObject {
	all := i18n.T("common.all")
	v.person = widget.NewSelect([]string{all}, func(string) { v.reload() })
	v.action = widget.NewSelect([]string{all}, func(string) { v.reload() })
	v.entity = widget.NewSelect([]string{all}, func(string) { v.reload() })
	for _, s := range []*widget.Select{v.person, v.action, v.entity} {
		s.SetSelectedIndex(0)
	}
	v.from, v.to = widgets.WithCalendar(widget.NewEntry()), widgets.WithCalendar(widget.NewEntry())
	v.from.SetPlaceHolder(i18n.T("field.from"))
	v.to.SetPlaceHolder(i18n.T("field.to"))
	v.apply = widget.NewButton(i18n.T("auditlog.apply"), v.reload)
	v.status = widgets.NewWrapLabel("")

	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.rows), len(auditLogColumns) },
		func() fyne.CanvasObject { return widgets.NewCellLabel("") }, // cut, then ordered
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(v.rows) {
				o.(*widgets.WrapLabel).SetText(v.words.cell(v.rows[id.Row], widgets.AgCol(id.Col, len(auditLogColumns))))
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
		widgets.Labelled(i18n.T("auditlog.col.who"), v.person),
		widgets.Labelled(i18n.T("auditlog.col.what"), v.action),
		widgets.Labelled(i18n.T("auditlog.col.on"), v.entity),
		widgets.Labelled(i18n.T("field.from"), v.from),
		widgets.Labelled(i18n.T("field.to"), v.to)}
	if i18n.IsRTL() { // the first filter on the reading side
		slices.Reverse(cells)
	}
	filters := container.NewGridWithColumns(5, cells...)
	hint := widget.NewLabelWithStyle(i18n.T("settings.audit_hint"), widgets.ReadingEdge(), fyne.TextStyle{})
	top := container.NewVBox(hint, filters, widgets.ActionRow(v.apply, csvBtn, xlsxBtn), v.status)
	v.loadChoices()
	return container.NewBorder(top, nil, nil, nil, widgets.ReadingTable(v.table))
}

// loadChoices fills the person and kind filters, then loads the rows.
func (v *auditLogView) loadChoices() {
	ctx := widgets.OrBackground(v.ctx)
	widgets.GoWork(func() {
		people, actions, entities, err := v.st.AuditLogChoices(ctx, v.actor)
		widgets.OnMain(func() {
			if widgets.LeftScreen(ctx, err) {
				return
			}
			if err != nil {
				slog.Error("audit log choices", "err", err)
				v.status.SetText(widgets.RawMessage(err))
				return
			}
			v.people, v.actions, v.entities = people, actions, entities
			all := i18n.T("common.all")
			v.person.Options = []string{all}
			for _, p := range people {
				v.person.Options = append(v.person.Options, widgets.Cell(widgets.StoredName(p))) // options are drawn as they are
			}
			v.action.Options = []string{all}
			for _, a := range actions {
				v.action.Options = append(v.action.Options, v.words.action(a))
			}
			v.entity.Options = []string{all}
			for _, e := range entities {
				v.entity.Options = append(v.entity.Options, v.words.entity(e))
			}
			v.person.Refresh()
			v.action.Refresh()
			v.entity.Refresh()
			v.reload()
		})
	})
}

// filter reads the filter controls; a date that does not parse is an
// error naming the field.
func (v *auditLogView) filter() (store.AuditFilter, error) {
	f := store.AuditFilter{Limit: auditLogLimit}
	if i := v.person.SelectedIndex(); i > 0 && i-1 < len(v.people) {
		f.Username = v.people[i-1]
	}
	if i := v.action.SelectedIndex(); i > 0 && i-1 < len(v.actions) {
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
	if f.From, err = day(v.from, "field.from"); err != nil {
		return f, err
	}
	if f.To, err = day(v.to, "field.to"); err != nil {
		return f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the To day is included
	}
	return f, nil
}

// reload loads the rows of the current filter off the UI thread.
func (v *auditLogView) reload() {
	if v.table == nil || v.status == nil {
		return
	}
	f, err := v.filter()
	if err != nil {
		v.status.SetText(err.Error())
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
				v.status.SetText(widgets.RawMessage(err))
				return
			}
			v.rows = rows
			msg := i18n.Plural("auditlog.count", len(rows), nil)
			if len(rows) >= auditLogLimit {
				msg = i18n.Plural("auditlog.count_limited", len(rows), nil)
			}
			v.status.SetText(msg)
			v.table.UnselectAll()
			v.table.Refresh()
		})
	})
}

// onSelected shows the whole description of a change.
func (v *auditLogView) onSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(v.rows) {
		return
	}
	r := v.rows[id.Row]
	text := strings.Join([]string{v.words.cell(r, 0), v.words.cell(r, 1), v.words.cell(r, 2), v.words.cell(r, 3), ""}, "\n") +
		strings.ReplaceAll(v.words.describe(r), "; ", "\n")
	l := widgets.NewWrapLabel(text)
	scroll := container.NewVScroll(l)
	scroll.SetMinSize(fyne.NewSize(520, 300))
	dialog.ShowCustom(i18n.T("settings.audit_log"), i18n.T("action.close"), scroll, v.win)
}

// onExport saves the changes the filters select (every one, not only the
// rows shown) as CSV or XLSX: the columns of `sullam export audit-log` and
// the plain-language description.
func (v *auditLogView) onExport(d widgets.Deps, format string) {
	f, err := v.filter()
	if err != nil {
		v.status.SetText(err.Error())
		return
	}
	st, a, cw := v.st, v.actor, v.words
	widgets.SaveFile(d, "audit-log."+format, func(w io.Writer) error {
		header := append(slices.Clone(tables.AuditLogHeader), "description")
		var rows [][]string
		err := st.EachAuditLogWhere(widgets.OrBackground(d.Ctx), a, f, func(r models.AuditLog) error {
			rows = append(rows, []string{strconv.FormatUint(uint64(r.ID), 10), r.At.UTC().Format(time.RFC3339),
				r.Username, r.Action, r.Entity, r.EntityKey, r.Old, r.New, cw.describe(r)})
			return nil
		})
		if err != nil {
			return err
		}
		return widgets.WriteTable(w, format, "audit-log", header, rows)
	})
}

// cell is the text of one column of a change.
func (cw changeWords) cell(r models.AuditLog, col int) string {
	switch col {
	case 0:
		return r.At.Local().Format("2006-01-02 15:04")
	case 1:
		return widgets.StoredName(r.Username)
	case 2:
		return cw.action(r.Action)
	case 3:
		on := cw.entity(r.Entity)
		if r.EntityKey != "" {
			on += " " + widgets.StoredText(r.EntityKey)
		}
		return on
	case 4:
		return cw.describe(r)
	}
	return ""
}

// changeWords puts audit-log entries into words; it knows which
// translation keys exist, so a field or kind without one shows as stored.
type changeWords struct{ known map[string]bool }

// newChangeWords reads the translation keys (en.json and ar.json hold the
// same keys, a test checks it).
func newChangeWords() changeWords {
	known := map[string]bool{}
	data, err := assets.Translations.ReadFile("translations/en.json")
	if err == nil {
		var m map[string]any
		if err = json.Unmarshal(data, &m); err == nil {
			for k := range m {
				known[k] = true
			}
		}
	}
	if err != nil {
		slog.Error("read translation keys", "err", err)
	}
	return changeWords{known: known}
}

// translatedOr is the translation of key, or fallback when there is none.
func (cw changeWords) translatedOr(key, fallback string) string {
	if !cw.known[key] {
		return fallback
	}
	return i18n.T(key)
}

// action is the kind of change in words (create → Created).
func (cw changeWords) action(action string) string {
	return cw.translatedOr("auditlog.action."+action, action)
}

// entity is the kind of record in words (weekly_report → Weekly report).
func (cw changeWords) entity(entity string) string {
	return cw.translatedOr("auditlog.entity."+entity, entity)
}

// field is a field's name in words: its audit-log translation,
// else the form's, else the name as stored.
func (cw changeWords) field(name string) string {
	if t := cw.translatedOr("auditlog.field."+name, ""); t != "" {
		return t
	}
	return cw.translatedOr("field."+name, name)
}

// describe says in plain words what a change did: the fields changed,
// old → new, for an update; the values given for a creation; the names of
// the fields changed where the log keeps no values (a candidate's).
func (cw changeWords) describe(r models.AuditLog) string {
	if r.Action == "denied" {
		return i18n.T("auditlog.desc.denied")
	}
	oldM, okOld := jsonObject(r.Old)
	newM, okNew := jsonObject(r.New)
	if okNew {
		if names, ok := newM["changed"].([]any); ok {
			fields := make([]string, 0, len(names))
			for _, n := range names {
				fields = append(fields, cw.field(fmt.Sprint(n)))
			}
			return i18n.T("auditlog.desc.fields_changed", map[string]any{"Fields": strings.Join(fields, ", ")})
		}
	}
	var parts []string
	switch {
	case okOld && okNew:
		for _, k := range unionKeys(oldM, newM) {
			o, n := oldM[k], newM[k]
			if reflect.DeepEqual(o, n) {
				continue
			}
			parts = append(parts, cw.field(k)+": "+cw.value(k, o)+" → "+cw.value(k, n))
		}
		if len(parts) == 0 {
			return i18n.T("auditlog.desc.no_change")
		}
	case okNew || okOld:
		m := newM
		if !okNew {
			m = oldM
		}
		for _, k := range unionKeys(m, nil) {
			if isEmptyJSON(m[k]) {
				continue
			}
			parts = append(parts, cw.field(k)+": "+cw.value(k, m[k]))
		}
	default:
		switch {
		case r.Old != "" && r.New != "":
			return widgets.Clip(r.Old, 60) + " → " + widgets.Clip(r.New, 60)
		case r.New != "":
			return widgets.Clip(r.New, 120)
		default:
			return widgets.Clip(r.Old, 120)
		}
	}
	sep := "; "
	if i18n.IsRTL() {
		sep = "؛ " // the Arabic semicolon
	}
	return strings.Join(parts, sep)
}

// jsonObject decodes s when it is a JSON object.
func jsonObject(s string) (map[string]any, bool) {
	if !strings.HasPrefix(strings.TrimSpace(s), "{") {
		return nil, false
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, false
	}
	return m, true
}

// unionKeys is the union of the keys of a and b, sorted.
func unionKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	return keys
}

func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	}
	return false
}

// codeFields are the logged fields that hold a code of the program's own,
// with the translation-key prefixes that put it in words.
var codeFields = map[string][]string{
	"status":         {"agent.status.", "attendance.status."},
	"stage":          {"stage."},
	"from":           {"stage."},
	"to":             {"stage."},
	"channel":        {"channel."},
	"recommendation": {"recommendation."},
}

// value is a logged value of field k in words: yes or no for a flag, a
// list joined in the language's way (roles by their names), stored codes
// the app wrote itself (an import's "demo") in words, the rest as
// auditValue says.
func (cw changeWords) value(k string, v any) string {
	switch x := v.(type) {
	case bool:
		if x {
			return i18n.T("common.yes")
		}
		return i18n.T("common.no")
	case string:
		for _, prefix := range codeFields[k] {
			if cw.known[prefix+x] {
				return i18n.T(prefix + x)
			}
		}
		return auditValue(widgets.StoredText(x))
	case []any:
		items := make([]string, 0, len(x))
		for _, it := range x {
			s := fmt.Sprint(it)
			if k == "roles" {
				s = cw.translatedOr("role."+s, s)
			}
			items = append(items, s)
		}
		return widgets.Clip(widgets.JoinList(items), 60)
	}
	return auditValue(v)
}

// auditValue is a logged value in words: "—" for none, text as it is,
// lists and objects as compact JSON, each clipped.
func auditValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		if x == "" {
			return "—"
		}
		return widgets.Clip(x, 40)
	case bool, float64:
		return fmt.Sprint(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return widgets.Clip(fmt.Sprint(v), 40)
	}
	return widgets.Clip(string(b), 40)
}
