package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"sullam/models"
)

// IsDeskURL reports whether dsn is a PostgreSQL URL that names no user (a
// desk's URL, postgres://dbhost/sullam?sslmode=require): its connections
// are opened by the sign-in, as the signing-in account's own login.
func IsDeskURL(dsn string) bool {
	if !IsPostgres(dsn) {
		return false
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return false
	}
	return u.User == nil && u.Query().Get("user") == "" && u.Query().Get("password") == ""
}

// deskAuth holds the credentials a desk store connects with: the login and
// password of the account signed in last. Each sign-in starts a new
// generation; a pooled connection of an older one is never used again.
type deskAuth struct {
	base *pgx.ConnConfig

	mu          sync.Mutex
	login, pw   string
	gen         uint64
	signedInGen uint64 // gen of the last sign-in that succeeded; 0: none
}

// set replaces the credentials and starts a new generation.
func (d *deskAuth) set(login, pw string) uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.login, d.pw = login, pw
	d.gen++
	return d.gen
}

func (d *deskAuth) signedIn() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.signedInGen != 0 && d.signedInGen == d.gen
}

func (d *deskAuth) generation() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.gen
}

// errNotSignedIn is the connection error of a desk store before a sign-in.
var errNotSignedIn = errors.New("not signed in: a desk connects to PostgreSQL as the signed-in account")

// Connect opens one connection as the current login.
func (d *deskAuth) Connect(ctx context.Context) (driver.Conn, error) {
	d.mu.Lock()
	cfg := d.base.Copy()
	cfg.User, cfg.Password = d.login, d.pw
	gen := d.gen
	d.mu.Unlock()
	if cfg.User == "" {
		return nil, errNotSignedIn
	}
	c, err := stdlib.GetConnector(*cfg).Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := c.(*stdlib.Conn)
	if !ok {
		c.Close()
		return nil, fmt.Errorf("unexpected driver connection %T", c)
	}
	return &deskConn{Conn: sc, auth: d, gen: gen}, nil
}

// Driver returns the pgx driver.
func (d *deskAuth) Driver() driver.Driver { return stdlib.GetDefaultDriver() }

// deskConn is a connection of one sign-in's generation.
type deskConn struct {
	*stdlib.Conn
	auth *deskAuth
	gen  uint64
}

// IsValid tells database/sql to drop the connection once another sign-in
// has begun: a pooled connection never serves the next account.
func (c *deskConn) IsValid() bool { return c.gen == c.auth.generation() }

// openDesk makes s a desk store on the desk URL dsn: no connection until
// SignIn.
func (s *Store) openDesk(cfg *pgx.ConnConfig, gcfg *gorm.Config) error {
	s.desk = &deskAuth{base: cfg}
	gcfg.DisableAutomaticPing = true
	pool := sql.OpenDB(s.desk)
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: pool}), gcfg)
	if err != nil {
		pool.Close()
		return err
	}
	s.db = db
	return nil
}

// isAuthError reports whether err is PostgreSQL refusing the login: a wrong
// password, an unknown role (answered alike by the server), a NOLOGIN role.
func isAuthError(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "28P01" || pe.Code == "28000"
	}
	return false
}

// connectAs opens and closes one connection to the store's database as
// login with pw: true when PostgreSQL accepts them, false when it refuses
// them, an error when the server cannot be reached.
func (s *Store) connectAs(login, pw string) (bool, error) {
	cfg, err := pgx.ParseConfig(s.pgDSN)
	if err != nil {
		return false, fmt.Errorf("read the database URL: %s", MaskDSNIn(err.Error(), s.pgDSN))
	}
	cfg.User, cfg.Password = login, pw
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		if isAuthError(err) {
			return false, nil
		}
		return false, fmt.Errorf("connect as %s: %s", login, MaskDSNIn(err.Error(), s.pgDSN))
	}
	c.Close(ctx)
	return true, nil
}

// deskSignIn signs username in on a desk store: PostgreSQL checks the
// password as the account's login, and the store's connections are that
// login's from then on. Every refusal is ErrSignInRefused.
func (s *Store) deskSignIn(username, pw string) (models.User, error) {
	name := strings.TrimSpace(username)
	gen := s.desk.set(PGLoginName(s.pgPrefix, name), pw)
	refuse := func() (models.User, error) {
		s.desk.set("", "")
		return models.User{}, ErrSignInRefused
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return models.User{}, fmt.Errorf("sign in %s: %w", name, err)
	}
	if err := sqlDB.Ping(); err != nil {
		if isAuthError(err) {
			return refuse()
		}
		s.desk.set("", "")
		return models.User{}, fmt.Errorf("sign in %s: %s", name, MaskDSNIn(err.Error(), s.pgDSN))
	}
	behind, err := schemaBehind(s.db)
	if err != nil {
		s.desk.set("", "")
		return models.User{}, fmt.Errorf("sign in %s: read the schema version: %w", name, err)
	}
	if behind {
		s.desk.set("", "")
		return models.User{}, fmt.Errorf("sign in %s: the database is older than this program: the database owner runs `sullam --db OWNER_URL migrate` first: %w", name, models.ErrInvalid)
	}
	var u models.User
	err = s.db.Preload("Roles").Where("id = (SELECT user_id FROM sullam_logins WHERE login = current_user)").First(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return refuse()
	}
	if err != nil {
		s.desk.set("", "")
		return models.User{}, fmt.Errorf("sign in %s: %w", name, err)
	}
	if !u.Active || u.Username != name || (u.LockedUntil != nil && s.now().UTC().Before(*u.LockedUntil)) {
		return refuse()
	}
	s.desk.mu.Lock()
	if s.desk.gen == gen {
		s.desk.signedInGen = gen
	}
	s.desk.mu.Unlock()
	return u, nil
}

// SignOut forgets the signed-in account's credentials on a desk store and
// closes its idle connections: until the next SignIn nothing more is read
// or written as that account. On any other store it does nothing (the
// connection is the owner's or a SQLite file's).
func (ac *Accounts) SignOut(ctx context.Context) {
	s := ac.s
	s = s.withContext(ctx)
	if s.desk == nil {
		return
	}
	s.desk.set("", "")
	if sqlDB, err := s.db.DB(); err == nil {
		// idle connections of the signed-out login close now; one in use
		// is dropped when it returns to the pool (deskConn.IsValid)
		sqlDB.SetMaxIdleConns(0)
		sqlDB.SetMaxIdleConns(2)
	}
}
