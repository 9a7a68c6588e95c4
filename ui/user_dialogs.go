package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"

	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// userDialog is the dialog that creates an account or edits one (roles,
// active flag, new password). It validates before it closes; a refusal of
// the store is shown inside it and every field keeps what was typed.
type userDialog struct {
	s    *SettingsScreen
	edit *models.User // the account edited; nil when creating one

	username, fullName *widget.Entry
	password, confirm  *widget.Entry
	roles              *widgets.CheckGroup
	byLabel            map[string]models.Role
	active             *widgets.CheckBox
	status             *widgets.WrapLabel
	save, cancel       *widget.Button
	dlg                *dialog.CustomDialog
}

// newUserDialog builds the dialog; edit is nil to create an account.
func newUserDialog(s *SettingsScreen, edit *models.User) *userDialog {
	d := &userDialog{s: s, edit: edit}
	d.username, d.fullName = widget.NewEntry(), widget.NewEntry()
	d.password, d.confirm = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	var have []models.Role
	title := i18n.T("settings.add_user")
	d.active = widgets.NewCheck(i18n.T("settings.active"), nil)
	d.active.SetChecked(true)
	if edit != nil {
		have = edit.RoleList()
		title = edit.FullName
		d.username.SetText(edit.Username)
		d.username.Disable()
		d.fullName.SetText(edit.FullName)
		d.fullName.Disable()
		d.active.SetChecked(edit.Active)
		d.password.SetPlaceHolder(i18n.T("settings.password_unchanged"))
	}
	d.roles, d.byLabel = roleChecks(have)
	d.status = widgets.NewWrapLabel("")
	d.status.Importance = widget.DangerImportance
	d.save = widget.NewButton(i18n.T("action.save"), d.onSave)
	d.save.Importance = widget.HighImportance
	d.cancel = widget.NewButton(i18n.T("action.cancel"), d.onCancel)
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("field.username"), d.username),
		widget.NewFormItem(i18n.T("field.full_name"), d.fullName),
		widget.NewFormItem(i18n.T("settings.roles"), d.roles),
	}
	pwLabel := i18n.T("field.password")
	if edit != nil {
		items = append(items, widget.NewFormItem("", d.active))
		pwLabel = i18n.T("field.new_password")
	}
	items = append(items, widget.NewFormItem(pwLabel, d.password), widget.NewFormItem(i18n.T("field.password_confirm"), d.confirm))
	body := container.NewBorder(nil, container.NewVBox(d.status, widgets.ActionRow(d.cancel, d.save)), nil, nil,
		container.NewVScroll(widgets.NewForm(items...)))
	d.dlg = dialog.NewCustomWithoutButtons(title, body, s.win)
	d.dlg.Resize(fyne.NewSize(500, 600))
	return d
}

// validate checks the fields before anything is sent; it returns the
// message to show, or "".
func (d *userDialog) validate() string {
	if d.edit == nil {
		name := strings.TrimSpace(d.username.Text)
		if name == "" || strings.ContainsAny(name, " \t\n") {
			return i18n.T("error.username_required")
		}
	}
	if d.edit == nil || d.password.Text != "" || d.confirm.Text != "" {
		if err := store.CheckPasswordRules(d.password.Text); err != nil {
			return widgets.UserMessage(err)
		}
		if d.password.Text != d.confirm.Text {
			return i18n.T("error.passwords_differ")
		}
	}
	return ""
}

func (d *userDialog) onSave() {
	if msg := d.validate(); msg != "" {
		d.status.SetText(msg)
		return
	}
	d.status.SetText("")
	d.save.Disable()
	st, a := d.s.st, d.s.actor
	roles := checkedRoles(d.roles, d.byLabel)
	var (
		create = store.NewUser{Username: d.username.Text, FullName: d.fullName.Text, Password: d.password.Text, Roles: roles}
		update store.UserUpdate
	)
	if d.edit != nil {
		update = store.UserUpdate{UserID: d.edit.ID, Version: d.edit.Version, Roles: roles, Active: d.active.Checked, Password: d.password.Text}
	}
	widgets.GoWork(func() {
		var (
			u   models.User
			err error
		)
		if d.edit == nil {
			u, err = st.CreateUser(context.Background(), a, create)
		} else {
			u, err = st.UpdateUser(context.Background(), a, update)
		}
		widgets.OnMain(func() { d.saved(u, err) })
	})
}

// saved applies the store's answer: an error stays in the open dialog, a
// success closes it and refreshes the list.
func (d *userDialog) saved(u models.User, err error) {
	d.save.Enable()
	if err != nil {
		d.status.SetText(widgets.RawMessage(err))
		return
	}
	d.dlg.Hide()
	if d.s.dialog == d {
		d.s.dialog = nil
	}
	d.s.reloadUsers()
	if u.ID == d.s.actor.UserID && d.s.OnAccountChanged != nil {
		d.s.OnAccountChanged(u)
	}
}

func (d *userDialog) onCancel() {
	d.dlg.Hide()
	if d.s.dialog == d {
		d.s.dialog = nil
	}
}
