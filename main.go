// Command sullam is the Sullam desktop app and its command line: with no
// command it opens the window, otherwise it runs the command (spec/cli.md).
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

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
	os.Exit(runProfiled(inv, env))
}

// runProfiled runs a command, writing a CPU profile to $SULLAM_CPUPROFILE
// and the allocations to $SULLAM_MEMPROFILE when they are set (README
// "Speed": how the import figures were found).
func runProfiled(inv cli.Invocation, env cli.Env) int {
	if path := os.Getenv("SULLAM_MEMPROFILE"); path != "" {
		defer func() {
			f, err := os.Create(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, "sullam: memory profile:", err)
				return
			}
			defer f.Close()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				fmt.Fprintln(os.Stderr, "sullam: memory profile:", err)
			}
		}()
	}
	if path := os.Getenv("SULLAM_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sullam: cpu profile:", err)
			return cli.ExitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "sullam: cpu profile:", err)
			return cli.ExitUsage
		}
		defer pprof.StopCPUProfile()
	}
	return cli.Run(inv, env)
}
