package settings

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"strings"

	"sullam/assets"
	"sullam/models"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// The audit log's words: each change described in the user's language (moved
// verbatim from auditlog_screen.go).

// Cell is the text of one column of a change.
func (cw changeWords) Cell(r models.AuditLog, col int) string {
	switch col {
	case 0:
		return r.At.Local().Format("2006-01-02 15:04")
	case 1:
		return widgets.StoredName(r.Username)
	case 2:
		return cw.action(r.Action)
	case 3:
		on := cw.entity(r.Entity)
		if r.EntityKey != "" {
			on += " " + widgets.StoredText(r.EntityKey)
		}
		return on
	case 4:
		return cw.Describe(r)
	}
	return ""
}

// changeWords puts audit-log entries into words; it knows which
// translation keys exist, so a field or kind without one shows as stored.
type changeWords struct{ known map[string]bool }

// newChangeWords reads the translation keys (en.json and ar.json hold the
// same keys, a test checks it).
func newChangeWords() changeWords {
	known := map[string]bool{}
	data, err := assets.Translations.ReadFile("translations/en.json")
	if err == nil {
		var m map[string]any
		if err = json.Unmarshal(data, &m); err == nil {
			for k := range m {
				known[k] = true
			}
		}
	}
	if err != nil {
		slog.Error("read translation keys", "err", err)
	}
	return changeWords{known: known}
}

// translatedOr is the translation of key, or fallback when there is none.
func (cw changeWords) translatedOr(key, fallback string) string {
	if !cw.known[key] {
		return fallback
	}
	return i18n.T(key)
}

// action is the kind of change in words (create → Created).
func (cw changeWords) action(action string) string {
	return cw.translatedOr("auditlog.action."+action, action)
}

// entity is the kind of record in words (weekly_report → Weekly report).
func (cw changeWords) entity(entity string) string {
	return cw.translatedOr("auditlog.entity."+entity, entity)
}

// field is a field's name in words: its audit-log translation,
// else the form's, else the name as stored.
func (cw changeWords) field(name string) string {
	if t := cw.translatedOr("auditlog.field."+name, ""); t != "" {
		return t
	}
	return cw.translatedOr("field."+name, name)
}

// Describe says in plain words what a change did: the fields changed,
// old → new, for an update; the values given for a creation; the names of
// the fields changed where the log keeps no values (a candidate's).
func (cw changeWords) Describe(r models.AuditLog) string {
	if r.Action == "denied" {
		return i18n.T("auditlog.desc.denied")
	}
	oldM, okOld := jsonObject(r.Old)
	newM, okNew := jsonObject(r.New)
	if okNew {
		if names, ok := newM["changed"].([]any); ok {
			fields := make([]string, 0, len(names))
			for _, n := range names {
				fields = append(fields, cw.field(fmt.Sprint(n)))
			}
			return i18n.T("auditlog.desc.fields_changed", map[string]any{"Fields": strings.Join(fields, ", ")})
		}
	}
	var parts []string
	switch {
	case okOld && okNew:
		for _, k := range unionKeys(oldM, newM) {
			o, n := oldM[k], newM[k]
			if reflect.DeepEqual(o, n) {
				continue
			}
			parts = append(parts, cw.field(k)+": "+cw.value(k, o)+" → "+cw.value(k, n))
		}
		if len(parts) == 0 {
			return i18n.T("auditlog.desc.no_change")
		}
	case okNew || okOld:
		m := newM
		if !okNew {
			m = oldM
		}
		for _, k := range unionKeys(m, nil) {
			if isEmptyJSON(m[k]) {
				continue
			}
			parts = append(parts, cw.field(k)+": "+cw.value(k, m[k]))
		}
	default:
		switch {
		case r.Old != "" && r.New != "":
			return widgets.Clip(r.Old, 60) + " → " + widgets.Clip(r.New, 60)
		case r.New != "":
			return widgets.Clip(r.New, 120)
		default:
			return widgets.Clip(r.Old, 120)
		}
	}
	sep := "; "
	if i18n.IsRTL() {
		sep = "؛ " // the Arabic semicolon
	}
	return strings.Join(parts, sep)
}

// jsonObject decodes s when it is a JSON object.
func jsonObject(s string) (map[string]any, bool) {
	if !strings.HasPrefix(strings.TrimSpace(s), "{") {
		return nil, false
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, false
	}
	return m, true
}

// unionKeys is the union of the keys of a and b, sorted.
func unionKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	return keys
}

func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	}
	return false
}

// codeFields are the logged fields that hold a code of the program's own,
// with the translation-key prefixes that put it in words.
var codeFields = map[string][]string{
	"status":         {"agent.status.", "attendance.status."},
	"stage":          {"stage."},
	"from":           {"stage."},
	"to":             {"stage."},
	"channel":        {"channel."},
	"recommendation": {"recommendation."},
}

// value is a logged value of field k in words: yes or no for a flag, a
// list joined in the language's way (roles by their names), stored codes
// the app wrote itself (an import's "demo") in words, the rest as
// auditValue says.
func (cw changeWords) value(k string, v any) string {
	switch x := v.(type) {
	case bool:
		if x {
			return i18n.T("common.yes")
		}
		return i18n.T("common.no")
	case string:
		for _, prefix := range codeFields[k] {
			if cw.known[prefix+x] {
				return i18n.T(prefix + x)
			}
		}
		return auditValue(widgets.StoredText(x))
	case []any:
		items := make([]string, 0, len(x))
		for _, it := range x {
			s := fmt.Sprint(it)
			if k == "roles" {
				s = cw.translatedOr("role."+s, s)
			}
			items = append(items, s)
		}
		return widgets.Clip(widgets.JoinList(items), 60)
	}
	return auditValue(v)
}

// auditValue is a logged value in words: "—" for none, text as it is,
// lists and objects as compact JSON, each clipped.
func auditValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		if x == "" {
			return "—"
		}
		return widgets.Clip(x, 40)
	case bool, float64:
		return fmt.Sprint(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return widgets.Clip(fmt.Sprint(v), 40)
	}
	return widgets.Clip(string(b), 40)
}
