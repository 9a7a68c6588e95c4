package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"sullam/models"
	"sullam/report"
)

const reportUsage = `usage: sullam report evaluation --employee E --year Y [--lang ar|en] --out FILE.pdf
       sullam report promotions --as-of YYYY-MM-DD [--lang ar|en] --out FILE.pdf|FILE.xlsx`

// cmdReport writes a report: an agent's annual evaluation (PDF) or the
// promotion board (PDF or XLSX by the extension of --out).
func cmdReport(inv Invocation, env Env) error {
	if len(inv.Args) == 0 {
		return usagef("%s", reportUsage)
	}
	kind, args := inv.Args[0], inv.Args[1:]
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "ar", "ar or en")
	out := fs.String("out", "", "output file")
	emp := fs.String("employee", "", "employee number")
	year := fs.Int("year", 0, "evaluation year")
	asOf := fs.String("as-of", "", "date YYYY-MM-DD")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || *out == "" {
		return usagef("%s", reportUsage)
	}
	t, err := report.NewTranslator(*lang)
	if err != nil {
		return usagef("--lang: %v", err)
	}
	ext := strings.ToLower(filepath.Ext(*out))
	var write func(w io.Writer) error
	switch kind {
	case "evaluation":
		if *emp == "" || *year < 1900 || *year > 9999 || ext != ".pdf" {
			return usagef("%s", reportUsage)
		}
		s, a, err := signIn(inv)
		if err != nil {
			return err
		}
		e, err := report.LoadEvaluation(context.Background(), report.StoreSource(s), a, t, *emp, *year, models.DateOf(s.Now()))
		if err != nil {
			return err
		}
		write = func(w io.Writer) error { return report.WriteEvaluation(w, t, e) }
		inv.count("reports", 1)
	case "promotions":
		d, err := models.ParseDate(*asOf)
		if err != nil {
			return usagef("--as-of: %v", err)
		}
		if ext != ".pdf" && ext != ".xlsx" {
			return usagef("--out: want a .pdf or .xlsx file")
		}
		s, a, err := signIn(inv)
		if err != nil {
			return err
		}
		rows, err := report.LoadBoard(context.Background(), report.StoreSource(s), a, t, d)
		if err != nil {
			return err
		}
		inv.count("rows", len(rows))
		write = func(w io.Writer) error {
			if ext == ".xlsx" {
				return report.WriteBoardXLSX(w, t, d, rows)
			}
			return report.WriteBoardPDF(w, t, d, rows)
		}
	default:
		return usagef("unknown report %q\n%s", kind, reportUsage)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %s\n", *out)
	return nil
}

// writeFileAtomic writes data to a temporary file beside path and renames it.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".partial"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
