package store

import (
	"context"
	"fmt"

	"sullam/models"
)

// Counts are the headline numbers of the home screen, limited to what the actor may see.
type Counts struct {
	Agents        int64 // active agents visible to the actor
	Teams         int64
	Candidates    int64 // -1 when the actor may not see candidates
	OpenJobs      int64
	PolicyVersion int
}

// HomeCounts returns the headline numbers for actor a.
func (es *Evaluations) HomeCounts(ctx context.Context, a Actor) (Counts, error) {
	s := es.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return Counts{}, err
	}
	var c Counts
	if a.Can(OpViewAgents) {
		q := scopeAgents(s.db.Model(&models.Agent{}), a, OpViewAgents).Where("status = ?", models.Active)
		if err := q.Count(&c.Agents).Error; err != nil {
			return c, fmt.Errorf("count agents: %w", err)
		}
		q = scopeAgents(s.db.Model(&models.Agent{}), a, OpViewAgents).Where("status = ? AND team <> ''", models.Active)
		if err := q.Distinct("team").Count(&c.Teams).Error; err != nil {
			return c, fmt.Errorf("count teams: %w", err)
		}
	}
	c.Candidates = -1
	if a.ScopeOf(OpViewCandidates) == ScopeAll {
		if err := s.db.Model(&models.Candidate{}).Where("stage NOT IN ?", []models.Stage{models.StageHired, models.StageRejected, models.StageWithdrawn}).Count(&c.Candidates).Error; err != nil {
			return c, fmt.Errorf("count candidates: %w", err)
		}
	}
	if err := s.db.Model(&models.JobDescription{}).Where("archived = ?", false).Count(&c.OpenJobs).Error; err != nil {
		return c, fmt.Errorf("count jobs: %w", err)
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return c, err
	}
	c.PolicyVersion = p.Version
	return c, nil
}
