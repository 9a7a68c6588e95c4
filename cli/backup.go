package cli

import (
	"fmt"
)

func cmdBackup(inv Invocation, env Env) error {
	if len(inv.Args) != 1 {
		return usagef("usage: sullam backup FILE")
	}
	st, err := open(inv)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(actor(), inv.Args[0]); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "backup written to %s\n", inv.Args[0])
	return nil
}
