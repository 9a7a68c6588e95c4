package store

import (
	"strings"
	"testing"
)

// Rule (issue 11): a database URL's password is never shown or logged:
// MaskDSN replaces it with *** wherever the URL carries it, and leaves a
// SQLite path and a URL without a password as they are.
func TestMaskDSN(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"postgres://sullam:s3cret@db.example:5432/sullam?sslmode=require", "postgres://sullam:***@db.example:5432/sullam?sslmode=require"},
		{"postgresql://u:p%40ss@h/d", "postgresql://u:***@h/d"},
		{"postgres://u@h/d?sslmode=disable&password=s3cret", "postgres://u@h/d?sslmode=disable&password=***"},
		{"postgres://u@h/d", "postgres://u@h/d"},
		{"postgres://u:s3cret@h/d%zz", "postgres://***"},
		{"/home/hr/sullam.db", "/home/hr/sullam.db"},
	} {
		got := MaskDSN(tc.in)
		if got != tc.want {
			t.Errorf("MaskDSN(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if strings.Contains(got, "s3cret") || strings.Contains(got, "p%40ss") {
			t.Errorf("MaskDSN(%q) = %q still holds the password", tc.in, got)
		}
	}
}
