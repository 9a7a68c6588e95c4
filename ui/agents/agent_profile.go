package agents

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// profileStore is what an agent's profile needs of the store.
type profileStore interface {
	RoleHistory(ctx context.Context, a store.Actor, agentID uint) ([]models.RoleHistory, error)
	AttendanceYear(ctx context.Context, a store.Actor, agentID uint, year int) (store.AttendanceSummary, error)
	AgentAudits(ctx context.Context, a store.Actor, agentID uint) ([]store.ScoredAudit, error)
	AgentWeeklyReports(ctx context.Context, a store.Actor, agentID uint) ([]store.AgentWeekly, error)
	AgentReviews(ctx context.Context, a store.Actor, agentID uint) ([]store.ScoredReview, error)
	AgentYears(ctx context.Context, a store.Actor, agentID uint, from, to int) ([]store.AgentYear, error)
	EvaluationYears(ctx context.Context, a store.Actor, agentID uint) (first, last int, err error)
}

// agentProfile is one agent's profile: details and role history,
// attendance, audits, weekly reports, supervisor reviews and annual
// evaluations with their breakdown and a chart across years.
type agentProfile struct {
	d        widgets.Deps
	st       profileStore
	ag       models.Agent
	ladder   []models.LadderRole
	supNames map[uint]string
	onBack   func()
	onEdit   func(models.Agent)

	firstYear, lastYear int
	years               []store.AgentYear
	yearSel             *widget.Select
	attBox              *fyne.Container
	yearBox             *fyne.Container
	chartBox            *fyne.Container
	Breakdown           *fyne.Container
}

// NewAgentProfile builds an agent's profile; onBack returns to the list,
// onEdit opens the agent form.
func NewAgentProfile(d widgets.Deps, st profileStore, ag models.Agent, ladder []models.LadderRole, supNames map[uint]string, onBack func(), onEdit func(models.Agent)) *agentProfile {
	return &agentProfile{d: d, st: st, ag: ag, ladder: ladder, supNames: supNames, onBack: onBack, onEdit: onEdit}
}

// Content builds the profile: a header with back (and edit for HR), and the tabs.
func (p *agentProfile) Content() fyne.CanvasObject {
	back := widget.NewButton(i18n.T("action.back"), p.onBack)
	head := container.NewHBox(back)
	if p.d.Actor.CanOnAgent(store.OpEditAgents, &p.ag) && p.onEdit != nil {
		head.Add(widget.NewButton(i18n.T("action.edit"), func() { p.onEdit(p.ag) }))
	}
	title := widgets.Heading(widgets.Cell(p.ag.FullName) + " — " + p.ag.EmployeeNo)
	title.Truncation = fyne.TextTruncateEllipsis // the details tab shows the whole name
	tabs := widgets.NewTabs(container.NewTabItem(i18n.T("profile.tab.details"), p.DetailsTab()))
	if p.d.Actor.CanOnAgent(store.OpViewScores, &p.ag) {
		tabs.Append(container.NewTabItem(i18n.T("profile.tab.attendance"), p.attendanceTab()))
		tabs.Append(container.NewTabItem(i18n.T("profile.tab.audits"), p.AuditsTab()))
		tabs.Append(container.NewTabItem(i18n.T("profile.tab.weekly"), p.WeeklyTab()))
		tabs.Append(container.NewTabItem(i18n.T("profile.tab.reviews"), p.ReviewsTab()))
		annual := container.NewTabItem(i18n.T("profile.tab.annual"), p.annualTab())
		tabs.Append(annual)
		p.loadYears()
	}
	return container.NewBorder(container.NewBorder(nil, nil, head, nil, title), nil, nil, nil, tabs)
}

// showError shows a store error as a translated message.
func (p *agentProfile) showError(err error) {
	dialog.ShowError(errors.New(widgets.UserMessage(err)), p.d.Win)
}

