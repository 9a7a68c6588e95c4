package settings

import (
	"testing"

	"sullam/ui/uitest"
)

// TestMain runs the screens' UI callbacks on the test's goroutine
// (uitest.Main), as the window's tests always have.
func TestMain(m *testing.M) { uitest.Main(m) }
