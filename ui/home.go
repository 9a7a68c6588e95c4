package ui

import (
	"fmt"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
)

// homeStore is what the home screen needs of the store.
type homeStore interface {
	HomeCounts(a store.Actor) (store.Counts, error)
}

// Home is the role-aware home screen.
type Home struct {
	st    homeStore
	actor store.Actor
	user  models.User
	cards *fyne.Container
}

// NewHome builds the home screen.
func NewHome(st homeStore, a store.Actor, u models.User) *Home {
	return &Home{st: st, actor: a, user: u}
}

// Content returns the screen's widget tree; the numbers load off the UI thread.
func (h *Home) Content() fyne.CanvasObject {
	hello := heading(lang.L("home.hello", map[string]any{"Name": h.user.FullName}))
	h.cards = container.NewGridWrap(fyne.NewSize(220, 110))
	go h.load()
	return container.NewVBox(hello, widget.NewSeparator(), h.cards)
}

func (h *Home) load() {
	c, err := h.st.HomeCounts(h.actor)
	fyne.Do(func() {
		if err != nil {
			slog.Error("home counts", "err", err)
			h.cards.Objects = []fyne.CanvasObject{widget.NewLabel(userMessage(err))}
			h.cards.Refresh()
			return
		}
		var cards []fyne.CanvasObject
		if h.actor.Can(store.OpViewAgents) {
			cards = append(cards, statCard(lang.L("home.active_agents"), fmt.Sprint(c.Agents)), statCard(lang.L("home.teams"), fmt.Sprint(c.Teams)))
		}
		if c.Candidates >= 0 {
			cards = append(cards, statCard(lang.L("home.open_candidates"), fmt.Sprint(c.Candidates)))
		}
		cards = append(cards, statCard(lang.L("home.open_jobs"), fmt.Sprint(c.OpenJobs)), statCard(lang.L("home.policy_version"), fmt.Sprint(c.PolicyVersion)))
		h.cards.Objects = cards
		h.cards.Refresh()
	})
}

// statCard shows one headline number with its label.
func statCard(label, value string) fyne.CanvasObject {
	v := widget.NewLabelWithStyle(value, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	v.SizeName = "headingText"
	return widget.NewCard("", "", container.NewVBox(v, widget.NewLabelWithStyle(label, fyne.TextAlignCenter, fyne.TextStyle{})))
}
