package i18n

import (
	"encoding/json"
	"fmt"
	"log/slog"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// PluralKeys lists the translation keys of counted nouns: their value is an
// object of CLDR plural forms in go-i18n's format, {"one", "other"} in
// en.json and {"zero", "one", "two", "few", "many", "other"} in ar.json
// («موظف واحد», «موظفان», «3 موظفين», «11 موظفًا», «100 موظف»). Show them
// with [Plural], never with lang.L (which always answers the "other" form).
// Where the Arabic text reads the count as a label («عدد الموظفين: 19») its six
// forms are the same text; the English one still differs («1 agent»).
// A test checks that each is such an object in both files.
var PluralKeys = []string{
	"agent.page",
	"audit.answered",
	"auditlog.count",
	"auditlog.count_limited",
	"error.password_too_short",
	"eval.finalize_all_confirm",
	"eval.summary",
	"explain.annual.incomplete",
	"explain.attendance.insufficient",
	"explain.attendance.unknown_status",
	"explain.quality",
	"explain.supervisor",
	"forms.audits",
	"forms.note_used",
	"hire.summary",
	"home.agent_audits",
	"home.calibration_harsh",
	"home.calibration_lenient",
	"home.calibration_top",
	"home.calibration_too_few",
	"home.others_teams",
	"home.team_trend_top",
	"import.group_detail",
	"import.refused_rows",
	"inbox.interviews",
	"inbox.missing_weeks",
	"inbox.overdue",
	"inbox.probation_due",
	"inbox.reviews_due",
	"inbox.to_finalize",
	"inbox.to_rate",
	"promotions.exception_note",
	"promotions.export_progress",
	"promotions.justification_short",
	"promotions.summary",
	"queue.count",
	"rec.count",
	"report.board_count",
	"review.rated_so_far",
	"review.score_partial",
	"settings.idle_minutes",
	"signin.idle_signed_out",
}

// newLocalizers builds one go-i18n localizer per language from the
// translation files, each under the language's own tag, so that the plural
// form follows the CLDR rules of that language (Fyne's lang package applies
// the rules of the system locale, under which [Use] registers whichever
// language is chosen: an English system would give Arabic only "one" and
// "other").
func newLocalizers(files map[string][]byte) (map[string]*goi18n.Localizer, error) {
	bundle := goi18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal) // as Fyne's lang does
	out := make(map[string]*goi18n.Localizer, len(files))
	for code, data := range files {
		if _, err := bundle.ParseMessageFileBytes(data, code+".json"); err != nil {
			return out, fmt.Errorf("parse %s.json plural forms: %w", code, err)
		}
		out[code] = goi18n.NewLocalizer(bundle, code)
	}
	return out, nil
}

// Plural returns the text of key (one of [PluralKeys]) in the current
// language, in the plural form the language's CLDR rules give for the count
// n, with data's fields filled in; data["Count"] is n unless data sets it.
// The count's own field (Count, Minutes, Total, …) must be in data when the
// message names it. A missing key or form answers the key itself, as lang.L
// does.
func Plural(key string, n int, data map[string]any) string {
	mu.Lock()
	loadOnce.Do(load)
	loc, code := localizers[current], current
	mu.Unlock()
	return pluralIn(loc, code, key, n, data)
}

// PluralIn is [Plural] in the language code ("ar" or "en") instead of the
// current one; an unknown code answers the key.
func PluralIn(code, key string, n int, data map[string]any) string {
	mu.Lock()
	loadOnce.Do(load)
	loc := localizers[code]
	mu.Unlock()
	return pluralIn(loc, code, key, n, data)
}

func pluralIn(loc *goi18n.Localizer, code, key string, n int, data map[string]any) string {
	if loc == nil {
		slog.Error("plural: no translations", "lang", code, "key", key)
		return key
	}
	args := make(map[string]any, len(data)+1)
	args["Count"] = n
	for k, v := range data {
		args[k] = v
	}
	s, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: key, PluralCount: n, TemplateData: args})
	if err != nil {
		slog.Error("plural: localize", "lang", code, "key", key, "n", n, "err", err)
		return key
	}
	return s
}
