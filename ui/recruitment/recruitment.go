package recruitment

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/assets"
	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// recruitmentStore is what the recruitment screens need of the store.
type recruitmentStore interface {
	ListJobs(ctx context.Context, a store.Actor, withArchived bool) ([]models.JobDescription, error)
	SaveJob(ctx context.Context, a store.Actor, j models.JobDescription) (models.JobDescription, error)
	JobFromTemplate(ctx context.Context, a store.Actor, templateID uint) (models.JobDescription, error)
	SetJobArchived(ctx context.Context, a store.Actor, id uint, version int, archived bool) error
	ListQuestionCategories(ctx context.Context, a store.Actor) ([]models.QuestionCategory, error)
	ListQuestions(ctx context.Context, a store.Actor, withRetired bool) ([]models.Question, error)
	SaveQuestion(ctx context.Context, a store.Actor, q models.Question) (models.Question, error)
	SetQuestionRetired(ctx context.Context, a store.Actor, id uint, version int, retired bool) error
	ListCandidates(ctx context.Context, a store.Actor, f store.CandidateFilter) ([]models.Candidate, error)
	Candidate(ctx context.Context, a store.Actor, id uint) (models.Candidate, error)
	Duplicates(ctx context.Context, a store.Actor, c models.Candidate) ([]models.Candidate, error)
	SaveCandidate(ctx context.Context, a store.Actor, c models.Candidate) (models.Candidate, error)
	SetCV(ctx context.Context, a store.Actor, id uint, version int, name string, data []byte) (int, error)
	CV(ctx context.Context, a store.Actor, id uint) (string, []byte, error)
	MoveStage(ctx context.Context, a store.Actor, id uint, version int, to models.Stage, reason string, on models.Date) error
	StageHistory(ctx context.Context, a store.Actor, id uint) ([]models.StageChange, error)
	PipelineCounts(ctx context.Context, a store.Actor, jobID uint) (map[models.Stage]int, error)
	Hire(ctx context.Context, a store.Actor, id uint, version int, in store.HireInput) (models.Agent, error)
	Interviewers(ctx context.Context, a store.Actor) ([]models.User, error)
	AutoPickQuestions(ctx context.Context, a store.Actor, perCategory int) ([]models.Question, error)
	ScheduleInterview(ctx context.Context, a store.Actor, in store.NewInterview) (models.Interview, error)
	Kit(ctx context.Context, a store.Actor, interviewID uint) (store.InterviewKit, error)
	SaveScore(ctx context.Context, a store.Actor, interviewID, questionID uint, score int, notes string) error
	SubmitFeedback(ctx context.Context, a store.Actor, interviewID uint, rec models.Recommendation, notes string) error
	MyInterviews(ctx context.Context, a store.Actor) ([]store.InterviewRow, error)
	CandidateInterviews(ctx context.Context, a store.Actor, candidateID uint) ([]store.InterviewRow, error)
	Result(ctx context.Context, a store.Actor, candidateID uint) (store.CandidateResult, error)
	Compare(ctx context.Context, a store.Actor, jobID uint) ([]store.ComparisonRow, error)
	ExportCandidate(ctx context.Context, a store.Actor, id uint) (store.CandidateExport, error)
	DeleteCandidate(ctx context.Context, a store.Actor, id uint) error
	AnonymiseCandidate(ctx context.Context, a store.Actor, id uint) error
	AnonymiseRejectedBefore(ctx context.Context, a store.Actor, before models.Date) (int, error)
	HireTimeline(ctx context.Context, a store.Actor, candidateID uint) (store.HireTimeline, error)
	hireQualityStore
	agentLister
}

// agentLister lists agents: the hire dialog's supervisors.
type agentLister interface {
	ListAgents(ctx context.Context, a store.Actor, f store.AgentFilter) ([]models.Agent, error)
}

// recruitmentOf is the store as the recruitment screens see it: its
// recruitment area, and the agents list of the store itself.
func recruitmentOf(st *store.Store) recruitmentStore {
	return struct {
		*store.Recruitment
		agentLister
	}{st.Recruitment(), st}
}

// recruit is the context the recruitment screens share: the store, the
// window, the actor, the competency names, and the navigation between the
// tabs and a detail page (a candidate, an interview kit).
type recruit struct {
	st    recruitmentStore
	win   fyne.Window
	actor store.Actor
	// competencies maps an interview competency code to its names.
	competencies map[string]assets.Competency
	compOrder    []string
	// ladder are the roles of the default career ladder, for a job's
	// ladder role in words.
	ladder []models.LadderRole
	root   *fyne.Container
	Tabs   *widgets.ReadingTabs
	// reloaders refresh the tabs when a detail page closes.
	reloaders []func()
	// deps, when it has a store, gives the candidates list its export.
	deps widgets.Deps
	// tab is the translation key of the tab to open first ("" for the first).
	tab string
}

