// Package ui holds Sullam's Fyne screens, one file per screen. Screens depend
// on small interfaces, load data off the UI thread and apply it on the UI thread (async.go).
package ui

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// Run opens the window on the database dsn (the default one when empty) and
// returns the exit status once the window is closed.
func Run(dsn string, defaultDSN func() (string, error)) int {
	a := app.NewWithID(models.AppID)
	settings := widgets.NewSettings(a.Preferences())
	i18n.Use(settings.Language())
	i18n.SetArabicDigits(settings.ArabicDigits())
	a.Settings().SetTheme(NewTheme())
	w := a.NewWindow(i18n.T("app.name"))
	w.Resize(fyne.NewSize(1280, 800))
	var err error
	if dsn == "" {
		dsn, err = defaultDSN()
	}
	var st *store.Store
	if err == nil {
		st, err = store.Open(dsn)
	}
	if err != nil {
		detail := store.MaskDSNIn(err.Error(), dsn) // never the database password
		slog.Error("open database", "dsn", store.MaskDSN(dsn), "err", detail)
		w.SetContent(openFailed(errors.New(detail)))
		w.ShowAndRun()
		return 1
	}
	widgets.GoWork(func() {
		// Retention first, so that today's backup no longer holds what it erases.
		if _, err := st.Recruitment().AutoRetention(context.Background(), store.AutoBackupDir(dsn)); err != nil {
			slog.Warn("automatic retention", "err", err)
		}
		if store.IsPostgres(dsn) {
			return
		}
		if _, err := st.AutoBackup(context.Background(), filepath.Join(filepath.Dir(dsn), "backups"), settings.BackupKeep()); err != nil {
			slog.Warn("automatic backup", "err", err)
		}
	})
	c := NewController(a, w, st, settings, dsn)
	defer c.Close() // the store of the moment: a restore replaces it
	c.Start()
	idleTicks := time.NewTicker(15 * time.Second)
	defer idleTicks.Stop()
	c.WatchIdle(idleTicks.C)
	w.ShowAndRun()
	return 0
}

// openFailed is the window's content when the database does not open.
func openFailed(err error) fyne.CanvasObject {
	return container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle(i18n.T("error.open_database"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		widget.NewLabel(err.Error())))
}
