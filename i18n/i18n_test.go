package i18n

import (
	"strings"
	"testing"

	"sullam/models"
)

// Rule (issue 16, digits): with Arabic-Indic digits chosen, an Arabic
// translator writes every number of displayed text in Arabic-Indic digits
// (scores, counts, dates, Hijri dates), except inside a word holding a Latin
// letter or an @ (codes, e-mails, file names), which stays as typed; English
// text, and Arabic text with the choice off, keep Latin digits.
func TestDigitsRule(t *testing.T) {
	ar, err := New("ar")
	if err != nil {
		t.Fatal(err)
	}
	en, err := New("en")
	if err != nil {
		t.Fatal(err)
	}
	on := ar.WithArabicDigits(true)
	for in, want := range map[string]string{
		"الدرجة 4.25 من 5":       "الدرجة ٤.٢٥ من ٥",
		"2026-12-02":             "٢٠٢٦-١٢-٠٢",
		"(3) 85% 10:30":          "(٣) ٨٥% ١٠:٣٠",
		"A-10007 ali1@x.sa 2025": "A-10007 ali1@x.sa ٢٠٢٥",
		"report-2025.pdf":        "report-2025.pdf",
		"١٢٣ already":            "١٢٣ already",
		"10007":                  "١٠٠٠٧",
		"":                       "",
	} {
		if got := on.Digits(in); got != want {
			t.Errorf("ar on: Digits(%q) = %q, want %q", in, got, want)
		}
		if got := ar.Digits(in); got != in {
			t.Errorf("ar off: Digits(%q) = %q, want it unchanged", in, got)
		}
		if got := en.WithArabicDigits(true).Digits(in); got != in {
			t.Errorf("en on: Digits(%q) = %q, want it unchanged", in, got)
		}
	}
	if got := on.Number(150); got != "١٥٠" {
		t.Errorf("Number(150) = %q", got)
	}
	// Display orders first, then converts: the date keeps its written order.
	if got := on.Display("تاريخ 2019-03-04"); got != on.Digits(ar.Display("تاريخ 2019-03-04")) {
		t.Errorf("Display with digits = %q, want the Latin display converted", got)
	}
	if got := on.Display("تاريخ 2019-03-04"); !strings.HasPrefix(strings.Trim(got, "\u200e\u200f"), "٢٠١٩-٠٣-٠٤") {
		t.Errorf("Display = %q: want the date first (at the left), as written", got)
	}
	if got, want := on.Date(models.NewDate(2025, 3, 1)), "2025-03-01"; got != want {
		t.Errorf("Date = %q, want %q (logical, converted when displayed)", got, want)
	}
}

// Rule (issue 15): the translator gives plain strings with their fields,
// plural keys in each language's CLDR form, and the key itself when missing;
// Has tells a translated key from a missing one.
func TestTranslator(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ar, _ := b.Translator("ar")
	en, _ := b.Translator("en")
	if _, err := b.Translator("fr"); err == nil {
		t.Error("Translator(fr) must fail")
	}
	if got := ar.T("home.hello", map[string]any{"Name": "Ali"}); got != "مرحبًا، Ali" {
		t.Errorf("T(home.hello) = %q", got)
	}
	for n, want := range map[int]string{0: "0 تقييم", 1: "تقييم واحد", 2: "تقييمان", 3: "3 تقييمات", 11: "11 تقييمًا", 100: "100 تقييم"} {
		if got := ar.TN("forms.audits", n, nil); got != want {
			t.Errorf("ar TN(forms.audits, %d) = %q, want %q", n, got, want)
		}
	}
	if got := en.TN("forms.audits", 1, nil); got != "1 audit" {
		t.Errorf("en TN(forms.audits, 1) = %q", got)
	}
	if got := ar.T("no.such.key"); got != "no.such.key" {
		t.Errorf("T(missing) = %q", got)
	}
	if !ar.Has("forms.audits") || !ar.Has("home.hello") || ar.Has("no.such.key") {
		t.Error("Has is wrong")
	}
	if (Translator{}).T("x") != "x" {
		t.Error("the zero Translator must answer the key")
	}
}
