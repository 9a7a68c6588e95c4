// Command sullam is the Sullam desktop app and its command line: with no
// command it opens the window, otherwise it runs the command (spec/cli.md).
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"fyne.io/fyne/v2/app"

	"sullam/cli"
	"sullam/ui"
)

func main() {
	env := cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(run(os.Args[1:], env))
}

// run runs the command line args, or opens the window when it names no
// command, and returns the exit status. The version, name and icon come
// from the embedded FyneApp.toml.
func run(args []string, env cli.Env) int {
	meta, err := embeddedMetadata()
	if err != nil {
		fmt.Fprintln(env.Stderr, "sullam:", err)
		return cli.ExitFail
	}
	app.SetMetadata(meta)
	cli.Version = meta.Version
	inv, err := cli.Parse(args, env)
	if err != nil {
		fmt.Fprintln(env.Stderr, "sullam:", err)
		return cli.ExitUsage
	}
	if inv.Command == "" {
		return ui.Run(inv.DSN, cli.DefaultDSN)
	}
	return runProfiled(inv, env)
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
