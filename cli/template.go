package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
)

const templateUsage = "usage: sullam template KIND [--lang ar|en] [--form CODE] --out FILE.xlsx"

// cmdTemplate writes an empty import template for KIND (spec/cli.md
// `template`). Audits get one column per item of the latest version of an
// audit form (--form, or the only form there is), reviews one per active
// competency, both read from the database.
func cmdTemplate(inv Invocation, env Env) error {
	if len(inv.Args) == 0 {
		return usagef("%s", templateUsage)
	}
	kind := models.ImportKind(inv.Args[0])
	fs := flag.NewFlagSet("template", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "ar", "ar or en")
	out := fs.String("out", "", "output file (.xlsx)")
	form := fs.String("form", "", "audits: the audit form code")
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
	if *form != "" && kind != models.KindAudits {
		return usagef("--form is for the audits template only")
	}
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	codes, err := templateCodes(st, a, kind, *form)
	if err != nil {
		return fmt.Errorf("template %s: %w", kind, err)
	}
	var buf bytes.Buffer
	if err := importer.WriteTemplate(&buf, kind, *lang, codes); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %s\n", *out)
	return nil
}

// templateCodes returns the code columns of kind's template: the items of
// an audit form, the active competencies for reviews, none otherwise.
func templateCodes(st *store.Store, a store.Actor, kind models.ImportKind, form string) ([]string, error) {
	switch kind {
	case models.KindReviews:
		comps, err := st.Competencies()
		if err != nil {
			return nil, err
		}
		codes := make([]string, len(comps))
		for i, c := range comps {
			codes[i] = c.Code
		}
		return codes, nil
	case models.KindAudits:
		forms, err := st.LatestForms(a)
		if err != nil {
			return nil, err
		}
		names := make([]string, len(forms))
		for i, f := range forms {
			names[i] = f.Code
			if form == "" && len(forms) == 1 || strings.EqualFold(f.Code, form) {
				codes := make([]string, len(f.Items))
				for j, it := range f.Items {
					codes[j] = it.Code
				}
				return codes, nil
			}
		}
		if len(forms) == 0 {
			return nil, fmt.Errorf("there is no audit form yet: add one first")
		}
		if form == "" {
			return nil, fmt.Errorf("name the audit form with --form: one of %s", strings.Join(names, ", "))
		}
		return nil, fmt.Errorf("no audit form %q: want one of %s", form, strings.Join(names, ", "))
	}
	return nil, nil
}
