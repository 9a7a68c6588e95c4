// Command splitcalls rewrites the calls of methods that moved from
// *store.Store to one of its area types: st.ListJobs(…) becomes
// st.Recruitment().ListJobs(…). It is type-aware (it loads the module with
// its tests through go/packages and rewrites only selectors whose receiver
// is a store.Store or *store.Store), so a method name shared with another
// type (Result, Compare, Job) is left alone on that type. It is safe to run
// again after a merge: a call already rewritten has a *store.Recruitment
// receiver and is skipped.
//
// Usage, from the repository root: bash scripts/split-calls.sh
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/types"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

func main() {
	dir := flag.String("dir", ".", "the module's root")
	storePkg := flag.String("store", "sullam/store", "import path of the store package")
	accessor := flag.String("accessor", "Recruitment", "the *Store method returning the area")
	methods := flag.String("methods", "", "comma-separated names of the moved methods")
	tags := flag.String("tags", "ci", "build tags")
	flag.Parse()
	moved := map[string]bool{}
	for _, m := range strings.Split(*methods, ",") {
		if m = strings.TrimSpace(m); m != "" {
			moved[m] = true
		}
	}
	if len(moved) == 0 {
		fmt.Fprintln(os.Stderr, "splitcalls: no -methods")
		os.Exit(2)
	}
	cfg := &packages.Config{
		Mode:       packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:        *dir,
		Tests:      true,
		BuildFlags: []string{"-tags", *tags},
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		fmt.Fprintln(os.Stderr, "splitcalls:", err)
		os.Exit(1)
	}
	// file name → insertion offsets (after the receiver expression).
	edits := map[string]map[int]bool{}
	for _, p := range pkgs {
		if p.TypesInfo == nil {
			continue
		}
		for _, f := range p.Syntax {
			name := p.Fset.File(f.Pos()).Name()
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || !moved[sel.Sel.Name] {
					return true
				}
				if !isStore(p.TypesInfo.TypeOf(sel.X), *storePkg) {
					return true
				}
				if edits[name] == nil {
					edits[name] = map[int]bool{}
				}
				edits[name][p.Fset.Position(sel.X.End()).Offset] = true
				return true
			})
		}
	}
	files := make([]string, 0, len(edits))
	for f := range edits {
		files = append(files, f)
	}
	sort.Strings(files)
	total := 0
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "splitcalls:", err)
			os.Exit(1)
		}
		offs := make([]int, 0, len(edits[name]))
		for o := range edits[name] {
			offs = append(offs, o)
		}
		sort.Sort(sort.Reverse(sort.IntSlice(offs)))
		out := string(src)
		for _, o := range offs {
			out = out[:o] + "." + *accessor + "()" + out[o:]
		}
		formatted, err := format.Source([]byte(out))
		if err != nil {
			fmt.Fprintln(os.Stderr, "splitcalls: gofmt", name+":", err)
			os.Exit(1)
		}
		if err := os.WriteFile(name, formatted, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "splitcalls:", err)
			os.Exit(1)
		}
		total += len(offs)
		fmt.Printf("%s: %d\n", name, len(offs))
	}
	fmt.Printf("splitcalls: %d call(s) rewritten in %d file(s)\n", total, len(files))
}

// isStore reports whether t is pkg.Store or *pkg.Store.
func isStore(t types.Type, pkg string) bool {
	if t == nil {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Name() == "Store" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg
}
