package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/evaluation"
	"sullam/ui/home"
	"sullam/ui/i18n"
	"sullam/ui/promotions"
	"sullam/ui/recruitment"
	"sullam/ui/settings"
	"sullam/ui/widgets"
)

// AllAreas lists the areas in navigation order.
var AllAreas = []widgets.Area{widgets.AreaHome, widgets.AreaRecruitment, widgets.AreaAgents, widgets.AreaEvaluations, widgets.AreaPromotions, widgets.AreaSettings}

// AreasFor returns the areas a user with actor a may use.
func AreasFor(a store.Actor) []widgets.Area {
	var out []widgets.Area
	for _, ar := range AllAreas {
		ok := false
		switch ar {
		case widgets.AreaHome, widgets.AreaSettings:
			ok = true
		case widgets.AreaRecruitment:
			ok = a.Can(store.OpViewJobs) || a.Can(store.OpViewCandidates)
		case widgets.AreaAgents:
			ok = a.Can(store.OpViewAgents)
		case widgets.AreaEvaluations:
			ok = a.Can(store.OpViewScores) || a.Can(store.OpSubmitWeekly) || a.Can(store.OpEnterAudits) || a.Can(store.OpEditAttendance)
		case widgets.AreaPromotions:
			ok = a.Can(store.OpViewPromotions)
		}
		if ok {
			out = append(out, ar)
		}
	}
	return out
}

// areaIcon returns the navigation icon of an area (built on use: the theme needs a running app).
func areaIcon(a widgets.Area) fyne.Resource {
	switch a {
	case widgets.AreaRecruitment:
		return theme.AccountIcon()
	case widgets.AreaAgents:
		return theme.ListIcon()
	case widgets.AreaEvaluations:
		return theme.DocumentIcon()
	case widgets.AreaPromotions:
		return theme.UploadIcon()
	case widgets.AreaSettings:
		return theme.SettingsIcon()
	}
	return theme.HomeIcon()
}

// Shell is the main window after sign-in: a header, the navigation and the current area.
type Shell struct {
	c       *Controller
	user    models.User
	actor   store.Actor
	areas   []widgets.Area
	current widgets.Area
	body    *fyne.Container
	nav     *widget.List
	// inboxCount is the number of to-do items the home screen last found,
	// shown beside Home in the navigation.
	inboxCount int
	// tab is the tab the next Show opens in its area (see ShowTab).
	tab string
	// life is the current screen's context: cancelled by the next Show,
	// by sign-out and by closing the window (see screenLife).
	life widgets.ScreenLife
	ctx  context.Context
}

// NewShell builds the shell for user u.
func NewShell(c *Controller, u models.User) *Shell {
	a := store.ActorOf(u)
	return &Shell{c: c, user: u, actor: a, areas: AreasFor(a), current: widgets.AreaHome}
}

// Content returns the shell's widget tree.
func (s *Shell) Content() fyne.CanvasObject {
	s.body = container.NewStack()
	s.nav = widget.NewList(
		func() int { return len(s.areas) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("navigation area"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(areaIcon(s.areas[id]))
			box.Objects[1].(*widget.Label).SetText(s.navLabel(s.areas[id]))
		})
	s.nav.OnSelected = func(id widget.ListItemID) { s.Show(s.areas[id]) }
	roles := make([]string, 0, len(s.user.Roles))
	for _, r := range s.user.RoleList() {
		roles = append(roles, i18n.T("role."+string(r)))
	}
	who := widget.NewLabelWithStyle(i18n.Display(s.user.FullName+" · "+strings.Join(roles, "، ")), fyne.TextAlignTrailing, fyne.TextStyle{})
	signOut := widget.NewButtonWithIcon(i18n.T("action.sign_out"), theme.LogoutIcon(), s.c.SignOut)
	title := widget.NewLabelWithStyle(i18n.T("app.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = "subHeadingText"
	about := aboutButton(s.c.win, s.c.app.Metadata)
	// The name takes the room left between the title and the controls and
	// truncates with an ellipsis: a long name never widens the window.
	who.Truncation = fyne.TextTruncateEllipsis
	controls := container.NewHBox(widgets.LanguagePicker(s.c.onLanguage), about, signOut)
	header := container.NewBorder(nil, nil, title, controls, who)
	if i18n.IsRTL() {
		who.Alignment = fyne.TextAlignLeading // beside the controls, on the left
		header = container.NewBorder(nil, nil, container.NewHBox(signOut, about, widgets.LanguagePicker(s.c.onLanguage)), title, who)
	}
	navPane := container.NewBorder(nil, nil, nil, nil, s.nav)
	var main fyne.CanvasObject
	if i18n.IsRTL() {
		main = container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewSeparator(), container.NewGridWrap(fyne.NewSize(190, 400), navPane)), s.body)
	} else {
		main = container.NewBorder(nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(190, 400), navPane), widget.NewSeparator()), nil, s.body)
	}
	s.Show(widgets.AreaHome)
	return container.NewBorder(container.NewVBox(container.NewPadded(header), widget.NewSeparator()), nil, nil, nil, main)
}

