package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// archRules reads ARCHITECTURE.md's table of packages: package → the Sullam
// packages it may import.
func archRules(t *testing.T) map[string]map[string]bool {
	t.Helper()
	b, err := os.ReadFile("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("^\\| `([a-z0-9/]+)`[^|]*\\|[^|]*\\| ([^|]*) \\|$")
	rules := map[string]map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		m := row.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		pkg := "sullam"
		if m[1] != "sullam" {
			pkg = "sullam/" + m[1]
		}
		allowed := map[string]bool{}
		if s := strings.TrimSpace(m[2]); s != "—" {
			for _, p := range strings.Split(s, ",") {
				allowed["sullam/"+strings.TrimSpace(p)] = true
			}
		}
		rules[pkg] = allowed
	}
	if len(rules) < 10 {
		t.Fatalf("ARCHITECTURE.md: read only %d package rows", len(rules))
	}
	return rules
}

// TestArchitectureArrows checks the house's rule that every package imports
// only what ARCHITECTURE.md's table allows (no arrow up, no GORM outside
// store, no Fyne below ui), and that every package is in the table.
func TestArchitectureArrows(t *testing.T) {
	rules := archRules(t)
	seen := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "testdata", "dist", "docs", "scripts", ".git", ".ci":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		pkg := "sullam"
		if dir := filepath.ToSlash(filepath.Dir(path)); dir != "." {
			pkg = "sullam/" + dir
		}
		allowed, ok := rules[pkg]
		if !ok {
			t.Errorf("%s: package %s is not in ARCHITECTURE.md's table", path, pkg)
			return nil
		}
		seen[pkg] = true
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case strings.HasPrefix(p, "sullam/") && !allowed[p]:
				t.Errorf("%s imports %s, which ARCHITECTURE.md does not allow %s", path, p, pkg)
			case strings.HasPrefix(p, "gorm.io/") && pkg != "sullam/store" && pkg != "sullam/store/migrations":
				t.Errorf("%s imports %s: GORM belongs to store only", path, p)
			case strings.HasPrefix(p, "fyne.io/") && pkg != "sullam/ui" && !strings.HasPrefix(pkg, "sullam/ui/") && pkg != "sullam":
				t.Errorf("%s imports %s: Fyne belongs to the window only", path, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for pkg := range rules {
		if !seen[pkg] {
			t.Errorf("ARCHITECTURE.md lists %s, which has no code", pkg)
		}
	}
}
