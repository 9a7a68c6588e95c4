package recruiting

import "sullam/models"

// Blind feedback: an interviewer sees only their own scores and verdict on
// an interview until they submit theirs; then they see the others'
// submitted feedback. Someone who sees every candidate (HR, managers) and
// does not interview sees the submitted feedback; nobody sees feedback not
// yet submitted but its author.

// Viewer is who looks at interview feedback.
type Viewer struct {
	// UserID is the viewer's user ID (0 for a system actor).
	UserID uint
	// SeesAll is true when the viewer may see every candidate (HR,
	// managers), false when only those whose interviews they are assigned to.
	SeesAll bool
}

// KitOthersVisible reports whether the viewer of one interview's kit sees
// the other interviewers' submitted feedback: when they are assigned
// (mine is their assignment) and have submitted, or when they are not
// assigned and see every candidate.
func KitOthersVisible(v Viewer, mine *models.InterviewAssignment) bool {
	return (mine != nil && mine.SubmittedAt != nil) || (mine == nil && v.SeesAll)
}

// ShowsVerdict reports whether the viewer of a kit sees the recommendation
// and notes of assignment x: their own always, another's only when the
// others are visible and x has been submitted.
func ShowsVerdict(v Viewer, othersVisible bool, x models.InterviewAssignment) bool {
	return x.UserID == v.UserID || (othersVisible && x.SubmittedAt != nil)
}

// ScoreView says where a kit shows one score: among the viewer's own, among
// the others', or nowhere.
type ScoreView int

// Where a score shows.
const (
	ScoreHidden ScoreView = iota
	ScoreMine
	ScoreOthers
)

// ShowsScore says where the viewer of a kit sees a score written by
// author: their own when they are assigned (assigned) and wrote it; another
// interviewer's when the others are visible and its author has submitted.
func ShowsScore(v Viewer, assigned, othersVisible bool, author uint, authorSubmitted bool) ScoreView {
	switch {
	case author == v.UserID && assigned:
		return ScoreMine
	case othersVisible && authorSubmitted:
		return ScoreOthers
	}
	return ScoreHidden
}

// ResultVisible reports whether the viewer may see a candidate's interview
// result (every submitted interviewer's scores): never while the viewer
// has unsubmitted feedback on one of the candidate's interviews (mine are
// the viewer's assignments on them); else when they see every candidate
// or interviewed the candidate.
func ResultVisible(v Viewer, mine []models.InterviewAssignment) bool {
	for _, m := range mine {
		if m.SubmittedAt == nil && v.UserID != 0 {
			return false
		}
	}
	return v.SeesAll || len(mine) > 0
}

// Scored reports whether an interviewer may submit: every question of the
// kit (kit of them) has their score (scored of them).
func Scored(scored, kit int64) bool { return scored >= kit }
