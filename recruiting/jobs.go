package recruiting

import (
	"fmt"

	"sullam/models"
)

// FromTemplate returns a new, unsaved job description copied from the
// template t: no ID or version, not archived. Its code is chosen with
// TemplateCode.
func FromTemplate(t models.JobDescription) models.JobDescription {
	j := t
	j.ID, j.Version, j.Archived = 0, 0, false
	return j
}

// TemplateCode returns the i-th code tried for a copy of the job whose
// code is base: base-2, base-3, … (i from 2); the first one not in use is
// the copy's.
func TemplateCode(base string, i int) string { return fmt.Sprintf("%s-%d", base, i) }