// DetailsTab is the profile's tab of the agent's details.
func (p *agentProfile) DetailsTab() fyne.CanvasObject {
	ag := p.ag
	sup := ""
	if ag.SupervisorID != nil {
		sup = p.supNames[*ag.SupervisorID]
	}
	field := func(key, val string) []fyne.CanvasObject {
		k := widget.NewLabelWithStyle(i18n.T(key), widgets.ReadingEdge(), fyne.TextStyle{Bold: true})
		v := widgets.NewWrapData(val) // a long value wraps, never widens the window
		return []fyne.CanvasObject{k, v}
	}
	var cells []fyne.CanvasObject
	for _, f := range [][2]string{
		{"agent.col.no", ag.EmployeeNo}, {"field.full_name", ag.FullName},
		{"agent.hire_date", widgets.ShownDate(ag.HireDate, p.d.HijriOn())}, {"agent.col.role", widgets.LadderRoleName(p.ladder, ag.Role)},
		{"agent.col.role_start", widgets.ShownDate(ag.RoleStartDate, p.d.HijriOn())}, {"agent.col.supervisor", sup},
		{"agent.col.team", ag.Team}, {"agent.col.status", i18n.T("agent.status." + string(ag.Status))},
		{"agent.email", ag.Email}, {"agent.phone", ag.Phone},
	} {
		cells = append(cells, field(f[0], f[1])...)
	}
	if i18n.IsRTL() { // two fields a row, read from the right
		for i := 0; i+4 <= len(cells); i += 4 {
			cells[i], cells[i+1], cells[i+2], cells[i+3] = cells[i+3], cells[i+2], cells[i+1], cells[i]
		}
	}
	grid := container.NewGridWithColumns(4, cells...)

	var hist []models.RoleHistory
	table := widget.NewTableWithHeaders(
		func() (int, int) { return len(hist), 4 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			h := hist[id.Row]
			txt := ""
			switch widgets.AgCol(id.Col, 4) {
			case 0:
				txt = widgets.Cell(widgets.LadderRoleName(p.ladder, h.Role))
			case 1:
				txt = agDate(h.StartDate)
			case 2:
				txt = agDate(h.EndDate)
			case 3:
				txt = widgets.Cell(widgets.StoredText(h.Reason))
			}
			l := o.(*widget.Label)
			l.Alignment = widgets.ReadingEdge()
			l.SetText(txt)
		})
	widgets.TableHeaders(table, []string{"agent.col.role", "profile.from", "profile.to", "profile.reason"})
	widgets.SetColumnWidths(table, []float32{220, 130, 130, 360})
	widgets.GoWork(func() {
		h, err := p.st.RoleHistory(context.Background(), p.d.Actor, p.ag.ID)
		widgets.OnMain(func() {
			if err != nil {
				p.showError(err)
				return
			}
			hist = h
			table.Refresh()
		})
	})
	return container.NewBorder(container.NewVBox(grid, widget.NewSeparator(), widgets.Heading(i18n.T("profile.role_history"))), nil, nil, nil, widgets.ReadingTable(table))
}

// loadYears finds the agent's year range, then loads attendance and evaluations.
func (p *agentProfile) loadYears() {
	widgets.GoWork(func() {
		first, last, err := p.st.EvaluationYears(context.Background(), p.d.Actor, p.ag.ID)
		now := time.Now().Year()
		if first == 0 {
			first, last = now, now
		}
		if start := p.ag.RoleStartDate.Year; start > first && start <= last {
			first = start
		}
		var years []store.AgentYear
		if err == nil {
			years, err = p.st.AgentYears(context.Background(), p.d.Actor, p.ag.ID, first, last)
		}
		widgets.OnMain(func() {
			if err != nil {
				p.showError(err)
				return
			}
			p.firstYear, p.lastYear, p.years = first, last, years
			var opts []string
			for y := last; y >= first; y-- {
				opts = append(opts, fmt.Sprint(y))
			}
			p.yearSel.Options = opts
			p.yearSel.SetSelectedIndex(0)
			p.showYears()
		})
	})
}

func (p *agentProfile) attendanceTab() fyne.CanvasObject {
	p.attBox = container.NewVBox(widget.NewLabel(i18n.T("common.loading")))
	p.yearSel = widget.NewSelect(nil, func(y string) { p.onAttendanceYear(y) })
	return container.NewBorder(container.NewHBox(widget.NewLabel(i18n.T("profile.year")), p.yearSel), nil, nil, nil,
		container.NewVScroll(p.attBox))
}

