package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"sullam/models"
)

// logChange writes one audit-log row inside tx: who, when, what, old → new.
// old and new are encoded as JSON (nil stays empty).
func (s *Store) logChange(tx *gorm.DB, a Actor, action, entity, key string, old, new any) error {
	row := models.AuditLog{At: s.now().UTC(), UserID: optID(a.UserID), Username: a.Username,
		Action: action, Entity: entity, EntityKey: key, Old: jsonText(old), New: jsonText(new)}
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("write audit log %s %s: %w", action, key, err)
	}
	return nil
}

func jsonText(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}

// AuditFilter narrows an audit-log listing.
type AuditFilter struct {
	From, To time.Time // zero: unbounded; To is exclusive
	Action   string    // the kind of change (create, update, …); empty: any
	Entity   string    // what was changed (agent, review, …); empty: any
	Username string    // who; empty: anyone
	Limit    int       // AuditLog: 0 means 500
}

// where applies the filter to an audit-log query.
func (f AuditFilter) where(q *gorm.DB) *gorm.DB {
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To.UTC())
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.Username != "" {
		q = q.Where("username = ?", f.Username)
	}
	return q
}

// AuditLog lists audit-log rows, newest first. Admins and managers only.
func (s *Store) AuditLog(ctx context.Context, a Actor, f AuditFilter) ([]models.AuditLog, error) {
	s = s.withContext(ctx)
	if err := s.require(a, OpViewAuditLog); err != nil {
		return nil, err
	}
	q := f.where(s.db.Model(&models.AuditLog{})).Order("id DESC")
	if f.Limit <= 0 {
		f.Limit = 500
	}
	var out []models.AuditLog
	if err := q.Limit(f.Limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list audit log: %w", err)
	}
	return out, nil
}

// AuditLogChoices returns the distinct people, kinds of change and kinds of
// record in the audit log, each sorted, for the log's filters. Admins and
// managers only.
func (s *Store) AuditLogChoices(ctx context.Context, a Actor) (people, actions, entities []string, err error) {
	s = s.withContext(ctx)
	if err := s.require(a, OpViewAuditLog); err != nil {
		return nil, nil, nil, err
	}
	for _, c := range []struct {
		col string
		out *[]string
	}{{"username", &people}, {"action", &actions}, {"entity", &entities}} {
		if err := s.db.Model(&models.AuditLog{}).Distinct(c.col).Where(c.col+" <> ''").Order(c.col).Pluck(c.col, c.out).Error; err != nil {
			return nil, nil, nil, fmt.Errorf("audit log choices %s: %w", c.col, err)
		}
	}
	return people, actions, entities, nil
}

// CommandEntry is what the audit log keeps of one command-line command.
type CommandEntry struct {
	// Command is the command's name (export, score, …).
	Command string
	// Args are the command's arguments as given, after the command name.
	Args []string
	// Counts are what the command read or wrote (rows exported, inserted, …).
	Counts map[string]int
	// Err is the command's error; nil when it succeeded.
	Err error
}

// commandArg is how an argument of a command is logged: a database URL with
// its password masked, an e-mail address (a candidate's, say) left out.
func commandArg(arg string) string {
	if i := strings.IndexByte(arg, '='); i > 0 && strings.HasPrefix(arg, "-") {
		return arg[:i+1] + commandArg(arg[i+1:])
	}
	switch {
	case IsPostgres(arg):
		return MaskDSN(arg)
	case strings.Contains(arg, "@") && !strings.ContainsAny(arg, " /\\"):
		return "(e-mail address)"
	}
	return arg
}

// LogCommand writes the one audit-log row of a command-line command: who
// (the actor), what (action "command", the command's name as the key), its
// arguments (database passwords masked, e-mail addresses left out), its
// counts and its outcome (ok, refused or failed; never the error's text,
// which may quote a candidate's data).
func (s *Store) LogCommand(ctx context.Context, a Actor, c CommandEntry) error {
	s = s.withContext(ctx)
	args := make([]string, len(c.Args))
	for i, x := range c.Args {
		args[i] = commandArg(x)
	}
	counts := c.Counts
	if counts == nil {
		counts = map[string]int{}
	}
	outcome := "ok"
	switch {
	case errors.Is(c.Err, models.ErrForbidden):
		outcome = "refused"
	case c.Err != nil:
		outcome = "failed"
	}
	detail := map[string]any{"args": args, "counts": counts, "outcome": outcome}
	row := models.AuditLog{At: s.now().UTC(), UserID: optID(a.UserID), Username: a.Username,
		Action: "command", Entity: "command", EntityKey: c.Command, New: jsonText(detail)}
	// a busy database spools the entry (auditspool.go): a read never waits
	if err := s.writeAudit(row, true); err != nil {
		return fmt.Errorf("log command %s: %w", c.Command, err)
	}
	return nil
}

// EachAuditLog passes every audit-log row, oldest first, to fn; admins and
// managers only (the `audit-log` export).
func (s *Store) EachAuditLog(ctx context.Context, a Actor, fn func(models.AuditLog) error) error {
	s = s.withContext(ctx)
	return s.EachAuditLogWhere(ctx, a, AuditFilter{}, fn)
}

// EachAuditLogWhere passes the audit-log rows that match f (its Limit is
// ignored), oldest first, to fn; admins and managers only (the audit-log
// export of the window, with the filters shown).
func (s *Store) EachAuditLogWhere(ctx context.Context, a Actor, f AuditFilter, fn func(models.AuditLog) error) error {
	s = s.withContext(ctx)
	if err := s.require(a, OpViewAuditLog); err != nil {
		return err
	}
	rows, err := f.where(s.db.Model(&models.AuditLog{})).Order("id").Rows()
	if err != nil {
		return fmt.Errorf("export audit log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r models.AuditLog
		if err := s.db.ScanRows(rows, &r); err != nil {
			return fmt.Errorf("export audit log: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export audit log: %w", err)
	}
	return nil
}
