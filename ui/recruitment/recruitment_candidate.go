package recruitment

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/recruiting"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// candidatePage shows one candidate: details, stage history, interviews,
// interview result, and HR's actions (edit, move, CV, schedule, hire,
// export, anonymise, delete).
type candidatePage struct {
	r       *recruit
	id      uint
	c       models.Candidate
	history []models.StageChange
	ivs     []store.InterviewRow
	result  store.CandidateResult
	body    *fyne.Container
	// timeline is the way from candidate to agent (and probation review).
	timeline store.HireTimeline
}

// openCandidate opens a candidate's page in place of the tabs.
func openCandidate(r *recruit, id uint) *candidatePage {
	p := &candidatePage{r: r, id: id, body: container.NewStack(widget.NewLabel(i18n.T("common.loading")))}
	r.push(i18n.T("rec.candidate"), p.body)
	p.reload()
	return p
}

func (p *candidatePage) reload() {
	widgets.GoWork(func() {
		c, err := p.r.st.Candidate(context.Background(), p.r.actor, p.id)
		var h []models.StageChange
		var ivs []store.InterviewRow
		var res store.CandidateResult
		if err == nil {
			h, err = p.r.st.StageHistory(context.Background(), p.r.actor, p.id)
		}
		if err == nil {
			ivs, err = p.r.st.CandidateInterviews(context.Background(), p.r.actor, p.id)
		}
		if err == nil {
			res, err = p.r.st.Result(context.Background(), p.r.actor, p.id)
		}
		var tl store.HireTimeline
		if err == nil {
			tl, err = p.r.st.HireTimeline(context.Background(), p.r.actor, p.id)
		}
		widgets.OnMain(func() {
			if err != nil {
				p.r.showErr(err)
				return
			}
			p.c, p.history, p.ivs, p.result, p.timeline = c, h, ivs, res, tl
			p.body.Objects = []fyne.CanvasObject{p.build()}
			p.body.Refresh()
		})
	})
}

