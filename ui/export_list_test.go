package ui

import (
	"encoding/csv"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/evaluation"
	"sullam/ui/i18n"
	"sullam/ui/promotions"
	"sullam/ui/recruitment"
	"sullam/ui/settings"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// readCSVFile reads a saved CSV export (BOM stripped).
func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// column returns the values of the named column of a table with a header.
func column(t *testing.T, recs [][]string, name string) []string {
	t.Helper()
	if len(recs) == 0 {
		t.Fatal("empty file")
	}
	i := slices.Index(recs[0], name)
	if i < 0 {
		t.Fatalf("no %s column in %q", name, recs[0])
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[i])
	}
	return out
}

// Rule: the agents list's Export CSV and Export XLSX buttons save the
// agents the signed-in user may see (a supervisor: their own team only,
// enforced by the store) and the screen's current filter, in the import
// format, then offer to open the file.
func TestAgentsExportSupervisorScopeAndFilter(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 10) // E0000 supervises E0002, E0004, E0006, E0008
	sup, err := st.Agent(t.Context(), store.SystemActor("test"), "E0000")
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.Accounts().CreateUser(t.Context(), store.SystemActor("test"), store.NewUser{Username: "sup", Password: "correct horse battery", Roles: []models.Role{models.RoleSupervisor}, AgentID: &sup.ID})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var chosen []string
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 800))
	var opened []string
	s := agents.NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: store.ActorOf(u), SaveAs: uitest.SavingTo(dir, &chosen),
		OpenURL: func(u *url.URL) error { opened = append(opened, u.String()); return nil }})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the team list", func() bool { return s.Total == 4 })

	test.Tap(uitest.FindButton(w.Content(), "Export CSV"))
	path := filepath.Join(dir, "agents.csv")
	uitest.WaitFor(t, "the CSV export", func() bool { return uitest.FileWritten(path) })
	got := column(t, readCSVFile(t, path), "employee_no")
	if want := []string{"E0002", "E0004", "E0006", "E0008"}; !slices.Equal(got, want) {
		t.Errorf("supervisor's export holds %q, want their team %q", got, want)
	}
	if !uitest.DialogOpen(w) {
		t.Fatal("no offer to open the saved file")
	}
	uitest.TapIn(t, w, "Yes")
	if want := "file://" + filepath.ToSlash(path); !slices.Equal(opened, []string{want}) {
		t.Errorf("opened %q, want the saved file %s", opened, want)
	}

	// The search narrows the export as it narrows the list (every page).
	test.Type(s.Search, "E0004")
	uitest.WaitFor(t, "the search", func() bool { return s.Total == 1 })
	test.Tap(uitest.FindButton(w.Content(), "Export XLSX"))
	xpath := filepath.Join(dir, "agents.xlsx")
	uitest.WaitFor(t, "the XLSX export", func() bool { return uitest.FileWritten(xpath) })
	f, err := excelize.OpenFile(xpath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if got := column(t, rows, "employee_no"); !slices.Equal(got, []string{"E0004"}) {
		t.Errorf("filtered XLSX export holds %q, want E0004 only", got)
	}
	if len(chosen) != 2 {
		t.Errorf("save paths asked %d times, want 2", len(chosen))
	}
}

