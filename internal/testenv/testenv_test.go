package testenv

import (
	"path/filepath"
	"testing"
)

// fakeTB records whether a check skipped or failed, without ending the test.
type fakeTB struct {
	testing.TB
	skipped, failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Skip(...any)           { f.skipped = true }
func (f *fakeTB) Fatalf(string, ...any) { f.failed = true }

// Rule: a missing fixture is a skip on a developer's machine and a failure in CI.
func TestNeedPathFailsInCI(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "absent")
	t.Setenv("CI", "")
	f := &fakeTB{}
	NeedPath(f, missing)
	if !f.skipped || f.failed {
		t.Errorf("outside CI: skipped=%v failed=%v, want a skip", f.skipped, f.failed)
	}
	t.Setenv("CI", "true")
	f = &fakeTB{}
	NeedPath(f, missing)
	if !f.failed {
		t.Errorf("in CI: a missing fixture did not fail the test")
	}
	f = &fakeTB{}
	NeedPath(f, t.TempDir())
	if f.failed || f.skipped {
		t.Errorf("a present fixture skipped=%v failed=%v", f.skipped, f.failed)
	}
	f = &fakeTB{}
	NeedCommand(f, "no-such-program-sullam", "none")
	if !f.failed {
		t.Errorf("in CI: a missing program did not fail the test")
	}
}
