package promotions

import (
	"context"
	"errors"
	"io"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/report"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// boardWriter writes the promotion board in format ("pdf" or "xlsx") to w,
// stopping with ctx's error once ctx is done and telling progress the rows
// done; writeBoard (the report package) is the one the window uses.
type boardWriter func(ctx context.Context, w io.Writer, format string, tr report.Translator, asOf models.Date,
	rows []report.BoardRow, progress report.Progress) error

// writeBoard writes the board by the code of `sullam report promotions`.
func writeBoard(ctx context.Context, w io.Writer, format string, tr report.Translator, asOf models.Date,
	rows []report.BoardRow, progress report.Progress) error {
	if format == "xlsx" {
		return report.WriteBoardXLSXContext(ctx, w, tr, asOf, rows, progress)
	}
	return report.WriteBoardPDFContext(ctx, w, tr, asOf, rows, progress)
}

// boardExport is the dialog of one running export: how far it is, and
// Cancel.
type boardExport struct {
	dlg      dialog.Dialog
	status   *widget.Label
	bar      *widget.ProgressBar
	cancelBt *widget.Button
	cancel   context.CancelFunc
	total    int // agents on the board
}

// onExport saves the rows shown (filtered and sorted) as XLSX or PDF, in
// the user's language, by the code of `sullam report promotions`, and
// offers to open the file. The file is written off the UI thread behind a
// dialog with a progress bar (agents done of the total) and Cancel, into a
// temporary file beside the target renamed once complete: a cancelled or
// failed export leaves no file.
func (s *PromotionsScreen) onExport(format string) {
	rows := append([]report.BoardRow(nil), s.Rows...)
	asOf, tr := s.asOf, s.tr
	write := s.writeBoard
	if write == nil {
		write = writeBoard
	}
	d := widgets.Deps{Win: s.win, Actor: s.actor, SaveAs: s.saveAs}
	d.AskSaveAs("promotions-"+asOf.String()+"."+format, func(path string) {
		x := s.newBoardExport(len(rows))
		ctx, cancel := context.WithCancel(context.Background())
		x.cancel = cancel
		x.dlg.Show()
		widgets.GoWork(func() {
			shown := -1 // the last percentage shown: the bar moves by whole percents
			err := widgets.WriteFileAtomic(path, func(w io.Writer) error {
				return write(ctx, w, format, tr, asOf, rows, func(done, total int) {
					if total <= 0 || done*100/total == shown {
						return
					}
					shown = done * 100 / total
					widgets.OnMain(func() { x.show(done, total) })
				})
			})
			cancelled := err != nil && errors.Is(err, context.Canceled)
			cancel()
			if err != nil {
				// the system save dialog creates the file empty before we write
				if rerr := widgets.RemoveEmpty(path); rerr != nil {
					slog.Error("export: remove the empty file", "file", path, "err", rerr)
				}
			}
			widgets.OnMain(func() {
				x.dlg.Hide()
				switch {
				case cancelled:
					slog.Info("export cancelled", "file", path)
				case err != nil:
					slog.Error("export", "file", path, "err", err)
					dialog.ShowError(errors.New(widgets.UserMessage(err)), s.win)
				default:
					widgets.OfferOpen(d, path)
				}
			})
		})
	})
}

// newBoardExport builds the progress dialog of an export of total agents.
func (s *PromotionsScreen) newBoardExport(total int) *boardExport {
	x := &boardExport{total: total, bar: widget.NewProgressBar()}
	x.status = widgets.Label(x.text(0))
	x.cancelBt = widget.NewButton(i18n.T("action.cancel"), x.onCancel)
	content := container.NewVBox(x.status, x.bar, widgets.ActionRow(x.cancelBt))
	x.dlg = dialog.NewCustomWithoutButtons(i18n.T("promotions.export_title"), content, s.win)
	x.dlg.Resize(fyne.NewSize(460, 180))
	return x
}

// text says how many of the board's agents are written.
func (x *boardExport) text(agents int) string {
	return i18n.Display(i18n.Plural("promotions.export_progress", x.total, map[string]any{"Done": agents, "Total": x.total}))
}

// show moves the bar to done of total steps (the rows, then the output).
func (x *boardExport) show(done, total int) {
	if x.cancelBt.Disabled() {
		return // cancelling: the text says so
	}
	x.bar.SetValue(float64(done) / float64(total))
	x.status.SetText(x.text(min(done, x.total)))
}

// onCancel stops the export: the writer returns at its next row and the
// temporary file is removed.
func (x *boardExport) onCancel() {
	x.cancel()
	x.cancelBt.Disable()
	x.status.SetText(i18n.Display(i18n.T("promotions.export_cancelling")))
}
