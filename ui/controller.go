package ui

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sullam/demo"
	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// Controller owns the window and moves between first run, sign-in and the shell.
type Controller struct {
	app      fyne.App
	win      fyne.Window
	st       *store.Store
	settings widgets.Settings
	dsn      string
	user     *models.User
	shell    *Shell
	signIn   *SignIn   // the sign-in screen while it is shown
	firstRun *FirstRun // the first-run screen while it is shown

	// now is the clock of the idle sign-out (a test sets its own).
	now  func() time.Time
	idle idleTracker

	// ctx lives as long as the window: closing it (or Close) cancels the
	// loads of the screen on show, whose contexts derive from it.
	ctx    context.Context
	cancel context.CancelFunc
	// withDeps, when set, adjusts the Deps the shell hands an area's screen
	// (tests put a slow store behind a screen's narrow interface).
	withDeps func(*widgets.Deps)
}

// NewController returns the controller of window w on store st. The store
// tells it when the signed-in user's session has ended (account changed or
// deactivated): the window then returns to sign-in with a message.
func NewController(a fyne.App, w fyne.Window, st *store.Store, s widgets.Settings, dsn string) *Controller {
	c := &Controller{app: a, win: w, st: st, settings: s, dsn: dsn, now: time.Now}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	w.SetOnClosed(c.cancel)
	c.watch(st)
	return c
}

// watch asks st to tell the controller when a session ends or is used.
func (c *Controller) watch(st *store.Store) {
	st.Accounts().OnSessionExpired(func(ac store.Actor) { widgets.OnMain(func() { c.sessionEnded(ac) }) })
	st.Accounts().OnSessionUsed(func(store.Actor) { c.idle.touch(c.now()) })
}

// Start shows the first-run screen on a database without any account, else
// the sign-in screen. A database whose accounts include no active admin
// still gets the sign-in screen: nobody at the desk may make themself admin.
func (c *Controller) Start() {
	has, err := c.st.Accounts().HasUsableAccounts(context.Background())
	if err != nil {
		slog.Error("count users", "err", err)
		has = true // never offer the first run on a database that could not be read
	}
	if !has {
		c.showFirstRun()
		return
	}
	c.showSignIn()
}

func (c *Controller) showFirstRun() {
	fr := NewFirstRun(widgets.WithAccounts(c.st), c.win, c.onLanguage, c.loadDemo, func(u models.User) { c.signedIn(u) })
	c.firstRun = fr
	c.win.SetContent(fr.Content())
}

func (c *Controller) showSignIn() { c.showSignInWith("") }

// showSignInWith shows the sign-in screen with notice (why the user was
// signed out) in its status line.
func (c *Controller) showSignInWith(notice string) {
	si := NewSignIn(c.st.Accounts(), c.settings.LastUser(), c.onLanguage, c.signedIn)
	c.signIn = si
	c.win.SetContent(si.Content())
	si.status.SetText(notice)
	c.win.Canvas().Focus(si.focusTarget())
}

// signedIn opens the shell for u.
func (c *Controller) signedIn(u models.User) {
	c.signIn, c.firstRun = nil, nil
	c.user = &u
	c.settings.SetLastUser(u.Username)
	if u.Language != "" && u.Language != i18n.Current() {
		c.applyLanguage(u.Language)
	}
	c.shell = NewShell(c, u)
	c.win.SetContent(c.shell.Content())
	c.idle.reset(c.now(), c.win.Canvas().Focused())
}

// reopen opens the database again after a restore closed it, and returns
// to the first-run or sign-in screen: the restored database has its own
// accounts. When it does not open, the window says so.
func (c *Controller) reopen() {
	c.user = nil
	c.dropShell()
	st, err := store.Open(c.dsn)
	if err != nil {
		slog.Error("open database after restore", "dsn", store.MaskDSN(c.dsn), "err", store.MaskDSNIn(err.Error(), c.dsn))
		c.win.SetContent(openFailed(err))
		return
	}
	c.st = st
	c.watch(st)
	c.Start()
}

// Close cancels the window's loads and closes the store the controller holds.
func (c *Controller) Close() error {
	c.cancel()
	return c.st.Close()
}

// dropShell ends the shell's screen (its loads are cancelled) and forgets it.
func (c *Controller) dropShell() {
	if c.shell != nil {
		c.shell.leave()
	}
	c.shell = nil
}

