package store

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"sullam/internal/bulk"
	"sullam/models"
)

// insertAgents inserts the agents of rows that idx (by employee number)
// does not hold, each with its first role-history entry, in bulk, adds them
// to idx and returns their employee numbers. Their supervisors are left to
// the caller.
func (s *Store) insertAgents(tx *gorm.DB, rows []models.AgentRow, idx map[string]models.Agent) (map[string]bool, error) {
	var fresh []models.Agent
	for _, r := range rows {
		if _, ok := idx[r.Agent.EmployeeNo]; ok {
			continue
		}
		ag := r.Agent
		ag.Version, ag.SupervisorID, ag.Supervisor = 1, nil, nil
		if ag.Status == "" {
			ag.Status = models.Active
		}
		fresh = append(fresh, ag)
	}
	ids, err := s.reserveIDs(tx, "agents", len(fresh))
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	if err := s.insertRows(tx, "agents", []string{"id", "employee_no", "full_name", "hire_date", "role", "role_start_date", "team", "status",
		"email", "phone", "candidate_id"}, len(fresh), func(i int, dst []any) []any {
		ag := &fresh[i]
		ag.ID = ids[i]
		return append(dst, int64(ag.ID), ag.EmployeeNo, ag.FullName, dateValue(ag.HireDate), ag.Role, dateValue(ag.RoleStartDate), ag.Team,
			string(ag.Status), ag.Email, ag.Phone, uintPtr(ag.CandidateID))
	}, s.stamps(now)...); err != nil {
		return nil, fmt.Errorf("insert agents: %w", err)
	}
	if err := s.insertRows(tx, "role_histories", []string{"agent_id", "role", "start_date"}, len(fresh), func(i int, dst []any) []any {
		ag := &fresh[i]
		return append(dst, int64(ag.ID), ag.Role, dateValue(ag.RoleStartDate))
	}, bulk.Fixed{Col: "reason", SQL: bulk.Text("imported")}, bulk.Fixed{Col: "created_at", SQL: s.timeLiteral(now)}); err != nil {
		return nil, fmt.Errorf("insert role histories: %w", err)
	}
	inserted := make(map[string]bool, len(fresh))
	for _, ag := range fresh {
		idx[ag.EmployeeNo] = ag
		inserted[ag.EmployeeNo] = true
	}
	return inserted, nil
}

// ImportAgents imports agents (HR), keyed by employee number: a stored agent
// equal to the file's row is unchanged, a changed one is updated (the
// optional columns the file lacks are left as they are), a new one is
// inserted. The supervisor may be an agent of the same file.
func (s *Store) ImportAgents(a Actor, src ImportSource, rows []models.AgentRow) (models.ImportResult, error) {
	if err := s.require(a, OpEditAgents); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindAgents); err != nil {
			return err
		}
		idx, err := s.agentIndex(tx)
		if err != nil {
			return err
		}
		ladder, err := s.ladderCodes(tx)
		if err != nil {
			return err
		}
		if errs := agentRowErrors(rows, idx, ladder); len(errs) > 0 {
			return importFail(src, errs)
		}
		var all []models.Agent
		if err := tx.Omit("Supervisor").Find(&all).Error; err != nil {
			return fmt.Errorf("read stored agents: %w", err)
		}
		full := make(map[string]models.Agent, len(all))
		for _, ag := range all {
			full[ag.EmployeeNo] = ag
		}
		inserted, err := s.insertAgents(tx, rows, idx)
		if err != nil {
			byKey := make(map[string]keyedRow, len(rows))
			for _, r := range rows {
				byKey[strings.ToLower(r.Agent.EmployeeNo)] = keyedRow{line: r.Line, value: r.Agent.EmployeeNo}
			}
			return conflict(err, src, "employee_no", byKey)
		}
		log := &updateLog{s: s, a: a}
		supChanged := map[string]bool{}
		for _, r := range rows {
			ag := r.Agent
			if inserted[ag.EmployeeNo] {
				res.Inserted++
				continue
			}
			old := full[ag.EmployeeNo]
			c, sup := agentChanges(r, old, idx, all)
			if sup {
				supChanged[ag.EmployeeNo] = true
			}
			if len(c) == 0 {
				res.Unchanged++
				continue
			}
			if err := s.updateImportedAgent(tx, r, old); err != nil {
				return err
			}
			log.add("agent", ag.EmployeeNo, r.Line, c)
			res.Updated++
		}
		// supervisors last (one may come later in the file)
		if err := setSupervisors(tx, rows, idx, func(no string) bool { return inserted[no] || supChanged[no] }); err != nil {
			return err
		}
		if err := log.flush(tx); err != nil {
			return err
		}
		return s.finishImport(tx, a, models.KindAgents, src, res, len(rows))
	})
	return res, err
}

