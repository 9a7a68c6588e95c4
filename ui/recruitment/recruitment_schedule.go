package recruitment

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

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

// Scheduling an interview from the candidate's page (moved verbatim from
// recruitment_candidate.go).

func (p *candidatePage) onSchedule() {
	widgets.GoWork(func() {
		users, err := p.r.st.Interviewers(context.Background(), p.r.actor)
		var qs []models.Question
		var cats []models.QuestionCategory
		if err == nil {
			qs, err = p.r.st.ListQuestions(context.Background(), p.r.actor, false)
		}
		if err == nil {
			cats, err = p.r.st.ListQuestionCategories(context.Background(), p.r.actor)
		}
		widgets.OnMain(func() {
			if err != nil {
				p.r.showErr(err)
				return
			}
			p.scheduleDialog(users, qs, cats)
		})
	})
}

func (p *candidatePage) scheduleDialog(users []models.User, qs []models.Question, cats []models.QuestionCategory) {
	when := widget.NewEntry()
	when.SetText(time.Now().Add(24*time.Hour).Format("2006-01-02") + " 10:00")
	where := widget.NewEntry()
	var userOpts []string
	userID := map[string]uint{}
	for _, u := range users {
		o := u.FullName + " (" + u.Username + ")"
		userOpts = append(userOpts, o)
		userID[o] = u.ID
	}
	who := widgets.NewCheckGroup(userOpts, nil)
	catName := map[string]string{}
	for _, c := range cats {
		catName[c.Code] = pick(c.NameAr, c.NameEn)
	}
	var qOpts []string
	qByOpt := map[string]models.Question{}
	for _, q := range qs {
		o := q.Code + " · " + catName[q.CategoryCode] + " · " + widgets.Clip(pick(q.TextAr, q.TextEn), 70)
		qOpts = append(qOpts, o)
		qByOpt[o] = q
	}
	kit := widgets.NewCheckGroup(qOpts, nil)
	perCat := widget.NewSelect([]string{"1", "2", "3"}, nil)
	perCat.SetSelected("1")
	autoPick := func() {
		n, _ := strconv.Atoi(perCat.Selected)
		count := map[string]int{}
		var sel []string
		for _, o := range qOpts {
			q := qByOpt[o]
			if count[q.CategoryCode] < n {
				count[q.CategoryCode]++
				sel = append(sel, o)
			}
		}
		kit.SetSelected(sel)
	}
	perCat.OnChanged = func(string) { autoPick() }
	autoPick()
	form := container.NewVBox(
		widgets.NewForm(widget.NewFormItem(i18n.T("rec.when"), when), widget.NewFormItem(i18n.T("rec.where"), where)),
		widgets.Heading(i18n.T("rec.interviewers")), who,
		container.NewHBox(widgets.Heading(i18n.T("rec.kit")), layout.NewSpacer(), widget.NewLabel(i18n.T("rec.per_category")), perCat),
		kit)
	d := dialog.NewCustomConfirm(i18n.T("rec.schedule"), i18n.T("action.save"), i18n.T("action.cancel"), container.NewVScroll(form), func(ok bool) {
		if !ok {
			return
		}
		at, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(when.Text), time.Local)
		if err != nil {
			dialog.ShowError(fmt.Errorf("%s: YYYY-MM-DD HH:MM", i18n.T("rec.when")), p.r.win)
			return
		}
		in := store.NewInterview{CandidateID: p.c.ID, At: at, Location: where.Text}
		for _, o := range who.Selected {
			in.InterviewerIDs = append(in.InterviewerIDs, userID[o])
		}
		sel := append([]string(nil), kit.Selected...)
		sort.SliceStable(sel, func(i, j int) bool { return indexOf(qOpts, sel[i]) < indexOf(qOpts, sel[j]) })
		for _, o := range sel {
			in.QuestionIDs = append(in.QuestionIDs, qByOpt[o].ID)
		}
		widgets.GoWork(func() {
			_, err := p.r.st.ScheduleInterview(context.Background(), p.r.actor, in)
			widgets.OnMain(func() {
				if err != nil {
					p.r.showErr(err)
				}
				p.reload()
			})
		})
	}, p.r.win)
	d.Resize(fyne.NewSize(760, 620))
	d.Show()
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return len(list)
}