func (p *candidatePage) build() fyne.CanvasObject {
	c := p.c
	info := widgets.NewForm(
		widget.NewFormItem(i18n.T("rec.col.name"), widgets.Label(widgets.Cell(c.FullName))),
		widget.NewFormItem(i18n.T("rec.col.job"), widgets.Label(widgets.Cell(jobTitle(c.Job)))),
		widget.NewFormItem(i18n.T("rec.col.stage"), widgets.Label(stageName(c.Stage))),
		widget.NewFormItem(i18n.T("rec.col.applied"), widgets.Label(dateText(c.AppliedOn))),
		widget.NewFormItem(i18n.T("rec.col.email"), widgets.Label(c.Email)),
		widget.NewFormItem(i18n.T("rec.col.phone"), widgets.Label(widgets.Cell(c.Phone))),
		widget.NewFormItem(i18n.T("rec.field.education"), widgets.Label(widgets.Cell(c.Education))),
		widget.NewFormItem(i18n.T("rec.field.years"), widgets.Label(c.ExperienceYears)),
		widget.NewFormItem(i18n.T("rec.field.languages"), widgets.Label(widgets.Cell(widgets.LanguageNames(c.Languages)))),
		widget.NewFormItem(i18n.T("rec.col.source"), widgets.Label(widgets.Cell(c.Source))),
		widget.NewFormItem(i18n.T("rec.field.cv"), widgets.Label(widgets.Cell(orDash(c.CVName)))),
	)
	notes := widgets.NewWrapData(c.Notes)
	left := container.NewVBox(widgets.Heading(i18n.T("rec.details")), info, widgets.Heading(i18n.T("rec.field.notes")), notes,
		widgets.Heading(i18n.T("rec.timeline")), timelineBox(p.timeline), widgets.Heading(i18n.T("rec.history")), p.historyBox())
	right := container.NewVBox(widgets.Heading(i18n.T("rec.result")), p.resultBox(), widgets.Heading(i18n.T("rec.interviews")), p.interviewsBox())
	split := container.NewHSplit(container.NewVScroll(left), container.NewVScroll(right))
	split.Offset = 0.5
	return container.NewBorder(p.actions(), nil, nil, nil, split)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func (p *candidatePage) historyBox() fyne.CanvasObject {
	box := container.NewVBox()
	for _, h := range p.history {
		from := ""
		if h.From != "" {
			from = stageName(h.From) + " ← "
		}
		line := i18n.T("rec.history_line", map[string]any{"Date": h.On.String(), "Move": from + stageName(h.To)})
		if h.Reason != "" {
			line += " — " + widgets.StoredText(h.Reason)
		}
		box.Add(widgets.Label(line))
	}
	return box
}

func (p *candidatePage) resultBox() fyne.CanvasObject {
	res := p.result
	if res.Hidden {
		return widgets.Para(i18n.T("rec.result_hidden"))
	}
	if res.Result.Marks == 0 {
		return widgets.Para(i18n.T("rec.no_feedback"))
	}
	box := container.NewVBox(widgets.Label(i18n.T("rec.score_line", map[string]any{"Score": res.Result.Percent.String()})))
	for _, code := range p.r.compOrder {
		if v, ok := res.Result.ByCompetency[code]; ok {
			box.Add(widgets.Label(i18n.T("rec.comp_line", map[string]any{"Name": p.r.competencyName(code), "Score": v.String()})))
		}
	}
	var recs []string
	for _, x := range res.Recommendations {
		recs = append(recs, recName(x))
	}
	box.Add(widgets.Label(i18n.T("rec.recommendations") + ": " + widgets.JoinList(recs)))
	if res.Result.Disagreement() {
		w := widgets.Para("⚠ " + i18n.T("rec.disagreement"))
		w.Importance = widget.WarningImportance
		box.Add(w)
	}
	return box
}

func (p *candidatePage) interviewsBox() fyne.CanvasObject {
	box := container.NewVBox()
	if len(p.ivs) == 0 {
		box.Add(widgets.Label(i18n.T("rec.no_interviews")))
	}
	for _, iv := range p.ivs {
		iv := iv
		text := i18n.T("rec.interview_line", map[string]any{"When": whenText(iv.Interview.ScheduledAt), "Done": iv.Submitted, "Of": iv.Interviewers})
		box.Add(widget.NewButton(i18n.Display(text), func() { openKit(p.r, iv.Interview.ID) }))
	}
	return box
}

// actions is the candidate's button row, in reading order: the main action
// first (Hire at the offer stage, else Edit), the destructive ones
// (Anonymise, Delete) last, so that in Arabic Delete is at the left end.
func (p *candidatePage) actions() fyne.CanvasObject {
	var btns []fyne.CanvasObject
	if !p.r.actor.Can(store.OpManageCandidates) || p.c.Anonymized {
		if p.c.CVName != "" {
			btns = append(btns, widget.NewButton(i18n.T("rec.save_cv"), p.onSaveCV))
		}
		return container.NewHScroll(widgets.ActionRow(btns...))
	}
	if p.c.Stage == models.StageOffer {
		h := widget.NewButton(i18n.T("rec.hire"), p.onHire)
		h.Importance = widget.HighImportance
		btns = append(btns, h)
	}
	btns = append(btns, widget.NewButton(i18n.T("action.edit"), p.onEdit))
	if len(recruiting.NextStages(p.c.Stage)) > 0 {
		btns = append(btns, widget.NewButton(i18n.T("rec.move_stage"), p.onMove),
			widget.NewButton(i18n.T("rec.schedule"), p.onSchedule))
	}
	if p.c.CVName != "" {
		btns = append(btns, widget.NewButton(i18n.T("rec.save_cv"), p.onSaveCV))
	}
	btns = append(btns, widget.NewButton(i18n.T("rec.attach_cv"), p.onAttachCV),
		widget.NewButton(i18n.T("rec.export_data"), p.onExport),
		widget.NewButton(i18n.T("rec.anonymise"), p.onAnonymise))
	del := widget.NewButton(i18n.T("action.delete"), p.onDelete)
	del.Importance = widget.DangerImportance
	btns = append(btns, del)
	return container.NewHScroll(widgets.ActionRow(btns...))
}

func (p *candidatePage) onEdit() {
	widgets.GoWork(func() {
		jobs, err := p.r.st.ListJobs(context.Background(), p.r.actor, true)
		widgets.OnMain(func() {
			if err != nil {
				p.r.showErr(err)
				return
			}
			editCandidate(p.r, p.c, jobs, func(models.Candidate) { p.reload() })
		})
	})
}

func (p *candidatePage) onMove() {
	var opts []string
	var stages []models.Stage
	for _, s := range recruiting.NextStages(p.c.Stage) {
		if s == models.StageHired {
			continue
		}
		opts = append(opts, stageName(s))
		stages = append(stages, s)
	}
	to := widget.NewSelect(opts, nil)
	to.SetSelectedIndex(0)
	reason := widget.NewEntry()
	on := widgets.WithCalendar(widget.NewEntry())
	on.SetText(models.DateOf(time.Now()).String())
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("rec.to_stage"), to),
		widget.NewFormItem(i18n.T("rec.reason"), reason),
		widget.NewFormItem(i18n.T("rec.date"), on),
	}
	var st models.Stage
	var d models.Date
	var why string
	widgets.ShowFormDialog(p.r.win, widgets.FormSpec{
		Title: i18n.T("rec.move_stage"), Items: items, Size: fyne.NewSize(520, 340),
		Check: func() error {
			var errs []error
			if i := to.SelectedIndex(); i < 0 || i >= len(stages) {
				errs = append(errs, widgets.FieldErr(to, i18n.T("form.required")))
			} else {
				st = stages[i]
			}
			var err error
			if d, err = widgets.DateField(on, true); err != nil {
				errs = append(errs, err)
			}
			why = reason.Text
			return errors.Join(errs...)
		},
		Save: func() error {
			return p.r.st.MoveStage(context.Background(), p.r.actor, p.c.ID, p.c.Version, st, why, d)
		},
		Done: p.reload,
	})
}

