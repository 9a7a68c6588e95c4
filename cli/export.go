package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
	"sullam/tables"
)

func cmdExport(inv Invocation, env Env) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "", "csv or xlsx (default: from --out's extension, else csv)")
	out := fs.String("out", "", "output file (default: stdout)")
	if len(inv.Args) == 0 {
		return usagef("usage: sullam export KIND [--format csv|xlsx] [--out FILE]")
	}
	kind := models.ImportKind(inv.Args[0])
	if err := fs.Parse(inv.Args[1:]); err != nil || fs.NArg() > 0 {
		return usagef("usage: sullam export KIND [--format csv|xlsx] [--out FILE]")
	}
	if !knownKind(kind) && kind != tables.KindAuditLog {
		return usagef("unknown kind %q: want agents, attendance, audits, weekly, reviews, candidates, jobs, questions or audit-log", kind)
	}
	f := *format
	if f == "" {
		f = "csv"
		if strings.EqualFold(filepath.Ext(*out), ".xlsx") {
			f = "xlsx"
		}
	}
	if f != "csv" && f != "xlsx" {
		return usagef("unknown format %q: want csv or xlsx", f)
	}
	if f == "xlsx" && *out == "" {
		return usagef("an xlsx export needs --out FILE")
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	var w io.Writer = env.Stdout
	var file *os.File
	if *out != "" {
		tmp := *out + ".partial"
		if file, err = os.Create(tmp); err != nil {
			return fmt.Errorf("export %s: %w", kind, err)
		}
		defer os.Remove(tmp)
		w = file
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	n, err := Export(st, a, kind, f, bw)
	if err == nil {
		err = bw.Flush()
	}
	if file != nil {
		if err == nil {
			err = file.Sync()
		}
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(*out+".partial", *out)
		}
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", kind, err)
	}
	inv.count("rows", n)
	fmt.Fprintf(env.Stderr, "%s: %d rows exported\n", kind, n)
	return nil
}

// Export writes every record of kind that actor a may see to w, in the
// import format of that kind, as csv or xlsx. It returns the number of rows.
func Export(st *store.Store, a store.Actor, kind models.ImportKind, format string, w io.Writer) (int, error) {
	header, rows, err := tables.ExportTable(context.Background(), st, a, kind)
	if err != nil {
		return 0, err
	}
	if format == "xlsx" {
		return len(rows), importer.WriteXLSX(w, string(kind), header, rows, true)
	}
	return len(rows), importer.WriteCSV(w, header, rows)
}
