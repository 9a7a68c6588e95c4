package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies the fixture module to a temporary directory.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// TestRewriteFixture checks the codemod's rules on a small model of the
// store and its callers (testdata/fixture; the expected result, reviewed by
// hand, in testdata/golden): database methods of *Store and of an area type
// get ctx first and bind their body to it; getters, Close, a method that
// already takes a context and one whose parameter carries one are left
// alone; narrow interfaces (named and unnamed parameters) and a test fake
// follow (result names ignored; a non-test method of the same name, such
// as a controller's SignOut, is left alone); calls pass the ctx in scope, the test's t.Context()/tb.Context(),
// context.Background() inside t.Cleanup and where nothing else is in scope,
// an unexported store helper passes dbContext(), and a service function
// (Config.Services) takes ctx and passes it on. The result builds and
// vets, and a second run changes nothing.
func TestRewriteFixture(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "fixture"))
	changed, err := Rewrite(Config{Dir: dir, StorePath: "fixture/store", Services: []string{"fixture/ui.LoadAll"}}, "./...")
	if err != nil {
		t.Fatalf("first run: %v", err)
	}
	if len(changed) != 3 {
		t.Errorf("first run changed %d files, want 3 (store.go, ui.go, ui_test.go): %v", len(changed), changed)
	}
	for _, rel := range []string{"store/store.go", "ui/ui.go", "ui/ui_test.go"} {
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("testdata", "golden", rel))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s after the rewrite:\n%s\nwant:\n%s", rel, got, want)
		}
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the rewritten fixture does not vet: %v\n%s", err, out)
	}
	again, err := Rewrite(Config{Dir: dir, StorePath: "fixture/store", Services: []string{"fixture/ui.LoadAll"}}, "./...")
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if len(again) != 0 {
		t.Errorf("second run changed %v, want nothing (idempotent)", again)
	}
}

// TestRewriteAfterMerge checks the run after a merge: a file that arrived
// with a call written before the store took a context (the tree does not
// type-check) gets its context, and the module builds again.
func TestRewriteAfterMerge(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "golden"))
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module fixture\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	late := "package ui\n\nimport \"fixture/store\"\n\n// Late came with a merge.\nfunc Late(st *store.Store) string { v, _ := st.Get(9); return v }\n"
	if err := os.WriteFile(filepath.Join(dir, "ui", "late.go"), []byte(late), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := Rewrite(Config{Dir: dir, StorePath: "fixture/store", Services: []string{"fixture/ui.LoadAll"}}, "./...")
	if err != nil {
		t.Fatalf("run on the merged tree: %v", err)
	}
	if len(changed) != 1 || filepath.Base(changed[0]) != "late.go" {
		t.Errorf("changed %v, want only ui/late.go", changed)
	}
	got, err := os.ReadFile(filepath.Join(dir, "ui", "late.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "st.Get(context.Background(), 9)") || !strings.Contains(string(got), "\"context\"") {
		t.Errorf("late.go after the run:\n%s", got)
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the merged tree does not vet after the run: %v\n%s", err, out)
	}
}

// TestRewriteNeedsStore checks that a wrong store path is an error naming
// it, not a silent no-op.
func TestRewriteNeedsStore(t *testing.T) {
	dir := copyTree(t, filepath.Join("testdata", "fixture"))
	_, err := Rewrite(Config{Dir: dir, StorePath: "fixture/nostore"}, "./...")
	if err == nil {
		t.Fatal("Rewrite with a store path that is not loaded: no error")
	}
}
