package widgets

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
	"sullam/tables"
	"sullam/ui/i18n"
)

// SaveAsFunc asks the user where to save a file, offering the name
// suggested, and calls done with the chosen path on the UI goroutine. It
// does not call done when the user cancels.
type SaveAsFunc func(win fyne.Window, suggested string, done func(path string))

// dialogSaveAs is the default SaveAsFunc: Fyne's save dialog.
func dialogSaveAs(win fyne.Window, suggested string, done func(path string)) {
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			slog.Error("save dialog", "err", err)
			dialog.ShowError(errors.New(UserMessage(err)), win)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		if err := w.Close(); err != nil {
			slog.Error("save dialog", "file", path, "err", err)
		}
		done(path)
	}, win)
	dlg.SetFileName(suggested)
	dlg.Show()
}

// AskSaveAs asks where to save with the deps' SaveAs, or the system dialog.
func (d Deps) AskSaveAs(suggested string, done func(path string)) {
	if d.SaveAs != nil {
		d.SaveAs(d.Win, suggested, done)
		return
	}
	dialogSaveAs(d.Win, suggested, done)
}

// SaveFile asks where to save a file, then writes it off the UI thread with
// write (into a temporary file beside it, renamed once complete, so a failed
// export never leaves half a file) and offers to open it with the system
// viewer.
func SaveFile(d Deps, suggested string, write func(io.Writer) error) {
	d.AskSaveAs(suggested, func(path string) {
		GoWork(func() {
			err := WriteFileAtomic(path, write)
			OnMain(func() {
				if LeftScreen(d.Ctx, err) {
					return // the user left the screen: the export stopped, no file
				}
				if err != nil {
					slog.Error("export", "file", path, "err", err)
					dialog.ShowError(errors.New(UserMessage(err)), d.Win)
					return
				}
				OfferOpen(d, path)
			})
		})
	})
}

// OfferOpen tells the user the file is saved and offers to open it with
// the system viewer (a file:// URL).
func OfferOpen(d Deps, path string) {
	win := d.Win
	msg := i18n.Display(i18n.T("export.saved", map[string]any{"File": path}))
	dialog.ShowConfirm(i18n.T("export.title"), msg, func(open bool) {
		if !open {
			return
		}
		u, err := url.Parse(storage.NewFileURI(path).String())
		if err == nil {
			if d.OpenURL != nil {
				err = d.OpenURL(u)
			} else {
				err = fyne.CurrentApp().OpenURL(u)
			}
		}
		if err != nil {
			slog.Error("open exported file", "file", path, "err", err)
			dialog.ShowError(errors.New(UserMessage(err)), win)
		}
	}, win)
}

// WriteFileAtomic writes path through a temporary file beside it, synced
// and renamed once write has succeeded.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	tmp := path + ".partial"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// RowFilter narrows an exported table to what the screen shows; it runs
// off the UI thread and may ask the store.
type RowFilter func(header []string, rows [][]string) ([][]string, error)

// ExportButtons returns the Export CSV and Export XLSX buttons of a list of
// kind. The rows are those of `sullam export KIND` (tables.ExportTable: the
// store's scope of the actor, the importer's writers, so the file imports
// back), narrowed by the filter current reads from the screen when a button
// is tapped (nil: every row).
func ExportButtons(d Deps, kind models.ImportKind, current func() RowFilter) fyne.CanvasObject {
	return ExportTableButtons(d, string(kind), exportSource(d, kind, current))
}

// exportSource returns, for the filter current reads on the UI thread, the
// source of the export of kind (see exportButtons).
func exportSource(d Deps, kind models.ImportKind, current func() RowFilter) func() TableSource {
	return func() TableSource {
		var narrow RowFilter
		if current != nil {
			narrow = current()
		}
		return func() ([]string, [][]string, error) {
			header, rows, err := tables.ExportTable(OrBackground(d.Ctx), d.Store, d.Actor, kind)
			if err != nil {
				return nil, nil, fmt.Errorf("export %s: %w", kind, err)
			}
			if narrow != nil {
				if rows, err = narrow(header, rows); err != nil {
					return nil, nil, fmt.Errorf("export %s: %w", kind, err)
				}
			}
			return header, rows, nil
		}
	}
}

// TableSource reads the table an export saves; it runs off the UI thread.
type TableSource func() (header []string, rows [][]string, err error)

// ExportTableButtons returns the Export CSV and Export XLSX buttons of a
// table named name: current is called on the UI thread when a button is
// tapped (to read the screen's filters) and returns the source to save.
func ExportTableButtons(d Deps, name string, current func() TableSource) fyne.CanvasObject {
	export := func(format string) {
		src := current()
		SaveFile(d, name+"."+format, func(w io.Writer) error {
			header, rows, err := src()
			if err != nil {
				return err
			}
			return WriteTable(w, format, name, header, rows)
		})
	}
	csvBtn := widget.NewButton(i18n.Display(i18n.T("export.csv")), func() { export("csv") })
	xlsxBtn := widget.NewButton(i18n.Display(i18n.T("export.xlsx")), func() { export("xlsx") })
	return container.NewHBox(csvBtn, xlsxBtn)
}

// WriteTable writes a table as CSV or XLSX with the importer's writers.
func WriteTable(w io.Writer, format, sheet string, header []string, rows [][]string) error {
	if format == "xlsx" {
		return importer.WriteXLSX(w, sheet, header, rows, true)
	}
	return importer.WriteCSV(w, header, rows)
}

// KeepColumn keeps the rows whose column col holds one of the values keep.
func KeepColumn(col string, keep map[string]bool) RowFilter {
	return func(header []string, rows [][]string) ([][]string, error) {
		i := slices.Index(header, col)
		if i < 0 {
			return nil, fmt.Errorf("no %s column", col)
		}
		out := rows[:0:0]
		for _, r := range rows {
			if i < len(r) && keep[r[i]] {
				out = append(out, r)
			}
		}
		return out, nil
	}
}

// Failing is a row filter that refuses the export with err (a filter the
// screen could not read, say).
func Failing(err error) RowFilter {
	return func([]string, [][]string) ([][]string, error) { return nil, err }
}

// KeepAgents keeps the rows of the agents the store lists for the actor
// under filter f (every page).
func KeepAgents(ctx context.Context, st *store.Store, a store.Actor, f store.AgentFilter) RowFilter {
	f.Limit, f.Offset = 0, 0
	return func(header []string, rows [][]string) ([][]string, error) {
		agents, err := st.ListAgents(OrBackground(ctx), a, f)
		if err != nil {
			return nil, err
		}
		keep := make(map[string]bool, len(agents))
		for _, ag := range agents {
			keep[ag.EmployeeNo] = true
		}
		return KeepColumn("employee_no", keep)(header, rows)
	}
}
