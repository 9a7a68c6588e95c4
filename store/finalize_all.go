package store

import (
	"context"
	"errors"
	"fmt"

	"sullam/models"
)

// ErrYearNotEnded refuses to finalize the evaluation of a year that has not
// ended; it is an invalid-input error (models.ErrInvalid).
var ErrYearNotEnded = fmt.Errorf("the year has not ended: %w", models.ErrInvalid)

// checkYearEnded refuses (ErrYearNotEnded) a year that is not over as of
// the store's clock: only a year before today's year can be finalized.
func (s *Store) checkYearEnded(year int) error {
	if today := models.DateOf(s.now()); year >= today.Year {
		return fmt.Errorf("year %d (today is %s): %w", year, today, ErrYearNotEnded)
	}
	return nil
}

// FinalizeAllResult says what FinalizeAll did.
type FinalizeAllResult struct {
	Finalized int
	// Skipped counts the incomplete and already finalized evaluations.
	Skipped int
	// Failed holds the error of each evaluation that could not be finalized.
	Failed []error
}

// FinalizeAll finalizes every complete, not yet finalized evaluation of year
// (optionally of one team), managers only; each agent is finalized in its own
// transaction, so one failure does not undo the others.
func (s *Store) FinalizeAll(ctx context.Context, a Actor, year int, team string) (FinalizeAllResult, error) {
	s = s.withContext(ctx)
	var res FinalizeAllResult
	if err := s.require(a, OpFinalize); err != nil {
		return res, err
	}
	if err := s.checkYearEnded(year); err != nil {
		return res, fmt.Errorf("finalize all %d: %w", year, err)
	}
	ys, err := s.EvaluateYear(ctx, a, year, YearFilter{Team: team})
	if err != nil {
		return res, fmt.Errorf("finalize all %d: %w", year, err)
	}
	for _, y := range ys {
		if y.Status != models.EvalComplete {
			res.Skipped++
			continue
		}
		if _, err := s.Finalize(ctx, a, y.Agent.ID, year); err != nil {
			if errors.Is(err, models.ErrFinalized) {
				res.Skipped++
				continue
			}
			res.Failed = append(res.Failed, err)
			continue
		}
		res.Finalized++
	}
	return res, nil
}
