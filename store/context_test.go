package store

import (
	"context"
	"errors"
	"testing"

	"sullam/models"
)

// Rule: a store call runs under the context it is given: a write under a
// cancelled context fails with context.Canceled and writes nothing (its
// transaction never commits), a read under one fails too, and the store
// itself keeps working under a live context afterwards (withContext binds a
// copy, never the store).
func TestCancelledContextWritesNothing(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			ctx, cancel := context.WithCancel(t.Context())
			cancel()
			_, err := s.SaveAgent(ctx, SystemActor("test"), models.Agent{EmployeeNo: "C1", FullName: "Agent C1",
				HireDate: models.MustDate("2020-01-05"), Role: "csr", RoleStartDate: models.MustDate("2020-01-05"), Team: "A"})
			if !errors.Is(err, context.Canceled) {
				t.Errorf("SaveAgent under a cancelled context: %v, want context.Canceled", err)
			}
			if _, err := s.ListAgents(ctx, SystemActor("test"), AgentFilter{}); !errors.Is(err, context.Canceled) {
				t.Errorf("ListAgents under a cancelled context: %v, want context.Canceled", err)
			}
			list, err := s.ListAgents(t.Context(), SystemActor("test"), AgentFilter{})
			if err != nil {
				t.Fatalf("ListAgents after the cancelled calls: %v", err)
			}
			if len(list) != 0 {
				t.Errorf("the cancelled SaveAgent wrote %d agents", len(list))
			}
			mustAgent(t, s, "C2", nil) // the store still writes under a live context
		})
	}
}

// Rule: withContext binds a copy of the store to ctx and leaves the store
// as it was; dbContext is the bound context, what a store method passes on
// to another exported one.
func TestWithContextBindsACopy(t *testing.T) {
	s := newStore(t)
	type key struct{}
	ctx := context.WithValue(t.Context(), key{}, "bound")
	b := s.withContext(ctx)
	if b == s {
		t.Fatal("withContext returned the store itself")
	}
	if got := b.dbContext().Value(key{}); got != "bound" {
		t.Errorf("the bound copy's context carries %v, want the given one", got)
	}
	if got := s.dbContext().Value(key{}); got != nil {
		t.Errorf("the store's own context changed to carry %v", got)
	}
	var none context.Context // a screen built without one (Deps.Ctx unset)
	if s.withContext(none) != s {
		t.Error("withContext(nil) did not leave the store as it is")
	}
}