// navLabel is an area's name in the navigation, with the number of waiting
// to-do items beside Home.
func (s *Shell) navLabel(ar widgets.Area) string {
	name := i18n.T("nav." + string(ar))
	if ar == widgets.AreaHome && s.inboxCount > 0 {
		// in display order: Arabic with a number reads right to left
		return i18n.Display(i18n.T("nav.count", map[string]any{"Name": name, "Count": s.inboxCount}))
	}
	return name
}

// ShowTab switches to area ar with its tab (a translation key such as
// "eval.tab.rating_queue") open, when the area has tabs and the user that tab.
func (s *Shell) ShowTab(ar widgets.Area, tab string) {
	s.tab = tab
	defer func() { s.tab = "" }()
	s.Show(ar)
}

// Show switches to area ar (ignored when the user may not use it).
func (s *Shell) Show(ar widgets.Area) {
	idx := -1
	for i, x := range s.areas {
		if x == ar {
			idx = i
		}
	}
	if idx < 0 {
		return
	}
	s.current = ar
	s.c.idle.touch(s.c.now())
	s.ctx = s.life.Begin(s.c.ctx) // the screen left behind stops its loads
	s.body.Objects = []fyne.CanvasObject{s.screen(ar)}
	s.body.Refresh()
	if s.nav != nil {
		s.nav.OnSelected = nil
		s.nav.Select(idx)
		s.nav.OnSelected = func(id widget.ListItemID) { s.Show(s.areas[id]) }
	}
}

// leave ends the current screen's life (sign-out, the window closing).
func (s *Shell) leave() { s.life.End() }

// screen builds the screen of an area.
func (s *Shell) screen(ar widgets.Area) fyne.CanvasObject {
	switch ar {
	case widgets.AreaHome:
		h := home.NewHome(widgets.EvalAreas(s.c.st), s.actor, s.user)
		h.Ctx = s.ctx
		h.Navigate = s.ShowTab
		h.OnInbox = func(n int) {
			s.inboxCount = n
			if s.nav != nil {
				s.nav.Refresh()
			}
		}
		return h.Content()
	case widgets.AreaSettings:
		sc := settings.NewSettingsScreen(widgets.WithAccounts(s.c.st), s.c.win, s.actor, s.user, s.c.onLanguage, s.c.dsn).OnRestored(s.c.reopen)
		sc.OnAccountChanged = s.c.accountChanged
		sc.Ctx = s.ctx
		return sc.Content()
	}
	d := widgets.Deps{Ctx: s.ctx, Store: s.c.st, Win: s.c.win, Actor: s.actor, User: s.user, Navigate: s.Show, Hijri: s.c.settings.ShowHijri}
	if s.c.withDeps != nil {
		s.c.withDeps(&d)
	}
	switch ar {
	case widgets.AreaRecruitment:
		rs := recruitment.NewRecruitmentScreen(d)
		rs.Tab = s.tab
		return rs.Content()
	case widgets.AreaAgents:
		return agents.NewAgentsScreen(d).Content()
	case widgets.AreaEvaluations:
		es := evaluation.NewEvaluationsScreen(d)
		es.Tab = s.tab
		return es.Content()
	case widgets.AreaPromotions:
		return promotions.NewPromotionsScreen(d).Content()
	}
	return widgets.Placeholder("nav." + string(ar))
}
