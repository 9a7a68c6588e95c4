package assets

import _ "embed" // for the go:embed directive below

// Icon is the app icon, assets/icon.png (512 px), rendered from icon.svg by
// scripts/render-icon.sh. Treat it as read-only.
//
//go:embed icon.png
var Icon []byte