func (p *candidatePage) onHire() {
	empNo, team := widget.NewEntry(), widget.NewEntry()
	hire, start := widgets.WithCalendar(widget.NewEntry()), widgets.WithCalendar(widget.NewEntry())
	today := models.DateOf(time.Now()).String()
	hire.SetText(today)
	start.SetText(today)
	sup := widget.NewSelect(nil, nil)
	var sups []models.Agent
	widgets.GoWork(func() {
		ags, err := p.r.st.ListAgents(context.Background(), p.r.actor, store.AgentFilter{Status: models.Active})
		widgets.OnMain(func() {
			if err != nil {
				return
			}
			opts := []string{i18n.T("common.none")}
			for _, a := range ags {
				if a.Role != "csr" {
					sups = append(sups, a)
					opts = append(opts, a.EmployeeNo+" — "+a.FullName)
				}
			}
			sup.Options = opts
			sup.SetSelectedIndex(0)
		})
	})
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("rec.employee_no"), empNo),
		widget.NewFormItem(i18n.T("rec.hire_date"), hire),
		widget.NewFormItem(i18n.T("rec.role_start"), start),
		widget.NewFormItem(i18n.T("rec.supervisor"), sup),
		widget.NewFormItem(i18n.T("rec.team"), team),
	}
	var in store.HireInput
	var ag models.Agent
	widgets.ShowFormDialog(p.r.win, widgets.FormSpec{
		Title: i18n.T("rec.hire"), SaveText: i18n.T("rec.hire"), Items: items, Size: fyne.NewSize(520, 480),
		Check: func() error {
			in = store.HireInput{Team: strings.TrimSpace(team.Text)}
			var errs []error
			var err error
			if in.EmployeeNo, err = widgets.RequiredText(empNo); err != nil {
				errs = append(errs, err)
			}
			if in.HireDate, err = widgets.DateField(hire, true); err != nil {
				errs = append(errs, err)
			}
			if in.RoleStartDate, err = widgets.DateField(start, true); err != nil {
				errs = append(errs, err)
			}
			if len(errs) == 0 && in.RoleStartDate.Before(in.HireDate) {
				errs = append(errs, widgets.FieldErr(start, i18n.T("agent.role_before_hire")))
			}
			if i := sup.SelectedIndex(); i > 0 && i <= len(sups) {
				id := sups[i-1].ID
				in.SupervisorID = &id
			}
			return errors.Join(errs...)
		},
		Save: func() (err error) {
			ag, err = p.r.st.Hire(context.Background(), p.r.actor, p.c.ID, p.c.Version, in)
			return err
		},
		Field: func(err error) fyne.CanvasObject {
			if errors.Is(err, models.ErrAlreadyExists) {
				return empNo
			}
			return nil
		},
		Done: func() {
			dialog.ShowInformation(i18n.T("rec.hire"), i18n.Display(i18n.T("rec.hired_as", map[string]any{"No": ag.EmployeeNo})), p.r.win)
			p.reload()
		},
	})
}

