package store

import (
	"errors"
	"fmt"

	"sullam/models"
)

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
func (s *Store) FinalizeAll(a Actor, year int, team string) (FinalizeAllResult, error) {
	var res FinalizeAllResult
	if err := s.require(a, OpFinalize); err != nil {
		return res, err
	}
	ys, err := s.EvaluateYear(a, year, YearFilter{Team: team})
	if err != nil {
		return res, fmt.Errorf("finalize all %d: %w", year, err)
	}
	for _, y := range ys {
		if y.Status != models.EvalComplete {
			res.Skipped++
			continue
		}
		if _, err := s.Finalize(a, y.Agent.ID, year); err != nil {
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
