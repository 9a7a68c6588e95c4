package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sullam/models"
	"sullam/scoring"
	"sullam/store/migrations"
)

// workFixture is a store with a supervisor (agent S1) and their agent A1, a
// second supervisor S2 with agent A2, and a quality user.
type workFixture struct {
	s                  *Store
	sup1, sup2         Actor
	agent1, agent2     Actor
	quality            Actor
	a1, a2, s1ag, s2ag models.Agent
}

func newWorkFixture(t *testing.T, now time.Time) *workFixture {
	t.Helper()
	clock := &testClock{t: now}
	s := newStore(t, WithClock(clock.Now))
	f := &workFixture{s: s}
	f.s1ag = mustAgent(t, s, "S1", nil)
	f.s2ag = mustAgent(t, s, "S2", nil)
	f.a1 = mustAgent(t, s, "A1", &f.s1ag.ID)
	f.a2 = mustAgent(t, s, "A2", &f.s2ag.ID)
	f.sup1 = ActorOf(mustUser(t, s, "s1", &f.s1ag.ID, models.RoleSupervisor, models.RoleAgent))
	f.sup2 = ActorOf(mustUser(t, s, "s2", &f.s2ag.ID, models.RoleSupervisor, models.RoleAgent))
	f.agent1 = ActorOf(mustUser(t, s, "a1", &f.a1.ID, models.RoleAgent))
	f.agent2 = ActorOf(mustUser(t, s, "a2", &f.a2.ID, models.RoleAgent))
	f.quality = ActorOf(mustUser(t, s, "qa", nil, models.RoleQuality))
	return f
}

