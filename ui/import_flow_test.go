package ui

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/evaluation"
	"sullam/ui/i18n"
	"sullam/ui/recruitment"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// pausingStore holds an import midway, once paused is set, until the
// import's context is cancelled: attendance and weekly reports after their
// first chunk is written (inside the transaction), the other kinds before
// the store is called. started is closed when an import is held.
type pausingStore struct {
	widgets.ImportStore
	paused  atomic.Bool
	started chan struct{}
}

func (p *pausingStore) hold(src store.ImportSource) {
	if !p.paused.Load() {
		return
	}
	close(p.started)
	<-src.Ctx.Done()
}

func (p *pausingStore) ImportAgents(a store.Actor, src store.ImportSource, rows []models.AgentRow) (models.ImportResult, error) {
	p.hold(src)
	return p.ImportStore.ImportAgents(a, src, rows)
}

func (p *pausingStore) ImportAttendance(a store.Actor, src store.ImportSource, rows []models.AttendanceRow, progress func(done, total int)) (models.ImportResult, error) {
	return p.ImportStore.ImportAttendance(a, src, rows, func(done, total int) { progress(done, total); p.hold(src) })
}

func (p *pausingStore) ImportAudits(a store.Actor, src store.ImportSource, rows []models.AuditRow) (models.ImportResult, error) {
	p.hold(src)
	return p.ImportStore.ImportAudits(a, src, rows)
}

func (p *pausingStore) ImportWeeklyStream(a store.Actor, src store.ImportSource, feed store.Feed[models.WeeklyRow], progress func(done, total int)) (models.ImportResult, error) {
	return p.ImportStore.ImportWeeklyStream(a, src, feed, func(done, total int) { progress(done, total); p.hold(src) })
}

func (p *pausingStore) ImportReviews(a store.Actor, src store.ImportSource, rows []models.ReviewRow) (models.ImportResult, error) {
	p.hold(src)
	return p.ImportStore.ImportReviews(a, src, rows)
}

func (p *pausingStore) ImportCandidates(a store.Actor, src store.ImportSource, rows []models.CandidateRow) (models.ImportResult, error) {
	p.hold(src)
	return p.ImportStore.ImportCandidates(a, src, rows)
}

func (p *pausingStore) ImportJobs(a store.Actor, src store.ImportSource, rows []models.JobRow) (models.ImportResult, error) {
	p.hold(src)
	return p.ImportStore.ImportJobs(a, src, rows)
}

func (p *pausingStore) ImportQuestions(a store.Actor, src store.ImportSource, rows []models.QuestionRow) (models.ImportResult, error) {
	p.hold(src)
	return p.ImportStore.ImportQuestions(a, src, rows)
}

// importCase is one import kind as its screen offers it.
type importCase struct {
	kind models.ImportKind
	role models.Role // who imports it
	// screen builds the screen the import button is on
	screen func(d widgets.Deps) fyne.CanvasObject
	good   string // two new rows, ISO dates
	dmy    string // two other new rows, dates written d/m/yyyy ("" when the kind has no date)
	bad    string // rows with mistakes
	codes  func(t *testing.T, st *store.Store) []string
}

// auditItems is the header of the default audit form's item columns, and a
// row of answers to them.
func auditItems(answer string) (string, string) {
	items := []string{"GREETING", "NEEDS", "LISTENING", "CLARITY", "RESPONSE_TIME", "PERSONAL", "ACCURACY", "RESOLUTION", "PRIVACY", "CLOSING"}
	answers := make([]string, len(items))
	for i := range answers {
		answers[i] = answer
	}
	return strings.Join(items, ","), strings.Join(answers, ",")
}

// reviewComps is the header of the default competencies and a row of ratings.
func reviewComps(rating string) (string, string) {
	comps := []string{"COMMUNICATION", "PROBLEM_SOLVING", "PATIENCE", "TIME_MANAGEMENT", "PRODUCT_KNOWLEDGE", "TEAMWORK", "POLICY", "INITIATIVE"}
	ratings := make([]string, len(comps))
	for i := range ratings {
		ratings[i] = rating
	}
	return strings.Join(comps, ","), strings.Join(ratings, ",")
}

// recruitmentTab returns the content of the recruitment tab titled key.
func recruitmentTab(key string) func(d widgets.Deps) fyne.CanvasObject {
	return func(d widgets.Deps) fyne.CanvasObject {
		s := recruitment.NewRecruitmentScreen(d)
		s.Content()
		for _, it := range s.R.Tabs.Items {
			if it.Text == i18n.T(key) {
				s.R.Tabs.Select(it)
				return it.Content
			}
		}
		return container.NewVBox()
	}
}

