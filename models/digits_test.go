package models

import "testing"

// TestLatinDigitsNormalisesTheThreeScripts checks the rule of issue 16: Arabic-Indic
// and Eastern Arabic-Indic digits, the Arabic decimal separator and bidi marks
// become Latin before any parse or search, and other text is left alone.
func TestLatinDigitsNormalisesTheThreeScripts(t *testing.T) {
	cases := []struct{ in, want string }{
		{"١٥٠", "150"},
		{"۱۲۳۴۵۶۷۸۹۰", "1234567890"},
		{"٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"٣٫٥", "3.5"},
		{"١٬٢٠٠", "1200"},
		{"\u200F١٠٠٠٧\u200E", "10007"},
		{"٢٠٢٦-١٢-٠٢", "2026-12-02"},
		{"أحمد ١٠", "أحمد 10"},
		{"abc 42", "abc 42"},
		{"", ""},
	}
	for _, c := range cases {
		if got := LatinDigits(c.in); got != c.want {
			t.Errorf("LatinDigits(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestIsDigitAcceptsOnlyDigitsOfTheThreeScripts checks that letters and
// separators are not digits, so a numeric entry can refuse them.
func TestIsDigitAcceptsOnlyDigitsOfTheThreeScripts(t *testing.T) {
	for _, r := range "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹" {
		if !IsDigit(r) {
			t.Errorf("IsDigit(%q) = false", r)
		}
	}
	for _, r := range "aZأ.٫-, ٬" {
		if IsDigit(r) {
			t.Errorf("IsDigit(%q) = true", r)
		}
	}
}

// TestParseDateAcceptsArabicDigits checks that a date typed with Arabic-Indic
// or Eastern Arabic-Indic digits parses like its Latin form.
func TestParseDateAcceptsArabicDigits(t *testing.T) {
	for _, s := range []string{"٢٠٢٦-١٢-٠٢", "۲۰۲۶-۱۲-۰۲"} {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatalf("ParseDate(%q): %v", s, err)
		}
		if d.String() != "2026-12-02" {
			t.Errorf("ParseDate(%q) = %s", s, d)
		}
	}
}
