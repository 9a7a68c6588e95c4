// Package store is the only package that talks to GORM: it opens SQLite or
// PostgreSQL, runs the versioned migrations, seeds the default content and
// offers every query and change behind access control and the audit log.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sullam/models"
	"sullam/store/migrations"
)

// Store is an open Sullam database.
type Store struct {
	db      *gorm.DB
	dialect string
	path    string // SQLite file path; empty for PostgreSQL
	now     func() time.Time
	log     *slog.Logger
	verify  func(hash, pw string) bool // VerifyPassword, or a test's counter
}

// Option configures Open.
type Option func(*Store)

// WithClock sets the clock the store uses for timestamps and lockouts (tests).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithPasswordVerifier sets the function SignIn checks a password with
// (tests count its calls); the default is VerifyPassword.
func WithPasswordVerifier(verify func(hash, pw string) bool) Option {
	return func(s *Store) { s.verify = verify }
}

// WithLogger sets the logger for denials and errors.
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.log = l } }

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// SQLiteDSN returns the DSN for a SQLite file with Sullam's pragmas: WAL,
// foreign keys, busy timeout and immediate write transactions.
func SQLiteDSN(path string) string {
	return "file:" + path + "?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=10000&_synchronous=NORMAL&_txlock=immediate"
}

// sqliteConnector opens SQLite connections with the pragmas the DSN cannot
// carry: temp_store = MEMORY. A multi-row INSERT inside a transaction keeps
// a statement journal (to undo just that statement on a constraint failure);
// on disk, every page it touched was written to a temporary file first
// (weekly reports, 371k rows: 260k page writes). It must be set before a
// transaction begins, so it is set when the connection opens.
type sqliteConnector struct{ dsn string }

// Connect opens one connection.
func (c sqliteConnector) Connect(context.Context) (driver.Conn, error) {
	return c.Driver().Open(c.dsn)
}

// Driver is the mattn SQLite driver with the connection hook.
func (c sqliteConnector) Driver() driver.Driver {
	return &sqlite3.SQLiteDriver{ConnectHook: func(conn *sqlite3.SQLiteConn) error {
		if _, err := conn.Exec("PRAGMA temp_store = MEMORY", nil); err != nil {
			return fmt.Errorf("set temp store: %w", err)
		}
		if _, err := conn.Exec("PRAGMA mmap_size = 1073741824", nil); err != nil {
			return fmt.Errorf("set mmap size: %w", err)
		}
		return nil
	}}
}

// Open opens (creating and migrating when needed) the database named by dsn:
// a SQLite file path or a postgres:// URL. The default content is seeded on
// creation.
func Open(dsn string, opts ...Option) (*Store, error) {
	s := &Store{now: time.Now, log: slog.Default(), verify: VerifyPassword}
	for _, o := range opts {
		o(s)
	}
	cfg := &gorm.Config{Logger: logger.Discard, TranslateError: true, NowFunc: func() time.Time { return s.now().UTC() }}
	var err error
	if IsPostgres(dsn) {
		s.dialect = "postgres"
		s.db, err = gorm.Open(postgres.Open(dsn), cfg)
	} else {
		s.dialect = "sqlite"
		s.path = dsn
		if err := checkLocalFS(dsn); err != nil {
			return nil, err
		}
		if _, err := ApplyPendingRestore(dsn); err != nil {
			return nil, err
		}
		s.db, err = gorm.Open(sqlite.New(sqlite.Config{DSN: dsn, Conn: sql.OpenDB(sqliteConnector{dsn: SQLiteDSN(dsn)})}), cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if s.dialect == "sqlite" {
		sqlDB, err := s.db.DB()
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		sqlDB.SetMaxOpenConns(4)
	}
	if err := migrations.Run(s.db); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrate database: %w", err)
	}
	if err := s.seedDefaults(); err != nil {
		s.Close()
		return nil, fmt.Errorf("seed default content: %w", err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// Now returns the store's current time.
func (s *Store) Now() time.Time { return s.now() }

// Network filesystem magic numbers (statfs f_type) on which SQLite locking is unreliable.
var networkFS = map[int64]string{
	0x6969:     "NFS",
	0xFF534D42: "CIFS",
	0xFE534D42: "SMB2",
	0x517B:     "SMB",
	0x65735546: "FUSE",
	0x564c:     "NCP",
	0x5346414F: "AFS",
	0x01021997: "9P",
}

// checkLocalFS refuses a SQLite file on a network filesystem.
func checkLocalFS(path string) error {
	dir := filepath.Dir(path)
	if dir == "" {
		dir = "."
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("open database %s: folder %s does not exist", path, dir)
		}
		return nil // cannot tell; let SQLite try
	}
	if name, ok := networkFS[int64(st.Type)]; ok {
		return fmt.Errorf("open database %s: the folder is on a network filesystem (%s), where SQLite can corrupt data; use PostgreSQL (--db postgres://…) for a shared database: %w", path, name, models.ErrInvalid)
	}
	return nil
}

// translate maps driver errors to the models sentinel errors.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("%w", models.ErrNotFound)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return fmt.Errorf("%w", models.ErrAlreadyExists)
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return fmt.Errorf("%w: a linked record is missing or still in use", models.ErrInvalid)
	case errors.Is(err, gorm.ErrCheckConstraintViolated):
		return fmt.Errorf("%w: a value is out of range", models.ErrInvalid)
	}
	return err
}
