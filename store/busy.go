package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/mattn/go-sqlite3"

	"sullam/models"
)

// busyError is SQLite's "database is locked" after the busy timeout: it reads
// as models.ErrBusy and keeps the driver error for the log.
type busyError struct{ err error }

func (e busyError) Error() string        { return models.ErrBusy.Error() }
func (e busyError) Unwrap() []error      { return []error{models.ErrBusy, e.err} }
func (e busyError) Is(target error) bool { return target == models.ErrBusy }

// asBusy turns SQLite's SQLITE_BUSY / SQLITE_LOCKED into a busyError and
// returns any other error unchanged.
func asBusy(err error) error {
	var se sqlite3.Error
	if err != nil && errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return busyError{err: err}
	}
	return err
}

// busyPool is the SQLite connection pool as GORM sees it. Write transactions
// begin with BEGIN IMMEDIATE (_txlock=immediate), so a writer that cannot
// get the write lock within the busy timeout fails right there, at BeginTx,
// or at an Exec outside a transaction: both say models.ErrBusy. Reads outside
// a transaction never take the write lock and, in WAL mode, never wait.
type busyPool struct{ *sql.DB }

// BeginTx begins a transaction; a busy database gives models.ErrBusy.
func (p busyPool) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	tx, err := p.DB.BeginTx(ctx, opts)
	return tx, asBusy(err)
}

// ExecContext runs a statement outside a transaction; a busy database gives
// models.ErrBusy.
func (p busyPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := p.DB.ExecContext(ctx, query, args...)
	return res, asBusy(err)
}

// GetDBConn returns the pool, for gorm.DB.DB.
func (p busyPool) GetDBConn() (*sql.DB, error) { return p.DB, nil }
