package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sullam/models"
	"sullam/recruiting"
	"sullam/scoring"
)

// NewInterview is what HR enters to schedule an interview.
type NewInterview struct {
	CandidateID    uint
	At             time.Time
	Location       string
	InterviewerIDs []uint
	QuestionIDs    []uint // the kit, in order
}

// Interviewers lists the active users who may be assigned to interviews (HR).
func (r *Recruitment) Interviewers(ctx context.Context, a Actor) ([]models.User, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return nil, err
	}
	var out []models.User
	if err := s.db.Select("id", "username", "full_name").Where("active = ?", true).Order("full_name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list interviewers: %w", err)
	}
	return out, nil
}

// AutoPickQuestions picks up to perCategory non-retired questions of each
// category, in category and code order: a default interview kit.
func (r *Recruitment) AutoPickQuestions(ctx context.Context, a Actor, perCategory int) ([]models.Question, error) {
	s := r.s
	s = s.withContext(ctx)
	qs, err := s.Recruitment().ListQuestions(ctx, a, false)
	if err != nil {
		return nil, err
	}
	return recruiting.PickPerCategory(qs, perCategory), nil
}

// ScheduleInterview creates an interview of a candidate with its
// interviewers and its kit of non-retired questions (HR).
func (r *Recruitment) ScheduleInterview(ctx context.Context, a Actor, in NewInterview) (models.Interview, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return models.Interview{}, err
	}
	iv := models.Interview{CandidateID: in.CandidateID, ScheduledAt: in.At.UTC(), Location: strings.TrimSpace(in.Location), Version: 1}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if err := recruiting.CheckInterviewPlan(in.At, len(in.InterviewerIDs), len(in.QuestionIDs)); err != nil {
			return err
		}
		var c models.Candidate
		if err := tx.Omit("cv_data").First(&c, in.CandidateID).Error; err != nil {
			return translate(err)
		}
		if !recruiting.Hireable(c) {
			return models.Invalid("error.candidate_anonymised", nil, "candidate is anonymised")
		}
		var n int64
		if err := tx.Model(&models.Question{}).Where("id IN ? AND retired = ?", in.QuestionIDs, false).Count(&n).Error; err != nil {
			return err
		}
		if int(n) != len(uniq(in.QuestionIDs)) {
			return models.Invalid("error.kit_retired_question", nil, "the kit holds a retired or unknown question")
		}
		if err := tx.Model(&models.User{}).Where("id IN ? AND active = ?", in.InterviewerIDs, true).Count(&n).Error; err != nil {
			return err
		}
		if int(n) != len(uniq(in.InterviewerIDs)) {
			return models.Invalid("error.interviewer_inactive", nil, "an interviewer is unknown or inactive")
		}
		if err := tx.Omit(clause.Associations).Create(&iv).Error; err != nil {
			return translate(err)
		}
		for i, q := range uniq(in.QuestionIDs) {
			if err := tx.Omit(clause.Associations).Create(&models.InterviewQuestion{InterviewID: iv.ID, QuestionID: q, Sort: i + 1}).Error; err != nil {
				return translate(err)
			}
		}
		for _, u := range uniq(in.InterviewerIDs) {
			if err := tx.Omit(clause.Associations).Create(&models.InterviewAssignment{InterviewID: iv.ID, UserID: u}).Error; err != nil {
				return translate(err)
			}
		}
		return s.logChange(tx, a, "create", "interview", fmt.Sprint(iv.ID), nil, map[string]any{"candidate_id": c.ID,
			"at": iv.ScheduledAt, "interviewers": in.InterviewerIDs, "questions": in.QuestionIDs})
	})
	if err != nil {
		return models.Interview{}, fmt.Errorf("schedule interview of candidate #%d: %w", in.CandidateID, err)
	}
	return iv, nil
}

