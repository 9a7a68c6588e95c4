package widgets

import (
	"context"
	"net/url"

	"fyne.io/fyne/v2"

	"sullam/models"
	"sullam/report"
	"sullam/store"
)

// Deps is what the shell hands each area's screen: the store (to be narrowed
// to the screen's own interface), the window for dialogs, and who is signed in.
type Deps struct {
	// Ctx is the screen's context: cancelled when the user leaves the
	// screen or the window closes; the screen's long loads pass it to the
	// store (nil in tests that build a screen directly: no cancellation).
	Ctx   context.Context
	Store *store.Store
	Win   fyne.Window
	Actor store.Actor
	User  models.User
	// Navigate switches the shell to another area.
	Navigate func(Area)
	// SaveAs, when set, chooses where an export is saved instead of the
	// system save dialog (tests supply a temporary path).
	SaveAs SaveAsFunc
	// OpenURL, when set, opens a saved file instead of the app's system
	// viewer (fyne.App.OpenURL); tests record the URL.
	OpenURL func(*url.URL) error
	// OpenFile, when set, chooses the file to import instead of the system
	// open dialog (tests supply a file).
	OpenFile OpenFileFunc
	// Imports, when set, is what imports go through instead of Store (tests
	// hold an import midway to cancel it).
	Imports ImportStore
	// Board, when set, is what the promotion board loads from instead of
	// Store (tests hold a load to see leaving the screen cancel it).
	Board report.Source
	// Hijri, when set, says whether dates are shown with their Umm al-Qura
	// Hijri date beside them (Settings → Language); nil: Gregorian only.
	Hijri func() bool
}

// Area is one navigation area of the shell.
type Area string

// The navigation areas, in order.
const (
	AreaHome        Area = "home"
	AreaRecruitment Area = "recruitment"
	AreaAgents      Area = "agents"
	AreaEvaluations Area = "evaluations"
	AreaPromotions  Area = "promotions"
	AreaSettings    Area = "settings"
)
