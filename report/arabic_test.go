package report

import (
	"strings"
	"testing"

	"sullam/bidi"
	"sullam/scoring"
)

// TestShapeArabic checks contextual forms: a dual-joining letter takes its
// initial, medial, final or isolated form by its neighbours; right-joining
// letters (alef, dal, waw…) break the join after them; lam + alef become one
// ligature; Latin and digits pass through.
func TestShapeArabic(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ب", "\u0628"},                      // isolated: the base letter (the font's nominal glyph)
		{"بب", "\uFE91\uFE90"},               // initial + final
		{"ببب", "\uFE91\uFE92\uFE90"},        // initial + medial + final
		{"باب", "\uFE91\uFE8E\u0628"},        // alef does not join the next letter
		{"لا", "\uFEFB"},                     // lam-alef ligature
		{"سلام", "\uFEB3\uFEFC\u0645"},       // seen initial, lam-alef final, meem isolated
		{"محمد", "\uFEE3\uFEA4\uFEE4\uFEAA"}, // meem initial, hah medial, meem medial, dal final
		{"دار", "\u062F\u0627\u0631"},        // dal does not join the next letter: all isolated
		{"A1 ب", "A1 \u0628"},                // other scripts unchanged
		{"بَب", "\uFE91\u064E\uFE90"},        // a haraka does not break the join
		{"ـب", "\u0640\uFE90"},               // tatweel joins
		{"ة", "\u0629"},                      // teh marbuta isolated
	}
	for _, tc := range tests {
		if got := ShapeArabic(tc.in); got != tc.want {
			t.Errorf("ShapeArabic(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestVisualLine checks the drawing order of a line: an Arabic run is shaped
// and reversed, numbers inside Arabic keep their left-to-right order, and the
// runs of an Arabic sentence are laid out right to left.
func TestVisualLine(t *testing.T) {
	tests := []struct {
		in   string
		base bidi.Direction
		want string
	}{
		{"Sullam 2026", bidi.Auto, "Sullam 2026"},
		{"باب", bidi.Auto, "\u0628\uFE8E\uFE91"},
		// "year 2025" in Arabic: the word on the right, the number on the left
		{"سنة 2025", bidi.Auto, "2025 \uFE94\uFEE8\uFEB3"},
		// an English sentence holding an Arabic word keeps it in place
		{"Name: باب.", bidi.Auto, "Name: \u0628\uFE8E\uFE91."},
		{"(ب)", bidi.RightToLeft, "(\u0628)"},
		// vowel marks are kept, each right after its letter (drawVisual
		// centres it over that letter)
		{"سُلَّم", bidi.Auto, "\uFEE2\uFEE0\u064e\u0651\uFEB3\u064f"},
	}
	for _, tc := range tests {
		if got := VisualLine(tc.in, tc.base); got != tc.want {
			t.Errorf("VisualLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestReverseClustersMirrorsEveryBidiMirroredPair checks that the PDF's
// right-to-left runs mirror by the Unicode table (one table for the window
// and the PDFs), including the pairs the old PDF table missed: ‹ › ≤ ≥.
func TestReverseClustersMirrorsEveryBidiMirroredPair(t *testing.T) {
	for in, want := range map[string]string{"‹": "›", "›": "‹", "≤": "≥", "≥": "≤", "(": ")", "«": "»"} {
		if got := reverseClusters(in); got != want {
			t.Errorf("reverseClusters(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestVisualLineKeepsDatesInSentencesInOrder checks the issue-16 rule for
// PDFs: a YYYY-MM-DD date inside an Arabic sentence is drawn as written
// (2026-12-02), not reversed into 02-12-2026 by the Arabic-number rule.
func TestVisualLineKeepsDatesInSentencesInOrder(t *testing.T) {
	got := VisualLine("سلم — تاريخ الإصدار 2026-12-02", bidi.RightToLeft)
	if !strings.HasPrefix(got, "2026-12-02 ") {
		t.Errorf("VisualLine = %q, want the date 2026-12-02 in order at the left end", got)
	}
}

// TestExplainNamesMissingComponents checks (issue 16) that an incomplete
// year's explanation names the components lacking data in the report's
// language, never by their codes (quality, weekly, supervisor).
func TestExplainNamesMissingComponents(t *testing.T) {
	e := scoring.Explanation{Key: scoring.KeyAnnualIncomplete, Args: map[string]any{"count": 2, "components": "quality, weekly"}}
	for _, lang := range []string{"ar", "en"} {
		tr, err := NewTranslator(lang)
		if err != nil {
			t.Fatal(err)
		}
		got := Explain(tr, e)
		if strings.Contains(got, "quality") || strings.Contains(got, "weekly") {
			t.Errorf("%s: %q shows component codes", lang, got)
		}
		if !strings.Contains(got, tr.T("component.quality")) || !strings.Contains(got, tr.T("component.weekly")) {
			t.Errorf("%s: %q lacks the translated component names", lang, got)
		}
	}
}