func uniq(ids []uint) []uint {
	seen := map[uint]bool{}
	var out []uint
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// InterviewKit is one interview as one actor may see it. Blind feedback: an
// interviewer sees only their own scores and verdict until they submit.
type InterviewKit struct {
	Interview models.Interview
	Candidate models.Candidate // without CV data
	Questions []models.Question
	// Interviewers lists every assignment; the recommendation and notes of
	// others are empty unless OthersVisible and they submitted.
	Interviewers []models.InterviewAssignment
	// Mine is the actor's own assignment; nil when the actor does not interview.
	Mine *models.InterviewAssignment
	// MyScores holds the actor's own scores by question ID.
	MyScores map[uint]models.InterviewScore
	// OthersVisible says whether the others' submitted feedback is shown.
	OthersVisible bool
	// OtherScores holds the other interviewers' submitted scores (empty
	// unless OthersVisible).
	OtherScores []models.InterviewScore
}

// Kit returns an interview as the actor may see it (see InterviewKit).
func (r *Recruitment) Kit(ctx context.Context, a Actor, interviewID uint) (InterviewKit, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return InterviewKit{}, err
	}
	var k InterviewKit
	if err := s.db.First(&k.Interview, interviewID).Error; err != nil {
		return k, fmt.Errorf("interview #%d: %w", interviewID, translate(err))
	}
	c, err := s.Recruitment().Candidate(ctx, a, k.Interview.CandidateID)
	if err != nil {
		return k, err
	}
	k.Candidate = c
	var iq []models.InterviewQuestion
	if err := s.db.Preload("Question").Where("interview_id = ?", interviewID).Order("sort").Find(&iq).Error; err != nil {
		return k, fmt.Errorf("interview #%d questions: %w", interviewID, err)
	}
	for _, x := range iq {
		if x.Question != nil {
			k.Questions = append(k.Questions, *x.Question)
		}
	}
	if err := s.db.Preload("User", func(db *gorm.DB) *gorm.DB { return db.Select("id", "username", "full_name") }).
		Where("interview_id = ?", interviewID).Order("user_id").Find(&k.Interviewers).Error; err != nil {
		return k, fmt.Errorf("interview #%d interviewers: %w", interviewID, err)
	}
	for i := range k.Interviewers {
		if k.Interviewers[i].UserID == a.UserID && a.UserID != 0 {
			mine := k.Interviewers[i]
			k.Mine = &mine
		}
	}
	v := feedbackViewer(a)
	k.OthersVisible = recruiting.KitOthersVisible(v, k.Mine)
	for i := range k.Interviewers {
		x := &k.Interviewers[i]
		if !recruiting.ShowsVerdict(v, k.OthersVisible, *x) {
			x.Recommendation, x.Notes = "", ""
		}
	}
	var scores []models.InterviewScore
	if err := s.db.Where("interview_id = ?", interviewID).Find(&scores).Error; err != nil {
		return k, fmt.Errorf("interview #%d scores: %w", interviewID, err)
	}
	submitted := map[uint]bool{}
	for _, x := range k.Interviewers {
		submitted[x.UserID] = x.SubmittedAt != nil
	}
	k.MyScores = map[uint]models.InterviewScore{}
	for _, sc := range scores {
		switch recruiting.ShowsScore(v, k.Mine != nil, k.OthersVisible, sc.UserID, submitted[sc.UserID]) {
		case recruiting.ScoreMine:
			k.MyScores[sc.QuestionID] = sc
		case recruiting.ScoreOthers:
			k.OtherScores = append(k.OtherScores, sc)
		}
	}
	return k, nil
}

// assignment loads the actor's own, unsubmitted assignment on an interview.
func (s *Store) openAssignment(tx *gorm.DB, a Actor, interviewID uint) (models.InterviewAssignment, error) {
	var as models.InterviewAssignment
	if err := tx.Where("interview_id = ? AND user_id = ?", interviewID, a.UserID).First(&as).Error; err != nil {
		return as, s.deny(a, OpViewCandidates, fmt.Sprintf("interview %d", interviewID))
	}
	if as.SubmittedAt != nil {
		return as, models.Invalid("error.feedback_submitted", nil, "feedback already submitted")
	}
	return as, nil
}

// SaveScore records the actor's 1–5 score and notes for one question of an
// interview they are assigned to, until they submit.
func (r *Recruitment) SaveScore(ctx context.Context, a Actor, interviewID, questionID uint, score int, notes string) error {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return err
	}
	if !recruiting.ValidScore(score) {
		return models.Invalid("error.score_range", map[string]any{"Score": score}, "score %d: want 1 to 5", score)
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if _, err := s.openAssignment(tx, a, interviewID); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&models.InterviewQuestion{}).Where("interview_id = ? AND question_id = ?", interviewID, questionID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.Invalid("error.question_not_in_kit", map[string]any{"ID": questionID}, "question #%d is not in the kit", questionID)
		}
		var old models.InterviewScore
		had := tx.Where("interview_id = ? AND question_id = ? AND user_id = ?", interviewID, questionID, a.UserID).First(&old).Error == nil
		sc := models.InterviewScore{InterviewID: interviewID, QuestionID: questionID, UserID: a.UserID, Score: score, Notes: strings.TrimSpace(notes)}
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&sc).Error; err != nil {
			return translate(err)
		}
		var oldView map[string]any
		if had {
			oldView = map[string]any{"score": old.Score, "notes": old.Notes}
		}
		return s.logCandidateChange(tx, a, "score", "interview", fmt.Sprintf("%d/q%d", interviewID, questionID), oldView, map[string]any{"score": score, "notes": sc.Notes})
	})
	if err != nil {
		return fmt.Errorf("save score of interview #%d: %w", interviewID, err)
	}
	return nil
}

