// Package i18n is Sullam's one translator: it owns the translation bundle
// (assets/translations/en.json and ar.json, read by go-i18n with the CLDR
// plural rules of each language: Arabic's six forms, English's two) and
// gives a [Translator] for one language with the user's display options
// (Hijri dates beside Gregorian ones, Latin or Arabic-Indic digits).
//
// The window (through ui/i18n, its Fyne binding) and the reports (PDFs,
// spreadsheets, the command line) use the same Translator, so a key reads
// the same on a screen and on paper. The package never imports Fyne.
package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"text/template"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"sullam/assets"
	"sullam/bidi"
	"sullam/hijri"
	"sullam/models"
)

// Codes lists the languages Sullam is translated into, Arabic first; each
// is the name of its translation file.
var Codes = []string{"ar", "en"}

// dir is where the translation files sit in assets.Translations.
const dir = "translations"

// Bundle holds the translation files of every language, parsed once: the
// plain strings by key and a go-i18n localizer per language (under the
// language's own tag, so the plural form follows that language's CLDR
// rules).
type Bundle struct {
	files      map[string][]byte            // code → the JSON file as read
	strs       map[string]map[string]string // code → key → plain string
	localizers map[string]*goi18n.Localizer // code → localizer (plural keys, fallbacks)
	// templates caches the parsed texts with fields, per language:
	// code → *sync.Map of key → *template.Template.
	templates map[string]*sync.Map
}

// Load reads and parses the translation files embedded in assets.
func Load() (*Bundle, error) {
	b := &Bundle{
		files:      map[string][]byte{},
		strs:       map[string]map[string]string{},
		localizers: map[string]*goi18n.Localizer{},
		templates:  map[string]*sync.Map{},
	}
	gb := goi18n.NewBundle(language.English)
	gb.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, code := range Codes {
		data, err := assets.Translations.ReadFile(dir + "/" + code + ".json")
		if err != nil {
			return nil, fmt.Errorf("read %s translations: %w", code, err)
		}
		raw := map[string]json.RawMessage{}
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("decode %s.json: %w", code, err)
		}
		m := make(map[string]string, len(raw))
		for k, v := range raw {
			var s string
			if json.Unmarshal(v, &s) == nil {
				m[k] = s
			} // else an object of plural forms, read by go-i18n below
		}
		if _, err := gb.ParseMessageFileBytes(data, code+".json"); err != nil {
			return nil, fmt.Errorf("decode %s.json plural forms: %w", code, err)
		}
		b.files[code], b.strs[code] = data, m
	}
	for _, code := range Codes {
		b.localizers[code] = goi18n.NewLocalizer(gb, code)
		b.templates[code] = &sync.Map{}
	}
	return b, nil
}

// Supported reports whether code is one of [Codes].
func Supported(code string) bool {
	for _, c := range Codes {
		if c == code {
			return true
		}
	}
	return false
}

// File returns the translation file of the language code as read (for a
// binding that must hand the same strings to another library, such as
// Fyne's lang package); nil for an unknown code.
func (b *Bundle) File(code string) []byte { return b.files[code] }

// Translator returns the translator of the language code ("ar" or "en"),
// with Gregorian dates and Latin digits.
func (b *Bundle) Translator(code string) (Translator, error) {
	if !Supported(code) {
		return Translator{}, fmt.Errorf("language %q: want ar or en", code)
	}
	return Translator{lang: code, m: b.strs[code], loc: b.localizers[code], tpls: b.templates[code]}, nil
}

// New loads the bundle and returns the translator of the language code
// ("ar" or "en"). Callers that make many translators load the bundle once
// with [Load].
func New(code string) (Translator, error) {
	if !Supported(code) {
		return Translator{}, fmt.Errorf("language %q: want ar or en", code)
	}
	b, err := Load()
	if err != nil {
		return Translator{}, err
	}
	return b.Translator(code)
}

// Translator gives the user-interface strings of one language and formats
// numbers and dates with the user's display options. The zero value answers
// every key with the key itself. It is a small value, safe to copy and to
// use from several goroutines.
type Translator struct {
	lang string
	m    map[string]string
	loc  *goi18n.Localizer
	// tpls caches parsed texts with fields (key → *template.Template),
	// shared by the translators of one language of a Bundle.
	tpls *sync.Map
	// hijri shows the Umm al-Qura date beside each date; arabicDigits shows
	// numbers with Arabic-Indic digits (in Arabic only, see Digits).
	hijri, arabicDigits bool
}

// Lang returns the translator's language code.
func (t Translator) Lang() string { return t.lang }

// RTL reports whether the language is written right to left.
func (t Translator) RTL() bool { return t.lang == "ar" }

// WithHijri returns the translator showing dates with their Umm al-Qura
// Hijri date beside them (on) or Gregorian only (off, the default).
func (t Translator) WithHijri(on bool) Translator {
	t.hijri = on
	return t
}

// Hijri reports whether dates are shown with their Hijri date beside them.
func (t Translator) Hijri() bool { return t.hijri }

// WithArabicDigits returns the translator showing numbers with Arabic-Indic
// digits (١٢٣, on) or Latin ones (123, off, the default). The choice only
// applies to Arabic: English text keeps Latin digits.
func (t Translator) WithArabicDigits(on bool) Translator {
	t.arabicDigits = on
	return t
}

// ArabicDigits reports whether the translator converts digits to
// Arabic-Indic ones: the user chose them and the language is Arabic.
func (t Translator) ArabicDigits() bool { return t.arabicDigits && t.lang == "ar" }

