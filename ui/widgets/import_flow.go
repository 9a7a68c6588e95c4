package widgets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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

// dateOrders are the choices of the dialog's date order, in its order: ""
// reads YYYY-MM-DD (and XLSX date cells) only, as the command line does
// without --date-order.
var dateOrders = []importer.DateOrder{"", importer.DMY, importer.MDY, importer.YMD}

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

// build makes the dialog's widgets. It is over 80 lines because it is one
// layout, read top to bottom as the dialog shows it (file, options, preview,
// errors, buttons), each widget wired to the flow's fields.
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
