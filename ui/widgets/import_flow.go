package widgets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
)

// importMaxFile bounds the size of a file chosen for import (the command
// line has the same limit).
const importMaxFile = 512 << 20

// importPreviewRows is how many rows of a file the import preview shows.
const importPreviewRows = 10

// importFeedChunk is the number of parsed weekly rows handed to the store's
// streamed import at a time (its progress moves a chunk at a time).
const importFeedChunk = 5000

// ImportStore is what the import dialog needs of the store: the import of
// each kind, and the code columns of the review template (the audit
// template's items come from the store's Work area). The store checks the
// actor's right to each import (and its team scope).
type ImportStore interface {
	ImportAgents(a store.Actor, src store.ImportSource, rows []models.AgentRow) (models.ImportResult, error)
	ImportAttendance(a store.Actor, src store.ImportSource, rows []models.AttendanceRow, progress func(done, total int)) (models.ImportResult, error)
	ImportAudits(a store.Actor, src store.ImportSource, rows []models.AuditRow) (models.ImportResult, error)
	ImportWeeklyStream(a store.Actor, src store.ImportSource, feed store.Feed[models.WeeklyRow], progress func(done, total int)) (models.ImportResult, error)
	ImportReviews(a store.Actor, src store.ImportSource, rows []models.ReviewRow) (models.ImportResult, error)
	ImportCandidates(a store.Actor, src store.ImportSource, rows []models.CandidateRow) (models.ImportResult, error)
	ImportJobs(a store.Actor, src store.ImportSource, rows []models.JobRow) (models.ImportResult, error)
	ImportQuestions(a store.Actor, src store.ImportSource, rows []models.QuestionRow) (models.ImportResult, error)
	Competencies(ctx context.Context) ([]models.Competency, error)
}

// OpenFileFunc asks the user for a file to read, offering those whose names
// end in one of exts (".csv", ".xlsx"), and calls done with its name and
// content on the UI goroutine. It does not call done when the user cancels
// or the file cannot be read (it says why).
type OpenFileFunc func(win fyne.Window, exts []string, done func(name string, data []byte))

// dialogOpenFile is the default OpenFileFunc: Fyne's open dialog, the file
// read up to importMaxFile.
func dialogOpenFile(win fyne.Window, exts []string, done func(name string, data []byte)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, importMaxFile+1))
		if err == nil && len(data) > importMaxFile {
			err = models.Invalid("import.err.file_too_large", map[string]any{"MiB": importMaxFile >> 20}, "%s: the file is larger than %d MiB", r.URI().Name(), importMaxFile>>20)
		}
		if err != nil {
			slog.Error("open import file", "file", r.URI().Name(), "err", err)
			dialog.ShowError(errors.New(UserMessage(err)), win)
			return
		}
		done(r.URI().Name(), data)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// openFile asks for a file with the deps' OpenFile, or the system dialog.
func (d Deps) openFile(exts []string, done func(name string, data []byte)) {
	if d.OpenFile != nil {
		d.OpenFile(d.Win, exts, done)
		return
	}
	dialogOpenFile(d.Win, exts, done)
}

// importStore returns the store imports go through: the deps' Imports when
// set, else the store.
func (d Deps) importStore() ImportStore {
	if d.Imports != nil {
		return d.Imports
	}
	return ImportsOf(d.Store)
}

// ImportsOf returns the imports of a store (see storeImports).
func ImportsOf(st *store.Store) ImportStore { return storeImports{st, st.Recruitment()} }

// storeImports is the store's imports: those of the evaluation data on the
// store, those of the recruitment data on its recruitment area.
type storeImports struct {
	*store.Store
	*store.Recruitment
}

// importOps is the store operation each import kind needs.
var importOps = map[models.ImportKind]store.Op{
	models.KindAgents:     store.OpEditAgents,
	models.KindAttendance: store.OpEditAttendance,
	models.KindAudits:     store.OpEnterAudits,
	models.KindWeekly:     store.OpImportWeekly,
	models.KindReviews:    store.OpWriteReview,
	models.KindCandidates: store.OpManageCandidates,
	models.KindJobs:       store.OpManageJobs,
	models.KindQuestions:  store.OpManageQuestions,
}

