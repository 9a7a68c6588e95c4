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

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"sullam/assets"
	"sullam/hijri"
	"sullam/models"
)

// Translator looks up the user-interface strings of one language.
type Translator struct {
	lang string
	m    map[string]string
	// plural picks the CLDR plural form of the keys whose value is an
	// object of forms ({"one", "other"}, in Arabic also "zero", "two", "few"
	// and "many"), go-i18n's format, which the window's lang package reads.
	plural *goi18n.Localizer
	hijri  bool
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
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &raw); err != nil {
		return Translator{}, fmt.Errorf("decode %s translations: %w", lang, err)
	}
	m := make(map[string]string, len(raw))
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			m[k] = s
		} // else plural forms, read by go-i18n below
	}
	bundle := goi18n.NewBundle(language.Make(lang))
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	if _, err := bundle.ParseMessageFileBytes(b, lang+".json"); err != nil {
		return Translator{}, fmt.Errorf("decode %s translations' plural forms: %w", lang, err)
	}
	return Translator{lang: lang, m: m, plural: goi18n.NewLocalizer(bundle, lang)}, nil
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
// itself when it is missing. A key with plural forms answers its "other"
// form: use TN for a count.
func (t Translator) T(key string, args ...map[string]any) string {
	s, ok := t.m[key]
	if !ok {
		var data map[string]any
		if len(args) > 0 {
			data = args[0]
		}
		return t.localize(key, nil, data)
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

// TN returns the text of a key with plural forms in the form the language's
// CLDR rules give for the count n («تقييم واحد», «تقييمان», «3 تقييمات»,
// «11 تقييمًا», «100 تقييم»), with args filled in; args["Count"] is n unless
// args sets it. A key with a single text answers as T.
func (t Translator) TN(key string, n int, args map[string]any) string {
	data := make(map[string]any, len(args)+1)
	data["Count"] = n
	for k, v := range args {
		data[k] = v
	}
	if _, ok := t.m[key]; ok {
		return t.T(key, data)
	}
	return t.localize(key, n, data)
}

// localize asks go-i18n for key's plural form for count (the "other" form
// when count is nil); the key itself when there is none.
func (t Translator) localize(key string, count any, data map[string]any) string {
	if t.plural == nil {
		return key
	}
	s, err := t.plural.Localize(&goi18n.LocalizeConfig{MessageID: key, PluralCount: count, TemplateData: data})
	if err != nil {
		return key
	}
	return s
}
