package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
)

const templateUsage = "usage: sullam template KIND [--lang ar|en] --out FILE.xlsx"

// cmdTemplate writes an empty import template for KIND (spec/cli.md
// `template KIND [--lang ar|en] --out FILE.xlsx`, no other flag). Reviews get
// one column per active competency; audits one sheet per audit form (the
// latest version of each), with a column per item of that form: an audits
// file holds the rows of one form, and the sheet filled in is the one
// imported. Both are read from the database.
func cmdTemplate(inv Invocation, env Env) error {
	if len(inv.Args) == 0 {
		return usagef("%s", templateUsage)
	}
	kind := models.ImportKind(inv.Args[0])
	fs := flag.NewFlagSet("template", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "ar", "ar or en")
	out := fs.String("out", "", "output file (.xlsx)")
	if err := fs.Parse(inv.Args[1:]); err != nil || fs.NArg() > 0 || *out == "" {
		return usagef("%s", templateUsage)
	}
	if !knownKind(kind) {
		return usagef("unknown kind %q: want agents, attendance, audits, weekly, reviews, candidates, jobs or questions", kind)
	}
	if *lang != "ar" && *lang != "en" {
		return usagef("--lang: want ar or en, not %q", *lang)
	}
	if !strings.EqualFold(filepath.Ext(*out), ".xlsx") {
		return usagef("--out: want a .xlsx file")
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch kind {
	case models.KindAudits:
		forms, err := st.Work().LatestForms(context.Background(), a)
		if err != nil {
			return fmt.Errorf("template %s: %w", kind, err)
		}
		tf := make([]importer.AuditForm, len(forms))
		for i, f := range forms {
			tf[i].Code = f.Code
			for _, it := range f.Items {
				tf[i].Items = append(tf[i].Items, it.Code)
			}
		}
		err = importer.WriteAuditsTemplate(&buf, *lang, tf)
		if err != nil {
			return err
		}
	default:
		codes, err := templateCodes(st, kind)
		if err != nil {
			return fmt.Errorf("template %s: %w", kind, err)
		}
		if err := importer.WriteTemplate(&buf, kind, *lang, codes); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %s\n", *out)
	return nil
}

// templateCodes returns the code columns of kind's template: the active
// competencies for reviews, none for the kinds without code columns.
func templateCodes(st *store.Store, kind models.ImportKind) ([]string, error) {
	if kind != models.KindReviews {
		return nil, nil
	}
	comps, err := st.Competencies(context.Background())
	if err != nil {
		return nil, err
	}
	codes := make([]string, len(comps))
	for i, c := range comps {
		codes[i] = c.Code
	}
	return codes, nil
}