// canImport reports whether a may import files of kind at all (the store
// still checks it, and the scope of each row).
func canImport(a store.Actor, kind models.ImportKind) bool {
	op, ok := importOps[kind]
	return ok && a.Can(op)
}

// ImportButtonKey is the translation key of the button that imports kind.
func ImportButtonKey(kind models.ImportKind) string {
	switch kind {
	case models.KindAgents:
		return "agent.import"
	case models.KindAttendance:
		return "attendance.import"
	}
	return "import.button." + string(kind)
}

// ImportButtonList returns the "Import …" and "Download template" buttons
// of kind, the import first, or nil when the signed-in user may not import
// it. onDone, when not nil, runs after a file was imported.
func ImportButtonList(d Deps, kind models.ImportKind, onDone func()) []fyne.CanvasObject {
	if !canImport(d.Actor, kind) || (d.Store == nil && d.Imports == nil) {
		return nil
	}
	imp := widget.NewButton(i18n.T(ImportButtonKey(kind)), func() { newImportFlow(d, kind, onDone).start() })
	tpl := widget.NewButton(i18n.T("import.template"), func() { downloadTemplate(d, kind) })
	return []fyne.CanvasObject{imp, tpl}
}

// ImportButtons returns importButtonList as a row from the reading edge
// (the right in Arabic), or nil.
func ImportButtons(d Deps, kind models.ImportKind, onDone func()) fyne.CanvasObject {
	l := ImportButtonList(d, kind, onDone)
	if l == nil {
		return nil
	}
	return ActionRow(l...)
}

// NewImportTab is a tab holding only the import of kind: for a role that
// imports a kind without working on it in another screen (HR and weekly
// reports).
func NewImportTab(d Deps, kind models.ImportKind) fyne.CanvasObject {
	box := container.NewVBox(Heading(i18n.T("import.title_"+string(kind))), Para(i18n.T("import.tab_hint."+string(kind))))
	if b := ImportButtons(d, kind, nil); b != nil {
		box.Add(b)
	}
	return container.NewVScroll(box)
}

// downloadTemplate asks where to save kind's empty template and writes it
// in the user's language: the audit template has the items of an audit
// form (the user picks it when there are several), the review template the
// active competencies.
func downloadTemplate(d Deps, kind models.ImportKind) {
	st := d.importStore()
	write := func(codes []string, suffix string) {
		SaveFile(d, "template-"+string(kind)+suffix+".xlsx", func(w io.Writer) error {
			return importer.WriteTemplate(w, kind, i18n.Current(), codes)
		})
	}
	switch kind {
	case models.KindReviews:
		GoWork(func() {
			comps, err := st.Competencies(context.Background())
			OnMain(func() {
				if err != nil {
					dialog.ShowError(errors.New(UserMessage(err)), d.Win)
					return
				}
				codes := make([]string, len(comps))
				for i, c := range comps {
					codes[i] = c.Code
				}
				write(codes, "")
			})
		})
	case models.KindAudits:
		GoWork(func() {
			forms, err := d.Store.Work().LatestForms(context.Background(), d.Actor)
			OnMain(func() {
				switch {
				case err != nil:
					dialog.ShowError(errors.New(UserMessage(err)), d.Win)
				case len(forms) == 0:
					dialog.ShowError(errors.New(i18n.Display(i18n.T("import.template_no_form"))), d.Win)
				case len(forms) == 1:
					write(FormCodes(forms[0]), "-"+forms[0].Code)
				default:
					pickForm(d, forms, func(f models.AuditForm) { write(FormCodes(f), "-"+f.Code) })
				}
			})
		})
	default:
		write(nil, "")
	}
}

// FormCodes returns the item codes of an audit form, in its order.
func FormCodes(f models.AuditForm) []string {
	codes := make([]string, len(f.Items))
	for i, it := range f.Items {
		codes[i] = it.Code
	}
	return codes
}

