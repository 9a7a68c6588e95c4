package ui

import (
	"context"
	"testing"

	"fixture/store"
)

type fakeGetter struct{}

func (fakeGetter) Get(ctx context.Context, id int) (string, error) { return "fake", nil }
func (fakeGetter) Dialect() string                                 { return "fake" }

func TestShow(t *testing.T) {
	st := store.Open()
	t.Cleanup(func() { _, _ = st.Get(context.Background(), 4) })
	if _, err := st.Get(t.Context(), 5); err != nil {
		t.Fatal(err)
	}
	helper(t, fakeGetter{})
	_ = Show(st, st)
}

func helper(tb testing.TB, g getter) {
	if _, err := g.Get(tb.Context(), 6); err != nil {
		tb.Fatal(err)
	}
}
