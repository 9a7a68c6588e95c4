package settings

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

	Username, FullName *widget.Entry
	Password, Confirm  *widget.Entry
	Roles              *widgets.CheckGroup
	byLabel            map[string]models.Role
	Active             *widgets.CheckBox
	Status             *widgets.WrapLabel
	Save, Cancel       *widget.Button
	dlg                *dialog.CustomDialog
}

// newUserDialog builds the dialog; edit is nil to create an account.
func newUserDialog(s *SettingsScreen, edit *models.User) *userDialog {
	d := &userDialog{s: s, edit: edit}
	d.Username, d.FullName = widget.NewEntry(), widget.NewEntry()
	d.Password, d.Confirm = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	var have []models.Role
	title := i18n.T("settings.add_user")
	d.Active = widgets.NewCheck(i18n.T("settings.active"), nil)
	d.Active.SetChecked(true)
	if edit != nil {
		have = edit.RoleList()
		title = edit.FullName
		d.Username.SetText(edit.Username)
		d.Username.Disable()
		d.FullName.SetText(edit.FullName)
		d.FullName.Disable()
		d.Active.SetChecked(edit.Active)
		d.Password.SetPlaceHolder(i18n.T("settings.password_unchanged"))
	}
	d.Roles, d.byLabel = roleChecks(have)
	d.Status = widgets.NewWrapLabel("")
	d.Status.Importance = widget.DangerImportance
	d.Save = widget.NewButton(i18n.T("action.save"), d.onSave)
	d.Save.Importance = widget.HighImportance
	d.Cancel = widget.NewButton(i18n.T("action.cancel"), d.onCancel)
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("field.username"), d.Username),
		widget.NewFormItem(i18n.T("field.full_name"), d.FullName),
		widget.NewFormItem(i18n.T("settings.roles"), d.Roles),
	}
	pwLabel := i18n.T("field.password")
	if edit != nil {
		items = append(items, widget.NewFormItem("", d.Active))
		pwLabel = i18n.T("field.new_password")
	}
	items = append(items, widget.NewFormItem(pwLabel, d.Password), widget.NewFormItem(i18n.T("field.password_confirm"), d.Confirm))
	body := container.NewBorder(nil, container.NewVBox(d.Status, widgets.ActionRow(d.Cancel, d.Save)), nil, nil,
		container.NewVScroll(widgets.NewForm(items...)))
	d.dlg = dialog.NewCustomWithoutButtons(title, body, s.win)
	d.dlg.Resize(fyne.NewSize(500, 600))
	return d
}

// validate checks the fields before anything is sent; it returns the
// message to show, or "".
func (d *userDialog) validate() string {
	if d.edit == nil {
		name := strings.TrimSpace(d.Username.Text)
		if name == "" || strings.ContainsAny(name, " \t\n") {
			return i18n.T("error.username_required")
		}
	}
	if d.edit == nil || d.Password.Text != "" || d.Confirm.Text != "" {
		if err := store.CheckPasswordRules(d.Password.Text); err != nil {
			return widgets.UserMessage(err)
		}
		if d.Password.Text != d.Confirm.Text {
			return i18n.T("error.passwords_differ")
		}
	}
	return ""
}

func (d *userDialog) onSave() {
	if msg := d.validate(); msg != "" {
		d.Status.SetText(msg)
		return
	}
	d.Status.SetText("")
	d.Save.Disable()
	st, a := d.s.st, d.s.Actor
	roles := checkedRoles(d.Roles, d.byLabel)
	var (
		create = store.NewUser{Username: d.Username.Text, FullName: d.FullName.Text, Password: d.Password.Text, Roles: roles}
		update store.UserUpdate
	)
	if d.edit != nil {
		update = store.UserUpdate{UserID: d.edit.ID, Version: d.edit.Version, Roles: roles, Active: d.Active.Checked, Password: d.Password.Text}
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
	d.Save.Enable()
	if err != nil {
		d.Status.SetText(widgets.RawMessage(err))
		return
	}
	d.dlg.Hide()
	if d.s.Dialog == d {
		d.s.Dialog = nil
	}
	d.s.ReloadUsers()
	if u.ID == d.s.Actor.UserID && d.s.OnAccountChanged != nil {
		d.s.OnAccountChanged(u)
	}
}

func (d *userDialog) onCancel() {
	d.dlg.Hide()
	if d.s.Dialog == d {
		d.s.Dialog = nil
	}
}
