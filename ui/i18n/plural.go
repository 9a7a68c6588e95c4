package i18n

// PluralKeys lists the translation keys of counted nouns: their value is an
// object of CLDR plural forms in go-i18n's format, {"one", "other"} in
// en.json and {"zero", "one", "two", "few", "many", "other"} in ar.json
// («موظف واحد», «موظفان», «3 موظفين», «11 موظفًا», «100 موظف»). Show them
// with [Plural], never with T (which always answers the "other" form).
// A sentence with several counts («التأخير دقيقة واحدة، الخروج المبكر
// 11 دقيقة») takes each counted phrase from a count.* key, shown with
// [Plural], as a field of the sentence.
// Where the Arabic text reads the count as a label («عدد الموظفين: 19») its six
// forms are the same text; the English one still differs («1 agent»).
// A test checks that each is such an object in both files.
var PluralKeys = []string{
	"import.summary_bad",
	"import.summary_good",
	"agent.page",
	"audit.answered",
	"auditlog.count",
	"auditlog.count_limited",
	"count.agents",
	"count.audits",
	"count.candidates",
	"count.evaluations",
	"count.holidays",
	"count.minutes",
	"count.months",
	"count.punctual_days",
	"count.reports",
	"count.scheduled_days",
	"count.weeks",
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

// Plural returns the text of key (one of [PluralKeys]) in the current
// language, in the plural form the language's CLDR rules give for the count
// n, with data's fields filled in; data["Count"] is n unless data sets it.
// The count's own field (Count, Minutes, Total, …) must be in data when the
// message names it. A missing key or form answers the key itself. It is the
// current Translator's TN.
func Plural(key string, n int, data map[string]any) string {
	return Tr().TN(key, n, data)
}

// PluralIn is [Plural] in the language code ("ar" or "en") instead of the
// current one; an unknown code answers the key.
func PluralIn(code, key string, n int, data map[string]any) string {
	return In(code).TN(key, n, data)
}
