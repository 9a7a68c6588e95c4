package importer

import (
	"reflect"
	"strings"
	"testing"

	"sullam/models"
)

// checkStreamSame checks the rule of StreamAttendance: streaming a file, in
// chunks of any size, gives the same errors as parsing it whole and, when
// there are none, the same rows in the same order. (With errors the import
// is refused, so rows streamed before an error was seen do not matter.)
func checkStreamSame(t *testing.T, text string, want []models.AttendanceRow, wantErrs []models.RowError) {
	t.Helper()
	checkStreamSameWith(t, StreamAttendance, text, want, wantErrs)
}

// checkStreamSameWith is checkStreamSame for the streaming parser stream.
func checkStreamSameWith[T any](t *testing.T, stream func(string, []byte, int, func([]T)) ([]models.RowError, error),
	text string, want []T, wantErrs []models.RowError) {
	t.Helper()
	for _, chunk := range []int{1, 2, 1000} {
		var got []T
		calls := 0
		errs, err := stream("a.csv", []byte(text), chunk, func(rows []T) {
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

// Rule: streaming a weekly-reports file gives ParseWeekly's rows and errors:
// the week must start on a Sunday, be submitted on or after its start, and
// appear once per employee.
func TestStreamWeeklySameAsParse(t *testing.T) {
	for _, text := range []string{
		"employee_no,week_start,submitted_on,rating,interactions,summary\n" +
			"E1,2024-03-03,2024-03-08,4,120,calls\nE1,2024-03-10,2024-03-15,,,\nE2,2024-03-03,2024-03-09,5,90,\"a, b\"\n",
		"employee_no,week_start,submitted_on\n" +
			"E1,2024-03-04,2024-03-08\n" + // a Monday
			"E1,2024-03-10,2024-03-09\n" + // submitted before its start
			"E2,2024-03-03,2024-03-08\nE2,2024-03-03,2024-03-09\n", // the same week twice
		"employee_no,submitted_on\nE1,2024-03-08\n", // week_start missing
	} {
		rows, errs := ParseWeekly(readCSVText(t, text))
		if bad := strings.Contains(text, "E2,2024-03-03,2024-03-08\n"); bad && len(errs) != 3 {
			t.Errorf("the bad file gave %d errors, want 3: %v", len(errs), errs)
		}
		checkStreamSameWith(t, StreamWeekly, text, rows, errs)
	}
}
