package ui

import (
	"errors"

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
// the next role; the dialog stays open until the store accepted the decision.
func (s *PromotionsScreen) onApprove(r report.BoardRow) {
	eff := withCalendar(widget.NewEntry())
	eff.SetText(s.today.String())
	eff.SetPlaceHolder("YYYY-MM-DD")
	reason := widget.NewMultiLineEntry()
	reason.SetMinRowsVisible(3)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("promotions.to_role"), label(r.NextRoleName)),
		widget.NewFormItem(lang.L("promotions.effective"), eff),
		widget.NewFormItem(lang.L("promotions.reason"), reason),
	}
	var date models.Date
	var text string
	showFormDialog(s.win, formSpec{
		Title: lang.L("promotions.approve"), Items: items, Size: fyne.NewSize(560, 380),
		Check: func() error {
			var errs []error
			var err error
			if date, err = dateField(eff, true); err != nil {
				errs = append(errs, err)
			}
			if text, err = requiredText(reason); err != nil {
				errs = append(errs, err)
			}
			return errors.Join(errs...)
		},
		Save: func() error {
			_, err := s.dec.DecidePromotion(s.actor, r.AgentID, r.Readiness.NextRole, date, text)
			return err
		},
		Done: s.onDecided,
	})
}

// onKeep asks for the reason to keep an overdue agent in role and records it;
// the dialog stays open until the store accepted the decision.
func (s *PromotionsScreen) onKeep(r report.BoardRow) {
	reason := widget.NewMultiLineEntry()
	reason.SetMinRowsVisible(3)
	var text string
	showFormDialog(s.win, formSpec{
		Title: lang.L("promotions.keep"), Size: fyne.NewSize(560, 300),
		Items: []*widget.FormItem{widget.NewFormItem(lang.L("promotions.reason"), reason)},
		Check: func() (err error) { text, err = requiredText(reason); return err },
		Save: func() error {
			_, err := s.dec.KeepInRole(s.actor, r.AgentID, text)
			return err
		},
		Done: s.onDecided,
	})
}

// onDecided confirms a recorded decision and reloads the board.
func (s *PromotionsScreen) onDecided() {
	dialog.ShowInformation(lang.L("promotions.title"), lang.L("promotions.saved"), s.win)
	goWork(func() { s.load() })
}
