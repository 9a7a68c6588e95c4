package store

import (
	"context"
	"fmt"

	"sullam/evaluation"
	"sullam/models"
)

// ErrYearNotEnded refuses to finalize the evaluation of a year that has not
// ended (evaluation.ErrYearNotEnded); it is an invalid-input error
// (models.ErrInvalid).
var ErrYearNotEnded = evaluation.ErrYearNotEnded

// checkYearEnded refuses (ErrYearNotEnded) a year that is not over as of
// the store's clock (evaluation.YearEnded).
func (s *Store) checkYearEnded(year int) error {
	return evaluation.YearEnded(year, models.DateOf(s.now()))
}

// FinalizeAllResult says what FinalizeAll did (evaluation.FinalizeAllResult).
type FinalizeAllResult = evaluation.FinalizeAllResult

// FinalizeAll finalizes every complete, not yet finalized evaluation of year
// (optionally of one team), managers only; each agent is finalized in its own
// transaction, so one failure does not undo the others.
func (es *Evaluations) FinalizeAll(ctx context.Context, a Actor, year int, team string) (FinalizeAllResult, error) {
	s := es.s
	s = s.withContext(ctx)
	var res FinalizeAllResult
	if err := s.require(a, OpFinalize); err != nil {
		return res, err
	}
	if err := s.checkYearEnded(year); err != nil {
		return res, fmt.Errorf("finalize all %d: %w", year, err)
	}
	ys, err := s.Evaluations().EvaluateYear(ctx, a, year, YearFilter{Team: team})
	if err != nil {
		return res, fmt.Errorf("finalize all %d: %w", year, err)
	}
	for _, y := range ys {
		if res.Attempt(y.Status) {
			_, err := s.Evaluations().Finalize(ctx, a, y.Agent.ID, year)
			res.Add(err)
		}
	}
	return res, nil
}
