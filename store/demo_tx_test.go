package store

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"sullam/models"
)

// Rule (issue 10 item 9): demo data loaded through LoadDemoAtomically is
// kept whole or not at all: a failure after some imports rolls every one of
// them back, and a successful load keeps them.
func TestLoadDemoAtomicallyAllOrNothing(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			boom := errors.New("stopped half way")
			err := s.LoadDemoAtomically(t.Context(), func(tx *Store) error {
				addAgents(t, tx, "HALF", 5)
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("load: %v, want the load's error", err)
			}
			if has, err := s.HasData(t.Context()); err != nil || has {
				t.Fatalf("after the failed load: has data %v, %v; want nothing kept", has, err)
			}
			if err := s.LoadDemoAtomically(t.Context(), func(tx *Store) error { addAgents(t, tx, "WHOLE", 5); return nil }); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Agent(t.Context(), SystemActor("t"), "WHOLE-00005"); err != nil {
				t.Errorf("after the load: %v", err)
			}
			if _, err := s.Agent(t.Context(), SystemActor("t"), "HALF-00001"); !errors.Is(err, models.ErrNotFound) {
				t.Errorf("rolled-back agent: %v", err)
			}
		})
	}
}

// Rule (issue 17, demo speed and memory): the steps of a demo load join its
// one transaction without savepoints. GORM never releases the savepoint of
// a nested transaction that succeeds, so each import left one open to the
// end of the load, and SQLite kept every page they changed in an in-memory
// journal it walked after every statement (minutes and hundreds of MB at
// 1,000 agents). Nested store calls inside the load must send no SAVEPOINT.
func TestLoadDemoAtomicallyOpensNoSavepoints(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			var savepoints atomic.Int64
			if err := s.db.Callback().Raw().Before("gorm:raw").Register("test:savepoints", func(db *gorm.DB) {
				if strings.Contains(strings.ToUpper(db.Statement.SQL.String()), "SAVEPOINT") {
					savepoints.Add(1)
				}
			}); err != nil {
				t.Fatal(err)
			}
			err := s.LoadDemoAtomically(t.Context(), func(tx *Store) error {
				addAgents(t, tx, "NEST", 3)
				addAgents(t, tx, "MORE", 2)
				_, err := tx.Accounts().CreateUser(t.Context(), SystemActor("t"), NewUser{Username: "nested", FullName: "Nested User",
					Password: "a long enough password", Roles: []models.Role{models.RoleHR}})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if n := savepoints.Load(); n != 0 {
				t.Errorf("the demo load sent %d SAVEPOINT statements, want none", n)
			}
			if _, err := s.Agent(t.Context(), SystemActor("t"), "MORE-00002"); err != nil {
				t.Errorf("after the load: %v", err)
			}
		})
	}
}
