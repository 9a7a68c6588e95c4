package evaluation

import (
	"errors"
	"strings"
	"testing"
	"time"

	"sullam/models"
	"sullam/scoring"
)

// TestYearEnded: only a year before today's year may be finalized; the
// refusal is ErrYearNotEnded, an invalid-input error.
func TestYearEnded(t *testing.T) {
	today := models.MustDate("2026-01-01")
	for _, c := range []struct {
		name  string
		year  int
		ended bool
	}{
		{"last year has ended, even on 1 January", 2025, true},
		{"an older year has ended", 2019, true},
		{"the current year has not ended", 2026, false},
		{"a future year has not ended", 2027, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := YearEnded(c.year, today)
			if c.ended != (err == nil) {
				t.Fatalf("YearEnded(%d, %s) = %v, want ended %v", c.year, today, err, c.ended)
			}
			if err != nil && (!errors.Is(err, ErrYearNotEnded) || !errors.Is(err, models.ErrInvalid)) {
				t.Errorf("err = %v, want ErrYearNotEnded and ErrInvalid", err)
			}
		})
	}
}

// TestCheckFinalize: a finalized year is refused with ErrFinalized (before
// anything else), an incomplete one as invalid with its reasons, a complete
// one is accepted.
func TestCheckFinalize(t *testing.T) {
	complete := scoring.Annual{Complete: true, Score: 8000}
	incomplete := scoring.Annual{Reasons: []string{"quality: 3 audits, 4 needed", "weekly: 10 reports, 40 needed"}}
	for _, c := range []struct {
		name      string
		finalized bool
		live      scoring.Annual
		want      error
		text      string
	}{
		{"complete, not finalized: accepted", false, complete, nil, ""},
		{"finalized: refused as finalized", true, complete, models.ErrFinalized, ""},
		{"finalized and now incomplete: still refused as finalized", true, incomplete, models.ErrFinalized, ""},
		{"incomplete: invalid, naming the reasons", false, incomplete, models.ErrInvalid, "quality: 3 audits, 4 needed;weekly: 10 reports, 40 needed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckFinalize(c.finalized, c.live)
			if c.want == nil {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.text) {
				t.Errorf("err = %q, want it to name %q", err, c.text)
			}
		})
	}
}

// TestSnapshot: the snapshot holds the four component scores in spec order,
// the annual score, the policy version, who and when, version 1, the
// explanation as JSON of the live year and the digest of its components.
func TestSnapshot(t *testing.T) {
	live := scoring.Annual{Year: 2025, Complete: true, Score: 7654}
	for k, s := range []scoring.Cents{9000, 8000, 7000, 6000} {
		live.Components[k].Score = s
	}
	at := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	ev, err := Snapshot(7, 2025, live, 3, at, 42)
	if err != nil {
		t.Fatal(err)
	}
	want := models.Evaluation{AgentID: 7, Year: 2025, Attendance: 9000, Quality: 8000, Weekly: 7000, Supervisor: 6000,
		Annual: 7654, PolicyVersion: 3, InputsDigest: InputsDigest(live), Explanation: ev.Explanation, FinalizedAt: at, FinalizedBy: 42, Version: 1}
	if ev != want {
		t.Errorf("snapshot = %+v\nwant %+v", ev, want)
	}
	if !strings.Contains(ev.Explanation, `"score":76.54`) || !strings.Contains(ev.Explanation, `"year":2025`) {
		t.Errorf("explanation %s: want the live year as JSON", ev.Explanation)
	}
}

// TestInputsDigest: the digest changes with any component and only with the
// components (not the annual score or the explanation text).
func TestInputsDigest(t *testing.T) {
	a := scoring.Annual{Score: 100}
	a.Components[0].Score = 5000
	b := a
	b.Score, b.Reasons = 200, []string{"x"}
	if InputsDigest(a) != InputsDigest(b) {
		t.Error("the digest changed without a component changing")
	}
	c := a
	c.Components[3].Score = 1
	if InputsDigest(a) == InputsDigest(c) {
		t.Error("the digest did not change with a component")
	}
	if len(InputsDigest(a)) != 64 {
		t.Errorf("digest %q: want 64 hex digits (the column's size)", InputsDigest(a))
	}
}

// TestReopenReason: reopening needs a written reason; blanks do not count
// and the reason is kept trimmed.
func TestReopenReason(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""}, {"   \t\n", ""}, {"  data fixed  ", "data fixed"}, {"سبب", "سبب"},
	} {
		got, err := ReopenReason(c.in)
		if c.want == "" {
			if !errors.Is(err, models.ErrInvalid) {
				t.Errorf("ReopenReason(%q) err = %v, want ErrInvalid", c.in, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ReopenReason(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

// TestFinalizeAllResult: finalize-all tries only complete years, counts the
// others and those finalized meanwhile as skipped, keeps each other error.
func TestFinalizeAllResult(t *testing.T) {
	var r FinalizeAllResult
	boom := errors.New("disk full")
	statuses := []models.EvaluationStatus{models.EvalComplete, models.EvalIncomplete, models.EvalComplete, models.EvalComplete, models.EvalFinalized}
	outcomes := []error{nil, nil, models.ErrFinalized, boom, nil}
	tried := 0
	for i, s := range statuses {
		if r.Attempt(s) {
			tried++
			r.Add(outcomes[i])
		}
	}
	if tried != 3 || r.Finalized != 1 || r.Skipped != 3 || len(r.Failed) != 1 || !errors.Is(r.Failed[0], boom) {
		t.Errorf("tried %d, result %+v; want 3 tried, 1 finalized, 3 skipped, the disk error failed", tried, r)
	}
}
