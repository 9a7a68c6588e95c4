package ui

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
)

// settingsStore is what the settings screen needs of the store.
type settingsStore interface {
	SetPassword(a store.Actor, userID uint, pw string) error
	ListUsers(a store.Actor) ([]models.User, error)
	CreateUser(a store.Actor, n store.NewUser) (models.User, error)
	SetRoles(a store.Actor, userID uint, roles []models.Role) error
	SetUserActive(a store.Actor, userID uint, active bool) error
	AuditLog(a store.Actor, f store.AuditFilter) ([]models.AuditLog, error)
	Backup(a store.Actor, file string) error
	StageRestore(a store.Actor, backup string) error
}

// SettingsScreen holds the language, the user's password and, for admins,
// users and roles, backups and the audit log.
type SettingsScreen struct {
	st         settingsStore
	win        fyne.Window
	actor      store.Actor
	user       models.User
	onLanguage func(string)
	dsn        string

	users     []models.User
	userTable *widget.Table
	logRows   []models.AuditLog
	logTable  *widget.Table
}

// NewSettingsScreen builds the settings screen.
func NewSettingsScreen(st settingsStore, w fyne.Window, a store.Actor, u models.User, onLanguage func(string), dsn string) *SettingsScreen {
	return &SettingsScreen{st: st, win: w, actor: a, user: u, onLanguage: onLanguage, dsn: dsn}
}

// Content returns the screen's widget tree.
func (s *SettingsScreen) Content() fyne.CanvasObject {
	tabs := container.NewAppTabs(container.NewTabItem(lang.L("settings.general"), s.general()))
	if s.actor.Can(store.OpManageUsers) {
		tabs.Append(container.NewTabItem(lang.L("settings.users"), s.usersTab()))
	}
	if s.actor.Can(store.OpEditPolicy) {
		tabs.Append(container.NewTabItem(lang.L("settings.policy"), NewPolicyEditor(s.st.(policyStore), s.actor).Content()))
	}
	if s.actor.Can(store.OpBackup) {
		tabs.Append(container.NewTabItem(lang.L("settings.backup"), s.backupTab()))
	}
	if s.actor.Can(store.OpViewAuditLog) {
		tabs.Append(container.NewTabItem(lang.L("settings.audit_log"), s.auditTab()))
	}
	return tabs
}

func (s *SettingsScreen) general() fyne.CanvasObject {
	pw1, pw2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	status := widget.NewLabel("")
	save := widget.NewButton(lang.L("settings.change_password"), func() {
		if pw1.Text != pw2.Text {
			status.SetText(lang.L("error.passwords_differ"))
			return
		}
		if err := s.st.SetPassword(s.actor, s.user.ID, pw1.Text); err != nil {
			status.SetText(userMessage(err))
			return
		}
		pw1.SetText("")
		pw2.SetText("")
		status.SetText(lang.L("settings.password_changed"))
	})
	form := newForm(widget.NewFormItem(lang.L("field.new_password"), pw1), widget.NewFormItem(lang.L("field.password_confirm"), pw2))
	return container.NewVBox(
		heading(lang.L("settings.language")), languagePicker(s.onLanguage), widget.NewSeparator(),
		heading(lang.L("settings.change_password")), para(lang.L("firstrun.password_rule")), form, save, status)
}

var userColumns = []string{"field.username", "field.full_name", "settings.roles", "settings.active"}

func (s *SettingsScreen) usersTab() fyne.CanvasObject {
	s.userTable = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.users), len(userColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("wide cell placeholder text") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			u := s.users[id.Row]
			o.(*widget.Label).SetText(userCell(u, id.Col))
		})
	s.userTable.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("header") }
	s.userTable.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(lang.L(userColumns[id.Col]))
			l.TextStyle.Bold = true
		} else if id.Col < 0 && id.Row >= 0 {
			l.SetText(fmt.Sprint(id.Row + 1))
		}
	}
	for i, w := range []float32{160, 220, 380, 90} {
		s.userTable.SetColumnWidth(i, w)
	}
	s.userTable.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.users) {
			s.editUser(s.users[id.Row])
		}
		s.userTable.UnselectAll()
	}
	add := widget.NewButton(lang.L("settings.add_user"), s.addUser)
	add.Importance = widget.HighImportance
	s.reloadUsers()
	return container.NewBorder(actionRow(add, widget.NewLabel(lang.L("settings.users_hint"))), nil, nil, nil, s.userTable)
}

func userCell(u models.User, col int) string {
	switch col {
	case 0:
		return u.Username
	case 1:
		return u.FullName
	case 2:
		var r []string
		for _, x := range u.RoleList() {
			r = append(r, lang.L("role."+string(x)))
		}
		return strings.Join(r, "، ")
	case 3:
		if u.Active {
			return lang.L("common.yes")
		}
		return lang.L("common.no")
	}
	return ""
}

func (s *SettingsScreen) reloadUsers() {
	goWork(func() {
		users, err := s.st.ListUsers(s.actor)
		uiDo(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s", userMessage(err)), s.win)
				return
			}
			s.users = users
			s.userTable.Refresh()
		})
	})
}

// roleChecks returns one check per role, ticked for the given roles.
func roleChecks(have []models.Role) (*widget.CheckGroup, map[string]models.Role) {
	byLabel := map[string]models.Role{}
	var labels, selected []string
	for _, r := range models.Roles {
		l := lang.L("role." + string(r))
		byLabel[l] = r
		labels = append(labels, l)
		for _, h := range have {
			if h == r {
				selected = append(selected, l)
			}
		}
	}
	g := widget.NewCheckGroup(labels, nil)
	g.SetSelected(selected)
	return g, byLabel
}

