package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"sullam/models"
)

// Kinds of promotion decision (models.Promotion.Kind).
const (
	// DecisionPromote moves the agent to the next role on the ladder.
	DecisionPromote = "promote"
	// DecisionKeep keeps an overdue agent in their role.
	DecisionKeep = "keep"
)

// MinJustification is the least number of characters of the written
// justification a promotion of an agent who is not ready needs.
const MinJustification = 30

// ErrJustification refuses the promotion of an agent who is not ready
// without a written justification of at least MinJustification characters;
// it is an invalid-input error (models.ErrInvalid).
var ErrJustification = fmt.Errorf("the agent is not ready for promotion: a written justification of at least %d characters is required: %w",
	MinJustification, models.ErrInvalid)

// promotionView is what the audit log records of a decision.
func promotionView(p models.Promotion) map[string]any {
	return map[string]any{"kind": p.Kind, "from_role": p.FromRole, "to_role": p.ToRole,
		"effective_date": p.EffectiveDate.String(), "reason": p.Reason, "exception": p.Exception}
}

// DecidePromotion promotes an active agent to toRole from effective, for a
// reason; managers only. toRole must be the next role on the ladder after the
// agent's current role, effective must not be before the current role start
// date, and the reason is required. An agent who is not ready as of today
// (spec/scoring.md readiness) may be promoted only as an exception: the reason
// is then a written justification of at least MinJustification characters
// (else ErrJustification), and the decision is marked Exception. The agent's role and role start date
// change (optimistic version check), the role history gets a new row, and the
// decision and the agent change are written to the audit log.
func (s *Store) DecidePromotion(ctx context.Context, a Actor, agentID uint, toRole string, effective models.Date, reason string) (models.Promotion, error) {
	s = s.withContext(ctx)
	reason = strings.TrimSpace(reason)
	toRole = strings.TrimSpace(toRole)
	if err := s.checkDecider(a, agentID); err != nil {
		return models.Promotion{}, err
	}
	ready, err := s.readyToday(a, agentID)
	if err != nil {
		return models.Promotion{}, fmt.Errorf("promote agent #%d to %s: %w", agentID, toRole, err)
	}
	var out models.Promotion
	err = s.db.Transaction(func(tx *gorm.DB) error {
		var ag models.Agent
		if err := tx.First(&ag, agentID).Error; err != nil {
			return translate(err)
		}
		p, err := s.policyTx(tx, 0)
		if err != nil {
			return err
		}
		next, _ := p.NextRole(ag.Role)
		switch {
		case ag.Status != models.Active:
			return fmt.Errorf("agent %s is not active: %w", ag.EmployeeNo, models.ErrInvalid)
		case next == "":
			return fmt.Errorf("role %q is the top of the ladder: %w", ag.Role, models.ErrInvalid)
		case toRole != next:
			return fmt.Errorf("to role %q: the next role after %q is %q: %w", toRole, ag.Role, next, models.ErrInvalid)
		case effective.IsZero():
			return fmt.Errorf("effective date is required: %w", models.ErrInvalid)
		case effective.Before(ag.RoleStartDate):
			return fmt.Errorf("effective date %s is before the role start date %s: %w", effective, ag.RoleStartDate, models.ErrInvalid)
		case reason == "":
			return fmt.Errorf("a reason is required: %w", models.ErrInvalid)
		case !ready && utf8.RuneCountInString(reason) < MinJustification:
			return ErrJustification
		}
		res := tx.Model(&models.Agent{}).Where("id = ? AND version = ?", ag.ID, ag.Version).Updates(map[string]any{
			"role": toRole, "role_start_date": effective, "version": ag.Version + 1, "updated_at": s.now().UTC()})
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected == 0 {
			return models.ErrStale
		}
		old := ag
		ag.Role, ag.RoleStartDate, ag.Version = toRole, effective, ag.Version+1
		if err := s.recordRoleChange(tx, ag.ID, toRole, effective, "promotion: "+reason); err != nil {
			return err
		}
		out = models.Promotion{AgentID: ag.ID, Kind: DecisionPromote, FromRole: old.Role, ToRole: toRole,
			EffectiveDate: effective, ApproverID: a.UserID, Reason: reason, Exception: !ready}
		if err := tx.Omit("Agent").Create(&out).Error; err != nil {
			return fmt.Errorf("save decision: %w", err)
		}
		if err := s.logChange(tx, a, "promote", "agent", ag.EmployeeNo, agentView(old), agentView(ag)); err != nil {
			return err
		}
		return s.logChange(tx, a, "create", "promotion", ag.EmployeeNo, nil, promotionView(out))
	})
	if err != nil {
		return models.Promotion{}, fmt.Errorf("promote agent #%d to %s: %w", agentID, toRole, err)
	}
	return out, nil
}