func importCases() []importCase {
	items, pass := auditItems("pass")
	_, allNA := auditItems("na")
	comps, fours := reviewComps("4")
	_, sixes := reviewComps("6")
	return []importCase{
		{kind: models.KindAgents, role: models.RoleHR, screen: func(d widgets.Deps) fyne.CanvasObject { return agents.NewAgentsScreen(d).Content() },
			good: "employee_no,full_name,hire_date,role,role_start_date\nN100,New One,2024-01-07,csr,2024-01-07\nN101,New Two,2024-02-04,csr,2024-02-04\n",
			dmy:  "employee_no,full_name,hire_date,role,role_start_date\nN200,Day First,7/1/2024,csr,7/1/2024\nN201,Day Second,4/2/2024,csr,4/2/2024\n",
			bad:  "employee_no,full_name,hire_date,role,role_start_date\nN300,Bad Role,2024-01-07,boss,2024-01-07\nN301,Bad Date,2024-13-01,csr,2024-01-07\n"},
		{kind: models.KindAttendance, role: models.RoleHR, screen: evaluation.NewAttendanceTab,
			good: "employee_no,date,status\nE0001,2025-01-05,present\nE0002,2025-01-05,absent\n",
			dmy:  "employee_no,date,status\nE0001,6/1/2025,present\nE0002,6/1/2025,leave\n",
			bad:  "employee_no,date,status\nE0001,2025-01-07,sick\nE0002,2025-01-07,sick\nE9999,2025-01-07,present\n"},
		{kind: models.KindAudits, role: models.RoleQuality, screen: evaluation.NewAuditsTab,
			good: "audit_ref,employee_no,audit_date,channel,form_code," + items + "\nA-1,E0001,2025-02-03,phone,CS-STD-1," + pass + "\nA-2,E0002,2025-02-04,chat,CS-STD-1," + pass + "\n",
			dmy:  "audit_ref,employee_no,audit_date,channel,form_code," + items + "\nA-3,E0001,3/3/2025,email,CS-STD-1," + pass + "\nA-4,E0002,4/3/2025,phone,CS-STD-1," + pass + "\n",
			bad:  "audit_ref,employee_no,audit_date,channel,form_code," + items + "\nA-5,E0001,2025-02-03,fax,CS-STD-1," + pass + "\nA-6,E0002,2025-02-04,chat,CS-STD-1," + allNA + "\n",
			codes: func(t *testing.T, st *store.Store) []string {
				forms, err := st.Work().LatestForms(t.Context(), store.SystemActor("test"))
				if err != nil || len(forms) != 1 {
					t.Fatalf("audit forms: %v, %v; want the default one", forms, err)
				}
				return widgets.FormCodes(forms[0])
			}},
		{kind: models.KindWeekly, role: models.RoleSupervisor, screen: evaluation.NewRatingQueueTab,
			good: "employee_no,week_start,submitted_on,rating\nE0002,2025-01-05,2025-01-09,4\nE0004,2025-01-05,2025-01-10,\n",
			dmy:  "employee_no,week_start,submitted_on\nE0002,12/1/2025,16/1/2025\nE0004,12/1/2025,17/1/2025\n",
			bad:  "employee_no,week_start,submitted_on,rating\nE0002,2025-01-06,2025-01-09,4\nE0004,2025-01-05,2025-01-10,9\n"},
		{kind: models.KindReviews, role: models.RoleSupervisor, screen: evaluation.NewReviewsTab,
			good: "employee_no,review_date,period," + comps + "\nE0002,2025-03-31,2025-Q1," + fours + "\nE0004,2025-03-31,2025-Q1," + fours + "\n",
			dmy:  "employee_no,review_date,period," + comps + "\nE0002,30/6/2025,2025-Q2," + fours + "\nE0004,30/6/2025,2025-Q2," + fours + "\n",
			bad:  "employee_no,review_date,period," + comps + "\nE0002,2025-03-31,2025-Q1," + sixes + "\nE0004,31/3/2025,2025-Q1," + fours + "\n",
			codes: func(t *testing.T, st *store.Store) []string {
				comps, err := st.Competencies(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				var codes []string
				for _, c := range comps {
					codes = append(codes, c.Code)
				}
				return codes
			}},
		{kind: models.KindCandidates, role: models.RoleHR, screen: recruitmentTab("rec.tab.candidates"),
			good: "full_name,email,job_code,applied_on\nCand One,c1@example.com,CSR,2025-03-01\nCand Two,c2@example.com,CSR,2025-03-02\n",
			dmy:  "full_name,email,job_code,applied_on\nCand Three,c3@example.com,CSR,1/4/2025\nCand Four,c4@example.com,CSR,2/4/2025\n",
			bad:  "full_name,email,job_code,applied_on\nCand Five,c5@example.com,CSR,2025-02-30\nCand Six,not-an-email,CSR,2025-03-02\n"},
		{kind: models.KindJobs, role: models.RoleHR, screen: recruitmentTab("rec.tab.jobs"),
			good: "code,title_ar,title_en,ladder_role\nJ1,وظيفة أولى,Job one,csr\nJ2,وظيفة ثانية,Job two,coordinator\n",
			bad:  "code,title_ar,title_en,ladder_role\nJ3,وظيفة,Job three,boss\nJ4,,Job four,csr\n"},
		{kind: models.KindQuestions, role: models.RoleHR, screen: recruitmentTab("rec.tab.questions"),
			good: "code,category,text_ar,text_en,competency\nQX1,technical,سؤال أول,Question one,communication\nQX2,pressure,سؤال ثان,Question two,motivation\n",
			bad:  "code,category,text_ar,text_en,competency\nQX3,cooking,سؤال,Question,communication\nQX4,technical,سؤال,Question,charm\n"},
	}
}

// storedRows counts what the store holds of kind.
func storedRows(t *testing.T, st *store.Store, kind models.ImportKind) int {
	t.Helper()
	a := store.SystemActor("test")
	var (
		n   int
		err error
	)
	switch kind {
	case models.KindAgents:
		var r []models.AgentRow
		r, err = st.ExportAgents(t.Context(), a)
		n = len(r)
	case models.KindAttendance:
		err = st.EachAttendance(t.Context(), a, func(models.AttendanceRow) error { n++; return nil })
	case models.KindAudits:
		var r []models.AuditRow
		r, err = st.ExportAudits(t.Context(), a)
		n = len(r)
	case models.KindWeekly:
		var r []models.WeeklyRow
		r, err = st.ExportWeekly(t.Context(), a)
		n = len(r)
	case models.KindReviews:
		var r []models.ReviewRow
		r, err = st.ExportReviews(t.Context(), a)
		n = len(r)
	case models.KindCandidates:
		var r []models.CandidateRow
		r, err = st.Recruitment().ExportCandidates(t.Context(), a)
		n = len(r)
	case models.KindJobs:
		var r []models.JobRow
		r, err = st.Recruitment().ExportJobs(t.Context(), a)
		n = len(r)
	case models.KindQuestions:
		var r []models.QuestionRow
		r, err = st.Recruitment().ExportQuestions(t.Context(), a)
		n = len(r)
	}
	if err != nil {
		t.Fatalf("count %s: %v", kind, err)
	}
	return n
}

// importWorld is a store with five agents (E0000 supervises E0002 and
// E0004) and a user of each role.
type importWorld struct {
	st     *store.Store
	actors map[models.Role]store.Actor
	users  map[models.Role]models.User
}

func newImportWorld(t *testing.T) *importWorld {
	t.Helper()
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 5)
	w := &importWorld{st: st, actors: map[models.Role]store.Actor{}, users: map[models.Role]models.User{}}
	sup, err := st.Agent(t.Context(), store.SystemActor("test"), "E0000")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []models.Role{models.RoleHR, models.RoleQuality, models.RoleSupervisor, models.RoleManager, models.RoleAgent, models.RoleAdmin} {
		nu := store.NewUser{Username: "u-" + string(r), Password: "correct horse battery", Roles: []models.Role{r}}
		if r == models.RoleSupervisor {
			nu.AgentID = &sup.ID
		}
		if r == models.RoleAgent {
			ag, err := st.Agent(t.Context(), store.SystemActor("test"), "E0003")
			if err != nil {
				t.Fatal(err)
			}
			nu.AgentID = &ag.ID
		}
		u, err := st.Accounts().CreateUser(t.Context(), store.SystemActor("test"), nu)
		if err != nil {
			t.Fatal(err)
		}
		u.Roles = []models.UserRole{{UserID: u.ID, Role: r}}
		w.users[r], w.actors[r] = u, store.ActorOf(u)
	}
	return w
}

