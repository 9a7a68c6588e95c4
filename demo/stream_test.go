package demo

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"testing"

	"sullam/importer"
	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// exportCSV returns the five import kinds exported from st as the CSV
// files of spec/import-formats.md, and the number of accounts.
func exportCSV(t *testing.T, st *store.Store) map[string]string {
	t.Helper()
	a := store.SystemActor("t")
	var items, comps []string
	for _, it := range scoring.DefaultAuditForm() {
		items = append(items, it.Code)
	}
	for _, c := range scoring.DefaultCompetencies() {
		comps = append(comps, c.Code)
	}
	out := map[string]string{}
	put := func(kind string, h []string, rows [][]string) {
		var buf bytes.Buffer
		if err := importer.WriteCSV(&buf, h, rows); err != nil {
			t.Fatalf("write %s: %v", kind, err)
		}
		out[kind] = buf.String()
	}
	agents, err := st.ExportAgents(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	var ags []string
	for _, r := range agents {
		ags = append(ags, fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s", r.Agent.EmployeeNo, r.Agent.FullName, r.Agent.Role, r.Agent.RoleStartDate, r.Agent.HireDate, r.Agent.Team, r.Agent.Status, r.SupervisorNo))
	}
	out["agents"] = fmt.Sprint(ags)
	var att []models.AttendanceRow
	if err := st.EachAttendance(t.Context(), a, func(r models.AttendanceRow) error { att = append(att, r); return nil }); err != nil {
		t.Fatal(err)
	}
	h, rows := importer.AttendanceTable(att)
	put("attendance", h, rows)
	audits, err := st.ExportAudits(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	h, rows = importer.AuditsTable(audits, items)
	put("audits", h, rows)
	weekly, err := st.ExportWeekly(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	h, rows = importer.WeeklyTable(weekly)
	put("weekly", h, rows)
	reviews, err := st.ExportReviews(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	h, rows = importer.ReviewsTable(reviews, comps)
	put("reviews", h, rows)
	cands, err := st.Recruitment().ExportCandidates(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	out["candidates"] = fmt.Sprint(len(cands))
	users, err := st.Accounts().ListUsers(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	out["accounts"] = fmt.Sprint(len(users))
	return out
}

// Rule (issue 17): a planned demo (Plan), whose inputs Load draws and
// streams through the imports agent by agent instead of holding them all,
// fills the database exactly as Generate's data with the same options
// does: every exported row of every kind the same, and the same counts.
func TestPlannedDemoLoadsTheSameData(t *testing.T) {
	if testing.Short() {
		t.Skip("loads two databases")
	}
	// more agents than one drawing batch, so that batches join up
	o := Options{Agents: streamBatch + 44, Years: 2, Seed: 5, Today: today, DemoPassword: "planned-demo-pw"}
	gen := mustGenerate(t, o)
	planned, err := Plan(o)
	if err != nil {
		t.Fatal(err)
	}
	if len(planned.Attendance)+len(planned.Audits)+len(planned.Weekly)+len(planned.Reviews) != 0 {
		t.Fatalf("Plan holds input rows")
	}
	st1, _ := loadTemp(t, gen)
	st2, _ := loadTemp(t, planned)
	if planned.Counts != gen.Counts || gen.Counts.Attendance != len(gen.Attendance) || gen.Counts.Weekly != len(gen.Weekly) {
		t.Errorf("planned demo wrote %+v rows, Generate's data has %+v (%d attendance, %d weekly)",
			planned.Counts, gen.Counts, len(gen.Attendance), len(gen.Weekly))
	}
	want, got := exportCSV(t, st1), exportCSV(t, st2)
	for kind, w := range want {
		if got[kind] != w {
			t.Errorf("%s: the planned demo's export differs from Generate's (%d vs %d bytes)", kind, len(got[kind]), len(w))
		}
	}
	if len(want["weekly"]) < 1000 || len(want["attendance"]) < 1000 {
		t.Errorf("too little data to compare: %d bytes of weekly reports, %d of attendance", len(want["weekly"]), len(want["attendance"]))
	}
}

// Rule (issue 17, a demo killed half way): the spool's files are unlinked
// as soon as they are created and read back through their open handles,
// so that a killed demo leaves nothing in the temporary folder; the rows
// still read back whole.
func TestSpoolLeavesNoFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("an open file cannot be unlinked on Windows")
	}
	g, _, err := newGenerator(Options{Agents: 30, Years: 1, Seed: 2, Today: today, DemoPassword: "planned-demo-pw"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var days, chunks int
	sp, err := g.writeSpool(dir, func(rows []models.AttendanceRow) error {
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%d spool files in the folder while the attendance is drawn, want 0", len(left))
		}
		days += len(rows)
		chunks++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.close()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("%d spool files left in the folder while the demo loads, want 0", len(left))
	}
	if days != sp.total(spoolAttendance) || days == 0 || chunks == 0 {
		t.Errorf("handed %d attendance days in %d chunks, drew %d", days, chunks, sp.total(spoolAttendance))
	}
	audits, err := spoolRows[models.AuditRow](sp, spoolAudits, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(audits) != sp.total(spoolAudits) || len(audits) == 0 {
		t.Errorf("read back %d audits of %d", len(audits), sp.total(spoolAudits))
	}
}

// Rule (issue 17): the spool, now gob for every kind, gives back a weekly
// report's number of interactions as written: 0 stays 0 (gob alone would
// read a pointer to 0 back as nil), none stays none, 7 stays 7.
func TestWeeklySpoolKeepsZeroInteractions(t *testing.T) {
	zero, seven, rating := 0, 7, 4
	rows := []models.WeeklyRow{
		{Line: 2, EmployeeNo: "E1", Report: models.WeeklyReport{WeekStart: today, Interactions: &zero, Rating: &rating}},
		{Line: 3, EmployeeNo: "E1", Report: models.WeeklyReport{WeekStart: today.AddDays(7)}},
		{Line: 4, EmployeeNo: "E2", Report: models.WeeklyReport{WeekStart: today, Interactions: &seven}},
	}
	var buf bytes.Buffer
	if err := newEncoder(spoolWeekly, &buf).Encode(toWeeklySpool(rows)); err != nil {
		t.Fatal(err)
	}
	var held []weeklySpoolRow
	if err := newDecoder(spoolWeekly, &buf).Decode(&held); err != nil {
		t.Fatal(err)
	}
	got := fromWeeklySpool(held)
	if !reflect.DeepEqual(got, rows) {
		t.Errorf("read back %+v, want %+v", got, rows)
	}
	if rows[0].Report.Interactions == nil || *rows[0].Report.Interactions != 0 {
		t.Errorf("toWeeklySpool changed its input")
	}
}

// Rule (issue 17): the drawing stops at the attendance import's first
// error and returns it, instead of drawing every agent for nothing.
func TestSpoolStopsAtTheAttendanceError(t *testing.T) {
	g, _, err := newGenerator(Options{Agents: streamBatch * 3, Years: 2, Seed: 2, Today: today, DemoPassword: "planned-demo-pw"})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("the import failed")
	calls := 0
	sp, err := g.writeSpool(t.TempDir(), func([]models.AttendanceRow) error { calls++; return boom })
	if !errors.Is(err, boom) || sp != nil {
		t.Errorf("writeSpool: %v (spool %v), want the attendance error and no spool", err, sp)
	}
	if calls != 1 {
		t.Errorf("attendance handed on %d times after the error, want once", calls)
	}
}
