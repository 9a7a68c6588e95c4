package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"

	"golang.org/x/term"

	"sullam/store"
)

// session is one command's connection to the database and the user it acts
// as. dispatch makes one per command, the command opens it with signIn, and
// dispatch writes the command's audit-log entry and closes it.
type session struct {
	env    Env
	st     *store.Store
	actor  store.Actor
	counts map[string]int
}

// signIn opens the database of inv and signs in (spec/cli.md "Signed in"),
// once per command. On a database that has accounts the command acts as
// the user named by SULLAM_USER, with the password from SULLAM_PASSWORD or
// asked on the terminal; a missing user name or a refused sign-in is an
// error (exit 1). A database with no account yet has no one to sign in as:
// the command acts as the command line, named after the OS user. On a
// PostgreSQL URL without a user (a desk, store.IsDeskURL) the user name and
// password open the connection, as the account's own database login.
func signIn(inv Invocation) (*store.Store, store.Actor, error) {
	s := inv.sess
	if s == nil {
		return nil, store.Actor{}, errors.New("internal: command run without a session")
	}
	if s.st != nil {
		return s.st, s.actor, nil
	}
	dsn, err := inv.dsn()
	if err != nil {
		return nil, store.Actor{}, err
	}
	var st *store.Store
	if store.IsDeskURL(dsn) {
		// A desk's URL names no user: nothing is read before the sign-in
		// below connects as the account's own login. The daily retention
		// runs at the desks of the owner and of HR, whose grants allow it.
		st, err = store.Open(dsn)
	} else {
		st, err = openRetained(dsn, readOnlyCommands[inv.Command])
	}
	if err != nil {
		return nil, store.Actor{}, err
	}
	a, err := s.signIn(st, inv.Command == "init")
	if err != nil {
		st.Close()
		return nil, store.Actor{}, err
	}
	s.st, s.actor = st, a
	return st, a, nil
}

// readOnlyCommands only read the database: they run beside another desk's
// write without waiting for it (their audit-log entry is spooled when the
// database is busy), so the daily retention, a write, runs before them only
// when no other process is writing.
var readOnlyCommands = map[string]bool{"score": true, "promotions": true, "report": true, "export": true}

// dsn is the database of inv: --db, or the default one.
func (inv Invocation) dsn() (string, error) {
	if inv.DSN != "" {
		return inv.DSN, nil
	}
	return DefaultDSN()
}

// reopen replaces the session's store, closed by a restore, with the
// database now at dsn, so that the command's audit-log entry lands in the
// restored database, under the name of the user who restored it.
func (s *session) reopen(dsn string) error {
	st, err := store.Open(dsn)
	if err != nil {
		return err
	}
	s.st, s.actor = st, store.SystemActor(s.actor.Username)
	return nil
}

func (s *session) getenv(k string) string {
	if s.env.Getenv == nil {
		return ""
	}
	return s.env.Getenv(k)
}

// signIn returns the actor of the command on st.
// For init (forInit), a database where no account can sign in (a copy of a
// shared server: no password hashes) counts as having no account, so that
// `init --admin NAME` can set its admin up again.
func (s *session) signIn(st *store.Store, forInit bool) (store.Actor, error) {
	has, err := st.Accounts().HasUsers(context.Background())
	if err == nil && has && forInit {
		has, err = st.Accounts().HasUsableAccounts(context.Background())
	}
	if err != nil {
		return store.Actor{}, fmt.Errorf("sign in: %w", err)
	}
	if !has {
		return osActor(), nil
	}
	name := strings.TrimSpace(s.getenv("SULLAM_USER"))
	if name == "" {
		return store.Actor{}, fmt.Errorf("sign in: this database has accounts: set SULLAM_USER to your user name (and SULLAM_PASSWORD, or type the password when asked)")
	}
	pw := s.getenv("SULLAM_PASSWORD")
	if pw == "" {
		if pw, err = readSecret(s.env, fmt.Sprintf("password for %s: ", name)); err != nil {
			return store.Actor{}, fmt.Errorf("sign in as %s: %w", name, err)
		}
	}
	u, err := st.Accounts().SignIn(context.Background(), name, pw)
	if err != nil {
		return store.Actor{}, fmt.Errorf("sign in as %s: %w", name, err)
	}
	return store.ActorOf(u), nil
}

// osActor is the actor of a command on a database with no account yet,
// named after the OS user.
func osActor() store.Actor {
	name := "unknown"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	return store.SystemActor(name)
}

// count adds n to the count name of the command's audit-log entry.
func (inv Invocation) count(name string, n int) {
	if inv.sess != nil {
		inv.sess.counts[name] += n
	}
}

// finish writes the command's audit-log entry (who, what, arguments,
// counts, outcome) and closes the database. A command that never opened the
// database (bad usage) has no entry.
func (s *session) finish(inv Invocation, cmdErr error) error {
	if s.st == nil {
		return cmdErr
	}
	defer func() {
		s.st.Close()
		s.st = nil
	}()
	err := s.st.LogCommand(context.Background(), s.actor, store.CommandEntry{Command: inv.Command, Args: inv.Args, Counts: s.counts, Err: cmdErr})
	if err != nil && cmdErr == nil {
		return fmt.Errorf("%s: done, but its audit-log entry could not be written: %w", inv.Command, err)
	}
	return cmdErr
}

// readSecret reads one line from env.Stdin after writing prompt to stderr:
// on a terminal without echo, else (a pipe) as it comes.
func readSecret(env Env, prompt string) (string, error) {
	fmt.Fprint(env.Stderr, prompt)
	if f, ok := env.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(env.Stderr)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		return string(b), nil
	}
	return readLine(env.Stdin)
}

// readLine reads one line from r, byte by byte (so nothing after the line
// is consumed), without its line ending.
func readLine(r io.Reader) (string, error) {
	if r == nil {
		return "", fmt.Errorf("read password: no input (set SULLAM_PASSWORD)")
	}
	var line strings.Builder
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				break
			}
			line.WriteByte(buf[0])
		}
		if err != nil {
			if line.Len() == 0 {
				return "", fmt.Errorf("read password: no input (set SULLAM_PASSWORD)")
			}
			break
		}
	}
	return strings.TrimRight(line.String(), "\r"), nil
}
