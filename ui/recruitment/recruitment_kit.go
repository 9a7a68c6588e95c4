package recruitment

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// kitPage is an interview kit: each question with its scoring guide, the
// interviewer's 1–5 score and notes, then the overall recommendation and
// submission. The others' feedback shows only after one's own submission
// (the store enforces it).
type kitPage struct {
	r       *recruit
	id      uint
	kit     store.InterviewKit
	body    *fyne.Container
	scores  map[uint]*widgets.RadioGroup
	notes   map[uint]*widget.Entry
	rec     *widget.Select
	overall *widget.Entry
}

var recScoreOptions = []string{"1", "2", "3", "4", "5"}

// openKit opens an interview kit in place of the tabs.
func openKit(r *recruit, interviewID uint) *kitPage {
	p := &kitPage{r: r, id: interviewID, body: container.NewStack(widget.NewLabel(i18n.T("common.loading")))}
	r.push(i18n.T("rec.kit_title"), p.body)
	p.reload()
	return p
}

func (p *kitPage) reload() {
	widgets.GoWork(func() {
		k, err := p.r.st.Kit(context.Background(), p.r.actor, p.id)
		widgets.OnMain(func() {
			if err != nil {
				p.r.showErr(err)
				return
			}
			p.kit = k
			p.body.Objects = []fyne.CanvasObject{p.build()}
			p.body.Refresh()
		})
	})
}

// editable reports whether the actor may still score this interview.
func (p *kitPage) editable() bool { return p.kit.Mine != nil && p.kit.Mine.SubmittedAt == nil }

func (p *kitPage) build() fyne.CanvasObject {
	k := p.kit
	p.scores, p.notes = map[uint]*widgets.RadioGroup{}, map[uint]*widget.Entry{}
	head := container.NewVBox(
		widgets.Label(i18n.T("rec.kit_head", map[string]any{"Name": k.Candidate.FullName, "Job": jobTitle(k.Candidate.Job), "When": whenText(k.Interview.ScheduledAt)})),
		p.interviewersLine())
	switch {
	case p.editable():
		head.Add(widgets.Para(i18n.T("rec.blind_note")))
	case !k.OthersVisible:
		head.Add(widgets.Para(i18n.T("rec.result_hidden")))
	}
	list := container.NewVBox()
	names := map[uint]string{}
	for _, x := range k.Interviewers {
		if x.User != nil {
			names[x.UserID] = x.User.FullName
		}
	}
	for i, q := range k.Questions {
		list.Add(p.questionCard(i+1, q, names))
	}
	var bottom fyne.CanvasObject
	if p.editable() {
		bottom = p.submitBar()
	} else if k.Mine != nil {
		bottom = widgets.Label(i18n.T("rec.my_verdict", map[string]any{"Rec": recName(k.Mine.Recommendation)}) + " " + widgets.Cell(k.Mine.Notes))
	}
	return container.NewBorder(head, bottom, nil, nil, container.NewVScroll(list))
}

func (p *kitPage) interviewersLine() fyne.CanvasObject {
	var parts []string
	for _, x := range p.kit.Interviewers {
		name := ""
		if x.User != nil {
			name = x.User.FullName
		}
		st := i18n.T("rec.pending")
		if x.SubmittedAt != nil {
			st = i18n.T("rec.submitted")
			if x.Recommendation != "" {
				st += " · " + recName(x.Recommendation)
			}
		}
		parts = append(parts, name+" ("+st+")")
	}
	return widgets.Label(i18n.T("rec.interviewers") + ": " + widgets.JoinList(parts))
}

