package recruiting

import (
	"strings"

	"sullam/models"
)

// MaxCVSize is the largest CV attachment accepted (10 MiB).
const MaxCVSize = 10 << 20

// contact is what identifies a candidate for duplicate matching: the
// e-mail without case or surrounding spaces, the phone's digits.
func contact(c models.Candidate) (email, phone string) {
	return strings.ToLower(strings.TrimSpace(c.Email)), digits(c.Phone)
}

// HasContact reports whether c has an e-mail or a phone with digits: a
// candidate with neither has no duplicates.
func HasContact(c models.Candidate) bool {
	email, phone := contact(c)
	return email != "" || phone != ""
}

// Duplicates returns those of others that look like the same person as c:
// the same e-mail (ignoring case and surrounding spaces) or the same phone
// (digits only, so "050 123-4567" matches "0501234567"). An empty e-mail
// or phone matches nothing. The screen warns before creating one.
func Duplicates(c models.Candidate, others []models.Candidate) []models.Candidate {
	email, phone := contact(c)
	if email == "" && phone == "" {
		return nil
	}
	var out []models.Candidate
	for _, o := range others {
		oe, op := contact(o)
		if (email != "" && oe == email) || (phone != "" && op == phone) {
			out = append(out, o)
		}
	}
	return out
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Deletable reports whether a candidate record may be deleted: not when it
// is linked to an agent (a hire), which is anonymised instead.
func Deletable(c models.Candidate) bool { return c.AgentID == nil }

// Comparable reports whether a candidate takes part in a job's comparison:
// an anonymised one does not.
func Comparable(c models.Candidate) bool { return !c.Anonymized }
