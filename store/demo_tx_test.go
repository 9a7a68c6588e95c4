package store

import (
	"errors"
	"testing"

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