// pickForm asks which audit form the template is for.
func pickForm(d Deps, forms []models.AuditForm, done func(models.AuditForm)) {
	names := make([]string, len(forms))
	for i, f := range forms {
		names[i] = FormLabel(f)
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelectedIndex(0)
	dialog.ShowForm(i18n.T("import.template"), i18n.T("import.template_save"), i18n.T("action.cancel"),
		[]*widget.FormItem{widget.NewFormItem(i18n.T("import.template_form"), sel)}, func(ok bool) {
			if ok && sel.SelectedIndex() >= 0 {
				done(forms[sel.SelectedIndex()])
			}
		}, d.Win)
}

// dateOrders are the choices of the dialog's date order, in its order: ""
// reads YYYY-MM-DD (and XLSX date cells) only, as the command line does
// without --date-order.
var dateOrders = []importer.DateOrder{"", importer.DMY, importer.MDY, importer.YMD}

// errorGroup is the bad rows with the same reason in the same column.
type errorGroup struct {
	Column, reason, First string // first: the value of the first row
	Lines                 []int
	err                   models.RowError // the first row's error
	// columnText and reasonText say column and reason in the user's
	// language (labelGroups); empty until then.
	columnText, reasonText string
}

// groupColumn returns the column as the window shows it.
func (g errorGroup) groupColumn() string {
	if g.columnText != "" {
		return g.columnText
	}
	return g.Column
}

// groupReason returns the reason as the window shows it.
func (g errorGroup) groupReason() string {
	if g.reasonText != "" {
		return g.reasonText
	}
	return g.reason
}

// labelGroups groups f's errors and says each group's column and reason
// in the user's language, the columns as the file's header wrote them.
func (f *importFlow) labelGroups() {
	f.groups = ErrorGroups(f.errs)
	labels := newColumnLabels(f.kind, f.table)
	for i := range f.groups {
		g := &f.groups[i]
		g.columnText = labels.label(g.Column)
		g.reasonText = messageText(g.err.Message(), labels.label)
	}
}

// importFlow is the import of one file of a kind: file dialog → preview of
// the first rows with the detected layout, a date-order choice (the file
// read again when it changes) and every error, grouped → import with a
// progress bar and Cancel (nothing written) → the counts, or the rows the
// store refused. The full list of errors can be saved as CSV.
type importFlow struct {
	d      Deps
	st     ImportStore
	kind   models.ImportKind
	onDone func()

	name  string
	data  []byte
	src   store.ImportSource
	order importer.DateOrder
	table *importer.Table
	rows  any
	errs  []models.RowError // every bad row, as read or as the store refused them
	// groups are errs grouped (errorGroups)
	groups  []errorGroup
	readErr error // why the file could not be read at all, or nil
	parses  int   // the latest reading of the file; older ones are dropped
	cancel  context.CancelFunc
	done    bool // imported: the dialog only shows the result now

	dlg        dialog.Dialog
	layout     *WrapLabel
	status     *WrapLabel
	detail     *widget.Label // the error group selected: where and how many
	reason     *WrapLabel    // its reason in full (the table cuts long ones), wrapped then ordered line by line
	orderSel   *widget.Select
	rowsTable  *widget.Table
	rowsView   *TableView // rowsTable's frame
	errTable   *widget.Table
	exportErrs *widget.Button
	importBt   *widget.Button
	cancelBt   *widget.Button
	bar        *widget.ProgressBar
}

// newImportFlow prepares the import of kind; onDone, when not nil, runs
// after a successful import.
func newImportFlow(d Deps, kind models.ImportKind, onDone func()) *importFlow {
	return &importFlow{d: d, st: d.importStore(), kind: kind, onDone: onDone}
}

// start asks for the file, then shows its preview.
func (f *importFlow) start() {
	f.d.openFile([]string{".csv", ".xlsx"}, f.open)
}

// open shows the dialog for the file chosen and reads it.
func (f *importFlow) open(name string, data []byte) {
	f.name, f.data = name, data
	f.src = store.ImportSource{File: name}
	f.build()
	f.dlg.Show()
	f.parse()
}

// parse reads the file as the kind with the chosen date order off the UI
// thread (a large file takes seconds), then shows the result: the layout,
// the first rows, the errors. Import waits for it.
func (f *importFlow) parse() {
	f.parses++
	seq, name, data, kind, order := f.parses, f.name, f.data, f.kind, f.order
	f.rows = nil
	f.importBt.Disable()
	f.status.SetText(i18n.T("import.reading"))
	needSum := f.src.SHA256 == ""
	GoWork(func() {
		var sum string
		if needSum {
			s := sha256.Sum256(data)
			sum = hex.EncodeToString(s[:])
		}
		var (
			rows any
			errs []models.RowError
		)
		t, err := importer.ReadTableWith(name, bytes.NewReader(data), int64(len(data)), importer.Options{Kind: kind, DateOrder: order})
		if err == nil {
			rows, errs = importer.Parse(kind, t)
		}
		OnMain(func() {
			if needSum {
				f.src.SHA256 = sum
			}
			if seq != f.parses {
				return // the date order changed meanwhile: a newer reading comes
			}
			f.table, f.rows, f.errs, f.readErr = t, rows, errs, err
			if err != nil {
				f.table = nil
			} else {
				// Header problems are reported on the header's own line.
				f.src.HeaderLine = t.HeaderLine
			}
			f.showParsed()
		})
	})
}

// previewRows returns the rows the preview shows.
func (f *importFlow) previewRows() []importer.Row {
	if f.table == nil {
		return nil
	}
	return f.table.Rows[:min(len(f.table.Rows), importPreviewRows)]
}

// build makes the dialog's widgets.
func (f *importFlow) build() {
	f.layout = Para("")
	f.status = Para("")
	labels := make([]string, len(dateOrders))
	for i, o := range dateOrders {
		if o == "" {
			o = "auto"
		}
		labels[i] = i18n.Display(i18n.T("import.date_order." + string(o)))
	}
	f.orderSel = widget.NewSelect(labels, nil)
	f.orderSel.SetSelectedIndex(0)
	f.orderSel.OnChanged = func(string) { f.onDateOrder() }

	f.rowsTable = widget.NewTableWithHeaders(
		func() (int, int) {
			if f.table == nil {
				return 0, 0
			}
			return len(f.previewRows()), len(f.table.Header)
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			rows := f.previewRows()
			if id.Row >= len(rows) {
				return
			}
			cells := rows[id.Row].Cells
			col := AgCol(id.Col, len(f.table.Header))
			txt := ""
			if col < len(cells) {
				txt = cells[col]
			}
			o.(*widget.Label).SetText(Cell(txt))
		})
	f.rowsTable.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		rows := f.previewRows()
		switch {
		case f.table == nil:
			l.SetText("")
		case id.Row < 0 && id.Col >= 0 && id.Col < len(f.table.Header):
			l.SetText(Cell(f.table.Header[AgCol(id.Col, len(f.table.Header))]))
		case id.Col < 0 && id.Row >= 0 && id.Row < len(rows):
			l.SetText(strconv.Itoa(rows[id.Row].Line))
		}
	}

	f.rowsView = ReadingTable(f.rowsTable)
	f.errTable = newErrorGroupTable(&f.groups)
	f.detail = Label("")
	f.reason = NewWrapData("")
	f.errTable.OnSelected = func(id widget.TableCellID) { f.showGroup(id.Row) }
	f.exportErrs = widget.NewButton(i18n.Display(i18n.T("import.export_errors")), f.onExportErrors)
	f.bar = widget.NewProgressBar()
	f.bar.Hide()
	f.importBt = widget.NewButton(i18n.T("action.import"), f.onImport)
	f.importBt.Importance = widget.HighImportance
	f.cancelBt = widget.NewButton(i18n.T("import.cancel"), f.onCancel)
	f.cancelBt.Hide()

	order := container.NewBorder(nil, nil, Label(i18n.T("import.date_order")), nil, f.orderSel)
	if i18n.IsRTL() {
		order = container.NewBorder(nil, nil, nil, Label(i18n.T("import.date_order")), f.orderSel)
	}
	top := container.NewVBox(f.layout, order, f.status)
	errBox := container.NewBorder(ActionRow(Heading(i18n.T("import.errors")), f.exportErrs), container.NewVBox(f.detail, f.reason), nil, nil, ReadingTable(f.errTable))
	split := container.NewVSplit(f.rowsView, errBox)
	bottom := container.NewVBox(f.bar, ActionRow(f.importBt, f.cancelBt))
	content := container.NewBorder(top, bottom, nil, nil, split)
	f.dlg = dialog.NewCustom(i18n.T("import.title_"+string(f.kind)), i18n.T("action.close"), content, f.d.Win)
	// closing the dialog while the import runs cancels it: nothing is written
	f.dlg.SetOnClosed(func() {
		if f.cancel != nil {
			f.cancel()
		}
	})
	f.dlg.Resize(fyne.NewSize(980, 720))
}

