// Command movefiles moves Go files from one package of the module to
// another (a new or existing sub-package), type-aware: it is the codemod
// that split the window's flat package ui into ui/widgets and one package
// per area (issue 15).
//
// Given the files to move (paths relative to the module root, tests
// included; `old.go=new.go` renames a file as it moves, e.g. a shared test
// helper `x_test.go=x.go` going to a helper package) and the destination
// package, it:
//
//   - changes their package clause and writes them in the destination
//     directory (removing the originals);
//   - exports every identifier declared in the moved files (package-level
//     names, struct fields, methods) that a file staying behind, or a test
//     of the source package, uses: the declaration and every use are renamed
//     (fooBar → FooBar, or the name given with -rename), and a doc comment
//     starting with the old name starts with the new one;
//   - qualifies each use left behind (fooBar → widgets.FooBar) and adds the
//     destination's import; in other packages, ui.X becomes widgets.X;
//   - refuses, listing them, the references from a moved file to a name that
//     stays behind in the source package: those would be an import cycle
//     (move the helper too, or inject it as a callback), and names whose
//     exported form collides with one already there.
//
// -rename old=new[,…] names a moved identifier explicitly (dropping a
// hand-made prefix the package name now says: recOpenCandidate →
// openCandidate); the rename applies to its declaration and every use.
//
// Usage, from the module root:
//
//	go run ./internal/tools/movefiles [-n] -from sullam/ui -to sullam/ui/widgets [-rename a=B,…] files…
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"
)

func main() {
	dry := flag.Bool("n", false, "report what would change (exports, cycles), write nothing")
	from := flag.String("from", "sullam/ui", "import path of the package the files leave")
	to := flag.String("to", "", "import path of the destination package")
	dir := flag.String("dir", ".", "the module's root")
	tags := flag.String("tags", "ci", "build tags")
	renames := flag.String("rename", "", "comma-separated old=new names for moved identifiers")
	load := flag.String("load", ".,./ui/...", "comma-separated package patterns to load: the source package and every package using it")
	flag.Parse()
	if *to == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: movefiles [-n] -from pkg -to pkg [-rename a=B,…] files…")
		os.Exit(2)
	}
	m := &mover{from: *from, to: *to, dry: *dry, rename: map[string]string{}, files: map[string]string{}}
	for _, r := range strings.Split(*renames, ",") {
		if old, nw, ok := strings.Cut(strings.TrimSpace(r), "="); ok {
			m.rename[old] = nw
		}
	}
	root, err := filepath.Abs(*dir)
	if err != nil {
		fail(err)
	}
	m.root = root
	for _, a := range flag.Args() {
		src, dst, ok := strings.Cut(a, "=")
		if !ok {
			dst = filepath.Base(src)
		}
		m.files[filepath.Join(root, src)] = dst
	}
	if err := m.run(*tags, strings.Split(*load, ",")); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "movefiles:", err)
	os.Exit(1)
}

