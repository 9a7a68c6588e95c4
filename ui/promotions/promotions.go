package promotions

import (
	"context"
	"log/slog"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/report"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// PromotionsScreen is the promotion board: readiness of every active agent
// below the top of the ladder as of a date, sorted and filtered, with the
// manager's decisions and exports.
type PromotionsScreen struct {
	// st reads the board; dec records decisions (the same store, narrowed).
	st    report.Source
	dec   promotionDecider
	win   fyne.Window
	actor store.Actor
	today models.Date
	tr    report.Translator

	asOf      models.Date
	all, Rows []report.BoardRow
	sortCol   int
	sortDesc  bool

	dateEntry *widget.Entry
	Search    *widget.Entry
	teamSel   *widgets.DataSelect
	supSel    *widgets.DataSelect
	statusSel *widget.Select
	progress  *widget.ProgressBarInfinite
	summary   *widget.Label
	table     *widget.Table
	// shown are the report columns the table shows, in report order: all
	// of them when the window is wide enough, else without the least
	// important ones (see boardHideOrder).
	shown      []int
	ExportXLSX *widget.Button
	ExportPDF  *widget.Button
	// saveAs, when set, chooses where an export is saved (Deps.SaveAs).
	saveAs widgets.SaveAsFunc
	// writeBoard writes the exports; nil: the report package (tests hold
	// an export midway through it).
	writeBoard boardWriter
	// ctx is the screen's context (Deps.Ctx): leaving the screen cancels
	// the board's load.
	ctx context.Context
}

// promotionDecider is the decision part of the store.
type promotionDecider interface {
	DecidePromotion(ctx context.Context, a store.Actor, agentID uint, toRole string, effective models.Date, reason string) (models.Promotion, error)
	KeepInRole(ctx context.Context, a store.Actor, agentID uint, reason string) (models.Promotion, error)
	PromotionHistory(ctx context.Context, a store.Actor, agentID uint) ([]models.Promotion, error)
}

// NewPromotionsScreen builds the promotions area.
func NewPromotionsScreen(d widgets.Deps) *PromotionsScreen {
	var src report.Source = widgets.EvalAreas(d.Store)
	if d.Board != nil {
		src = d.Board
	}
	s := newPromotionsScreen(src, d.Store.Evaluations(), d.Win, d.Actor, models.DateOf(d.Store.Now()))
	s.saveAs = d.SaveAs
	s.ctx = d.Ctx
	s.tr = s.tr.WithHijri(d.HijriOn())
	return s
}

func newPromotionsScreen(st report.Source, dec promotionDecider, w fyne.Window, a store.Actor, today models.Date) *PromotionsScreen {
	tr := i18n.Tr() // the window's language and digits
	return &PromotionsScreen{st: st, dec: dec, win: w, actor: a, today: today, asOf: today, tr: tr, sortCol: -1}
}

// Content returns the area's widget tree; the board loads off the UI thread.
func (s *PromotionsScreen) Content() fyne.CanvasObject {
	s.dateEntry = widgets.WithCalendar(widget.NewEntry())
	s.dateEntry.SetText(s.asOf.String())
	s.dateEntry.SetPlaceHolder("YYYY-MM-DD")
	s.dateEntry.OnSubmitted = func(string) { s.onDateChanged() }
	show := widget.NewButton(i18n.T("promotions.show"), s.onDateChanged)
	s.Search = widget.NewEntry()
	s.Search.SetPlaceHolder(i18n.T("promotions.search"))
	s.Search.OnChanged = func(string) { s.onFilterChanged() }
	all := i18n.T("promotions.all")
	s.teamSel = widgets.NewDataSelect([]string{all}, func(string) { s.onFilterChanged() })
	s.supSel = widgets.NewDataSelect([]string{all}, func(string) { s.onFilterChanged() })
	statuses := []string{all}
	for _, st := range widgets.BoardStatuses {
		statuses = append(statuses, i18n.T("readiness."+string(st)))
	}
	s.statusSel = widget.NewSelect(statuses, func(string) { s.onFilterChanged() })
	s.teamSel.SetSelectedIndex(0)
	s.supSel.SetSelectedIndex(0)
	s.statusSel.SetSelectedIndex(0)
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.summary = widgets.Label("")
	s.ExportXLSX = widget.NewButton(i18n.Display(i18n.T("promotions.export_xlsx")), func() { s.onExport("xlsx") })
	s.ExportPDF = widget.NewButton(i18n.Display(i18n.T("promotions.export_pdf")), func() { s.onExport("pdf") })

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.Rows), len(s.shown) },
		func() fyne.CanvasObject { return widgets.NewCellLabel("placeholder text") },
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	s.table.UpdateHeader = s.updateHeader
	s.table.OnSelected = s.onSelected
	s.showColumns(allBoardColumns())

	dateBox := container.NewHBox(widget.NewLabel(i18n.T("promotions.as_of")), container.NewGridWrap(fyne.NewSize(130, 36), s.dateEntry), show)
	filterParts := []fyne.CanvasObject{
		widget.NewLabel(i18n.T("report.team")), s.teamSel,
		widget.NewLabel(i18n.T("report.supervisor")), s.supSel,
		widget.NewLabel(i18n.T("report.status")), s.statusSel}
	if i18n.IsRTL() {
		for i, j := 0, len(filterParts)-1; i < j; i, j = i+1, j-1 {
			filterParts[i], filterParts[j] = filterParts[j], filterParts[i]
		}
		filterParts = append([]fyne.CanvasObject{layout.NewSpacer()}, filterParts...)
	}
	filters := container.NewHBox(filterParts...)
	top := container.NewVBox(
		widgets.Heading(i18n.T("promotions.title")),
		container.NewBorder(nil, nil, dateBox, container.NewHBox(s.ExportXLSX, s.ExportPDF), s.Search),
		filters,
		container.NewBorder(nil, nil, nil, nil, container.NewStack(s.summary, s.progress)),
	)
	widgets.GoWork(func() { s.load() })
	return container.NewBorder(top, nil, nil, nil, container.New(&boardFit{s: s}, widgets.ReadingTable(s.table)))
}