// tablesIn returns the tables in o's tree, depth first.
func tablesIn(o fyne.CanvasObject) []*widget.Table {
	var out []*widget.Table
	uitest.FindObject(o, func(x fyne.CanvasObject) bool {
		if tb, ok := x.(*widget.Table); ok {
			out = append(out, tb)
		}
		return false
	})
	return out
}

// Rule (issue 13): every kind is imported from the screen where its data
// lives, by the role that may: the import button opens the file (the
// Deps.OpenFile hook), the dialog previews it with its detected layout, a
// bad file shows the grouped error table and cannot be imported, Cancel
// during the import leaves the store as it was, a good file is imported
// with the counts in words and in the store, the same file again is all
// unchanged, a d/m/yyyy file imports once the date order says so, and the
// template button saves an XLSX whose header is importer.TemplateHeader.
func TestImportEveryKindFromItsScreen(t *testing.T) {
	for _, c := range importCases() {
		t.Run(string(c.kind), func(t *testing.T) {
			test.NewTempApp(t)
			i18n.Use("en")
			w := newImportWorld(t)
			win := test.NewWindow(nil)
			defer win.Close()
			win.Resize(fyne.NewSize(1366, 768))
			dir := t.TempDir()
			var file string // what the next file dialog chooses
			var saved []string
			ps := &pausingStore{ImportStore: widgets.ImportsOf(w.st), started: make(chan struct{})}
			d := widgets.Deps{Store: w.st, Win: win, Actor: w.actors[c.role], User: w.users[c.role], Navigate: func(widgets.Area) {},
				SaveAs: uitest.SavingTo(dir, &saved), OpenURL: nil, Imports: ps,
				OpenFile: func(_ fyne.Window, exts []string, done func(string, []byte)) {
					if !slices.Contains(exts, ".csv") || !slices.Contains(exts, ".xlsx") {
						t.Errorf("the file dialog offers %v, want .csv and .xlsx", exts)
					}
					data, err := os.ReadFile(file)
					if err != nil {
						t.Fatal(err)
					}
					done(filepath.Base(file), data)
				}}
			screen := c.screen(d)
			win.SetContent(screen)
			uitest.WaitFor(t, "the screen", func() bool { return true })
			importBt := uitest.FindButton(screen, i18n.T(widgets.ImportButtonKey(c.kind)))
			if importBt == nil {
				t.Fatalf("no %q button on the %s screen of a %s", i18n.T(widgets.ImportButtonKey(c.kind)), c.kind, c.role)
			}
			write := func(name, content string) string {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
				return p
			}
			openDialog := func(name, content string) fyne.CanvasObject {
				t.Helper()
				file = write(name, content)
				test.Tap(importBt)
				top := win.Canvas().Overlays().Top()
				if top == nil || uitest.FindButton(top, i18n.T("action.import")) == nil {
					t.Fatalf("%s: no import dialog", name)
				}
				uitest.WaitFor(t, "the file to be read", func() bool { return !uitest.FindLabelContaining(top, i18n.T("import.reading")) })
				return top
			}
			closeDialog := func() {
				t.Helper()
				uitest.TapIn(t, win, i18n.T("action.close"))
				uitest.WaitFor(t, "the dialog to close", func() bool { return win.Canvas().Overlays().Top() == nil })
			}
			before := storedRows(t, w.st, c.kind)

			// a bad file: the grouped errors, Import disabled, nothing written
			top := openDialog("bad.csv", c.bad)
			if !uitest.FindLabelContaining(top, "comma-separated") || !uitest.FindLabelContaining(top, "Header on line 1") {
				t.Error("bad file: the detected layout (encoding, separator, header line) is not shown")
			}
			if !uitest.FindLabelContaining(top, "of them with errors") {
				t.Error("bad file: no count of the rows with errors")
			}
			tbs := tablesIn(top)
			if len(tbs) != 2 {
				t.Fatalf("bad file: %d tables in the dialog, want the first rows and the errors", len(tbs))
			}
			if rows, _ := tbs[1].Length(); rows == 0 {
				t.Error("bad file: the error table is empty")
			}
			if !uitest.FindButton(top, i18n.T("action.import")).Disabled() || uitest.FindButton(top, i18n.T("import.export_errors")).Disabled() {
				t.Error("bad file: Import should be disabled and the error export enabled")
			}
			test.Tap(uitest.FindButton(top, i18n.T("import.export_errors")))
			errFile := filepath.Join(dir, "bad-errors.csv")
			uitest.WaitFor(t, "the error export", func() bool { return uitest.FileWritten(errFile) })
			if recs := readCSVFile(t, errFile); len(recs) < 3 || !slices.Equal(recs[0], []string{"line", "column", "value", "reason"}) {
				t.Errorf("error export: %q, want the header and a line per bad cell", recs)
			}
			uitest.TapIn(t, win, "No") // the offer to open the saved file
			closeDialog()

			// Cancel during the import: nothing written
			ps.paused.Store(true)
			top = openDialog(string(c.kind)+".csv", c.good)
			if !uitest.FindLabelContaining(top, "2 data rows, no errors") {
				t.Error("good file: the preview does not say 2 rows, no errors")
			}
			test.Tap(uitest.FindButton(top, i18n.T("action.import")))
			uitest.WaitStarted(t, "the import to start", ps.started)
			cancel := uitest.FindButton(top, i18n.T("import.cancel"))
			if cancel == nil || cancel.Hidden {
				t.Fatal("no Cancel button while importing")
			}
			test.Tap(cancel)
			uitest.WaitFor(t, "the cancelled import", func() bool { return uitest.FindLabelContaining(top, "Import cancelled: nothing was written") })
			if n := storedRows(t, w.st, c.kind); n != before {
				t.Errorf("after Cancel the store holds %d %s, want %d as before", n, c.kind, before)
			}
			ps.paused.Store(false)
			closeDialog()

			// the good file imported, then again: unchanged
			top = openDialog(string(c.kind)+".csv", c.good)
			test.Tap(uitest.FindButton(top, i18n.T("action.import")))
			uitest.WaitFor(t, "the import", func() bool { return uitest.FindLabelContaining(top, "Import finished") })
			if !uitest.FindLabelContaining(top, "2 added, 0 updated, 0 unchanged") {
				t.Error("the import does not report 2 added, 0 updated, 0 unchanged")
			}
			if n := storedRows(t, w.st, c.kind); n != before+2 {
				t.Errorf("after the import the store holds %d %s, want %d", n, c.kind, before+2)
			}
			closeDialog()
			top = openDialog(string(c.kind)+".csv", c.good)
			test.Tap(uitest.FindButton(top, i18n.T("action.import")))
			uitest.WaitFor(t, "the second import", func() bool { return uitest.FindLabelContaining(top, "Import finished") })
			if !uitest.FindLabelContaining(top, "0 added, 0 updated, 2 unchanged") {
				t.Error("the same file again is not reported as 0 added, 0 updated, 2 unchanged")
			}
			closeDialog()

			// d/m/yyyy dates: refused until the date order says day first
			if c.dmy != "" {
				top = openDialog("dmy.csv", c.dmy)
				if !uitest.FindButton(top, i18n.T("action.import")).Disabled() {
					t.Error("d/m/yyyy dates without a date order: Import is enabled")
				}
				if !uitest.FindLabelContaining(top, "with day/month/year, 1/11/2022 is 2022-11-01") {
					t.Error("d/m/yyyy dates: the reason naming the date order is not shown in full under the error table")
				}
				sel := uitest.FindObject(top, func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Select); return ok })
				if sel == nil {
					t.Fatal("no date-order choice in the dialog")
				}
				sel.(*widget.Select).SetSelected(i18n.Display(i18n.T("import.date_order.dmy")))
				uitest.WaitFor(t, "the file to be read again", func() bool { return !uitest.FindLabelContaining(top, i18n.T("import.reading")) })
				if uitest.FindButton(top, i18n.T("action.import")).Disabled() || !uitest.FindLabelContaining(top, "2 data rows, no errors") {
					t.Fatal("d/m/yyyy dates read day first: still refused")
				}
				test.Tap(uitest.FindButton(top, i18n.T("action.import")))
				uitest.WaitFor(t, "the d/m/yyyy import", func() bool { return uitest.FindLabelContaining(top, "Import finished") })
				if n := storedRows(t, w.st, c.kind); n != before+4 || !uitest.FindLabelContaining(top, "2 added") {
					t.Errorf("after the d/m/yyyy import the store holds %d %s, want %d", n, c.kind, before+4)
				}
				closeDialog()
			}

			// the template, in the user's language
			tpl := uitest.FindButton(screen, i18n.T("import.template"))
			if tpl == nil {
				t.Fatal("no template button beside the import button")
			}
			test.Tap(tpl)
			uitest.WaitFor(t, "the template", func() bool { return len(saved) > 1 && uitest.FileWritten(saved[len(saved)-1]) })
			var codes []string
			if c.codes != nil {
				codes = c.codes(t, w.st)
			}
			want, err := importer.TemplateHeader(c.kind, "en", codes)
			if err != nil {
				t.Fatal(err)
			}
			x, err := excelize.OpenFile(saved[len(saved)-1])
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			rows, err := x.GetRows(x.GetSheetName(0))
			if err != nil || len(rows) == 0 || !slices.Equal(rows[0], want) {
				t.Errorf("template header %q (%v), want %q", rows, err, want)
			}
		})
	}
}

