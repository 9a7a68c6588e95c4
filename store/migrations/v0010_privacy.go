package migrations

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// v10AuditRow is the frozen part of audit_logs that migration 0010 scrubs.
type v10AuditRow struct {
	ID     uint
	Action string
	Entity string
	Old    string
	New    string
}

func (v10AuditRow) TableName() string { return "audit_logs" }

// v10Meta is the frozen key/value table migration 0010 adds for what the
// store remembers about itself (the day of the last retention run).
type v10Meta struct {
	Key       string `gorm:"primaryKey;size:64"`
	Value     string `gorm:"size:200;not null"`
	UpdatedAt time.Time
}

func (v10Meta) TableName() string { return "app_meta" }

// v10Keep is the frozen list of candidate-related fields whose values the
// audit log may keep (store.candidateAuditValues as of migration 0010).
var v10Keep = map[string]bool{
	"stage": true, "job_id": true, "applied_on": true, "on": true, "version": true,
	"anonymized": true, "score": true, "recommendation": true, "bytes": true, "candidate_id": true,
}

// v10Scrub rewrites the old and new sides of one candidate-related audit
// row as the store writes them since 0010: the values of v10Keep, and under
// "changed" the names of the other fields that changed. A side that is not
// a JSON object is dropped.
func v10Scrub(oldText, newText string) (string, string) {
	parse := func(s string) map[string]any {
		m := map[string]any{}
		if s == "" || json.Unmarshal([]byte(s), &m) != nil {
			return nil
		}
		return m
	}
	old, new := parse(oldText), parse(newText)
	changed := map[string]bool{}
	if prior, ok := new["changed"].([]any); ok {
		for _, k := range prior {
			changed[fmt.Sprint(k)] = true
		}
	}
	empty := func(v any) bool { return v == nil || v == "" }
	for _, side := range []map[string]any{old, new} {
		for k := range side {
			if k != "changed" && !(empty(old[k]) && empty(new[k])) && fmt.Sprint(old[k]) != fmt.Sprint(new[k]) {
				changed[k] = true
			}
		}
	}
	encode := func(side map[string]any, names map[string]bool) string {
		out := map[string]any{}
		for k, v := range side {
			if v10Keep[k] {
				out[k] = v
			}
		}
		if len(names) > 0 {
			list := make([]string, 0, len(names))
			for k := range names {
				list = append(list, k)
			}
			sort.Strings(list)
			out["changed"] = list
		}
		if len(out) == 0 {
			return ""
		}
		b, _ := json.Marshal(out)
		return string(b)
	}
	return encode(old, nil), encode(new, changed)
}

// v10Triggers make audit_logs append-only below the app: any UPDATE or
// DELETE (PostgreSQL: and TRUNCATE) is refused by the database itself.
var v10Triggers = map[string][]string{
	"sqlite": {
		"CREATE TRIGGER IF NOT EXISTS audit_logs_no_update BEFORE UPDATE ON audit_logs BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
		"CREATE TRIGGER IF NOT EXISTS audit_logs_no_delete BEFORE DELETE ON audit_logs BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
	},
	"postgres": {
		"CREATE OR REPLACE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$",
		"DROP TRIGGER IF EXISTS audit_logs_no_change ON audit_logs",
		"CREATE TRIGGER audit_logs_no_change BEFORE UPDATE OR DELETE ON audit_logs FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only()",
		"DROP TRIGGER IF EXISTS audit_logs_no_truncate ON audit_logs",
		"CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only()",
	},
}

// Migration 0010 (issue 11, PDPL): (1) scrubs the personal values of
// candidates out of the existing audit-log rows (candidate and CV changes,
// stage moves with their reasons, interview scores and feedback with their
// notes), keeping the entity, its id and the names of the fields changed;
// (2) adds app_meta; (3) then — only after the scrub, which updates audit
// rows — makes audit_logs append-only with triggers.
func init() {
	register(&gormigrate.Migration{
		ID: "0010_privacy_append_only_audit",
		Migrate: func(tx *gorm.DB) error {
			var batch []v10AuditRow
			write := tx.Session(&gorm.Session{NewDB: true})
			err := tx.Where("entity IN ? OR (entity = ? AND action IN ?)", []string{"candidate", "candidate_cv"}, "interview", []string{"score", "submit"}).
				FindInBatches(&batch, 1000, func(*gorm.DB, int) error {
					for _, r := range batch {
						o, n := v10Scrub(r.Old, r.New)
						if o == r.Old && n == r.New {
							continue
						}
						if err := write.Model(&v10AuditRow{}).Where("id = ?", r.ID).Updates(map[string]any{"old": o, "new": n}).Error; err != nil {
							return fmt.Errorf("scrub audit row %d: %w", r.ID, err)
						}
					}
					return nil
				}).Error
			if err != nil {
				return err
			}
			if err := tx.AutoMigrate(&v10Meta{}); err != nil {
				return err
			}
			for _, q := range v10Triggers[tx.Dialector.Name()] {
				if err := tx.Exec(q).Error; err != nil {
					return fmt.Errorf("append-only audit log: %w", err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			drops := []string{"DROP TRIGGER IF EXISTS audit_logs_no_update", "DROP TRIGGER IF EXISTS audit_logs_no_delete"}
			if tx.Dialector.Name() == "postgres" {
				drops = []string{"DROP TRIGGER IF EXISTS audit_logs_no_change ON audit_logs", "DROP TRIGGER IF EXISTS audit_logs_no_truncate ON audit_logs",
					"DROP FUNCTION IF EXISTS audit_logs_append_only()"}
			}
			for _, q := range drops {
				if err := tx.Exec(q).Error; err != nil {
					return err
				}
			}
			return tx.Migrator().DropTable(&v10Meta{})
		},
	})
}
