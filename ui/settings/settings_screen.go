package settings

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/bidi"
	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// settingsStore is what the settings screen needs of the store.
type settingsStore interface {
	SetPassword(ctx context.Context, a store.Actor, userID uint, pw string) (models.User, error)
	ListUsers(ctx context.Context, a store.Actor) ([]models.User, error)
	CreateUser(ctx context.Context, a store.Actor, n store.NewUser) (models.User, error)
	UpdateUser(ctx context.Context, a store.Actor, up store.UserUpdate) (models.User, error)
	auditLogStore
	Backup(ctx context.Context, a store.Actor, file string) error
	Restore(ctx context.Context, a store.Actor, backup string) (store.RestoreResult, error)
	ListAutoBackups(ctx context.Context, a store.Actor) ([]store.AutoBackupFile, error)
}

// SettingsScreen holds the language, the user's password and, for admins,
// users and roles, backups and the audit log.
type SettingsScreen struct {
	st         settingsStore
	win        fyne.Window
	Actor      store.Actor
	User       models.User
	onLanguage func(string)
	dsn        string
	// onRestored is called on the UI goroutine once a restore has closed
	// the store: the caller opens the database again.
	onRestored func()

	// OnAccountChanged, when set, receives the signed-in user's own account
	// after they changed it (a new password, their roles): its version moved
	// on, and the window carries on with it.
	OnAccountChanged func(models.User)
	// Ctx, when set, is the screen's context (Deps.Ctx): leaving the screen
	// cancels the audit log's loads and exports.
	Ctx   context.Context
	prefs widgets.Settings

	Users      []models.User
	UserTable  *widget.Table
	AddUserBtn *widget.Button
	Dialog     *userDialog // the open user dialog, if any
	// saveAs, when set, chooses where an export is saved (tests).
	saveAs widgets.SaveAsFunc

	// autoBackups are the automatic backups listed on the Backup tab.
	autoBackups     []store.AutoBackupFile
	autoBackupTable *widget.Table
	autoBackupNote  *widgets.WrapLabel
}

// NewSettingsScreen builds the settings screen.
func NewSettingsScreen(st settingsStore, w fyne.Window, a store.Actor, u models.User, onLanguage func(string), dsn string) *SettingsScreen {
	return &SettingsScreen{st: st, win: w, Actor: a, User: u, onLanguage: onLanguage, dsn: dsn, prefs: widgets.NewSettings(fyne.CurrentApp().Preferences())}
}

// OnRestored sets what happens once a restore has closed the store (the
// controller opens the database again and returns to sign-in); it returns s.
func (s *SettingsScreen) OnRestored(f func()) *SettingsScreen {
	s.onRestored = f
	return s
}

// Content returns the screen's widget tree.
func (s *SettingsScreen) Content() fyne.CanvasObject {
	tabs := widgets.NewTabs(container.NewTabItem(i18n.T("settings.general"), s.general()))
	if s.Actor.Can(store.OpManageUsers) {
		tabs.Append(container.NewTabItem(i18n.T("settings.users"), s.UsersTab()))
	}
	if s.Actor.Can(store.OpEditPolicy) {
		tabs.Append(container.NewTabItem(i18n.T("settings.policy"), NewPolicyEditor(s.st.(policyStore), s.Actor).Content()))
	}
	if s.Actor.Can(store.OpBackup) {
		tabs.Append(container.NewTabItem(i18n.T("settings.backup"), s.BackupTab()))
	}
	if s.Actor.Can(store.OpViewAuditLog) {
		tabs.Append(container.NewTabItem(i18n.T("settings.audit_log"), s.auditTab()))
	}
	return tabs
}

func (s *SettingsScreen) general() fyne.CanvasObject {
	pw1, pw2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	status := widget.NewLabel("")
	save := widget.NewButton(i18n.T("settings.change_password"), func() {
		if pw1.Text != pw2.Text {
			status.SetText(i18n.T("error.passwords_differ"))
			return
		}
		u, err := s.st.SetPassword(context.Background(), s.Actor, s.User.ID, pw1.Text)
		if err != nil {
			status.SetText(widgets.RawMessage(err))
			return
		}
		pw1.SetText("")
		pw2.SetText("")
		status.SetText(i18n.T("settings.password_changed"))
		if s.OnAccountChanged != nil {
			s.OnAccountChanged(u)
		}
	})
	form := widgets.NewForm(widget.NewFormItem(i18n.T("field.new_password"), pw1), widget.NewFormItem(i18n.T("field.password_confirm"), pw2))
	return container.NewVBox(
		widgets.Heading(i18n.T("settings.language")), widgets.LanguagePicker(s.onLanguage), s.hijriCheck(),
		widgets.Label(i18n.T("settings.digits")), s.digitsChoice(), widget.NewSeparator(),
		widgets.Heading(i18n.T("settings.idle_sign_out")), s.idlePicker(), widget.NewSeparator(),
		widgets.Heading(i18n.T("settings.change_password")), widgets.Para(i18n.T("firstrun.password_rule")), form, save, status)
}

