package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// messageKeyUse is one translation key that Go source gives a message the
// window shows: models.Invalid / models.Msg's first argument, or the Key
// (HintKey) of a Problem, Message, RowError or FileError literal; args are
// the keys of its argument map when it is written as a literal (nil when
// not). A use without a key is a RowError or FileError literal with a
// Reason and no Key.
type messageKeyUse struct {
	key  string
	at   string
	args []string
}

// messageKeyUses finds every such key in the non-test Go files under dirs.
func messageKeyUses(t *testing.T, dirs ...string) []messageKeyUse {
	t.Helper()
	var uses []messageKeyUse
	fset := token.NewFileSet()
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if name := calleeName(n.Fun); (name == "Invalid" || name == "Msg") && len(n.Args) >= 2 {
						if key, ok := stringLit(n.Args[0]); ok {
							uses = append(uses, messageKeyUse{key: key, at: fset.Position(n.Pos()).String(), args: mapLitKeys(n.Args[1])})
						}
					}
				case *ast.CompositeLit:
					var use messageKeyUse
					for _, e := range n.Elts {
						kv, ok := e.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						id, ok := kv.Key.(*ast.Ident)
						if !ok {
							continue
						}
						switch id.Name {
						case "Key", "HintKey":
							if key, ok := stringLit(kv.Value); ok {
								uses = append(uses, messageKeyUse{key: key, at: fset.Position(kv.Pos()).String()})
								if id.Name == "Key" {
									use = uses[len(uses)-1]
								}
							}
						case "Args":
							use.args = mapLitKeys(kv.Value)
						}
					}
					if use.key != "" && use.args != nil {
						uses[len(uses)-1].args = use.args
					}
					if typeName(n.Type) == "RowError" || typeName(n.Type) == "FileError" {
						if hasField(n, "Reason") && !hasField(n, "Key") {
							uses = append(uses, messageKeyUse{at: fset.Position(n.Pos()).String()})
						}
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return uses
}

// calleeName returns the name a call calls: Invalid for models.Invalid or
// Invalid.
func calleeName(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok && x.Name == "models" {
			return f.Sel.Name
		}
	}
	return ""
}

// typeName returns the name of a literal's type: RowError for
// models.RowError or RowError.
func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

// hasField reports whether the struct literal sets field.
func hasField(lit *ast.CompositeLit, field string) bool {
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
				return true
			}
		}
	}
	return false
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// mapLitKeys returns the string keys of a map literal, none for nil, and
// nil when e is neither (a variable: not checked).
func mapLitKeys(e ast.Expr) []string {
	if id, ok := e.(*ast.Ident); ok && id.Name == "nil" {
		return []string{}
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	keys := []string{}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if k, ok := stringLit(kv.Key); ok {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// templateFields matches the fields a go-i18n template reads: {{.Name}},
// {{if .Name}}, {{if eq .Name "x"}}.
var (
	templateAction = regexp.MustCompile(`{{[^}]*}}`)
	templateField  = regexp.MustCompile(`\.([A-Z]\w*)`)
)

// translationTexts reads assets/translations/CODE.json: key → every text
// of it (one, or each plural form).
func translationTexts(t *testing.T, code string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("assets", "translations", code+".json"))
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	out := map[string][]string{}
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = []string{s}
			continue
		}
		forms := map[string]string{}
		if err := json.Unmarshal(v, &forms); err != nil {
			t.Fatalf("%s.json: %q: %v", code, k, err)
		}
		for _, f := range slices.Sorted(maps.Keys(forms)) {
			out[k] = append(out[k], forms[f])
		}
	}
	return out
}

// fieldsOf returns the template fields texts read, sorted, once each.
func fieldsOf(texts []string) []string {
	var out []string
	for _, s := range texts {
		for _, a := range templateAction.FindAllString(s, -1) {
			for _, m := range templateField.FindAllStringSubmatch(a, -1) {
				out = append(out, m[1])
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Rule (issues 15 and 16): every message key that store, importer, models,
// scoring or ui give an error or a row error is in en.json and in ar.json,
// both languages read the same template fields (conditions included), and
// when the arguments are written as a map literal they give every field the
// English text reads (a missing one would show "<no value>"); no RowError
// or FileError is made with an English Reason and no Key.
func TestMessageKeysTranslated(t *testing.T) {
	uses := messageKeyUses(t, "store", "importer", "models", "scoring", "ui")
	if len(uses) < 80 {
		t.Fatalf("found only %d message keys in the source: the scan is broken", len(uses))
	}
	en, ar := translationTexts(t, "en"), translationTexts(t, "ar")
	for _, u := range uses {
		if u.key == "" {
			t.Errorf("%s: a row or file error with a Reason and no Key: the window could only show it in English", u.at)
			continue
		}
		enText, inEn := en[u.key]
		arText, inAr := ar[u.key]
		if !inEn || !inAr {
			t.Errorf("%s: key %q missing from en.json (%v) or ar.json (%v)", u.at, u.key, !inEn, !inAr)
			continue
		}
		fe, fa := fieldsOf(enText), fieldsOf(arText)
		if !slices.Equal(fe, fa) {
			t.Errorf("%s: key %q: en reads fields %v, ar reads %v", u.at, u.key, fe, fa)
		}
		if u.args != nil {
			for _, f := range fe {
				if !slices.Contains(u.args, f) {
					t.Errorf("%s: key %q reads {{.%s}} but the message's arguments %v do not give it", u.at, u.key, f, u.args)
				}
			}
		}
	}
}