// mover holds one run: the files to move (absolute source → destination
// base name) and what the analysis found.
type mover struct {
	from, to, root string
	dry            bool
	rename         map[string]string
	files          map[string]string

	fset *token.FileSet
	// exports: key of a moved declaration → its new name.
	exports map[string]string
	// edits per file (absolute path).
	edits map[string][]edit
	// needImport: files that now refer to the destination package.
	needImport map[string]bool
	// dropImport: moved files whose import of the destination goes.
	dropImport map[string]bool
	problems   []string
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// key names an object by where it is declared, the same across the
// package's test and non-test variants.
func (m *mover) key(obj types.Object) string {
	p := m.fset.Position(obj.Pos())
	return fmt.Sprintf("%s:%d", p.Filename, p.Offset)
}

func (m *mover) declFile(obj types.Object) string {
	return m.fset.Position(obj.Pos()).Filename
}

// origin returns the generic declaration of an instantiated object.
func origin(obj types.Object) types.Object {
	switch o := obj.(type) {
	case *types.Func:
		return o.Origin()
	case *types.Var:
		return o.Origin()
	}
	return obj
}

// member reports whether obj is a package-level name, a field or a method of
// package pkg (not a local variable, label or parameter).
func member(obj types.Object) (pkgLevel, ok bool) {
	if obj.Pkg() == nil {
		return false, false
	}
	if obj.Parent() == obj.Pkg().Scope() {
		return true, true
	}
	switch o := obj.(type) {
	case *types.Var:
		return false, o.IsField()
	case *types.Func:
		return false, o.Type().(*types.Signature).Recv() != nil
	}
	return false, false
}

func exported(name string) string {
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}

func (m *mover) run(tags string, patterns []string) error {
	m.fset = token.NewFileSet()
	cfg := &packages.Config{
		Mode:       packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:        m.root,
		Tests:      true,
		Fset:       m.fset,
		BuildFlags: []string{"-tags", tags},
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	var loadErrs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			loadErrs = append(loadErrs, e.Error())
		}
	})
	if len(loadErrs) > 0 {
		return fmt.Errorf("the module does not compile:\n%s", strings.Join(loadErrs, "\n"))
	}
	// Each file once, with the type information of the package variant
	// that holds it (a test variant holds the package's tests too).
	type fileInfo struct {
		f    *ast.File
		info *types.Info
		pkg  *packages.Package
		uses map[*ast.Ident]types.Object
		defs map[*ast.Ident]types.Object
	}
	files := map[string]fileInfo{}
	var destScope *types.Scope
	for _, p := range pkgs {
		if p.PkgPath == m.to && destScope == nil {
			destScope = p.Types.Scope()
		}
		for i, f := range p.Syntax {
			name := p.CompiledGoFiles[i]
			if !strings.HasPrefix(name, m.root+string(filepath.Separator)) {
				continue // a generated file (the test main)
			}
			if _, seen := files[name]; !seen || strings.HasSuffix(p.ID, ".test]") {
				fi := fileInfo{f: f, info: p.TypesInfo, pkg: p, uses: map[*ast.Ident]types.Object{}, defs: map[*ast.Ident]types.Object{}}
				ast.Inspect(f, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						if o := p.TypesInfo.Uses[id]; o != nil {
							fi.uses[id] = o
						}
						if o := p.TypesInfo.Defs[id]; o != nil {
							fi.defs[id] = o
						}
					}
					return true
				})
				files[name] = fi
			}
		}
	}
	for f := range m.files {
		fi, ok := files[f]
		if !ok || fi.pkg.PkgPath != m.from {
			return fmt.Errorf("%s: not a file of %s", f, m.from)
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)

	// The declarations in the moved files, in file order.
	type movedDef struct {
		name string
		fi   fileInfo
		id   *ast.Ident
		obj  types.Object
	}
	var movedDefs []movedDef
	for _, name := range names {
		if _, in := m.files[name]; !in {
			continue
		}
		for id, obj := range files[name].defs {
			if obj != nil {
				movedDefs = append(movedDefs, movedDef{name, files[name], id, obj})
			}
		}
	}
	// Pass 1: which moved declarations are used from outside the moved
	// files, and which names the moved files use that stay behind.
	m.exports = map[string]string{}
	moved := func(obj types.Object) bool {
		_, in := m.files[m.declFile(obj)]
		return in
	}
	fromPkg := func(obj types.Object) bool { return obj.Pkg() != nil && obj.Pkg().Path() == m.from }
	newNames := map[string]string{} // new package-level name → key (collisions)
	cycles := map[string]bool{}
	for _, name := range names {
		fi := files[name]
		_, inMoved := m.files[name]
		for id, obj := range fi.uses {
			obj = origin(obj)
			if !fromPkg(obj) {
				continue
			}
			if _, ok := member(obj); !ok {
				continue
			}
			switch {
			case inMoved && !moved(obj):
				p := m.fset.Position(id.Pos())
				cycles[fmt.Sprintf("%s:%d: %s (declared in %s)", rel(m.root, p.Filename), p.Line, id.Name, rel(m.root, m.declFile(obj)))] = true
			case !inMoved && moved(obj) && strings.HasSuffix(m.files[m.declFile(obj)], "_test.go"):
				p := m.fset.Position(id.Pos())
				m.problems = append(m.problems, fmt.Sprintf("%s:%d: uses %s, declared in a test file that moves (tests are not importable: move it to a helper package)", rel(m.root, p.Filename), p.Line, id.Name))
			case !inMoved && moved(obj):
				if nw, ok := m.rename[obj.Name()]; ok {
					m.exports[m.key(obj)] = nw
				} else if !obj.Exported() {
					m.exports[m.key(obj)] = exported(obj.Name())
				}
			}
		}
	}
	// Explicit renames apply to moved declarations even when unused outside.
	for _, md := range movedDefs {
		obj := md.obj
		if _, ok := member(obj); !ok {
			continue
		}
		if nw, ok := m.rename[obj.Name()]; ok {
			m.exports[m.key(obj)] = nw
		}
	}
	// Collisions of the new names.
	for _, md := range movedDefs {
		name, obj := md.name, md.obj
		pl, ok := member(obj)
		if !ok {
			continue
		}
		nw, renamed := m.exports[m.key(obj)]
		if pl {
			n := obj.Name()
			if renamed {
				n = nw
			}
			if n == "_" || (n == "init" && !renamed) {
				continue
			}
			if _, isFunc := obj.(*types.Func); isFunc && obj.Name() == "init" {
				continue
			}
			if prev, dup := newNames[n]; dup && prev != m.key(obj) {
				m.problems = append(m.problems, fmt.Sprintf("%s: %s would be %s, which another moved name is", rel(m.root, name), obj.Name(), n))
			}
			newNames[n] = m.key(obj)
			if destScope != nil && destScope.Lookup(n) != nil {
				m.problems = append(m.problems, fmt.Sprintf("%s: %s would be %s, which %s already declares", rel(m.root, name), obj.Name(), n, m.to))
			}
			continue
		}
		if !renamed {
			continue
		}
		// A field or method: the new name must be free on its type.
		if v, isVar := obj.(*types.Var); isVar && v.IsField() {
			continue // checked on its struct type below
		}
		if f, isFunc := obj.(*types.Func); isFunc {
			recv := f.Type().(*types.Signature).Recv().Type()
			if o, _, _ := types.LookupFieldOrMethod(recv, true, obj.Pkg(), nw); o != nil {
				m.problems = append(m.problems, fmt.Sprintf("%s: method %s would be %s, which its type already has", rel(m.root, name), obj.Name(), nw))
			}
			if _, isIface := recv.Underlying().(*types.Interface); isIface {
				m.problems = append(m.problems, fmt.Sprintf("%s: interface method %s is used outside: export it by hand with its implementations", rel(m.root, name), obj.Name()))
			}
		}
	}
	// A renamed field must not take the name of a field or method of its
	// struct type (a field now and a method Now would clash).
	for _, md := range movedDefs {
		tn, ok := md.obj.(*types.TypeName)
		if !ok {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			f := st.Field(i)
			nw, renamed := m.exports[m.key(f)]
			if !renamed {
				continue
			}
			if o, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), true, tn.Pkg(), nw); o != nil && m.key(o) != m.key(f) {
				m.problems = append(m.problems, fmt.Sprintf("%s: field %s.%s would be %s, which the type already has", rel(m.root, md.name), tn.Name(), f.Name(), nw))
			}
		}
	}
	for c := range cycles {
		m.problems = append(m.problems, "stays behind, would be an import cycle: "+c)
	}
	// Methods declared behind on moved types cannot stay behind.
	for _, name := range names {
		if _, in := m.files[name]; in {
			continue
		}
		fi := files[name]
		if fi.pkg.PkgPath != m.from {
			continue
		}
		for _, d := range fi.f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil {
				continue
			}
			if obj := fi.info.Defs[fd.Name]; obj != nil {
				recv := obj.Type().(*types.Signature).Recv().Type()
				if p, ok := recv.(*types.Pointer); ok {
					recv = p.Elem()
				}
				if n, ok := recv.(*types.Named); ok && moved(n.Obj()) {
					m.problems = append(m.problems, fmt.Sprintf("%s: method %s of moved type %s stays behind", rel(m.root, name), fd.Name.Name, n.Obj().Name()))
				}
			}
		}
	}
	sort.Strings(m.problems)
	ks := make([]string, 0, len(m.exports))
	for k, v := range m.exports {
		ks = append(ks, v+" ("+rel(m.root, k)+")")
	}
	sort.Strings(ks)
	for _, k := range ks {
		fmt.Println("export:", k)
	}
	if len(m.problems) > 0 {
		for _, p := range m.problems {
			fmt.Fprintln(os.Stderr, p)
		}
		return fmt.Errorf("%d problem(s): nothing written", len(m.problems))
	}
	if m.dry {
		return nil
	}

	// Pass 2: the edits.
	m.edits = map[string][]edit{}
	m.needImport = map[string]bool{}
	m.dropImport = map[string]bool{}
	destName := filepath.Base(m.to)
	fromName := filepath.Base(m.from)
	for _, name := range names {
		fi := files[name]
		_, inMoved := m.files[name]
		for id, obj := range fi.defs {
			if obj == nil {
				continue
			}
			if nw, ok := m.exports[m.key(obj)]; ok && inMoved {
				m.add(name, id, nw)
			}
		}
		// Qualified uses in other packages: ui.X → widgets.X.
		qualified := map[*ast.Ident]bool{}
		ast.Inspect(fi.f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			pn, ok := fi.info.Uses[x].(*types.PkgName)
			if ok && inMoved && pn.Imported().Path() == m.to {
				// dest.X in a file moving into dest: X.
				m.edits[name] = append(m.edits[name], edit{m.fset.Position(x.Pos()).Offset, m.fset.Position(sel.Sel.Pos()).Offset, ""})
				m.dropImport[name] = true
				return true
			}
			if !ok || pn.Imported().Path() != m.from {
				return true
			}
			obj := fi.info.Uses[sel.Sel]
			if obj == nil || !moved(origin(obj)) {
				return true
			}
			m.add(name, x, destName)
			qualified[sel.Sel] = true
			m.needImport[name] = true
			return true
		})
		for id, obj := range fi.uses {
			obj = origin(obj)
			if !fromPkg(obj) || !moved(obj) {
				continue
			}
			pl, ok := member(obj)
			if !ok {
				continue
			}
			nw, renamed := m.exports[m.key(obj)]
			if !renamed {
				nw = obj.Name()
			}
			switch {
			case inMoved || qualified[id] || !pl:
				if renamed {
					m.add(name, id, nw)
				}
			default: // a use left behind in the source package
				m.add(name, id, destName+"."+nw)
				m.needImport[name] = true
			}
		}
	}
	// Doc comments that start with a renamed declaration's old name.
	for _, md := range movedDefs {
		name, fi, id, obj := md.name, md.fi, md.id, md.obj
		nw, ok := m.exports[m.key(obj)]
		if !ok {
			continue
		}
		if doc := docOf(fi.f, id); doc != nil && len(doc.List) > 0 {
			c := doc.List[0]
			if strings.HasPrefix(c.Text, "// "+obj.Name()) {
				start := m.fset.Position(c.Pos()).Offset + 3
				m.edits[name] = append(m.edits[name], edit{start, start + len(obj.Name()), nw})
			}
		}
	}
	return m.write(files2(files), fromName, destName)
}

