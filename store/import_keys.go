package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// Natural keys and re-import (spec/import-formats.md, "Natural keys and
// re-import"): every import kind finds the stored row of each file row by
// its key; a row equal to the stored one is unchanged, a changed row updates
// it (one audit-log row with the fields' old → new values), a new row is
// inserted. Rows of a finalized year are never changed: such a file is
// refused. The keys are unique indexes too (agents, attendance, audits,
// weekly since migration 0001; reviews and candidates since 0009), so two
// imports running at once cannot store a row twice.

// importLockKey is the first half of the PostgreSQL advisory lock an import
// holds ("Sull"); the second is the kind's position in models.ImportKinds.
const importLockKey = 0x53756c6c

// importLock makes the imports of one kind into a PostgreSQL database take
// turns: the lock is held until the import's transaction ends, so the second
// of two simultaneous imports of the same file reads what the first stored
// and finds every row unchanged, instead of inserting the same rows and
// failing on the unique index. SQLite needs none: an import's transaction
// takes the database's write lock when it begins.
func (s *Store) importLock(tx *gorm.DB, kind models.ImportKind) error {
	if s.dialect != "postgres" {
		return nil
	}
	n := 0
	for i, k := range models.ImportKinds {
		if k == kind {
			n = i + 1
		}
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(?, ?)", importLockKey, n).Error; err != nil {
		return fmt.Errorf("wait for other %s imports: %w", kind, err)
	}
	return nil
}

// agentYear is one agent's year, the unit an evaluation is finalized in.
type agentYear struct {
	agentID uint
	year    int
}

// finalizedYears returns every finalized (agent, year).
func (s *Store) finalizedYears(tx *gorm.DB) (map[agentYear]bool, error) {
	var evs []struct {
		AgentID uint
		Year    int
	}
	if err := tx.Model(&models.Evaluation{}).Select("agent_id", "year").Scan(&evs).Error; err != nil {
		return nil, fmt.Errorf("read finalized evaluations: %w", err)
	}
	m := make(map[agentYear]bool, len(evs))
	for _, e := range evs {
		m[agentYear{e.AgentID, e.Year}] = true
	}
	return m, nil
}

// finalizedRow returns the error of a file row that would change a
// finalized year: the year, and how to reopen it.
func finalizedRow(line int, col, value, employeeNo string, year int) models.RowError {
	return models.Msg("import.err.finalized", map[string]any{"Year": year, "Agent": employeeNo},
		"the %d evaluation of %s is finalized and an import never changes it; a manager can reopen it (agent profile, Evaluations, Reopen, with a reason) and then import the file again",
		year, employeeNo).Row(line, col, value)
}

// reasonNotYourTeam refuses a supervisor's row about an agent outside their team.
var reasonNotYourTeam = models.Msg("import.err.not_your_team", nil, "this agent is not in your team")

// auditScoreRow is the row error of an audit row that scoring refuses
// against its stored form (err from scoring.AuditScore).
func auditScoreRow(line int, err error) models.RowError {
	if errors.Is(err, scoring.ErrAllNA) {
		return models.Msg("import.err.all_na_form", nil, "%s", err.Error()).Row(line, "", "")
	}
	return models.Msg("import.err.audit_score", map[string]any{"Detail": err.Error()}, "%s", err.Error()).Row(line, "", "")
}

// change is one field of a stored row that a file row changes.
type change struct {
	field    string
	old, new any
}

// changes collects the fields that differ between a stored row and a file row.
type changes []change

// add records field when old and new differ.
func (c *changes) add(field string, old, new any) {
	if fmt.Sprint(old) != fmt.Sprint(new) {
		*c = append(*c, change{field, old, new})
	}
}

// addPresent records the optional fields vals (field → old, new) that the
// file has (a nil present: every one), in field order.
func (c *changes) addPresent(present map[string]bool, vals map[string][2]any) {
	fields := make([]string, 0, len(vals))
	for f := range vals {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		if present == nil || present[f] {
			c.add(f, vals[f][0], vals[f][1])
		}
	}
}

// addPtr records field when the two optional numbers differ.
func (c *changes) addPtr(field string, old, new *int) {
	if (old == nil) != (new == nil) || (old != nil && *old != *new) {
		*c = append(*c, change{field, intOrNil(old), intOrNil(new)})
	}
}

