package cli

import (
	"context"
	"fmt"
)

// cmdRestore replaces the database with a backup (spec/cli.md `restore`):
// verified first, safe to interrupt, refused while another process has the
// database open. See store.Store.Restore.
func cmdRestore(inv Invocation, env Env) error {
	if len(inv.Args) != 1 {
		return usagef("usage: sullam restore FILE")
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	res, err := st.Restore(context.Background(), a, inv.Args[0])
	if res.Closed {
		// the store is closed: the audit-log entry goes to the database now in place
		inv.sess.st = nil
		if dsn, derr := inv.dsn(); derr == nil {
			if rerr := inv.sess.reopen(dsn); rerr != nil && err == nil {
				err = fmt.Errorf("restored, but the database does not open again: %w", rerr)
			}
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "database restored from %s\n", inv.Args[0])
	if res.Kept != "" {
		fmt.Fprintf(env.Stderr, "the previous database is kept as %s\n", res.Kept)
	}
	return nil
}
