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

// Rule: AddMonths moves by calendar months across years both ways, and a day
// the target month lacks rolls over as time.Date does.
func TestAddMonths(t *testing.T) {
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-23", -24, "2024-11-23"},
		{"2026-01-15", -1, "2025-12-15"},
		{"2026-11-23", 2, "2027-01-23"},
		{"2026-03-31", -1, "2026-03-03"}, // no 31 February
		{"2024-02-29", 12, "2025-03-01"},
	} {
		if got := MustDate(c.from).AddMonths(c.n).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}
