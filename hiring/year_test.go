package hiring

import (
	"testing"

	"sullam/models"
)

// TestFirstFullYear checks which year a hire's first full year is: the
// hire year only when hired on 1 January; from 2 January to 31 December,
// the next year.
func TestFirstFullYear(t *testing.T) {
	for hired, want := range map[string]int{
		"2024-01-01": 2024, "2024-01-02": 2025, "2024-06-15": 2025, "2024-12-31": 2025, "2025-01-01": 2025,
	} {
		if got := FirstFullYear(models.MustDate(hired)); got != want {
			t.Errorf("FirstFullYear(%s) = %d, want %d", hired, got, want)
		}
	}
}