// SignOut returns to the sign-in screen.
func (c *Controller) SignOut() { c.signOutWith("") }

func (c *Controller) signOutWith(notice string) {
	c.user = nil
	c.dropShell()
	c.showSignInWith(notice)
}

// sessionEnded signs the user out when the store refused their session
// (their account was deactivated or its roles or password changed).
func (c *Controller) sessionEnded(a store.Actor) {
	if c.user == nil || c.user.ID != a.UserID || c.user.Version != a.Version {
		return // an older session of this window, already replaced
	}
	slog.Info("session ended by an account change", "user", a.Username)
	c.signOutWith(i18n.T("signin.session_expired"))
}

// accountChanged carries on with the user's own account after they changed
// it (its version moved on): the shell is rebuilt on the current area.
func (c *Controller) accountChanged(u models.User) {
	if c.user == nil || c.user.ID != u.ID {
		return
	}
	area := widgets.AreaSettings
	if c.shell != nil {
		area = c.shell.current
	}
	c.user = &u
	c.shell = NewShell(c, u)
	c.win.SetContent(c.shell.Content())
	c.shell.Show(area)
}

// WatchIdle signs the user out once the idle time of the settings passed
// without activity; it checks at every tick (a real ticker in the app, a
// test's channel in tests) and returns when ticks is closed.
func (c *Controller) WatchIdle(ticks <-chan time.Time) {
	go func() {
		for range ticks {
			widgets.OnMain(c.checkIdle)
		}
	}()
}

// checkIdle runs on the UI thread: a change of the focused widget or of
// the text typed in it counts as activity, as do navigation and every store
// call of the session.
func (c *Controller) checkIdle() {
	if c.user == nil {
		return
	}
	now := c.now()
	focused := c.win.Canvas().Focused()
	c.idle.observe(now, focused, entryText(focused))
	limit := c.settings.IdleSignOut()
	if limit > 0 && c.idle.idleFor(now) >= limit {
		slog.Info("idle sign-out", "user", c.user.Username, "after", limit)
		c.signOutWith(i18n.Plural("signin.idle_signed_out", int(limit.Minutes()), map[string]any{"Minutes": int(limit.Minutes())}))
	}
}

// idleTracker keeps the time of the last activity; store calls touch it
// from worker goroutines.
type idleTracker struct {
	mu      sync.Mutex
	last    time.Time
	focused fyne.Focusable
	text    string
}

func (t *idleTracker) touch(now time.Time) {
	t.mu.Lock()
	if now.After(t.last) {
		t.last = now
	}
	t.mu.Unlock()
}

// reset starts a session's idle time at now, with focused as the widget
// holding the focus then.
func (t *idleTracker) reset(now time.Time, focused fyne.Focusable) {
	t.mu.Lock()
	t.last, t.focused, t.text = now, focused, entryText(focused)
	t.mu.Unlock()
}

// entryText returns the text of an entry, "" for any other widget.
func entryText(f fyne.Focusable) string {
	if e, ok := f.(*widget.Entry); ok {
		return e.Text
	}
	return ""
}

// observe counts a change of the focused widget or of its text as activity.
func (t *idleTracker) observe(now time.Time, focused fyne.Focusable, text string) {
	t.mu.Lock()
	changed := focused != t.focused || text != t.text
	t.focused, t.text = focused, text
	t.mu.Unlock()
	if changed {
		t.touch(now)
	}
}

func (t *idleTracker) idleFor(now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return now.Sub(t.last)
}

// onLanguage switches the language and rebuilds the current screen.
func (c *Controller) onLanguage(code string) {
	if code == i18n.Current() {
		return
	}
	c.applyLanguage(code)
	if c.user != nil {
		_ = c.st.Accounts().SetLanguage(context.Background(), store.ActorOf(*c.user), code)
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
	c.win.SetTitle(i18n.T("app.name"))
	c.app.Settings().SetTheme(NewTheme())
}

// loadDemo fills the database with demo data; demo accounts share the admin's password.
func (c *Controller) loadDemo(password string, progress func(step string)) error {
	d, err := demo.Generate(demo.Options{Agents: 60, Years: 5, Seed: 1, Today: models.DateOf(time.Now()), DemoPassword: password})
	if err != nil {
		return err
	}
	return c.st.LoadDemoAtomically(context.Background(), func(tx *store.Store) error {
		return demo.Load(context.Background(), tx, store.SystemActor("demo"), d, progress)
	})
}
