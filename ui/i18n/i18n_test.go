package i18n

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"sullam/assets"
)

// dir is where the translation files sit in assets.Translations.
const dir = "translations"

// readFile parses one translation file of assets.Translations into key →
// text; the text of a plural key (see readPlurals) is its forms, sorted by
// form name and joined by newlines, so that checks of emptiness and template
// fields see every form.
func readFile(t *testing.T, code string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for k, v := range readRaw(t, code) {
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			m[k] = s
			continue
		}
		forms := map[string]string{}
		if err := json.Unmarshal(v, &forms); err != nil {
			t.Fatalf("%s.json: %q is neither a string nor an object of plural forms: %v", code, k, err)
		}
		var texts []string
		for _, f := range slices.Sorted(maps.Keys(forms)) {
			texts = append(texts, forms[f])
		}
		m[k] = strings.Join(texts, "\n")
	}
	return m
}

// readRaw parses one translation file into key → undecoded value.
func readRaw(t *testing.T, code string) map[string]json.RawMessage {
	t.Helper()
	data, err := assets.Translations.ReadFile(dir + "/" + code + ".json")
	if err != nil {
		t.Fatalf("read %s.json: %v", code, err)
	}
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.json is not a flat JSON object: %v", code, err)
	}
	return m
}

// readPlurals returns the plural keys of one file: key → form → text.
func readPlurals(t *testing.T, code string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for k, v := range readRaw(t, code) {
		forms := map[string]string{}
		if json.Unmarshal(v, &forms) == nil {
			out[k] = forms
		}
	}
	return out
}

func TestTranslationKeyParity(t *testing.T) {
	files, err := fs.Glob(assets.Translations, dir+"/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files: %v", err)
	}
	var codes []string
	for _, f := range files {
		codes = append(codes, strings.TrimSuffix(path.Base(f), ".json"))
	}
	for _, l := range Languages {
		if !slices.Contains(codes, l.Code) {
			t.Errorf("language %s has no %s.json", l.Code, l.Code)
		}
	}

	en := readFile(t, "en")
	for _, code := range codes {
		m := readFile(t, code)
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s.json: %q is empty", code, k)
			}
			if _, ok := en[k]; !ok {
				t.Errorf("%s.json: %q is not in en.json", code, k)
			}
		}
		for k := range en {
			if _, ok := m[k]; !ok {
				t.Errorf("%s.json: %q is missing", code, k)
			}
		}
		if m[ProbeKey] != code {
			t.Errorf("%s.json: %s = %q, want %q", code, ProbeKey, m[ProbeKey], code)
		}
	}
}

