package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"sullam/store"
)

const candidateUsage = "usage: sullam candidate export EMAIL|ID --out FILE.json\n       sullam candidate anonymise EMAIL|ID"

// SubjectAccessExport is the JSON document of `candidate export`: every
// candidate record of one person (a person who applied twice has two), each
// with everything Sullam holds about it.
type SubjectAccessExport struct {
	Subject     string
	GeneratedAt time.Time
	Records     []store.CandidateExport
}

// cmdCandidate runs `candidate export` and `candidate anonymise` (spec/cli.md):
// a subject access request and an erasure, with the access rules of the
// window's buttons (HR).
func cmdCandidate(inv Invocation, env Env) error {
	if len(inv.Args) == 0 {
		return usagef(candidateUsage)
	}
	fs := flag.NewFlagSet("candidate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "", "the JSON file to write (- for stdout)")
	sub := inv.Args[0]
	refs, err := parseInterleaved(fs, inv.Args[1:])
	if err != nil || len(refs) != 1 || strings.TrimSpace(refs[0]) == "" {
		return usagef(candidateUsage)
	}
	switch {
	case sub == "export" && *out == "":
		return usagef("candidate export needs --out FILE.json\n%s", candidateUsage)
	case sub == "anonymise" || sub == "anonymize":
		if *out != "" {
			return usagef(candidateUsage)
		}
	case sub != "export":
		return usagef("unknown candidate command %q\n%s", sub, candidateUsage)
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	ids, err := st.Recruitment().CandidateSubject(context.Background(), a, refs[0])
	if err != nil {
		return err
	}
	if sub == "export" {
		return exportSubject(st, a, refs[0], ids, *out, env)
	}
	for _, id := range ids {
		if err := st.Recruitment().AnonymiseCandidate(context.Background(), a, id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "candidate #%d anonymised\n", id)
	}
	return nil
}

// exportSubject writes the subject access export of the candidate records
// ids to out (- for stdout); a file is written whole or not at all, readable
// by its owner only.
func exportSubject(st *store.Store, a store.Actor, ref string, ids []uint, out string, env Env) error {
	doc := SubjectAccessExport{Subject: ref, GeneratedAt: st.Now().UTC()}
	for _, id := range ids {
		x, err := st.Recruitment().ExportCandidate(context.Background(), a, id)
		if err != nil {
			return err
		}
		doc.Records = append(doc.Records, x)
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("candidate export %s: %w", ref, err)
	}
	data = append(data, '\n')
	if out == "-" {
		_, err := env.Stdout.Write(data)
		return err
	}
	tmp := out + ".partial"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("candidate export %s: %w", ref, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("candidate export %s: %w", ref, err)
	}
	fmt.Fprintf(env.Stderr, "%d candidate record(s) exported to %s\n", len(ids), out)
	return nil
}

// parseInterleaved parses flags that may come before or after the
// positional arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