// agentRowErrors checks an agents file's rows against the ladder's role
// codes and the agents stored (idx): a role off the ladder, a supervisor
// neither stored nor in the file, an agent their own supervisor.
func agentRowErrors(rows []models.AgentRow, idx map[string]models.Agent, ladder map[string]bool) []models.RowError {
	var errs []models.RowError
	inFile := map[string]bool{}
	for _, r := range rows {
		inFile[r.Agent.EmployeeNo] = true
	}
	for _, r := range rows {
		if !ladder[r.Agent.Role] {
			errs = append(errs, models.Msg("import.err.not_ladder_role", nil, "not a role of the career ladder").Row(r.Line, "role", r.Agent.Role))
		}
		if r.SupervisorNo != "" {
			if _, ok := idx[r.SupervisorNo]; !ok && !inFile[r.SupervisorNo] {
				errs = append(errs, models.Msg("import.err.unknown_supervisor", nil, "no agent has this employee number, in the file or in the database").Row(r.Line, "supervisor_no", r.SupervisorNo))
			}
			if r.SupervisorNo == r.Agent.EmployeeNo {
				errs = append(errs, models.Msg("import.err.own_supervisor", nil, "an agent cannot supervise themself").Row(r.Line, "supervisor_no", r.SupervisorNo))
			}
		}
	}
	return errs
}

// agentChanges lists what the file's row r changes of the stored agent old
// (the optional columns only when the file has them), and whether it
// changes the supervisor; idx gives the supervisors' ids, all the stored
// agents.
func agentChanges(r models.AgentRow, old models.Agent, idx map[string]models.Agent, all []models.Agent) (changes, bool) {
	ag := r.Agent
	var c changes
	c.add("full_name", old.FullName, ag.FullName)
	c.add("hire_date", old.HireDate, ag.HireDate)
	c.add("role", old.Role, ag.Role)
	c.add("role_start_date", old.RoleStartDate, ag.RoleStartDate)
	vals := map[string][2]any{"team": {old.Team, ag.Team}, "status": {old.Status, ag.Status}, "email": {old.Email, ag.Email}, "phone": {old.Phone, ag.Phone}}
	for _, col := range []string{"team", "status", "email", "phone"} {
		if r.Present[col] {
			c.add(col, vals[col][0], vals[col][1])
		}
	}
	supChanged := false
	if r.Present["supervisor_no"] {
		var oldSup, newSup uint
		if old.SupervisorID != nil {
			oldSup = *old.SupervisorID
		}
		if r.SupervisorNo != "" {
			newSup = idx[r.SupervisorNo].ID
		}
		if oldSup != newSup {
			supChanged = true
			c = append(c, change{"supervisor_no", supervisorNo(all, oldSup), r.SupervisorNo})
		}
	}
	return c, supChanged
}

// updateImportedAgent writes the file's row r over the stored agent old
// inside tx (the optional columns only when the file has them; the
// supervisor is setSupervisors'), with a role-history entry when the role
// or its start changed.
func (s *Store) updateImportedAgent(tx *gorm.DB, r models.AgentRow, old models.Agent) error {
	ag := r.Agent
	upd := map[string]any{"full_name": ag.FullName, "hire_date": ag.HireDate, "role": ag.Role,
		"role_start_date": ag.RoleStartDate, "version": gorm.Expr("version + 1"), "updated_at": s.now().UTC()}
	for _, col := range []string{"team", "status", "email", "phone"} {
		if r.Present[col] {
			upd[col] = map[string]any{"team": ag.Team, "status": ag.Status, "email": ag.Email, "phone": ag.Phone}[col]
		}
	}
	if err := tx.Model(&models.Agent{}).Where("id = ?", old.ID).Updates(upd).Error; err != nil {
		return fmt.Errorf("line %d: update agent %s: %w", r.Line, ag.EmployeeNo, translate(err))
	}
	if old.Role != ag.Role || old.RoleStartDate != ag.RoleStartDate {
		if err := s.recordRoleChange(tx, old.ID, ag.Role, ag.RoleStartDate, "imported"); err != nil {
			return err
		}
	}
	return nil
}

// setSupervisors sets, inside tx, the supervisor of the file's agents that
// set (new agents and those whose supervisor changed) when the file has the
// column: one update per supervisor for all of their agents.
func setSupervisors(tx *gorm.DB, rows []models.AgentRow, idx map[string]models.Agent, set func(employeeNo string) bool) error {
	team := map[uint][]uint{} // supervisor's id (0: none) → agents' ids
	var sups []uint
	for _, r := range rows {
		if !r.Present["supervisor_no"] || !set(r.Agent.EmployeeNo) {
			continue
		}
		var sup uint
		if r.SupervisorNo != "" {
			sup = idx[r.SupervisorNo].ID
		}
		if _, ok := team[sup]; !ok {
			sups = append(sups, sup)
		}
		team[sup] = append(team[sup], idx[r.Agent.EmployeeNo].ID)
	}
	for _, sup := range sups {
		var val any
		if sup != 0 {
			val = int64(sup)
		}
		ids := team[sup]
		for start := 0; start < len(ids); start += refBatch {
			if err := tx.Model(&models.Agent{}).Where("id IN ?", ids[start:min(start+refBatch, len(ids))]).
				Update("supervisor_id", val).Error; err != nil {
				return fmt.Errorf("set supervisors: %w", translate(err))
			}
		}
	}
	return nil
}

// supervisorNo returns the employee number of the agent of all with id
// (empty for 0).
func supervisorNo(all []models.Agent, id uint) string {
	for _, ag := range all {
		if id != 0 && ag.ID == id {
			return ag.EmployeeNo
		}
	}
	return ""
}

func (s *Store) ladderCodes(tx *gorm.DB) (map[string]bool, error) {
	var codes []string
	if err := tx.Model(&models.LadderRole{}).Pluck("code", &codes).Error; err != nil {
		return nil, fmt.Errorf("list ladder: %w", err)
	}
	m := map[string]bool{}
	for _, c := range codes {
		m[c] = true
	}
	return m, nil
}
