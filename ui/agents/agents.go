package agents

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// agentsStore is what the agents area needs of the store.
type agentsStore interface {
	ListAgents(ctx context.Context, a store.Actor, f store.AgentFilter) ([]models.Agent, error)
	CountAgents(ctx context.Context, a store.Actor, f store.AgentFilter) (int, error)
	Supervisors(ctx context.Context, a store.Actor) ([]models.Agent, error)
	Teams(ctx context.Context) ([]string, error)
	Ladder(ctx context.Context) ([]models.LadderRole, error)
	Agent(ctx context.Context, a store.Actor, employeeNo string) (models.Agent, error)
	AgentByID(ctx context.Context, a store.Actor, id uint) (models.Agent, error)
	SaveAgent(ctx context.Context, a store.Actor, ag models.Agent) (models.Agent, error)
	profileStore
}

// agentPageSize is the number of agents per page of the list.
const agentPageSize = 100

var agentColumns = []string{"agent.col.no", "field.full_name", "agent.col.role", "agent.col.team", "agent.col.supervisor", "agent.col.status", "agent.col.role_start"}

// AgentsScreen is the agents area: a paged, filtered list of agents, and an
// agent's profile opened from it.
type AgentsScreen struct {
	D  widgets.Deps
	st agentsStore

	body       *fyne.Container // the list, or a profile
	listView   fyne.CanvasObject
	Search     *widget.Entry
	Team       *widgets.DataSelect
	supervisor *widgets.DataSelect
	role       *widget.Select
	status     *widget.Select
	table      *widget.Table
	PageLabel  *widget.Label
	prev, next *widget.Button

	Rows        []models.Agent
	Total       int
	page        int
	seq         int // the latest load; older answers are dropped
	supervisors []models.Agent
	supNames    map[uint]string
	Ladder      []models.LadderRole
}

// NewAgentsScreen builds the agents area.
func NewAgentsScreen(d widgets.Deps) *AgentsScreen {
	return newAgentsScreen(d, widgets.EvalAreas(d.Store))
}

func newAgentsScreen(d widgets.Deps, st agentsStore) *AgentsScreen {
	return &AgentsScreen{D: d, st: st, supNames: map[uint]string{}}
}

// Content returns the area's widget tree and starts loading it.
func (s *AgentsScreen) Content() fyne.CanvasObject {
	c := s.Build()
	s.Start()
	return c
}

// Start loads the filter choices, then the first page: one after the other,
// so that no two loads update the table at once.
func (s *AgentsScreen) Start() { s.loadChoices(true) }