// showParsed shows what parse found.
func (f *importFlow) showParsed() {
	f.labelGroups()
	switch {
	case f.readErr != nil:
		f.layout.SetText(i18n.T("import.preview_title", map[string]any{"File": f.name}))
		f.status.SetText(RawMessage(f.readErr))
	default:
		f.layout.SetText(i18n.T("import.preview_title", map[string]any{"File": f.name}) + " " + layoutText(f.table.Layout))
		if len(f.errs) > 0 {
			f.status.SetText(i18n.Plural("import.summary_bad", len(f.table.Rows), map[string]any{"Bad": BadRows(f.errs)}))
		} else {
			f.status.SetText(i18n.Plural("import.summary_good", len(f.table.Rows), nil))
		}
	}
	if f.table != nil {
		for i := range f.table.Header {
			f.rowsTable.SetColumnWidth(i, 130)
		}
	}
	f.rowsView.Refresh() // a new file's columns open at the reading start
	f.errTable.UnselectAll()
	f.errTable.Refresh()
	f.showGroup(0)
	if f.readErr != nil || len(f.errs) > 0 || f.table == nil || len(f.table.Rows) == 0 {
		f.importBt.Disable()
	} else {
		f.importBt.Enable()
	}
	if len(f.errs) == 0 {
		f.exportErrs.Disable()
	} else {
		f.exportErrs.Enable()
	}
}

