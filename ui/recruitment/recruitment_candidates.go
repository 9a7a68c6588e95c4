package recruitment

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// candidatesTab lists the candidates the actor may see, with search and
// filters by job and stage; HR adds candidates here.
type candidatesTab struct {
	r      *recruit
	search *widget.Entry
	job    *recJobSelect
	stage  *widget.Select
	table  *widget.Table
	count  *widget.Label
	rows   []models.Candidate
	// loading serialises reloads, so two never refresh the table at once
	// (the test driver runs fyne.Do on the calling goroutine).
	loading sync.Mutex
	gen     atomic.Int64 // the newest reload; older results are dropped
}

var candidateColumns = []string{"rec.col.name", "rec.col.job", "rec.col.stage", "rec.col.applied", "rec.col.email", "rec.col.phone", "rec.col.source"}

func newCandidatesTab(r *recruit) *candidatesTab {
	t := &candidatesTab{r: r}
	r.reloaders = append(r.reloaders, t.reload)
	return t
}

func (t *candidatesTab) content() fyne.CanvasObject {
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(i18n.T("rec.search_hint"))
	t.search.OnChanged = func(string) { t.onFilterChanged() }
	t.job = NewJobSelect(i18n.T("rec.all_jobs"), t.onFilterChanged)
	stages := []string{i18n.T("rec.all_stages")}
	for _, s := range models.Stages {
		stages = append(stages, stageName(s))
	}
	t.stage = widget.NewSelect(stages, func(string) { t.onFilterChanged() })
	t.stage.SetSelectedIndex(0)
	t.count = widgets.Label("")
	t.table = newTable(candidateColumns, []float32{200, 220, 110, 110, 220, 150, 140}, func() int { return len(t.rows) }, t.cellText)
	t.table.OnSelected = t.onSelected
	bar := container.NewGridWithColumns(3, t.search, t.job.Sel, t.stage)
	top := container.NewVBox(bar)
	if t.r.actor.Can(store.OpManageCandidates) {
		add := widget.NewButton(i18n.T("rec.add_candidate"), t.onAdd)
		add.Importance = widget.HighImportance
		retention := widget.NewButton(i18n.T("rec.retention"), t.onRetention)
		row := append([]fyne.CanvasObject{add, retention}, widgets.ImportButtonList(t.r.deps, models.KindCandidates, t.reload)...)
		top.Add(widgets.ActionRow(append(row, t.count)...))
	} else {
		top.Add(t.count)
	}
	if t.r.deps.Store != nil && t.r.actor.ScopeOf(store.OpViewCandidates) == store.ScopeAll {
		top.Add(widgets.ExportTableButtons(t.r.deps, string(models.KindCandidates), t.exportSource))
	}
	widgets.GoWork(func() { t.loadJobs() })
	return container.NewBorder(top, nil, nil, nil, widgets.ReadingTable(t.table))
}

func (t *candidatesTab) loadJobs() {
	jobs, err := t.r.st.ListJobs(context.Background(), t.r.actor, true)
	widgets.OnMain(func() {
		if err != nil {
			t.r.showErr(err)
			return
		}
		t.job.SetJobs(jobs)
		t.reload()
	})
}

func (t *candidatesTab) cellText(row, col int) string {
	if row < 0 || row >= len(t.rows) {
		return "" // the rows changed while the table was drawing
	}
	c := t.rows[row]
	switch col {
	case 0:
		return c.FullName
	case 1:
		return jobTitle(c.Job)
	case 2:
		return stageName(c.Stage)
	case 3:
		return dateText(c.AppliedOn)
	case 4:
		return c.Email
	case 5:
		return c.Phone
	case 6:
		return c.Source
	}
	return ""
}

// exportSource is the candidates export of the list's filters: the
// candidates the store lists for them, in the import format (the rows of
// `sullam export candidates`, the importer's writer).
func (t *candidatesTab) exportSource() widgets.TableSource {
	st, a, f := t.r.deps.Store, t.r.actor, t.filter()
	return func() ([]string, [][]string, error) {
		shown, err := st.Recruitment().ListCandidates(context.Background(), a, f)
		if err != nil {
			return nil, nil, fmt.Errorf("export candidates: %w", err)
		}
		keep := make(map[uint]bool, len(shown))
		for _, c := range shown {
			keep[c.ID] = true
		}
		all, err := st.Recruitment().ExportCandidates(context.Background(), a)
		if err != nil {
			return nil, nil, fmt.Errorf("export candidates: %w", err)
		}
		var rows []models.CandidateRow
		for _, r := range all {
			if keep[r.Candidate.ID] {
				rows = append(rows, r)
			}
		}
		header, table := importer.CandidatesTable(rows)
		return header, table, nil
	}
}

