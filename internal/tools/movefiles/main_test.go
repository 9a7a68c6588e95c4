package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeModule writes a small module m with package a: x.go declares a
// helper and a type with a field, y.go (staying) uses them.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module m\n\ngo 1.22\n"
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func newMover(dir string, files ...string) *mover {
	m := &mover{from: "m/a", to: "m/a/b", root: dir, rename: map[string]string{}, files: map[string]string{}}
	for _, f := range files {
		m.files[filepath.Join(dir, f)] = filepath.Base(f)
	}
	return m
}

// Rule: a moved declaration used by a file left behind is exported (its
// doc comment too) and the use is qualified with the new package, which
// is imported; the moved file gets the new package clause and leaves.
func TestMoveExportsAndQualifies(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"a/x.go": "package a\n\n// helper is one.\nfunc helper() int { return 1 }\n\n// box holds n.\ntype box struct{ n int }\n",
		"a/y.go": "package a\n\n// Use uses the helper.\nfunc Use() int { return helper() + box{n: 2}.n }\n",
	})
	if err := newMover(dir, "a/x.go").run("", []string{"./..."}); err != nil {
		t.Fatal(err)
	}
	x, err := os.ReadFile(filepath.Join(dir, "a/b/x.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"package b", "// Helper is one.", "func Helper() int", "type Box struct{ N int }"} {
		if !strings.Contains(string(x), want) {
			t.Errorf("moved file lacks %q:\n%s", want, x)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "a/x.go")); !os.IsNotExist(err) {
		t.Errorf("a/x.go still there (%v)", err)
	}
	y, _ := os.ReadFile(filepath.Join(dir, "a/y.go"))
	for _, want := range []string{`"m/a/b"`, "b.Helper() + b.Box{N: 2}.N"} {
		if !strings.Contains(string(y), want) {
			t.Errorf("file left behind lacks %q:\n%s", want, y)
		}
	}
}

// Rule: a moved file using a name that stays behind would make an import
// cycle: the tool refuses and writes nothing.
func TestMoveRefusesCycle(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"a/x.go": "package a\n\n// Helper uses stay.\nfunc Helper() int { return stay() }\n",
		"a/y.go": "package a\n\nfunc stay() int { return 1 }\n",
	})
	m := newMover(dir, "a/x.go")
	err := m.run("", []string{"./..."})
	if err == nil || len(m.problems) != 1 || !strings.Contains(m.problems[0], "stay") {
		t.Fatalf("err %v, problems %q: want the cycle through stay refused", err, m.problems)
	}
	if _, err := os.Stat(filepath.Join(dir, "a/x.go")); err != nil {
		t.Errorf("a/x.go was moved despite the refusal: %v", err)
	}
}
