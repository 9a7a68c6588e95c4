package store

import (
	"net/url"
	"regexp"
	"strings"
)

// queryPassword finds the password parameter of a URL's query.
var queryPassword = regexp.MustCompile(`(?i)([?&]password=)[^&#]*`)

// MaskDSN returns dsn fit to show or log: the password of a postgres:// URL,
// in its user part or in a password= parameter, becomes *** (so
// postgres://user:***@host/db). Anything else, a SQLite file path, is
// returned as it is.
func MaskDSN(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		// Not a URL that can be taken apart: show no more than what it is.
		return "postgres://***"
	}
	masked := u.String()
	if u.User != nil {
		if _, has := u.User.Password(); has {
			// Redacted writes the user part as user:xxxxx@ (a user name
			// never holds an unescaped colon).
			masked = strings.Replace(u.Redacted(), ":xxxxx@", ":***@", 1)
		}
	}
	return queryPassword.ReplaceAllString(masked, "${1}***")
}