func (t *candidatesTab) filter() store.CandidateFilter {
	f := store.CandidateFilter{Search: strings.TrimSpace(models.LatinDigits(t.search.Text)), JobID: t.job.SelectedID()}
	if i := t.stage.SelectedIndex(); i > 0 {
		f.Stage = models.Stages[i-1]
	}
	return f
}

func (t *candidatesTab) onFilterChanged() { t.reload() }

func (t *candidatesTab) reload() {
	if t.table == nil {
		return
	}
	f := t.filter()
	gen := t.gen.Add(1)
	widgets.GoWork(func() {
		t.loading.Lock()
		defer t.loading.Unlock()
		if gen != t.gen.Load() {
			return // a newer filter is on its way
		}
		rows, err := t.r.st.ListCandidates(context.Background(), t.r.actor, f)
		widgets.OnMain(func() {
			if gen != t.gen.Load() {
				return
			}
			if err != nil {
				t.r.showErr(err)
				return
			}
			t.rows = rows
			t.count.SetText(i18n.Display(i18n.Plural("rec.count", len(rows), map[string]any{"N": len(rows)})))
			t.table.Refresh()
		})
	})
}

func (t *candidatesTab) onSelected(id widget.TableCellID) {
	t.table.UnselectAll()
	if id.Row < 0 || id.Row >= len(t.rows) {
		return
	}
	openCandidate(t.r, t.rows[id.Row].ID)
}

// onRetention anonymises, after a confirmation, the rejected and withdrawn
// candidates whose last move is older than the chosen number of months (24
// by default): what a retention policy asks of an HR department.
func (t *candidatesTab) onRetention() {
	months := widget.NewSelect([]string{"6", "12", "24", "36"}, nil)
	months.SetSelected("24")
	form := container.NewVBox(widgets.Para(i18n.T("rec.retention_hint")),
		widgets.Labelled(i18n.T("rec.retention_months"), months))
	dialog.ShowCustomConfirm(i18n.T("rec.retention_title"), i18n.T("rec.anonymise"), i18n.T("action.cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		n, err := strconv.Atoi(months.Selected)
		if err != nil {
			return
		}
		before := models.DateOf(time.Now()).AddMonths(-n)
		widgets.GoWork(func() {
			count, err := t.r.st.AnonymiseRejectedBefore(context.Background(), t.r.actor, before)
			widgets.OnMain(func() {
				if err != nil {
					t.r.showErr(err)
					return
				}
				dialog.ShowInformation(i18n.T("rec.retention_title"),
					i18n.Display(i18n.T("rec.retention_done", map[string]any{
						"Candidates": i18n.Plural("count.candidates", int(count), nil), "Date": dateText(before),
						"Months": i18n.Plural("count.months", int(n), nil)})), t.r.win)
				t.reload()
			})
		})
	}, t.r.win)
}

func (t *candidatesTab) onAdd() {
	editCandidate(t.r, models.Candidate{}, t.job.jobs, func(c models.Candidate) { t.reload(); openCandidate(t.r, c.ID) })
}

