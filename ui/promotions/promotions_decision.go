package promotions

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/evaluation"
	"sullam/models"
	"sullam/report"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// showDecision shows one agent's readiness and decision history and, for
// managers, the buttons to approve a promotion or keep an overdue agent in role.
func (s *PromotionsScreen) showDecision(r report.BoardRow) {
	rd := r.Readiness
	lines := []fyne.CanvasObject{
		widgets.Label(r.EmployeeNo + " — " + r.FullName),
		widgets.Label(i18n.T("report.role") + ": " + r.RoleName),
		widgets.Label(i18n.T("report.status") + ": " + report.StatusText(s.tr, rd)),
		widgets.Label(i18n.T("report.counted_years") + ": " + report.CountedText(s.tr, rd)),
	}
	if need := report.NeedsText(s.tr, rd); need != "" {
		lines = append(lines, widgets.Label(i18n.T("report.required_next")+": "+need))
	}
	hist := container.NewVBox()
	lines = append(lines, widget.NewSeparator(), widgets.Heading(i18n.T("promotions.history")), hist)
	var d dialog.Dialog
	var buttons []fyne.CanvasObject
	if s.actor.Can(store.OpDecidePromotion) && rd.NextRole != "" {
		promote := widget.NewButton(i18n.T("promotions.approve"), func() { d.Hide(); s.onApprove(r) })
		promote.Importance = widget.HighImportance
		buttons = append(buttons, promote)
		if rd.Overdue {
			buttons = append(buttons, widget.NewButton(i18n.T("promotions.keep"), func() { d.Hide(); s.onKeep(r) }))
		}
	}
	if len(buttons) > 0 {
		lines = append(lines, widget.NewSeparator(), container.NewHBox(buttons...))
	}
	d = dialog.NewCustom(i18n.Display(r.FullName), i18n.T("action.close"), container.NewVBox(lines...), s.win)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
	widgets.GoWork(func() {
		ps, err := s.dec.PromotionHistory(context.Background(), s.actor, r.AgentID)
		var ladder []models.LadderRole
		if err == nil {
			ladder, err = s.st.Ladder(context.Background())
		}
		widgets.OnMain(func() {
			if err != nil {
				hist.Add(widgets.Label(widgets.UserMessage(err)))
				return
			}
			if len(ps) == 0 {
				hist.Add(widgets.Label(i18n.T("promotions.no_history")))
			}
			for _, p := range ps {
				hist.Add(widgets.Label(historyLine(p, ladder)))
			}
		})
	})
}

// historyLine describes one decision, with the ladder's role names in the
// current language (not the codes).
func historyLine(p models.Promotion, ladder []models.LadderRole) string {
	if p.Kind == store.DecisionKeep {
		return i18n.T("promotions.history_keep", map[string]any{"Date": p.EffectiveDate.String(), "Reason": p.Reason})
	}
	key := "promotions.history_promote"
	if p.Exception {
		key = "promotions.history_exception"
	}
	return i18n.T(key, map[string]any{"Date": p.EffectiveDate.String(),
		"From": widgets.LadderRoleName(ladder, p.FromRole), "To": widgets.LadderRoleName(ladder, p.ToRole), "Reason": p.Reason})
}

// onApprove asks for the effective date and reason and promotes the agent to
// the next role; the dialog stays open until the store accepted the decision.
// An agent who is not ready is promoted only as an exception: the dialog says
// so and the reason becomes a required justification of at least
// store.MinJustification characters.
func (s *PromotionsScreen) onApprove(r report.BoardRow) {
	eff := widgets.WithCalendar(widget.NewEntry())
	eff.SetText(s.today.String())
	eff.SetPlaceHolder("YYYY-MM-DD")
	reason := widget.NewMultiLineEntry()
	reason.SetMinRowsVisible(3)
	exception := r.Readiness.Status != models.Ready
	reasonLabel := i18n.T("promotions.reason")
	var note fyne.CanvasObject
	if exception {
		reasonLabel = i18n.T("promotions.justification")
		w := widgets.Para("⚠ " + i18n.Plural("promotions.exception_note", store.MinJustification, map[string]any{"Name": r.FullName,
			"Status": report.StatusText(s.tr, r.Readiness), "Min": store.MinJustification}))
		w.Importance = widget.WarningImportance
		note = w
	}
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("promotions.to_role"), widgets.Label(r.NextRoleName)),
		widget.NewFormItem(i18n.T("promotions.effective"), eff),
		widget.NewFormItem(reasonLabel, reason),
	}
	short := i18n.Plural("promotions.justification_short", store.MinJustification, map[string]any{"Min": store.MinJustification})
	var date models.Date
	var text string
	widgets.ShowFormDialog(s.win, widgets.FormSpec{
		Title: i18n.T("promotions.approve"), Items: items, Extra: note, Size: fyne.NewSize(580, 440),
		Check: func() error {
			var errs []error
			var err error
			if date, err = widgets.DateField(eff, true); err != nil {
				errs = append(errs, err)
			}
			if text, err = widgets.RequiredText(reason); err != nil {
				errs = append(errs, err)
			} else if exception && !evaluation.Justified(text) {
				errs = append(errs, widgets.FieldErr(reason, short))
			}
			return errors.Join(errs...)
		},
		Save: func() error {
			_, err := s.dec.DecidePromotion(context.Background(), s.actor, r.AgentID, r.Readiness.NextRole, date, text)
			return err
		},
		// The store judges readiness as of today: an agent ready on the
		// board's date may not be, and its refusal names the justification.
		Field: func(err error) fyne.CanvasObject {
			if errors.Is(err, store.ErrJustification) {
				return reason
			}
			return nil
		},
		Message: func(err error) string {
			if errors.Is(err, store.ErrJustification) {
				return short
			}
			return ""
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
	widgets.ShowFormDialog(s.win, widgets.FormSpec{
		Title: i18n.T("promotions.keep"), Size: fyne.NewSize(560, 300),
		Items: []*widget.FormItem{widget.NewFormItem(i18n.T("promotions.reason"), reason)},
		Check: func() (err error) { text, err = widgets.RequiredText(reason); return err },
		Save: func() error {
			_, err := s.dec.KeepInRole(context.Background(), s.actor, r.AgentID, text)
			return err
		},
		Done: s.onDecided,
	})
}

// onDecided confirms a recorded decision and reloads the board.
func (s *PromotionsScreen) onDecided() {
	dialog.ShowInformation(i18n.T("promotions.title"), i18n.T("promotions.saved"), s.win)
	widgets.GoWork(func() { s.load() })
}
