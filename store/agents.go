package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"sullam/models"
)

// AgentFilter narrows an agent listing.
type AgentFilter struct {
	Search       string // part of the name or employee number
	Team         string
	SupervisorID *uint
	Role         string
	Status       models.AgentStatus
	Limit        int // 0: no limit
	Offset       int
}

// scopeAgents restricts a query on agents to what the actor may see for op.
func scopeAgents(q *gorm.DB, a Actor, op Op) *gorm.DB {
	switch a.ScopeOf(op) {
	case ScopeAll:
		return q
	}
	cond := []string{}
	args := []any{}
	if a.AgentID != nil {
		for _, r := range a.Roles {
			switch Matrix[op][r] {
			case ScopeTeam:
				cond = append(cond, "agents.supervisor_id = ?")
				args = append(args, *a.AgentID)
			case ScopeSelf:
				cond = append(cond, "agents.id = ?")
				args = append(args, *a.AgentID)
			}
		}
	}
	if len(cond) == 0 {
		return q.Where("1 = 0")
	}
	return q.Where("("+strings.Join(cond, " OR ")+")", args...)
}

// ListAgents lists the agents the actor may see, sorted by employee number.
func (s *Store) ListAgents(ctx context.Context, a Actor, f AgentFilter) ([]models.Agent, error) {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewAgents) {
		return nil, s.deny(a, OpViewAgents, "")
	}
	q := filterAgents(scopeAgents(s.db.Model(&models.Agent{}), a, OpViewAgents), f)
	if f.Limit > 0 {
		q = q.Limit(f.Limit).Offset(f.Offset)
	}
	var out []models.Agent
	if err := q.Order("agents.employee_no").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list agents: %w", err)
	}
	return out, nil
}

// Agent returns one agent by employee number, if the actor may see it.
func (s *Store) Agent(ctx context.Context, a Actor, employeeNo string) (models.Agent, error) {
	s = s.withContext(ctx)
	var ag models.Agent
	if err := s.db.Where("employee_no = ?", employeeNo).First(&ag).Error; err != nil {
		return models.Agent{}, fmt.Errorf("agent %s: %w", employeeNo, translate(err))
	}
	if err := s.requireAgent(a, OpViewAgents, &ag); err != nil {
		return models.Agent{}, err
	}
	return ag, nil
}

// AgentByID returns one agent by ID, if the actor may see it.
func (s *Store) AgentByID(ctx context.Context, a Actor, id uint) (models.Agent, error) {
	s = s.withContext(ctx)
	var ag models.Agent
	if err := s.db.First(&ag, id).Error; err != nil {
		return models.Agent{}, fmt.Errorf("agent #%d: %w", id, translate(err))
	}
	if err := s.requireAgent(a, OpViewAgents, &ag); err != nil {
		return models.Agent{}, err
	}
	return ag, nil
}

// AgentNames returns the full names of the agents of ids that the actor
// may see (the others are left out), read 500 at a time: a list that
// names many agents (the board's supervisors) reads them in a few
// statements, not one per agent.
func (s *Store) AgentNames(ctx context.Context, a Actor, ids []uint) (map[uint]string, error) {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	out := make(map[uint]string, len(ids))
	for start := 0; start < len(ids); start += summaryChunk {
		var rows []models.Agent
		chunk := ids[start:min(start+summaryChunk, len(ids))]
		if err := scopeAgents(s.db.Model(&models.Agent{}), a, OpViewAgents).Select("id", "full_name").Where("id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("agent names: %w", err)
		}
		for _, ag := range rows {
			out[ag.ID] = ag.FullName
		}
	}
	return out, nil
}

// Teams lists the distinct team names.
func (s *Store) Teams(ctx context.Context) ([]string, error) {
	s = s.withContext(ctx)
	var out []string
	if err := s.db.Model(&models.Agent{}).Where("team <> ''").Distinct().Order("team").Pluck("team", &out).Error; err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	return out, nil
}

// validateAgent checks the fields of an agent against the ladder.
func (s *Store) validateAgent(tx *gorm.DB, ag *models.Agent) error {
	ag.EmployeeNo = strings.TrimSpace(ag.EmployeeNo)
	ag.FullName = strings.TrimSpace(ag.FullName)
	switch {
	case ag.EmployeeNo == "":
		return models.Invalid("error.employee_no_required", nil, "employee number is required")
	case ag.FullName == "":
		return models.Invalid("error.full_name_required", nil, "full name is required")
	case ag.HireDate.IsZero() || ag.RoleStartDate.IsZero():
		return models.Invalid("error.dates_required", nil, "hire date and role start date are required")
	case ag.RoleStartDate.Before(ag.HireDate):
		return models.Invalid("error.role_start_before_hire", map[string]any{"Start": ag.RoleStartDate.String(), "Hire": ag.HireDate.String()}, "role start date %s is before hire date %s", ag.RoleStartDate, ag.HireDate)
	}
	if ag.Status == "" {
		ag.Status = models.Active
	}
	if ag.Status != models.Active && ag.Status != models.Inactive {
		return models.Invalid("error.bad_status", map[string]any{"Status": ag.Status}, "status %q: want active or inactive", ag.Status)
	}
	var n int64
	if err := tx.Model(&models.LadderRole{}).Where("code = ?", ag.Role).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return models.Invalid("error.role_not_on_ladder", map[string]any{"Role": ag.Role}, "role %q is not on the career ladder", ag.Role)
	}
	return nil
}

