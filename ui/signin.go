package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// signInStore is what the sign-in screen needs of the store.
type signInStore interface {
	SignIn(ctx context.Context, username, password string) (models.User, error)
}

// SignIn is the sign-in screen.
type SignIn struct {
	st         signInStore
	lastUser   string
	onLanguage func(string)
	onDone     func(models.User)

	username, password *widget.Entry
	status             *widgets.WrapLabel
	button             *widget.Button
}

// NewSignIn builds the sign-in screen; lastUser pre-fills the user name.
// A store that signs out (a PostgreSQL desk, whose connections are the
// signed-in account's own login) is signed out first: the screen shown
// after a sign-out or an idle time-out holds nobody's connection.
func NewSignIn(st signInStore, lastUser string, onLanguage func(string), onDone func(models.User)) *SignIn {
	if so, ok := st.(interface{ SignOut() }); ok {
		so.SignOut()
	}
	return &SignIn{st: st, lastUser: lastUser, onLanguage: onLanguage, onDone: onDone}
}

// Content returns the screen's widget tree.
func (s *SignIn) Content() fyne.CanvasObject {
	s.username = widget.NewEntry()
	s.username.SetText(s.lastUser)
	s.password = widget.NewPasswordEntry()
	s.password.OnSubmitted = func(string) { s.onSignIn() }
	s.status = widgets.NewWrapLabel("")
	s.status.Importance = widget.DangerImportance
	s.button = widget.NewButton(i18n.T("action.sign_in"), s.onSignIn)
	s.button.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle(i18n.T("app.name"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = "headingText"
	tagline := widget.NewLabelWithStyle(i18n.T("app.tagline"), fyne.TextAlignCenter, fyne.TextStyle{})
	form := widgets.NewForm(
		widget.NewFormItem(i18n.T("field.username"), s.username),
		widget.NewFormItem(i18n.T("field.password"), s.password),
	)
	body := container.NewVBox(title, tagline, widget.NewSeparator(),
		widgets.Heading(i18n.T("signin.title")),
		form, s.button, s.status, widget.NewSeparator(), widgets.LanguagePicker(s.onLanguage))
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 420), body))
}

func (s *SignIn) focusTarget() fyne.Focusable {
	if s.lastUser != "" {
		return s.password
	}
	return s.username
}

func (s *SignIn) onSignIn() {
	user, pw := s.username.Text, s.password.Text
	s.button.Disable()
	widgets.GoWork(func() {
		u, err := s.st.SignIn(context.Background(), user, pw)
		widgets.OnMain(func() {
			s.button.Enable()
			if err != nil {
				s.password.SetText("")
				s.status.SetText(widgets.RawMessage(err))
				return
			}
			s.onDone(u)
		})
	})
}
