package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"sullam/models"
	"sullam/scoring"
)

// Rule: an attendance correction writes the new values and an audit-log row
// with the old values, the new values and the written reason.
func TestCorrectAttendanceLogsOldAndNew(t *testing.T) {
	s := newStore(t)
	ag := mustAgent(t, s, "E1", nil)
	hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	day := models.MustDate("2025-03-02")
	rows := []models.AttendanceRow{{Line: 2, EmployeeNo: "E1", Day: models.AttendanceDay{Date: day, Status: models.Absent}}}
	if _, err := s.ImportAttendance(hr, ImportSource{File: "a.csv"}, rows, nil); err != nil {
		t.Fatal(err)
	}
	seen, found, err := s.Work().AttendanceOn(t.Context(), hr, ag.ID, day)
	if err != nil || !found {
		t.Fatalf("AttendanceOn: %v, found %v", err, found)
	}
	got, err := s.Work().CorrectAttendance(t.Context(), hr, AttendanceCorrection{AgentID: ag.ID, Date: day, Status: models.Present, LateMinutes: 12,
		Reason: "badge reader fault", Seen: &seen})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != models.Present || got.LateMinutes != 12 {
		t.Errorf("corrected day = %+v", got)
	}
	after, _, _ := s.Work().AttendanceOn(t.Context(), hr, ag.ID, day)
	if after.Status != models.Present || after.LateMinutes != 12 {
		t.Errorf("stored day = %+v, want present, 12 late minutes", after)
	}
	logs, err := s.AuditLog(t.Context(), SystemActor("test"), AuditFilter{Action: "correct"})
	if err != nil || len(logs) != 1 {
		t.Fatalf("audit log: %v, %d rows", err, len(logs))
	}
	l := logs[0]
	if l.Username != "hr" || l.EntityKey != "E1/2025-03-02" || !strings.Contains(l.Old, `"absent"`) ||
		!strings.Contains(l.New, `"present"`) || !strings.Contains(l.New, "badge reader fault") {
		t.Errorf("audit row = %+v", l)
	}
}

// Rule: a correction based on a stale view of the day (someone changed it
// meanwhile, or created it) is refused with ErrStale and changes nothing.
func TestCorrectAttendanceStale(t *testing.T) {
	s := newStore(t)
	ag := mustAgent(t, s, "E1", nil)
	hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	day := models.MustDate("2025-03-02")
	seen, found, err := s.Work().AttendanceOn(t.Context(), hr, ag.ID, day)
	if err != nil || found {
		t.Fatalf("AttendanceOn on an empty day: %v, found %v", err, found)
	}
	first := AttendanceCorrection{AgentID: ag.ID, Date: day, Status: models.Leave, Reason: "approved leave"}
	if _, err := s.Work().CorrectAttendance(t.Context(), hr, first); err != nil {
		t.Fatal(err)
	}
	// A second editor who also saw no day tries to create it.
	second := first
	second.Status = models.Absent
	if _, err := s.Work().CorrectAttendance(t.Context(), hr, second); !errors.Is(err, models.ErrStale) {
		t.Errorf("second create: err = %v, want ErrStale", err)
	}
	// An editor holding the old values of a row changed since.
	seen = models.AttendanceDay{AgentID: ag.ID, Date: day, Status: models.Present}
	third := AttendanceCorrection{AgentID: ag.ID, Date: day, Status: models.Absent, Reason: "x", Seen: &seen}
	if _, err := s.Work().CorrectAttendance(t.Context(), hr, third); !errors.Is(err, models.ErrStale) {
		t.Errorf("stale update: err = %v, want ErrStale", err)
	}
	now, _, _ := s.Work().AttendanceOn(t.Context(), hr, ag.ID, day)
	if now.Status != models.Leave {
		t.Errorf("day = %s after refused saves, want leave", now.Status)
	}
}

// Rule: only HR corrects attendance, a reason is required, and a supervisor's
// attempt is refused with ErrForbidden.
func TestCorrectAttendanceAccessAndReason(t *testing.T) {
	s := newStore(t)
	sup := mustAgent(t, s, "S1", nil)
	ag := mustAgent(t, s, "E1", &sup.ID)
	hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	supervisor := ActorOf(mustUser(t, s, "sup", &sup.ID, models.RoleSupervisor))
	c := AttendanceCorrection{AgentID: ag.ID, Date: models.MustDate("2025-03-02"), Status: models.Present, Reason: "fix"}
	if _, err := s.Work().CorrectAttendance(t.Context(), supervisor, c); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("supervisor: err = %v, want ErrForbidden", err)
	}
	c.Reason = "  "
	if _, err := s.Work().CorrectAttendance(t.Context(), hr, c); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("no reason: err = %v, want ErrInvalid", err)
	}
}

