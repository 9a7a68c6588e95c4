package recruitment

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/store"

	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// timelineLines are the steps of a candidate's way to an agent, in order:
// applied → interviewed → hired → probation review due, overdue or done.
func timelineLines(tl store.HireTimeline) []string {
	out := []string{i18n.T("rec.timeline.applied", map[string]any{"Date": dateText(tl.Applied)})}
	if tl.Interviewed.IsZero() {
		out = append(out, i18n.T("rec.timeline.not_interviewed"))
	} else {
		out = append(out, i18n.T("rec.timeline.interviewed", map[string]any{"Date": tl.Interviewed.String()}))
	}
	if tl.Hired.IsZero() {
		return append(out, i18n.T("rec.timeline.not_hired"))
	}
	out = append(out, i18n.T("rec.timeline.hired", map[string]any{"No": tl.EmployeeNo, "Date": tl.Hired.String()}))
	switch {
	case !tl.ProbationDone.IsZero():
		out = append(out, i18n.T("rec.timeline.probation_done", map[string]any{"Date": tl.ProbationDone.String()}))
	case tl.ProbationOverdue:
		out = append(out, i18n.T("rec.timeline.probation_overdue", map[string]any{"Date": tl.ProbationDue.String()}))
	default:
		out = append(out, i18n.T("rec.timeline.probation_due", map[string]any{"Date": tl.ProbationDue.String()}))
	}
	return out
}

// timelineBox shows the timeline as one line per step; an overdue
// probation review is a warning.
func timelineBox(tl store.HireTimeline) fyne.CanvasObject {
	box := container.NewVBox()
	lines := timelineLines(tl)
	for i, l := range lines {
		lb := widgets.Label(l)
		if i == len(lines)-1 && tl.ProbationOverdue {
			lb.Importance = widget.WarningImportance
		}
		box.Add(lb)
	}
	return box
}
