package ui

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
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

// importRunner writes the parsed rows of one import kind; progress may be
// called from the import's goroutine.
type importRunner func(src store.ImportSource, rows any, progress func(done, total int)) (models.ImportResult, error)

// importFlow is the import of one file: file dialog → preview of the first
// rows and of every error → import with a progress bar → summary. Agents and
// attendance imports share it.
type importFlow struct {
	win    fyne.Window
	kind   models.ImportKind
	run    importRunner
	onDone func()

	dlg      dialog.Dialog
	errs     []models.RowError
	importBt *widget.Button
	bar      *widget.ProgressBar
	errTable *widget.Table
	status   *widget.Label
}

// newImportFlow prepares the import of kind; onDone runs after a successful import.
func newImportFlow(win fyne.Window, kind models.ImportKind, run importRunner, onDone func()) *importFlow {
	return &importFlow{win: win, kind: kind, run: run, onDone: onDone}
}

// start asks for the file.
func (f *importFlow) start() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, importMaxFile+1))
		if err == nil && len(data) > importMaxFile {
			err = fmt.Errorf("the file is larger than %d MiB: %w", importMaxFile>>20, models.ErrInvalid)
		}
		if err != nil {
			dialog.ShowError(errors.New(userMessage(err)), f.win)
			return
		}
		f.preview(r.URI().Name(), data)
	}, f.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx"}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// preview reads and parses the file, then shows its first rows and every error.
func (f *importFlow) preview(name string, data []byte) {
	t, err := importer.ReadTable(name, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		dialog.ShowError(errors.New(userMessage(err)), f.win)
		return
	}
	rows, errs := importer.Parse(f.kind, t)
	f.errs = errs
	sum := sha256.Sum256(data)
	src := store.ImportSource{File: name, SHA256: hex.EncodeToString(sum[:])}

	first := t.Rows
	if len(first) > importPreviewRows {
		first = first[:importPreviewRows]
	}
	rowsTable := widget.NewTableWithHeaders(
		func() (int, int) { return len(first), len(t.Header) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			cells := first[id.Row].Cells
			txt := ""
			if id.Col < len(cells) {
				txt = cells[id.Col]
			}
			o.(*widget.Label).SetText(cell(txt))
		})
	rowsTable.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case id.Row < 0 && id.Col >= 0:
			l.SetText(t.Header[id.Col])
		case id.Col < 0 && id.Row >= 0:
			l.SetText(strconv.Itoa(first[id.Row].Line))
		}
	}
	for i := range t.Header {
		rowsTable.SetColumnWidth(i, 130)
	}

	f.errTable = newRowErrorTable(&f.errs)
	exportErrs := widget.NewButton(lang.L("import.export_errors"), f.onExportErrors)
	f.status = label(lang.L("import.summary_rows", map[string]any{"Rows": len(t.Rows), "Errors": len(errs)}))
	f.bar = widget.NewProgressBar()
	f.bar.Hide()
	f.importBt = widget.NewButton(lang.L("action.import"), func() { f.onImport(src, rows) })
	f.importBt.Importance = widget.HighImportance
	if len(errs) > 0 || len(t.Rows) == 0 {
		f.importBt.Disable()
	}
	if len(errs) == 0 {
		exportErrs.Disable()
	}
	top := container.NewVBox(heading(lang.L("import.preview_title", map[string]any{"File": name})), f.status,
		heading(lang.L("import.first_rows", map[string]any{"Count": len(first)})))
	errBox := container.NewBorder(actionRow(heading(lang.L("import.errors")), exportErrs), nil, nil, nil, f.errTable)
	split := container.NewVSplit(rowsTable, errBox)
	bottom := container.NewVBox(f.bar, f.importBt)
	content := container.NewBorder(top, bottom, nil, nil, split)
	f.dlg = dialog.NewCustom(lang.L("import.title_"+string(f.kind)), lang.L("action.close"), content, f.win)
	f.dlg.Resize(fyne.NewSize(980, 640))
	f.dlg.Show()
}

// onImport writes the rows in a goroutine, showing progress, then the summary.
func (f *importFlow) onImport(src store.ImportSource, rows any) {
	f.importBt.Disable()
	f.bar.Show()
	f.bar.SetValue(0)
	f.status.SetText(lang.L("import.running"))
	goWork(func() {
		res, err := f.run(src, rows, func(done, total int) {
			if total > 0 {
				v := float64(done) / float64(total)
				uiDo(func() { f.bar.SetValue(v) })
			}
		})
		uiDo(func() { f.finish(res, err) })
	})
}

// finish shows the summary, or the rows the store refused.
func (f *importFlow) finish(res models.ImportResult, err error) {
	var ie *models.ImportError
	var ce *models.ConflictError
	switch {
	case errors.As(err, &ie):
		f.errs = ie.Rows
		f.status.SetText(i18n.Display(lang.L("import.refused", map[string]any{"Errors": len(ie.Rows)})))
		f.bar.Hide()
		f.errTable.Refresh()
		return
	case errors.As(err, &ce):
		f.bar.Hide()
		f.status.SetText(i18n.Display(lang.L("import.conflict", map[string]any{"File": ce.File, "Line": ce.Line, "Column": ce.Column, "Value": ce.Value})))
		return
	case err != nil:
		f.bar.Hide()
		f.status.SetText(userMessage(err))
		return
	}
	f.bar.SetValue(1)
	f.status.SetText(i18n.Display(lang.L("import.done_counts", map[string]any{"Inserted": res.Inserted, "Updated": res.Updated, "Unchanged": res.Unchanged})))
	if f.onDone != nil {
		f.onDone()
	}
}

// onExportErrors saves the error list as CSV.
func (f *importFlow) onExportErrors() {
	saveRowErrors(f.win, f.errs)
}

// saveRowErrors asks for a file and writes the row errors to it as CSV.
func saveRowErrors(win fyne.Window, errs []models.RowError) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		defer w.Close()
		rows := make([][]string, len(errs))
		for i, e := range errs {
			rows[i] = []string{strconv.Itoa(e.Line), e.Column, e.Value, e.Reason}
		}
		if err := importer.WriteCSV(w, []string{"line", "column", "value", "reason"}, rows); err != nil {
			dialog.ShowError(errors.New(userMessage(err)), win)
		}
	}, win)
	d.SetFileName("import-errors.csv")
	d.Show()
}

var importErrorColumns = []string{"import.col.line", "import.col.column", "import.col.value", "import.col.reason"}

// newRowErrorTable is a table of row errors (line, column, value, reason)
// that shows whatever *errs holds when refreshed.
func newRowErrorTable(errs *[]models.RowError) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(*errs), len(importErrorColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			e := (*errs)[id.Row]
			var s string
			switch id.Col {
			case 0:
				s = strconv.Itoa(e.Line)
			case 1:
				s = e.Column
			case 2:
				s = cell(e.Value)
			case 3:
				s = e.Reason
			}
			o.(*widget.Label).SetText(s)
		})
	t.ShowHeaderColumn = false
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(lang.L(importErrorColumns[id.Col]))
		}
	}
	for i, w := range []float32{60, 140, 180, 520} {
		t.SetColumnWidth(i, w)
	}
	return t
}
