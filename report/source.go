package report

import (
	"context"
	"fmt"

	"sullam/models"
	"sullam/store"
)

// Source is what the reports read from the store.
type Source interface {
	Agent(ctx context.Context, a store.Actor, employeeNo string) (models.Agent, error)
	AgentByID(ctx context.Context, a store.Actor, id uint) (models.Agent, error)
	AgentNames(ctx context.Context, a store.Actor, ids []uint) (map[uint]string, error)
	AgentYears(ctx context.Context, a store.Actor, agentID uint, from, to int) ([]store.AgentYear, error)
	Promotions(ctx context.Context, a store.Actor, asOf models.Date, f store.ReadinessFilter) ([]store.AgentReadiness, error)
	Ladder(ctx context.Context) ([]models.LadderRole, error)
}

// storeSource is a Source over a store: the agents and the ladder from the
// store, the years and the board from its Evaluations area.
type storeSource struct {
	*store.Store
	*store.Evaluations
}

// StoreSource returns st as the reports' Source.
func StoreSource(st *store.Store) Source {
	return storeSource{Store: st, Evaluations: st.Evaluations()}
}

// RoleNames maps each ladder role code to its name in the translator's language.
func RoleNames(ctx context.Context, src Source, t Translator) (map[string]string, error) {
	ladder, err := src.Ladder(ctx)
	if err != nil {
		return nil, fmt.Errorf("load the ladder: %w", err)
	}
	m := make(map[string]string, len(ladder))
	for _, r := range ladder {
		m[r.Code] = r.NameEn
		if t.RTL() {
			m[r.Code] = r.NameAr
		}
	}
	return m, nil
}

// LoadEvaluation gathers an agent's annual evaluation report for year: the
// year's evaluation and the readiness as of 31 December of that year.
func LoadEvaluation(ctx context.Context, src Source, a store.Actor, t Translator, employeeNo string, year int, today models.Date) (Evaluation, error) {
	ag, err := src.Agent(ctx, a, employeeNo)
	if err != nil {
		return Evaluation{}, err
	}
	years, err := src.AgentYears(ctx, a, ag.ID, year, year)
	if err != nil {
		return Evaluation{}, err
	}
	if len(years) == 0 {
		return Evaluation{}, fmt.Errorf("evaluation %s/%d: %w", employeeNo, year, models.ErrNotFound)
	}
	names, err := RoleNames(ctx, src, t)
	if err != nil {
		return Evaluation{}, err
	}
	e := Evaluation{Year: years[0], RoleName: nameOr(names, ag.Role), Generated: today}
	rs, err := src.Promotions(ctx, a, models.NewDate(year, 12, 31), store.ReadinessFilter{AgentID: ag.ID})
	if err == nil && len(rs) == 1 {
		e.Readiness = rs[0].Readiness
		if e.Readiness.NextRole != "" {
			e.NextRoleName = nameOr(names, e.Readiness.NextRole)
		}
	}
	if ag.SupervisorID != nil {
		if sup, err := src.AgentByID(ctx, a, *ag.SupervisorID); err == nil {
			e.SupervisorName = sup.FullName
		}
	}
	return e, nil
}

// LoadBoard gathers the promotion board as of asOf: every active agent below
// the top of the ladder the actor may see.
func LoadBoard(ctx context.Context, src Source, a store.Actor, t Translator, asOf models.Date) ([]BoardRow, error) {
	rs, err := src.Promotions(ctx, a, asOf, store.ReadinessFilter{})
	if err != nil {
		return nil, err
	}
	names, err := RoleNames(ctx, src, t)
	if err != nil {
		return nil, err
	}
	var ids []uint
	seen := map[uint]bool{}
	for _, r := range rs {
		if id := r.Agent.SupervisorID; id != nil && !seen[*id] {
			seen[*id] = true
			ids = append(ids, *id)
		}
	}
	sups, err := src.AgentNames(ctx, a, ids)
	if err != nil {
		return nil, err
	}
	return BoardRows(rs, Names{Roles: names, Supervisors: sups}), nil
}