// onAttendanceYear loads the attendance summary of the chosen year.
func (p *agentProfile) onAttendanceYear(y string) {
	var year int
	if _, err := fmt.Sscan(y, &year); err != nil {
		return
	}
	widgets.GoWork(func() {
		sum, err := p.st.AttendanceYear(context.Background(), p.d.Actor, p.ag.ID, year)
		widgets.OnMain(func() {
			if err != nil {
				p.showError(err)
				return
			}
			p.attBox.Objects = nil
			counts := container.NewHBox()
			for _, st := range models.AttendanceStatuses {
				counts.Add(widgets.Label(i18n.T("attendance.count."+string(st), map[string]any{"Count": sum.Counts[st]})))
			}
			p.attBox.Add(counts)
			p.attBox.Add(widgets.Heading(i18n.T("profile.late_early", map[string]any{"Count": len(sum.LateOrEarly)})))
			for _, d := range sum.LateOrEarly {
				p.attBox.Add(widgets.Label(i18n.T("profile.late_early_day", map[string]any{
					"Date": d.Date.String(), "Late": i18n.Plural("count.minutes", d.LateMinutes, nil),
					"Early": i18n.Plural("count.minutes", d.EarlyLeaveMinutes, nil)})))
			}
			p.attBox.Refresh()
		})
	})
}

// recordTable is a read-only table of one kind of an agent's records: its
// column headers and widths, the text of each cell, and the loader that runs
// off the UI thread.
func recordTable[T any](p *agentProfile, headers []string, widths []float32, text func(r T, col int) string, load func() ([]T, error)) fyne.CanvasObject {
	var rows []T
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(rows), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < 0 || id.Row >= len(rows) {
				o.(*widget.Label).SetText("")
				return
			}
			l := o.(*widget.Label)
			l.Alignment = widgets.ReadingEdge()
			l.SetText(i18n.Digits(text(rows[id.Row], widgets.AgCol(id.Col, len(headers))))) // ordered, then the user's digits
		})
	widgets.TableHeaders(t, headers)
	widgets.SetColumnWidths(t, widths)
	widgets.GoWork(func() {
		r, err := load()
		widgets.OnMain(func() {
			if err != nil {
				p.showError(err)
				return
			}
			rows = r
			t.Refresh()
		})
	})
	return widgets.ReadingTable(t)
}

// AuditsTab is the profile's tab of the agent's audits.
func (p *agentProfile) AuditsTab() fyne.CanvasObject {
	return recordTable(p, []string{"profile.date", "profile.ref", "profile.channel", "profile.auditor", "profile.score"},
		[]float32{120, 160, 120, 220, 100},
		func(r store.ScoredAudit, col int) string {
			switch col {
			case 0:
				return r.Audit.AuditDate.String()
			case 1:
				return r.Audit.Ref
			case 2:
				return i18n.T("channel." + string(r.Audit.Channel))
			case 3:
				return widgets.Cell(r.Audit.Auditor)
			case 4:
				return agentScoreText(r.Score, r.Err)
			}
			return ""
		},
		func() ([]store.ScoredAudit, error) { return p.st.AgentAudits(context.Background(), p.d.Actor, p.ag.ID) })
}

// WeeklyTab is the profile's tab of the agent's weekly reports.
func (p *agentProfile) WeeklyTab() fyne.CanvasObject {
	return recordTable(p, []string{"profile.week", "profile.submitted", "profile.timeliness", "profile.rating"},
		[]float32{130, 130, 130, 120},
		func(r store.AgentWeekly, col int) string {
			switch col {
			case 0:
				return r.Report.WeekStart.String()
			case 1:
				return r.Report.SubmittedOn.String()
			case 2:
				if r.OnTime {
					return i18n.T("profile.on_time")
				}
				return i18n.T("profile.late")
			case 3:
				if r.Report.Rating != nil {
					return fmt.Sprintf("%d / 5", *r.Report.Rating)
				}
				return i18n.T("profile.unrated")
			}
			return ""
		},
		func() ([]store.AgentWeekly, error) {
			return p.st.AgentWeeklyReports(context.Background(), p.d.Actor, p.ag.ID)
		})
}

// ReviewsTab is the profile's tab of the agent's reviews.
func (p *agentProfile) ReviewsTab() fyne.CanvasObject {
	return recordTable(p, []string{"profile.date", "profile.period", "profile.reviewer", "profile.score"},
		[]float32{120, 140, 240, 100},
		func(r store.ScoredReview, col int) string {
			switch col {
			case 0:
				return r.Review.ReviewDate.String()
			case 1:
				return widgets.ReviewPeriodText(r.Review.Period, r.Review.Probation)
			case 2:
				return widgets.Cell(r.ReviewerName)
			case 3:
				return agentScoreText(r.Score, r.Err)
			}
			return ""
		},
		func() ([]store.ScoredReview, error) {
			return p.st.AgentReviews(context.Background(), p.d.Actor, p.ag.ID)
		})
}
