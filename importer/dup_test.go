package importer

import (
	"fmt"
	"testing"
)

// Rule: a row whose (employee_no ignoring case, date) an earlier row of
// the file has is refused, naming the first such line, however far apart
// the rows are, whichever years and codes come between; rows differing
// only by year, by day (29 February and 1 March, 31 December and 1
// January) or by code are not duplicates. The same for weekly reports'
// (employee_no, week_start). The same again when the pages of first lines
// run out and the keys go to a hash map (maxDatePages lowered to 0 and 2).
func TestDuplicateDatedKeysFoundAnywhere(t *testing.T) {
	for _, pages := range []int{maxDatePages, 2, 0} {
		t.Run(fmt.Sprint(pages, " pages"), func(t *testing.T) {
			defer func(old int) { maxDatePages = old }(maxDatePages)
			maxDatePages = pages
			testDuplicateDatedKeys(t)
		})
	}
}

func testDuplicateDatedKeys(t *testing.T) {
	att := "employee_no,date,status\n" +
		"E1,2024-02-29,present\n" + // 2
		"E1,2024-03-01,present\n" + // 3
		"E1,2024-12-31,present\n" + // 4
		"E1,2025-01-01,present\n" + // 5
		"E2,2024-02-29,present\n" + // 6
		"e1,2025-02-28,present\n" + // 7
		"E3,2025-01-01,present\n" + // 8
		"e1,2024-02-29,absent\n" + // 9: line 2
		"E2,2024-02-29,absent\n" + // 10: line 6
		"E1,2025-01-01,absent\n" + // 11: line 5
		"E3,2024-12-31,present\n" + // 12
		"E1,2024-12-31,absent\n" + // 13: line 4
		"E1,2025-03-01,present\n" + // 14: not line 3 (another year)
		"E3,2025-12-31,present\n" // 15: not line 12
	_, errs := ParseAttendance(readCSVText(t, att))
	var got []string
	for _, e := range errs {
		got = append(got, fmt.Sprintf("%d %s %s", e.Line, e.Column, e.Reason))
	}
	want := []string{
		"9 date duplicate: line 2 has the same employee_no and date",
		"10 date duplicate: line 6 has the same employee_no and date",
		"11 date duplicate: line 5 has the same employee_no and date",
		"13 date duplicate: line 4 has the same employee_no and date",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("attendance errors\n%q\nwant\n%q", got, want)
	}

	wk := "employee_no,week_start,submitted_on,summary\n" +
		"E1,2024-12-29,2025-01-02,a\n" + // 2
		"E2,2024-12-29,2025-01-02,a\n" + // 3
		"E1,2025-01-05,2025-01-06,a\n" + // 4
		"e2,2024-12-29,2025-01-03,b\n" // 5: line 3
	_, errs = ParseWeekly(readCSVText(t, wk))
	got = nil
	for _, e := range errs {
		got = append(got, fmt.Sprintf("%d %s %s", e.Line, e.Column, e.Reason))
	}
	want = []string{"5 week_start duplicate: line 3 has the same employee_no and week_start"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("weekly errors\n%q\nwant\n%q", got, want)
	}
}
