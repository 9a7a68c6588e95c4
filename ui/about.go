package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// aboutButton opens the About box of the app described by meta (its
// FyneApp.toml: name, version, build number, icon) over window w.
func aboutButton(w fyne.Window, meta func() fyne.AppMetadata) *widget.Button {
	return widget.NewButtonWithIcon(i18n.T("about.title"), theme.InfoIcon(), func() { showAbout(w, meta()) })
}

// showAbout shows the About box: the icon, the name, the version and build
// number, and what Sullam is for.
func showAbout(w fyne.Window, meta fyne.AppMetadata) {
	var items []fyne.CanvasObject
	if meta.Icon != nil {
		icon := canvas.NewImageFromResource(meta.Icon)
		icon.FillMode = canvas.ImageFillContain
		icon.SetMinSize(fyne.NewSquareSize(96))
		items = append(items, icon)
	}
	name := widget.NewLabelWithStyle(i18n.T("app.name"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	version := widget.NewLabelWithStyle(i18n.Display(i18n.T("about.version", map[string]any{"Version": meta.Version, "Build": meta.Build})), fyne.TextAlignCenter, fyne.TextStyle{})
	blurb := widgets.NewWrapLabel(i18n.T("about.blurb"))
	blurb.Centered = true
	items = append(items, name, version, blurb)
	d := dialog.NewCustom(i18n.T("about.title"), i18n.T("action.close"), container.NewVBox(items...), w)
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
}
