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
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
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
	lock    *fileLock // SQLite: the shared lock on <db>.lock held while open
	busy    time.Duration
	expired *sessionHook               // told when a signed-in actor's session has ended (access.go)
	verify  func(hash, pw string) bool // VerifyPassword, or a test's counter
	// onRestoreStep is a test hook of Restore (withRestoreHook).
	onRestoreStep func(step string)

	// PostgreSQL (pgroles.go): the database's name, its role prefix and
	// the URL it was opened with; desk is set when that URL names no user
	// (the sign-in opens the connections); loginCheck is how SignIn checks
	// a password with the owner's URL (connectAs, or a test's counter).
	pgDatabase, pgPrefix, pgDSN string
	desk                        *deskAuth
	loginCheck                  func(s *Store, login, pw string) (bool, error)
}

// Option configures Open.
type Option func(*Store)

// WithClock sets the clock the store uses for timestamps and lockouts (tests).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithBusyTimeout sets how long a SQLite writer waits for another's write
// lock before it fails with models.ErrBusy (default DefaultBusyTimeout).
func WithBusyTimeout(d time.Duration) Option { return func(s *Store) { s.busy = d } }

// DefaultBusyTimeout is how long a SQLite writer waits for the write lock.
const DefaultBusyTimeout = 10 * time.Second

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

// defaultIdleConns is how many idle connections a SQLite store's pool
// keeps (database/sql's default, set here so that the demo load can
// restore it after closing them).
const defaultIdleConns = 2

// SQLiteDSN returns the DSN for a SQLite file with Sullam's pragmas: WAL,
// foreign keys, busy timeout, immediate write transactions and secure_delete
// (deleted and overwritten content is zeroed in the file: PDPL erasure).
func SQLiteDSN(path string) string { return sqliteDSN(path, DefaultBusyTimeout) }

func sqliteDSN(path string, busy time.Duration) string {
	return fmt.Sprintf("file:%s?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=%d&_synchronous=NORMAL&_txlock=immediate&_secure_delete=on", path, busy.Milliseconds())
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
// creation. Opening a database whose schema is current writes nothing, so it
// never waits for another process's write.
//
// A SQLite file is opened under a shared lock on <db>.lock, held until Close:
// a restore takes that lock exclusively and so never swaps the file under a
// running process. The temporary files of a backup or restore that died
// (killed, power cut) are removed first.
func Open(dsn string, opts ...Option) (*Store, error) {
	if IsPostgres(dsn) {
		return open(dsn, opts...)
	}
	if err := checkLocalFS(dsn); err != nil {
		return nil, err
	}
	lock, err := lockFile(dsn+lockSuffix, false)
	if errors.Is(err, errLockHeld) {
		return nil, fmt.Errorf("open database %s: a restore is replacing it right now: %w", dsn, models.ErrBusy)
	}
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", dsn, err)
	}
	removeDebris(dsn, slog.Default())
	s, err := open(dsn, opts...)
	if err != nil {
		lock.release()
		return nil, err
	}
	s.lock = lock
	return s, nil
}

// open opens the database without the SQLite file lock (Open takes it; a
// restore opens its staged copy with open alone).
func open(dsn string, opts ...Option) (*Store, error) {
	s := &Store{now: time.Now, log: slog.Default(), busy: DefaultBusyTimeout, verify: VerifyPassword, expired: &sessionHook{}}
	for _, o := range opts {
		o(s)
	}
	cfg := &gorm.Config{Logger: logger.Discard, TranslateError: true, NowFunc: func() time.Time { return s.now().UTC() }}
	var err error
	if IsPostgres(dsn) {
		s.dialect = "postgres"
		pcfg, perr := pgx.ParseConfig(dsn)
		if perr != nil {
			return nil, fmt.Errorf("open database: %s", MaskDSNIn(perr.Error(), dsn))
		}
		if pcfg.Database == "" {
			return nil, fmt.Errorf("open database %s: the URL must name the database (postgres://host/sullam): %w", MaskDSN(dsn), models.ErrInvalid)
		}
		s.pgDatabase, s.pgPrefix, s.pgDSN = pcfg.Database, PGRolePrefix(pcfg.Database), dsn
		if s.loginCheck == nil {
			s.loginCheck = (*Store).connectAs
		}
		if IsDeskURL(dsn) {
			// a desk: nothing to open until the sign-in
			if err := s.openDesk(pcfg, cfg); err != nil {
				return nil, fmt.Errorf("open database: %w", err)
			}
			return s, nil
		}
		s.db, err = gorm.Open(postgres.Open(dsn), cfg)
	} else {
		s.dialect = "sqlite"
		s.path = dsn
		pool := busyPool{sql.OpenDB(sqliteConnector{dsn: sqliteDSN(dsn, s.busy)})}
		s.db, err = gorm.Open(sqlite.New(sqlite.Config{DSN: dsn, Conn: pool}), cfg)
		if err != nil {
			pool.Close()
		}
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
		sqlDB.SetMaxIdleConns(defaultIdleConns)
	}
	behind, err := schemaBehind(s.db)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("read the schema version: %w", err)
	}
	if behind {
		if err := migrations.Run(s.db); err != nil {
			s.Close()
			return nil, fmt.Errorf("migrate database: %w", err)
		}
	}
	if err := s.seedDefaults(); err != nil {
		s.Close()
		return nil, fmt.Errorf("seed default content: %w", err)
	}
	if s.dialect == "postgres" {
		if err := s.ensurePGRoles(); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// schemaBehind reports whether a migration of this program has not run on db
// yet (a new database has none).
func schemaBehind(db *gorm.DB) (bool, error) {
	ids, err := appliedMigrations(db)
	if err != nil {
		return false, err
	}
	for _, m := range migrations.List() {
		if !ids[m.ID] {
			return true, nil
		}
	}
	return false, nil
}

// appliedMigrations returns the IDs in schema_migrations (none when the table
// does not exist).
func appliedMigrations(db *gorm.DB) (map[string]bool, error) {
	if !db.Migrator().HasTable("schema_migrations") {
		return map[string]bool{}, nil
	}
	var ids []string
	if err := db.Table("schema_migrations").Pluck("id", &ids).Error; err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// Close closes the database and releases its file lock. Closing twice is
// harmless.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	sqlDB, err := s.db.DB()
	if err == nil {
		err = sqlDB.Close()
	}
	if lerr := s.lock.release(); err == nil {
		err = lerr
	}
	s.lock = nil
	return err
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// Now returns the store's current time.
func (s *Store) Now() time.Time { return s.now() }

// withContext returns a copy of s whose database handle runs every query
// and transaction under ctx: the one place a store call's context reaches
// GORM. Each exported method that touches the database starts with
// `s = s.withContext(ctx)` (internal/tools/addctx writes it), so its
// transactions and unexported helpers inherit the context without taking it
// themselves; cancelling ctx interrupts the running statement (SQLite:
// sqlite3_interrupt; PostgreSQL: the query is cancelled on the server) and
// the transaction rolls back. A nil ctx leaves s as it is.
func (s *Store) withContext(ctx context.Context) *Store {
	if ctx == nil || s == nil || s.db == nil {
		return s
	}
	c := *s
	c.db = s.db.WithContext(ctx)
	return &c
}

// dbContext is the context s's database calls run under (see withContext):
// what a store method passes on when it calls another exported one.
func (s *Store) dbContext() context.Context {
	if s == nil || s.db == nil || s.db.Statement == nil || s.db.Statement.Context == nil {
		return context.Background()
	}
	return s.db.Statement.Context
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