// showGroup shows the whole of error group i under the table (the first
// group until the user picks another), or nothing when there is none.
func (f *importFlow) showGroup(i int) {
	if i < 0 || i >= len(f.groups) {
		f.detail.SetText("")
		f.reason.SetText("")
		return
	}
	g := f.groups[i]
	f.detail.SetText(i18n.Display(i18n.Plural("import.group_detail", len(g.Lines), map[string]any{"Column": g.groupColumn(), "Rows": len(g.Lines),
		"Lines": LineRanges(g.Lines), "Value": g.First})))
	f.reason.SetText(g.groupReason())
}

// onDateOrder reads the file again with the date order chosen.
func (f *importFlow) onDateOrder() {
	i := f.orderSel.SelectedIndex()
	if i < 0 || f.cancel != nil || f.done {
		return
	}
	f.order = dateOrders[i]
	f.parse()
}

// onImport writes the rows in a goroutine, with the progress bar and the
// Cancel button, then shows the outcome.
func (f *importFlow) onImport() {
	if f.rows == nil || f.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	src := f.src
	src.Ctx = ctx
	f.importBt.Disable()
	f.orderSel.Disable()
	f.cancelBt.Enable()
	f.cancelBt.Show()
	f.bar.Show()
	f.bar.SetValue(0)
	f.status.SetText(i18n.T("import.running"))
	st, a, rows := f.st, f.d.Actor, f.rows
	GoWork(func() {
		res, err := RunImport(st, a, src, rows, func(done, total int) {
			if total > 0 {
				v := float64(done) / float64(total)
				OnMain(func() { f.bar.SetValue(v) })
			}
		})
		cancelled := err != nil && ctx.Err() != nil
		OnMain(func() { f.finish(res, err, cancelled) })
	})
}

// onCancel stops the running import; the store rolls it back.
func (f *importFlow) onCancel() {
	if f.cancel == nil {
		return
	}
	f.cancel()
	f.cancelBt.Disable()
	f.status.SetText(i18n.T("import.cancelling"))
}