// Build makes the widgets; start loads them.
func (s *AgentsScreen) Build() fyne.CanvasObject {
	all := i18n.T("common.all")
	s.Search = widget.NewEntry()
	s.Search.SetPlaceHolder(i18n.T("agent.search_hint"))
	s.Search.OnChanged = func(string) { s.onFilterChanged() }
	s.Team = widgets.NewDataSelect([]string{all}, func(string) { s.onFilterChanged() })
	s.supervisor = widgets.NewDataSelect([]string{all}, func(string) { s.onFilterChanged() })
	s.role = widget.NewSelect([]string{all}, func(string) { s.onFilterChanged() })
	s.status = widget.NewSelect([]string{all, i18n.T("agent.status.active"), i18n.T("agent.status.inactive")}, func(string) { s.onFilterChanged() })
	for _, sel := range []*widget.Select{&s.Team.Select, &s.supervisor.Select, s.role, s.status} {
		sel.SetSelectedIndex(0)
	}

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.Rows), len(agentColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			l := o.(*widget.Label)
			l.SetText(i18n.T(agentColumns[widgets.AgCol(id.Col, len(agentColumns))]))
			l.TextStyle.Bold = true
		}
	}
	for i, w := range []float32{110, 210, 240, 120, 190, 130, 120} {
		s.table.SetColumnWidth(widgets.AgCol(i, len(agentColumns)), w)
	}
	s.table.OnSelected = s.onSelected

	s.PageLabel = widget.NewLabel("")
	s.prev = widget.NewButton(i18n.T("action.previous"), func() { s.onPage(-1) })
	s.next = widget.NewButton(i18n.T("action.next"), func() { s.onPage(1) })

	cells := []fyne.CanvasObject{
		agFilterLabel(i18n.T("agent.col.team"), s.Team),
		agFilterLabel(i18n.T("agent.col.supervisor"), s.supervisor),
		agFilterLabel(i18n.T("agent.col.role"), s.role),
		agFilterLabel(i18n.T("agent.col.status"), s.status)}
	if i18n.IsRTL() {
		slices.Reverse(cells)
	}
	// The search has a row of its own: five equal columns sized to the
	// widest (the search hint) made the list wider than a 1366 px screen.
	filters := container.NewVBox(s.Search, container.NewGridWithColumns(len(cells), cells...))
	actions := container.NewHBox()
	if s.D.Actor.Can(store.OpEditAgents) {
		add := widget.NewButton(i18n.T("agent.add"), s.onAdd)
		add.Importance = widget.HighImportance
		actions.Add(add)
		for _, b := range widgets.ImportButtonList(s.D, models.KindAgents, func() { s.loadChoices(true) }) {
			actions.Add(b)
		}
	}
	actions.Add(widgets.ExportButtons(s.D, models.KindAgents, func() widgets.RowFilter { return widgets.KeepAgents(s.D.Ctx, s.D.Store, s.D.Actor, s.filter()) }))
	pager := container.NewHBox(s.prev, s.PageLabel, s.next)
	if i18n.IsRTL() {
		pager = container.NewBorder(nil, nil, nil, container.NewHBox(s.next, s.PageLabel, s.prev))
	}
	title := container.NewBorder(nil, nil, widgets.Heading(i18n.T("nav.agents")), actions)
	if i18n.IsRTL() {
		title = container.NewBorder(nil, nil, actions, widgets.Heading(i18n.T("nav.agents")))
	}
	top := container.NewVBox(title, filters)
	s.listView = container.NewBorder(top, pager, nil, nil, widgets.ReadingTable(s.table))
	s.body = container.NewStack(s.listView)
	return s.body
}

// agFilterLabel puts a small caption before a filter control.
func agFilterLabel(caption string, o fyne.CanvasObject) fyne.CanvasObject {
	return widgets.Labelled(caption, o)
}

func (s *AgentsScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(s.Rows) {
		l.SetText("")
		return
	}
	ag := s.Rows[id.Row]
	var txt string
	switch widgets.AgCol(id.Col, len(agentColumns)) {
	case 0:
		txt = ag.EmployeeNo
	case 1:
		txt = widgets.Cell(ag.FullName)
	case 2:
		txt = widgets.Cell(widgets.LadderRoleName(s.Ladder, ag.Role))
	case 3:
		txt = widgets.Cell(ag.Team)
	case 4:
		if ag.SupervisorID != nil {
			txt = widgets.Cell(s.supNames[*ag.SupervisorID])
		}
	case 5:
		txt = i18n.T("agent.status." + string(ag.Status))
	case 6:
		txt = ag.RoleStartDate.String()
	}
	l.SetText(i18n.Digits(txt)) // the user's digits (the text is already ordered)
}

// loadChoices fills the team, supervisor and role filters, then reloads
// the list when thenReload.
func (s *AgentsScreen) loadChoices(thenReload bool) {
	widgets.GoWork(func() {
		ctx := widgets.OrBackground(s.D.Ctx)
		teams, err1 := s.st.Teams(ctx)
		sups, err2 := s.st.Supervisors(ctx, s.D.Actor)
		ladder, err3 := s.st.Ladder(ctx)
		widgets.OnMain(func() {
			if err := errors.Join(err1, err2, err3); widgets.LeftScreen(ctx, err) {
				return // the user left the screen
			} else if err != nil {
				dialog.ShowError(errors.New(widgets.UserMessage(err)), s.D.Win)
				return
			}
			all := i18n.T("common.all")
			s.Ladder, s.supervisors = ladder, sups
			for _, sp := range sups {
				s.supNames[sp.ID] = sp.FullName
			}
			s.Team.SetValues(append([]string{all}, teams...))
			opts := []string{all}
			for _, sp := range sups {
				opts = append(opts, agSupervisorOption(sp))
			}
			s.supervisor.SetValues(opts)
			roles := []string{all}
			for _, r := range ladder {
				roles = append(roles, widgets.LadderRoleName(ladder, r.Code))
			}
			s.role.Options = roles
			s.role.Refresh()
			if thenReload {
				s.reload()
			}
		})
	})
}

