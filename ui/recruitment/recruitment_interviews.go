package recruitment

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// myInterviewsTab lists the interviews the signed-in user is assigned to;
// a row opens its kit for scoring.
type myInterviewsTab struct {
	r     *recruit
	rows  []store.InterviewRow
	table *widget.Table
	info  *widget.Label
}

var myInterviewColumns = []string{"rec.col.when", "rec.col.name", "rec.col.job", "rec.col.feedback", "rec.col.mine"}

func newMyInterviewsTab(r *recruit) *myInterviewsTab {
	t := &myInterviewsTab{r: r}
	r.reloaders = append(r.reloaders, t.reload)
	return t
}

func (t *myInterviewsTab) content() fyne.CanvasObject {
	t.info = widgets.Label("")
	t.table = newTable(myInterviewColumns, []float32{150, 220, 220, 140, 140}, func() int { return len(t.rows) }, t.cellText)
	t.table.OnSelected = t.onSelected
	t.reload()
	return container.NewBorder(t.info, nil, nil, nil, widgets.ReadingTable(t.table))
}

func (t *myInterviewsTab) cellText(row, col int) string {
	x := t.rows[row]
	switch col {
	case 0:
		return whenText(x.Interview.ScheduledAt)
	case 1:
		return x.CandidateName
	case 2:
		return pick(x.JobTitleAr, x.JobTitleEn)
	case 3:
		return i18n.T("rec.n_of", map[string]any{"Done": x.Submitted, "Of": x.Interviewers})
	case 4:
		if x.MySubmitted {
			return i18n.T("rec.submitted")
		}
		return i18n.T("rec.pending")
	}
	return ""
}

func (t *myInterviewsTab) reload() {
	widgets.GoWork(func() {
		rows, err := t.r.st.MyInterviews(context.Background(), t.r.actor)
		widgets.OnMain(func() {
			if err != nil {
				t.r.showErr(err)
				return
			}
			// pending first
			var pending, done []store.InterviewRow
			for _, x := range rows {
				if x.MySubmitted {
					done = append(done, x)
				} else {
					pending = append(pending, x)
				}
			}
			t.rows = append(pending, done...)
			t.info.SetText(i18n.Display(i18n.T("rec.to_score", map[string]any{"N": len(pending)})))
			t.table.Refresh()
		})
	})
}

func (t *myInterviewsTab) onSelected(id widget.TableCellID) {
	t.table.UnselectAll()
	if id.Row >= 0 && id.Row < len(t.rows) {
		openKit(t.r, t.rows[id.Row].Interview.ID)
	}
}
