package widgets

import (
	"os"
	"testing"
)

// TestMain queues the UI callbacks for the tests to run on their own
// goroutine (pumped mode), as the window's tests always have.
func TestMain(m *testing.M) {
	Background.Pumped = true
	os.Exit(m.Run())
}
