package i18n

import (
	"maps"
	"regexp"
	"slices"
	"testing"

	"fyne.io/fyne/v2/lang"

	"sullam/report"
)

// fieldRE finds the template fields of a translation ({{.Name}}).
var fieldRE = regexp.MustCompile(`{{\s*\.(\w+)`)

// fieldsOf returns data filling every field of text with a value naming it.
func fieldsOf(text string, n int) map[string]any {
	data := map[string]any{}
	for _, m := range fieldRE.FindAllStringSubmatch(text, -1) {
		data[m[1]] = "<" + m[1] + ">"
	}
	data["Count"] = n
	return data
}

// Rule (issue 15, one translator): the window and the PDFs say the same
// thing. For every key of both files, the window's path (T, as screens
// call it, and Fyne's lang.L, which Fyne's own widgets read) and the PDF's
// path (report.Translator.T) give the same text in both languages; for
// every plural key, the window's Plural and the PDF's TN give the same form
// at n = 0, 1, 2, 3, 11 and 100.
func TestWindowAndPDFSayTheSame(t *testing.T) {
	for _, code := range []string{"ar", "en"} {
		t.Run(code, func(t *testing.T) {
			Use(code)
			pdf, err := report.NewTranslator(code)
			if err != nil {
				t.Fatal(err)
			}
			texts := readFile(t, code)
			plurals := readPlurals(t, code)
			if len(texts) < 500 {
				t.Fatalf("%s.json: only %d keys read", code, len(texts))
			}
			for _, key := range slices.Sorted(maps.Keys(texts)) {
				data := fieldsOf(texts[key], 7)
				win, paper := T(key, data), pdf.T(key, data)
				if win != paper {
					t.Errorf("%s: T(%q) = %q in the window, %q in a PDF", code, key, win, paper)
				}
				if win == key && texts[key] != key {
					t.Errorf("%s: T(%q) answers the key", code, key)
				}
				if _, plural := plurals[key]; !plural {
					if fyne := lang.L(key, data); fyne != win {
						t.Errorf("%s: lang.L(%q) = %q, T = %q", code, key, fyne, win)
					}
				}
			}
			for _, key := range slices.Sorted(maps.Keys(plurals)) {
				for _, n := range []int{0, 1, 2, 3, 11, 100} {
					data := fieldsOf(texts[key], n)
					if win, paper := Plural(key, n, data), pdf.TN(key, n, data); win != paper {
						t.Errorf("%s: %q at %d = %q in the window, %q in a PDF", code, key, n, win, paper)
					}
				}
			}
		})
	}
}

// Rule (issue 15): switching the window's language switches both its own
// texts (T, Plural, Tr) and Fyne's widget strings (lang.L, e.g. the dialog
// button "Cancel"), whatever the system's language.
func TestSwitchChangesWindowAndFyne(t *testing.T) {
	for _, sys := range []string{"en_US.UTF-8", "ar_SA.UTF-8"} {
		t.Run(sys, func(t *testing.T) {
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", sys)
			for _, c := range []struct{ code, cancel, audits string }{
				{"ar", "إلغاء", "تقييمان"}, {"en", "Cancel", "2 audits"}, {"ar", "إلغاء", "تقييمان"},
			} {
				Use(c.code)
				if got := T(ProbeKey); got != c.code {
					t.Errorf("after Use(%s): T(%s) = %q", c.code, ProbeKey, got)
				}
				if got := Tr().Lang(); got != c.code {
					t.Errorf("after Use(%s): Tr().Lang() = %q", c.code, got)
				}
				if got := lang.L("Cancel"); got != c.cancel {
					t.Errorf("after Use(%s): Fyne's lang.L(Cancel) = %q, want %q", c.code, got, c.cancel)
				}
				if got := T("Cancel"); got != c.cancel {
					t.Errorf("after Use(%s): T(Cancel) = %q, want %q", c.code, got, c.cancel)
				}
				if got := Plural("forms.audits", 2, nil); got != c.audits {
					t.Errorf("after Use(%s): Plural(forms.audits, 2) = %q, want %q", c.code, got, c.audits)
				}
			}
		})
	}
}

// BenchmarkT measures a translated text with a field through the one
// translator (T) against Fyne's lang.L, which screens called before.
func BenchmarkT(b *testing.B) {
	Use("ar")
	data := map[string]any{"Name": "Ali"}
	b.Run("T", func(b *testing.B) {
		for b.Loop() {
			T("home.hello", data)
		}
	})
	b.Run("lang.L", func(b *testing.B) {
		for b.Loop() {
			lang.L("home.hello", data)
		}
	})
	b.Run("T-plain", func(b *testing.B) {
		for b.Loop() {
			T("action.cancel")
		}
	})
	b.Run("lang.L-plain", func(b *testing.B) {
		for b.Loop() {
			lang.L("action.cancel")
		}
	})
}
