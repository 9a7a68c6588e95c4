package ui

import (
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"sullam/demo"
	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
)

// Controller owns the window and moves between first run, sign-in and the shell.
type Controller struct {
	app      fyne.App
	win      fyne.Window
	st       *store.Store
	settings Settings
	dsn      string
	user     *models.User
	shell    *Shell
}

// NewController returns the controller of window w on store st.
func NewController(a fyne.App, w fyne.Window, st *store.Store, s Settings, dsn string) *Controller {
	return &Controller{app: a, win: w, st: st, settings: s, dsn: dsn}
}

// Start shows the first-run screen on a database without an admin, else the sign-in screen.
func (c *Controller) Start() {
	has, err := c.st.HasAdmin()
	if err != nil {
		slog.Error("count admins", "err", err)
	}
	if !has {
		c.showFirstRun()
		return
	}
	c.showSignIn()
}

func (c *Controller) showFirstRun() {
	fr := NewFirstRun(c.st, c.win, c.onLanguage, c.loadDemo, func(u models.User) { c.signedIn(u) })
	c.win.SetContent(fr.Content())
}

func (c *Controller) showSignIn() {
	si := NewSignIn(c.st, c.settings.LastUser(), c.onLanguage, c.signedIn)
	c.win.SetContent(si.Content())
	c.win.Canvas().Focus(si.focusTarget())
}

// signedIn opens the shell for u.
func (c *Controller) signedIn(u models.User) {
	c.user = &u
	c.settings.SetLastUser(u.Username)
	if u.Language != "" && u.Language != i18n.Current() {
		c.applyLanguage(u.Language)
	}
	c.shell = NewShell(c, u)
	c.win.SetContent(c.shell.Content())
}

// reopen opens the database again after a restore closed it, and returns
// to the first-run or sign-in screen: the restored database has its own
// accounts. When it does not open, the window says so.
func (c *Controller) reopen() {
	c.user = nil
	c.shell = nil
	st, err := store.Open(c.dsn)
	if err != nil {
		slog.Error("open database after restore", "dsn", c.dsn, "err", err)
		c.win.SetContent(openFailed(err))
		return
	}
	c.st = st
	c.Start()
}

// Close closes the store the controller holds.
func (c *Controller) Close() error { return c.st.Close() }

// SignOut returns to the sign-in screen.
func (c *Controller) SignOut() {
	c.user = nil
	c.shell = nil
	c.showSignIn()
}

// onLanguage switches the language and rebuilds the current screen.
func (c *Controller) onLanguage(code string) {
	if code == i18n.Current() {
		return
	}
	c.applyLanguage(code)
	if c.user != nil {
		_ = c.st.SetLanguage(store.ActorOf(*c.user), code)
		area := c.shell.current
		c.shell = NewShell(c, *c.user)
		c.win.SetContent(c.shell.Content())
		c.shell.Show(area)
		return
	}
	c.Start()
}

func (c *Controller) applyLanguage(code string) {
	i18n.Use(code)
	c.settings.SetLanguage(code)
	c.win.SetTitle(lang.L("app.name"))
	c.app.Settings().SetTheme(NewTheme())
}

// loadDemo fills the database with demo data; demo accounts share the admin's password.
func (c *Controller) loadDemo(password string, progress func(step string)) error {
	d, err := demo.Generate(demo.Options{Agents: 60, Years: 5, Seed: 1, Today: models.DateOf(time.Now()), DemoPassword: password})
	if err != nil {
		return err
	}
	return c.st.LoadDemoAtomically(func(tx *store.Store) error {
		return demo.Load(tx, store.SystemActor("demo"), d, progress)
	})
}
