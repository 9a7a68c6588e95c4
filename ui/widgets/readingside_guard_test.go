package widgets

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Rule (issue 16): the screens build tab bars, check boxes and radio or
// check groups only from the reading-side widgets of this package (newTabs,
// newCheck, newRadioGroup, newCheckGroup): a call of Fyne's own, which
// always starts at the left, fails this test with its file and line.
func TestNoLeftToRightOnlyWidgets(t *testing.T) {
	banned := map[string]string{
		"container.NewAppTabs": "newTabs",
		"container.NewDocTabs": "newTabs",
		"widget.NewCheck":      "newCheck",
		"widget.NewRadioGroup": "newRadioGroup",
		"widget.NewCheckGroup": "newCheckGroup",
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			call := pkg.Name + "." + sel.Sel.Name
			if use, bad := banned[call]; bad && use != "" {
				t.Errorf("%s: %s starts at the left in Arabic; use %s", fset.Position(sel.Pos()), call, use)
			}
			return true
		})
	}
}
