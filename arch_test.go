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
			if msg := uiLayering(pkg, p); msg != "" {
				t.Errorf("%s imports %s: %s", path, p, msg)
			}
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

// uiShared are the window's packages every area may use: the Fyne binding
// of the translator, the shared building blocks and the tests' helpers.
var uiShared = map[string]bool{"sullam/ui/i18n": true, "sullam/ui/widgets": true, "sullam/ui/uitest": true}

// uiLayering states the window's layering (ARCHITECTURE.md, "The
// window"), whatever the table says: an area package (ui/<area>) never
// imports the shell (ui) nor another area, and the shared packages import
// neither; cross-area navigation goes through the callbacks in Deps.
func uiLayering(pkg, imp string) string {
	if !strings.HasPrefix(pkg, "sullam/ui/") || !(imp == "sullam/ui" || strings.HasPrefix(imp, "sullam/ui/")) {
		return ""
	}
	switch {
	case imp == "sullam/ui":
		return "a package under ui/ never imports the shell"
	case uiShared[imp]:
		return ""
	case uiShared[pkg]:
		return "a shared window package never imports an area"
	default:
		return "an area never imports another area (navigate through Deps)"
	}
}

// TestUILayering checks uiLayering's rule on the imports it must refuse
// and allow, so that the rule cannot silently accept everything.
func TestUILayering(t *testing.T) {
	for _, c := range []struct {
		pkg, imp string
		ok       bool
	}{
		{"sullam/ui/recruitment", "sullam/ui/widgets", true},
		{"sullam/ui/recruitment", "sullam/ui/i18n", true},
		{"sullam/ui", "sullam/ui/recruitment", true},
		{"sullam/ui/recruitment", "sullam/ui", false},
		{"sullam/ui/recruitment", "sullam/ui/evaluation", false},
		{"sullam/ui/widgets", "sullam/ui/home", false},
		{"sullam/ui/widgets", "sullam/ui", false},
	} {
		if got := uiLayering(c.pkg, c.imp) == ""; got != c.ok {
			t.Errorf("%s importing %s: allowed %v, want %v", c.pkg, c.imp, got, c.ok)
		}
	}
}
