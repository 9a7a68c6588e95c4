// Package store is a small model of sullam/store for the addctx test.
package store

import "context"

// DB stands for *gorm.DB.
type DB struct{ ctx context.Context }

// WithContext binds ctx.
func (d *DB) WithContext(ctx context.Context) *DB { return &DB{ctx: ctx} }

// Find stands for a query.
func (d *DB) Find(id int) (string, error) { return "row", nil }

// Store is the database.
type Store struct {
	db      *DB
	dialect string
}

// ImportSource carries its own context.
type ImportSource struct {
	Ctx  context.Context
	Name string
}

func (s *Store) withContext(ctx context.Context) *Store {
	c := *s
	c.db = s.db.WithContext(ctx)
	return &c
}

func (s *Store) dbContext() context.Context { return s.db.ctx }

// Open opens.
func Open() *Store { return &Store{db: &DB{ctx: context.Background()}, dialect: "sqlite"} }

// Dialect touches no database: left alone.
func (s *Store) Dialect() string { return s.dialect }

// Close is left alone.
func (s *Store) Close() error { s.db = nil; return nil }

// Get uses the db field directly.
func (s *Store) Get(ctx context.Context, id int) (string, error) {
	s = s.withContext(ctx)
	return s.db.Find(id)
}

// List reaches the db through an unexported helper.
func (s *Store) List(ctx context.Context, ids ...int) ([]string, error) {
	s = s.withContext(ctx)
	var out []string
	for _, id := range ids {
		v, err := s.find(id)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (s *Store) find(id int) (string, error) { return s.db.Find(id) }

// twice is an unexported helper calling an exported method: it passes the
// context its store is bound to.
func (s *Store) twice(id int) (string, error) { return s.Get(s.dbContext(), id) }

// Copy already takes a context: left alone.
func (s *Store) Copy(ctx context.Context, to string) error { _ = s.db.WithContext(ctx); return nil }

// Import carries its context in src: left alone.
func (s *Store) Import(src ImportSource) error { _, err := s.find(1); return err }

// Work is an area type holding the store.
type Work struct{ s *Store }

// Work returns the area: touches no database.
func (s *Store) Work() *Work { return &Work{s: s} }

// Save follows the area split's pattern (s := r.s first).
func (r *Work) Save(ctx context.Context, id int) error {
	s := r.s
	s = s.withContext(ctx)
	_, err := s.Get(ctx, id)
	return err
}

// Count has no `s := r.s` line.
func (r *Work) Count(ctx context.Context) int {
	r = &Work{s: r.s.withContext(ctx)}
	n, _ := r.s.find(0)
	return len(n)
}

// Day has named results; an interface spec without names matches it.
func (s *Store) Day(ctx context.Context, id int) (day string, found bool, err error) {
	s = s.withContext(ctx)
	day, err = s.db.Find(id)
	return day, err == nil, err
}

// SignOut reaches the database and takes nothing.
func (s *Store) SignOut(ctx context.Context) {
	s = s.withContext(ctx)
	_, _ = s.db.Find(0)
}
