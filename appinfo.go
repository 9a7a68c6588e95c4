package main

import (
	_ "embed" // for the go:embed directive below
	"fmt"

	"fyne.io/fyne/v2"
	"github.com/BurntSushi/toml"

	"sullam/assets"
)

// fyneAppTOML is FyneApp.toml, the one place that holds the app's name, ID,
// version and build number: fyne package reads it for the packages, the
// binary embeds it for `sullam version`, the About box and fyneDo.
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

// fyneApp is the part of FyneApp.toml that Sullam reads.
type fyneApp struct {
	Details struct {
		Icon    string
		Name    string
		ID      string
		Version string
		Build   int
	}
	Migrations map[string]bool
}

// appMetadata reads FyneApp.toml (data) into Fyne's app metadata, with icon
// as the app icon. Every field of [Details] must be there.
func appMetadata(data []byte, icon []byte) (fyne.AppMetadata, error) {
	var f fyneApp
	if _, err := decodeFyneApp(data, &f); err != nil {
		return fyne.AppMetadata{}, fmt.Errorf("read FyneApp.toml: %w", err)
	}
	d := f.Details
	for _, field := range []struct{ name, value string }{{"Name", d.Name}, {"ID", d.ID}, {"Version", d.Version}, {"Icon", d.Icon}} {
		if field.value == "" {
			return fyne.AppMetadata{}, fmt.Errorf("read FyneApp.toml: [Details] %s is missing", field.name)
		}
	}
	if d.Build < 1 {
		return fyne.AppMetadata{}, fmt.Errorf("read FyneApp.toml: [Details] Build must be 1 or more, not %d", d.Build)
	}
	return fyne.AppMetadata{
		ID:         d.ID,
		Name:       d.Name,
		Version:    d.Version,
		Build:      d.Build,
		Icon:       fyne.NewStaticResource("icon.png", icon),
		Migrations: f.Migrations,
	}, nil
}

// decodeFyneApp decodes FyneApp.toml into f.
func decodeFyneApp(data []byte, f *fyneApp) (toml.MetaData, error) {
	return toml.Decode(string(data), f)
}

// embeddedMetadata is appMetadata of the embedded FyneApp.toml and icon.
func embeddedMetadata() (fyne.AppMetadata, error) {
	return appMetadata(fyneAppTOML, assets.Icon)
}