func files2[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// docOf finds the doc comment of the declaration whose name is id.
func docOf(f *ast.File, id *ast.Ident) *ast.CommentGroup {
	var doc *ast.CommentGroup
	ast.Inspect(f, func(n ast.Node) bool {
		if doc != nil {
			return false
		}
		switch d := n.(type) {
		case *ast.FuncDecl:
			if d.Name == id {
				doc = d.Doc
			}
			return false
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if s.Name == id {
						doc = s.Doc
						if doc == nil && len(d.Specs) == 1 {
							doc = d.Doc
						}
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n == id {
							doc = s.Doc
							if doc == nil && len(d.Specs) == 1 {
								doc = d.Doc
							}
						}
					}
				}
			}
			return true
		case *ast.Field:
			for _, n := range d.Names {
				if n == id {
					doc = d.Doc
				}
			}
		}
		return true
	})
	return doc
}

func (m *mover) add(file string, id *ast.Ident, text string) {
	start := m.fset.Position(id.Pos()).Offset
	m.edits[file] = append(m.edits[file], edit{start, start + len(id.Name), text})
}

// write applies the edits, sets the package clause of the moved files,
// adds the destination's import where needed, and moves the files.
func (m *mover) write(all []string, fromName, destName string) error {
	destDir := filepath.Join(m.root, strings.TrimPrefix(m.to, modulePath(m.from)+"/"))
	if err := os.MkdirAll(destDir, 0o755); err != nil {
		return err
	}
	for _, name := range all {
		_, inMoved := m.files[name]
		es := m.edits[name]
		if len(es) == 0 && !inMoved {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		sort.Slice(es, func(i, j int) bool { return es[i].start > es[j].start })
		last := -1
		for _, e := range es {
			if e.start == last {
				continue // the same ident reached twice (Defs and Uses)
			}
			last = e.start
			src = append(src[:e.start:e.start], append([]byte(e.text), src[e.end:]...)...)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			return fmt.Errorf("%s after the edits: %w", name, err)
		}
		if inMoved {
			f.Name.Name = destName
		}
		if m.dropImport[name] {
			astutil.DeleteImport(fset, f, m.to)
		}
		if m.needImport[name] {
			astutil.AddImport(fset, f, m.to)
			if !astutil.UsesImport(f, m.from) {
				astutil.DeleteImport(fset, f, m.from)
			}
		}
		var buf bytes.Buffer
		if err := format.Node(&buf, fset, f); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		out := name
		if inMoved {
			out = filepath.Join(destDir, m.files[name])
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			return err
		}
		if inMoved {
			if err := os.Remove(name); err != nil {
				return err
			}
		}
		fmt.Println("wrote", rel(m.root, out))
	}
	return nil
}

// modulePath is the first element of an import path inside this module.
func modulePath(p string) string {
	first, _, _ := strings.Cut(p, "/")
	return first
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil {
		return r
	}
	return p
}
