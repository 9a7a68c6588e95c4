package recruiting

import (
	"slices"
	"testing"

	"sullam/models"
)

// TestCanMove checks the pipeline's allowed moves: applied → screening →
// interview → offer → hired, rejected or withdrawn from any open stage, no
// skipping, no going back, nothing out of a final stage (hired, rejected,
// withdrawn); NextStages lists exactly the allowed moves.
func TestCanMove(t *testing.T) {
	allowed := map[[2]models.Stage]bool{
		{models.StageApplied, models.StageScreening}: true, {models.StageScreening, models.StageInterview}: true,
		{models.StageInterview, models.StageOffer}: true, {models.StageOffer, models.StageHired}: true,
	}
	for _, from := range []models.Stage{models.StageApplied, models.StageScreening, models.StageInterview, models.StageOffer} {
		allowed[[2]models.Stage{from, models.StageRejected}] = true
		allowed[[2]models.Stage{from, models.StageWithdrawn}] = true
	}
	for _, from := range models.Stages {
		var next []models.Stage
		for _, to := range models.Stages {
			want := allowed[[2]models.Stage{from, to}]
			if got := CanMove(from, to); got != want {
				t.Errorf("CanMove(%s, %s) = %v, want %v", from, to, got, want)
			}
			if want {
				next = append(next, to)
			}
		}
		got := NextStages(from)
		slices.Sort(got)
		slices.Sort(next)
		if !slices.Equal(got, next) {
			t.Errorf("NextStages(%s) = %v, want %v", from, got, next)
		}
	}
}

// TestNextStagesIsACopy checks that a caller changing the list it got
// cannot change the pipeline.
func TestNextStagesIsACopy(t *testing.T) {
	n := NextStages(models.StageApplied)
	n[0] = models.StageHired
	if CanMove(models.StageApplied, models.StageHired) {
		t.Fatal("changing NextStages' result changed the pipeline")
	}
}

// TestMovableByHand checks that every stage but hired can be the target of
// a plain move: hired is reached only through a hire.
func TestMovableByHand(t *testing.T) {
	for _, to := range models.Stages {
		if got, want := MovableByHand(to), to != models.StageHired; got != want {
			t.Errorf("MovableByHand(%s) = %v, want %v", to, got, want)
		}
	}
}
