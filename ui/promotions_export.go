package ui

import (
	"bytes"
	"fmt"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"sullam/report"
)

// onExport saves the rows shown (filtered and sorted) as XLSX or PDF.
func (s *PromotionsScreen) onExport(format string) {
	rows := append([]report.BoardRow(nil), s.rows...)
	asOf := s.asOf
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		goWork(func() {
			var buf bytes.Buffer
			var werr error
			if format == "xlsx" {
				werr = report.WriteBoardXLSX(&buf, s.tr, asOf, rows)
			} else {
				werr = report.WriteBoardPDF(&buf, s.tr, asOf, rows)
			}
			if werr == nil {
				_, werr = w.Write(buf.Bytes())
			}
			if cerr := w.Close(); werr == nil {
				werr = cerr
			}
			uiDo(func() {
				if werr != nil {
					slog.Error("export promotion board", "err", werr)
					dialog.ShowError(fmt.Errorf("%s", userMessage(werr)), s.win)
					return
				}
				dialog.ShowInformation(lang.L("promotions.title"), lang.L("promotions.exported"), s.win)
			})
		})
	}, s.win)
	d.SetFileName("promotions-" + asOf.String() + "." + format)
	d.Show()
}
