//go:build windows

package store

import (
	"errors"
	"path/filepath"
	"testing"

	"sullam/models"
)

// TestCheckLocalFSWindows runs the real check on Windows (or under Wine):
// a file in a local temporary folder is accepted, a UNC path is refused
// before anything is opened, and a missing folder is named.
func TestCheckLocalFSWindows(t *testing.T) {
	if err := checkLocalFS(filepath.Join(t.TempDir(), "sullam.db")); err != nil {
		t.Errorf("local temporary folder refused: %v", err)
	}
	if err := checkLocalFS(`\\fileserver\hr\sullam.db`); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("UNC path: got %v, want a refusal (ErrInvalid)", err)
	}
	if err := checkLocalFS(filepath.Join(t.TempDir(), "missing", "sullam.db")); err == nil {
		t.Error("missing folder accepted")
	}
}
