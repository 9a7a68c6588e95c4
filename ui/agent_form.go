package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
)

// agentForm creates or edits one agent (HR). The version the form was
// opened with goes back to the store, so a save over someone else's newer
// change is refused with the stale-save message.
type agentForm struct {
	d      Deps
	st     agentsStore
	ag     models.Agent
	ladder []models.LadderRole
	onSave func(models.Agent)

	no, name, hire, roleStart, supervisor, team, email, phone *widget.Entry
	role, status                                              *widget.Select
	dlg                                                       *dialog.FormDialog
}

func newAgentForm(d Deps, st agentsStore, ag models.Agent, ladder []models.LadderRole, onSave func(models.Agent)) *agentForm {
	return &agentForm{d: d, st: st, ag: ag, ladder: ladder, onSave: onSave}
}

func agEntry(text, hint string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.SetPlaceHolder(hint)
	return e
}

// show opens the form dialog.
func (f *agentForm) show() {
	ag := f.ag
	f.no = agEntry(ag.EmployeeNo, "")
	f.name = agEntry(ag.FullName, "")
	f.hire = withCalendar(agEntry(agDate(ag.HireDate), "YYYY-MM-DD"))
	f.roleStart = withCalendar(agEntry(agDate(ag.RoleStartDate), "YYYY-MM-DD"))
	f.supervisor = agEntry("", lang.L("agent.supervisor_hint"))
	if ag.SupervisorID != nil {
		if sup, err := f.st.AgentByID(f.d.Actor, *ag.SupervisorID); err == nil {
			f.supervisor.SetText(sup.EmployeeNo)
		}
	}
	f.team = agEntry(ag.Team, "")
	f.email = agEntry(ag.Email, "")
	f.phone = agEntry(ag.Phone, "")
	var roles []string
	for _, r := range f.ladder {
		roles = append(roles, ladderRoleName(f.ladder, r.Code))
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
	f.status = widget.NewSelect([]string{lang.L("agent.status.active"), lang.L("agent.status.inactive")}, nil)
	if ag.Status == models.Inactive {
		f.status.SetSelectedIndex(1)
	} else {
		f.status.SetSelectedIndex(0)
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("agent.col.no"), f.no),
		widget.NewFormItem(lang.L("field.full_name"), f.name),
		widget.NewFormItem(lang.L("agent.hire_date"), f.hire),
		widget.NewFormItem(lang.L("agent.col.role"), f.role),
		widget.NewFormItem(lang.L("agent.col.role_start"), f.roleStart),
		widget.NewFormItem(lang.L("agent.col.supervisor"), f.supervisor),
		widget.NewFormItem(lang.L("agent.col.team"), f.team),
		widget.NewFormItem(lang.L("agent.col.status"), f.status),
		widget.NewFormItem(lang.L("agent.email"), f.email),
		widget.NewFormItem(lang.L("agent.phone"), f.phone),
	}
	title := lang.L("agent.add")
	if ag.ID != 0 {
		title = lang.L("agent.edit")
	}
	f.dlg = dialog.NewForm(title, lang.L("action.save"), lang.L("action.cancel"), items, f.onSubmit, f.d.Win)
	f.dlg.Resize(fyne.NewSize(560, 640))
	f.dlg.Show()
}

func agDate(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// read builds the agent from the fields; the ID and Version stay those the
// form was opened with.
func (f *agentForm) read() (models.Agent, error) {
	ag := f.ag
	ag.EmployeeNo = strings.TrimSpace(f.no.Text)
	ag.FullName = strings.TrimSpace(f.name.Text)
	var err error
	if ag.HireDate, err = models.ParseDate(strings.TrimSpace(f.hire.Text)); err != nil {
		return ag, fmt.Errorf("hire date %q: %w", f.hire.Text, models.ErrInvalid)
	}
	if ag.RoleStartDate, err = models.ParseDate(strings.TrimSpace(f.roleStart.Text)); err != nil {
		return ag, fmt.Errorf("role start date %q: %w", f.roleStart.Text, models.ErrInvalid)
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
	if no := strings.TrimSpace(f.supervisor.Text); no != "" {
		sup, err := f.st.Agent(f.d.Actor, no)
		if err != nil {
			return ag, fmt.Errorf("supervisor %s: %w", no, err)
		}
		ag.SupervisorID = &sup.ID
	}
	ag.Supervisor = nil
	return ag, nil
}

// onSubmit saves the agent; a refused save shows why and keeps the user's input.
func (f *agentForm) onSubmit(ok bool) {
	if !ok {
		return
	}
	ag, err := f.read()
	if err == nil {
		ag, err = f.st.SaveAgent(f.d.Actor, ag)
	}
	if err != nil {
		msg := userMessage(err)
		if errors.Is(err, models.ErrStale) {
			msg = lang.L("agent.stale")
		}
		if errors.Is(err, models.ErrBusy) {
			// nothing was written: the form comes back with the entries, to try again
			d := dialog.NewError(errors.New(msg), f.d.Win)
			d.SetOnClosed(f.dlg.Show)
			d.Show()
			return
		}
		dialog.ShowError(errors.New(msg), f.d.Win)
		return
	}
	if f.onSave != nil {
		f.onSave(ag)
	}
}
