// Package cli implements the command line of spec/cli.md on top of store,
// scoring, importer and report. The same binary opens the window when no
// command is given.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"sullam/models"
	"sullam/store"
)

// AppID is Sullam's application ID; the default database lives in Fyne's
// storage folder for it.
const AppID = models.AppID

// Version is the version `sullam version` prints: main sets it from
// FyneApp.toml (the one place that holds it) before running a command.
var Version = "0.1.0-dev"

// Exit statuses of spec/cli.md.
const (
	ExitOK    = 0
	ExitFail  = 1
	ExitUsage = 2
)

// Env is what a command runs with: its streams, environment and working folder.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// usageError marks bad usage (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Invocation is the parsed global part of a command line.
type Invocation struct {
	DSN     string
	Command string
	Args    []string
	// sess is the command's session, made by Run.
	sess *session
}

// Parse reads the global flags (--db) and the command name. An empty Command
// means: open the window.
func Parse(args []string, env Env) (Invocation, error) {
	fs := flag.NewFlagSet("sullam", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "SQLite file or postgres:// URL (default: $SULLAM_DB, else sullam.db in the app's storage folder)")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return Invocation{Command: "help"}, nil
	} else if err != nil {
		return Invocation{}, usagef("%v\n%s", err, usageText)
	}
	inv := Invocation{DSN: *db}
	if inv.DSN == "" && env.Getenv != nil {
		inv.DSN = env.Getenv("SULLAM_DB")
	}
	if rest := fs.Args(); len(rest) > 0 {
		inv.Command, inv.Args = rest[0], rest[1:]
	}
	return inv, nil
}

// DefaultDSN returns the default database path, creating its folder:
// sullam.db in Fyne's storage folder for AppID (~/.config/fyne/<app-id>/ on Linux).
func DefaultDSN() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the configuration folder: %w", err)
	}
	dir = filepath.Join(dir, "fyne", AppID)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	return filepath.Join(dir, "sullam.db"), nil
}

const usageText = `usage: sullam [--db DSN] [command] [flags]

commands:
  init [--admin NAME]          create or migrate the database; with --admin, create an admin
                               (password from SULLAM_PASSWORD, or asked twice)
  import KIND FILE             KIND: agents attendance audits weekly reviews candidates jobs questions
  export KIND [--format csv|xlsx] [--out FILE]
                               KIND: an import kind, or audit-log (admins and managers)
  template KIND [--lang ar|en] --out FILE.xlsx   an empty import template for KIND
  score --year Y [--format csv|json] [--team T]
  promotions --as-of YYYY-MM-DD [--format csv|json] [--status S]
  demo [--agents N] [--years K] [--seed S]
  report evaluation --employee E --year Y [--lang ar|en] --out FILE.pdf
  report promotions --as-of YYYY-MM-DD [--lang ar|en] --out FILE.pdf|FILE.xlsx
  backup FILE                  a consistent copy; from PostgreSQL, a Sullam SQLite file
  restore FILE                 replace the database with a backup (verified first; the old file is kept)
  migrate --to DSN             copy this database into an empty one (a SQLite file or a postgres:// URL)
  candidate export EMAIL|ID --out FILE.json
  candidate anonymise EMAIL|ID
  version
With no command, sullam opens the window.

On a database that has accounts, every command but version and help acts as the user
named by SULLAM_USER, with the password from SULLAM_PASSWORD (or asked on the terminal),
with that user's rights; every command is written to the audit log.`

// Run runs the command of inv and returns the exit status. Data goes to
// stdout; messages and errors to stderr.
func Run(inv Invocation, env Env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(env.Stderr, "sullam: internal error: %v\n", r)
			code = ExitFail
		}
	}()
	err := dispatch(inv, env)
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintln(env.Stderr, "sullam:", ue.msg)
		return ExitUsage
	default:
		// An error never shows the database password.
		fmt.Fprintln(env.Stderr, "sullam:", store.MaskDSNIn(err.Error(), inv.DSN))
		return ExitFail
	}
}

func dispatch(inv Invocation, env Env) error {
	switch inv.Command {
	case "version":
		return cmdVersion(env)
	case "help", "-h", "--help":
		fmt.Fprintln(env.Stdout, usageText)
		return nil
	}
	run, ok := commands[inv.Command]
	if !ok {
		return usagef("unknown command %q\n%s", inv.Command, usageText)
	}
	// Every command signs in through the session (signIn) and writes one
	// audit-log entry when it ends, whether it worked or not.
	sess := &session{env: env, counts: map[string]int{}}
	inv.sess = sess
	defer func() {
		if sess.st != nil { // a panic: close without an entry
			sess.st.Close()
		}
	}()
	return sess.finish(inv, run(inv, env))
}

// commands maps a command name to its implementation.
var commands = map[string]func(Invocation, Env) error{
	"init":       cmdInit,
	"import":     cmdImport,
	"export":     cmdExport,
	"template":   cmdTemplate,
	"score":      cmdScore,
	"promotions": cmdPromotions,
	"demo":       cmdDemo,
	"backup":     cmdBackup,
	"restore":    cmdRestore,
	"migrate":    cmdMigrate,
	"report":     cmdReport,
	"candidate":  cmdCandidate,
}

func cmdVersion(env Env) error {
	fmt.Fprintf(env.Stdout, "sullam %s\n", Version)
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(env.Stdout, "go %s\n", strings.TrimPrefix(bi.GoVersion, "go"))
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.time" {
				fmt.Fprintf(env.Stdout, "%s %s\n", s.Key, s.Value)
			}
		}
	}
	return nil
}

func cmdInit(inv Invocation, env Env) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	admin := fs.String("admin", "", "create this admin account")
	if err := fs.Parse(inv.Args); err != nil || fs.NArg() > 0 {
		return usagef("usage: sullam init [--admin NAME]")
	}
	st, _, err := signIn(inv)
	if err != nil {
		return err
	}
	if *admin == "" {
		fmt.Fprintln(env.Stderr, "database ready")
		return nil
	}
	pw := env.Getenv("SULLAM_PASSWORD")
	if pw == "" {
		if pw, err = promptPassword(env); err != nil {
			return err
		}
	}
	u, err := st.Accounts().CreateFirstAdmin(context.Background(), store.NewUser{Username: *admin, FullName: *admin, Password: pw})
	if errors.Is(err, models.ErrAlreadyExists) {
		return fmt.Errorf("create admin %s: an admin already exists; an admin adds users in Settings", *admin)
	}
	if err != nil {
		return err
	}
	inv.count("accounts", 1)
	fmt.Fprintf(env.Stderr, "admin %s created\n", u.Username)
	return nil
}

// promptPassword asks for the new password twice (without echo on a terminal).
func promptPassword(env Env) (string, error) {
	a, err := readSecret(env, "password: ")
	if err != nil {
		return "", err
	}
	b, err := readSecret(env, "password again: ")
	if err != nil {
		return "", err
	}
	if a != b {
		return "", fmt.Errorf("the two passwords differ")
	}
	return a, nil
}