// Has reports whether key has a text in the translator's language (a plain
// string or plural forms).
func (t Translator) Has(key string) bool {
	if _, ok := t.m[key]; ok {
		return true
	}
	if t.loc == nil {
		return false
	}
	_, tag, err := t.loc.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: key})
	return err == nil && tag.String() == t.lang
}

// T returns the text of key with its {{.Name}} fields filled from data[0]
// (a map or a struct, as for Fyne's lang.L); the key itself when it is
// missing. A key with plural forms answers its "other" form: use TN for a
// count.
func (t Translator) T(key string, data ...any) string {
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	s, ok := t.m[key]
	if !ok {
		return t.localize(key, nil, d)
	}
	return t.fill(key, s, d)
}

// fill is Fill with the template parsed once per key.
func (t Translator) fill(key, s string, d any) string {
	if d == nil || !strings.Contains(s, "{{") {
		return s
	}
	if t.tpls == nil {
		return Fill(key, s, d)
	}
	var tpl *template.Template
	if v, ok := t.tpls.Load(key); ok {
		tpl = v.(*template.Template)
	} else {
		var err error
		if tpl, err = template.New(key).Option("missingkey=zero").Parse(s); err != nil {
			return s
		}
		t.tpls.Store(key, tpl)
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, d); err != nil {
		return s
	}
	return b.String()
}

// Fill executes the template s (a text of key, whose name appears in
// errors) with d's fields, as T does; s itself when it has no field or the
// template fails.
func Fill(key, s string, d any) string {
	if d == nil || !strings.Contains(s, "{{") {
		return s
	}
	tpl, err := template.New(key).Option("missingkey=zero").Parse(s)
	if err != nil {
		return s
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, d); err != nil {
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
	if s, ok := t.m[key]; ok {
		return t.fill(key, s, data)
	}
	return t.localize(key, n, data)
}

// localize asks go-i18n for key's plural form for count (the "other" form
// when count is nil); the key itself when there is none.
func (t Translator) localize(key string, count any, data any) string {
	if t.loc == nil {
		return key
	}
	s, err := t.loc.Localize(&goi18n.LocalizeConfig{MessageID: key, PluralCount: count, TemplateData: data})
	if err != nil {
		return key
	}
	return s
}

// Date formats a date for reading (logical order, Latin digits: pass the
// sentence it goes into through Display, or the result through Digits):
// YYYY-MM-DD, followed by its Hijri date when the translator shows them;
// "" for no date.
func (t Translator) Date(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	if t.hijri {
		return hijri.Beside(d, t.lang)
	}
	return d.String()
}

// Number formats a whole number for reading, in the translator's digits.
func (t Translator) Number(n int) string { return t.Digits(strconv.Itoa(n)) }

// Display returns s, a sentence of the translator's language, ordered for
// a renderer that draws runes left to right as given (Fyne's labels): right
// to left in Arabic, with dates kept as written, left to right in English;
// then in the translator's digits (see Digits).
func (t Translator) Display(s string) string {
	if t.RTL() {
		return t.Digits(bidi.VisualDir(bidi.KeepDatesLTR(s), bidi.RightToLeft))
	}
	return t.Digits(bidi.VisualDir(s, bidi.LeftToRight))
}

// Cell returns s, data whose direction follows its own first letter (a name,
// a note, a table cell), in visual order and the translator's digits.
func (t Translator) Cell(s string) string { return t.Digits(bidi.Visual(s)) }

// Digits returns s with its Latin digits as Arabic-Indic ones (0→٠ … 9→٩)
// when the translator shows them (see ArabicDigits); s unchanged otherwise.
//
// The rule: every number in displayed text is converted (scores, counts,
// dates, Hijri dates, times, amounts), except inside a word that holds a
// Latin letter or an @ (codes such as "A-10007", e-mail addresses, file
// names, URLs), which is written as typed. Separators (. , : / - %) are
// kept. Convert text only after it is ordered for display (Display and Cell
// do): the bidi rules read Arabic-Indic digits differently from Latin ones.
func (t Translator) Digits(s string) string {
	if !t.ArabicDigits() || !hasLatinDigit(s) {
		return s
	}
	return ToArabicIndic(s)
}

// ToArabicIndic converts the Latin digits of s to Arabic-Indic ones, word
// by word (words split at white space), leaving the words that hold a Latin
// letter or an @ as they are. See [Translator.Digits].
func ToArabicIndic(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	start := -1 // start of the current word
	flush := func(end int) {
		if start < 0 {
			return
		}
		word := s[start:end]
		if keepLatin(word) {
			b.WriteString(word)
		} else {
			for _, r := range word {
				if r >= '0' && r <= '9' {
					r = '٠' + (r - '0')
				}
				b.WriteRune(r)
			}
		}
		start = -1
	}
	for i, r := range s {
		if isSpace(r) {
			flush(i)
			b.WriteRune(r)
			continue
		}
		if start < 0 {
			start = i
		}
	}
	flush(len(s))
	return b.String()
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00a0', '\u2009', '\u202f':
		return true
	}
	return false
}

// keepLatin reports whether a word keeps its Latin digits: it holds a Latin
// letter or an @ (a code, an e-mail, a file name).
func keepLatin(word string) bool {
	for _, r := range word {
		if r == '@' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return true
		}
	}
	return false
}

func hasLatinDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}