func checkedRoles(g *widget.CheckGroup, byLabel map[string]models.Role) []models.Role {
	var out []models.Role
	for _, l := range g.Selected {
		out = append(out, byLabel[l])
	}
	return out
}

func (s *SettingsScreen) addUser() {
	name, full := widget.NewEntry(), widget.NewEntry()
	pw := widget.NewPasswordEntry()
	roles, byLabel := roleChecks(nil)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("field.username"), name),
		widget.NewFormItem(lang.L("field.full_name"), full),
		widget.NewFormItem(lang.L("field.password"), pw),
		widget.NewFormItem(lang.L("settings.roles"), roles),
	}
	d := dialog.NewForm(lang.L("settings.add_user"), lang.L("action.save"), lang.L("action.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		_, err := s.st.CreateUser(s.actor, store.NewUser{Username: name.Text, FullName: full.Text, Password: pw.Text, Roles: checkedRoles(roles, byLabel)})
		if err != nil {
			dialog.ShowError(fmt.Errorf("%s", userMessage(err)), s.win)
			return
		}
		s.reloadUsers()
	}, s.win)
	d.Resize(fyne.NewSize(480, 520))
	d.Show()
}

func (s *SettingsScreen) editUser(u models.User) {
	roles, byLabel := roleChecks(u.RoleList())
	active := widget.NewCheck(lang.L("settings.active"), nil)
	active.SetChecked(u.Active)
	pw := widget.NewPasswordEntry()
	pw.SetPlaceHolder(lang.L("settings.password_unchanged"))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("field.username"), widget.NewLabel(u.Username)),
		widget.NewFormItem(lang.L("settings.roles"), roles),
		widget.NewFormItem("", active),
		widget.NewFormItem(lang.L("field.new_password"), pw),
	}
	d := dialog.NewForm(u.FullName, lang.L("action.save"), lang.L("action.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		err := s.st.SetRoles(s.actor, u.ID, checkedRoles(roles, byLabel))
		if err == nil && active.Checked != u.Active {
			err = s.st.SetUserActive(s.actor, u.ID, active.Checked)
		}
		if err == nil && pw.Text != "" {
			err = s.st.SetPassword(s.actor, u.ID, pw.Text)
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf("%s", userMessage(err)), s.win)
		}
		s.reloadUsers()
	}, s.win)
	d.Resize(fyne.NewSize(480, 520))
	d.Show()
}

// backupInfo says where the automatic backups go; on PostgreSQL (no
// automatic backup) which database this is, its password masked.
func (s *SettingsScreen) backupInfo() string {
	if store.IsPostgres(s.dsn) {
		return lang.L("settings.backup_info_pg", map[string]any{"Database": store.MaskDSN(s.dsn)})
	}
	return lang.L("settings.backup_info", map[string]any{"Folder": filepath.Join(filepath.Dir(s.dsn), "backups")})
}

func (s *SettingsScreen) backupTab() fyne.CanvasObject {
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	btn := widget.NewButton(lang.L("settings.backup_now"), func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			_ = removeEmpty(path)
			goWork(func() {
				err := s.st.Backup(s.actor, path)
				uiDo(func() {
					if err != nil {
						status.SetText(userMessage(err))
						return
					}
					status.SetText(lang.L("settings.backup_done", map[string]any{"File": path}))
				})
			})
		}, s.win)
		d.SetFileName("sullam-" + time.Now().Format("2006-01-02") + ".db")
		d.Show()
	})
	info := para(s.backupInfo())
	restore := widget.NewButton(lang.L("settings.restore"), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			dialog.ShowConfirm(lang.L("settings.restore"), i18n.Display(lang.L("settings.restore_confirm", map[string]any{"File": path})), func(ok bool) {
				if !ok {
					return
				}
				goWork(func() {
					err := s.st.StageRestore(s.actor, path)
					uiDo(func() {
						if err != nil {
							status.SetText(userMessage(err))
							return
						}
						status.SetText(i18n.Display(lang.L("settings.restore_staged")))
					})
				})
			}, s.win)
		}, s.win)
		d.Show()
	})
	return container.NewVBox(heading(lang.L("settings.backup")), info, btn, widget.NewSeparator(),
		heading(lang.L("settings.restore")), para(lang.L("settings.restore_info")), restore, status)
}

var logColumns = []string{"audit.when", "audit.who", "audit.action", "audit.entity", "audit.key", "audit.old", "audit.new"}

func (s *SettingsScreen) auditTab() fyne.CanvasObject {
	s.logTable = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.logRows), len(logColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("placeholder") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(logCell(s.logRows[id.Row], id.Col))
		})
	s.logTable.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("header") }
	s.logTable.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(lang.L(logColumns[id.Col]))
			l.TextStyle.Bold = true
		} else {
			l.SetText("")
		}
	}
	for i, w := range []float32{150, 120, 110, 110, 140, 260, 320} {
		s.logTable.SetColumnWidth(i, w)
	}
	goWork(func() {
		rows, err := s.st.AuditLog(s.actor, store.AuditFilter{Limit: 1000})
		if err != nil {
			slog.Error("audit log", "err", err)
		}
		uiDo(func() {
			s.logRows = rows
			s.logTable.Refresh()
		})
	})
	return container.NewBorder(widget.NewLabel(lang.L("settings.audit_hint")), nil, nil, nil, s.logTable)
}

func logCell(r models.AuditLog, col int) string {
	switch col {
	case 0:
		return r.At.Local().Format("2006-01-02 15:04")
	case 1:
		return r.Username
	case 2:
		return r.Action
	case 3:
		return r.Entity
	case 4:
		return r.EntityKey
	case 5:
		return clip(r.Old, 60)
	case 6:
		return clip(r.New, 80)
	}
	return ""
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
