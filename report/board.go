package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"sullam/importer"
	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// BoardRow is one agent on the promotion board, with display names resolved.
type BoardRow struct {
	AgentID                                uint
	SupervisorID                           uint
	EmployeeNo, FullName, Team, Supervisor string
	RoleName, NextRoleName                 string
	Readiness                              scoring.Readiness
}

// Names resolves display names for the board: ladder role codes and
// supervisors' agent IDs to names.
type Names struct {
	Roles       map[string]string
	Supervisors map[uint]string
}

// BoardRows turns the store's readiness list into board rows, leaving out
// agents at the top of the ladder.
func BoardRows(rs []store.AgentReadiness, n Names) []BoardRow {
	out := make([]BoardRow, 0, len(rs))
	for _, r := range rs {
		if r.Readiness.Status == models.TopOfLadder {
			continue
		}
		row := BoardRow{AgentID: r.Agent.ID, EmployeeNo: r.Agent.EmployeeNo, FullName: r.Agent.FullName, Team: r.Agent.Team,
			RoleName: nameOr(n.Roles, r.Readiness.Role), NextRoleName: nameOr(n.Roles, r.Readiness.NextRole), Readiness: r.Readiness}
		if r.Agent.SupervisorID != nil {
			row.Supervisor = n.Supervisors[*r.Agent.SupervisorID]
			row.SupervisorID = *r.Agent.SupervisorID
		}
		out = append(out, row)
	}
	return out
}

func nameOr(m map[string]string, code string) string {
	if v, ok := m[code]; ok && v != "" {
		return v
	}
	return code
}

// StatusText is the readiness status in words; for an agent not yet
// eligible, with the date they become eligible.
func StatusText(t Translator, r scoring.Readiness) string {
	s := t.T("readiness." + string(r.Status))
	if r.Status == models.NotEligible {
		s = t.T("report.eligible_on", map[string]any{"Status": s, "Date": t.Date(r.EligibleOn)})
	}
	return s
}

// CountedText lists the counted years with their annual scores: "2023: 91.20, 2024: 88.00".
func CountedText(t Translator, r scoring.Readiness) string {
	parts := make([]string, 0, len(r.Counted))
	for _, y := range r.Counted {
		parts = append(parts, fmt.Sprintf("%d: %s", y.Year, y.Score))
	}
	sep := ", "
	if t.RTL() {
		sep = "، "
	}
	return strings.Join(parts, sep)
}

// NeedsText is what the agent needs next year: the required annual score, or
// that it is out of reach (beside the number), or "" when nothing is required.
func NeedsText(t Translator, r scoring.Readiness) string {
	if !r.HasRequiredNext {
		return ""
	}
	if r.OutOfReach {
		return r.RequiredNext.String() + " — " + t.T("report.out_of_reach")
	}
	return r.RequiredNext.String()
}

// OverdueText is "yes" for an overdue agent, else "".
func OverdueText(t Translator, r scoring.Readiness) string {
	if r.Overdue {
		return t.T("report.overdue")
	}
	return ""
}

// BoardHeader is the board's header row in the translator's language.
func BoardHeader(t Translator) []string {
	return []string{t.T("report.employee_no"), t.T("report.name"), t.T("report.team"), t.T("report.role"),
		t.T("report.status"), t.T("report.overdue_col"), t.T("report.years_in_role"), t.T("report.counted_years"),
		t.T("report.cumulative"), t.T("report.required_next")}
}

// BoardCells is one board row as text cells, in BoardHeader order.
func BoardCells(t Translator, b BoardRow) []string {
	r := b.Readiness
	cum := ""
	if r.HasCumulative {
		cum = r.Cumulative.String()
	}
	return []string{b.EmployeeNo, b.FullName, b.Team, b.RoleName, StatusText(t, r), OverdueText(t, r),
		r.YearsInRole.String(), CountedText(t, r), cum, NeedsText(t, r)}
}

// BoardSheetHeader is the header of the promotion board spreadsheet, in the
// translator's language: the board's columns with the status split into its
// code and its words, the eligibility date, the next role and a note.
func BoardSheetHeader(t Translator) []string {
	return []string{t.T("report.employee_no"), t.T("report.name"), t.T("report.team"), t.T("report.role"),
		t.T("report.next_role"), t.T("report.status_code"), t.T("report.status"), t.T("report.eligible_from"),
		t.T("report.overdue_col"), t.T("report.years_in_role"), t.T("report.counted_years"),
		t.T("report.cumulative"), t.T("report.required_next"), t.T("report.note")}
}

// boardSheetTypes are the column types of the board spreadsheet, in
// BoardSheetHeader order: dates and numbers as such, the rest text.
var boardSheetTypes = []importer.ColumnType{importer.ColumnText, importer.ColumnText, importer.ColumnText,
	importer.ColumnText, importer.ColumnText, importer.ColumnText, importer.ColumnText, importer.ColumnDate,
	importer.ColumnText, importer.ColumnNumber, importer.ColumnText, importer.ColumnNumber, importer.ColumnNumber,
	importer.ColumnText}