// RunImport imports the parsed rows of one kind into st as a.
func RunImport(st ImportStore, a store.Actor, src store.ImportSource, rows any, progress func(done, total int)) (models.ImportResult, error) {
	var (
		res models.ImportResult
		err error
		n   int
	)
	switch r := rows.(type) {
	case []models.AgentRow:
		n = len(r)
		res, err = st.ImportAgents(a, src, r)
	case []models.AttendanceRow:
		return st.ImportAttendance(a, src, r, progress)
	case []models.AuditRow:
		n = len(r)
		res, err = st.ImportAudits(a, src, r)
	case []models.WeeklyRow:
		return st.ImportWeeklyStream(a, src, rowFeed(r), progress)
	case []models.ReviewRow:
		n = len(r)
		res, err = st.ImportReviews(a, src, r)
	case []models.CandidateRow:
		n = len(r)
		res, err = st.ImportCandidates(a, src, r)
	case []models.JobRow:
		n = len(r)
		res, err = st.ImportJobs(a, src, r)
	case []models.QuestionRow:
		n = len(r)
		res, err = st.ImportQuestions(a, src, r)
	default:
		return models.ImportResult{}, fmt.Errorf("import %s: rows of type %T are not supported", src.File, rows)
	}
	if err == nil && progress != nil {
		progress(n, n)
	}
	return res, err
}

// rowFeed hands parsed rows to a streamed import a chunk at a time.
func rowFeed[T any](rows []T) store.Feed[T] {
	chunks := make(chan []T)
	go func() {
		defer close(chunks)
		for s := 0; s < len(rows); s += importFeedChunk {
			chunks <- rows[s:min(s+importFeedChunk, len(rows))]
		}
	}()
	return store.Feed[T]{Chunks: chunks, Total: len(rows)}
}

// finish shows the outcome of the import: the counts, the rows the store
// refused, or that it was cancelled and nothing written.
func (f *importFlow) finish(res models.ImportResult, err error, cancelled bool) {
	if f.cancel != nil {
		f.cancel() // the import has ended: release its context
	}
	f.cancel = nil
	f.cancelBt.Hide()
	var ie *models.ImportError
	var ce *models.ConflictError
	switch {
	case cancelled:
		f.bar.Hide()
		f.status.SetText(i18n.T("import.cancelled"))
		f.importBt.Enable()
		f.orderSel.Enable()
		return
	case errors.As(err, &ie):
		f.errs = ie.Rows
		f.labelGroups()
		f.bar.Hide()
		f.status.SetText(i18n.Plural("import.refused_rows", BadRows(ie.Rows), map[string]any{"Bad": BadRows(ie.Rows)}))
		f.errTable.UnselectAll()
		f.errTable.Refresh()
		f.showGroup(0)
		f.exportErrs.Enable()
		f.orderSel.Enable()
		return
	case errors.As(err, &ce):
		f.bar.Hide()
		f.status.SetText(i18n.T("import.conflict", map[string]any{"File": ce.File, "Line": ce.Line, "Column": ce.Column, "Value": ce.Value}))
		f.importBt.Enable()
		f.orderSel.Enable()
		return
	case err != nil:
		slog.Error("import", "kind", f.kind, "file", f.name, "err", err)
		f.bar.Hide()
		f.status.SetText(RawMessage(err))
		f.importBt.Enable()
		f.orderSel.Enable()
		return
	}
	f.done = true
	f.bar.SetValue(1)
	f.status.SetText(i18n.T("import.done_counts", map[string]any{"Inserted": res.Inserted, "Updated": res.Updated, "Unchanged": res.Unchanged}))
	if f.onDone != nil {
		f.onDone()
	}
}

// onExportErrors saves every bad row (not grouped) as CSV.
func (f *importFlow) onExportErrors() {
	saveRowErrors(f.d, strings.TrimSuffix(f.name, fileExt(f.name))+"-errors.csv", f.errs)
}

// fileExt returns name's extension with its dot, or "".
func fileExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}

// saveRowErrors asks where to save the row errors and writes them there as
// CSV, one line per bad cell: line, column, value, reason.
func saveRowErrors(d Deps, suggested string, errs []models.RowError) {
	rows := make([][]string, len(errs))
	for i, e := range errs {
		rows[i] = []string{strconv.Itoa(e.Line), e.Column, e.Value, e.Reason}
	}
	SaveFile(d, suggested, func(w io.Writer) error {
		return importer.WriteCSV(w, []string{"line", "column", "value", "reason"}, rows)
	})
}

