package ui

import (
	"io"

	"sullam/report"
)

// onExport saves the rows shown (filtered and sorted) as XLSX or PDF, in
// the user's language, by the code of `sullam report promotions`, and
// offers to open the file.
func (s *PromotionsScreen) onExport(format string) {
	rows := append([]report.BoardRow(nil), s.rows...)
	asOf, tr := s.asOf, s.tr
	d := Deps{Win: s.win, Actor: s.actor, SaveAs: s.saveAs}
	saveFile(d, "promotions-"+asOf.String()+"."+format, func(w io.Writer) error {
		if format == "xlsx" {
			return report.WriteBoardXLSX(w, tr, asOf, rows)
		}
		return report.WriteBoardPDF(w, tr, asOf, rows)
	})
}
