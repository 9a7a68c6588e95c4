package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 16): a store refusal the user can fix reaches the window in
// the user's language — saving a question with no text, in Arabic, says
// «نص السؤال مطلوب.», not "save question: question text is required:
// invalid"; an impossible date says the day does not exist.
func TestStoreProblemsInUserLanguage(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	st := uitest.OpenTestStore(t)
	admin, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "admin", Password: "a long enough secret"})
	if err != nil {
		t.Fatal(err)
	}
	hr, err := st.Accounts().CreateUser(t.Context(), store.ActorOf(admin), store.NewUser{Username: "hr", Password: "a long enough secret", Roles: []models.Role{models.RoleHR}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Recruitment().SaveQuestion(t.Context(), store.ActorOf(hr), models.Question{})
	if err == nil {
		t.Fatal("a question without text was saved")
	}
	msg := widgets.UserMessage(err)
	if !strings.Contains(msg, "مطلوب") || strings.Contains(msg, "required") || strings.Contains(msg, "invalid") {
		t.Errorf("message = %q, want Arabic only", msg)
	}
	_, err = models.ParseDate("2025-02-30")
	if msg := widgets.UserMessage(err); !strings.Contains(msg, "غير موجود في التقويم") {
		t.Errorf("impossible date: %q", msg)
	}
}
