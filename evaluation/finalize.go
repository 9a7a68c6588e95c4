package evaluation

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"sullam/models"
	"sullam/scoring"
)

// ErrYearNotEnded refuses to finalize the evaluation of a year that has not
// ended; it is an invalid-input error (models.ErrInvalid).
var ErrYearNotEnded = fmt.Errorf("the year has not ended: %w", models.ErrInvalid)

// YearEnded refuses (ErrYearNotEnded) a year that is not over as of today:
// only a year before today's year can be finalized.
func YearEnded(year int, today models.Date) error {
	if year >= today.Year {
		return fmt.Errorf("year %d (today is %s): %w", year, today, ErrYearNotEnded)
	}
	return nil
}

// CheckFinalize says whether a year's live evaluation may be finalized: not
// when it already has a snapshot (models.ErrFinalized), not when it is
// incomplete (models.ErrInvalid, with the incomplete components' reasons).
// The inbox counts as "to finalize" exactly the years this accepts.
func CheckFinalize(finalized bool, live scoring.Annual) error {
	switch {
	case finalized:
		return models.ErrFinalized
	case !live.Complete:
		return fmt.Errorf("the year is incomplete (%s): %w", live.ReasonText(), models.ErrInvalid)
	}
	return nil
}

// InputsDigest summarises what a year's live evaluation rests on, so a
// later change of any input shows as "inputs changed since finalization".
func InputsDigest(a scoring.Annual) string {
	b, _ := json.Marshal(a.Components)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Snapshot is what finalizing freezes of a complete year: the four
// component scores, the annual score, the policy version, the digest of the
// inputs, the explanation (JSON of the live evaluation), when and by whom;
// version 1.
func Snapshot(agentID uint, year int, live scoring.Annual, policyVersion int, at time.Time, by uint) (models.Evaluation, error) {
	expl, err := json.Marshal(live)
	if err != nil {
		return models.Evaluation{}, fmt.Errorf("encode explanation: %w", err)
	}
	c := live.Components
	return models.Evaluation{AgentID: agentID, Year: year, Attendance: int64(c[0].Score), Quality: int64(c[1].Score),
		Weekly: int64(c[2].Score), Supervisor: int64(c[3].Score), Annual: int64(live.Score), PolicyVersion: policyVersion,
		InputsDigest: InputsDigest(live), Explanation: string(expl), FinalizedAt: at, FinalizedBy: by, Version: 1}, nil
}

// ReopenReason returns the trimmed written reason for reopening a
// finalized year; an empty one is refused (models.ErrInvalid).
func ReopenReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return "", fmt.Errorf("a written reason is required: %w", models.ErrInvalid)
	}
	return reason, nil
}

// FinalizeAllResult says what finalizing every evaluation of a year did.
type FinalizeAllResult struct {
	Finalized int
	// Skipped counts the incomplete and already finalized evaluations.
	Skipped int
	// Failed holds the error of each evaluation that could not be finalized.
	Failed []error
}

// Attempt reports whether finalize-all tries an evaluation of this status:
// only a complete one; any other is counted as skipped.
func (r *FinalizeAllResult) Attempt(status models.EvaluationStatus) bool {
	if status != models.EvalComplete {
		r.Skipped++
		return false
	}
	return true
}

// Add counts the outcome of finalizing one evaluation: done when err is
// nil, skipped when it was already finalized (someone was faster), failed
// otherwise.
func (r *FinalizeAllResult) Add(err error) {
	switch {
	case err == nil:
		r.Finalized++
	case errors.Is(err, models.ErrFinalized):
		r.Skipped++
	default:
		r.Failed = append(r.Failed, err)
	}
}