// auditWorld makes a store whose audit log holds changes by two people on
// three days, and the change-history view of a manager over it.
func auditWorld(t *testing.T) (*settings.AuditLogView, fyne.Window, string) {
	t.Helper()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	st, err := store.Open(filepath.Join(t.TempDir(), "log.db"), store.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for deadline := time.Now().Add(10 * time.Second); !widgets.Background.Drain() && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		st.Close()
	})
	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	mgrUser := uitest.MustTestUser(t, st, "mgr1", models.RoleManager)
	ag, err := st.SaveAgent(t.Context(), hr, models.Agent{EmployeeNo: "E1", FullName: "Huda Saleh", Team: "A",
		HireDate: models.MustDate("2021-01-03"), Role: "csr", RoleStartDate: models.MustDate("2021-01-03")})
	if err != nil {
		t.Fatal(err)
	}
	now = time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)
	ag.Team = "B"
	if _, err := st.SaveAgent(t.Context(), hr, ag); err != nil {
		t.Fatal(err)
	}
	now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	if _, err := st.SaveAgent(t.Context(), store.ActorOf(mgrUser), models.Agent{EmployeeNo: "E2", FullName: "Omar Nasser", Team: "A",
		HireDate: models.MustDate("2022-01-03"), Role: "csr", RoleStartDate: models.MustDate("2022-01-03")}); err != nil && !strings.Contains(err.Error(), "forbidden") {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var chosen []string
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1300, 800))
	v := settings.NewAuditLogView(st, w, store.ActorOf(mgrUser), uitest.SavingTo(dir, &chosen))
	w.SetContent(v.Content())
	uitest.WaitFor(t, "the change history", func() bool { return len(v.Rows) > 0 && len(v.People) > 0 })
	return v, w, dir
}

// rowsOf returns the rows of the view whose entity is entity.
func rowsOf(v *settings.AuditLogView, entity string) []models.AuditLog {
	var out []models.AuditLog
	for _, r := range v.Rows {
		if r.Entity == entity {
			out = append(out, r)
		}
	}
	return out
}

// Rule: the change history shows translated column headers (When, Who,
// What, On what, Change), never translation keys, and each change in
// plain words: an update lists the fields changed, translated, old → new.
func TestAuditLogReadable(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	v, w, _ := auditWorld(t)
	for _, h := range []string{"When", "Who", "What", "On what", "Change"} {
		if !uitest.FindLabel(w.Content(), h) {
			t.Errorf("no %q column header", h)
		}
	}
	if uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Label)
		return ok && strings.HasPrefix(l.Text, "audit.")
	}) != nil {
		t.Error("a raw translation key is shown")
	}
	var upd *models.AuditLog
	for _, r := range rowsOf(v, "agent") {
		if r.Action == "update" {
			upd = &r
		}
	}
	if upd == nil {
		t.Fatal("no agent update in the log")
	}
	if got := v.Words.Describe(*upd); got != "Team: A → B" {
		t.Errorf("update described as %q, want %q", got, "Team: A → B")
	}
	if got := v.Words.Cell(*upd, 2) + " / " + v.Words.Cell(*upd, 3); got != "Changed / Agent E1" {
		t.Errorf("what / on what = %q", got)
	}
	i18n.Use("ar")
	defer i18n.Use("en")
	if got := v.Words.Describe(*upd); got != "الفريق: A → B" {
		t.Errorf("Arabic description %q", got)
	}
}

