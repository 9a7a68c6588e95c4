package scoring

import (
	"math/big"
	"testing"

	"sullam/models"
)

// d parses a YYYY-MM-DD test date.
func d(s string) models.Date { return models.MustDate(s) }

// rat parses an exact rational ("2.675", "1300/19").
func rat(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("bad rational " + s)
	}
	return r
}

// days returns n records with the given status on consecutive days from from.
func days(from string, n int, st models.AttendanceStatus, late, early int) []AttendanceRecord {
	out := make([]AttendanceRecord, n)
	start := d(from)
	for i := range out {
		out[i] = AttendanceRecord{Date: start.AddDays(i), Status: st, LateMinutes: late, EarlyLeaveMinutes: early}
	}
	return out
}

// concat joins record slices.
func concat(parts ...[]AttendanceRecord) []AttendanceRecord {
	var out []AttendanceRecord
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// tally feeds records into a new tally for year with policy p.
func tally(p Policy, year int, recs []AttendanceRecord) *AttendanceTally {
	t := NewAttendanceTally(p, year)
	for _, r := range recs {
		t.Add(r)
	}
	return t
}

// sundays returns n consecutive week starts from the Sunday from.
func sundays(from string, n int) []models.Date {
	out := make([]models.Date, n)
	for i := range out {
		out[i] = d(from).AddDays(7 * i)
	}
	return out
}

// checkComponent compares the common fields of a component.
func checkComponent(t *testing.T, got Component, kind ComponentKind, sufficient bool, score, reason string) {
	t.Helper()
	if got.Kind != kind {
		t.Errorf("kind = %v, want %v", got.Kind, kind)
	}
	if got.Sufficient != sufficient {
		t.Errorf("sufficient = %v, want %v (reason %q)", got.Sufficient, sufficient, got.Reason)
	}
	if sufficient {
		if got.Score.String() != score {
			t.Errorf("score = %s, want %s", got.Score, score)
		}
		if got.Exact == nil || Round(got.Exact) != got.Score {
			t.Errorf("exact %v does not round to score %s", got.Exact, got.Score)
		}
		if got.Reason != "" {
			t.Errorf("reason = %q for a sufficient component", got.Reason)
		}
	} else if got.Reason != reason {
		t.Errorf("reason = %q, want %q", got.Reason, reason)
	}
	if got.Explanation.Key == "" {
		t.Errorf("no explanation key")
	}
}
