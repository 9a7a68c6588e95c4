// Package ui calls the store through a narrow interface.
package ui

import (
	"context"
	"fmt"

	"fixture/store"
)

type getter interface {
	Get(ctx context.Context, id int) (string, error)
	Dialect() string
}

// lister has unnamed parameters.
type lister interface {
	List(context.Context, ...int) ([]string, error)
}

// Load passes the ctx in scope.
func Load(ctx context.Context, g getter) (string, error) { return g.Get(ctx, 1) }

// Show has no context: context.Background().
func Show(st *store.Store, l lister) string {
	v, _ := st.Get(context.Background(), 2)
	w, _ := l.List(context.Background(), 1, 2)
	go func() { _ = st.Work().Save(context.Background(), 3) }()
	return fmt.Sprint(v, w, st.Dialect())
}

type dayer interface {
	Day(context.Context, int) (string, bool, error)
}

// Controller has a SignOut of its own: not the store's (not a test fake),
// left alone.
type Controller struct{ st *store.Store }

// SignOut signs out.
func (c *Controller) SignOut() { c.st.SignOut(context.Background()) }

// Today asks a dayer.
func Today(d dayer) bool { _, ok, _ := d.Day(context.Background(), 1); return ok }

// LoadAll is a service function (Config.Services): it takes a context
// first and its store calls pass it.
func LoadAll(ctx context.Context, st *store.Store) ([]string, error) { return st.List(ctx, 1, 2) }

// Caller calls the service without a context.
func Caller(st *store.Store) int { v, _ := LoadAll(context.Background(), st); return len(v) }
