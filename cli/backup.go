package cli

import (
	"fmt"
)

func cmdBackup(inv Invocation, env Env) error {
	if len(inv.Args) != 1 {
		return usagef("usage: sullam backup FILE")
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	if err := st.Backup(a, inv.Args[0]); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "backup written to %s\n", inv.Args[0])
	return nil
}
