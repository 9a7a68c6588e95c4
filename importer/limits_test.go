package importer

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"sullam/models"
)

// checkOneShortLine asserts err is one line, short (the huge value is never
// echoed: a quoted value is clipped), and says want.
func checkOneShortLine(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || len(msg) > 400 || !strings.Contains(msg, want) {
		t.Fatalf("error of %d bytes, %d lines: %.300q; want one short line saying %q", len(msg), strings.Count(msg, "\n")+1, msg, want)
	}
}

// TestHugeHeaderLineRefused checks issue 10 item 10: a header line over
// MaxCellBytes (a whole file written on one line) is refused at once in
// one short line, whether read whole or streamed.
func TestHugeHeaderLineRefused(t *testing.T) {
	data := []byte("employee_no,date,status," + strings.Repeat("x", 1<<20) + "\nE1,2024-03-05,present,\n")
	_, err := ReadTable("big.csv", bytes.NewReader(data), int64(len(data)))
	checkOneShortLine(t, err, "read big.csv: line 1: a line longer than 64 KiB")
	_, err = ReadTableWith("big.csv", bytes.NewReader(data), int64(len(data)), Options{Kind: models.KindAttendance})
	checkOneShortLine(t, err, "line 1: a line longer than 64 KiB")
	_, err = StreamAttendance("big.csv", data, 10, func([]models.AttendanceRow) { t.Error("rows emitted") })
	checkOneShortLine(t, err, "line 1: a line longer than 64 KiB")
}

// TestHugeCellRefused checks that a data cell over MaxCellBytes refuses the
// file in one line naming the line and cell, its value clipped.
func TestHugeCellRefused(t *testing.T) {
	data := []byte("employee_no,date,status\nE1,2024-03-05,\"" + strings.Repeat("p", MaxCellBytes+1) + "\"\n")
	_, err := ReadTable("cell.csv", bytes.NewReader(data), int64(len(data)))
	checkOneShortLine(t, err, "read cell.csv: line 2: cell 3 holds 64 KiB, more than the 64 KiB a cell may hold")
	_, err = StreamAttendance("cell.csv", data, 10, func([]models.AttendanceRow) {})
	checkOneShortLine(t, err, "line 2: cell 3 holds")
}

// TestTooManyColumnsRefused checks that a header of more than MaxColumns
// columns is refused in one line, instead of one error per column.
func TestTooManyColumnsRefused(t *testing.T) {
	header := make([]string, 100000)
	for i := range header {
		header[i] = fmt.Sprintf("c%d", i)
	}
	data := []byte(strings.Join(header, ",") + "\n" + strings.Repeat("1,", 99999) + "1\n")
	_, err := ReadTable("wide.csv", bytes.NewReader(data), int64(len(data)))
	checkOneShortLine(t, err, "read wide.csv: line 1: the header has 100,000 columns, more than 1,000")
	_, err = StreamAttendance("wide.csv", data, 10, func([]models.AttendanceRow) {})
	checkOneShortLine(t, err, "the header has 100,000 columns")
	x := xlsxFile(t, header[:MaxColumns+1], nil)
	_, err = ReadTable("wide.xlsx", bytes.NewReader(x), int64(len(x)))
	checkOneShortLine(t, err, "read wide.xlsx: line 1: the header has 1,001 columns, more than 1,000")
}

// TestWrongKindStopsAtHeader checks that a workbook given to the wrong kind
// is refused at its header without reading its rows: the header errors
// come back, and no row is read (a row after the header that could not
// be read at all would otherwise be reported too).
func TestWrongKindStopsAtHeader(t *testing.T) {
	rows := [][]string{{"A1", "E1", "2024-03-05", "chat", "CS-STD-1", "x", "pass", ""}}
	for range 50 {
		rows = append(rows, rows[0])
	}
	x := xlsxFile(t, []string{"audit_ref", "employee_no", "audit_date", "channel", "form_code", "auditor", "GREETING", "notes"}, rows)
	tb, err := ReadTableWith("audits.xlsx", bytes.NewReader(x), int64(len(x)), Options{Kind: models.KindAttendance})
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 0 {
		t.Errorf("%d rows read after a header that is not attendance", len(tb.Rows))
	}
	_, errs := ParseAttendance(tb)
	for _, e := range errs {
		if e.Line != 1 {
			t.Errorf("an error beyond the header: %v", e)
		}
	}
	if len(errs) == 0 {
		t.Error("no header error")
	}
	emitted := 0
	errs, err = StreamAttendance("audits.xlsx", x, 10, func(r []models.AttendanceRow) { emitted += len(r) })
	if err != nil || emitted != 0 || len(errs) == 0 {
		t.Errorf("streamed: %d rows, errors %v, %v", emitted, errs, err)
	}
	// CSV: the row after the header has a broken quote; it is not read
	data := []byte("audit_ref,employee_no\nA1,\"E1\n")
	tb, err = ReadTableWith("a.csv", bytes.NewReader(data), int64(len(data)), Options{Kind: models.KindAttendance})
	if err != nil || len(tb.Problems) != 0 || len(tb.Rows) != 0 {
		t.Fatalf("rows %d, problems %v, err %v", len(tb.Rows), tb.Problems, err)
	}
}

// TestClipShortensQuotedValues checks that a value quoted in a message is
// at most about 60 characters.
func TestClipShortensQuotedValues(t *testing.T) {
	if got := clip(strings.Repeat("ب", 500)); len([]rune(got)) > 61 || !strings.HasSuffix(got, "…") {
		t.Errorf("clip gave %d runes: %q", len([]rune(got)), got)
	}
}
