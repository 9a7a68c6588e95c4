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

// Rule (issue 11): an error shown or logged when a database does not open
// carries neither the URL's password nor the password alone.
func TestMaskDSNIn(t *testing.T) {
	dsn := "postgres://sullam:s3cret@db/sullam?sslmode=disable"
	msg := `open database postgres://sullam:s3cret@db/sullam?sslmode=disable: password s3cret refused`
	got := MaskDSNIn(msg, dsn)
	want := `open database postgres://sullam:***@db/sullam?sslmode=disable: password *** refused`
	if got != want {
		t.Errorf("MaskDSNIn = %q, want %q", got, want)
	}
	q := "postgres://u@h/d?password=qpass99"
	if got := MaskDSNIn("cannot reach "+q+" (qpass99)", q); strings.Contains(got, "qpass99") {
		t.Errorf("MaskDSNIn kept the query password: %q", got)
	}
	if got := MaskDSNIn("folder /x does not exist", "/x/sullam.db"); got != "folder /x does not exist" {
		t.Errorf("a SQLite path's message changed: %q", got)
	}
}
