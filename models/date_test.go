package models

import "testing"

// Rule: dates print as YYYY-MM-DD and parse strictly: a day that does not
// exist in its month (29 February of a common year) is refused.
func TestDateStringAndParse(t *testing.T) {
	for _, s := range []string{"2024-02-29", "0001-01-01", "9999-12-31", "2026-11-23"} {
		d, err := ParseDate(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v; String %q", s, d, err, d.String())
		}
	}
	for _, s := range []string{"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024/01/01", "", "2024-01-32"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
	if got := NewDate(2023, 2, 29).String(); got != "2023-03-01" {
		t.Errorf("29 February 2023 normalises to %s, want 2023-03-01", got)
	}
}
