// Package i18n loads Sullam's translations into Fyne's lang package and lets
// the app choose the language at start and switch it while running, so that
// lang.L (used by every screen, and by Fyne's own dialogs and menus) answers
// in the chosen language.
//
// Fyne 2.7 has no public way to choose the language (fyne-io/fyne#5333): its
// lang package builds its localizer for the translation that best matches the
// system locale, each time translations are added. [Use] therefore registers
// the chosen language's file under the system locale's own tag with
// lang.AddTranslationsForLocale (and, if that alone does not win, under the
// user's other preferred locales), which then is the exact match Fyne picks.
// Switching again overwrites every key, because en.json and ar.json hold the
// same keys, including all of Fyne's own ("Cancel", "OK", ...). A probe key
// (meta.language) confirms each switch; as a last resort the file is
// registered under every tag Fyne ships translations for.
//
// Consequences: go-i18n, inside lang, applies the plural rules of the system
// locale, not of the chosen language, so counted nouns are shown with
// [Plural], which keeps a go-i18n localizer per language under its own tag,
// never with lang.N/lang.XN; and lang is
// not safe for concurrent use, so call [Use] on the UI goroutine, then rebuild
// the window content (texts are read when widgets are created).
package i18n

import (
	"log/slog"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"sullam/assets"
	"sullam/bidi"
)

// Language is a user-interface language Sullam is translated into.
type Language struct {
	// Code is the ISO 639-1 code, also the name of the translation file.
	Code string
	// Name is the language's name in itself, as shown in a language picker.
	Name string
	// RTL reports whether the language is written right to left.
	RTL bool
}

// Languages lists the supported languages, Arabic first.
var Languages = []Language{
	{Code: "ar", Name: "العربية", RTL: true},
	{Code: "en", Name: "English"},
}

// Default is the language used when none (or an unknown one) is chosen.
const Default = "ar"

// ProbeKey is the translation key whose value is the code of its own file
// ("ar" in ar.json): it tells which language lang.L is serving.
const ProbeKey = "meta.language"

// dir is where the translation files sit in assets.Translations.
const dir = "translations"

// fyneLocales are the tags Fyne 2.7.1 ships translations for
// (fyne.io/fyne/v2/lang/translations), the fallback targets of [Use].
var fyneLocales = []fyne.Locale{
	"cs", "de", "el", "en", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans",
}

var (
	mu       sync.Mutex
	loadOnce sync.Once
	files    map[string][]byte // language code → JSON file
	current  string
	// localizers pick plural forms by each language's own CLDR rules
	// (see [Plural]); language code → localizer.
	localizers map[string]*goi18n.Localizer
)

// load registers both files under their own tags (so lang.L works even before
// Use, for a system in Arabic or English) and keeps them for later switches.
func load() {
	files = make(map[string][]byte, len(Languages))
	for _, l := range Languages {
		data, err := assets.Translations.ReadFile(dir + "/" + l.Code + ".json")
		if err != nil {
			slog.Error("read translations", "lang", l.Code, "err", err)
			continue
		}
		files[l.Code] = data
	}
	if err := lang.AddTranslationsFS(assets.Translations, dir); err != nil {
		slog.Error("load translations", "err", err)
	}
	var err error
	if localizers, err = newLocalizers(files); err != nil {
		slog.Error("load plural forms", "err", err)
	}
	// Before any Use, Fyne matches the system locale: Arabic systems get
	// ar.json, all others en.json or Fyne's English fallback.
	current = "en"
	if base, _, _ := strings.Cut(lang.SystemLocale().String(), "-"); base == "ar" {
		current = "ar"
	}
}

// serving returns the language lang.L answers in now ("en" when it answers
// with Fyne's English fallback).
func serving() string {
	if code := lang.L(ProbeKey); Supported(code) {
		return code
	}
	return "en"
}

// Use makes lang.L answer in the language code ("ar" or "en"); an unknown or
// empty code selects [Default]. Call it on the UI goroutine, before building
// the screens or followed by rebuilding them.
func Use(code string) {
	mu.Lock()
	defer mu.Unlock()
	loadOnce.Do(load)
	if !Supported(code) {
		code = Default
	}
	data := files[code]
	if data == nil {
		return // logged by load
	}
	for _, loc := range userLocales() {
		if err := lang.AddTranslationsForLocale(data, loc); err != nil {
			slog.Debug("register translations", "locale", loc, "err", err)
			continue
		}
		if serving() == code {
			current = code
			return
		}
	}
	for _, loc := range fyneLocales {
		if err := lang.AddTranslationsForLocale(data, loc); err != nil {
			slog.Warn("register translations", "locale", loc, "err", err)
		}
	}
	current = serving()
	if current != code {
		slog.Error("switch language: lang.L still answers in another language",
			"want", code, "got", current, "system", lang.SystemLocale())
	}
}

// userLocales returns the tags Fyne matches its translations against: the
// system locale, every preferred locale of the user (on Windows the UI
// languages may differ from the regional format), and their base languages.
func userLocales() []fyne.Locale {
	var out []fyne.Locale
	add := func(l string) {
		if len(l) >= 2 && !slices.Contains(out, fyne.Locale(l)) {
			out = append(out, fyne.Locale(l))
		}
	}
	sys := lang.SystemLocale().String()
	add(sys)
	prefs, err := locale.GetLocales()
	if err != nil {
		slog.Debug("user locales", "err", err)
	}
	for _, l := range prefs {
		add(l)
	}
	for _, l := range append([]string{sys}, prefs...) {
		base, _, _ := strings.Cut(l, "-")
		add(base)
	}
	return out
}

// Current returns the code of the language lang.L answers in.
func Current() string {
	mu.Lock()
	defer mu.Unlock()
	loadOnce.Do(load)
	return current
}

// IsRTL reports whether the current language is written right to left, for
// aligning text to the trailing edge and mirroring layouts.
func IsRTL() bool {
	code := Current()
	for _, l := range Languages {
		if l.Code == code {
			return l.RTL
		}
	}
	return false
}

// Supported reports whether code is one of [Languages].
func Supported(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// Display returns s ordered for a Fyne label as a sentence of the current
// language: right to left in Arabic, left to right in English (see
// [bidi.VisualDir]), each mixed line marked with [OrderedMark]. Use it for translated messages that embed names or
// numbers; use bidi.Visual for data cells, whose direction follows their own
// first letter.
func Display(s string) string {
	if IsRTL() {
		return MarkOrdered(bidi.VisualDir(bidi.KeepDatesLTR(s), bidi.RightToLeft))
	}
	return MarkOrdered(bidi.VisualDir(s, bidi.LeftToRight))
}
