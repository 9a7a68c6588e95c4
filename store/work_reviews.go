package store

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sullam/models"
	"sullam/scoring"
)

// ReviewInput is a supervisor review as written on the form: a 1–5 rating per
// active competency code.
type ReviewInput struct {
	AgentID  uint
	Period   string // e.g. 2026-Q4
	Date     models.Date
	Comments string
	Ratings  map[string]int
	// Probation marks the 90-day review of a new hire (see ProbationDays):
	// at most one per agent, dated on or after the hire date; it does not
	// count in the annual supervisor score.
	Probation bool
}

// ReviewEntry is a stored review with its agent and score, for a listing.
type ReviewEntry struct {
	models.Review
	EmployeeNo string
	AgentName  string
	// Score is the exact review score with the current competencies; nil
	// when they changed since and the review no longer covers them.
	Score *big.Rat `gorm:"-"`
}

// ScoringCompetencies converts competencies to the scoring type.
func ScoringCompetencies(comps []models.Competency) []scoring.Competency {
	out := make([]scoring.Competency, len(comps))
	for i, c := range comps {
		out[i] = scoring.Competency{Code: c.Code, NameAr: c.NameAr, NameEn: c.NameEn,
			DescriptionAr: c.DescriptionAr, DescriptionEn: c.DescriptionEn, Weight: c.Weight}
	}
	return out
}

// AgentsFor lists the active agents on whom the actor may perform op (a
// supervisor: their team), by employee number.
func (wk *Work) AgentsFor(ctx context.Context, a Actor, op Op) ([]models.Agent, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.require(a, op); err != nil {
		return nil, err
	}
	var out []models.Agent
	if err := scopeAgents(s.db.Model(&models.Agent{}), a, op).Where("agents.status = ?", models.Active).
		Order("agents.employee_no").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list agents for %s: %w", op, err)
	}
	return out, nil
}

// SaveReview stores a new review of one agent of the supervisor's own team,
// rating every active competency 1–5; the date may not be in the future.
func (wk *Work) SaveReview(ctx context.Context, a Actor, in ReviewInput) (models.Review, error) {
	s := wk.s
	s = s.withContext(ctx)
	var ag models.Agent
	if err := s.db.First(&ag, in.AgentID).Error; err != nil {
		return models.Review{}, fmt.Errorf("save review: agent #%d: %w", in.AgentID, translate(err))
	}
	if err := s.requireAgent(a, OpWriteReview, &ag); err != nil {
		return models.Review{}, err
	}
	in.Period, in.Comments = strings.TrimSpace(in.Period), strings.TrimSpace(in.Comments)
	switch {
	case in.Date.IsZero():
		return models.Review{}, models.Invalid("error.date_required", map[string]any{"Agent": ag.EmployeeNo}, "save review of %s: the date is required", ag.EmployeeNo)
	case in.Date.After(models.DateOf(s.now())):
		return models.Review{}, models.Invalid("error.date_future", map[string]any{"Agent": ag.EmployeeNo, "Date": in.Date}, "save review of %s: date %s is in the future", ag.EmployeeNo, in.Date)
	case len(in.Period) > 32:
		return models.Review{}, models.Invalid("error.period_long", map[string]any{"Agent": ag.EmployeeNo}, "save review of %s: the period is longer than 32 characters", ag.EmployeeNo)
	}
	var rv models.Review
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if in.Probation {
			if err := checkProbationReview(tx, ag, in.Date); err != nil {
				return err
			}
		}
		var comps []models.Competency
		if err := tx.Where("active = ?", true).Order("sort").Find(&comps).Error; err != nil {
			return err
		}
		score, err := scoring.ReviewScore(ScoringCompetencies(comps), in.Ratings)
		if err != nil {
			return fmt.Errorf("%w: %w", err, models.ErrInvalid)
		}
		rv = models.Review{AgentID: ag.ID, ReviewDate: in.Date, Period: in.Period, ReviewerID: a.AgentID, Comments: in.Comments, Probation: in.Probation, Version: 1}
		if err := tx.Omit(clause.Associations).Create(&rv).Error; err != nil {
			return translate(err)
		}
		for _, c := range comps {
			rv.Ratings = append(rv.Ratings, models.ReviewRating{ReviewID: rv.ID, CompetencyCode: c.Code, Rating: in.Ratings[c.Code]})
		}
		if err := tx.Create(&rv.Ratings).Error; err != nil {
			return translate(err)
		}
		if err := s.refreshReviewSummaries(tx, summaryKeys{{ag.ID, in.Date.Year}: {}}); err != nil {
			return err
		}
		logged := map[string]any{"period": in.Period, "date": in.Date.String(), "ratings": in.Ratings, "comments": in.Comments,
			"score": scoring.Round(score).String()}
		if in.Probation {
			logged["probation"] = true
		}
		return s.logChange(tx, a, "create", "review", fmt.Sprintf("%s/%s", ag.EmployeeNo, in.Date), nil, logged)
	})
	if err != nil {
		return models.Review{}, fmt.Errorf("save review of %s: %w", ag.EmployeeNo, err)
	}
	return rv, nil
}

