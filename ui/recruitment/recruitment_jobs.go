package recruitment

import (
	"context"
	"fmt"
	"html"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// jobsTab lists the job descriptions (HR): create from a template, edit,
// archive or restore, and export a job advert.
type jobsTab struct {
	r     *recruit
	jobs  []models.JobDescription
	table *widget.Table
	sel   int
	info  *widget.Label
}

var jobColumns = []string{"rec.col.code", "rec.col.title", "rec.col.ladder", "rec.col.location", "rec.col.status"}

func newJobsTab(r *recruit) *jobsTab {
	t := &jobsTab{r: r, sel: -1}
	r.reloaders = append(r.reloaders, t.reload)
	return t
}

func (t *jobsTab) content() fyne.CanvasObject {
	t.info = widget.NewLabel(i18n.T("rec.jobs_hint"))
	t.table = newTable(jobColumns, []float32{100, 300, 140, 220, 110}, func() int { return len(t.jobs) }, t.cellText)
	t.table.OnSelected = func(id widget.TableCellID) { t.sel = id.Row }
	bar := container.NewHBox(
		widget.NewButton(i18n.T("rec.job_from_template"), t.onFromTemplate),
		widget.NewButton(i18n.T("action.edit"), t.onEdit),
		widget.NewButton(i18n.T("rec.archive_toggle"), t.onArchive),
		widget.NewButton(i18n.T("rec.export_advert"), t.onAdvert))
	top := container.NewVBox(bar)
	if b := widgets.ImportButtons(t.r.deps, models.KindJobs, t.reload); b != nil {
		top.Add(b)
	}
	top.Add(t.info)
	t.reload()
	return container.NewBorder(top, nil, nil, nil, widgets.ReadingTable(t.table))
}

func (t *jobsTab) cellText(row, col int) string {
	j := t.jobs[row]
	switch col {
	case 0:
		return j.Code
	case 1:
		return jobTitle(&j)
	case 2:
		return widgets.LadderRoleName(t.r.ladder, j.LadderRole)
	case 3:
		return pick(j.LocationAr, j.LocationEn)
	case 4:
		if j.Archived {
			return i18n.T("rec.archived")
		}
		return i18n.T("rec.open")
	}
	return ""
}

func (t *jobsTab) reload() {
	widgets.GoWork(func() {
		jobs, err := t.r.st.ListJobs(context.Background(), t.r.actor, true)
		widgets.OnMain(func() {
			if err != nil {
				t.r.showErr(err)
				return
			}
			t.jobs = jobs
			t.sel = -1
			t.table.UnselectAll()
			t.table.Refresh()
		})
	})
}

func (t *jobsTab) selected() (models.JobDescription, bool) {
	return selectedOf(t.r, t.jobs, t.sel, "rec.tab.jobs", "rec.select_job")
}

func (t *jobsTab) onFromTemplate() {
	src, ok := t.selected()
	if !ok {
		return
	}
	widgets.GoWork(func() {
		j, err := t.r.st.JobFromTemplate(context.Background(), t.r.actor, src.ID)
		widgets.OnMain(func() {
			if err != nil {
				t.r.showErr(err)
				return
			}
			t.editDialog(j)
		})
	})
}

func (t *jobsTab) onEdit() {
	if j, ok := t.selected(); ok {
		t.editDialog(j)
	}
}

func (t *jobsTab) onArchive() {
	j, ok := t.selected()
	if !ok {
		return
	}
	t.r.changeThenReload(func() error {
		return t.r.st.SetJobArchived(context.Background(), t.r.actor, j.ID, j.Version, !j.Archived)
	}, t.reload)
}

func (t *jobsTab) onAdvert() {
	j, ok := t.selected()
	if !ok {
		return
	}
	saveBytes(t.r.win, strings.ToLower(j.Code)+"-advert.html", []byte(jobAdvertHTML(j, i18n.Current())))
}

func (t *jobsTab) editDialog(j models.JobDescription) {
	entry := func(v string, multi bool) *widget.Entry {
		e := widget.NewEntry()
		if multi {
			e = widget.NewMultiLineEntry()
			e.SetMinRowsVisible(3)
			e.Wrapping = fyne.TextWrapWord
		}
		e.SetText(v)
		return e
	}
	code, ladder := entry(j.Code, false), entry(j.LadderRole, false)
	tAr, tEn := entry(j.TitleAr, false), entry(j.TitleEn, false)
	lAr, lEn := entry(j.LocationAr, false), entry(j.LocationEn, false)
	pAr, pEn := entry(j.PurposeAr, true), entry(j.PurposeEn, true)
	rAr, rEn := entry(j.ResponsibilitiesAr, true), entry(j.ResponsibilitiesEn, true)
	qAr, qEn := entry(j.QualificationsAr, true), entry(j.QualificationsEn, true)
	sAr, sEn := entry(j.SkillsAr, true), entry(j.SkillsEn, true)
	pair := func(key string, ar, en *widget.Entry) *widget.FormItem {
		return widget.NewFormItem(i18n.T(key), container.NewGridWithColumns(2, widgets.TextPair(ar, en)...))
	}
	form := widgets.NewForm(
		widget.NewFormItem(i18n.T("rec.col.code"), code),
		widget.NewFormItem(i18n.T("rec.col.ladder"), ladder),
		widget.NewFormItem("", container.NewGridWithColumns(2, widgets.TextPair(widget.NewLabel(i18n.T("rec.arabic")), widget.NewLabel(i18n.T("rec.english")))...)),
		pair("rec.col.title", tAr, tEn),
		pair("rec.col.location", lAr, lEn),
		pair("rec.field.purpose", pAr, pEn),
		pair("rec.field.responsibilities", rAr, rEn),
		pair("rec.field.qualifications", qAr, qEn),
		pair("rec.field.skills", sAr, sEn),
	)
	d := dialog.NewCustomConfirm(i18n.T("rec.job"), i18n.T("action.save"), i18n.T("action.cancel"), container.NewVScroll(form), func(ok bool) {
		if !ok {
			return
		}
		j.Code, j.LadderRole = code.Text, strings.TrimSpace(ladder.Text)
		j.TitleAr, j.TitleEn, j.LocationAr, j.LocationEn = tAr.Text, tEn.Text, lAr.Text, lEn.Text
		j.PurposeAr, j.PurposeEn, j.ResponsibilitiesAr, j.ResponsibilitiesEn = pAr.Text, pEn.Text, rAr.Text, rEn.Text
		j.QualificationsAr, j.QualificationsEn, j.SkillsAr, j.SkillsEn = qAr.Text, qEn.Text, sAr.Text, sEn.Text
		widgets.GoWork(func() {
			_, err := t.r.st.SaveJob(context.Background(), t.r.actor, j)
			widgets.OnMain(func() {
				if err != nil {
					t.r.showErr(err)
				}
				t.reload()
			})
		})
	}, t.r.win)
	d.Resize(fyne.NewSize(900, 640))
	d.Show()
}

// jobAdvertHTML renders a job description as a self-contained UTF-8 HTML
// advert in language code ("ar" right to left, else English).
func jobAdvertHTML(j models.JobDescription, code string) string {
	ar := code == "ar"
	pickL := func(a, e string) string {
		if ar && a != "" || e == "" {
			return a
		}
		return e
	}
	dir, l := "ltr", "en"
	heads := []string{"Location", "About the role", "Responsibilities", "Qualifications", "Skills"}
	if ar {
		dir, l = "rtl", "ar"
		heads = []string{"مكان العمل", "عن الوظيفة", "المهام والمسؤوليات", "المؤهلات", "المهارات"}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=%q dir=%q>\n<head><meta charset=\"utf-8\"><title>%s</title>\n", l, dir, html.EscapeString(pickL(j.TitleAr, j.TitleEn)))
	b.WriteString("<style>body{font-family:'Noto Sans Arabic','Noto Sans',Arial,sans-serif;max-width:760px;margin:2em auto;line-height:1.6;color:#222}h1{color:#1b4f72}h2{color:#1b4f72;border-bottom:1px solid #ccc}</style></head>\n<body>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n", html.EscapeString(pickL(j.TitleAr, j.TitleEn)))
	if loc := pickL(j.LocationAr, j.LocationEn); loc != "" {
		fmt.Fprintf(&b, "<p><strong>%s:</strong> %s</p>\n", heads[0], html.EscapeString(loc))
	}
	section := func(h, text string, list bool) {
		text = strings.TrimSpace(text)
		if text == "" {
			return
		}
		fmt.Fprintf(&b, "<h2>%s</h2>\n", h)
		if !list {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(text))
			return
		}
		b.WriteString("<ul>\n")
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(strings.TrimLeft(line, "-•* ")); line != "" {
				fmt.Fprintf(&b, "<li>%s</li>\n", html.EscapeString(line))
			}
		}
		b.WriteString("</ul>\n")
	}
	section(heads[1], pickL(j.PurposeAr, j.PurposeEn), false)
	section(heads[2], pickL(j.ResponsibilitiesAr, j.ResponsibilitiesEn), true)
	section(heads[3], pickL(j.QualificationsAr, j.QualificationsEn), true)
	section(heads[4], pickL(j.SkillsAr, j.SkillsEn), true)
	b.WriteString("</body>\n</html>\n")
	return b.String()
}