func (p *kitPage) questionCard(n int, q models.Question, names map[uint]string) fyne.CanvasObject {
	title := widgets.NewWrapData(fmt.Sprintf("%d. %s", n, pick(q.TextAr, q.TextEn)))
	title.TextStyle = fyne.TextStyle{Bold: true}
	box := container.NewVBox(title, widgets.Label(i18n.T("rec.competency")+": "+p.r.competencyName(q.Competency)))
	for _, g := range []struct {
		n      string
		ar, en string
	}{{"1", q.Guide1Ar, q.Guide1En}, {"3", q.Guide3Ar, q.Guide3En}, {"5", q.Guide5Ar, q.Guide5En}} {
		if t := pick(g.ar, g.en); t != "" {
			box.Add(widgets.Para(i18n.T("rec.guide", map[string]any{"N": g.n}) + " " + t))
		}
	}
	mine, has := p.kit.MyScores[q.ID]
	if p.kit.Mine != nil {
		radio := widgets.NewRadioGroup(recScoreOptions, nil)
		radio.Horizontal = true
		notes := widget.NewEntry()
		notes.SetPlaceHolder(i18n.T("rec.field.notes"))
		if has {
			radio.SetSelected(strconv.Itoa(mine.Score))
			notes.SetText(mine.Notes)
		}
		if !p.editable() {
			radio.Disable()
			notes.Disable()
		}
		p.scores[q.ID], p.notes[q.ID] = radio, notes
		if i18n.IsRTL() {
			box.Add(container.NewHBox(layout.NewSpacer(), radio, widget.NewLabel(i18n.T("rec.my_score"))))
		} else {
			box.Add(container.NewHBox(widget.NewLabel(i18n.T("rec.my_score")), radio))
		}
		box.Add(notes)
	}
	if p.kit.OthersVisible {
		for _, sc := range p.kit.OtherScores {
			if sc.QuestionID == q.ID {
				line := names[sc.UserID] + ": " + strconv.Itoa(sc.Score)
				if sc.Notes != "" {
					line += " — " + sc.Notes
				}
				box.Add(widgets.Label(line))
			}
		}
	}
	return widget.NewCard("", "", box)
}

func (p *kitPage) submitBar() fyne.CanvasObject {
	var opts []string
	for _, r := range models.Recommendations {
		opts = append(opts, recName(r))
	}
	p.rec = widget.NewSelect(opts, nil)
	p.rec.PlaceHolder = i18n.T("rec.recommendation")
	p.overall = widget.NewEntry()
	p.overall.SetPlaceHolder(i18n.T("rec.overall_notes"))
	save := widget.NewButton(i18n.T("rec.save_draft"), p.onSaveDraft)
	submit := widget.NewButton(i18n.T("rec.submit"), p.onSubmit)
	submit.Importance = widget.HighImportance
	return container.NewBorder(nil, nil, p.rec, container.NewHBox(save, submit), p.overall)
}

// collect reads the chosen scores and notes (on the UI thread): question ID
// → {score, notes}.
func (p *kitPage) collect() map[uint][2]string {
	out := map[uint][2]string{}
	for id, r := range p.scores {
		if r.Selected != "" {
			out[id] = [2]string{r.Selected, p.notes[id].Text}
		}
	}
	return out
}

// save writes the collected scores; it runs off the UI thread.
func (p *kitPage) save(vals map[uint][2]string) error {
	for id, v := range vals {
		n, _ := strconv.Atoi(v[0])
		if err := p.r.st.SaveScore(context.Background(), p.r.actor, p.id, id, n, v[1]); err != nil {
			return err
		}
	}
	return nil
}

func (p *kitPage) onSaveDraft() {
	vals := p.collect()
	widgets.GoWork(func() {
		err := p.save(vals)
		widgets.OnMain(func() {
			if err != nil {
				p.r.showErr(err)
				return
			}
			dialog.ShowInformation(i18n.T("rec.kit_title"), i18n.T("rec.draft_saved"), p.r.win)
		})
	})
}

func (p *kitPage) onSubmit() {
	vals := p.collect()
	if len(vals) < len(p.kit.Questions) {
		dialog.ShowInformation(i18n.T("rec.submit"), i18n.T("rec.score_all"), p.r.win)
		return
	}
	i := p.rec.SelectedIndex()
	if i < 0 {
		dialog.ShowInformation(i18n.T("rec.submit"), i18n.T("rec.choose_recommendation"), p.r.win)
		return
	}
	rec, notes := models.Recommendations[i], p.overall.Text
	dialog.ShowConfirm(i18n.T("rec.submit"), i18n.T("rec.submit_confirm"), func(ok bool) {
		if !ok {
			return
		}
		p.submit(vals, rec, notes)
	}, p.r.win)
}

// submit saves the scores and submits the verdict off the UI thread.
func (p *kitPage) submit(vals map[uint][2]string, rec models.Recommendation, notes string) {
	widgets.GoWork(func() {
		err := p.save(vals)
		if err == nil {
			err = p.r.st.SubmitFeedback(context.Background(), p.r.actor, p.id, rec, notes)
		}
		widgets.OnMain(func() {
			if err != nil {
				p.r.showErr(err)
			}
			p.reload()
		})
	})
}
