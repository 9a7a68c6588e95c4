// Command sullam is the Sullam desktop app and its command line: with no
// command it opens the window, otherwise it runs the command (spec/cli.md).
package main

import (
	"fmt"
	"os"

	"sullam/cli"
	"sullam/ui"
)

func main() {
	env := cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	inv, err := cli.Parse(os.Args[1:], env)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sullam:", err)
		os.Exit(cli.ExitUsage)
	}
	if inv.Command == "" {
		os.Exit(ui.Run(inv.DSN, cli.DefaultDSN))
	}
	os.Exit(cli.Run(inv, env))
}
