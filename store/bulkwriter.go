package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sullam/internal/bulk"
	"sullam/models"
)

// isoDate formats d as YYYY-MM-DD, like d.String but without fmt.
func isoDate(d models.Date) string {
	if d.IsZero() || d.Year < 0 || d.Year > 9999 {
		return d.String()
	}
	b := [10]byte{byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10), '-',
		byte('0' + int(d.Month)/10), byte('0' + int(d.Month)%10), '-', byte('0' + d.Day/10), byte('0' + d.Day%10)}
	return string(b[:])
}

// bulkTx is tx as the bulk writer's transaction: its context and
// connection, the store's dialect and driverError's translation.
func (s *Store) bulkTx(tx *gorm.DB) bulk.Tx {
	d := bulk.SQLite
	if s.dialect == "postgres" {
		d = bulk.PostgreSQL
	}
	ctx := tx.Statement.Context
	if ctx == nil {
		ctx = context.Background()
	}
	return bulk.Tx{Ctx: ctx, Conn: tx.Statement.ConnPool, Dialect: d,
		Translate: func(err error) error { return driverError(tx, err) }}
}

// reserveIDs returns n new ids for the rows of table that a bulk insert
// writes with explicit ids (bulk.Tx.ReserveIDs).
func (s *Store) reserveIDs(tx *gorm.DB, table string, n int) ([]uint, error) {
	return s.bulkTx(tx).ReserveIDs(table, n)
}

// importCache gives the import's SQLite connection a page cache of 64 MiB
// (the default is 2 MiB): a file's rows go to one place in the table but to
// scattered places in the indexes ordered otherwise (by date, by week), and
// with the small cache every such write read and wrote a page of the file
// (weekly reports, 371k rows: 10.3 s, most of it in system calls).
func (s *Store) importCache(ctx context.Context, conn gorm.ConnPool) error {
	if s.dialect == "postgres" {
		return nil
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -65536"); err != nil {
		return fmt.Errorf("set cache size: %w", err)
	}
	return nil
}

// insertRows inserts n rows into table in tx with the import's page cache
// (bulk.Tx.Insert): row appends the values of row i, in the order of cols,
// to dst; fixed columns get the same value in every row.
func (s *Store) insertRows(tx *gorm.DB, table string, cols []string, n int, row bulk.RowFunc, fixed ...bulk.Fixed) error {
	if n == 0 {
		return nil
	}
	w, err := s.newRowWriter(tx, table, cols, fixed...)
	if err != nil {
		return err
	}
	defer w.Close()
	return w.Write(n, row)
}

// timeLiteral is t as an SQL literal of the store's dialect (bulk.Tx.Time).
func (s *Store) timeLiteral(t time.Time) string {
	return s.bulkTx(s.db).Time(t)
}

// newRowWriter returns a writer of rows into table in tx, with the import's
// page cache: the values of cols are bound, those of fixed are the same in
// every row.
func (s *Store) newRowWriter(tx *gorm.DB, table string, cols []string, fixed ...bulk.Fixed) (*bulk.Writer, error) {
	return s.newShapedWriter(tx, table, bulk.Plain(cols, fixed...))
}

// newShapedWriter returns a writer of rows of shape into table in tx, with
// the import's page cache.
func (s *Store) newShapedWriter(tx *gorm.DB, table string, shape bulk.Shape) (*bulk.Writer, error) {
	btx := s.bulkTx(tx)
	if err := s.importCache(btx.Ctx, tx.Statement.ConnPool); err != nil {
		return nil, err
	}
	return btx.NewShapedWriter(table, shape), nil
}

// dateValue is d as stored: YYYY-MM-DD, NULL for the zero date.
func dateValue(d models.Date) any {
	if d.IsZero() {
		return nil
	}
	return isoDate(d)
}

// intPtr is *p as stored, NULL for nil.
func intPtr(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// uintPtr is *p as stored, NULL for nil.
func uintPtr(p *uint) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// timePtr is *p as stored, NULL for nil.
func timePtr(p *time.Time) any {
	if p == nil {
		return nil
	}
	return *p
}
