// Package testenv holds the tests' rule for optional fixtures and tools: a
// test that needs something outside the module (the shared examples, a
// reference program) skips on a developer's machine that lacks it, but fails
// in CI (CI set), where a skip would hide that the check never ran.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether the tests run in CI (the CI environment variable is set).
func InCI() bool { return os.Getenv("CI") != "" }

// unavailable skips t, or fails it in CI, with reason.
func unavailable(t testing.TB, reason string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s (CI is set: this check must run)", reason)
	}
	t.Skip(reason)
}

// Unavailable skips t, or fails it in CI, with reason: for a fixture the
// test itself found missing or unreachable (a database server).
func Unavailable(t testing.TB, reason string) {
	t.Helper()
	unavailable(t, reason)
}

// NeedPath skips t when path does not exist, and fails it in CI.
func NeedPath(t testing.TB, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		unavailable(t, "missing "+path+": "+err.Error())
	}
}

// NeedCommand skips t when the program name is not on PATH, and fails it in
// CI; hint says how to install it.
func NeedCommand(t testing.TB, name, hint string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		unavailable(t, name+" not installed ("+hint+")")
	}
}
