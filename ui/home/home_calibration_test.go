package home

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
)

// Rule: the manager's calibration shows each supervisor's n beside their
// name, says that a supervisor with fewer rated agents than the policy's
// minimum is not flagged, and still flags one at the minimum.
func TestHomeCalibrationMinimumShown(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	rows := []scoring.CalibrationInput{}
	add := func(sup uint, n int, rev, q scoring.Cents) {
		for i := 0; i < n; i++ {
			rows = append(rows, scoring.CalibrationInput{SupervisorID: sup, Review: rev, HasReview: true, Quality: q, HasQuality: true})
		}
	}
	add(1, 2, 9900, 7000) // very lenient, but only 2 agents
	add(2, 5, 6000, 8000) // harsh, 5 agents
	add(3, 5, 8500, 8000)
	var cal []store.SupervisorCalibration
	names := map[uint]string{1: "Few Sup", 2: "Harsh Sup", 3: "Fair Sup"}
	for _, c := range scoring.Calibrate(rows, store.CalibrationTolerance, 5) {
		cal = append(cal, store.SupervisorCalibration{Name: names[c.SupervisorID], Calibration: c})
	}
	d := store.Dashboard{Manager: &store.ManagerDashboard{Year: 2025, Readiness: map[models.ReadinessStatus]int{},
		TeamMeans: map[string][]store.TeamMean{}, Calibration: cal, CalibrationMin: 5}}
	mgr := store.Actor{Roles: []models.Role{models.RoleManager}}
	w := test.NewWindow(nil)
	defer w.Close()
	h := NewHome(uitest.FakeHomeStore{D: d, Clock: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}, mgr, models.User{FullName: "Boss"})
	w.SetContent(h.Content())
	uitest.WaitFor(t, "the manager dashboard", func() bool { return len(h.Body.Objects) > 0 })
	text := uitest.TextIn(h.Body)
	if !strings.Contains(text, "Few Sup: only 2 rated agents (minimum 5), not flagged") {
		t.Errorf("no too-few line for Few Sup in:\n%s", text)
	}
	if strings.Contains(text, "Few Sup rates") {
		t.Errorf("Few Sup (2 agents) is flagged:\n%s", text)
	}
	if !strings.Contains(text, "Harsh Sup rates harshly") {
		t.Errorf("Harsh Sup (5 agents) not flagged:\n%s", text)
	}
}

// TestMain runs the screens' UI callbacks on the test's goroutine
// (uitest.Main), as the window's tests always have.
func TestMain(m *testing.M) { uitest.Main(m) }
