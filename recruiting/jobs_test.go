package recruiting

import (
	"testing"

	"sullam/models"
)

// TestFromTemplate checks a job copied from a template: everything but the
// ID and version (new, unsaved) and the archived flag (a copy starts
// active); its code candidates are CODE-2, CODE-3, ….
func TestFromTemplate(t *testing.T) {
	tpl := models.JobDescription{ID: 4, Code: "CSR", TitleAr: "ممثل خدمة العملاء", TitleEn: "CSR", LadderRole: "csr",
		PurposeEn: "serve", Archived: true, Version: 9}
	j := FromTemplate(tpl)
	if j.ID != 0 || j.Version != 0 || j.Archived {
		t.Errorf("copy keeps ID %d, version %d, archived %v; want 0, 0, false", j.ID, j.Version, j.Archived)
	}
	if j.Code != tpl.Code || j.TitleAr != tpl.TitleAr || j.PurposeEn != tpl.PurposeEn || j.LadderRole != tpl.LadderRole {
		t.Errorf("copy lost the template's content: %+v", j)
	}
	if got := TemplateCode("CSR", 2); got != "CSR-2" {
		t.Errorf("TemplateCode(CSR, 2) = %q", got)
	}
	if got := TemplateCode("CSO", 11); got != "CSO-11" {
		t.Errorf("TemplateCode(CSO, 11) = %q", got)
	}
}