// intOrNil is *p, or nil.
func intOrNil(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// maps returns the old and new values by field, for the audit log.
func (c changes) maps() (map[string]any, map[string]any) {
	old, new := make(map[string]any, len(c)), make(map[string]any, len(c))
	for _, ch := range c {
		old[ch.field], new[ch.field] = ch.old, ch.new
	}
	return old, new
}

// updateLog gathers the audit-log rows of the rows an import updates, to
// write them in bulk with the import.
type updateLog struct {
	s    *Store
	a    Actor
	rows []models.AuditLog
}

// add records the update of entity key by the file's line.
func (l *updateLog) add(entity, key string, line int, c changes) {
	old, new := c.maps()
	new["line"] = line
	l.rows = append(l.rows, models.AuditLog{At: l.s.now().UTC(), UserID: optID(l.a.UserID), Username: l.a.Username,
		Action: "update", Entity: entity, EntityKey: key, Old: jsonText(old), New: jsonText(new)})
}

// flush writes the gathered rows, in bulk.
func (l *updateLog) flush(tx *gorm.DB) error {
	if len(l.rows) == 0 {
		return nil
	}
	if err := l.s.insertRows(tx, "audit_logs", []string{"at", "user_id", "username", "action", "entity", "entity_key", "old", "new"},
		len(l.rows), func(i int, dst []any) []any {
			r := &l.rows[i]
			return append(dst, r.At, uintPtr(r.UserID), r.Username, r.Action, r.Entity, r.EntityKey, r.Old, r.New)
		}); err != nil {
		return fmt.Errorf("write audit log of updated rows: %w", err)
	}
	l.rows = l.rows[:0]
	return nil
}

// keyedRow is a row of a bulk insert, by its key as PostgreSQL writes it in
// a unique violation's detail ("5, 2024-01-03"), with its line and the key
// as the file has it.
type keyedRow struct {
	line  int
	value string
}

// conflict turns the unique-key violation err of writing rows of file src
// into a *models.ConflictError naming the line and the key's value when the
// database tells which key it was (PostgreSQL) and rows holds it; other
// errors come back translated. col names the key's column(s).
func conflict(err error, src ImportSource, col string, rows map[string]keyedRow) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		ce := &models.ConflictError{File: src.File, Column: col}
		if v, ok := violatedKey(pe.Detail); ok {
			ce.Value = v
			if r, ok := rows[strings.ToLower(v)]; ok {
				ce.Line, ce.Value = r.line, r.value
			}
		}
		return ce
	}
	err = translate(err)
	if errors.Is(err, models.ErrAlreadyExists) {
		return &models.ConflictError{File: src.File, Column: col}
	}
	return err
}

// rowConflict turns the unique-key violation err of writing the one row on
// line of file src (key column col, value as written in the file) into a
// *models.ConflictError; other errors come back translated.
func rowConflict(err error, src ImportSource, line int, col, value string) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" || errors.Is(err, gorm.ErrDuplicatedKey) {
		return &models.ConflictError{File: src.File, Line: line, Column: col, Value: value}
	}
	return translate(err)
}

// violatedKey returns the values of PostgreSQL's unique-violation detail
// `Key (agent_id, date)=(5, 2024-01-03) already exists.`: "5, 2024-01-03".
func violatedKey(detail string) (string, bool) {
	i := strings.Index(detail, ")=(")
	j := strings.LastIndex(detail, ") already exists")
	if i < 0 || j < i+3 {
		return "", false
	}
	return detail[i+3 : j], true
}

// driverError translates err, a driver's error, as gorm would and then into
// the models sentinel errors, keeping the driver's error beneath for what
// only it tells (PostgreSQL: which key a unique violation was about).
func driverError(tx *gorm.DB, err error) error {
	orig := err
	if tr, ok := tx.Dialector.(gorm.ErrorTranslator); ok {
		err = tr.Translate(err)
	}
	if t := translate(err); t != orig {
		return &keptError{err: t, cause: orig}
	}
	return orig
}

// keptError is a translated error that keeps the driver's.
type keptError struct{ err, cause error }

// Error is the translated error's message.
func (e *keptError) Error() string { return e.err.Error() }

// Unwrap returns both errors.
func (e *keptError) Unwrap() []error { return []error{e.err, e.cause} }