// SubmitFeedback submits the actor's verdict on an interview: every question
// of the kit must be scored. After it the scores cannot change and the
// actor sees the others' submitted feedback.
func (r *Recruitment) SubmitFeedback(ctx context.Context, a Actor, interviewID uint, rec models.Recommendation, notes string) error {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return err
	}
	if !recruiting.ValidRecommendation(rec) {
		return models.Invalid("error.recommendation", map[string]any{"Rec": rec}, "submit feedback: recommendation %q", rec)
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if _, err := s.openAssignment(tx, a, interviewID); err != nil {
			return err
		}
		var kit, scored int64
		if err := tx.Model(&models.InterviewQuestion{}).Where("interview_id = ?", interviewID).Count(&kit).Error; err != nil {
			return err
		}
		if err := tx.Model(&models.InterviewScore{}).Where("interview_id = ? AND user_id = ? AND question_id IN (SELECT question_id FROM interview_questions WHERE interview_id = ?)",
			interviewID, a.UserID, interviewID).Count(&scored).Error; err != nil {
			return err
		}
		if !recruiting.Scored(scored, kit) {
			return models.Invalid("error.questions_unscored", map[string]any{"Scored": scored, "Kit": kit}, "%d of %d questions scored", scored, kit)
		}
		now := s.now().UTC()
		if err := tx.Model(&models.InterviewAssignment{}).Where("interview_id = ? AND user_id = ?", interviewID, a.UserID).
			Updates(map[string]any{"submitted_at": now, "recommendation": rec, "notes": strings.TrimSpace(notes)}).Error; err != nil {
			return err
		}
		return s.logCandidateChange(tx, a, "submit", "interview", fmt.Sprint(interviewID), nil, map[string]any{"recommendation": rec, "notes": notes})
	})
	if err != nil {
		return fmt.Errorf("submit feedback on interview #%d: %w", interviewID, err)
	}
	return nil
}

// InterviewRow is one line of an interview listing.
type InterviewRow struct {
	Interview     models.Interview
	CandidateName string
	JobTitleAr    string
	JobTitleEn    string
	Interviewers  int
	Submitted     int
	// MySubmitted is whether the actor (if assigned) has submitted.
	MySubmitted bool
}

// MyInterviews lists the interviews the actor is assigned to, pending first.
func (r *Recruitment) MyInterviews(ctx context.Context, a Actor) ([]InterviewRow, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	var ids []uint
	if err := s.db.Model(&models.InterviewAssignment{}).Where("user_id = ?", a.UserID).Pluck("interview_id", &ids).Error; err != nil {
		return nil, fmt.Errorf("my interviews: %w", err)
	}
	return s.interviewRows(a, s.db.Where("interviews.id IN ?", append(ids, 0)))
}

// CandidateInterviews lists a candidate's interviews, if the actor may see the candidate.
func (r *Recruitment) CandidateInterviews(ctx context.Context, a Actor, candidateID uint) ([]InterviewRow, error) {
	s := r.s
	s = s.withContext(ctx)
	if _, err := s.candidateVisible(a, candidateID); err != nil {
		return nil, err
	}
	return s.interviewRows(a, s.db.Where("interviews.candidate_id = ?", candidateID))
}

func (s *Store) interviewRows(a Actor, q *gorm.DB) ([]InterviewRow, error) {
	var ivs []models.Interview
	if err := q.Preload("Interviewers").Order("scheduled_at").Find(&ivs).Error; err != nil {
		return nil, fmt.Errorf("list interviews: %w", err)
	}
	var out []InterviewRow
	for _, iv := range ivs {
		var c models.Candidate
		if err := s.db.Omit("cv_data").Preload("Job").First(&c, iv.CandidateID).Error; err != nil {
			return nil, fmt.Errorf("interview #%d candidate: %w", iv.ID, translate(err))
		}
		r := InterviewRow{Interview: iv, CandidateName: c.FullName, Interviewers: len(iv.Interviewers)}
		if c.Job != nil {
			r.JobTitleAr, r.JobTitleEn = c.Job.TitleAr, c.Job.TitleEn
		}
		for _, x := range iv.Interviewers {
			if x.SubmittedAt != nil {
				r.Submitted++
				if x.UserID == a.UserID {
					r.MySubmitted = true
				}
			}
		}
		r.Interview.Interviewers = nil
		out = append(out, r)
	}
	return out, nil
}