// boardColumn is one column of the board: its width in the window.
type boardColumn struct{ width float32 }

// BoardColumns follow report.BoardHeader.
var BoardColumns = []boardColumn{{90}, {150}, {110}, {150}, {160}, {70}, {120}, {190}, {120}, {215}}

// boardHideOrder is the order in which the board's columns hide when the
// table is narrower than all of them (report columns, first hidden first):
// the role (the same for most agents), the counted years (the years in role
// say most of it), the team (also a filter), overdue (also in the status's
// words and the summary) and the employee number (the name identifies the
// agent, and the search finds either). The key columns never hide: name,
// status, years in role, cumulative average and what is needed next year;
// they fit a 1366×768 window in either language. The PDF and XLSX exports
// always have every column.
var boardHideOrder = []int{3, 7, 2, 5, 0}

// boardScrollBar is room kept beside the columns for the vertical scroll bar.
const boardScrollBar = 16

// allBoardColumns lists every report column, in report order.
func allBoardColumns() []int {
	out := make([]int, len(BoardColumns))
	for i := range out {
		out[i] = i
	}
	return out
}

// FitBoardColumns returns the report columns that fit width: every column
// when they all fit, else without the first columns of boardHideOrder,
// one at a time, until the rest fits (the key columns stay even if not).
func FitBoardColumns(width float32) []int {
	hidden := map[int]bool{}
	total := float32(0)
	for _, c := range BoardColumns {
		total += c.width
	}
	for _, c := range boardHideOrder {
		if total+boardScrollBar <= width {
			break
		}
		hidden[c] = true
		total -= BoardColumns[c].width
	}
	var out []int
	for i := range BoardColumns {
		if !hidden[i] {
			out = append(out, i)
		}
	}
	return out
}

