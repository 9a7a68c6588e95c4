package recruitment

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"

	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// pipelineTab shows, for one job, the count of candidates in each stage and
// the comparison of its candidates: score per competency, recommendations,
// disagreement and stage. A row opens the candidate.
type pipelineTab struct {
	r      *recruit
	job    *recJobSelect
	counts *fyne.Container
	table  *widget.Table
	rows   []store.ComparisonRow
}

func newPipelineTab(r *recruit) *pipelineTab {
	t := &pipelineTab{r: r}
	r.reloaders = append(r.reloaders, t.reload)
	return t
}

func (t *pipelineTab) content() fyne.CanvasObject {
	t.job = NewJobSelect("", t.onFilterChanged)
	t.counts = widgets.NewReadingGrid(len(models.Stages))
	widths := []float32{170, 100, 80, 200, 130}
	for range t.r.compOrder {
		widths = append(widths, 100)
	}
	t.table = newTableH(t.headers, widths, func() int { return len(t.rows) }, t.cellText)
	t.table.OnSelected = t.onSelected
	top := container.NewVBox(widgets.Labelled(i18n.T("rec.col.job"), t.job.Sel), t.counts,
		widgets.Heading(i18n.T("rec.comparison")))
	widgets.GoWork(func() {
		jobs, err := t.r.st.ListJobs(context.Background(), t.r.actor, false)
		widgets.OnMain(func() {
			if err != nil {
				t.r.showErr(err)
				return
			}
			t.job.SetJobs(jobs)
			t.reload()
		})
	})
	return container.NewBorder(top, nil, nil, nil, widgets.ReadingTable(t.table))
}

func (t *pipelineTab) headers() []string {
	h := []string{i18n.T("rec.col.name"), i18n.T("rec.col.stage"), i18n.T("rec.col.score"), i18n.T("rec.recommendations"), i18n.T("rec.col.flag")}
	for _, c := range t.r.compOrder {
		h = append(h, t.r.competencyName(c))
	}
	return h
}

func (t *pipelineTab) cellText(row, col int) string {
	x := t.rows[row]
	switch {
	case col == 0:
		return x.Candidate.FullName
	case col == 1:
		return stageName(x.Candidate.Stage)
	case x.Hidden:
		return "🔒"
	case col == 2:
		if x.Result.Marks == 0 {
			return "—"
		}
		return x.Result.Percent.String()
	case col == 3:
		var r []string
		for _, rec := range x.Recommendations {
			r = append(r, recName(rec))
		}
		return widgets.JoinList(r)
	case col == 4:
		if x.Result.Disagreement() {
			return "⚠ " + i18n.T("rec.split")
		}
		return ""
	case col-5 < len(t.r.compOrder):
		if v, ok := x.Result.ByCompetency[t.r.compOrder[col-5]]; ok {
			return v.String()
		}
		return "—"
	}
	return ""
}

func (t *pipelineTab) onFilterChanged() { t.reload() }

func (t *pipelineTab) reload() {
	if t.job == nil {
		return
	}
	id := t.job.SelectedID()
	if id == 0 {
		return
	}
	widgets.GoWork(func() {
		counts, err := t.r.st.PipelineCounts(context.Background(), t.r.actor, id)
		var rows []store.ComparisonRow
		if err == nil {
			rows, err = t.r.st.Compare(context.Background(), t.r.actor, id)
		}
		widgets.OnMain(func() {
			if err != nil {
				t.r.showErr(err)
				return
			}
			t.counts.Objects = nil
			for _, s := range models.Stages {
				n := widget.NewLabelWithStyle(fmt.Sprint(counts[s]), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
				n.SizeName = "subHeadingText"
				t.counts.Add(widget.NewCard("", "", container.NewVBox(widget.NewLabelWithStyle(stageName(s), fyne.TextAlignCenter, fyne.TextStyle{}), n)))
			}
			t.counts.Refresh()
			t.rows = rows
			t.table.Refresh()
		})
	})
}

func (t *pipelineTab) onSelected(id widget.TableCellID) {
	t.table.UnselectAll()
	if id.Row >= 0 && id.Row < len(t.rows) {
		openCandidate(t.r, t.rows[id.Row].Candidate.ID)
	}
}
