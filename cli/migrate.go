package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"sullam/store"
)

// progressEvery is how many rows of a table pass between two progress
// lines on stderr.
const progressEvery = 100000

// copyProgress writes a line to w each time a table passes another
// progressEvery rows, so a big copy shows it is moving.
func copyProgress(w io.Writer) store.CopyProgress {
	shown := map[string]int64{}
	return func(table string, rows int64) error {
		if rows/progressEvery > shown[table]/progressEvery {
			fmt.Fprintf(w, "  %s: %d rows…\n", table, rows)
		}
		shown[table] = rows
		return nil
	}
}

// reportCopy writes the rows copied per table and the copy's notes (what
// one dialect's schema has and the other's has not) to w, and adds the
// counts to the command's audit-log entry.
func reportCopy(inv Invocation, w io.Writer, res store.CopyResult) {
	for _, t := range res.Tables {
		if t.Rows > 0 {
			fmt.Fprintf(w, "  %s: %d rows\n", t.Table, t.Rows)
		}
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	inv.count("tables", len(res.Tables))
	inv.count("rows", int(res.Rows()))
}

// interruptible returns a context ended by Ctrl-C: a copy stopped that way
// rolls back and leaves its target as it was.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// cmdMigrate copies the database into an empty one (spec/cli.md `migrate
// --to DSN`): a SQLite desk database to a shared PostgreSQL, say. See
// store.Store.MigrateTo.
func cmdMigrate(inv Invocation, env Env) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	to := fs.String("to", "", "the empty database to copy into: a SQLite file or a postgres:// URL")
	if err := fs.Parse(inv.Args); err != nil || fs.NArg() > 0 || *to == "" {
		return usagef("usage: sullam migrate --to DSN")
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	fmt.Fprintf(env.Stderr, "copying into %s…\n", store.MaskDSN(*to))
	res, err := st.MigrateTo(ctx, a, *to, store.CopyOptions{Progress: copyProgress(env.Stderr)})
	if err != nil {
		return err // MigrateTo masks the target's password in its errors
	}
	reportCopy(inv, env.Stderr, res)
	fmt.Fprintf(env.Stderr, "copied %d rows of %d tables into %s\n", res.Rows(), len(res.Tables), store.MaskDSN(*to))
	return nil
}
