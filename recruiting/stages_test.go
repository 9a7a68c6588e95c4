package recruiting

import (
	"reflect"
	"testing"
	"time"

	"sullam/models"
)

// TestTimeInStage: an open candidate's time in their stage counts from their
// last stage change, else from the day they applied (a move dated before
// applying does not count); a date after the day asked counts 0 days; the
// mean is per stage over the candidates in it.
func TestTimeInStage(t *testing.T) {
	d := func(m time.Month, day int) models.Date { return models.NewDate(2026, m, day) }
	asOf := d(3, 31)
	open := []OpenCandidate{
		{Stage: models.StageApplied, AppliedOn: d(3, 21)},                      // 10 days since applying
		{Stage: models.StageApplied, AppliedOn: d(3, 1)},                       // 30
		{Stage: models.StageInterview, AppliedOn: d(1, 1), LastMove: d(3, 29)}, // 2 since the move
		{Stage: models.StageInterview, AppliedOn: d(3, 20), LastMove: d(2, 1)}, // 11: the move is before applying
		{Stage: models.StageOffer, AppliedOn: d(3, 1), LastMove: d(4, 5)},      // moved after asOf: 0
	}
	in, mean := TimeInStage(open, asOf)
	wantIn := map[models.Stage]int{models.StageApplied: 2, models.StageInterview: 2, models.StageOffer: 1}
	wantMean := map[models.Stage]float64{models.StageApplied: 20, models.StageInterview: 6.5, models.StageOffer: 0}
	if !reflect.DeepEqual(in, wantIn) {
		t.Errorf("candidates in stage %v, want %v", in, wantIn)
	}
	if !reflect.DeepEqual(mean, wantMean) {
		t.Errorf("mean days in stage %v, want %v", mean, wantMean)
	}
	in, mean = TimeInStage(nil, asOf)
	if in == nil || mean == nil || len(in)+len(mean) != 0 {
		t.Errorf("no candidates: %v %v, want empty maps", in, mean)
	}
}
