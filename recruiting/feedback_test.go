package recruiting

import (
	"testing"
	"time"

	"sullam/models"
)

var submitted = time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)

func assignment(user uint, done bool) models.InterviewAssignment {
	a := models.InterviewAssignment{UserID: user, Recommendation: models.Yes, Notes: "n"}
	if done {
		a.SubmittedAt = &submitted
	}
	return a
}

// TestKitOthersVisible checks blind feedback on one interview's kit: an
// interviewer sees the others' feedback only once they submitted theirs; a
// non-interviewer sees it when they see every candidate (HR, managers),
// never when they see only assigned candidates.
func TestKitOthersVisible(t *testing.T) {
	open, done := assignment(5, false), assignment(5, true)
	for _, tc := range []struct {
		name string
		v    Viewer
		mine *models.InterviewAssignment
		want bool
	}{
		{"interviewer before submitting", Viewer{UserID: 5}, &open, false},
		{"interviewer before submitting, even HR", Viewer{UserID: 5, SeesAll: true}, &open, false},
		{"interviewer after submitting", Viewer{UserID: 5}, &done, true},
		{"HR or manager not interviewing", Viewer{UserID: 9, SeesAll: true}, nil, true},
		{"not interviewing, assigned scope only", Viewer{UserID: 9}, nil, false},
	} {
		if got := KitOthersVisible(tc.v, tc.mine); got != tc.want {
			t.Errorf("%s: KitOthersVisible = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestShowsVerdictAndScore checks who sees which verdict and score on a
// kit: one's own always (scores only when assigned); another's only when
// the others are visible and that interviewer submitted.
func TestShowsVerdictAndScore(t *testing.T) {
	me := Viewer{UserID: 5}
	for _, tc := range []struct {
		name    string
		visible bool
		x       models.InterviewAssignment
		want    bool
	}{
		{"my own, unsubmitted, others hidden", false, assignment(5, false), true},
		{"another's submitted, others hidden", false, assignment(6, true), false},
		{"another's submitted, others visible", true, assignment(6, true), true},
		{"another's unsubmitted, others visible", true, assignment(6, false), false},
	} {
		if got := ShowsVerdict(me, tc.visible, tc.x); got != tc.want {
			t.Errorf("verdict, %s: %v, want %v", tc.name, got, tc.want)
		}
	}
	for _, tc := range []struct {
		name                    string
		assigned, visible, subm bool
		author                  uint
		want                    ScoreView
	}{
		{"my score, assigned", true, false, false, 5, ScoreMine},
		{"my score, not assigned (e.g. removed)", false, false, false, 5, ScoreHidden},
		{"another's, others hidden", true, false, true, 6, ScoreHidden},
		{"another's submitted, others visible", true, true, true, 6, ScoreOthers},
		{"another's unsubmitted, others visible", true, true, false, 6, ScoreHidden},
		{"HR not assigned sees submitted scores", false, true, true, 6, ScoreOthers},
	} {
		if got := ShowsScore(me, tc.assigned, tc.visible, tc.author, tc.subm); got != tc.want {
			t.Errorf("score, %s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestResultVisible checks who sees a candidate's interview result: never
// someone with unsubmitted feedback on one of the candidate's interviews
// (even HR); else those who see every candidate and the interviewers who
// submitted; not someone with the assigned scope who never interviewed
// the candidate. A system actor (user 0) is not held back by assignments.
func TestResultVisible(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    Viewer
		mine []models.InterviewAssignment
		want bool
	}{
		{"HR, not interviewing", Viewer{UserID: 9, SeesAll: true}, nil, true},
		{"HR with an unsubmitted interview", Viewer{UserID: 9, SeesAll: true}, []models.InterviewAssignment{assignment(9, true), assignment(9, false)}, false},
		{"interviewer who submitted everywhere", Viewer{UserID: 5}, []models.InterviewAssignment{assignment(5, true)}, true},
		{"interviewer not yet submitted", Viewer{UserID: 5}, []models.InterviewAssignment{assignment(5, false)}, false},
		{"assigned scope, never interviewed", Viewer{UserID: 5}, nil, false},
		{"system actor", Viewer{UserID: 0}, []models.InterviewAssignment{assignment(0, false)}, true},
	} {
		if got := ResultVisible(tc.v, tc.mine); got != tc.want {
			t.Errorf("%s: ResultVisible = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestScored checks that feedback can be submitted only when every
// question of the kit is scored.
func TestScored(t *testing.T) {
	for _, tc := range []struct {
		scored, kit int64
		want        bool
	}{{0, 3, false}, {2, 3, false}, {3, 3, true}, {0, 0, true}} {
		if got := Scored(tc.scored, tc.kit); got != tc.want {
			t.Errorf("Scored(%d, %d) = %v, want %v", tc.scored, tc.kit, got, tc.want)
		}
	}
}
