package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"sullam/assets"
)

// Theme is Sullam's look: the bundled Arabic + Latin font (Sullam Sans, from
// Noto Sans and Noto Sans Arabic) for every text style, and a calm palette
// around a teal primary colour. Sizes and icons are Fyne's defaults.
//
// Fyne's own fonts have no Arabic glyphs and the system's fallback fonts may
// lack them too, so the theme font must carry both scripts: one font keeps
// Arabic and Latin on the same baseline and line height.
type Theme struct {
	variant      fyne.ThemeVariant
	followSystem bool
	regular      fyne.Resource
	bold         fyne.Resource
}

// ThemeOption changes a [Theme] made by [NewTheme].
type ThemeOption func(*Theme)

// WithVariant fixes the variant (theme.VariantLight or theme.VariantDark)
// whatever the system prefers.
func WithVariant(v fyne.ThemeVariant) ThemeOption {
	return func(t *Theme) { t.variant, t.followSystem = v, false }
}

// FollowSystemVariant makes the theme light or dark as the system asks.
func FollowSystemVariant() ThemeOption {
	return func(t *Theme) { t.followSystem = true }
}

// Fonts are shared by every Theme value: Fyne caches faces per resource.
var (
	fontRegular = fyne.NewStaticResource("SullamSans-Regular.ttf", assets.FontRegular)
	fontBold    = fyne.NewStaticResource("SullamSans-Bold.ttf", assets.FontBold)
)

// NewTheme returns Sullam's theme, light unless an option says otherwise.
func NewTheme(opts ...ThemeOption) *Theme {
	t := &Theme{variant: theme.VariantLight, regular: fontRegular, bold: fontBold}
	for _, o := range opts {
		o(t)
	}
	return t
}

var _ fyne.Theme = (*Theme)(nil)

// Font returns Sullam Sans for every text style: the bold weight for bold and
// bold italic, the regular weight otherwise (the font has no italic and no
// monospace, and an Arabic-less fallback would show boxes). Fyne's symbol font
// stays, for the glyphs of keyboard shortcuts.
func (t *Theme) Font(style fyne.TextStyle) fyne.Resource {
	switch {
	case style.Symbol:
		return theme.DefaultTheme().Font(style)
	case style.Bold:
		return t.bold
	default:
		return t.regular
	}
}

// Color returns the palette colour for name; names the palette does not set
// come from Fyne's default theme, in the same variant.
func (t *Theme) Color(name fyne.ThemeColorName, variant fyne.ThemeVariant) color.Color {
	if !t.followSystem {
		variant = t.variant
	}
	p := lightPalette
	if variant == theme.VariantDark {
		p = darkPalette
	}
	if c, ok := p[name]; ok {
		return c
	}
	return theme.DefaultTheme().Color(name, variant)
}

// Icon returns Fyne's default icon for name.
func (t *Theme) Icon(name fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(name)
}

// Size returns Fyne's default size for name.
func (t *Theme) Size(name fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(name)
}

// rgb builds an opaque colour from 0xRRGGBB.
func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: 0xff}
}

// rgba builds a colour from 0xRRGGBB and an alpha.
func rgba(hex uint32, alpha uint8) color.NRGBA {
	c := rgb(hex)
	c.A = alpha
	return c
}

// Teal primary; slate greys with a hint of the primary's hue.
const (
	tealLight = 0x0F766E // primary on light backgrounds (contrast 5.5:1 on white)
	tealDark  = 0x2DB3A6 // primary on dark backgrounds
)

var lightPalette = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:          rgb(0xF5F7F8),
	theme.ColorNameButton:              rgb(0xE4EAEC),
	theme.ColorNameDisabledButton:      rgb(0xE9EDEF),
	theme.ColorNameDisabled:            rgb(0x9AA6AB),
	theme.ColorNameError:               rgb(0xB42318),
	theme.ColorNameFocus:               rgba(tealLight, 0x66),
	theme.ColorNameForeground:          rgb(0x1E2A30),
	theme.ColorNameForegroundOnPrimary: rgb(0xFFFFFF),
	theme.ColorNameForegroundOnError:   rgb(0xFFFFFF),
	theme.ColorNameForegroundOnSuccess: rgb(0xFFFFFF),
	theme.ColorNameForegroundOnWarning: rgb(0xFFFFFF),
	theme.ColorNameHeaderBackground:    rgb(0xE8EEF0),
	theme.ColorNameHover:               rgba(tealLight, 0x14),
	theme.ColorNameHyperlink:           rgb(0x0E6F8A),
	theme.ColorNameInputBackground:     rgb(0xFFFFFF),
	theme.ColorNameInputBorder:         rgb(0xC5D0D4),
	theme.ColorNameMenuBackground:      rgb(0xFFFFFF),
	theme.ColorNameOverlayBackground:   rgb(0xFFFFFF),
	theme.ColorNamePlaceHolder:         rgb(0x6B7A80),
	theme.ColorNamePressed:             rgba(tealLight, 0x26),
	theme.ColorNamePrimary:             rgb(tealLight),
	theme.ColorNameSelection:           rgba(tealLight, 0x33),
	theme.ColorNameSeparator:           rgb(0xDCE3E6),
	theme.ColorNameSuccess:             rgb(0x15803D),
	theme.ColorNameWarning:             rgb(0xB45309),
}

var darkPalette = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:          rgb(0x151B1E),
	theme.ColorNameButton:              rgb(0x263136),
	theme.ColorNameDisabledButton:      rgb(0x1F282C),
	theme.ColorNameDisabled:            rgb(0x66747A),
	theme.ColorNameError:               rgb(0xF97066),
	theme.ColorNameFocus:               rgba(tealDark, 0x80),
	theme.ColorNameForeground:          rgb(0xE4EAEC),
	theme.ColorNameForegroundOnPrimary: rgb(0x0B1F1D),
	theme.ColorNameForegroundOnError:   rgb(0x1A0B0A),
	theme.ColorNameForegroundOnSuccess: rgb(0x0A1A0F),
	theme.ColorNameForegroundOnWarning: rgb(0x1F1405),
	theme.ColorNameHeaderBackground:    rgb(0x1C2427),
	theme.ColorNameHover:               rgba(tealDark, 0x1F),
	theme.ColorNameHyperlink:           rgb(0x67C6D6),
	theme.ColorNameInputBackground:     rgb(0x1C2427),
	theme.ColorNameInputBorder:         rgb(0x3A474C),
	theme.ColorNameMenuBackground:      rgb(0x1C2427),
	theme.ColorNameOverlayBackground:   rgb(0x1C2427),
	theme.ColorNamePlaceHolder:         rgb(0x8C9A9F),
	theme.ColorNamePressed:             rgba(tealDark, 0x33),
	theme.ColorNamePrimary:             rgb(tealDark),
	theme.ColorNameSelection:           rgba(tealDark, 0x40),
	theme.ColorNameSeparator:           rgb(0x2C363A),
	theme.ColorNameSuccess:             rgb(0x4ADE80),
	theme.ColorNameWarning:             rgb(0xFBBF24),
}
