package agents

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sullam/models"

	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// agentForm creates or edits one agent (HR). The version the form was
// opened with goes back to the store, so a save over someone else's newer
// change is refused with the stale-save message.
type agentForm struct {
	d      widgets.Deps
	st     agentsStore
	ag     models.Agent
	ladder []models.LadderRole
	onSave func(models.Agent)

	no, name, hire, roleStart, supervisor, team, email, phone *widget.Entry
	role, status                                              *widget.Select
	dlg                                                       *widgets.FormDialog
}

func newAgentForm(d widgets.Deps, st agentsStore, ag models.Agent, ladder []models.LadderRole, onSave func(models.Agent)) *agentForm {
	return &agentForm{d: d, st: st, ag: ag, ladder: ladder, onSave: onSave}
}

// show opens the form dialog.
func (f *agentForm) show() {
	ag := f.ag
	f.no = widgets.AgEntry(ag.EmployeeNo, "")
	f.name = widgets.AgEntry(ag.FullName, "")
	f.hire = widgets.WithCalendar(widgets.AgEntry(agDate(ag.HireDate), "YYYY-MM-DD"))
	f.roleStart = widgets.WithCalendar(widgets.AgEntry(agDate(ag.RoleStartDate), "YYYY-MM-DD"))
	f.supervisor = widgets.AgEntry("", i18n.T("agent.supervisor_hint"))
	if ag.SupervisorID != nil {
		if sup, err := f.st.AgentByID(context.Background(), f.d.Actor, *ag.SupervisorID); err == nil {
			f.supervisor.SetText(sup.EmployeeNo)
		}
	}
	f.team = widgets.AgEntry(ag.Team, "")
	f.email = widgets.AgEntry(ag.Email, "")
	f.phone = widgets.AgEntry(ag.Phone, "")
	var roles []string
	for _, r := range f.ladder {
		roles = append(roles, widgets.LadderRoleName(f.ladder, r.Code))
	}
	f.role = widget.NewSelect(roles, nil)
	for i, r := range f.ladder {
		if r.Code == ag.Role {
			f.role.SetSelectedIndex(i)
		}
	}
	if f.role.SelectedIndex() < 0 && len(roles) > 0 {
		f.role.SetSelectedIndex(0)
	}
	f.status = widget.NewSelect([]string{i18n.T("agent.status.active"), i18n.T("agent.status.inactive")}, nil)
	if ag.Status == models.Inactive {
		f.status.SetSelectedIndex(1)
	} else {
		f.status.SetSelectedIndex(0)
	}
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("agent.col.no"), f.no),
		widget.NewFormItem(i18n.T("field.full_name"), f.name),
		widget.NewFormItem(i18n.T("agent.hire_date"), f.hire),
		widget.NewFormItem(i18n.T("agent.col.role"), f.role),
		widget.NewFormItem(i18n.T("agent.col.role_start"), f.roleStart),
		widget.NewFormItem(i18n.T("agent.col.supervisor"), f.supervisor),
		widget.NewFormItem(i18n.T("agent.col.team"), f.team),
		widget.NewFormItem(i18n.T("agent.col.status"), f.status),
		widget.NewFormItem(i18n.T("agent.email"), f.email),
		widget.NewFormItem(i18n.T("agent.phone"), f.phone),
	}
	title := i18n.T("agent.add")
	if ag.ID != 0 {
		title = i18n.T("agent.edit")
	}
	var in models.Agent
	var supNo string
	f.dlg = widgets.ShowFormDialog(f.d.Win, widgets.FormSpec{
		Title: title, Items: items, Size: fyne.NewSize(560, 680),
		Check: func() (err error) { in, supNo, err = f.read(); return err },
		Save:  func() (err error) { in, err = f.save(in, supNo); return err },
		Field: f.fieldOf,
		Message: func(err error) string {
			if errors.Is(err, models.ErrStale) {
				return i18n.T("agent.stale")
			}
			return ""
		},
		Done: func() {
			if f.onSave != nil {
				f.onSave(in)
			}
		},
	})
}

func agDate(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// read builds the agent from the fields and checks what can be checked
// without the store (required fields, dates); it returns the agent and the
// supervisor's employee number as typed. The ID and Version stay those the
// form was opened with.
func (f *agentForm) read() (models.Agent, string, error) {
	ag := f.ag
	var errs []error
	var err error
	if ag.EmployeeNo, err = widgets.RequiredText(f.no); err != nil {
		errs = append(errs, err)
	}
	if ag.FullName, err = widgets.RequiredText(f.name); err != nil {
		errs = append(errs, err)
	}
	if ag.HireDate, err = widgets.DateField(f.hire, true); err != nil {
		errs = append(errs, err)
	}
	if ag.RoleStartDate, err = widgets.DateField(f.roleStart, true); err != nil {
		errs = append(errs, err)
	}
	if len(errs) == 0 && ag.RoleStartDate.Before(ag.HireDate) {
		errs = append(errs, widgets.FieldErr(f.roleStart, i18n.T("agent.role_before_hire")))
	}
	if i := f.role.SelectedIndex(); i >= 0 && i < len(f.ladder) {
		ag.Role = f.ladder[i].Code
	}
	ag.Status = models.Active
	if f.status.SelectedIndex() == 1 {
		ag.Status = models.Inactive
	}
	ag.Team = strings.TrimSpace(f.team.Text)
	ag.Email = strings.TrimSpace(f.email.Text)
	ag.Phone = strings.TrimSpace(f.phone.Text)
	ag.SupervisorID = nil
	ag.Supervisor = nil
	return ag, strings.TrimSpace(f.supervisor.Text), errors.Join(errs...)
}

// save looks the supervisor up by employee number and saves the agent (off
// the UI thread).
func (f *agentForm) save(ag models.Agent, supNo string) (models.Agent, error) {
	if supNo != "" {
		sup, err := f.st.Agent(context.Background(), f.d.Actor, supNo)
		if errors.Is(err, models.ErrNotFound) {
			return ag, widgets.FieldErr(f.supervisor, i18n.T("agent.no_such_supervisor", map[string]any{"No": supNo}))
		}
		if err != nil {
			return ag, fmt.Errorf("supervisor %s: %w", supNo, err)
		}
		ag.SupervisorID = &sup.ID
	}
	return f.st.SaveAgent(context.Background(), f.d.Actor, ag)
}

// fieldOf names the field a store error is about: a taken employee number.
func (f *agentForm) fieldOf(err error) fyne.CanvasObject {
	if errors.Is(err, models.ErrAlreadyExists) {
		return f.no
	}
	return nil
}