// BoardSheetCells is one agent's row of the board spreadsheet, in
// BoardSheetHeader order: the status code (ready, not_eligible, …) and its
// words, the date the agent is (or was) eligible, numbers with 2 decimals,
// the required score next year only (empty when not applicable), and a note:
// out of reach, and the reasons of the years that could not be counted.
func BoardSheetCells(t Translator, b BoardRow) []string {
	r := b.Readiness
	cum, need, eligible := "", "", ""
	if r.HasCumulative {
		cum = r.Cumulative.String()
	}
	if r.HasRequiredNext {
		need = r.RequiredNext.String()
	}
	if !r.EligibleOn.IsZero() {
		eligible = r.EligibleOn.String()
	}
	var notes []string
	if r.HasRequiredNext && r.OutOfReach {
		notes = append(notes, t.T("report.out_of_reach"))
	}
	for _, y := range r.Incomplete {
		if len(y.Reasons) > 0 {
			notes = append(notes, fmt.Sprintf("%d: %s", y.Year, strings.Join(y.Reasons, "; ")))
		}
	}
	return []string{b.EmployeeNo, b.FullName, b.Team, b.RoleName, b.NextRoleName, string(r.Status),
		t.T("readiness." + string(r.Status)), eligible, OverdueText(t, r), r.YearsInRole.String(),
		CountedText(t, r), cum, need, strings.Join(notes, "\n")}
}

// WriteBoardXLSX writes the promotion board as a spreadsheet, one row per
// agent (BoardSheetHeader): dates as date cells, scores as numbers shown
// with 2 decimals, landscape pages fitted to the width with the header row
// repeated, formula injection neutralised, right to left in Arabic.
func WriteBoardXLSX(w io.Writer, t Translator, asOf models.Date, rows []BoardRow) error {
	return WriteBoardXLSXContext(context.Background(), w, t, asOf, rows, nil)
}

// Progress is told, as a long report is written, how many of its total
// rows are done; it is called on the writer's goroutine.
type Progress func(done, total int)

// WriteBoardXLSXContext is WriteBoardXLSX that stops when ctx is done: ctx
// is checked before every row and before the file is written, and a
// cancelled board returns ctx's error (errors.Is context.Canceled) with
// nothing written to w. progress, when not nil, is told the rows done.
func WriteBoardXLSXContext(ctx context.Context, w io.Writer, t Translator, asOf models.Date, rows []BoardRow, progress Progress) error {
	cells := make([][]string, len(rows))
	for i, r := range rows {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("write promotion board: %w", err)
		}
		cells[i] = BoardSheetCells(t, r)
		report(progress, i+1, len(rows)+1)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write promotion board: %w", err)
	}
	sheet := importer.Sheet{Name: asOf.String(), Header: BoardSheetHeader(t), Rows: cells, Types: boardSheetTypes, RTL: t.RTL()}
	if err := importer.WriteSheet(w, sheet); err != nil {
		return fmt.Errorf("write promotion board: %w", err)
	}
	report(progress, len(rows)+1, len(rows)+1)
	return nil
}

// WriteBoardPDF writes the promotion board as a landscape A4 PDF, the header
// row repeated on every page.
func WriteBoardPDF(w io.Writer, t Translator, asOf models.Date, rows []BoardRow) error {
	return WriteBoardPDFContext(context.Background(), w, t, asOf, rows, nil)
}

// WriteBoardPDFContext is WriteBoardPDF that stops when ctx is done: ctx is
// checked before every row, every page number and before the document is
// handed to w, so a cancelled board returns ctx's error (errors.Is
// context.Canceled) promptly with nothing written to w. progress, when not
// nil, is told the rows laid out of len(rows)+1, the last step being the
// page numbers and the output of the document.
func WriteBoardPDFContext(ctx context.Context, w io.Writer, t Translator, asOf models.Date, rows []BoardRow, progress Progress) error {
	cancelled := func() error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("write promotion board: %w", err)
		}
		return nil
	}
	if err := cancelled(); err != nil {
		return err
	}
	d, err := newDoc(t, true)
	if err != nil {
		return err
	}
	d.para(t.T("report.board_title", map[string]any{"Date": t.Date(asOf)}), true, 15, alignStart)
	d.para(t.TN("report.board_count", len(rows), map[string]any{"Count": strconv.Itoa(len(rows))}), false, 9, alignStart)
	d.y += 6
	cols := d.scale([]float64{1, 2.6, 1.1, 2.2, 2.2, 0.9, 0.9, 2.2, 1, 1.6},
		[]align{alignStart, alignStart, alignStart, alignStart, alignStart, alignCenter, alignCenter, alignStart, alignCenter, alignStart})
	header := BoardHeader(t)
	d.row(cols, header, true, 8.5, true)
	d.onNewPage = func() { d.row(cols, header, true, 8.5, true) }
	for i, r := range rows {
		if err := cancelled(); err != nil {
			return err
		}
		d.row(cols, BoardCells(t, r), false, 8.5, false)
		report(progress, i+1, len(rows)+1)
	}
	d.ctx = ctx
	d.numberPages(t)
	if err := cancelled(); err != nil {
		return err
	}
	// The whole document is made before w sees a byte: a board cancelled
	// while its pages are serialised leaves w empty too.
	var buf bytes.Buffer
	if _, err := d.pdf.WriteTo(&buf); err != nil {
		return fmt.Errorf("write promotion board: %w", err)
	}
	if err := cancelled(); err != nil {
		return err
	}
	if _, err := buf.WriteTo(w); err != nil {
		return fmt.Errorf("write promotion board: %w", err)
	}
	report(progress, len(rows)+1, len(rows)+1)
	return nil
}

// report calls progress, when set.
func report(progress Progress, done, total int) {
	if progress != nil {
		progress(done, total)
	}
}
