package store

import (
	"errors"
	"testing"
	"time"

	"sullam/models"
)

// TestFinalizeRefusesYearNotEnded checks issue 13's guard rail: a year is
// finalized only once it has ended (by the store's clock), for one agent and
// for all; on the last day of the year it is still refused, and the year
// before passes this check (it fails here only for lack of data).
func TestFinalizeRefusesYearNotEnded(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t, WithClock(func() time.Time { return time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC) }))
			ag := mustAgent(t, s, "E1", nil)
			mgr := ActorOf(mustUser(t, s, "boss", nil, models.RoleManager))
			for _, year := range []int{2026, 2027} {
				if _, err := s.Evaluations().Finalize(t.Context(), mgr, ag.ID, year); !errors.Is(err, ErrYearNotEnded) || !errors.Is(err, models.ErrInvalid) {
					t.Errorf("finalize %d: err = %v, want ErrYearNotEnded", year, err)
				}
				if _, err := s.Evaluations().FinalizeAll(t.Context(), mgr, year, ""); !errors.Is(err, ErrYearNotEnded) {
					t.Errorf("finalize all %d: err = %v, want ErrYearNotEnded", year, err)
				}
			}
			if _, err := s.Evaluations().Finalize(t.Context(), mgr, ag.ID, 2025); errors.Is(err, ErrYearNotEnded) {
				t.Errorf("finalize 2025: %v, the year has ended", err)
			}
			if _, err := s.Evaluations().FinalizeAll(t.Context(), mgr, 2025, ""); err != nil {
				t.Errorf("finalize all 2025: %v", err)
			}
		})
	}
}
