// Package i18n is the Fyne binding of Sullam's one translator (package
// sullam/i18n): it keeps the window's current [Translator] (the language the
// user chose, not the system's, with the display options: digits) and feeds
// Fyne's lang package from the same bundle, so that Fyne's own widget strings
// (dialog buttons "Cancel", "OK", ...) follow the language too. Screens ask
// their texts with [T], counted nouns with [Plural], and order sentences with
// [Display] and data with [Cell].
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
// locale, not of the chosen language, so Sullam's own texts never go through
// lang (lang.N/lang.XN would pick the wrong Arabic form): [T] and [Plural]
// answer from the current Translator, which keeps each language's CLDR
// rules. lang is not safe for concurrent use, so call [Use] on the UI
// goroutine, then rebuild the window content (texts are read when widgets
// are created).
package i18n

import (
	"log/slog"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"

	core "sullam/i18n"
	"sullam/models"
)

// Translator is the one translator (package sullam/i18n).
type Translator = core.Translator

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

// fyneLocales are the tags Fyne 2.7.1 ships translations for
// (fyne.io/fyne/v2/lang/translations), the fallback targets of [Use].
var fyneLocales = []fyne.Locale{
	"cs", "de", "el", "en", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans",
}

// The window's language switch: the one piece of global state the house
// allows (ARCHITECTURE.md), as Fyne's lang is global itself.
var (
	mu       sync.Mutex
	loadOnce sync.Once
	// bundle is the one translator's bundle; translators holds each
	// language's Translator made from it.
	bundle      *core.Bundle
	translators map[string]Translator
	current     string
	// arabicDigits is the user's digits choice (Settings → General).
	arabicDigits bool
)

// load parses the bundle, registers both files with Fyne under their own
// tags (so Fyne's dialogs speak the system's language even before Use) and
// keeps a Translator per language.
func load() {
	translators = make(map[string]Translator, len(Languages))
	b, err := core.Load()
	if err != nil {
		slog.Error("load translations", "err", err)
	} else {
		for _, l := range Languages {
			if tr, err := b.Translator(l.Code); err == nil {
				translators[l.Code] = tr
			}
			if err := lang.AddTranslationsForLocale(b.File(l.Code), fyne.Locale(l.Code)); err != nil {
				slog.Error("register translations", "lang", l.Code, "err", err)
			}
		}
	}
	bundle = b
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

// Use makes the window speak the language code ("ar" or "en"): [T],
// [Plural], [Display] and Fyne's own widget strings (through lang); an
// unknown or empty code selects [Default]. Call it on the UI goroutine,
// before building the screens or followed by rebuilding them.
func Use(code string) {
	mu.Lock()
	defer mu.Unlock()
	loadOnce.Do(load)
	if !Supported(code) {
		code = Default
	}
	current = code // Sullam's texts follow the choice, whatever lang does
	if bundle == nil {
		return // logged by load
	}
	data := bundle.File(code)
	for _, loc := range userLocales() {
		if err := lang.AddTranslationsForLocale(data, loc); err != nil {
			slog.Debug("register translations", "locale", loc, "err", err)
			continue
		}
		if serving() == code {
			return
		}
	}
	for _, loc := range fyneLocales {
		if err := lang.AddTranslationsForLocale(data, loc); err != nil {
			slog.Warn("register translations", "locale", loc, "err", err)
		}
	}
	if got := serving(); got != code {
		slog.Error("switch language: Fyne's own strings stay in another language",
			"want", code, "got", got, "system", lang.SystemLocale())
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

// Current returns the code of the window's language.
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

// Tr returns the window's current Translator: the chosen language with the
// user's digits choice. Reports made from the window start from it.
func Tr() Translator {
	mu.Lock()
	defer mu.Unlock()
	loadOnce.Do(load)
	return translators[current].WithArabicDigits(arabicDigits)
}

// In returns the Translator of the language code ("ar" or "en") with the
// user's digits choice, whatever the window shows; the zero Translator
// (which answers keys) for an unknown code.
func In(code string) Translator {
	mu.Lock()
	defer mu.Unlock()
	loadOnce.Do(load)
	return translators[code].WithArabicDigits(arabicDigits)
}

// SetArabicDigits records the user's digits choice: numbers and dates shown
// with Arabic-Indic digits (١٢٣) in Arabic (on) or Latin ones (off). Screens
// built afterwards follow it.
func SetArabicDigits(on bool) {
	mu.Lock()
	defer mu.Unlock()
	arabicDigits = on
}

// T returns the text of key in the window's language with {{.Name}} fields
// filled from data[0], as lang.L did; the key itself when it is missing.
func T(key string, data ...any) string { return Tr().T(key, data...) }

// X is [T] with a fallback text (filled the same way) for a key that is
// missing in the window's language, as lang.X did.
func X(key, fallback string, data ...any) string {
	tr := Tr()
	if tr.Has(key) {
		return tr.T(key, data...)
	}
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	return core.Fill(key, fallback, d)
}

// Display returns s ordered for a Fyne label as a sentence of the current
// language (right to left in Arabic, left to right in English) and in the
// user's digits: see Translator.Display. Use it for translated messages that
// embed names or numbers; use [Cell] for data cells, whose direction follows
// their own first letter. Each mixed line is marked with [OrderedMark].
func Display(s string) string { return MarkOrdered(Tr().Display(s)) }

// Cell returns data (a name, a number, a table cell) in visual order and the
// user's digits (see Translator.Cell), each mixed line marked with
// [OrderedMark].
func Cell(s string) string { return MarkOrdered(Tr().Cell(s)) }

// Digits returns already ordered text in the user's digits: see
// Translator.Digits.
func Digits(s string) string { return Tr().Digits(s) }

// Date formats a date for reading in the window's language, with its Hijri
// date beside it when hijri: see Translator.Date (logical order, Latin
// digits; the label's Display or Cell converts them).
func Date(d models.Date, hijri bool) string { return Tr().WithHijri(hijri).Date(d) }
