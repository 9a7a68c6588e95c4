package evaluation

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// EvaluationsScreen is the evaluation-work area: one tab per kind of work,
// shown to the roles that do it.
type EvaluationsScreen struct {
	d widgets.Deps
	// Tab, when set, is the translation key of the tab to open first
	// ("eval.tab.my_weekly", …); ignored when the user has no such tab.
	Tab string
}

// NewEvaluationsScreen builds the evaluations area.
func NewEvaluationsScreen(d widgets.Deps) *EvaluationsScreen { return &EvaluationsScreen{d: d} }

// Content returns the area's widget tree.
func (s *EvaluationsScreen) Content() fyne.CanvasObject {
	a := s.d.Actor
	tabs := widgets.NewTabs()
	add := func(key string, ok bool, build func(widgets.Deps) fyne.CanvasObject) {
		if ok {
			tabs.Append(container.NewTabItem(i18n.T(key), build(s.d)))
			if key == s.Tab {
				tabs.SelectIndex(len(tabs.Items) - 1)
			}
		}
	}
	add("eval.tab.my_weekly", a.Can(store.OpSubmitWeekly), NewWeeklyReportTab)
	add("eval.tab.rating_queue", a.Can(store.OpRateWeekly), NewRatingQueueTab)
	add("eval.tab.reviews", a.Can(store.OpWriteReview), NewReviewsTab)
	add("eval.tab.audits", a.Can(store.OpEnterAudits), NewAuditsTab)
	add("eval.tab.audit_forms", a.Can(store.OpManageAuditForms), newAuditFormsTab)
	add("eval.tab.attendance", a.Can(store.OpEditAttendance), NewAttendanceTab)
	// HR imports weekly reports without rating them: a tab of its own
	add("eval.tab.weekly_import", a.Can(store.OpImportWeekly) && !a.Can(store.OpRateWeekly), func(d widgets.Deps) fyne.CanvasObject {
		return widgets.NewImportTab(d, models.KindWeekly)
	})
	add("eval.tab.annual", a.Can(store.OpViewScores) && a.ScopeOf(store.OpViewScores) >= store.ScopeTeam, newAnnualTab)
	if len(tabs.Items) == 0 {
		return widgets.Placeholder("nav.evaluations")
	}
	return tabs
}