// RecruitmentScreen is the recruitment area: candidates, pipeline and
// comparison, my interviews, jobs and the question bank, shown by role.
type RecruitmentScreen struct {
	d widgets.Deps
	R *recruit
	// Tab, when set, is the translation key of the tab to open first (the
	// home's quality-of-hire button opens hireTabKey).
	Tab string
}

// NewRecruitmentScreen builds the recruitment area.
func NewRecruitmentScreen(d widgets.Deps) *RecruitmentScreen {
	r := newRecruit(recruitmentOf(d.Store), d.Win, d.Actor)
	r.deps = d
	return &RecruitmentScreen{d: d, R: r}
}

func newRecruit(st recruitmentStore, w fyne.Window, a store.Actor) *recruit {
	r := &recruit{st: st, win: w, actor: a, competencies: map[string]assets.Competency{}}
	if c, err := assets.Defaults(); err == nil {
		for _, x := range c.InterviewCompetencies {
			r.competencies[x.Code] = x
			r.compOrder = append(r.compOrder, x.Code)
		}
		for _, l := range c.Ladder {
			r.ladder = append(r.ladder, models.LadderRole{Code: l.Code, NameAr: l.NameAr, NameEn: l.NameEn})
		}
	} else {
		slog.Error("default content", "err", err)
	}
	return r
}

// Content returns the area's widget tree.
func (s *RecruitmentScreen) Content() fyne.CanvasObject {
	s.R.tab = s.Tab
	return s.R.content()
}

func (r *recruit) content() fyne.CanvasObject {
	a := r.actor
	r.Tabs = widgets.NewTabs()
	add := func(key string, ok bool, build func() fyne.CanvasObject) {
		if ok {
			r.Tabs.Append(container.NewTabItem(i18n.T(key), build()))
		}
	}
	add("rec.tab.candidates", a.Can(store.OpViewCandidates), func() fyne.CanvasObject { return newCandidatesTab(r).content() })
	add("rec.tab.pipeline", a.ScopeOf(store.OpViewCandidates) == store.ScopeAll, func() fyne.CanvasObject { return newPipelineTab(r).content() })
	add("rec.tab.interviews", a.UserID != 0 && a.Can(store.OpViewCandidates), func() fyne.CanvasObject { return newMyInterviewsTab(r).content() })
	add("rec.tab.jobs", a.Can(store.OpManageJobs), func() fyne.CanvasObject { return newJobsTab(r).content() })
	add("rec.tab.questions", a.Can(store.OpManageQuestions), func() fyne.CanvasObject { return newQuestionsTab(r).content() })
	add(widgets.HireTabKey, a.Can(store.OpViewHireQuality), func() fyne.CanvasObject { return NewHireQualityView(r.st, a).Content() })
	if len(r.Tabs.Items) == 0 {
		return widgets.Placeholder("nav.recruitment")
	}
	for _, it := range r.Tabs.Items {
		if r.tab != "" && it.Text == i18n.T(r.tab) {
			r.Tabs.Select(it)
		}
	}
	r.root = container.NewStack(r.Tabs)
	return r.root
}

// push shows a detail page in place of the tabs, with a back button.
func (r *recruit) push(title string, page fyne.CanvasObject) {
	back := widget.NewButton(i18n.T("action.back"), r.pop)
	top := container.NewBorder(nil, nil, back, nil, widgets.Heading(title))
	r.root.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, page)}
	r.root.Refresh()
}

// pop returns from a detail page to the tabs and reloads them.
func (r *recruit) pop() {
	r.root.Objects = []fyne.CanvasObject{r.Tabs}
	r.root.Refresh()
	for _, f := range r.reloaders {
		f()
	}
}

// selectedOf returns the selected row of a tab's list (sel, -1 for none);
// with none, it says msgKey in a dialog titled titleKey.
func selectedOf[T any](r *recruit, list []T, sel int, titleKey, msgKey string) (T, bool) {
	if sel < 0 || sel >= len(list) {
		dialog.ShowInformation(i18n.T(titleKey), i18n.T(msgKey), r.win)
		var none T
		return none, false
	}
	return list[sel], true
}

// changeThenReload runs a store change off the UI thread, then shows its
// error, if any, and reloads the tab either way (a job archived or
// restored, a question retired or restored).
func (r *recruit) changeThenReload(change func() error, reload func()) {
	widgets.GoWork(func() {
		err := change()
		widgets.OnMain(func() {
			if err != nil {
				r.showErr(err)
			}
			reload()
		})
	})
}

