// Package assets embeds the files Sullam ships inside its binary: the
// Arabic + Latin font, the translations and the default data.
package assets

import _ "embed" // for the go:embed directives below

// FontRegular is SullamSans-Regular.ttf: Noto Sans merged with Noto Sans
// Arabic (SIL Open Font License 1.1, see fonts/README.md), for Latin and
// Arabic text alike. Treat it as read-only.
//
//go:embed fonts/SullamSans-Regular.ttf
var FontRegular []byte

// FontBold is SullamSans-Bold.ttf, the bold weight of [FontRegular]. Treat it
// as read-only.
//
//go:embed fonts/SullamSans-Bold.ttf
var FontBold []byte