// feedbackVisible reports whether the actor may see the interviewers' scores
// of a candidate: never while the actor has unsubmitted feedback on one of
// its interviews; else HR and managers, and interviewers who submitted.
func (s *Store) feedbackVisible(a Actor, candidateID uint) (bool, error) {
	var mine []models.InterviewAssignment
	if err := s.db.Joins("JOIN interviews ON interviews.id = interview_assignments.interview_id").
		Where("interviews.candidate_id = ? AND interview_assignments.user_id = ?", candidateID, a.UserID).Find(&mine).Error; err != nil {
		return false, err
	}
	return recruiting.ResultVisible(feedbackViewer(a), mine), nil
}

// feedbackViewer is the actor as the blind-feedback rules see them.
func feedbackViewer(a Actor) recruiting.Viewer {
	return recruiting.Viewer{UserID: a.UserID, SeesAll: a.ScopeOf(OpViewCandidates) == ScopeAll}
}

// CandidateResult is a candidate's interview result from all submitted feedback.
type CandidateResult struct {
	Result          scoring.InterviewResult
	Recommendations []models.Recommendation
	// Hidden is true when the actor may not see the feedback yet (blind feedback).
	Hidden bool
}

// Result computes a candidate's interview result from every submitted
// interviewer's scores (see scoring.ScoreInterview).
func (r *Recruitment) Result(ctx context.Context, a Actor, candidateID uint) (CandidateResult, error) {
	s := r.s
	s = s.withContext(ctx)
	if _, err := s.candidateVisible(a, candidateID); err != nil {
		return CandidateResult{}, err
	}
	return s.result(a, candidateID)
}

func (s *Store) result(a Actor, candidateID uint) (CandidateResult, error) {
	ok, err := s.feedbackVisible(a, candidateID)
	if err != nil {
		return CandidateResult{}, fmt.Errorf("result of candidate #%d: %w", candidateID, err)
	}
	if !ok {
		return CandidateResult{Hidden: true}, nil
	}
	var rows []struct {
		QuestionID uint
		Competency string
		UserID     uint
		Score      int
	}
	err = s.db.Table("interview_scores").
		Select("interview_scores.question_id, questions.competency, interview_scores.user_id, interview_scores.score").
		Joins("JOIN interviews ON interviews.id = interview_scores.interview_id").
		Joins("JOIN interview_assignments ON interview_assignments.interview_id = interview_scores.interview_id AND interview_assignments.user_id = interview_scores.user_id").
		Joins("JOIN questions ON questions.id = interview_scores.question_id").
		Where("interviews.candidate_id = ? AND interview_assignments.submitted_at IS NOT NULL", candidateID).Scan(&rows).Error
	if err != nil {
		return CandidateResult{}, fmt.Errorf("result of candidate #%d: %w", candidateID, err)
	}
	marks := make([]scoring.InterviewMark, len(rows))
	for i, r := range rows {
		marks[i] = scoring.InterviewMark{QuestionID: r.QuestionID, Competency: r.Competency, InterviewerID: r.UserID, Score: r.Score}
	}
	var recs []models.Recommendation
	err = s.db.Model(&models.InterviewAssignment{}).Joins("JOIN interviews ON interviews.id = interview_assignments.interview_id").
		Where("interviews.candidate_id = ? AND interview_assignments.submitted_at IS NOT NULL", candidateID).
		Order("interview_assignments.submitted_at").Pluck("interview_assignments.recommendation", &recs).Error
	if err != nil {
		return CandidateResult{}, fmt.Errorf("recommendations of candidate #%d: %w", candidateID, err)
	}
	return CandidateResult{Result: scoring.ScoreInterview(marks, recs), Recommendations: recs}, nil
}

// ComparisonRow is one candidate of a job's comparison.
type ComparisonRow struct {
	Candidate models.Candidate
	CandidateResult
}

// Compare lists the candidates of one job the actor may see with their
// interview results, best score first.
func (r *Recruitment) Compare(ctx context.Context, a Actor, jobID uint) ([]ComparisonRow, error) {
	s := r.s
	s = s.withContext(ctx)
	cands, err := s.Recruitment().ListCandidates(ctx, a, CandidateFilter{JobID: jobID})
	if err != nil {
		return nil, err
	}
	var out []ComparisonRow
	for _, c := range cands {
		if !recruiting.Comparable(c) {
			continue
		}
		r, err := s.result(a, c.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, ComparisonRow{Candidate: c, CandidateResult: r})
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Result.Percent > out[j-1].Result.Percent; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}