// Rule: the history's filters narrow it by person, by kind of change and by
// date range (both days included), and Export CSV saves exactly the changes
// the filters select, with their plain-language description.
func TestAuditLogFiltersAndExport(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	v, w, dir := auditWorld(t)

	v.Person.SetSelected("hr1")
	uitest.WaitFor(t, "the person filter", func() bool {
		return len(v.Rows) > 0 && !slices.ContainsFunc(v.Rows, func(r models.AuditLog) bool { return r.Username != "hr1" })
	})
	if n := len(rowsOf(v, "agent")); n != 2 {
		t.Errorf("hr1's agent changes = %d, want 2 (create, update)", n)
	}
	v.Action.SetSelected("Changed")
	uitest.WaitFor(t, "the kind filter", func() bool { return len(v.Rows) == 1 && v.Rows[0].Action == "update" })

	v.Action.SetSelectedIndex(0)
	v.Person.SetSelectedIndex(0)
	test.Type(v.From, "2026-03-05")
	test.Type(v.To, "2026-03-10")
	test.Tap(v.Apply)
	uitest.WaitFor(t, "the date range", func() bool {
		return len(v.Rows) > 0 && !slices.ContainsFunc(v.Rows, func(r models.AuditLog) bool {
			d := r.At.UTC().Format("2006-01-02")
			return d < "2026-03-05" || d > "2026-03-10"
		})
	})
	if slices.ContainsFunc(v.Rows, func(r models.AuditLog) bool { return r.At.UTC().Day() == 1 }) {
		t.Error("a change of 1 March is inside 5–10 March")
	}
	if !slices.ContainsFunc(v.Rows, func(r models.AuditLog) bool { return r.At.UTC().Day() == 10 }) {
		t.Error("the To day (10 March) is not included")
	}

	v.Person.SetSelected("hr1")
	uitest.WaitFor(t, "hr1 in the range", func() bool { return len(v.Rows) == 1 })
	test.Tap(uitest.FindButton(w.Content(), "Export CSV"))
	path := filepath.Join(dir, "audit-log.csv")
	uitest.WaitFor(t, "the audit-log export", func() bool { return uitest.FileWritten(path) })
	recs := readCSVFile(t, path)
	if got := column(t, recs, "username"); !slices.Equal(got, []string{"hr1"}) {
		t.Errorf("exported people %q, want the one filtered change of hr1", got)
	}
	if got := column(t, recs, "description"); !slices.Equal(got, []string{"Team: A → B"}) {
		t.Errorf("exported description %q", got)
	}

	v.To.SetText("")
	test.Type(v.To, "10/03/2026x")
	test.Tap(v.Apply)
	if !strings.Contains(v.Status.Text, "To") || !strings.Contains(v.Status.Text, "10/03/2026x") {
		t.Errorf("a bad date says %q, want the field and the value", v.Status.Text)
	}
}

// Rule: on an agent's profile, with a year shown, the Evaluation report
// (PDF) button saves that year's report (the `sullam report evaluation`
// code) to the chosen path: a PDF that carries the agent's name.
func TestProfileEvaluationReportPDF(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	sys := store.SystemActor("test")
	found, err := st.ListAgents(t.Context(), sys, store.AgentFilter{Limit: 1})
	if err != nil || len(found) == 0 {
		t.Fatalf("no demo agent: %v", err)
	}
	ag := found[0]
	ag.FullName = "Huda Saleh Example"
	if ag, err = st.SaveAgent(t.Context(), sys, ag); err != nil {
		t.Fatal(err)
	}
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	dir := t.TempDir()
	var chosen []string
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1300, 900))
	s := agents.NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr, SaveAs: uitest.SavingTo(dir, &chosen)})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the agents list", func() bool { return s.Total > 0 && len(s.Ladder) > 0 })
	s.OpenProfile(ag)
	tabs, _ := uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool { _, ok := o.(*widgets.ReadingTabs); return ok }).(*widgets.ReadingTabs)
	if tabs == nil {
		t.Fatal("no profile tabs")
	}
	tabs.SelectIndex(len(tabs.Items) - 1) // annual evaluations
	var btn *widget.Button
	uitest.WaitFor(t, "a year's breakdown", func() bool {
		btn = uitest.FindButton(w.Content(), "Evaluation report (PDF)")
		return btn != nil
	})
	test.Tap(btn)
	uitest.WaitFor(t, "the report", func() bool { return len(chosen) == 1 && uitest.FileWritten(chosen[0]) })
	if !strings.HasPrefix(filepath.Base(chosen[0]), "evaluation-"+ag.EmployeeNo+"-") {
		t.Errorf("suggested name %s", filepath.Base(chosen[0]))
	}
	b, err := os.ReadFile(chosen[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("the report is not a PDF: %q", b[:min(len(b), 16)])
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: the name is not checked")
		return
	}
	out, err := exec.Command("pdftotext", chosen[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "Huda Saleh Example") {
		t.Errorf("the report does not name the agent:\n%s", out)
	}
}

// Rule: the promotion board's Export PDF and Export XLSX buttons save the
// rows shown (the search applied) by the report package to the chosen
// path, then offer to open the file.
func TestPromotionBoardExports(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 6)
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	dir := t.TempDir()
	var chosen []string
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 800))
	s := promotions.NewPromotionsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr, SaveAs: uitest.SavingTo(dir, &chosen)})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the board", func() bool { return len(s.Rows) == 6 })
	test.Type(s.Search, "E0003")
	uitest.WaitFor(t, "the search", func() bool { return len(s.Rows) == 1 })

	test.Tap(s.ExportXLSX)
	uitest.WaitFor(t, "the XLSX", func() bool { return len(chosen) == 1 && uitest.FileWritten(chosen[0]) })
	if !uitest.DialogOpen(w) {
		t.Error("no offer to open the saved board")
	}
	uitest.TapIn(t, w, "No")
	f, err := excelize.OpenFile(chosen[0])
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, "|"))
	}
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "E0003") || strings.Contains(all, "E0004") {
		t.Errorf("the XLSX does not hold exactly the row shown:\n%s", all)
	}

	test.Tap(s.ExportPDF)
	uitest.WaitFor(t, "the PDF", func() bool { return len(chosen) == 2 && uitest.FileWritten(chosen[1]) })
	b, err := os.ReadFile(chosen[1])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "%PDF") || filepath.Ext(chosen[1]) != ".pdf" {
		t.Errorf("%s is not a PDF", chosen[1])
	}
}

