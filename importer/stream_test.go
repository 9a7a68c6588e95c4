package importer

import (
	"reflect"
	"testing"

	"sullam/models"
)

// checkStreamSame checks the rule of StreamAttendance: streaming a file, in
// chunks of any size, gives the same errors as parsing it whole and, when
// there are none, the same rows in the same order. (With errors the import
// is refused, so rows streamed before an error was seen do not matter.)
func checkStreamSame(t *testing.T, text string, want []models.AttendanceRow, wantErrs []models.RowError) {
	t.Helper()
	for _, chunk := range []int{1, 2, 1000} {
		var got []models.AttendanceRow
		calls := 0
		errs, err := StreamAttendance("a.csv", []byte(text), chunk, func(rows []models.AttendanceRow) {
			calls++
			if len(rows) == 0 || len(rows) > chunk {
				t.Errorf("chunk %d: emitted %d rows", chunk, len(rows))
			}
			got = append(got, rows...)
		})
		if err != nil {
			t.Fatalf("chunk %d: %v", chunk, err)
		}
		if len(wantErrs) == 0 && (len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want))) {
			t.Errorf("chunk %d: streamed rows %+v, parsed whole %+v", chunk, got, want)
		}
		if !reflect.DeepEqual(errs, wantErrs) {
			t.Errorf("chunk %d: streamed errors %v, parsed whole %v", chunk, errs, wantErrs)
		}
		if wantCalls := (len(want) + chunk - 1) / chunk; len(wantErrs) == 0 && calls != wantCalls {
			t.Errorf("chunk %d: %d chunks for %d rows, want %d", chunk, calls, len(want), wantCalls)
		}
	}
}

// Rule: the header is checked as in a whole-file parse, a column without a
// name that holds values is an error, broken rows are reported, and a file
// that is not a table is a file error.
func TestStreamAttendanceHeaderAndFile(t *testing.T) {
	for _, text := range []string{
		"employee_no,date,status\nE1,2024-03-05,present\n\"E2,2024-03-06,present\nE3,2024-03-06,present\n",
		"employee_no,date\nE1,2024-03-05\n",                                           // status missing
		"employee_no,dte,status\nE1,2024-03-05,present\n",                             // misspelt column
		"employee_no,date,status,\nE1,2024-03-05,present,\nE1,2024-03-06,present,x\n", // a value under no name
		"employee_no,date,status,\nE1,2024-03-05,present,\n",                          // an empty column without a name is fine
		"employee_no,date,status\nE1,2024-03-05,present,extra\n",                      // too many fields
		"employee_no,date,status\n",                                                   // header only
	} {
		rows, errs := ParseAttendance(readCSVText(t, text))
		checkStreamSame(t, text, rows, errs)
	}
	if _, err := StreamAttendance("a.csv", nil, 10, func([]models.AttendanceRow) {}); err == nil {
		t.Error("an empty file streamed without a file error")
	}
	if _, err := StreamAttendance("a.txt", []byte("x\n"), 10, func([]models.AttendanceRow) {}); err == nil {
		t.Error("a .txt file streamed without a file error")
	}
}
