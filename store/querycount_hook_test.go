package store

import (
	"sync/atomic"
	"testing"

	"gorm.io/gorm"
)

// CountStatements gives the external tests (package store_test) a counter
// of the SQL statements s sends through GORM from now on: every query, row
// read, raw statement, insert, update and delete (the inbox test's counter,
// extended to writes). The reads of a year run on several goroutines, so
// the counter is atomic.
func CountStatements(t testing.TB, s *Store) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	count := func(*gorm.DB) { n.Add(1) }
	cb := s.db.Callback()
	for name, err := range map[string]error{
		"query":  cb.Query().After("gorm:query").Register("test:count_statements", count),
		"row":    cb.Row().After("gorm:row").Register("test:count_statements", count),
		"raw":    cb.Raw().After("gorm:raw").Register("test:count_statements", count),
		"create": cb.Create().After("gorm:create").Register("test:count_statements", count),
		"update": cb.Update().After("gorm:update").Register("test:count_statements", count),
		"delete": cb.Delete().After("gorm:delete").Register("test:count_statements", count),
	} {
		if err != nil {
			t.Fatalf("register the %s statement counter: %v", name, err)
		}
	}
	return &n
}
