package i18n

import "testing"

// Rule (issue 16, mixed-order check): Mixed is true exactly for text holding
// Arabic letters together with Latin letters or digits (Latin or
// Arabic-Indic), the text Fyne draws out of order; MarkOrdered marks each
// such line once and leaves other lines alone.
func TestMixedAndMarkOrdered(t *testing.T) {
	for _, c := range []struct {
		in    string
		mixed bool
	}{
		{"فريق أبها 10", true},
		{"قاعة الاجتماعات ٢", true},
		{"تصدير CSV", true},
		{"مرحبا بالعالم", false},
		{"Hello 10", false},
		{"٢٠٢٦-١٢-٠٢", false},
		{"«الاسم»: —", false},
	} {
		if got := Mixed(c.in); got != c.mixed {
			t.Errorf("Mixed(%q) = %v, want %v", c.in, got, c.mixed)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"فريق 10", OrderedMark + "فريق 10"},
		{"فريق 10\nمرحبا\nHello\nE1 أحمد", OrderedMark + "فريق 10\nمرحبا\nHello\n" + OrderedMark + "E1 أحمد"},
		{OrderedMark + "فريق 10", OrderedMark + "فريق 10"},
		{"Hello", "Hello"},
	} {
		if got := MarkOrdered(c.in); got != c.want {
			t.Errorf("MarkOrdered(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
