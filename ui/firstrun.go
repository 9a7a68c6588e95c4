package ui

import (
	"context"
	"errors"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// firstRunStore is what the first-run screen needs of the store.
type firstRunStore interface {
	HasData(ctx context.Context) (bool, error)
	CreateFirstAdmin(ctx context.Context, n store.NewUser) (models.User, error)
}

// FirstRun is the screen of a database with no account: choose the language,
// create the admin, optionally load demo data.
type FirstRun struct {
	st         firstRunStore
	win        fyne.Window
	onLanguage func(string)
	loadDemo   func(password string, progress func(string)) error
	onDone     func(models.User)

	username, fullName *widget.Entry
	password, confirm  *widget.Entry
	demo               *widgets.CheckBox
	status             *widgets.WrapLabel
	progress           *widget.ProgressBarInfinite
	create             *widget.Button
}

// NewFirstRun builds the first-run screen.
func NewFirstRun(st firstRunStore, w fyne.Window, onLanguage func(string), loadDemo func(string, func(string)) error, onDone func(models.User)) *FirstRun {
	return &FirstRun{st: st, win: w, onLanguage: onLanguage, loadDemo: loadDemo, onDone: onDone}
}

// Content returns the screen's widget tree.
func (f *FirstRun) Content() fyne.CanvasObject {
	f.username = widget.NewEntry()
	f.username.SetText("admin")
	f.fullName = widget.NewEntry()
	f.password = widget.NewPasswordEntry()
	f.confirm = widget.NewPasswordEntry()
	f.confirm.OnSubmitted = func(string) { f.onCreate() }
	f.demo = widgets.NewCheck(i18n.T("firstrun.demo_check"), nil)
	demoHint := widgets.Para(i18n.T("firstrun.load_demo"))
	if has, err := f.st.HasData(context.Background()); err == nil && has {
		f.demo.Hide()
		demoHint.Hide()
	}
	f.status = widgets.NewWrapLabel("")
	f.progress = widget.NewProgressBarInfinite()
	f.progress.Stop()
	f.progress.Hide()
	f.create = widget.NewButton(i18n.T("firstrun.create"), f.onCreate)
	f.create.Importance = widget.HighImportance

	form := widgets.NewForm(
		widget.NewFormItem(i18n.T("field.username"), f.username),
		widget.NewFormItem(i18n.T("field.full_name"), f.fullName),
		widget.NewFormItem(i18n.T("field.password"), f.password),
		widget.NewFormItem(i18n.T("field.password_confirm"), f.confirm),
	)
	title := widget.NewLabelWithStyle(i18n.T("firstrun.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = "headingText"
	welcome := widgets.Para(i18n.T("firstrun.welcome"))
	welcome.Centered = true
	body := container.NewVBox(
		title, welcome,
		widget.NewSeparator(),
		widgets.Heading(i18n.T("firstrun.language")),
		widgets.LanguagePicker(f.onLanguage),
		widget.NewSeparator(),
		widgets.Heading(i18n.T("firstrun.admin_account")),
		widgets.Para(i18n.T("firstrun.password_rule")),
		form, widgets.ActionRow(f.demo), demoHint, f.create, f.progress, f.status,
	)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 680), container.NewVScroll(body)))
}

func (f *FirstRun) onCreate() {
	if f.password.Text != f.confirm.Text {
		f.status.SetText(i18n.T("error.passwords_differ"))
		return
	}
	// The language chosen on this screen is the admin's language, so that
	// signing in right after keeps it (issue 16).
	n := store.NewUser{Username: f.username.Text, FullName: f.fullName.Text, Password: f.password.Text, Language: i18n.Current()}
	withDemo := f.demo.Visible() && f.demo.Checked
	f.create.Disable()
	f.progress.Show()
	f.progress.Start()
	pw := f.password.Text
	widgets.GoWork(func() {
		u, err := f.st.CreateFirstAdmin(context.Background(), n)
		if err == nil && withDemo {
			widgets.OnMain(func() { f.status.SetText(i18n.T("firstrun.loading_demo")) })
			err = f.loadDemo(pw, func(step string) {
				widgets.OnMain(func() { f.status.SetText(i18n.T("firstrun.loading_demo") + " " + step) })
			})
			if err != nil {
				slog.Error("load demo data", "err", err)
				widgets.OnMain(func() { dialog.ShowError(errors.New(i18n.T("error.demo_failed")+": "+err.Error()), f.win) })
				err = nil // the admin exists; go on without demo data
			}
		}
		widgets.OnMain(func() {
			f.progress.Stop()
			f.progress.Hide()
			f.create.Enable()
			if err != nil {
				f.status.SetText(widgets.RawMessage(err))
				return
			}
			f.onDone(u)
		})
	})
}
