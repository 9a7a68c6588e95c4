package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sullam/store/migrations"
)

// CopyProgress is told, after each batch written, how many rows of table
// have been copied so far. Returning an error stops the copy, which then
// leaves the target as it was.
type CopyProgress func(table string, rows int64) error

// CopyOptions tunes a copy of the database (MigrateTo, a backup of
// PostgreSQL).
type CopyOptions struct {
	// Progress, when set, is told after each batch of rows written.
	Progress CopyProgress
	// BatchRows is the number of rows one INSERT writes (default 500,
	// fewer for a table with many columns).
	BatchRows int
}

// TableCount is the number of rows copied into one table.
type TableCount struct {
	Table string
	Rows  int64
}

// CopyResult tells what a copy wrote: each table, in the order copied.
type CopyResult struct {
	Tables []TableCount
	// Notes name the tables and columns that only one side has (made by
	// the migrations for one dialect only) and what the copy did with them.
	Notes []string
}

// Rows returns the number of rows copied into all tables.
func (r CopyResult) Rows() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// copyBatchRows is the number of rows one INSERT writes; copyMaxParams
// keeps a statement under SQLite's limit of bound values (32766) and
// PostgreSQL's (65535).
const (
	copyBatchRows = 500
	copyMaxParams = 30000
)

// migrationsTable is the table the migrations keep their level in: the
// target gets its own rows by running the same migrations.
const migrationsTable = "schema_migrations"

// copyTarget is a database a copy writes into, opened without the store's
// seeding (a seeded database is not empty).
type copyTarget struct {
	db      *gorm.DB
	dialect string
	path    string // SQLite file
	created bool   // the SQLite file did not exist before
	lock    *fileLock
}

// openCopyTarget opens the database dsn as the target of a copy. A SQLite
// target is locked exclusively (<db>.lock) for the copy, so no Sullam
// process has it open meanwhile. staging opens a backup's temporary file:
// a single file (rollback journal), synced in full, not locked.
func openCopyTarget(dsn string, staging bool) (*copyTarget, error) {
	cfg := &gorm.Config{Logger: logger.Discard, TranslateError: true}
	if IsPostgres(dsn) {
		db, err := gorm.Open(postgres.Open(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("open the target database: %w", err)
		}
		return &copyTarget{db: db, dialect: "postgres"}, nil
	}
	t := &copyTarget{dialect: "sqlite", path: dsn}
	if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) {
		t.created = true
	}
	conn := sqliteDSN(dsn, DefaultBusyTimeout)
	if staging {
		conn = fmt.Sprintf("file:%s?_foreign_keys=on&_journal_mode=DELETE&_synchronous=FULL&_txlock=immediate&_secure_delete=on", dsn)
	} else {
		if err := checkLocalFS(dsn); err != nil {
			return nil, err
		}
		lock, err := lockFile(dsn+lockSuffix, true)
		if errors.Is(err, errLockHeld) {
			return nil, fmt.Errorf("open the target database %s: %w", dsn, ErrInUse)
		}
		if err != nil {
			return nil, fmt.Errorf("open the target database %s: %w", dsn, err)
		}
		t.lock = lock
	}
	pool := sql.OpenDB(sqliteConnector{dsn: conn})
	pool.SetMaxOpenConns(1)
	db, err := gorm.Open(sqlite.New(sqlite.Config{DSN: dsn, Conn: pool}), cfg)
	if err != nil {
		pool.Close()
		t.lock.release()
		return nil, fmt.Errorf("open the target database %s: %w", dsn, err)
	}
	t.db = db
	return t, nil
}

// close closes the target and releases its lock; failed removes a SQLite
// file the copy created, so a failed copy leaves nothing behind.
func (t *copyTarget) close(failed bool) error {
	var err error
	if sqlDB, e := t.db.DB(); e == nil {
		err = sqlDB.Close()
	}
	if t.dialect == "sqlite" && failed && t.created {
		removeSQLiteFiles(t.path)
		if t.lock != nil {
			os.Remove(t.path + lockSuffix)
		}
	}
	if lerr := t.lock.release(); err == nil {
		err = lerr
	}
	return err
}