func latestForm(t *testing.T, s *Store, a Actor, code string) models.AuditForm {
	t.Helper()
	forms, err := s.Work().LatestForms(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range forms {
		if f.Code == code {
			return f
		}
	}
	t.Fatalf("no form %s", code)
	return models.AuditForm{}
}

func allAnswers(f models.AuditForm, ans models.Answer) map[uint]models.Answer {
	m := map[uint]models.Answer{}
	for _, it := range f.Items {
		m[it.ID] = ans
	}
	return m
}

// Rule: editing an audit form that audits already use stores a new version
// (same code, FormVer+1); the old audits keep the old version and score; an
// unused version is edited in place; an edit from a replaced version is stale.
func TestAuditFormVersioning(t *testing.T) {
	f := newWorkFixture(t, time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	s := f.s
	created, err := s.Work().SaveAuditForm(t.Context(), f.quality, models.AuditForm{Code: "chat-1", NameEn: "Chat", Items: []models.AuditFormItem{
		{Code: "greet", TextEn: "Greets", Weight: 1}, {Code: "solve", TextEn: "Solves", Weight: 3, Critical: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if created.Code != "CHAT-1" || created.FormVer != 1 || created.NameAr != "Chat" || len(created.Items) != 2 {
		t.Fatalf("created %+v", created)
	}
	// Unused: updated in place.
	created.Items[0].Weight = 2
	inPlace, err := s.Work().SaveAuditForm(t.Context(), f.quality, created)
	if err != nil {
		t.Fatal(err)
	}
	if inPlace.ID != created.ID || inPlace.FormVer != 1 {
		t.Fatalf("unused form edit made %s v%d #%d, want in place", inPlace.Code, inPlace.FormVer, inPlace.ID)
	}
	// Two edits from the same copy: the second is refused.
	stale := created
	stale.NameEn = "Chat (other desk)"
	if _, err := s.Work().SaveAuditForm(t.Context(), f.quality, stale); !errors.Is(err, models.ErrStale) {
		t.Errorf("second in-place edit from a stale copy: %v, want ErrStale", err)
	}
	// Used by an audit: a new version.
	au, err := s.Work().EnterAudit(t.Context(), f.quality, NewAudit{AgentID: f.a1.ID, FormID: inPlace.ID, Date: models.MustDate("2026-11-20"),
		Channel: models.Chat, Answers: map[uint]models.Answer{inPlace.Items[0].ID: models.Fail, inPlace.Items[1].ID: models.Pass}})
	if err != nil {
		t.Fatal(err)
	}
	edit := inPlace
	edit.Items = append(edit.Items, models.AuditFormItem{Code: "close", TextAr: "يختم", Weight: 1})
	v2, err := s.Work().SaveAuditForm(t.Context(), f.quality, edit)
	if err != nil {
		t.Fatal(err)
	}
	if v2.ID == inPlace.ID || v2.FormVer != 2 || v2.Code != "CHAT-1" || len(v2.Items) != 3 {
		t.Fatalf("used form edit made %s v%d #%d with %d items, want a new version 2", v2.Code, v2.FormVer, v2.ID, len(v2.Items))
	}
	old, err := s.Work().AuditFormByID(t.Context(), f.quality, inPlace.ID)
	if err != nil || len(old.Items) != 2 || old.Items[0].Weight != 2 {
		t.Fatalf("old version changed: %+v %v", old, err)
	}
	list, err := s.Work().ListAudits(t.Context(), f.quality, AuditListFilter{AgentID: f.a1.ID})
	if err != nil || len(list) != 1 {
		t.Fatalf("list audits: %v %v", list, err)
	}
	if list[0].Ref != au.Ref || list[0].FormVer != 1 || scoring.Round(list[0].Score).String() != "60.00" {
		t.Errorf("old audit %s on v%d scores %v, want v1 60.00", list[0].Ref, list[0].FormVer, list[0].Score)
	}
	// Editing the replaced version again is refused.
	if _, err := s.Work().SaveAuditForm(t.Context(), f.quality, inPlace); !errors.Is(err, models.ErrStale) {
		t.Errorf("edit of replaced version: %v, want ErrStale", err)
	}
	// Entering an audit on the replaced version is refused too.
	if _, err := s.Work().EnterAudit(t.Context(), f.quality, NewAudit{AgentID: f.a1.ID, FormID: inPlace.ID, Date: models.MustDate("2026-11-20"),
		Channel: models.Chat, Answers: allAnswers(inPlace, models.Pass)}); !errors.Is(err, models.ErrStale) {
		t.Errorf("audit on replaced version: %v, want ErrStale", err)
	}
	forms, err := s.Work().ListAuditForms(t.Context(), f.quality)
	if err != nil {
		t.Fatal(err)
	}
	var versions []int
	for _, x := range forms {
		if x.Code == "CHAT-1" {
			versions = append(versions, x.FormVer)
			if x.FormVer == 1 && (x.Audits != 1 || x.Latest) || x.FormVer == 2 && (x.Audits != 0 || !x.Latest) {
				t.Errorf("v%d: audits %d latest %v", x.FormVer, x.Audits, x.Latest)
			}
		}
	}
	if len(versions) != 2 {
		t.Errorf("versions listed %v, want [1 2]", versions)
	}
}

// Rule: a form needs a code, a name, at least one item, unique item codes
// and weights > 0; only Quality may save forms; saves are audit-logged.
func TestAuditFormValidation(t *testing.T) {
	f := newWorkFixture(t, time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	item := func(code string, w int) models.AuditFormItem {
		return models.AuditFormItem{Code: code, TextEn: "x", Weight: w}
	}
	cases := map[string]models.AuditForm{
		"no code":     {NameEn: "N", Items: []models.AuditFormItem{item("A", 1)}},
		"no name":     {Code: "F", Items: []models.AuditFormItem{item("A", 1)}},
		"no item":     {Code: "F", NameEn: "N"},
		"dup code":    {Code: "F", NameEn: "N", Items: []models.AuditFormItem{item("A", 1), item("a", 2)}},
		"zero weight": {Code: "F", NameEn: "N", Items: []models.AuditFormItem{item("A", 0)}},
		"no text":     {Code: "F", NameEn: "N", Items: []models.AuditFormItem{{Code: "A", Weight: 1}}},
	}
	for name, form := range cases {
		if _, err := f.s.Work().SaveAuditForm(t.Context(), f.quality, form); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	good := models.AuditForm{Code: "F", NameEn: "N", Items: []models.AuditFormItem{item("A", 1)}}
	if _, err := f.s.Work().SaveAuditForm(t.Context(), f.sup1, good); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("supervisor saves a form: %v, want ErrForbidden", err)
	}
	if _, err := f.s.Work().SaveAuditForm(t.Context(), f.quality, good); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Work().SaveAuditForm(t.Context(), f.quality, good); !errors.Is(err, models.ErrAlreadyExists) {
		t.Errorf("second new form with the same code: %v, want ErrAlreadyExists", err)
	}
	var n int64
	f.s.db.Model(&models.AuditLog{}).Where("entity = ? AND entity_key = ?", "audit_form", "F/v1").Count(&n)
	if n != 1 {
		t.Errorf("%d audit-log rows for F/v1, want 1", n)
	}
}

// Rule: an audit gets a reference AUD-YYYYMMDD-nnnn numbered per date; a
// failed critical item scores 0; all-na, future dates, a missing answer and
// a bad channel are refused; only Quality enters audits.
func TestEnterAudit(t *testing.T) {
	f := newWorkFixture(t, time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	form := latestForm(t, f.s, f.quality, scoring.DefaultAuditFormCode)
	base := NewAudit{AgentID: f.a1.ID, FormID: form.ID, Date: models.MustDate("2026-11-22"), Channel: models.Phone, Auditor: "QA"}
	n := base
	n.Answers = allAnswers(form, models.Pass)
	a1, err := f.s.Work().EnterAudit(t.Context(), f.quality, n)
	if err != nil {
		t.Fatal(err)
	}
	n.Answers = allAnswers(form, models.Pass)
	for _, it := range form.Items {
		if it.Critical {
			n.Answers[it.ID] = models.Fail
			break
		}
	}
	a2, err := f.s.Work().EnterAudit(t.Context(), f.quality, n)
	if err != nil {
		t.Fatal(err)
	}
	if a1.Ref != "AUD-20261122-0001" || a2.Ref != "AUD-20261122-0002" {
		t.Errorf("refs %s, %s", a1.Ref, a2.Ref)
	}
	var logged int64
	f.s.db.Model(&models.AuditLog{}).Where("action = ? AND entity = ? AND entity_key IN ?", "create", "audit", []string{a1.Ref, a2.Ref}).Count(&logged)
	if logged != 2 {
		t.Errorf("%d audit-log rows for the two audits, want 2", logged)
	}
	list, err := f.s.Work().ListAudits(t.Context(), f.quality, AuditListFilter{From: models.MustDate("2026-11-22"), To: models.MustDate("2026-11-22"), Channel: models.Phone})
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %d %v", len(list), err)
	}
	if list[0].Ref != a2.Ref || list[0].Score.Sign() != 0 || !list[0].CriticalFail || scoring.Round(list[1].Score).String() != "100.00" {
		t.Errorf("listed %s %v %v / %v", list[0].Ref, list[0].Score, list[0].CriticalFail, list[1].Score)
	}
	bad := map[string]NewAudit{}
	b := base
	b.Answers = allAnswers(form, models.NA)
	bad["all na"] = b
	b = base
	b.Answers = allAnswers(form, models.Pass)
	delete(b.Answers, form.Items[0].ID)
	bad["missing answer"] = b
	b = base
	b.Answers = allAnswers(form, models.Pass)
	b.Date = models.MustDate("2026-11-24")
	bad["future"] = b
	b = base
	b.Answers = allAnswers(form, models.Pass)
	b.Channel = "fax"
	bad["channel"] = b
	for name, x := range bad {
		if _, err := f.s.Work().EnterAudit(t.Context(), f.quality, x); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	n.Answers = allAnswers(form, models.Pass)
	if _, err := f.s.Work().EnterAudit(t.Context(), f.sup1, n); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("supervisor enters an audit: %v, want ErrForbidden", err)
	}
}

// Rule: a supervisor deletes a review of their own team entered by mistake,
// with a reason and the version they saw; the ratings go with it and the
// audit log keeps the review and the reason; another team's supervisor, the
// agent, a stale version and a missing reason are refused.
func TestDeleteReview(t *testing.T) {
	f := newWorkFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	comps, err := f.s.Competencies(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ratings := map[string]int{}
	for _, c := range comps {
		ratings[c.Code] = 4
	}
	rv, err := f.s.Work().SaveReview(t.Context(), f.sup1, ReviewInput{AgentID: f.a1.ID, Period: "2026-Q4", Date: models.MustDate("2026-11-24"), Ratings: ratings})
	if err != nil {
		t.Fatal(err)
	}
	stored := func() (reviews, rated int64) {
		f.s.db.Model(&models.Review{}).Where("id = ?", rv.ID).Count(&reviews)
		f.s.db.Model(&models.ReviewRating{}).Where("review_id = ?", rv.ID).Count(&rated)
		return
	}
	for name, c := range map[string]struct {
		who     Actor
		version int
		reason  string
		want    error
	}{
		"other team":    {f.sup2, rv.Version, "typo", models.ErrForbidden},
		"the agent":     {f.agent1, rv.Version, "typo", models.ErrForbidden},
		"stale version": {f.sup1, rv.Version + 1, "typo", models.ErrStale},
		"no reason":     {f.sup1, rv.Version, "", models.ErrInvalid},
	} {
		if err := f.s.Work().DeleteReview(t.Context(), c.who, rv.ID, c.version, c.reason); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
		if r, n := stored(); r != 1 || n != int64(len(comps)) {
			t.Fatalf("%s deleted something: %d reviews, %d ratings left", name, r, n)
		}
	}
	if err := f.s.Work().DeleteReview(t.Context(), f.sup1, rv.ID, rv.Version, "wrong agent"); err != nil {
		t.Fatal(err)
	}
	if r, n := stored(); r != 0 || n != 0 {
		t.Errorf("after delete: %d reviews, %d ratings", r, n)
	}
	var row models.AuditLog
	if err := f.s.db.Where("action = ? AND entity = ?", "delete_review", "review").First(&row).Error; err != nil ||
		!strings.Contains(row.Old, "2026-Q4") || !strings.Contains(row.New, "wrong agent") {
		t.Errorf("audit-log row %+v (%v)", row, err)
	}
}

// Rule: Quality deletes an audit entered by mistake, with a reason and the
// version they saw; the answers go with it, the audit as it was and the
// reason go to the audit log; a stale version, a missing reason and a role
// that may not enter audits are refused and delete nothing.
func TestDeleteAudit(t *testing.T) {
	f := newWorkFixture(t, time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	form := latestForm(t, f.s, f.quality, scoring.DefaultAuditFormCode)
	au, err := f.s.Work().EnterAudit(t.Context(), f.quality, NewAudit{AgentID: f.a1.ID, FormID: form.ID, Date: models.MustDate("2026-11-22"),
		Channel: models.Phone, Auditor: "QA", Answers: allAnswers(form, models.Pass)})
	if err != nil {
		t.Fatal(err)
	}
	stored := func() (audits, answers int64) {
		f.s.db.Model(&models.Audit{}).Where("id = ?", au.ID).Count(&audits)
		f.s.db.Model(&models.AuditResult{}).Where("audit_id = ?", au.ID).Count(&answers)
		return
	}
	for name, try := range map[string]func() error{
		"stale version": func() error { return f.s.Work().DeleteAudit(t.Context(), f.quality, au.ID, au.Version+1, "typo") },
		"no reason":     func() error { return f.s.Work().DeleteAudit(t.Context(), f.quality, au.ID, au.Version, "  ") },
		"supervisor":    func() error { return f.s.Work().DeleteAudit(t.Context(), f.sup1, au.ID, au.Version, "typo") },
		"the agent":     func() error { return f.s.Work().DeleteAudit(t.Context(), f.agent1, au.ID, au.Version, "typo") },
		"unknown audit": func() error { return f.s.Work().DeleteAudit(t.Context(), f.quality, au.ID+100, 1, "typo") },
	} {
		want := map[string]error{"stale version": models.ErrStale, "no reason": models.ErrInvalid, "supervisor": models.ErrForbidden,
			"the agent": models.ErrForbidden, "unknown audit": models.ErrNotFound}[name]
		if err := try(); !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", name, err, want)
		}
		if a, r := stored(); a != 1 || r != int64(len(form.Items)) {
			t.Fatalf("%s deleted something: %d audits, %d answers left", name, a, r)
		}
	}
	if err := f.s.Work().DeleteAudit(t.Context(), f.quality, au.ID, au.Version, "entered for the wrong agent"); err != nil {
		t.Fatal(err)
	}
	if a, r := stored(); a != 0 || r != 0 {
		t.Errorf("after delete: %d audits, %d answers, want none", a, r)
	}
	var row models.AuditLog
	if err := f.s.db.Where("action = ? AND entity_key = ?", "delete_audit", au.Ref).First(&row).Error; err != nil {
		t.Fatalf("no audit-log row: %v", err)
	}
	if !strings.Contains(row.Old, `"agent":"A1"`) || !strings.Contains(row.New, "entered for the wrong agent") {
		t.Errorf("audit-log row old %s new %s", row.Old, row.New)
	}
}

// Rule: an agent submits one report for the week starting the Sunday on or
// before today, may edit it until it is rated, and a second report for the
// same week is refused.
func TestSubmitWeekly(t *testing.T) {
	f := newWorkFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)) // a Wednesday
	n := 40
	rep, err := f.s.Work().SubmitWeekly(t.Context(), f.agent1, WeeklyInput{TasksDone: "calls", Interactions: &n})
	if err != nil {
		t.Fatal(err)
	}
	if rep.WeekStart.String() != "2026-11-22" || rep.SubmittedOn.String() != "2026-11-25" || rep.AgentID != f.a1.ID {
		t.Errorf("report %+v", rep)
	}
	if _, err := f.s.Work().SubmitWeekly(t.Context(), f.agent1, WeeklyInput{TasksDone: "again"}); !errors.Is(err, models.ErrAlreadyExists) {
		t.Errorf("second report of the week: %v, want ErrAlreadyExists", err)
	}
	if _, err := f.s.Work().SubmitWeekly(t.Context(), f.agent1, WeeklyInput{}); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("empty report: %v, want ErrInvalid", err)
	}
	edited, err := f.s.Work().SubmitWeekly(t.Context(), f.agent1, WeeklyInput{ID: rep.ID, Version: rep.Version, TasksDone: "calls and emails"})
	if err != nil || edited.Version != 2 || edited.SubmittedOn != rep.SubmittedOn {
		t.Fatalf("edit: %+v %v", edited, err)
	}
	if _, err := f.s.Work().SubmitWeekly(t.Context(), f.agent2, WeeklyInput{ID: rep.ID, Version: edited.Version, TasksDone: "mine"}); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("another agent edits the report: %v, want ErrForbidden", err)
	}
	if _, err := f.s.Work().RateWeekly(t.Context(), f.sup1, rep.ID, edited.Version, 4, "good"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Work().SubmitWeekly(t.Context(), f.agent1, WeeklyInput{ID: rep.ID, Version: edited.Version + 1, TasksDone: "late edit"}); !errors.Is(err, models.ErrStale) {
		t.Errorf("edit of a rated report: %v, want ErrStale", err)
	}
	mine, err := f.s.Work().MyWeeklyReports(t.Context(), f.agent1)
	if err != nil || len(mine) != 1 || mine[0].Rating == nil || *mine[0].Rating != 4 || mine[0].RatingComment != "good" {
		t.Errorf("my reports %+v %v", mine, err)
	}
	if _, err := f.s.Work().SubmitWeekly(t.Context(), f.quality, WeeklyInput{TasksDone: "x"}); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("quality submits: %v, want ErrForbidden", err)
	}
}

// Rule: a supervisor's queue holds only their own team's unrated reports;
// rating another team's report is forbidden; the second of two ratings made
// from the same (stale) copy is refused and the first stays.
func TestRatingQueueTeamAndStale(t *testing.T) {
	f := newWorkFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	r1, err := f.s.Work().SubmitWeekly(t.Context(), f.agent1, WeeklyInput{TasksDone: "a1 work"})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := f.s.Work().SubmitWeekly(t.Context(), f.agent2, WeeklyInput{TasksDone: "a2 work"})
	if err != nil {
		t.Fatal(err)
	}
	q, err := f.s.Work().RatingQueue(t.Context(), f.sup1)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 1 || q[0].ID != r1.ID || q[0].EmployeeNo != "A1" {
		t.Fatalf("sup1 queue %+v, want only A1's report", q)
	}
	if _, err := f.s.Work().RateWeekly(t.Context(), f.sup1, r2.ID, r2.Version, 5, ""); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("rate another team's report: %v, want ErrForbidden", err)
	}
	if _, err := f.s.Work().RatingQueue(t.Context(), f.agent1); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("agent reads a queue: %v, want ErrForbidden", err)
	}
	stale := q[0]
	if _, err := f.s.Work().RateWeekly(t.Context(), f.sup1, stale.ID, stale.Version, 3, "first"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Work().RateWeekly(t.Context(), f.sup1, stale.ID, stale.Version, 5, "second"); !errors.Is(err, models.ErrStale) {
		t.Errorf("second rating from a stale copy: %v, want ErrStale", err)
	}
	mine, _ := f.s.Work().MyWeeklyReports(t.Context(), f.agent1)
	if len(mine) != 1 || *mine[0].Rating != 3 || mine[0].RatingComment != "first" {
		t.Errorf("stored rating %v %q, want 3 first", mine[0].Rating, mine[0].RatingComment)
	}
	if _, err := f.s.Work().RateWeekly(t.Context(), f.sup2, r2.ID, r2.Version, 6, ""); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("rating 6: %v, want ErrInvalid", err)
	}
	if q, _ := f.s.Work().RatingQueue(t.Context(), f.sup1); len(q) != 0 {
		t.Errorf("queue after rating: %d reports", len(q))
	}
	var n int64
	f.s.db.Model(&models.AuditLog{}).Where("action = ? AND entity = ?", "rate", "weekly_report").Count(&n)
	if n != 1 {
		t.Errorf("%d rating audit-log rows, want 1", n)
	}
}

// Rule: the missing-reports list holds the supervisor's own active team
// members without a report for the week, and no one else.
func TestMissingReports(t *testing.T) {
	f := newWorkFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	a3 := mustAgent(t, f.s, "A3", &f.s1ag.ID)
	if _, err := f.s.Work().SubmitWeekly(t.Context(), f.agent1, WeeklyInput{TasksDone: "done"}); err != nil {
		t.Fatal(err)
	}
	miss, err := f.s.Work().MissingReports(t.Context(), f.sup1, f.s.Work().ThisWeek())
	if err != nil {
		t.Fatal(err)
	}
	if len(miss) != 1 || miss[0].ID != a3.ID {
		t.Errorf("missing this week %+v, want only A3", miss)
	}
	last, err := f.s.Work().MissingReports(t.Context(), f.sup1, f.s.Work().ThisWeek().AddDays(-7))
	if err != nil || len(last) != 2 {
		t.Errorf("missing last week %d %v, want A1 and A3", len(last), err)
	}
}

// Rule: a supervisor reviews only their own team, rating every active
// competency 1–5; the review is listed with its score and audit-logged.
func TestSaveReviewTeamOnly(t *testing.T) {
	f := newWorkFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	comps, err := f.s.Competencies(t.Context())
	if err != nil || len(comps) == 0 {
		t.Fatalf("competencies %v %v", comps, err)
	}
	ratings := map[string]int{}
	for _, c := range comps {
		ratings[c.Code] = 5
	}
	in := ReviewInput{AgentID: f.a1.ID, Period: "2026-Q4", Date: models.MustDate("2026-11-24"), Comments: "solid", Ratings: ratings}
	if _, err := f.s.Work().SaveReview(t.Context(), f.sup1, in); err != nil {
		t.Fatal(err)
	}
	other := in
	other.AgentID = f.a2.ID
	if _, err := f.s.Work().SaveReview(t.Context(), f.sup1, other); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("review of another team: %v, want ErrForbidden", err)
	}
	partial := in
	partial.Ratings = map[string]int{comps[0].Code: 3}
	if _, err := f.s.Work().SaveReview(t.Context(), f.sup1, partial); !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "no rating") {
		t.Errorf("partial review: %v, want ErrInvalid no rating", err)
	}
	list, err := f.s.Work().ListReviews(t.Context(), f.sup1, 0)
	if err != nil || len(list) != 1 || scoring.Round(list[0].Score).String() != "100.00" || len(list[0].Ratings) != len(comps) {
		t.Fatalf("reviews %+v %v", list, err)
	}
	if l2, _ := f.s.Work().ListReviews(t.Context(), f.sup2, 0); len(l2) != 0 {
		t.Errorf("the other supervisor sees %d reviews", len(l2))
	}
	team, err := f.s.Work().AgentsFor(t.Context(), f.sup1, OpWriteReview)
	if err != nil || len(team) != 1 || team[0].ID != f.a1.ID {
		t.Errorf("reviewable agents %+v %v, want only A1", team, err)
	}
	var n int64
	f.s.db.Model(&models.AuditLog{}).Where("entity = ? AND action = ?", "review", "create").Count(&n)
	if n != 1 {
		t.Errorf("%d review audit-log rows, want 1", n)
	}
}