// showColumns makes the table show the report columns cols (report order)
// with their widths; it does nothing when those are shown already.
func (s *PromotionsScreen) showColumns(cols []int) {
	if slices.Equal(cols, s.shown) {
		return
	}
	s.shown = cols
	for i := range cols {
		s.table.SetColumnWidth(i, BoardColumns[s.logical(i)].width)
	}
	s.table.Refresh()
}

// boardFit lays the board's table out over the whole room it is given, and
// first chooses the columns that fit that width (fitBoardColumns).
type boardFit struct{ s *PromotionsScreen }

// Layout fits the columns to the width, then gives the table all the room.
func (l *boardFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.s.showColumns(FitBoardColumns(size.Width))
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the table's own (small: it scrolls).
func (l *boardFit) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

// logical maps a displayed column to its report column: mirrored in Arabic
// so the first column is on the right, and skipping the hidden columns.
func (s *PromotionsScreen) logical(col int) int {
	return s.shown[widgets.AgCol(col, len(s.shown))]
}

func (s *PromotionsScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widgets.WrapLabel) // cut at the logical end, then ordered: a date stays whole
	if id.Row >= len(s.Rows) || id.Col >= len(s.shown) {
		l.SetText("")
		return
	}
	c := s.logical(id.Col)
	l.SetText(report.BoardCells(s.tr, s.Rows[id.Row])[c])
}

