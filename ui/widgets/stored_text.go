package widgets

import (
	"slices"
	"strings"

	"sullam/ui/i18n"
)

// storedTexts are the texts Sullam itself stores in English as reasons and
// notes (an imported record, the seeded policy, the demo data's source),
// with the translation key that says them in the user's language.
var storedTexts = map[string]string{
	"imported":                          "stored.imported",
	"default policy of spec/scoring.md": "stored.default_policy",
	"demo":                              "stored.demo",
}

// StoredText is a stored reason or note in the user's language when
// Sullam wrote it itself (storedTexts), else as the user typed it.
func StoredText(s string) string {
	if key, ok := storedTexts[s]; ok {
		return i18n.T(key)
	}
	return s
}

// storedNames are the system's own actors (store.SystemActor names, "cli:"
// and the task) and the seed's "system", with their translation keys.
var storedNames = map[string]string{
	"":                "auditlog.system",
	"system":          "auditlog.system",
	"cli:demo":        "stored.by_demo",
	"cli:auto-backup": "stored.by_auto_backup",
	"cli:retention":   "stored.by_retention",
}

// StoredName is who made a change in words: the system's own tasks
// translated (storedNames; any other "cli:" task as "System (task)"), a
// user by their account name.
func StoredName(username string) string {
	if key, ok := storedNames[username]; ok {
		return i18n.T(key)
	}
	if task, ok := strings.CutPrefix(username, "cli:"); ok {
		return i18n.T("stored.by_task", map[string]any{"Task": task})
	}
	return username
}

// FormVersionLabel names an audit form's version: its code and version
// number in words ("CS-STD-1, version 2").
func FormVersionLabel(code string, version int) string {
	return i18n.T("forms.version_label", map[string]any{"Code": code, "Version": version})
}

// languageCodes are the ISO 639-1 codes a candidate's languages may be
// written with (the demo data and many CVs do: "ar,en"), named in words.
var languageCodes = []string{"ar", "en", "fr", "ur", "hi", "bn", "tl", "es", "de", "zh"}

// LanguageNames is a candidate's languages as typed, with each ISO code
// among them named in the user's language ("ar,en" → «العربية، الإنجليزية»).
func LanguageNames(typed string) string {
	parts := strings.FieldsFunc(typed, func(r rune) bool { return r == ',' || r == '،' || r == ';' || r == '/' })
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if slices.Contains(languageCodes, strings.ToLower(p)) {
			p = i18n.T("language." + strings.ToLower(p))
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return typed
	}
	return JoinList(out)
}
