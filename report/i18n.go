// Package report writes Sullam's reports: an agent's annual evaluation as a
// PDF, and the promotion board as a PDF or a spreadsheet, in Arabic (shaped,
// right to left) or English. It reads the same translations as the window
// but never touches Fyne, so the command line can use it.
package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"text/template"

	"sullam/assets"
	"sullam/hijri"
	"sullam/models"
)

// Translator looks up the user-interface strings of one language.
type Translator struct {
	lang  string
	m     map[string]string
	hijri bool
}

// NewTranslator loads the strings of lang ("ar" or "en").
func NewTranslator(lang string) (Translator, error) {
	if lang != "ar" && lang != "en" {
		return Translator{}, fmt.Errorf("language %q: want ar or en", lang)
	}
	b, err := assets.Translations.ReadFile("translations/" + lang + ".json")
	if err != nil {
		return Translator{}, fmt.Errorf("read %s translations: %w", lang, err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		return Translator{}, fmt.Errorf("decode %s translations: %w", lang, err)
	}
	return Translator{lang: lang, m: m}, nil
}

// Lang returns the translator's language code.
func (t Translator) Lang() string { return t.lang }

// WithHijri returns the translator showing dates with their Umm al-Qura
// Hijri date beside them (on) or Gregorian only (off, the default).
func (t Translator) WithHijri(on bool) Translator {
	t.hijri = on
	return t
}

// Date formats a date for a report: YYYY-MM-DD, followed by its Hijri date
// when the translator shows them (see WithHijri).
func (t Translator) Date(d models.Date) string {
	if t.hijri {
		return hijri.Beside(d, t.lang)
	}
	return d.String()
}

// RTL reports whether the language is written right to left.
func (t Translator) RTL() bool { return t.lang == "ar" }

// T returns the text of key with its {{.Name}} arguments filled in; the key
// itself when it is missing.
func (t Translator) T(key string, args ...map[string]any) string {
	s, ok := t.m[key]
	if !ok {
		return key
	}
	if len(args) == 0 || args[0] == nil {
		return s
	}
	tpl, err := template.New(key).Option("missingkey=zero").Parse(s)
	if err != nil {
		return s
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, args[0]); err != nil {
		return s
	}
	return b.String()
}
