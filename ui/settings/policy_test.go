package settings

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
)

// Rule: the policy editor refuses component weights that do not sum to 100
// (nothing saved) and saves a valid change as a new version.
func TestPolicyEditorSavesVersions(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	admin, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "admin", Password: "a long enough secret"})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	e := NewPolicyEditor(st, store.ActorOf(admin))
	w.SetContent(e.Content())
	uitest.WaitFor(t, "the policy to load", func() bool { return e.Policy.Version == 1 })
	weight := func(key string) *policyField {
		for i := range e.Fields {
			if e.Fields[i].Key == key {
				return &e.Fields[i]
			}
		}
		t.Fatalf("no field %s", key)
		return nil
	}
	weight("policy.weight_quality").Entry.SetText("30")
	uitest.TapShowing(t, w, i18n.T("policy.save"))
	uitest.WaitFor(t, "the refusal", func() bool { return e.Status.Text != "" })
	if !strings.Contains(e.Status.Text, "weights") {
		t.Errorf("status = %q, want the weights problem", e.Status.Text)
	}
	if p, _ := st.Policy(t.Context()); p.Version != 1 {
		t.Fatalf("an invalid policy was saved as version %d", p.Version)
	}
	weight("policy.weight_attendance").Entry.SetText("20")
	e.Status.SetText("")
	uitest.TapShowing(t, w, i18n.T("policy.save"))
	uitest.WaitFor(t, "the save", func() bool { return e.Status.Text != "" })
	p, _ := st.Policy(t.Context())
	if p.Version != 2 || p.Weights.Quality != 30 || p.Weights.Attendance != 20 {
		t.Errorf("saved policy v%d weights %+v, want v2 with 20/30/25/25", p.Version, p.Weights)
	}
	if old, _ := st.PolicyVersion(t.Context(), 1); old.Weights.Quality != 25 {
		t.Errorf("version 1 changed: %+v", old.Weights)
	}

}

// Rule (issue 16): a refused policy is explained in the user's language —
// in Arabic the weights' problem reads «مجموع الأوزان 105 وليس 100» beside
// the field's Arabic label, with no English developer text
// ("weights sum to 105, not 100").
func TestPolicyRefusalInArabic(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	st := uitest.OpenTestStore(t)
	admin, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "admin", Password: "a long enough secret"})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	e := NewPolicyEditor(st, store.ActorOf(admin))
	w.SetContent(e.Content())
	uitest.WaitFor(t, "the policy to load", func() bool { return e.Policy.Version == 1 })
	for i := range e.Fields {
		if e.Fields[i].Key == "policy.weight_quality" {
			e.Fields[i].Entry.SetText("30")
		}
	}
	save := uitest.FindButton(w.Content(), i18n.T("policy.save"))
	if save == nil {
		t.Fatal("no save button")
	}
	test.Tap(save)
	uitest.WaitFor(t, "the refusal", func() bool { return e.Status.Text != "" })
	if !strings.Contains(e.Status.Text, "مجموع الأوزان 105 وليس 100") || !strings.Contains(e.Status.Text, i18n.T("policy.weights")) {
		t.Errorf("status = %q, want the Arabic weights problem", e.Status.Text)
	}
	if strings.Contains(e.Status.Text, "sum to") {
		t.Errorf("status = %q shows the English developer text", e.Status.Text)
	}
}

// TestMain runs the screens' UI callbacks on the test's goroutine
// (uitest.Main), as the window's tests always have.
func TestMain(m *testing.M) { uitest.Main(m) }