func (p *candidatePage) onAttachCV() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, store.MaxCVSize+1))
		if err != nil {
			p.r.showErr(err)
			return
		}
		name := rc.URI().Name()
		widgets.GoWork(func() {
			_, err := p.r.st.SetCV(context.Background(), p.r.actor, p.c.ID, p.c.Version, name, data)
			widgets.OnMain(func() {
				if err != nil {
					p.r.showErr(err)
				}
				p.reload()
			})
		})
	}, p.r.win)
	d.Show()
}

func (p *candidatePage) onSaveCV() {
	widgets.GoWork(func() {
		name, data, err := p.r.st.CV(context.Background(), p.r.actor, p.c.ID)
		widgets.OnMain(func() {
			if err != nil {
				p.r.showErr(err)
				return
			}
			saveBytes(p.r.win, name, data)
		})
	})
}

// saveBytes asks for a file name and writes data to it.
func saveBytes(w fyne.Window, name string, data []byte) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		defer wc.Close()
		if _, err := wc.Write(data); err != nil {
			dialog.ShowError(fmt.Errorf("%s", widgets.UserMessage(err)), w)
		}
	}, w)
	d.SetFileName(name)
	d.Show()
}

func (p *candidatePage) onExport() {
	widgets.GoWork(func() {
		x, err := p.r.st.ExportCandidate(context.Background(), p.r.actor, p.c.ID)
		var data []byte
		if err == nil {
			data, err = json.MarshalIndent(x, "", "  ")
		}
		widgets.OnMain(func() {
			if err != nil {
				p.r.showErr(err)
				return
			}
			saveBytes(p.r.win, fmt.Sprintf("candidate-%d.json", p.c.ID), data)
		})
	})
}

func (p *candidatePage) onAnonymise() {
	dialog.ShowConfirm(i18n.T("rec.anonymise"), i18n.T("rec.anonymise_confirm"), func(ok bool) {
		if !ok {
			return
		}
		widgets.GoWork(func() {
			err := p.r.st.AnonymiseCandidate(context.Background(), p.r.actor, p.c.ID)
			widgets.OnMain(func() {
				if err != nil {
					p.r.showErr(err)
				}
				p.reload()
			})
		})
	}, p.r.win)
}

func (p *candidatePage) onDelete() {
	dialog.ShowConfirm(i18n.T("action.delete"), i18n.T("rec.delete_confirm"), func(ok bool) {
		if !ok {
			return
		}
		widgets.GoWork(func() {
			err := p.r.st.DeleteCandidate(context.Background(), p.r.actor, p.c.ID)
			widgets.OnMain(func() {
				if err != nil {
					p.r.showErr(err)
					return
				}
				p.r.pop()
			})
		})
	}, p.r.win)
}
