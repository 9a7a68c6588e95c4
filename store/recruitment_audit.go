package store

import (
	"fmt"
	"sort"

	"gorm.io/gorm"
)

// candidateAuditValues lists the fields of a candidate-related change whose
// values the audit log may keep: none of them identifies or describes the
// person (the candidates table keeps them after anonymising, for
// statistics). Every other field — name, e-mail, phone, education,
// experience, languages, source, notes, CV name, reasons, interview notes —
// is recorded by name only (PDPL, DESIGN "Reliability and security": the log
// never holds a candidate's personal values). A whitelist, so that a field
// added later is withheld until someone decides it may be kept.
var candidateAuditValues = map[string]bool{
	"stage": true, "job_id": true, "applied_on": true, "on": true, "version": true,
	"anonymized": true, "score": true, "recommendation": true, "bytes": true, "candidate_id": true,
}

// candidateAuditChangedKey is the key under which the new side of a
// candidate-related audit row lists the names of the fields that changed.
const candidateAuditChangedKey = "changed"

// candidateAudit turns the old and new views of a candidate-related change
// into what the audit log may hold: the values of candidateAuditValues, and
// under "changed" the sorted names of every field whose value differs (for
// a creation: every field set). A nil result side stays empty in the log.
func candidateAudit(old, new map[string]any) (oldOut, newOut map[string]any) {
	var changed []string
	seen := map[string]bool{}
	for _, side := range []map[string]any{old, new} {
		for k := range side {
			if seen[k] {
				continue
			}
			seen[k] = true
			o, n := old[k], new[k] // a missing field counts as empty
			if !(isEmptyValue(o) && isEmptyValue(n)) && fmt.Sprint(o) != fmt.Sprint(n) {
				changed = append(changed, k)
			}
		}
	}
	sort.Strings(changed)
	keep := func(side map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range side {
			if candidateAuditValues[k] {
				out[k] = v
			}
		}
		return out
	}
	if old != nil {
		oldOut = keep(old)
		if len(oldOut) == 0 {
			oldOut = nil
		}
	}
	if new != nil || len(changed) > 0 {
		newOut = keep(new)
		if len(changed) > 0 {
			newOut[candidateAuditChangedKey] = changed
		}
	}
	return oldOut, newOut
}

func isEmptyValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []byte:
		return len(x) == 0
	}
	return false
}

// logCandidateChange writes the audit-log row of a change to a candidate or
// to an interview's feedback: the entity, its key and the names of the
// fields changed, without the person's values (see candidateAudit).
func (s *Store) logCandidateChange(tx *gorm.DB, a Actor, action, entity, key string, old, new map[string]any) error {
	o, n := candidateAudit(old, new)
	var ov, nv any
	if o != nil {
		ov = o
	}
	if n != nil {
		nv = n
	}
	return s.logChange(tx, a, action, entity, key, ov, nv)
}