// editCandidate shows the candidate form (new when c.ID is 0); on create it
// warns first when another candidate has the same email or phone.
// It is one function over 80 lines because the form's fields, its
// validation and the duplicate check share the field variables; split, they
// would pass a dozen of them around.
func editCandidate(r *recruit, c models.Candidate, jobs []models.JobDescription, done func(models.Candidate)) {
	name, email, phone := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	edu, langs, source := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	years := widgets.NewNumericEntry(true)
	applied := widgets.WithCalendar(widget.NewEntry())
	notes := widget.NewMultiLineEntry()
	notes.SetMinRowsVisible(3)
	name.SetText(c.FullName)
	email.SetText(c.Email)
	phone.SetText(c.Phone)
	edu.SetText(c.Education)
	years.SetText(c.ExperienceYears)
	langs.SetText(c.Languages)
	source.SetText(c.Source)
	notes.SetText(c.Notes)
	applied.SetPlaceHolder("YYYY-MM-DD")
	if !c.AppliedOn.IsZero() {
		applied.SetText(c.AppliedOn.String())
	}
	job := NewJobSelect("", nil)
	var open []models.JobDescription
	for _, j := range jobs {
		if !j.Archived || j.ID == c.JobID {
			open = append(open, j)
		}
	}
	job.SetJobs(open)
	for i := range open {
		if open[i].ID == c.JobID {
			job.Sel.SetValue(JobOption(&open[i]))
		}
	}
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("rec.col.name"), name),
		widget.NewFormItem(i18n.T("rec.col.job"), job.Sel),
		widget.NewFormItem(i18n.T("rec.col.email"), email),
		widget.NewFormItem(i18n.T("rec.col.phone"), phone),
		widget.NewFormItem(i18n.T("rec.col.applied"), applied),
		widget.NewFormItem(i18n.T("rec.field.education"), edu),
		widget.NewFormItem(i18n.T("rec.field.years"), years),
		widget.NewFormItem(i18n.T("rec.field.languages"), langs),
		widget.NewFormItem(i18n.T("rec.col.source"), source),
		widget.NewFormItem(i18n.T("rec.field.notes"), notes),
	}
	title := i18n.T("rec.add_candidate")
	if c.ID != 0 {
		title = i18n.T("action.edit")
	}
	var saved models.Candidate
	widgets.ShowFormDialog(r.win, widgets.FormSpec{
		Title: title, Items: items, Size: fyne.NewSize(560, 680),
		Check: func() error {
			var errs []error
			var err error
			if c.FullName, err = widgets.RequiredText(name); err != nil {
				errs = append(errs, err)
			}
			if c.JobID = job.SelectedID(); c.JobID == 0 {
				errs = append(errs, widgets.FieldErr(job.Sel, i18n.T("form.required")))
			}
			if c.AppliedOn, err = widgets.DateField(applied, false); err != nil {
				errs = append(errs, err)
			}
			c.Email, c.Phone = strings.TrimSpace(email.Text), strings.TrimSpace(phone.Text)
			c.Education, c.ExperienceYears, c.Languages, c.Source, c.Notes = edu.Text, strings.TrimSpace(models.LatinDigits(years.Text)), langs.Text, source.Text, notes.Text
			if c.ExperienceYears != "" {
				if _, err := widgets.ParseDecimal(c.ExperienceYears); err != nil {
					errs = append(errs, widgets.FieldErr(years, i18n.T("form.number")))
				}
			}
			return errors.Join(errs...)
		},
		Before: func(proceed func()) {
			if c.ID != 0 {
				proceed()
				return
			}
			confirmDuplicates(r, c, proceed)
		},
		Save: func() (err error) { saved, err = r.st.SaveCandidate(context.Background(), r.actor, c); return err },
		Done: func() { done(saved) },
	})
}

// confirmDuplicates looks for other candidates with the same phone as c
// and, when there are some, asks whether to save c anyway; proceed runs when
// there are none or the user says yes. A taken e-mail is not asked about:
// the store refuses it (one candidate per e-mail).
func confirmDuplicates(r *recruit, c models.Candidate, proceed func()) {
	widgets.GoWork(func() {
		dups, err := r.st.Duplicates(context.Background(), r.actor, c)
		widgets.OnMain(func() {
			if err != nil || len(dups) == 0 {
				proceed()
				return
			}
			for _, x := range dups {
				if c.Email != "" && strings.EqualFold(x.Email, c.Email) {
					// an e-mail is one candidate's (a unique key): the save is
					// refused and says so beside the field; nothing to confirm
					proceed()
					return
				}
			}
			var names []string
			for _, x := range dups {
				names = append(names, "• "+x.FullName+" ("+x.Email+" "+x.Phone+") — "+stageName(x.Stage))
			}
			dialog.ShowConfirm(i18n.T("rec.duplicate_title"), i18n.T("rec.duplicate_warning")+"\n"+strings.Join(names, "\n"), func(yes bool) {
				if yes {
					proceed()
				}
			}, r.win)
		})
	})
}