// BadRows counts the rows (not the cells) of errs.
func BadRows(errs []models.RowError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Line] = true
	}
	return len(seen)
}

// ErrorGroups groups errs by column and reason, in the order of their
// first line, so that a column of the same mistake is one line.
func ErrorGroups(errs []models.RowError) []errorGroup {
	var out []errorGroup
	index := map[[2]string]int{}
	for _, e := range errs {
		k := [2]string{e.Column, e.Reason}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, errorGroup{Column: e.Column, reason: e.Reason, First: e.Value, err: e})
		}
		if n := len(out[i].Lines); n == 0 || out[i].Lines[n-1] != e.Line {
			out[i].Lines = append(out[i].Lines, e.Line)
		}
	}
	for i := range out {
		sort.Ints(out[i].Lines)
	}
	return out
}

// LineRanges writes sorted lines as ranges, "2–5, 9", at most three of
// them and "…" for the rest.
func LineRanges(lines []int) string {
	var parts []string
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] <= lines[j]+1 {
			j++
		}
		if len(parts) == 3 {
			parts = append(parts, "…")
			break
		}
		if j == i {
			parts = append(parts, strconv.Itoa(lines[i]))
		} else {
			parts = append(parts, strconv.Itoa(lines[i])+"–"+strconv.Itoa(lines[j]))
		}
		i = j + 1
	}
	sep := ", "
	if i18n.IsRTL() {
		sep = "، "
	}
	return strings.Join(parts, sep)
}

// ErrorGroupColumns are the translation keys of the grouped row errors
// table's columns.
var ErrorGroupColumns = []string{"import.col.column", "import.col.rows", "import.col.lines", "import.col.first_value", "import.col.reason"}

// newErrorGroupTable is a table of grouped row errors (column, count of
// rows, line ranges, first value, reason) showing whatever *groups holds
// when refreshed; its columns run from the right in Arabic.
func newErrorGroupTable(groups *[]errorGroup) *widget.Table {
	n := len(ErrorGroupColumns)
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(*groups), n },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= len(*groups) {
				return
			}
			g := (*groups)[id.Row]
			var s string
			switch AgCol(id.Col, n) {
			case 0:
				s = Cell(g.groupColumn())
			case 1:
				s = strconv.Itoa(len(g.Lines))
			case 2:
				s = Cell(LineRanges(g.Lines))
			case 3:
				s = Cell(g.First)
			case 4:
				s = Cell(g.groupReason())
			}
			o.(*widget.Label).SetText(s)
		})
	t.ShowHeaderColumn = false
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(i18n.T(ErrorGroupColumns[AgCol(id.Col, n)]))
		}
	}
	for i, w := range []float32{130, 60, 130, 150, 440} {
		t.SetColumnWidth(AgCol(i, n), w)
	}
	return t
}

// layoutText says (not yet ordered for display), in the user's language, how the file was read: its
// encoding and separator (CSV) or sheet (XLSX), the header's line and the
// title rows skipped above it.
func layoutText(l importer.Layout) string {
	var parts []string
	if l.Encoding != "" {
		sep := map[rune]string{',': "import.sep.comma", ';': "import.sep.semicolon", '\t': "import.sep.tab"}[l.Separator]
		if sep == "" {
			sep = "import.sep.comma"
		}
		parts = append(parts, i18n.T("import.layout_csv", map[string]any{"Encoding": l.Encoding, "Separator": i18n.T(sep)}))
	}
	if l.Sheet != "" {
		parts = append(parts, i18n.T("import.layout_sheet", map[string]any{"Sheet": l.Sheet}))
	}
	if l.HeaderLine > 0 {
		parts = append(parts, i18n.T("import.layout_header", map[string]any{"Line": l.HeaderLine}))
	}
	if len(l.Skipped) > 0 && l.HeaderLine > 1 {
		if l.HeaderLine == 2 {
			parts = append(parts, i18n.T("import.layout_skipped_one"))
		} else {
			parts = append(parts, i18n.T("import.layout_skipped", map[string]any{"Last": l.HeaderLine - 1}))
		}
	}
	return strings.Join(parts, " ")
}
