// Package recruiting holds the rules of the recruitment area that are not
// persistence: the pipeline's allowed stage moves, who may see whose
// interview feedback and when (blind feedback), duplicate-candidate
// matching, the retention period and its cut-off, the default interview
// kit, a job copied from a template, and what a hire makes of a candidate.
// The store (store.Recruitment) loads the values, calls these functions
// inside its transaction and writes the outcome. It is pure: values in,
// decisions out; no I/O, no clock, no database.
//
// The statistics of the quality of hire are the package hiring's.
package recruiting

import "sullam/models"

// transitions are the allowed moves of the recruitment pipeline. Hired,
// rejected and withdrawn are final; hired is reached only through a hire.
var transitions = map[models.Stage][]models.Stage{
	models.StageApplied:   {models.StageScreening, models.StageRejected, models.StageWithdrawn},
	models.StageScreening: {models.StageInterview, models.StageRejected, models.StageWithdrawn},
	models.StageInterview: {models.StageOffer, models.StageRejected, models.StageWithdrawn},
	models.StageOffer:     {models.StageHired, models.StageRejected, models.StageWithdrawn},
}

// NextStages returns the stages a candidate in stage from may move to.
func NextStages(from models.Stage) []models.Stage {
	return append([]models.Stage(nil), transitions[from]...)
}

// CanMove reports whether the pipeline allows the move from → to.
func CanMove(from, to models.Stage) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// MovableByHand reports whether a candidate may be moved to stage to by a
// plain move: every stage but hired, which only a hire reaches (it makes
// the agent record at the same time).
func MovableByHand(to models.Stage) bool { return to != models.StageHired }
