package widgets

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/ui/i18n"
)

// Rule (issue 16): what Sullam stores in English itself is shown in the
// user's language (a reason "imported", the system's own actors, ISO codes
// of a candidate's languages); what a user typed is shown as typed.
func TestStoredTextsInArabic(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	t.Cleanup(func() { i18n.Use("en") })
	for _, c := range []struct{ got, want string }{
		{StoredText("imported"), "مستورد من ملف"},
		{StoredText("moved to Riyadh team"), "moved to Riyadh team"},
		{StoredName("cli:demo"), "النظام (بيانات تجريبية)"},
		{StoredName("cli:nightly"), "النظام (nightly)"},
		{StoredName(""), "(النظام)"},
		{StoredName("hr"), "hr"},
		{LanguageNames("ar,en"), "العربية، الإنجليزية"},
		{LanguageNames("ar، Tagalog"), "العربية، Tagalog"},
		{LanguageNames("العربية"), "العربية"},
		{FormVersionLabel("CS-STD-1", 2), "CS-STD-1، الإصدار 2"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