// selectTab taps the button of the tab titled title in the first tab bar
// of w.
func selectTab(t *testing.T, w fyne.Window, title string) {
	t.Helper()
	tabs, _ := uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool { _, ok := o.(*widgets.ReadingTabs); return ok }).(*widgets.ReadingTabs)
	if tabs == nil {
		t.Fatal("no tabs")
	}
	for i, it := range tabs.Items {
		if it.Text == title {
			test.Tap(tabs.Buttons[i])
			return
		}
	}
	t.Fatalf("no %q tab", title)
}

// exportCSV taps the shown Export CSV button and returns the saved file's rows.
func exportCSV(t *testing.T, w fyne.Window, path string) [][]string {
	t.Helper()
	b := uitest.FindButton(w.Content(), "Export CSV")
	if b == nil {
		t.Fatalf("no Export CSV button for %s", filepath.Base(path))
	}
	test.Tap(b)
	uitest.WaitFor(t, filepath.Base(path), func() bool { return uitest.FileWritten(path) })
	if uitest.DialogOpen(w) {
		uitest.TapIn(t, w, "No")
	}
	return readCSVFile(t, path)
}

// Rule: a supervisor's exports of the weekly reports (rating queue), the
// reviews and the year's evaluations hold their own team only (the store's
// scope), and are not empty.
func TestWorkListExportsSupervisorScope(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	sys := store.SystemActor("test")
	all, err := st.ListAgents(t.Context(), sys, store.AgentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// The supervisor with the most agents, and their team.
	teams := map[uint][]string{}
	for _, ag := range all {
		if ag.SupervisorID != nil {
			teams[*ag.SupervisorID] = append(teams[*ag.SupervisorID], ag.EmployeeNo)
		}
	}
	var supID uint
	for id, team := range teams {
		if len(team) > len(teams[supID]) {
			supID = id
		}
	}
	if supID == 0 || len(teams[supID]) == len(all) {
		t.Fatal("the demo has no supervisor with a team smaller than the whole")
	}
	team := map[string]bool{}
	for _, no := range teams[supID] {
		team[no] = true
	}
	u, err := st.Accounts().CreateUser(t.Context(), sys, store.NewUser{Username: "sup", Password: "correct horse battery", Roles: []models.Role{models.RoleSupervisor}, AgentID: &supID})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var chosen []string
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1400, 900))
	s := evaluation.NewEvaluationsScreen(widgets.Deps{Store: st, Win: w, Actor: store.ActorOf(u), SaveAs: uitest.SavingTo(dir, &chosen)})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the evaluations area", func() bool { return true })

	check := func(what string, recs [][]string) {
		t.Helper()
		nos := column(t, recs, "employee_no")
		if len(nos) == 0 {
			t.Errorf("%s: the supervisor's export is empty", what)
		}
		for _, no := range nos {
			if !team[no] {
				t.Errorf("%s: the supervisor's export holds %s, not of their team", what, no)
				return
			}
		}
	}
	selectTab(t, w, "Reports to rate")
	check("weekly reports", exportCSV(t, w, filepath.Join(dir, "weekly.csv")))
	selectTab(t, w, "Supervisor reviews")
	check("reviews", exportCSV(t, w, filepath.Join(dir, "reviews.csv")))
	selectTab(t, w, "Annual evaluations")
	uitest.WaitFor(t, "the year's list", func() bool { return true })
	check("evaluations", exportCSV(t, w, filepath.Join(dir, "evaluations.csv")))
}