// KeepInRole records a manager's decision to keep an overdue agent in their
// role, with a reason; managers only. The agent must be active and overdue
// (in role for at least the policy's OverdueYears as of today). The decision
// is written to the audit log; the agent's role does not change.
func (s *Store) KeepInRole(ctx context.Context, a Actor, agentID uint, reason string) (models.Promotion, error) {
	s = s.withContext(ctx)
	reason = strings.TrimSpace(reason)
	if err := s.checkDecider(a, agentID); err != nil {
		return models.Promotion{}, err
	}
	var out models.Promotion
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var ag models.Agent
		if err := tx.First(&ag, agentID).Error; err != nil {
			return translate(err)
		}
		p, err := s.policyTx(tx, 0)
		if err != nil {
			return err
		}
		today := models.DateOf(s.now())
		next, _ := p.NextRole(ag.Role)
		switch {
		case ag.Status != models.Active:
			return fmt.Errorf("agent %s is not active: %w", ag.EmployeeNo, models.ErrInvalid)
		case next == "":
			return fmt.Errorf("role %q is the top of the ladder: %w", ag.Role, models.ErrInvalid)
		case today.Before(ag.RoleStartDate.AddYears(p.OverdueYears)):
			return fmt.Errorf("agent %s is not overdue before %s: %w", ag.EmployeeNo, ag.RoleStartDate.AddYears(p.OverdueYears), models.ErrInvalid)
		case reason == "":
			return fmt.Errorf("a reason is required: %w", models.ErrInvalid)
		}
		out = models.Promotion{AgentID: ag.ID, Kind: DecisionKeep, FromRole: ag.Role, ToRole: ag.Role,
			EffectiveDate: today, ApproverID: a.UserID, Reason: reason}
		if err := tx.Omit("Agent").Create(&out).Error; err != nil {
			return fmt.Errorf("save decision: %w", err)
		}
		return s.logChange(tx, a, "keep_in_role", "promotion", ag.EmployeeNo, nil, promotionView(out))
	})
	if err != nil {
		return models.Promotion{}, fmt.Errorf("keep agent #%d in role: %w", agentID, err)
	}
	return out, nil
}

// PromotionHistory lists the promotion decisions about one agent, oldest
// first; for those who may see promotions (managers, HR) or the agent's scores.
func (s *Store) PromotionHistory(ctx context.Context, a Actor, agentID uint) ([]models.Promotion, error) {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	var ag models.Agent
	if err := s.db.First(&ag, agentID).Error; err != nil {
		return nil, fmt.Errorf("promotion history of agent #%d: %w", agentID, translate(err))
	}
	if !a.CanOnAgent(OpViewPromotions, &ag) && !a.CanOnAgent(OpViewScores, &ag) {
		return nil, s.deny(a, OpViewPromotions, ag.EmployeeNo)
	}
	var out []models.Promotion
	if err := s.db.Where("agent_id = ?", agentID).Order("effective_date, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("promotion history of agent #%d: %w", agentID, err)
	}
	return out, nil
}

// readyToday reports whether the agent is ready for promotion as of today
// (the status of the promotion board).
func (s *Store) readyToday(a Actor, agentID uint) (bool, error) {
	rs, err := s.Promotions(s.dbContext(), a, models.DateOf(s.now()), ReadinessFilter{AgentID: agentID})
	if err != nil {
		return false, fmt.Errorf("readiness of agent #%d: %w", agentID, err)
	}
	return len(rs) == 1 && rs[0].Readiness.Status == models.Ready, nil
}

// checkDecider checks, before any transaction (a refusal is logged on its own
// connection), that the actor may decide promotions for the agent.
func (s *Store) checkDecider(a Actor, agentID uint) error {
	var ag models.Agent
	if err := s.db.First(&ag, agentID).Error; err != nil {
		return fmt.Errorf("agent #%d: %w", agentID, translate(err))
	}
	return s.requireAgent(a, OpDecidePromotion, &ag)
}