// hijriCheck chooses whether dates are shown with their Umm al-Qura Hijri
// date beside them at this desk (the profile, the reports).
func (s *SettingsScreen) hijriCheck() fyne.CanvasObject {
	c := widgets.NewCheck(i18n.T("settings.show_hijri"), func(on bool) { s.prefs.SetShowHijri(on) })
	c.SetChecked(s.prefs.ShowHijri())
	return c
}

// digitsChoice chooses whether numbers and dates are shown with Latin
// (123, the default) or Arabic-Indic (١٢٣) digits at this desk, in Arabic:
// on every screen built afterwards (through i18n.Display and cell) and in
// the PDFs made from the window. Entries keep the digits as typed.
func (s *SettingsScreen) digitsChoice() fyne.CanvasObject {
	latin, arabic := i18n.T("settings.digits_latin"), i18n.T("settings.digits_arabic")
	r := widgets.NewRadioGroup([]string{latin, arabic}, nil)
	r.Horizontal = true
	for i, m := range r.Marks {
		// Each option names its digits by example: show the sample
		// digits as written, whatever the current choice.
		m.Text.SetText(i18n.MarkOrdered(bidi.Visual(r.Options[i])))
	}
	if s.prefs.ArabicDigits() {
		r.SetSelected(arabic)
	} else {
		r.SetSelected(latin)
	}
	r.OnChanged = func(choice string) {
		on := choice == arabic
		s.prefs.SetArabicDigits(on)
		i18n.SetArabicDigits(on)
	}
	return r
}

// idleChoices are the idle sign-out times offered, in minutes (0: never).
var idleChoices = []int{10, 15, 30, 60, 120, 0}

// idlePicker chooses the idle sign-out time of this desk (a preference).
func (s *SettingsScreen) idlePicker() fyne.CanvasObject {
	label := func(m int) string {
		if m == 0 {
			return i18n.T("settings.idle_never")
		}
		return i18n.Display(i18n.Plural("settings.idle_minutes", m, map[string]any{"Minutes": m})) // a number in Arabic: display order
	}
	var labels []string
	for _, m := range idleChoices {
		labels = append(labels, label(m))
	}
	sel := widget.NewSelect(labels, nil)
	sel.SetSelected(label(int(s.prefs.IdleSignOut() / time.Minute)))
	sel.OnChanged = func(v string) {
		for _, m := range idleChoices {
			if label(m) == v {
				s.prefs.SetIdleSignOut(time.Duration(m) * time.Minute)
			}
		}
	}
	return sel
}

var userColumns = []string{"field.username", "field.full_name", "settings.roles", "settings.active"}

// UsersTab is the settings tab of the user accounts.
func (s *SettingsScreen) UsersTab() fyne.CanvasObject {
	s.UserTable = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.Users), len(userColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("wide cell placeholder text") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			u := s.Users[id.Row]
			l := o.(*widget.Label)
			l.Alignment = widgets.ReadingEdge()
			l.SetText(userCell(u, widgets.AgCol(id.Col, len(userColumns))))
		})
	s.UserTable.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("header") }
	s.UserTable.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 {
			l.Alignment = widgets.ReadingEdge()
			l.SetText(i18n.T(userColumns[widgets.AgCol(id.Col, len(userColumns))]))
			l.TextStyle.Bold = true
		} else if id.Col < 0 && id.Row >= 0 {
			l.SetText(fmt.Sprint(id.Row + 1))
		}
	}
	widgets.SetColumnWidths(s.UserTable, []float32{160, 220, 380, 90})
	s.UserTable.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.Users) {
			s.editUser(s.Users[id.Row])
		}
		s.UserTable.UnselectAll()
	}
	s.AddUserBtn = widget.NewButton(i18n.T("settings.add_user"), s.addUser)
	s.AddUserBtn.Importance = widget.HighImportance
	s.ReloadUsers()
	return container.NewBorder(widgets.ActionRow(s.AddUserBtn, widget.NewLabel(i18n.T("settings.users_hint"))), nil, nil, nil, widgets.ReadingTable(s.UserTable))
}

func userCell(u models.User, col int) string {
	switch col {
	case 0:
		return u.Username
	case 1:
		return widgets.Cell(u.FullName)
	case 2:
		var r []string
		for _, x := range u.RoleList() {
			r = append(r, i18n.T("role."+string(x)))
		}
		return strings.Join(r, "، ")
	case 3:
		if u.Active {
			return i18n.T("common.yes")
		}
		return i18n.T("common.no")
	}
	return ""
}

// ReloadUsers loads the user accounts again into the users table.
func (s *SettingsScreen) ReloadUsers() {
	widgets.GoWork(func() {
		users, err := s.st.ListUsers(context.Background(), s.Actor)
		widgets.OnMain(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s", widgets.UserMessage(err)), s.win)
				return
			}
			s.Users = users
			s.UserTable.Refresh()
		})
	})
}