// Rule: the audits list's export holds the audits its date filter selects
// (in the import format, so it imports back), every one of them.
func TestAuditsExportFollowsFilter(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	q := uitest.MustTestUser(t, st, "q1", models.RoleQuality)
	from := models.DateOf(time.Now()).AddDays(-90)
	want, err := st.Work().ListAudits(t.Context(), store.ActorOf(q), store.AuditListFilter{From: from, Limit: 1 << 30})
	if err != nil || len(want) == 0 {
		t.Fatalf("no audits in the last 90 days: %v", err)
	}
	every, err := st.Work().ListAudits(t.Context(), store.ActorOf(q), store.AuditListFilter{Limit: 1 << 30})
	if err != nil || len(every) <= len(want) {
		t.Fatalf("the From date selects every audit (%d of %d): %v", len(want), len(every), err)
	}
	dir := t.TempDir()
	var chosen []string
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1400, 900))
	s := evaluation.NewEvaluationsScreen(widgets.Deps{Store: st, Win: w, Actor: store.ActorOf(q), User: q, SaveAs: uitest.SavingTo(dir, &chosen)})
	w.SetContent(s.Content())
	selectTab(t, w, "Quality audits")
	fromEntry := uitest.FindEntry(w.Content(), "From date")
	if fromEntry == nil {
		t.Fatal("no From filter")
	}
	test.Type(fromEntry, from.String())
	recs := exportCSV(t, w, filepath.Join(dir, "audits.csv"))
	dates := column(t, recs, "audit_date")
	if len(dates) != len(want) {
		t.Errorf("exported %d audits, the filter selects %d", len(dates), len(want))
	}
	for _, d := range dates {
		if d < from.String() {
			t.Errorf("exported an audit of %s, before the From date %s", d, from)
			break
		}
	}
}

// Rule: HR's candidates export holds the candidates the list's search
// selects, in the import format.
func TestCandidatesExportFollowsSearch(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	hr := uitest.MustTestUser(t, st, "hr1", models.RoleHR)
	cands, err := st.Recruitment().ListCandidates(t.Context(), store.ActorOf(hr), store.CandidateFilter{})
	if err != nil || len(cands) < 2 {
		t.Fatalf("demo candidates: %d, %v", len(cands), err)
	}
	pick := cands[0]
	dir := t.TempDir()
	var chosen []string
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1400, 900))
	s := recruitment.NewRecruitmentScreen(widgets.Deps{Store: st, Win: w, Actor: store.ActorOf(hr), User: hr, SaveAs: uitest.SavingTo(dir, &chosen)})
	w.SetContent(s.Content())
	search := uitest.FindEntry(w.Content(), "Search by name, email or phone")
	if search == nil {
		t.Fatal("no candidate search")
	}
	test.Type(search, pick.Email)
	recs := exportCSV(t, w, filepath.Join(dir, "candidates.csv"))
	if got := column(t, recs, "email"); !slices.Equal(got, []string{pick.Email}) {
		t.Errorf("exported %q, the search selects %s", got, pick.Email)
	}
}