var templateField = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// TestTemplateFieldsMatch checks that both languages use the same template
// fields ({{.Name}}) in each message, so lang.L's data fills them all; for a
// plural key, the fields used by any of its forms (Arabic «موظفان» needs no
// number).
func TestTemplateFieldsMatch(t *testing.T) {
	en, ar := readFile(t, "en"), readFile(t, "ar")
	fields := func(s string) []string {
		var out []string
		for _, m := range templateField.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	for k, v := range en {
		if !slices.Equal(fields(v), fields(ar[k])) {
			t.Errorf("%q: en uses %v, ar uses %v", k, fields(v), fields(ar[k]))
		}
	}
}

// TestFyneKeysTranslated checks that every key of Fyne's own English
// translation (dialogs, menus, file picker, calendar) is in our files, since
// Fyne ships no Arabic.
func TestFyneKeysTranslated(t *testing.T) {
	ours := readFile(t, "ar")
	base := fyneBaseKeys(t)
	for _, k := range base {
		if _, ok := ours[k]; !ok {
			t.Errorf("Fyne key %q has no Arabic translation", k)
		}
	}
	for _, k := range []string{"Cancel", "OK", "Yes", "No", "Save", "Confirm", "Error", "Information",
		"Open", "Quit", "Copy", "Cut", "Paste", "Select all", "Undo", "Redo", "Close", "Create"} {
		if _, ok := ours[k]; !ok {
			t.Errorf("%q has no Arabic translation", k)
		}
	}
}

// fyneBaseKeys reads the keys of Fyne's base.en.json from the module cache,
// or falls back to the list of Fyne 2.7.1 when the source is not at hand.
func fyneBaseKeys(t *testing.T) []string {
	t.Helper()
	known := []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename",
		"Error", "Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo",
		"Save", "Select all", "Show Hidden Files", "Undo", "Yes", "file.name", "file.parent",
		"friday", "friday.short", "monday", "monday.short", "saturday", "saturday.short", "sunday",
		"sunday.short", "thursday", "thursday.short", "tuesday", "tuesday.short", "wednesday", "wednesday.short"}
	modcache := os.Getenv("GOMODCACHE")
	if modcache == "" {
		if home, err := os.UserHomeDir(); err == nil {
			modcache = path.Join(home, "go", "pkg", "mod")
		}
	}
	data, err := os.ReadFile(path.Join(modcache, "fyne.io/fyne/v2@v2.7.1/lang/translations/base.en.json"))
	if err != nil {
		return known
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("parse Fyne's base.en.json: %v", err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// TestUseSwitchesLanguage proves lang.L follows Use, back and forth, in one
// process, whatever the system locale is.
func TestUseSwitchesLanguage(t *testing.T) {
	for _, env := range []struct{ name, lang, language string }{
		{"en_US", "en_US.UTF-8", ""},
		{"C", "C.UTF-8", ""},
		{"ar_SA", "ar_SA.UTF-8", ""},
		{"fr_FR (Fyne has French)", "fr_FR.UTF-8", ""},
		{"ja_JP (no translation)", "ja_JP.UTF-8", ""},
		{"LANGUAGE list", "de_DE.UTF-8", "de:en"},
		{"script subtag", "zh_CN.UTF-8", "zh_Hans_CN"},
	} {
		t.Run(env.name, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", env.lang)
			t.Setenv("LANGUAGE", env.language)
			for _, step := range []struct {
				code, name, cancel, yes, hello, current string
				rtl                                     bool
			}{
				{"ar", "سُلَّم", "إلغاء", "نعم", "مرحبًا، Ali", "ar", true},
				{"en", "Sullam", "Cancel", "Yes", "Hello, Ali", "en", false},
				{"ar", "سُلَّم", "إلغاء", "نعم", "مرحبًا، Ali", "ar", true},
				{"xx", "سُلَّم", "إلغاء", "نعم", "مرحبًا، Ali", "ar", true}, // unknown → Default
				{"en", "Sullam", "Cancel", "Yes", "Hello, Ali", "en", false},
			} {
				Use(step.code)
				if got := lang.L("app.name"); got != step.name {
					t.Errorf("Use(%q): app.name = %q, want %q", step.code, got, step.name)
				}
				if got := lang.L("Cancel"); got != step.cancel {
					t.Errorf("Use(%q): Cancel = %q, want %q", step.code, got, step.cancel)
				}
				if got := lang.L("Yes"); got != step.yes {
					t.Errorf("Use(%q): Yes = %q, want %q", step.code, got, step.yes)
				}
				if got := lang.L("home.hello", map[string]any{"Name": "Ali"}); got != step.hello {
					t.Errorf("Use(%q): home.hello = %q, want %q", step.code, got, step.hello)
				}
				if got := Current(); got != step.current {
					t.Errorf("Use(%q): Current() = %q, want %q", step.code, got, step.current)
				}
				if got := IsRTL(); got != step.rtl {
					t.Errorf("Use(%q): IsRTL() = %v", step.code, got)
				}
			}
		})
	}
}

func TestLanguages(t *testing.T) {
	if Languages[0].Code != Default {
		t.Errorf("the first language is %q, want the default %q", Languages[0].Code, Default)
	}
	for _, l := range Languages {
		if !Supported(l.Code) || l.Name == "" {
			t.Errorf("bad language %+v", l)
		}
	}
	if Supported("fr") || Supported("") {
		t.Error("Supported accepts an unknown code")
	}
}

func TestDisplay(t *testing.T) {
	Use("ar")
	// "رقم 123" as an Arabic sentence: the number is drawn on the left;
	// the line is mixed, so it is marked as ordered.
	if got, want := Display("رقم 123"), OrderedMark+"123رقم "; got != want {
		t.Errorf("Display in Arabic = %q, want %q", got, want)
	}
	Use("en")
	if got := Display("Hello, Ali"); got != "Hello, Ali" {
		t.Errorf("Display in English changed plain text: %q", got)
	}
}
