package home

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// inboxItem is one line of the to-do inbox: what waits and the area where
// it is done.
type inboxItem struct {
	text string
	area widgets.Area
	tab  string // the translation key of the area's tab, "" for the first
}

// inboxItems turns the store's inbox into the lines of the home screen's
// to-do list, each with the area that opens on tapping it.
func inboxItems(in store.Inbox) []inboxItem {
	var out []inboxItem
	if n := len(in.MissingWeeks); n > 0 {
		out = append(out, inboxItem{i18n.Plural("inbox.missing_weeks", n, map[string]any{"Latest": in.MissingWeeks[0].String()}), widgets.AreaEvaluations, "eval.tab.my_weekly"})
	}
	if in.ToRate > 0 {
		out = append(out, inboxItem{i18n.Plural("inbox.to_rate", int(in.ToRate), nil), widgets.AreaEvaluations, "eval.tab.rating_queue"})
	}
	if n := len(in.ReviewsDue); n > 0 {
		out = append(out, inboxItem{i18n.Plural("inbox.reviews_due", n, map[string]any{"Name": in.ReviewsDue[0].FullName}), widgets.AreaEvaluations, "eval.tab.reviews"})
	}
	if n := len(in.ProbationDue); n > 0 {
		out = append(out, inboxItem{i18n.Plural("inbox.probation_due", n, map[string]any{"Name": in.ProbationDue[0].FullName}), widgets.AreaEvaluations, "eval.tab.reviews"})
	}
	if in.Interviews > 0 {
		out = append(out, inboxItem{i18n.Plural("inbox.interviews", int(in.Interviews), nil), widgets.AreaRecruitment, ""})
	}
	if n := len(in.FewAudits); n > 0 {
		out = append(out, inboxItem{i18n.T("inbox.few_audits", map[string]any{
			"Agents": i18n.Plural("count.agents", n, nil), "Min": i18n.Plural("count.audits", int(in.MinAudits), nil)}), widgets.AreaEvaluations, "eval.tab.audits"})
	}
	if in.ToFinalize > 0 {
		out = append(out, inboxItem{i18n.Plural("inbox.to_finalize", in.ToFinalize, map[string]any{"Year": in.FinalizeYear}), widgets.AreaEvaluations, "eval.tab.annual"})
	}
	if in.Overdue > 0 {
		out = append(out, inboxItem{i18n.Plural("inbox.overdue", in.Overdue, nil), widgets.AreaPromotions, ""})
	}
	return out
}

// inboxSection is the to-do list: one button per waiting item, opening the
// area where it is done through the shell's navigation.
func (h *Home) inboxSection(in store.Inbox) []fyne.CanvasObject {
	box := container.NewVBox()
	for _, it := range inboxItems(in) {
		area, tab := it.area, it.tab
		// a button does not truncate: a long name in the item is clipped
		b := widget.NewButton(i18n.Display(widgets.Clip(it.text, 110)), func() {
			if h.Navigate != nil {
				h.Navigate(area, tab)
			}
		})
		b.Alignment = widget.ButtonAlignLeading
		if i18n.IsRTL() {
			b.Alignment = widget.ButtonAlignTrailing
		}
		box.Add(b)
	}
	if len(box.Objects) == 0 {
		box.Add(widgets.Label(i18n.T("inbox.empty")))
	}
	return []fyne.CanvasObject{widgets.Heading(i18n.T("inbox.title", map[string]any{"Count": fmt.Sprint(in.Total())})), box}
}
