// Package migrations holds Sullam's versioned schema migrations. Each migration
// keeps a frozen copy of the structs it migrates, so that a later change to
// models never rewrites history.
package migrations

import (
	"fmt"
	"sort"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// registry holds the migrations; each file registers its own in init, so
// migrations added in parallel never edit the same list.
var registry []*gormigrate.Migration

// register adds a migration. IDs start with a 4-digit sequence number
// ("0002_recruitment_fields") and run in ID order.
func register(m *gormigrate.Migration) { registry = append(registry, m) }

// List returns every migration in ID order.
func List() []*gormigrate.Migration {
	out := append([]*gormigrate.Migration(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Run applies every pending migration, in one transaction. The transaction
// is begun here rather than by gormigrate, which drops an error of BEGIN (a
// busy database) and then dereferences the missing transaction.
func Run(db *gorm.DB) error {
	err := db.Transaction(func(tx *gorm.DB) error {
		m := gormigrate.New(tx, &gormigrate.Options{TableName: "schema_migrations", IDColumnName: "id", IDColumnSize: 255}, List())
		return m.Migrate()
	})
	if err != nil {
		return fmt.Errorf("run migrations: %w", err)
	}
	return nil
}

// Latest returns the ID of the newest migration.
func Latest() string {
	l := List()
	return l[len(l)-1].ID
}
