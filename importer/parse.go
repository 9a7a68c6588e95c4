package importer

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"sullam/models"
)

// Allowed values of the enumerated columns, in lower case.
var (
	// ladderRoles: agents.role and jobs.ladder_role.
	ladderRoles = []string{"csr", "coordinator", "team_lead", "cs_manager", "cx_manager"}
	// questionCategories: questions.category.
	questionCategories = []string{"past_experience", "technical", "communication", "pressure", "quality"}
	// questionCompetencies: questions.competency.
	questionCompetencies = []string{"communication", "problem_solving", "time_management", "tone_body_language",
		"technical_knowledge", "motivation", "culture_fit", "patience_flexibility"}

	agentStatuses      = []string{string(models.Active), string(models.Inactive)}
	attendanceStatuses = enumStrings(models.AttendanceStatuses)
	channels           = enumStrings(models.Channels)
	answers            = []string{string(models.Pass), string(models.Fail), string(models.NA)}
)

func enumStrings[T ~string](vals []T) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = string(v)
	}
	return out
}

// Parse parses t as kind and returns the parsed rows ([]models.AgentRow,
// []models.AttendanceRow, …, the type of the kind's parser) and every bad row.
// The rows hold only the good rows: a file with errors must not be imported.
func Parse(kind models.ImportKind, t *Table) (rows any, errs []models.RowError) {
	switch kind {
	case models.KindAgents:
		return ParseAgents(t)
	case models.KindAttendance:
		return ParseAttendance(t)
	case models.KindAudits:
		return ParseAudits(t)
	case models.KindWeekly:
		return ParseWeekly(t)
	case models.KindReviews:
		return ParseReviews(t)
	case models.KindCandidates:
		return ParseCandidates(t)
	case models.KindQuestions:
		return ParseQuestions(t)
	case models.KindJobs:
		return ParseJobs(t)
	}
	return nil, []models.RowError{unknownKind(kind).Row(t.HeaderLine, "", "")}
}

// parseRows checks t's header against kind, then reads every row with fn and
// collects the rows without errors, and every error sorted by line. When the
// header has errors, only they (and the table's problems) are returned.
func parseRows[T any](kind models.ImportKind, t *Table, fn func(r *rowReader) T) ([]T, []models.RowError) {
	b, errs := bind(kind, t)
	if b != nil {
		errs = append(errs, namelessUsed(t, func(i int) bool { return columnUsed(t, i) })...)
	}
	if b != nil && len(errs) == 0 && kind == models.KindAudits {
		errs = append(errs, notItems(t, b)...)
	}
	errs = append(errs, t.Problems...)
	if b == nil || len(errs) > len(t.Problems) {
		return nil, sortErrors(errs)
	}
	out := make([]T, 0, len(t.Rows))
	for i := range t.Rows {
		r := &rowReader{t: t, row: &t.Rows[i], b: b}
		v := fn(r)
		if len(r.errs) > 0 {
			errs = append(errs, r.errs...)
			continue
		}
		out = append(out, v)
	}
	return out, sortErrors(errs)
}

// notItems returns a header error for each column of an audits file taken
// for an item that no row answers pass, fail or na: an extra column
// (REMARKS, a comment) that would otherwise fail every row as "required".
// A column named by a known item code (Options.Items) is an item: its bad
// answers are row errors.
func notItems(t *Table, b *binding) []models.RowError {
	form, formCode := "the form", ""
	if i, ok := b.cols["form_code"]; ok {
		for _, r := range t.Rows {
			if v := normalise(r.Cells[i]); v != "" {
				form, formCode = "form "+v, v
				break
			}
		}
	}
	var errs []models.RowError
	for _, c := range b.codes {
		answered := false
		for _, r := range t.Rows {
			if slices.Contains(answers, strings.ToLower(normalise(r.Cells[c.index]))) {
				answered = true
				break
			}
		}
		if answered || len(t.Rows) == 0 || slices.ContainsFunc(t.items, func(it string) bool { return strings.EqualFold(it, c.code) }) {
			continue
		}
		name := t.Header[c.index]
		text := fmt.Sprintf("column %s is not an item of %s: no row answers it pass, fail or na", strings.TrimSpace(name), form)
		args := map[string]any{"Column": strings.TrimSpace(name), "Form": formCode, "Notes": ""}
		if looksLikeNotes(name) {
			text += "; if it holds notes, name it notes"
			args["Notes"] = models.Column("notes")
		}
		reason := models.Message{Key: "import.err.not_item", Args: args, Text: text}
		errs = append(errs, reason.Row(t.HeaderLine, strings.ToLower(normalise(name)), clip(name)))
	}
	return errs
}

