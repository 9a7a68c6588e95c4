package assets

import "embed"

// Translations holds the user-interface strings, one flat JSON object
// (key → text) per language: translations/en.json and translations/ar.json,
// in the format fyne.io/fyne/v2/lang reads. A counted noun's text is an
// object of CLDR plural forms instead (go-i18n's format; see
// ui/i18n.PluralKeys).
//
//go:embed translations/*.json
var Translations embed.FS
