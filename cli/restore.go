package cli

import (
	"fmt"
)

// cmdRestore replaces the database with a backup (spec/cli.md `restore`):
// verified first, safe to interrupt, refused while another process has the
// database open. See store.Store.Restore.
func cmdRestore(inv Invocation, env Env) error {
	if len(inv.Args) != 1 {
		return usagef("usage: sullam restore FILE")
	}
	st, err := open(inv)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Restore(actor(), inv.Args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "database restored from %s\n", inv.Args[0])
	if res.Kept != "" {
		fmt.Fprintf(env.Stderr, "the previous database is kept as %s\n", res.Kept)
	}
	return nil
}