// showErr shows a translated error.
func (r *recruit) showErr(err error) {
	dialog.ShowError(fmt.Errorf("%s", widgets.UserMessage(err)), r.win)
}

// pick returns the Arabic or English text for the current language, falling
// back to the other when empty.
func pick(ar, en string) string {
	if i18n.Current() == "ar" {
		if ar != "" {
			return ar
		}
		return en
	}
	if en != "" {
		return en
	}
	return ar
}

// jobTitle is a job's title in the current language.
func jobTitle(j *models.JobDescription) string {
	if j == nil {
		return ""
	}
	return pick(j.TitleAr, j.TitleEn)
}

// competencyName is an interview competency's name in the current language.
func (r *recruit) competencyName(code string) string {
	if c, ok := r.competencies[code]; ok {
		return pick(c.NameAr, c.NameEn)
	}
	return code
}

// stageName is a pipeline stage's translated name.
func stageName(s models.Stage) string { return i18n.T("stage." + string(s)) }

// recName is a recommendation's translated name ("—" when not given).
func recName(r models.Recommendation) string {
	if r == "" {
		return "—"
	}
	return i18n.T("recommendation." + string(r))
}

// dateText formats a date, or "—" when zero.
func dateText(d models.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.String()
}

// whenText formats a time of day in the local zone.
func whenText(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// newTable builds a table with a bold header row from translation keys.
func newTable(cols []string, widths []float32, rows func() int, value func(row, col int) string) *widget.Table {
	return newTableH(func() []string {
		h := make([]string, len(cols))
		for i, c := range cols {
			h[i] = i18n.T(c)
		}
		return h
	}, widths, rows, value)
}

// newTableH builds a table whose header texts come from headers (already
// translated); the number of columns is len(headers()). headers, value and
// widths are in logical order; the table mirrors them in Arabic through
// agCol (the first logical column at the right), cells aligned to the
// reading edge.
func newTableH(headers func() []string, widths []float32, rows func() int, value func(row, col int) string) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return rows(), len(headers()) },
		func() fyne.CanvasObject { return widgets.NewCellLabel("placeholder") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			// cut at the logical end, then ordered (newCellLabel)
			o.(*widgets.WrapLabel).SetText(value(id.Row, widgets.AgCol(id.Col, len(headers()))))
		})
	t.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("header") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		h := headers()
		if id.Row < 0 && id.Col >= 0 && id.Col < len(h) {
			l.Truncation = fyne.TextTruncateEllipsis
			l.Alignment = widgets.ReadingEdge()
			l.SetText(widgets.Cell(h[widgets.AgCol(id.Col, len(h))]))
			l.TextStyle.Bold = true
		} else if id.Col < 0 && id.Row >= 0 {
			l.SetText(fmt.Sprint(id.Row + 1))
		} else {
			l.SetText("")
		}
	}
	n := len(headers())
	for i, w := range widths {
		if i < n {
			t.SetColumnWidth(widgets.AgCol(i, n), w)
		}
	}
	return t
}

// recJobSelect is a select of the jobs; first is an "all jobs" choice when
// allLabel is set.
type recJobSelect struct {
	Sel      *widgets.DataSelect
	jobs     []models.JobDescription
	allLabel string
}

// NewJobSelect is a job filter; allLabel names the choice of every job.
func NewJobSelect(allLabel string, onChanged func()) *recJobSelect {
	js := &recJobSelect{allLabel: allLabel}
	js.Sel = widgets.NewDataSelect(nil, func(string) {
		if onChanged != nil {
			onChanged()
		}
	})
	return js
}

// SetJobs fills the options, keeping the current choice when still there.
func (js *recJobSelect) SetJobs(jobs []models.JobDescription) {
	js.jobs = jobs
	var opts []string
	if js.allLabel != "" {
		opts = append(opts, js.allLabel)
	}
	for i := range jobs {
		opts = append(opts, JobOption(&jobs[i]))
	}
	js.Sel.SetValues(opts)
	if js.Sel.Selected == "" && len(opts) > 0 {
		js.Sel.SetSelectedIndex(0)
	}
}

// JobOption is a job's label in a job select: its code and title.
func JobOption(j *models.JobDescription) string { return j.Code + " — " + jobTitle(j) }

// SelectedID returns the chosen job's ID (0: all or none).
func (js *recJobSelect) SelectedID() uint {
	for i := range js.jobs {
		if JobOption(&js.jobs[i]) == js.Sel.Value() {
			return js.jobs[i].ID
		}
	}
	return 0
}