// ListReviews lists the reviews the actor may see (agentID 0: of every agent
// in scope; a supervisor sees their team), newest first, with their ratings
// and score.
func (wk *Work) ListReviews(ctx context.Context, a Actor, agentID uint) ([]ReviewEntry, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewScores) && !a.Can(OpWriteReview) {
		return nil, s.deny(a, OpViewScores, "")
	}
	op := OpViewScores
	if a.ScopeOf(OpWriteReview) > a.ScopeOf(OpViewScores) {
		op = OpWriteReview
	}
	q := scopeAgents(s.db.Model(&models.Review{}).Joins("JOIN agents ON agents.id = reviews.agent_id"), a, op)
	if agentID != 0 {
		q = q.Where("reviews.agent_id = ?", agentID)
	}
	var out []ReviewEntry
	if err := q.Select("reviews.*, agents.employee_no AS employee_no, agents.full_name AS agent_name").
		Order("reviews.review_date DESC, reviews.id DESC").Limit(1000).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("list reviews: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	comps, err := s.Competencies(ctx)
	if err != nil {
		return nil, err
	}
	sc := ScoringCompetencies(comps)
	ids := make([]uint, len(out))
	for i := range out {
		ids[i] = out[i].ID
	}
	byReview := map[uint][]models.ReviewRating{}
	for start := 0; start < len(ids); start += batchSize {
		var part []models.ReviewRating
		if err := s.db.Where("review_id IN ?", ids[start:min(start+batchSize, len(ids))]).Find(&part).Error; err != nil {
			return nil, fmt.Errorf("list review ratings: %w", err)
		}
		for _, r := range part {
			byReview[r.ReviewID] = append(byReview[r.ReviewID], r)
		}
	}
	for i := range out {
		out[i].Ratings = byReview[out[i].ID]
		m := map[string]int{}
		for _, r := range out[i].Ratings {
			m[r.CompetencyCode] = r.Rating
		}
		if score, err := scoring.ReviewScore(sc, m); err == nil {
			out[i].Score = score
		}
	}
	return out, nil
}

// DeleteReview removes a supervisor review entered by mistake (its author's
// role: a supervisor for their own team), with its ratings. version is the
// review's version as shown (a stale one is refused with ErrStale) and the
// reason is required; the review as it was and the reason go to the audit
// log. An evaluation finalized on it keeps its snapshot and shows "inputs
// changed".
func (wk *Work) DeleteReview(ctx context.Context, a Actor, id uint, version int, reason string) error {
	s := wk.s
	s = s.withContext(ctx)
	reason = strings.TrimSpace(reason)
	// access first, outside the transaction (a denial writes its own log row)
	var rv models.Review
	var ag models.Agent
	if err := s.db.First(&rv, id).Error; err != nil {
		return fmt.Errorf("delete review #%d: %w", id, translate(err))
	}
	if err := s.db.First(&ag, rv.AgentID).Error; err != nil {
		return fmt.Errorf("delete review #%d: %w", id, translate(err))
	}
	if err := s.requireAgent(a, OpWriteReview, &ag); err != nil {
		return err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Preload("Ratings").First(&rv, id).Error; err != nil {
			return translate(err)
		}
		if rv.Version != version {
			return fmt.Errorf("review of %s on %s was changed by someone else: %w", ag.EmployeeNo, rv.ReviewDate, models.ErrStale)
		}
		if reason == "" {
			return models.Invalid("error.reason_required", nil, "a reason is required")
		}
		if err := tx.Where("review_id = ?", id).Delete(&models.ReviewRating{}).Error; err != nil {
			return err
		}
		if err := tx.Delete(&models.Review{}, id).Error; err != nil {
			return err
		}
		if err := s.refreshReviewSummaries(tx, summaryKeys{{rv.AgentID, rv.ReviewDate.Year}: {}}); err != nil {
			return err
		}
		ratings := map[string]int{}
		for _, r := range rv.Ratings {
			ratings[r.CompetencyCode] = r.Rating
		}
		old := map[string]any{"date": rv.ReviewDate.String(), "period": rv.Period, "ratings": ratings, "comments": rv.Comments}
		return s.logChange(tx, a, "delete_review", "review", fmt.Sprintf("%s/%s", ag.EmployeeNo, rv.ReviewDate), old,
			map[string]any{"deleted": true, "reason": reason})
	})
	if err != nil {
		return fmt.Errorf("delete review #%d: %w", id, err)
	}
	return nil
}