// roleChecks returns one check per role, ticked for the given roles.
func roleChecks(have []models.Role) (*widgets.CheckGroup, map[string]models.Role) {
	byLabel := map[string]models.Role{}
	var labels, selected []string
	for _, r := range models.Roles {
		l := i18n.T("role." + string(r))
		byLabel[l] = r
		labels = append(labels, l)
		for _, h := range have {
			if h == r {
				selected = append(selected, l)
			}
		}
	}
	g := widgets.NewCheckGroup(labels, nil)
	g.SetSelected(selected)
	return g, byLabel
}

func checkedRoles(g *widgets.CheckGroup, byLabel map[string]models.Role) []models.Role {
	var out []models.Role
	for _, l := range g.Selected {
		out = append(out, byLabel[l])
	}
	return out
}

// addUser opens the dialog that creates an account.
func (s *SettingsScreen) addUser() {
	s.Dialog = newUserDialog(s, nil)
	s.Dialog.dlg.Show()
}

// editUser opens the dialog that edits account u.
func (s *SettingsScreen) editUser(u models.User) {
	s.Dialog = newUserDialog(s, &u)
	s.Dialog.dlg.Show()
}

// backupInfo says where the automatic backups go; on PostgreSQL (no
// automatic backup) which database this is, its password masked.
func (s *SettingsScreen) backupInfo() string {
	if store.IsPostgres(s.dsn) {
		return i18n.T("settings.backup_info_pg", map[string]any{"Database": store.MaskDSN(s.dsn)})
	}
	return i18n.T("settings.backup_info", map[string]any{"Folder": filepath.Join(filepath.Dir(s.dsn), "backups")})
}

// BackupTab is the settings tab of backups and restore.
func (s *SettingsScreen) BackupTab() fyne.CanvasObject {
	status := widgets.NewWrapLabel("")
	btn := widget.NewButton(i18n.T("settings.backup_now"), func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			_ = widgets.RemoveEmpty(path)
			widgets.GoWork(func() {
				err := s.st.Backup(context.Background(), s.Actor, path)
				widgets.OnMain(func() {
					if err != nil {
						status.SetText(widgets.RawMessage(err))
						return
					}
					status.SetText(i18n.T("settings.backup_done", map[string]any{"File": path}))
				})
			})
		}, s.win)
		d.SetFileName("sullam-" + time.Now().Format("2006-01-02") + ".db")
		d.Show()
	})
	info := widgets.Para(s.backupInfo())
	file := widget.NewEntry()
	file.SetPlaceHolder(i18n.T("settings.restore_file"))
	choose := widget.NewButton(i18n.T("settings.restore_choose"), func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			file.SetText(r.URI().Path())
			r.Close()
		}, s.win)
		d.Show()
	})
	restore := widget.NewButton(i18n.T("settings.restore_now"), func() { s.onRestore(file.Text, status) })
	fileRow := container.NewBorder(nil, nil, nil, choose, file)
	if i18n.IsRTL() {
		fileRow = container.NewBorder(nil, nil, choose, nil, file)
	}
	top := container.NewVBox(widgets.Heading(i18n.T("settings.backup")), info, widgets.ActionRow(btn), widget.NewSeparator(),
		widgets.Heading(i18n.T("settings.restore")), widgets.Para(i18n.T("settings.restore_info")),
		fileRow, widgets.ActionRow(restore), status, widget.NewSeparator(),
		widgets.Heading(i18n.T("settings.autobackups")))
	return container.NewBorder(top, nil, nil, nil, s.autoBackupList())
}

// onRestore asks for confirmation, then restores the database from path off
// the UI thread. The store is closed by a restore that got as far as the
// swap, successful or not: onRestored then opens the database again.
func (s *SettingsScreen) onRestore(path string, status *widgets.WrapLabel) {
	path = strings.TrimSpace(path)
	if path == "" {
		status.SetText(i18n.T("settings.restore_no_file"))
		return
	}
	dialog.ShowConfirm(i18n.T("settings.restore"), i18n.Display(i18n.T("settings.restore_confirm", map[string]any{"File": path})), func(ok bool) {
		if !ok {
			return
		}
		status.SetText(i18n.T("settings.restore_running"))
		widgets.GoWork(func() {
			res, err := s.st.Restore(context.Background(), s.Actor, path)
			widgets.OnMain(func() { s.restored(path, res, err, status) })
		})
	}, s.win)
}

// restored shows the outcome of a restore.
func (s *SettingsScreen) restored(path string, res store.RestoreResult, err error, status *widgets.WrapLabel) {
	if err != nil {
		slog.Error("restore", "file", path, "err", err)
		status.SetText(widgets.RawMessage(err))
	}
	if res.Closed && s.onRestored != nil {
		s.onRestored()
	}
	switch {
	case err != nil && res.Closed:
		dialog.ShowError(fmt.Errorf("%s", widgets.UserMessage(err)), s.win)
	case err == nil:
		msg := i18n.T("settings.restore_done", map[string]any{"File": path, "Kept": res.Kept})
		status.SetText(msg)
		dialog.ShowInformation(i18n.T("settings.restore"), i18n.Display(msg), s.win)
	}
}

func (s *SettingsScreen) auditTab() fyne.CanvasObject {
	v := NewAuditLogView(s.st, s.win, s.Actor, s.saveAs)
	v.ctx = s.Ctx
	return v.Content()
}