func agSupervisorOption(sp models.Agent) string {
	return sp.FullName + " (" + sp.EmployeeNo + ")"
}

// filter reads the filter controls.
func (s *AgentsScreen) filter() store.AgentFilter {
	f := store.AgentFilter{Search: models.LatinDigits(s.Search.Text), Limit: agentPageSize, Offset: s.page * agentPageSize}
	if i := s.Team.SelectedIndex(); i > 0 {
		f.Team = s.Team.Value()
	}
	if i := s.supervisor.SelectedIndex(); i > 0 && i-1 < len(s.supervisors) {
		id := s.supervisors[i-1].ID
		f.SupervisorID = &id
	}
	if i := s.role.SelectedIndex(); i > 0 && i-1 < len(s.Ladder) {
		f.Role = s.Ladder[i-1].Code
	}
	switch s.status.SelectedIndex() {
	case 1:
		f.Status = models.Active
	case 2:
		f.Status = models.Inactive
	}
	return f
}

// onFilterChanged goes back to the first page and reloads.
func (s *AgentsScreen) onFilterChanged() {
	if s.table == nil || s.PageLabel == nil {
		return
	}
	s.page = 0
	s.reload()
}

// onPage moves by delta pages.
func (s *AgentsScreen) onPage(delta int) {
	p := s.page + delta
	if p < 0 || p*agentPageSize >= s.Total {
		return
	}
	s.page = p
	s.reload()
}

// reload loads the current page off the UI thread.
func (s *AgentsScreen) reload() {
	s.seq++
	seq, f := s.seq, s.filter()
	ctx := widgets.OrBackground(s.D.Ctx)
	widgets.GoWork(func() {
		rows, err := s.st.ListAgents(ctx, s.D.Actor, f)
		total := 0
		if err == nil {
			total, err = s.st.CountAgents(ctx, s.D.Actor, f)
		}
		widgets.OnMain(func() {
			if seq != s.seq || widgets.LeftScreen(ctx, err) {
				return
			}
			if err != nil {
				dialog.ShowError(errors.New(widgets.UserMessage(err)), s.D.Win)
				return
			}
			s.Rows, s.Total = rows, total
			s.table.UnselectAll()
			s.table.Refresh()
			s.table.ScrollToTop()
			pages := max(1, (total+agentPageSize-1)/agentPageSize)
			s.PageLabel.SetText(i18n.Display(i18n.Plural("agent.page", total, map[string]any{"Page": s.page + 1, "Pages": pages, "Total": total})))
			if s.page == 0 {
				s.prev.Disable()
			} else {
				s.prev.Enable()
			}
			if (s.page+1)*agentPageSize >= total {
				s.next.Disable()
			} else {
				s.next.Enable()
			}
		})
	})
}

// onSelected opens the profile of the tapped agent.
func (s *AgentsScreen) onSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(s.Rows) {
		return
	}
	ag := s.Rows[id.Row]
	s.table.UnselectAll()
	s.OpenProfile(ag)
}

// OpenProfile shows an agent's profile in place of the list.
func (s *AgentsScreen) OpenProfile(ag models.Agent) {
	p := NewAgentProfile(s.D, s.st, ag, s.Ladder, s.supNames, s.showList, s.onEdit)
	s.body.Objects = []fyne.CanvasObject{p.Content()}
	s.body.Refresh()
}

// showList goes back from a profile to the list, reloaded.
func (s *AgentsScreen) showList() {
	s.body.Objects = []fyne.CanvasObject{s.listView}
	s.body.Refresh()
	s.reload()
}

// onAdd opens the form for a new agent.
func (s *AgentsScreen) onAdd() {
	newAgentForm(s.D, s.st, models.Agent{Status: models.Active}, s.Ladder, func(models.Agent) { s.reload() }).show()
}

// onEdit opens the form for an existing agent; after a save the profile is
// reopened with the saved record.
func (s *AgentsScreen) onEdit(ag models.Agent) {
	newAgentForm(s.D, s.st, ag, s.Ladder, func(saved models.Agent) { s.OpenProfile(saved) }).show()
}