// pool returns the target's connection pool (outside any transaction).
func (t *copyTarget) pool() (*sql.DB, error) { return t.db.DB() }

// nonEmptyTables returns, for each table of the database that holds rows
// (the migrations' own table aside), "name (N rows)", sorted by name.
func nonEmptyTables(ctx context.Context, r schemaReader) ([]string, error) {
	tables, err := r.tables(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range tables {
		if t == migrationsTable {
			continue
		}
		var n int64
		rows, err := r.q.QueryContext(ctx, "SELECT COUNT(*) FROM "+quoteIdent(t))
		if err != nil {
			return nil, fmt.Errorf("count the rows of %s: %w", t, err)
		}
		if rows.Next() {
			err = rows.Scan(&n)
		}
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("count the rows of %s: %w", t, err)
		}
		if n > 0 {
			out = append(out, fmt.Sprintf("%s (%d rows)", t, n))
		}
	}
	return out, nil
}

// snapshot begins a read-only snapshot of the store's database: on
// PostgreSQL one REPEATABLE READ READ ONLY transaction; on SQLite a
// deferred transaction on one connection (in WAL mode a reader sees one
// state and never waits for a writer). end finishes it.
func (s *Store) snapshot(ctx context.Context) (q querier, end func(), err error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, nil, fmt.Errorf("read snapshot: %w", err)
	}
	if s.dialect == "postgres" {
		tx, err := sqlDB.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, nil, fmt.Errorf("begin a read snapshot: %w", err)
		}
		return tx, func() { tx.Rollback() }, nil
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("begin a read snapshot: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		conn.Close()
		return nil, nil, fmt.Errorf("begin a read snapshot: %w", err)
	}
	end = func() {
		conn.ExecContext(context.Background(), "ROLLBACK")
		conn.Close()
	}
	// A deferred transaction takes its snapshot at its first read.
	var n int64
	if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+migrationsTable).Scan(&n); err != nil {
		end()
		return nil, nil, fmt.Errorf("begin a read snapshot: %w", err)
	}
	return conn, end, nil
}

// copyInto copies every row of the store's database, read in one
// snapshot, into the target, in one transaction on the target: the
// target is migrated with the same migrations inside it, checked to be
// empty, filled table by table in foreign-key order and, on PostgreSQL,
// its sequences set past the copied ids. Any error (or ctx ending, or
// opt.Progress refusing) rolls the whole transaction back.
func (s *Store) copyInto(ctx context.Context, dst *copyTarget, opt CopyOptions) (CopyResult, error) {
	src, end, err := s.snapshot(ctx)
	if err != nil {
		return CopyResult{}, err
	}
	defer end()
	db := dst.db.WithContext(ctx)
	var conn *sql.Conn
	if dst.dialect == "postgres" {
		// one connection for the transaction and the COPYs it runs
		// (copier.copyRowsPG): the transaction is begun on it
		pool, err := dst.pool()
		if err != nil {
			return CopyResult{}, fmt.Errorf("open the target: %w", err)
		}
		if conn, err = pool.Conn(ctx); err != nil {
			return CopyResult{}, fmt.Errorf("open the target: %w", err)
		}
		defer conn.Close()
		db = db.Session(&gorm.Session{})
		db.Statement.ConnPool = conn
	}
	var res CopyResult
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := migrations.Run(tx); err != nil {
			return fmt.Errorf("migrate the target: %w", err)
		}
		c := copier{src: schemaReader{dialect: s.dialect, q: src}, dst: tx.Statement.ConnPool, dstDialect: dst.dialect, progress: opt.Progress, batch: opt.BatchRows, pgConn: conn}
		var err error
		res, err = c.run(ctx)
		return err
	})
	if err != nil {
		return CopyResult{}, err
	}
	return res, nil
}
