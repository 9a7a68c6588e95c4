package scoring

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sullam/internal/testenv"
	"sullam/models"
)

// examplesDir holds the shared example data set with its expected outputs.
const examplesDir = "../../shared/examples/small"

type exampleAgent struct {
	no, name, role, status string
	roleStart              models.Date
}

type exampleData struct {
	agents     []exampleAgent
	attendance map[string][]AttendanceRecord
	audits     map[string][]DatedScore
	weekly     map[string][]WeeklyReport
	reviews    map[string][]Review
}

// readCSV reads a CSV file as header-keyed rows.
func readCSV(t *testing.T, name string) (header []string, rows [][]string) {
	t.Helper()
	f, err := os.Open(filepath.Join(examplesDir, name))
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return all[0], all[1:]
}

func atoiOrZero(t *testing.T, s string) int {
	t.Helper()
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("bad integer %q: %v", s, err)
	}
	return n
}

func loadExamples(t *testing.T) exampleData {
	t.Helper()
	testenv.NeedPath(t, examplesDir)
	d := exampleData{
		attendance: map[string][]AttendanceRecord{},
		audits:     map[string][]DatedScore{},
		weekly:     map[string][]WeeklyReport{},
		reviews:    map[string][]Review{},
	}
	_, rows := readCSV(t, "agents.csv")
	for _, r := range rows {
		d.agents = append(d.agents, exampleAgent{no: r[0], name: r[1], role: r[3], roleStart: models.MustDate(r[4]), status: r[6]})
	}
	_, rows = readCSV(t, "attendance.csv")
	for _, r := range rows {
		d.attendance[r[0]] = append(d.attendance[r[0]], AttendanceRecord{
			Date: models.MustDate(r[1]), Status: models.AttendanceStatus(r[2]),
			LateMinutes: atoiOrZero(t, r[3]), EarlyLeaveMinutes: atoiOrZero(t, r[4]),
		})
	}
	form := DefaultAuditForm()
	header, rows := readCSV(t, "audits.csv")
	for _, r := range rows {
		answers := make([]models.Answer, len(form))
		for i, it := range form {
			col := slices.Index(header, it.Code)
			if col < 0 {
				t.Fatalf("audits.csv: no column %s", it.Code)
			}
			answers[i] = models.Answer(r[col])
		}
		s, err := AuditScore(form, answers)
		if err != nil {
			t.Fatalf("audit %s: %v", r[0], err)
		}
		d.audits[r[1]] = append(d.audits[r[1]], DatedScore{Date: models.MustDate(r[2]), Score: s})
	}
	_, rows = readCSV(t, "weekly.csv")
	for _, r := range rows {
		d.weekly[r[0]] = append(d.weekly[r[0]], WeeklyReport{
			WeekStart: models.MustDate(r[1]), SubmittedOn: models.MustDate(r[2]), Rating: atoiOrZero(t, r[3]),
		})
	}
	header, rows = readCSV(t, "reviews.csv")
	for _, r := range rows {
		ratings := map[string]int{}
		for _, c := range DefaultCompetencies() {
			ratings[c.Code] = atoiOrZero(t, r[slices.Index(header, c.Code)])
		}
		d.reviews[r[0]] = append(d.reviews[r[0]], Review{Date: models.MustDate(r[1]), Ratings: ratings})
	}
	return d
}

// evaluate computes agent no's annual evaluation of year the way the store
// will: stream the attendance through a tally, then Evaluate; it also says
// whether the agent has any record in year.
func (d exampleData) evaluate(p Policy, no string, year int) (Annual, bool) {
	t := NewAttendanceTally(p, year)
	for _, r := range d.attendance[no] {
		t.Add(r)
	}
	in := Inputs{Attendance: t, AuditScores: d.audits[no], Reports: d.weekly[no], Reviews: d.reviews[no]}
	return Evaluate(p, year, in), in.HasRecordIn(year)
}

func scoreText(c Cents, ok bool) string {
	if !ok {
		return ""
	}
	return c.String()
}

// reasonComponents keeps only the component names of a reasons cell.
func reasonComponents(s string) string {
	if s == "" {
		return ""
	}
	var names []string
	for _, part := range strings.Split(s, ";") {
		name, _, _ := strings.Cut(part, ":")
		names = append(names, name)
	}
	return strings.Join(names, ";")
}

func compareRows(t *testing.T, file string, got [][]string, reasonsCol int) {
	t.Helper()
	_, want := readCSV(t, file)
	if reasonsCol >= 0 {
		for _, rows := range [][][]string{got, want} {
			for _, r := range rows {
				r[reasonsCol] = reasonComponents(r[reasonsCol])
			}
		}
	}
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w []string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if !slices.Equal(g, w) {
			t.Errorf("%s row %d:\n got %q\nwant %q", file, i+1, g, w)
		}
	}
}

// TestExamplesScore: spec/cli.md `score` on the shared example data matches
// the expected files (reasons compared by component name).
func TestExamplesScore(t *testing.T) {
	d := loadExamples(t)
	p := DefaultPolicy()
	for _, year := range []int{2024, 2025} {
		t.Run(strconv.Itoa(year), func(t *testing.T) {
			var got [][]string
			for _, a := range d.agents {
				ann, any := d.evaluate(p, a.no, year)
				if !any {
					continue
				}
				row := []string{a.no, a.name, strconv.Itoa(year)}
				for _, c := range ann.Components {
					row = append(row, scoreText(c.Score, c.Sufficient))
				}
				row = append(row, scoreText(ann.Score, ann.Complete), string(ann.Status()), ann.ReasonText())
				got = append(got, row)
			}
			slices.SortFunc(got, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
			compareRows(t, "expected-score-"+strconv.Itoa(year)+".csv", got, 9)
		})
	}
}

// TestExamplesPromotions: spec/cli.md `promotions` on the shared example
// data matches the expected files.
func TestExamplesPromotions(t *testing.T) {
	d := loadExamples(t)
	p := DefaultPolicy()
	for _, asOf := range []string{"2025-12-31", "2027-03-01"} {
		t.Run(asOf, func(t *testing.T) {
			D := models.MustDate(asOf)
			var got [][]string
			for _, a := range d.agents {
				if a.status != string(models.Active) {
					continue
				}
				var years []YearResult
				for _, y := range YearsToCount(a.roleStart, D) {
					ann, _ := d.evaluate(p, a.no, y)
					years = append(years, ann.Result())
				}
				r := Assess(p, a.role, a.roleStart, D, years)
				got = append(got, []string{
					a.no, a.name, r.Role, r.NextRole, r.YearsInRole.String(),
					strconv.Itoa(r.CountedYears()), scoreText(r.Cumulative, r.HasCumulative),
					string(r.Status), strconv.FormatBool(r.Overdue), scoreText(r.RequiredNext, r.HasRequiredNext),
				})
			}
			slices.SortFunc(got, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
			compareRows(t, "expected-promotions-"+asOf+".csv", got, -1)
		})
	}
}