// Rule: the attendance summary counts the days of each status in the year
// and lists the late or early days; the agents count matches the filter.
func TestAttendanceYearAndCountAgents(t *testing.T) {
	s := newStore(t)
	ag := mustAgent(t, s, "E1", nil)
	mustAgent(t, s, "E2", nil)
	hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	rows := []models.AttendanceRow{
		{Line: 2, EmployeeNo: "E1", Day: models.AttendanceDay{Date: models.MustDate("2025-03-02"), Status: models.Present, LateMinutes: 5}},
		{Line: 3, EmployeeNo: "E1", Day: models.AttendanceDay{Date: models.MustDate("2025-03-03"), Status: models.Present}},
		{Line: 4, EmployeeNo: "E1", Day: models.AttendanceDay{Date: models.MustDate("2025-03-04"), Status: models.Absent}},
		{Line: 5, EmployeeNo: "E1", Day: models.AttendanceDay{Date: models.MustDate("2024-03-04"), Status: models.Absent}},
	}
	if _, err := s.ImportAttendance(hr, ImportSource{File: "a.csv"}, rows, nil); err != nil {
		t.Fatal(err)
	}
	sum, err := s.Work().AttendanceYear(t.Context(), hr, ag.ID, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Counts[models.Present] != 2 || sum.Counts[models.Absent] != 1 || len(sum.LateOrEarly) != 1 {
		t.Errorf("summary = %+v", sum)
	}
	n, err := s.CountAgents(t.Context(), hr, AgentFilter{Search: "e2"})
	if err != nil || n != 1 {
		t.Errorf("CountAgents(e2) = %d, %v; want 1", n, err)
	}
}

// Rule: FinalizeAll finalizes nothing for a non-manager and skips the
// incomplete evaluations for a manager.
func TestFinalizeAllSkipsIncomplete(t *testing.T) {
	s := newStore(t)
	mustAgent(t, s, "E1", nil)
	hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	mgr := ActorOf(mustUser(t, s, "boss", nil, models.RoleManager))
	if _, err := s.Evaluations().FinalizeAll(t.Context(), hr, 2025, ""); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("HR: err = %v, want ErrForbidden", err)
	}
	res, err := s.Evaluations().FinalizeAll(t.Context(), mgr, 2025, "")
	if err != nil || res.Finalized != 0 || res.Skipped != 1 {
		t.Errorf("FinalizeAll = %+v, %v; want 0 finalized, 1 skipped", res, err)
	}
}

// Rule: a year shows the explanations it was finalized with, even when the
// live computation has changed since; a provisional year, or a snapshot
// without a readable explanation, shows the live one.
func TestAgentYearShown(t *testing.T) {
	frozen := scoring.Annual{Year: 2025, Complete: true, Score: 9000,
		Explanation: scoring.Explanation{Key: scoring.KeyAnnual, Args: map[string]any{"score": "90.00"}}}
	frozen.Components[0].Explanation = scoring.Explanation{Key: scoring.KeyAttendance, Args: map[string]any{"present": 212, "score": "97.25"}}
	b, err := json.Marshal(frozen)
	if err != nil {
		t.Fatal(err)
	}
	live := scoring.Annual{Year: 2025, Complete: true, Score: 8740,
		Explanation: scoring.Explanation{Key: scoring.KeyAnnual, Args: map[string]any{"score": "87.40"}}}
	y := AgentYear{Year: 2025, Live: live, Snapshot: &models.Evaluation{Annual: 9000, Explanation: string(b)}, InputsChanged: true}
	got := y.Shown()
	if got.Explanation.Args["score"] != "90.00" || got.Components[0].Explanation.Args["present"] != float64(212) {
		t.Errorf("finalized year shows %+v, want the snapshot's explanations", got.Explanation)
	}
	for name, y := range map[string]AgentYear{
		"provisional":      {Year: 2025, Live: live},
		"no explanation":   {Year: 2025, Live: live, Snapshot: &models.Evaluation{Annual: 9000}},
		"corrupt snapshot": {Year: 2025, Live: live, Snapshot: &models.Evaluation{Annual: 9000, Explanation: "{not json"}},
	} {
		if got := y.Shown(); got.Explanation.Args["score"] != "87.40" {
			t.Errorf("%s: shows %v, want the live explanation", name, got.Explanation.Args)
		}
	}
}
