package cli

import (
	"fmt"

	"sullam/store"
)

// cmdBackup writes a consistent copy of the database (spec/cli.md `backup
// FILE`): from SQLite with VACUUM INTO, from PostgreSQL a Sullam SQLite file
// read in one snapshot. See store.Store.BackupTo.
func cmdBackup(inv Invocation, env Env) error {
	if len(inv.Args) != 1 {
		return usagef("usage: sullam backup FILE")
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	res, err := st.BackupTo(ctx, a, inv.Args[0], store.CopyOptions{Progress: copyProgress(env.Stderr)})
	if err != nil {
		return err
	}
	if len(res.Tables) > 0 { // from PostgreSQL: a Sullam SQLite file, table by table
		reportCopy(inv, env.Stderr, res)
	}
	fmt.Fprintf(env.Stderr, "backup written to %s\n", inv.Args[0])
	return nil
}
