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

// MaskDSNIn returns text (an error message, say) with dsn, and the password
// dsn carries, masked as MaskDSN does.
func MaskDSNIn(text, dsn string) string {
	if !IsPostgres(dsn) {
		return text
	}
	text = strings.ReplaceAll(text, dsn, MaskDSN(dsn))
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if pw, has := u.User.Password(); has && pw != "" {
			text = strings.ReplaceAll(text, pw, "***")
		}
	}
	if m := queryPassword.FindStringSubmatchIndex(dsn); m != nil {
		if pw := dsn[m[3]:m[1]]; pw != "" {
			text = strings.ReplaceAll(text, pw, "***")
		}
	}
	return text
}