// SaveAgent creates (ID 0) or updates an agent; HR only. An update whose
// Version is not the stored one is refused with ErrStale.
func (s *Store) SaveAgent(ctx context.Context, a Actor, ag models.Agent) (models.Agent, error) {
	s = s.withContext(ctx)
	if err := s.requireAgent(a, OpEditAgents, &ag); err != nil {
		return models.Agent{}, err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if err := s.validateAgent(tx, &ag); err != nil {
			return err
		}
		if ag.ID == 0 {
			ag.Version = 1
			if err := tx.Omit("Supervisor").Create(&ag).Error; err != nil {
				return translate(err)
			}
			if err := tx.Create(&models.RoleHistory{AgentID: ag.ID, Role: ag.Role, StartDate: ag.RoleStartDate, Reason: "created"}).Error; err != nil {
				return err
			}
			return s.logChange(tx, a, "create", "agent", ag.EmployeeNo, nil, agentView(ag))
		}
		var old models.Agent
		if err := tx.First(&old, ag.ID).Error; err != nil {
			return translate(err)
		}
		res := tx.Model(&models.Agent{}).Where("id = ? AND version = ?", ag.ID, ag.Version).Updates(map[string]any{
			"employee_no": ag.EmployeeNo, "full_name": ag.FullName, "hire_date": ag.HireDate, "role": ag.Role,
			"role_start_date": ag.RoleStartDate, "supervisor_id": ag.SupervisorID, "team": ag.Team, "status": ag.Status,
			"email": ag.Email, "phone": ag.Phone, "version": ag.Version + 1, "updated_at": s.now().UTC()})
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected == 0 {
			return models.ErrStale
		}
		ag.Version++
		if old.Role != ag.Role || old.RoleStartDate != ag.RoleStartDate {
			if err := s.recordRoleChange(tx, ag.ID, ag.Role, ag.RoleStartDate, "edited"); err != nil {
				return err
			}
		}
		return s.logChange(tx, a, "update", "agent", ag.EmployeeNo, agentView(old), agentView(ag))
	})
	if err != nil {
		return models.Agent{}, fmt.Errorf("save agent %s: %w", ag.EmployeeNo, err)
	}
	return ag, nil
}

// recordRoleChange closes the open role-history row and opens a new one.
func (s *Store) recordRoleChange(tx *gorm.DB, agentID uint, role string, start models.Date, reason string) error {
	if err := tx.Model(&models.RoleHistory{}).Where("agent_id = ? AND end_date IS NULL", agentID).
		Update("end_date", start).Error; err != nil {
		return fmt.Errorf("close role history: %w", err)
	}
	return tx.Create(&models.RoleHistory{AgentID: agentID, Role: role, StartDate: start, Reason: reason}).Error
}

// RoleHistory lists an agent's roles, oldest first.
func (s *Store) RoleHistory(ctx context.Context, a Actor, agentID uint) ([]models.RoleHistory, error) {
	s = s.withContext(ctx)
	if _, err := s.AgentByID(ctx, a, agentID); err != nil {
		return nil, err
	}
	var out []models.RoleHistory
	if err := s.db.Where("agent_id = ?", agentID).Order("start_date, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("role history of agent #%d: %w", agentID, err)
	}
	return out, nil
}

func agentView(ag models.Agent) map[string]any {
	return map[string]any{"employee_no": ag.EmployeeNo, "full_name": ag.FullName, "hire_date": ag.HireDate.String(),
		"role": ag.Role, "role_start_date": ag.RoleStartDate.String(), "supervisor_id": ag.SupervisorID,
		"team": ag.Team, "status": ag.Status, "email": ag.Email, "phone": ag.Phone}
}

// agentIndex maps every employee number to its agent (ID, EmployeeNo,
// FullName, SupervisorID, Team, Role, RoleStartDate and Status; the rest
// left zero). Every import reads it: the rows are scanned by hand, not by
// GORM's reflection, which took most of the time (a demo of 10,000 agents
// reads it 25 times).
func (s *Store) agentIndex(tx *gorm.DB) (map[string]models.Agent, error) {
	var n int64
	if err := tx.Raw("SELECT count(*) FROM agents").Scan(&n).Error; err != nil {
		return nil, fmt.Errorf("index agents: %w", err)
	}
	rows, err := tx.Raw("SELECT id, employee_no, full_name, supervisor_id, COALESCE(team, ''), role, " + s.dateText("role_start_date") + ", status FROM agents").Rows()
	if err != nil {
		return nil, fmt.Errorf("index agents: %w", err)
	}
	defer rows.Close()
	m := make(map[string]models.Agent, n)
	for rows.Next() {
		var (
			ag    models.Agent
			sup   sql.NullInt64
			start sql.RawBytes
		)
		if err := rows.Scan(&ag.ID, &ag.EmployeeNo, &ag.FullName, &sup, &ag.Team, &ag.Role, &start, &ag.Status); err != nil {
			return nil, fmt.Errorf("index agents: %w", err)
		}
		if sup.Valid {
			id := uint(sup.Int64)
			ag.SupervisorID = &id
		}
		if ag.RoleStartDate, err = parseDateBytes(start); err != nil {
			return nil, fmt.Errorf("index agents: agent %s: role start date: %w", ag.EmployeeNo, err)
		}
		m[ag.EmployeeNo] = ag
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("index agents: %w", err)
	}
	return m, nil
}