// Rule: a role without the right to import a kind does not see its import
// or template button on the screen, and the store refuses the import all
// the same (ErrForbidden), for every kind.
func TestImportButtonOnlyForRolesAllowed(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := newImportWorld(t)
	win := test.NewWindow(nil)
	defer win.Close()
	denied := map[models.ImportKind]models.Role{
		models.KindAgents: models.RoleManager, models.KindAttendance: models.RoleManager, models.KindAudits: models.RoleManager,
		models.KindWeekly: models.RoleAgent, models.KindReviews: models.RoleHR, models.KindCandidates: models.RoleManager,
		models.KindJobs: models.RoleSupervisor, models.KindQuestions: models.RoleSupervisor,
	}
	for _, c := range importCases() {
		role := denied[c.kind]
		d := widgets.Deps{Store: w.st, Win: win, Actor: w.actors[role], User: w.users[role], Navigate: func(widgets.Area) {}}
		screen := c.screen(d)
		if c.kind == models.KindWeekly {
			screen = evaluation.NewEvaluationsScreen(d).Content()
		}
		win.SetContent(screen)
		uitest.WaitFor(t, "the screen", func() bool { return true })
		if uitest.FindButton(screen, i18n.T(widgets.ImportButtonKey(c.kind))) != nil || uitest.FindButton(screen, i18n.T("import.template")) != nil {
			t.Errorf("%s: a %s sees the import or template button", c.kind, role)
		}
		tb, err := importer.ReadTableWith("x.csv", strings.NewReader(c.good), int64(len(c.good)), importer.Options{Kind: c.kind})
		if err != nil {
			t.Fatal(err)
		}
		rows, errs := importer.Parse(c.kind, tb)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", c.kind, errs)
		}
		if _, err := widgets.RunImport(widgets.ImportsOf(w.st), w.actors[role], store.ImportSource{File: "x.csv"}, rows, nil); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s imported by a %s: %v, want ErrForbidden", c.kind, role, err)
		}
	}
	// HR imports weekly reports from a tab of their own (without the rating queue)
	d := widgets.Deps{Store: w.st, Win: win, Actor: w.actors[models.RoleHR], User: w.users[models.RoleHR], Navigate: func(widgets.Area) {}}
	ev := evaluation.NewEvaluationsScreen(d)
	ev.Tab = "eval.tab.weekly_import"
	content := ev.Content()
	win.SetContent(content)
	if uitest.FindButton(content, i18n.T("import.button.weekly")) == nil {
		t.Error("HR has no weekly reports import")
	}
}

