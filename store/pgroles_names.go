package store

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"golang.org/x/text/secure/precis"

	"sullam/models"
)

// pgKinds are the Sullam roles in the order their group roles are made.
var pgKinds = models.Roles

// pgMaxPrefix is the longest role prefix: a login is prefix + "_u_" + 20
// characters of the user name + "_" + 8 hex digits, within PostgreSQL's 63.
const pgMaxPrefix = 30

// PGRolePrefix returns the prefix of the PostgreSQL role names of the
// database named dbname: the name in lower case with every character other
// than a–z, 0–9 and _ replaced by _, with "sullam_" in front unless it
// already starts with "sullam", and shortened with a hash when longer than
// 30 characters. The database sullam gets the roles sullam_admin, sullam_hr…
func PGRolePrefix(dbname string) string {
	p := pgSanitize(dbname)
	if !strings.HasPrefix(p, "sullam") {
		p = "sullam_" + p
	}
	if len(p) > pgMaxPrefix {
		p = p[:pgMaxPrefix-9] + "_" + shortHash(dbname)
	}
	return p
}

// PGGroupRole returns the group role of Sullam role r under prefix.
func PGGroupRole(prefix string, r models.Role) string { return prefix + "_" + string(r) }

// PGLoginName returns the PostgreSQL login of the account username under
// prefix: prefix_u_, the user name sanitized as PGRolePrefix does and cut to
// 20 characters, _ and the first 8 hex digits of the SHA-256 of the exact
// user name (so that two user names never share a login, whatever their
// letters). Only a–z, 0–9 and _ appear: the name is safe to quote anywhere.
func PGLoginName(prefix, username string) string {
	u := pgSanitize(username)
	if len(u) > 20 {
		u = u[:20]
	}
	return prefix + "_u_" + u + "_" + shortHash(username)
}

func pgSanitize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}

// pgIdent quotes a PostgreSQL identifier.
func pgIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// pgLiteral quotes a PostgreSQL string literal (standard_conforming_strings).
func pgLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// scramIterations is PostgreSQL's default for SCRAM-SHA-256 secrets.
const scramIterations = 4096

// scramSecret returns the SCRAM-SHA-256 secret PostgreSQL stores for pw
// (RFC 5802/7677, PostgreSQL's format). The password is prepared with
// SASLprep (precis OpaqueString) as the driver does when it signs in.
func scramSecret(pw string) (string, error) {
	prepared, err := precis.OpaqueString.String(pw)
	if err != nil {
		prepared = pw // the driver sends such a password as it is, too
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("scram secret: %w", err)
	}
	return scramSecretWith(prepared, salt, scramIterations)
}

func scramSecretWith(pw string, salt []byte, iter int) (string, error) {
	salted, err := pbkdf2.Key(sha256.New, pw, salt, iter, sha256.Size)
	if err != nil {
		return "", fmt.Errorf("scram secret: %w", err)
	}
	mac := func(key []byte, msg string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(msg))
		return h.Sum(nil)
	}
	stored := sha256.Sum256(mac(salted, "Client Key"))
	server := mac(salted, "Server Key")
	enc := base64.StdEncoding
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iter, enc.EncodeToString(salt), enc.EncodeToString(stored[:]), enc.EncodeToString(server)), nil
}
