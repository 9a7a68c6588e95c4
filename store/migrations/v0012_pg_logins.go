package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// v12LoginsTable is the frozen definition of sullam_logins (PostgreSQL only):
// the database login of each Sullam account. Row-level security finds the
// current account by looking current_user up here.
const v12LoginsTable = `CREATE TABLE IF NOT EXISTS sullam_logins (
	user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
	login varchar(63) NOT NULL UNIQUE
)`

// Migration 0012 (issue 11, shared PostgreSQL): on PostgreSQL each account
// is its own database login and PostgreSQL authenticates it, so the password
// hash column goes and sullam_logins maps the logins to the accounts. A
// SQLite database keeps its hashes and is not changed.
func init() {
	register(&gormigrate.Migration{
		ID: "0012_pg_logins",
		Migrate: func(tx *gorm.DB) error {
			if tx.Dialector.Name() != "postgres" {
				return nil
			}
			if err := tx.Exec(v12LoginsTable).Error; err != nil {
				return fmt.Errorf("create sullam_logins: %w", err)
			}
			if err := tx.Exec("ALTER TABLE users DROP COLUMN IF EXISTS password_hash").Error; err != nil {
				return fmt.Errorf("drop the password hashes: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			if tx.Dialector.Name() != "postgres" {
				return nil
			}
			if err := tx.Exec("ALTER TABLE users ADD COLUMN IF NOT EXISTS password_hash varchar(200) NOT NULL DEFAULT ''").Error; err != nil {
				return err
			}
			return tx.Exec("DROP TABLE IF EXISTS sullam_logins").Error
		},
	})
}