// openImport builds the attendance tab for HR with the file dialog choosing
// name (content data), taps its import button and returns the dialog.
func openImport(t *testing.T, w *importWorld, win fyne.Window, name string, data []byte) fyne.CanvasObject {
	t.Helper()
	d := widgets.Deps{Store: w.st, Win: win, Actor: w.actors[models.RoleHR], User: w.users[models.RoleHR], Navigate: func(widgets.Area) {},
		OpenFile: func(_ fyne.Window, _ []string, done func(string, []byte)) { done(name, data) }}
	screen := evaluation.NewAttendanceTab(d)
	win.SetContent(screen)
	test.Tap(uitest.FindButton(screen, i18n.T("attendance.import")))
	top := win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no import dialog")
	}
	uitest.WaitFor(t, "the file to be read", func() bool { return !uitest.FindLabelContaining(top, i18n.T("import.reading")) })
	return top
}

// Rule (issue 12 in the window): the preview says how the file was read —
// its encoding and separator, or the sheet of a workbook, the header's line
// and the title rows skipped above it — in the user's language.
func TestImportDialogShowsLayout(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := newImportWorld(t)
	win := test.NewWindow(nil)
	defer win.Close()
	win.Resize(fyne.NewSize(1366, 768))
	csv := []byte("Attendance, November\n\nemployee_no;date;status\nE0001;2025-01-05;present\n")
	top := openImport(t, w, win, "clock.csv", csv)
	for _, want := range []string{"Read as UTF-8, semicolon-separated.", "Header on line 3.", "Lines 1–2, above the header, were skipped (a title).", "1 data row, no errors"} {
		if !uitest.FindLabelContaining(top, want) {
			t.Errorf("semicolon CSV with a title: no %q in the dialog", want)
		}
	}
	uitest.TapIn(t, win, i18n.T("action.close"))

	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "read me first")
	x.NewSheet("Data")
	for i, row := range [][]any{{"employee_no", "date", "status"}, {"E0001", "2025-01-05", "present"}, {"E0002", "2025-01-05", "absent"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		x.SetSheetRow("Data", cell, &row)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	top = openImport(t, w, win, "clock.xlsx", buf.Bytes())
	for _, want := range []string{"Read from the sheet “Data”.", "Header on line 1.", "2 data rows, no errors"} {
		if !uitest.FindLabelContaining(top, want) {
			t.Errorf("workbook with the data on its second sheet: no %q in the dialog", want)
		}
	}
	uitest.TapIn(t, win, i18n.T("action.close"))

	// in Arabic: the layout in Arabic, the error table's columns from the right
	i18n.Use("ar")
	defer i18n.Use("en")
	top = openImport(t, w, win, "clock.csv", []byte("employee_no;date;status\nE0001;2025-01-05;sick\n"))
	if !uitest.FindLabelContaining(top, "مفصول بفواصل منقوطة") {
		t.Error("Arabic: the separator is not named in Arabic")
	}
	tbs := tablesIn(top)
	if len(tbs) != 2 {
		t.Fatalf("%d tables in the dialog, want 2", len(tbs))
	}
	first, last := widget.NewLabel(""), widget.NewLabel("")
	tbs[1].UpdateHeader(widget.TableCellID{Row: -1, Col: 0}, first)
	tbs[1].UpdateHeader(widget.TableCellID{Row: -1, Col: len(widgets.ErrorGroupColumns) - 1}, last)
	if first.Text != i18n.T("import.col.reason") || last.Text != i18n.T("import.col.column") {
		t.Errorf("Arabic error table runs %q … %q from the left, want the problem on the left and the column on the right", first.Text, last.Text)
	}
}

// Rule: rows the store refuses (an employee number no agent has) are shown
// in the dialog's error table after Import, with the count of refused rows,
// and nothing is written; closing the dialog while an import runs cancels
// it, and nothing is written either.
func TestImportStoreRefusalAndCloseWhileRunning(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := newImportWorld(t)
	win := test.NewWindow(nil)
	defer win.Close()
	win.Resize(fyne.NewSize(1366, 768))
	top := openImport(t, w, win, "clock.csv", []byte("employee_no,date,status\nE0001,2025-01-05,present\nE9999,2025-01-05,present\nE9998,2025-01-06,absent\n"))
	test.Tap(uitest.FindButton(top, i18n.T("action.import")))
	uitest.WaitFor(t, "the refusal", func() bool { return uitest.FindLabelContaining(top, "rows were refused") })
	if !uitest.FindLabelContaining(top, "2 rows were refused; nothing was imported") {
		t.Error("the refusal does not count the 2 refused rows")
	}
	tbs := tablesIn(top)
	if rows, _ := tbs[1].Length(); rows != 1 {
		t.Errorf("the error table has %d groups, want 1 (the unknown employee numbers)", rows)
	}
	lbl := widget.NewLabel("")
	tbs[1].UpdateCell(widget.TableCellID{Row: 0, Col: 1}, lbl)
	if lbl.Text != "2" {
		t.Errorf("the group counts %q rows, want 2", lbl.Text)
	}
	if n := storedRows(t, w.st, models.KindAttendance); n != 0 {
		t.Errorf("a refused file wrote %d days", n)
	}
	uitest.TapIn(t, win, i18n.T("action.close"))

	ps := &pausingStore{ImportStore: widgets.ImportsOf(w.st), started: make(chan struct{})}
	ps.paused.Store(true)
	d := widgets.Deps{Store: w.st, Win: win, Actor: w.actors[models.RoleHR], User: w.users[models.RoleHR], Navigate: func(widgets.Area) {}, Imports: ps,
		OpenFile: func(_ fyne.Window, _ []string, done func(string, []byte)) {
			done("good.csv", []byte("employee_no,date,status\nE0001,2025-01-05,present\n"))
		}}
	screen := evaluation.NewAttendanceTab(d)
	win.SetContent(screen)
	test.Tap(uitest.FindButton(screen, i18n.T("attendance.import")))
	top = win.Canvas().Overlays().Top()
	uitest.WaitFor(t, "the file to be read", func() bool { return !uitest.FindLabelContaining(top, i18n.T("import.reading")) })
	test.Tap(uitest.FindButton(top, i18n.T("action.import")))
	uitest.WaitStarted(t, "the import to start", ps.started)
	uitest.TapIn(t, win, i18n.T("action.close"))
	uitest.WaitFor(t, "the import to stop", func() bool { return true })
	if n := storedRows(t, w.st, models.KindAttendance); n != 0 {
		t.Errorf("closing the dialog during the import left %d days written", n)
	}
}

// Rule: the template is in the user's language (Arabic headers in Arabic),
// and with several audit forms the user picks the form whose items the
// audits template has.
func TestImportTemplateLanguageAndForm(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	w := newImportWorld(t)
	form, err := w.st.Work().SaveAuditForm(t.Context(), w.actors[models.RoleQuality], models.AuditForm{Code: "CHAT-1", NameAr: "محادثة", NameEn: "Chat",
		Items: []models.AuditFormItem{{Code: "TONE", TextAr: "النبرة", TextEn: "tone", Weight: 1, Sort: 1}, {Code: "SPEED", TextAr: "السرعة", TextEn: "speed", Weight: 2, Sort: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	win := test.NewWindow(nil)
	defer win.Close()
	win.Resize(fyne.NewSize(1366, 768))
	dir := t.TempDir()
	var saved []string
	header := func(path string) []string {
		t.Helper()
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, err := x.GetRows(x.GetSheetName(0))
		if err != nil || len(rows) == 0 {
			t.Fatalf("%s: %v", path, err)
		}
		return rows[0]
	}

	d := widgets.Deps{Store: w.st, Win: win, Actor: w.actors[models.RoleHR], User: w.users[models.RoleHR], Navigate: func(widgets.Area) {}, SaveAs: uitest.SavingTo(dir, &saved)}
	screen := evaluation.NewAttendanceTab(d)
	win.SetContent(screen)
	test.Tap(uitest.FindButton(screen, i18n.T("import.template")))
	uitest.WaitFor(t, "the attendance template", func() bool { return len(saved) == 1 && uitest.FileWritten(saved[0]) })
	want, _ := importer.TemplateHeader(models.KindAttendance, "ar", nil)
	if got := header(saved[0]); !slices.Equal(got, want) || got[0] == "employee_no" {
		t.Errorf("Arabic attendance template header %q, want %q", got, want)
	}
	uitest.TapIn(t, win, i18n.T("No"))

	d.Actor, d.User = w.actors[models.RoleQuality], w.users[models.RoleQuality]
	screen = evaluation.NewAuditsTab(d)
	win.SetContent(screen)
	uitest.WaitFor(t, "the audits tab", func() bool { return true })
	test.Tap(uitest.FindButton(screen, i18n.T("import.template")))
	uitest.WaitFor(t, "the choice of form", func() bool { return uitest.DialogOpen(win) })
	sel := uitest.FindObject(win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Select); return ok })
	if sel == nil {
		t.Fatal("no choice of audit form")
	}
	sel.(*widget.Select).SetSelected(widgets.FormLabel(form))
	uitest.TapIn(t, win, i18n.T("import.template_save"))
	uitest.WaitFor(t, "the audits template", func() bool { return len(saved) == 2 && uitest.FileWritten(saved[1]) })
	want, _ = importer.TemplateHeader(models.KindAudits, "ar", []string{"TONE", "SPEED"})
	if got := header(saved[1]); !slices.Equal(got, want) {
		t.Errorf("audits template for CHAT-1: header %q, want %q", got, want)
	}
}

// Rule: the error table groups bad cells by column and reason, in the order
// of their first line, counting rows (a row with the same mistake twice
// counts once), with its lines as ranges: at most three, then "…".
func TestErrorGroupsAndLineRanges(t *testing.T) {
	i18n.Use("en")
	errs := []models.RowError{
		{Line: 2, Column: "date", Value: "1/2/2025", Reason: "not a date"},
		{Line: 3, Column: "status", Value: "sick", Reason: "bad status"},
		{Line: 3, Column: "date", Value: "2/2/2025", Reason: "not a date"},
		{Line: 4, Column: "date", Value: "3/2/2025", Reason: "not a date"},
		{Line: 4, Column: "date", Value: "3/2/2025", Reason: "not a date"},
		{Line: 9, Column: "date", Value: "x", Reason: "not a date"},
	}
	g := widgets.ErrorGroups(errs)
	if len(g) != 2 || g[0].Column != "date" || g[1].Column != "status" {
		t.Fatalf("groups %+v: want date then status", g)
	}
	if !slices.Equal(g[0].Lines, []int{2, 3, 4, 9}) || g[0].First != "1/2/2025" || widgets.LineRanges(g[0].Lines) != "2–4, 9" {
		t.Errorf("date group: lines %v (%q), first %q; want 2–4, 9 and 1/2/2025", g[0].Lines, widgets.LineRanges(g[0].Lines), g[0].First)
	}
	if n := widgets.BadRows(errs); n != 4 {
		t.Errorf("bad rows %d, want 4 (rows, not cells)", n)
	}
	if got := widgets.LineRanges([]int{1, 3, 5, 7, 8}); got != "1, 3, 5, …" {
		t.Errorf("lineRanges = %q, want three ranges then …", got)
	}
}