func (s *PromotionsScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Row >= 0 || id.Col < 0 || id.Col >= len(s.shown) {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	c := s.logical(id.Col)
	text := report.BoardHeader(s.tr)[c]
	if c == s.sortCol {
		if s.sortDesc {
			text += " ▼"
		} else {
			text += " ▲"
		}
	}
	b.SetText(i18n.Display(text))
	b.OnTapped = func() { s.onSort(c) }
}

// onDateChanged reloads the board as of the date typed.
func (s *PromotionsScreen) onDateChanged() {
	d, err := models.ParseDate(strings.TrimSpace(s.dateEntry.Text))
	if err != nil {
		s.summary.SetText(i18n.Display(i18n.T("promotions.bad_date")))
		return
	}
	s.asOf = d
	widgets.GoWork(func() { s.load() })
}

// load reads the board off the UI thread and applies it with fyne.Do.
func (s *PromotionsScreen) load() {
	widgets.OnMain(func() {
		s.progress.Show()
		s.progress.Start()
		s.summary.SetText("")
	})
	asOf := s.asOf
	ctx := widgets.OrBackground(s.ctx)
	rows, err := report.LoadBoard(ctx, s.st, s.actor, s.tr, asOf)
	widgets.OnMain(func() {
		s.progress.Stop()
		s.progress.Hide()
		if widgets.LeftScreen(ctx, err) {
			return // the user left the board: nobody to show it to
		}
		if err != nil {
			slog.Error("promotion board", "err", err)
			s.summary.SetText(widgets.UserMessage(err))
			return
		}
		s.all = rows
		s.fillFilters()
		s.apply()
	})
}

// fillFilters offers the teams and supervisors present on the board.
func (s *PromotionsScreen) fillFilters() {
	all := i18n.T("promotions.all")
	teams, sups := map[string]bool{}, map[string]bool{}
	for _, r := range s.all {
		if r.Team != "" {
			teams[r.Team] = true
		}
		if r.Supervisor != "" {
			sups[r.Supervisor] = true
		}
	}
	s.teamSel.SetValues(append([]string{all}, sortedKeys(teams)...))
	s.supSel.SetValues(append([]string{all}, sortedKeys(sups)...))
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// onFilterChanged applies the search and the filters.
func (s *PromotionsScreen) onFilterChanged() {
	if s.table != nil {
		s.apply()
	}
}

// onSort sorts by a report column; tapping it again reverses the order.
func (s *PromotionsScreen) onSort(col int) {
	if s.sortCol == col {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = col, false
	}
	s.apply()
}

// apply filters and sorts the loaded board into the table.
func (s *PromotionsScreen) apply() {
	q := strings.ToLower(strings.TrimSpace(models.LatinDigits(s.Search.Text)))
	var status models.ReadinessStatus
	if i := s.statusSel.SelectedIndex(); i > 0 {
		status = widgets.BoardStatuses[i-1]
	}
	team, sup := "", ""
	if s.teamSel.SelectedIndex() > 0 {
		team = s.teamSel.Value()
	}
	if s.supSel.SelectedIndex() > 0 {
		sup = s.supSel.Value()
	}
	s.Rows = filterBoard(s.all, q, team, sup, status)
	if s.sortCol >= 0 {
		sortBoard(s.Rows, s.sortCol, s.sortDesc)
	}
	ready, overdue := 0, 0
	for _, r := range s.Rows {
		if r.Readiness.Status == models.Ready {
			ready++
		}
		if r.Readiness.Overdue {
			overdue++
		}
	}
	s.summary.SetText(i18n.Display(i18n.Plural("promotions.summary", len(s.Rows), map[string]any{"Count": len(s.Rows), "Ready": ready, "Overdue": overdue})))
	s.table.Refresh()
	if i18n.IsRTL() && len(s.Rows) > 0 {
		// The first columns are on the right: start the view there.
		s.table.ScrollTo(widget.TableCellID{Row: 0, Col: len(s.shown) - 1})
	}
}

// filterBoard keeps the rows matching the search (name or number), team,
// supervisor and status ("" = any).
func filterBoard(rows []report.BoardRow, q, team, sup string, status models.ReadinessStatus) []report.BoardRow {
	out := make([]report.BoardRow, 0, len(rows))
	for _, r := range rows {
		if q != "" && !strings.Contains(strings.ToLower(r.FullName), q) && !strings.Contains(strings.ToLower(r.EmployeeNo), q) {
			continue
		}
		if (team != "" && r.Team != team) || (sup != "" && r.Supervisor != sup) || (status != "" && r.Readiness.Status != status) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// sortBoard sorts rows by a report column: numbers as numbers, statuses in
// the spec's order, text by its value; ties by employee number.
func sortBoard(rows []report.BoardRow, col int, desc bool) {
	key := func(r report.BoardRow) (float64, string) {
		rd := r.Readiness
		switch col {
		case 0:
			return 0, r.EmployeeNo
		case 1:
			return 0, r.FullName
		case 2:
			return 0, r.Team
		case 3:
			return 0, r.RoleName
		case 4:
			for i, st := range widgets.BoardStatuses {
				if st == rd.Status {
					return float64(i), ""
				}
			}
		case 5:
			if rd.Overdue {
				return 1, ""
			}
		case 6:
			return float64(rd.YearsInRole), ""
		case 7:
			return float64(rd.CountedYears()), ""
		case 8:
			if rd.HasCumulative {
				return float64(rd.Cumulative), ""
			}
			return -1, ""
		case 9:
			if rd.HasRequiredNext {
				return float64(rd.RequiredNext), ""
			}
			return -1, ""
		}
		return 0, ""
	}
	sort.SliceStable(rows, func(i, j int) bool {
		ni, si := key(rows[i])
		nj, sj := key(rows[j])
		less, equal := ni < nj, ni == nj
		if equal {
			less, equal = si < sj, si == sj
		}
		if equal {
			return rows[i].EmployeeNo < rows[j].EmployeeNo
		}
		return less != desc
	})
}

// onSelected opens the agent's decision dialog.
func (s *PromotionsScreen) onSelected(id widget.TableCellID) {
	s.table.UnselectAll()
	if id.Row < 0 || id.Row >= len(s.Rows) {
		return
	}
	s.showDecision(s.Rows[id.Row])
}