// Rule: migration 0004 adds the version of audit forms to a database made
// before it; existing forms start at version 1 and can be edited.
func TestMigration0004OnOlderDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := gorm.Open(sqlite.Open(SQLiteDSN(path)), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	m := gormigrate.New(db, &gormigrate.Options{TableName: "schema_migrations", IDColumnName: "id", IDColumnSize: 255, UseTransaction: true}, migrations.List())
	if err := m.MigrateTo("0001_initial_schema"); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("INSERT INTO audit_forms (code, form_ver, name_ar, name_en, created_at) VALUES ('OLD', 1, 'قديم', 'Old', CURRENT_TIMESTAMP)").Error; err != nil {
		t.Fatal(err)
	}
	if d, err := db.DB(); err == nil {
		d.Close()
	}
	s, err := Open(path)
	if err != nil {
		t.Fatalf("open and migrate: %v", err)
	}
	defer s.Close()
	qa := ActorOf(mustUser(t, s, "qa", nil, models.RoleQuality))
	forms, err := s.Work().ListAuditForms(t.Context(), qa)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range forms {
		if f.Code != "OLD" {
			continue
		}
		if f.Version != 1 {
			t.Errorf("old form version %d, want 1", f.Version)
		}
		f.AuditForm.Items = []models.AuditFormItem{{Code: "A", TextEn: "a", Weight: 1}}
		saved, err := s.Work().SaveAuditForm(t.Context(), qa, f.AuditForm)
		if err != nil || saved.Version != 2 || saved.FormVer != 1 {
			t.Errorf("edit of the old form: %+v %v", saved, err)
		}
		return
	}
	t.Error("the old form is not listed")
}
