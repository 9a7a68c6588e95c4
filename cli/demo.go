package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"sullam/demo"
	"sullam/models"
	"sullam/store"
)

const demoUsage = "usage: sullam demo [--agents N] [--years K] [--seed S]"

// cmdDemo fills an empty database with demo data (spec/cli.md `demo`), in
// one transaction: interrupted, it leaves nothing behind. The
// data is dated relative to today's date: the same seed on the same day
// gives the same data, and on another day the same data shifted to end
// then. The demo accounts' password is SULLAM_PASSWORD, or a random one
// printed once at the end.
func cmdDemo(inv Invocation, env Env) error {
	agents, years, seed, err := demoFlags(inv.Args)
	if err != nil {
		return err
	}
	password := ""
	if env.Getenv != nil {
		password = env.Getenv("SULLAM_PASSWORD")
	}
	fromEnv := password != ""
	if fromEnv {
		if err := store.CheckPasswordRules(password); err != nil {
			return fmt.Errorf("demo: SULLAM_PASSWORD: %w", err)
		}
	}

	st, signedIn, err := signIn(inv)
	if err != nil {
		return err
	}
	// On a database with no account yet the command line loads the data;
	// on one with accounts, only an admin may (the store decides).
	loader := store.SystemActor("demo")
	if !signedIn.System {
		if loader, err = st.DemoActor(context.Background(), signedIn); err != nil {
			return err
		}
	}
	has, err := st.HasData(context.Background())
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if has {
		return fmt.Errorf("demo: the database already holds agents or candidates; demo data goes only into an empty database (give a new file with --db)")
	}
	hadAdmin, err := st.Accounts().HasAdmin(context.Background())
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}

	start := time.Now()
	today := models.DateOf(start)
	fmt.Fprintf(env.Stderr, "generating demo data: %d agents, %d years, seed %d, up to %s\n", agents, years, seed, today)
	// planned: the inputs are drawn while they are written, not held (issue 17)
	d, err := demo.Plan(demo.Options{Agents: agents, Years: years, Seed: seed, Today: today, DemoPassword: password})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "generated in %s; loading\n", time.Since(start).Round(time.Millisecond))
	step := time.Now()
	err = st.LoadDemoAtomically(context.Background(), func(tx *store.Store) error {
		return demo.Load(context.Background(), tx, loader, d, func(s string) {
			fmt.Fprintf(env.Stderr, "  %-40s %s\n", s, time.Since(step).Round(time.Millisecond))
			step = time.Now()
		})
	})
	if err != nil {
		return err
	}

	w := env.Stderr
	demoLoaded(inv, w, d, time.Since(start), today)
	printDemoAccounts(w, d, fromEnv)
	if !hadAdmin {
		// The first-run screen and `init --admin` only serve a database
		// without accounts: a demo manager also becomes admin.
		name, err := demoAdmin(st)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		fmt.Fprintf(w, "note: the database had no admin account: the demo account %s is also admin.\n", name)
	}
	return nil
}

// demoFlags parses and checks the demo command's flags.
func demoFlags(args []string) (agents, years int, seed uint64, err error) {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	a := fs.Int("agents", demo.DefaultAgents, "number of agents")
	y := fs.Int("years", demo.DefaultYears, "years of history")
	sd := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return 0, 0, 0, usagef("%v\n%s", err, demoUsage)
	}
	if fs.NArg() > 0 {
		return 0, 0, 0, usagef("unexpected argument %q\n%s", fs.Arg(0), demoUsage)
	}
	if *a < demo.MinAgents || *a > demo.MaxAgents {
		return 0, 0, 0, usagef("--agents %d: must be %d–%d\n%s", *a, demo.MinAgents, demo.MaxAgents, demoUsage)
	}
	if *y < 1 || *y > demo.MaxYears {
		return 0, 0, 0, usagef("--years %d: must be 1–%d\n%s", *y, demo.MaxYears, demoUsage)
	}
	return *a, *y, *sd, nil
}

// demoLoaded counts what the demo loaded for the command's audit entry and
// tells it on w, with the time it took.
func demoLoaded(inv Invocation, w io.Writer, d *demo.Data, took time.Duration, today models.Date) {
	interviews := 0
	for _, c := range d.Candidates {
		if c.Interview != nil {
			interviews++
		}
	}
	for k, n := range map[string]int{"agents": len(d.Agents), "attendance": d.Counts.Attendance, "audits": d.Counts.Audits,
		"weekly": d.Counts.Weekly, "reviews": d.Counts.Reviews, "candidates": len(d.Candidates), "accounts": len(d.Users)} {
		inv.count(k, n)
	}
	fmt.Fprintf(w, "demo data loaded in %s (history from %s to %s):\n", took.Round(time.Millisecond), d.From, today.AddDays(-1))
	fmt.Fprintf(w, "  agents %d, attendance days %d, audits %d, weekly reports %d, supervisor reviews %d,\n",
		len(d.Agents), d.Counts.Attendance, d.Counts.Audits, d.Counts.Weekly, d.Counts.Reviews)
	fmt.Fprintf(w, "  candidates %d (interviews %d), accounts %d\n", len(d.Candidates), interviews, len(d.Users))
}

// demoAdmin gives the admin role to the first demo manager account and
// returns its name.
func demoAdmin(st *store.Store) (string, error) {
	sys := store.SystemActor("demo")
	users, err := st.Accounts().ListUsers(context.Background(), sys)
	if err != nil {
		return "", err
	}
	for _, u := range users {
		if u.Active && u.HasRole(models.RoleManager) {
			_, err := st.Accounts().UpdateUser(context.Background(), sys, store.UserUpdate{UserID: u.ID, Version: u.Version, Roles: append(u.RoleList(), models.RoleAdmin), Active: true})
			return u.Username, err
		}
	}
	return "", fmt.Errorf("no demo manager account to make admin")
}

// printDemoAccounts lists the demo accounts and their password: the random
// one, shown this once, or a reminder that it is SULLAM_PASSWORD's.
func printDemoAccounts(w io.Writer, d *demo.Data, fromEnv bool) {
	byRole := map[models.Role][]string{}
	for _, u := range d.Users {
		for _, r := range u.Roles {
			byRole[r] = append(byRole[r], u.Username)
		}
	}
	fmt.Fprintln(w, "demo accounts (for trying the app only; change or remove them before real use):")
	for _, r := range []models.Role{models.RoleManager, models.RoleHR, models.RoleQuality, models.RoleSupervisor, models.RoleAgent} {
		names := byRole[r]
		if len(names) == 0 {
			continue
		}
		list := strings.Join(names, ", ")
		if len(names) > 8 {
			list = fmt.Sprintf("%s, … (%d accounts: the lowercase employee numbers)", strings.Join(names[:8], ", "), len(names))
		}
		fmt.Fprintf(w, "  %-10s %s\n", r, list)
	}
	if fromEnv {
		fmt.Fprintln(w, "  password   the one in SULLAM_PASSWORD")
		return
	}
	fmt.Fprintf(w, "  password   %s   (made at random for this database and shown only now)\n", d.Password)
}
