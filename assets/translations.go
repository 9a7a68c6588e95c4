package assets

import "embed"

// Translations holds the user-interface strings, one flat JSON object
// (key → text) per language: translations/en.json and translations/ar.json,
// in the format fyne.io/fyne/v2/lang reads.
//
//go:embed translations/*.json
var Translations embed.FS
