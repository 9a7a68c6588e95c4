package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/report"
	"sullam/store"
	"sullam/ui/i18n"
)

// showDecision shows one agent's readiness and decision history and, for
// managers, the buttons to approve a promotion or keep an overdue agent in role.
func (s *PromotionsScreen) showDecision(r report.BoardRow) {
	rd := r.Readiness
	lines := []fyne.CanvasObject{
		label(r.EmployeeNo + " — " + r.FullName),
		label(lang.L("report.role") + ": " + r.RoleName),
		label(lang.L("report.status") + ": " + report.StatusText(s.tr, rd)),
		label(lang.L("report.counted_years") + ": " + report.CountedText(s.tr, rd)),
	}
	if need := report.NeedsText(s.tr, rd); need != "" {
		lines = append(lines, label(lang.L("report.required_next")+": "+need))
	}
	hist := container.NewVBox()
	lines = append(lines, widget.NewSeparator(), heading(lang.L("promotions.history")), hist)
	var d dialog.Dialog
	var buttons []fyne.CanvasObject
	if s.actor.Can(store.OpDecidePromotion) && rd.NextRole != "" {
		promote := widget.NewButton(lang.L("promotions.approve"), func() { d.Hide(); s.onApprove(r) })
		promote.Importance = widget.HighImportance
		buttons = append(buttons, promote)
		if rd.Overdue {
			buttons = append(buttons, widget.NewButton(lang.L("promotions.keep"), func() { d.Hide(); s.onKeep(r) }))
		}
	}
	if len(buttons) > 0 {
		lines = append(lines, widget.NewSeparator(), container.NewHBox(buttons...))
	}
	d = dialog.NewCustom(i18n.Display(r.FullName), lang.L("action.close"), container.NewVBox(lines...), s.win)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
	goWork(func() {
		ps, err := s.dec.PromotionHistory(s.actor, r.AgentID)
		uiDo(func() {
			if err != nil {
				hist.Add(label(userMessage(err)))
				return
			}
			if len(ps) == 0 {
				hist.Add(label(lang.L("promotions.no_history")))
			}
			for _, p := range ps {
				hist.Add(label(historyLine(p)))
			}
		})
	})
}

// historyLine describes one decision.
func historyLine(p models.Promotion) string {
	if p.Kind == store.DecisionKeep {
		return lang.L("promotions.history_keep", map[string]any{"Date": p.EffectiveDate.String(), "Reason": p.Reason})
	}
	return lang.L("promotions.history_promote", map[string]any{"Date": p.EffectiveDate.String(), "From": p.FromRole, "To": p.ToRole, "Reason": p.Reason})
}

// onApprove asks for the effective date and reason and promotes the agent to
// the next role.
func (s *PromotionsScreen) onApprove(r report.BoardRow) {
	eff := withCalendar(widget.NewEntry())
	eff.SetText(s.today.String())
	reason := widget.NewMultiLineEntry()
	reason.SetMinRowsVisible(3)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("promotions.to_role"), widget.NewLabel(i18n.Display(r.NextRoleName))),
		widget.NewFormItem(lang.L("promotions.effective"), eff),
		widget.NewFormItem(lang.L("promotions.reason"), reason),
	}
	d := dialog.NewForm(lang.L("promotions.approve"), lang.L("action.save"), lang.L("action.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		date, err := models.ParseDate(strings.TrimSpace(eff.Text))
		if err != nil {
			dialog.ShowError(fmt.Errorf("%s", i18n.Display(lang.L("promotions.bad_date"))), s.win)
			return
		}
		s.decide(func() error {
			_, err := s.dec.DecidePromotion(s.actor, r.AgentID, r.Readiness.NextRole, date, reason.Text)
			return err
		})
	}, s.win)
	d.Resize(fyne.NewSize(520, 320))
	d.Show()
}

// onKeep asks for the reason to keep an overdue agent in role and records it.
func (s *PromotionsScreen) onKeep(r report.BoardRow) {
	reason := widget.NewMultiLineEntry()
	reason.SetMinRowsVisible(3)
	d := dialog.NewForm(lang.L("promotions.keep"), lang.L("action.save"), lang.L("action.cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("promotions.reason"), reason)}, func(ok bool) {
			if ok {
				s.decide(func() error {
					_, err := s.dec.KeepInRole(s.actor, r.AgentID, reason.Text)
					return err
				})
			}
		}, s.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

// decide runs a decision off the UI thread, then reloads the board.
func (s *PromotionsScreen) decide(do func() error) {
	goWork(func() {
		err := do()
		uiDo(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s", userMessage(err)), s.win)
				return
			}
			dialog.ShowInformation(lang.L("promotions.title"), lang.L("promotions.saved"), s.win)
			goWork(func() { s.load() })
		})
	})
}