// looksLikeNotes reports whether a column name reads as notes or comments.
func looksLikeNotes(name string) bool {
	n := normaliseName(name)
	for _, w := range []string{"note", "remark", "comment", "ملاحظ", "تعليق"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func sortErrors(errs []models.RowError) []models.RowError {
	if len(errs) == 0 {
		return nil
	}
	slices.SortStableFunc(errs, func(a, b models.RowError) int { return a.Line - b.Line })
	return errs
}

// present lists which of the optional columns the file has.
func (r *rowReader) present(cols ...string) map[string]bool {
	m := make(map[string]bool, len(cols))
	for _, c := range cols {
		if r.has(c) {
			m[c] = true
		}
	}
	return m
}

// keys finds duplicate keys within one file, ignoring case.
type keys map[string]int

// dup records the key of the row and reports an error when an earlier row
// had it; an incomplete key (an empty part) is not checked.
func (k keys) dup(r *rowReader, col, value, what string, parts ...string) {
	for _, p := range parts {
		if p == "" {
			return
		}
	}
	var kb strings.Builder
	for i, p := range parts {
		if i > 0 {
			kb.WriteByte(0)
		}
		kb.WriteString(p)
	}
	key := strings.ToLower(kb.String())
	if line, ok := k[key]; ok {
		r.fail(col, value, duplicateOf(line, what))
		return
	}
	k[key] = r.row.Line
}

// datedKeys finds rows within one file with the same code (ignoring case)
// and date: the key of attendance days and weekly reports. Files of millions
// of rows pass through it, so no key is hashed per row: the code's index
// among the codes seen (the last code kept, as rows come an agent at a
// time), and for each code and year a page of first lines by month and
// day (the last page kept); a hash map of 2 M keys cost a third of parsing
// an attendance file. A page is 1.5 KB: past maxDatePages of them (a file
// of few rows for each of very many codes) the keys go to a hash map, so
// that memory stays bounded by the file's rows.
type datedKeys struct {
	codes map[string]uint64 // as written → index
	lower map[string]uint64 // lower case → index
	pages map[uint64]*datePage
	lines map[uint64]int32 // (code index, yyyymmdd) → first line, past maxDatePages
	// the last code seen and its index; the last page and its key
	lastCode string
	lastIdx  uint64
	lastKey  uint64
	last     *datePage
}

// datePage holds, for one code and year, the first line of each month and
// day (slot (month−1)×31 + day−1; 0 for none: a row's line is at least 2).
type datePage [12 * 31]int32

// maxDatePages is the most pages a datedKeys makes (96 MiB); tests lower it.
var maxDatePages = 1 << 16

func newDatedKeys(rows int) *datedKeys {
	return &datedKeys{codes: map[string]uint64{}, lower: map[string]uint64{}, pages: make(map[uint64]*datePage, min(rows/200+1, 1<<16))}
}

// dup records the row's (code, date) and reports an error when an earlier
// row had it; an empty code or date is not checked.
func (k *datedKeys) dup(r *rowReader, col, what, code string, d models.Date) {
	if code == "" || d.IsZero() || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return
	}
	idx := k.lastIdx
	if k.last == nil || code != k.lastCode {
		var ok bool
		if idx, ok = k.codes[code]; !ok {
			low := strings.ToLower(code)
			if idx, ok = k.lower[low]; !ok {
				idx = uint64(len(k.lower))
				k.lower[low] = idx
			}
			k.codes[code] = idx
		}
		k.lastCode, k.lastIdx = code, idx
	}
	line := int32(min(r.row.Line, math.MaxInt32))
	key := idx<<32 | uint64(uint32(d.Year))
	if k.last == nil || key != k.lastKey {
		p := k.pages[key]
		if p == nil {
			if len(k.pages) >= maxDatePages {
				k.dupInMap(r, col, what, idx<<32|uint64(uint32(d.Year*10000+int(d.Month)*100+d.Day)), d, line)
				return
			}
			p = new(datePage)
			k.pages[key] = p
		}
		k.last, k.lastKey = p, key
	}
	slot := &k.last[(int(d.Month)-1)*31+d.Day-1]
	if *slot != 0 {
		r.fail(col, d.String(), duplicateOf(int(*slot), what))
		return
	}
	*slot = line
}

// dupInMap is dup for a key of a code and year without a page.
func (k *datedKeys) dupInMap(r *rowReader, col, what string, key uint64, d models.Date, line int32) {
	if k.lines == nil {
		k.lines = map[uint64]int32{}
	}
	if first, ok := k.lines[key]; ok {
		r.fail(col, d.String(), duplicateOf(int(first), what))
		return
	}
	k.lines[key] = line
}

// duplicateOf refuses a row whose key what (column names joined by " and ")
// an earlier line of the file has.
func duplicateOf(line int, what string) models.Message {
	return models.Msg("import.err.duplicate", map[string]any{"Line": line, "Columns": models.Columns(strings.Split(what, " and "))},
		"duplicate: line %d has the same %s", line, what)
}

// ParseAgents parses an agents file: one row per agent, employee_no unique
// within the file, role_start_date on or after hire_date, status active by
// default. Present records the optional columns the file has.
func ParseAgents(t *Table) ([]models.AgentRow, []models.RowError) {
	seen := keys{}
	return parseRows(models.KindAgents, t, func(r *rowReader) models.AgentRow {
		a := models.Agent{
			EmployeeNo:    r.code("employee_no", true),
			FullName:      r.text("full_name", true),
			HireDate:      r.date("hire_date", true),
			Role:          r.enum("role", true, "", ladderRoles),
			RoleStartDate: r.date("role_start_date", true),
			Team:          r.text("team", false),
			Status:        models.AgentStatus(r.enum("status", false, string(models.Active), agentStatuses)),
			Email:         r.email("email"),
			Phone:         r.phone("phone"),
		}
		row := models.AgentRow{Line: r.row.Line, Agent: a, SupervisorNo: r.code("supervisor_no", false),
			Present: r.present("supervisor_no", "team", "status", "email", "phone")}
		if !a.HireDate.IsZero() && !a.RoleStartDate.IsZero() && a.RoleStartDate.Before(a.HireDate) {
			r.fail("role_start_date", a.RoleStartDate.String(), models.Msg("import.err.on_or_after", map[string]any{"Other": models.Column("hire_date"), "Date": a.HireDate.String()},
				"must be on or after hire_date (%s)", a.HireDate))
		}
		if row.SupervisorNo != "" && strings.EqualFold(row.SupervisorNo, a.EmployeeNo) {
			r.fail("supervisor_no", row.SupervisorNo, models.Msg("import.err.own_supervisor", nil, "an agent cannot be their own supervisor"))
		}
		seen.dup(r, "employee_no", a.EmployeeNo, "employee_no", a.EmployeeNo)
		return row
	})
}

// ParseAttendance parses an attendance file: one row per agent and date, the
// pair unique within the file; late and early-leave minutes are whole numbers
// ≥ 0, 0 when empty.
func ParseAttendance(t *Table) ([]models.AttendanceRow, []models.RowError) {
	return parseRows(models.KindAttendance, t, parseAttendanceRow(len(t.Rows)))
}

// parseAttendanceRow returns the parser of one attendance row, with its own
// record of the (employee_no, date) pairs seen; rows is the expected count.
func parseAttendanceRow(rows int) func(r *rowReader) models.AttendanceRow {
	seen := newDatedKeys(rows)
	return func(r *rowReader) models.AttendanceRow {
		row := models.AttendanceRow{Line: r.row.Line, EmployeeNo: r.code("employee_no", true)}
		d := &row.Day
		d.Date = r.date("date", true)
		d.Status = models.AttendanceStatus(r.enum("status", true, "", attendanceStatuses))
		if n := r.whole("late_minutes", false, 0, maxWhole); n != nil {
			d.LateMinutes = *n
		}
		if n := r.whole("early_leave_minutes", false, 0, maxWhole); n != nil {
			d.EarlyLeaveMinutes = *n
		}
		seen.dup(r, "date", "employee_no and date", row.EmployeeNo, d.Date)
		return row
	}
}

// ParseAudits parses an audits file: the fixed columns plus one column per
// item code (any column that is not fixed, upper-cased), each answered pass,
// fail or na. audit_ref is unique within the file and a row whose items are
// all na is an error. The store checks the item codes against the form.
func ParseAudits(t *Table) ([]models.AuditRow, []models.RowError) {
	seen := keys{}
	return parseRows(models.KindAudits, t, func(r *rowReader) models.AuditRow {
		row := models.AuditRow{Line: r.row.Line}
		row.Audit.Ref = r.code("audit_ref", true)
		row.EmployeeNo = r.code("employee_no", true)
		row.Audit.AuditDate = r.date("audit_date", true)
		row.Audit.Channel = models.Channel(r.enum("channel", true, "", channels))
		row.FormCode = r.code("form_code", true)
		row.Audit.Auditor = r.text("auditor", false)
		row.Answers = make(map[string]models.Answer, len(r.b.codes))
		allNA, complete := true, true
		for _, c := range r.b.codes {
			s, _ := r.at(c.index)
			if r.empty(c.code, s, true) {
				complete = false
				continue
			}
			v := strings.ToLower(normalise(s))
			if !slices.Contains(answers, v) {
				r.fail(c.code, s, mustBeOneOf(answers))
				complete = false
				continue
			}
			row.Answers[c.code] = models.Answer(v)
			allNA = allNA && v == string(models.NA)
		}
		if complete && allNA {
			r.fail("", "", models.Msg("import.err.all_na", nil, "every item is na: an audit needs at least one pass or fail"))
		}
		row.Audit.Notes = r.text("notes", false)
		seen.dup(r, "audit_ref", row.Audit.Ref, "audit_ref", row.Audit.Ref)
		return row
	})
}

// ParseWeekly parses a weekly reports file: week_start is a Sunday,
// submitted_on is on or after it, rating is 1–5 or empty, interactions ≥ 0 or
// empty; (employee_no, week_start) is unique within the file.
func ParseWeekly(t *Table) ([]models.WeeklyRow, []models.RowError) {
	return parseRows(models.KindWeekly, t, parseWeeklyRow(len(t.Rows)))
}

// parseWeeklyRow returns the parser of one weekly-report row, with its own
// record of the (employee_no, week_start) pairs seen; rows is the expected
// count.
func parseWeeklyRow(rows int) func(r *rowReader) models.WeeklyRow {
	seen := newDatedKeys(rows)
	return func(r *rowReader) models.WeeklyRow {
		row := models.WeeklyRow{Line: r.row.Line, EmployeeNo: r.code("employee_no", true)}
		w := &row.Report
		w.WeekStart = r.date("week_start", true)
		w.SubmittedOn = r.date("submitted_on", true)
		w.Rating = r.whole("rating", false, 1, 5)
		w.Interactions = r.whole("interactions", false, 0, maxWhole)
		w.Summary = r.text("summary", false)
		if !w.WeekStart.IsZero() && w.WeekStart.Weekday() != 0 {
			r.fail("week_start", w.WeekStart.String(),
				models.Msg("import.err.not_sunday", map[string]any{"Date": w.WeekStart.String()}, "must be a Sunday (%s is a %s)", w.WeekStart, w.WeekStart.Weekday()))
		}
		if !w.WeekStart.IsZero() && !w.SubmittedOn.IsZero() && w.SubmittedOn.Before(w.WeekStart) {
			r.fail("submitted_on", w.SubmittedOn.String(), models.Msg("import.err.on_or_after", map[string]any{"Other": models.Column("week_start"), "Date": w.WeekStart.String()},
				"must be on or after week_start (%s)", w.WeekStart))
		}
		seen.dup(r, "week_start", "employee_no and week_start", row.EmployeeNo, w.WeekStart)
		return row
	}
}

// ParseReviews parses a supervisor reviews file: the fixed columns plus one
// column per competency code (any column that is not fixed, upper-cased),
// each rated with a whole number from 1 to 5. The store checks the codes.
func ParseReviews(t *Table) ([]models.ReviewRow, []models.RowError) {
	return parseRows(models.KindReviews, t, func(r *rowReader) models.ReviewRow {
		row := models.ReviewRow{Line: r.row.Line, EmployeeNo: r.code("employee_no", true)}
		row.Review.ReviewDate = r.date("review_date", true)
		row.Review.Period = r.text("period", false)
		row.ReviewerNo = r.code("reviewer_no", false)
		row.Ratings = make(map[string]int, len(r.b.codes))
		for _, c := range r.b.codes {
			s, raw := r.at(c.index)
			if n := r.wholeValue(c.code, s, raw, true, 1, 5); n != nil {
				row.Ratings[c.code] = *n
			}
		}
		row.Review.Comments = r.text("comments", false)
		return row
	})
}

// ParseCandidates parses a candidates file. A non-empty email is unique
// within the file (the store treats the same email as the same candidate);
// experience_years is a decimal from 0 to less than 100.
func ParseCandidates(t *Table) ([]models.CandidateRow, []models.RowError) {
	seen := keys{}
	return parseRows(models.KindCandidates, t, func(r *rowReader) models.CandidateRow {
		c := models.Candidate{
			FullName:        r.text("full_name", true),
			Email:           r.email("email"),
			Phone:           r.phone("phone"),
			AppliedOn:       r.date("applied_on", true),
			Education:       r.text("education", false),
			ExperienceYears: r.decimal("experience_years", false, 0, 100),
			Languages:       r.text("languages", false),
			Source:          r.text("source", false),
			Notes:           r.text("notes", false),
		}
		row := models.CandidateRow{Line: r.row.Line, JobCode: r.code("job_code", true), Candidate: c,
			Present: r.present("email", "phone", "education", "experience_years", "languages", "source", "notes")}
		seen.dup(r, "email", c.Email, "email", c.Email)
		return row
	})
}

// ParseQuestions parses an interview question bank file (FORMATS.md): code
// unique within the file, a category and a competency from fixed lists, the
// question in Arabic and English, optional answer guides and retired.
func ParseQuestions(t *Table) ([]models.QuestionRow, []models.RowError) {
	seen := keys{}
	return parseRows(models.KindQuestions, t, func(r *rowReader) models.QuestionRow {
		q := models.Question{
			Code:         r.code("code", true),
			CategoryCode: r.enum("category", true, "", questionCategories),
			TextAr:       r.text("text_ar", true),
			TextEn:       r.text("text_en", true),
			Competency:   r.enum("competency", true, "", questionCompetencies),
			Guide1Ar:     r.text("guide_1_ar", false),
			Guide1En:     r.text("guide_1_en", false),
			Guide3Ar:     r.text("guide_3_ar", false),
			Guide3En:     r.text("guide_3_en", false),
			Guide5Ar:     r.text("guide_5_ar", false),
			Guide5En:     r.text("guide_5_en", false),
			Retired:      r.boolean("retired"),
		}
		row := models.QuestionRow{Line: r.row.Line, Question: q, Present: r.present("guide_1_ar", "guide_1_en",
			"guide_3_ar", "guide_3_en", "guide_5_ar", "guide_5_en", "retired")}
		seen.dup(r, "code", q.Code, "code", q.Code)
		return row
	})
}

// ParseJobs parses a job descriptions file (FORMATS.md): code unique within
// the file, titles in Arabic and English, a ladder role, and list cells with
// one item per line.
func ParseJobs(t *Table) ([]models.JobRow, []models.RowError) {
	seen := keys{}
	return parseRows(models.KindJobs, t, func(r *rowReader) models.JobRow {
		j := models.JobDescription{
			Code:               r.code("code", true),
			TitleAr:            r.text("title_ar", true),
			TitleEn:            r.text("title_en", true),
			LadderRole:         r.enum("ladder_role", true, "", ladderRoles),
			LocationAr:         r.text("location_ar", false),
			LocationEn:         r.text("location_en", false),
			PurposeAr:          r.text("purpose_ar", false),
			PurposeEn:          r.text("purpose_en", false),
			ResponsibilitiesAr: r.list("responsibilities_ar"),
			ResponsibilitiesEn: r.list("responsibilities_en"),
			QualificationsAr:   r.list("qualifications_ar"),
			QualificationsEn:   r.list("qualifications_en"),
			SkillsAr:           r.list("skills_ar"),
			SkillsEn:           r.list("skills_en"),
			Archived:           r.boolean("archived"),
		}
		row := models.JobRow{Line: r.row.Line, Job: j, Present: r.present("location_ar", "location_en", "purpose_ar",
			"purpose_en", "responsibilities_ar", "responsibilities_en", "qualifications_ar", "qualifications_en",
			"skills_ar", "skills_en", "archived")}
		seen.dup(r, "code", j.Code, "code", j.Code)
		return row
	})
}
