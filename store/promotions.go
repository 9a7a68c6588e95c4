package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"sullam/evaluation"
	"sullam/models"
)

// Kinds of promotion decision (models.Promotion.Kind); the rules are
// package evaluation's.
const (
	// DecisionPromote moves the agent to the next role on the ladder.
	DecisionPromote = evaluation.DecisionPromote
	// DecisionKeep keeps an overdue agent in their role.
	DecisionKeep = evaluation.DecisionKeep
)

// MinJustification is the least number of characters of the written
// justification a promotion of an agent who is not ready needs.
const MinJustification = evaluation.MinJustification

// ErrJustification refuses the promotion of an agent who is not ready
// without a written justification of at least MinJustification characters;
// it is an invalid-input error (models.ErrInvalid).
var ErrJustification = evaluation.ErrJustification

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
func (es *Evaluations) DecidePromotion(ctx context.Context, a Actor, agentID uint, toRole string, effective models.Date, reason string) (models.Promotion, error) {
	s := es.s
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
		pr := evaluation.Promotion{Status: ag.Status, RoleStart: ag.RoleStartDate, NextRole: next, ToRole: toRole,
			Effective: effective, Reason: reason, Ready: ready}
		switch evaluation.CheckPromotion(pr) {
		case evaluation.NotActive:
			return models.Invalid("error.agent_inactive", map[string]any{"Agent": ag.EmployeeNo}, "agent %s is not active", ag.EmployeeNo)
		case evaluation.TopOfLadder:
			return models.Invalid("error.top_of_ladder", map[string]any{"Role": ag.Role}, "role %q is the top of the ladder", ag.Role)
		case evaluation.NotNextRole:
			return models.Invalid("error.next_role", map[string]any{"To": toRole, "From": ag.Role, "Next": next}, "to role %q: the next role after %q is %q", toRole, ag.Role, next)
		case evaluation.NoEffectiveDate:
			return models.Invalid("error.effective_date_required", nil, "effective date is required")
		case evaluation.BeforeRoleStart:
			return models.Invalid("error.effective_before_role_start", map[string]any{"Effective": effective, "Start": ag.RoleStartDate}, "effective date %s is before the role start date %s", effective, ag.RoleStartDate)
		case evaluation.NoReason:
			return models.Invalid("error.reason_required", nil, "a reason is required")
		case evaluation.NeedsJustification:
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
			EffectiveDate: effective, ApproverID: a.UserID, Reason: reason, Exception: pr.Exception()}
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
func (es *Evaluations) KeepInRole(ctx context.Context, a Actor, agentID uint, reason string) (models.Promotion, error) {
	s := es.s
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
		keep := evaluation.Keep{Status: ag.Status, RoleStart: ag.RoleStartDate, NextRole: next, Today: today,
			OverdueYears: p.OverdueYears, Reason: reason}
		switch evaluation.CheckKeep(keep) {
		case evaluation.NotActive:
			return models.Invalid("error.agent_inactive", map[string]any{"Agent": ag.EmployeeNo}, "agent %s is not active", ag.EmployeeNo)
		case evaluation.TopOfLadder:
			return models.Invalid("error.top_of_ladder", map[string]any{"Role": ag.Role}, "role %q is the top of the ladder", ag.Role)
		case evaluation.NotOverdue:
			return models.Invalid("error.not_overdue", map[string]any{"Agent": ag.EmployeeNo, "Date": keep.OverdueOn()}, "agent %s is not overdue before %s", ag.EmployeeNo, keep.OverdueOn())
		case evaluation.NoReason:
			return models.Invalid("error.reason_required", nil, "a reason is required")
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
func (es *Evaluations) PromotionHistory(ctx context.Context, a Actor, agentID uint) ([]models.Promotion, error) {
	s := es.s
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
	rs, err := s.Evaluations().Promotions(s.dbContext(), a, models.DateOf(s.now()), ReadinessFilter{AgentID: agentID})
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
