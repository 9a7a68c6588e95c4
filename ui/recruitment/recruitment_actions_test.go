package recruitment

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sullam/ui/i18n"
	"sullam/ui/uitest"
)

// Rule (issue 16): the candidate page's buttons read from the reading
// side: the main action (Edit) first and Delete last — in Arabic Edit is
// the rightmost button and «حذف» the leftmost; in English the reverse.
func TestCandidateActionsPrimaryFirstDeleteLast(t *testing.T) {
	test.NewTempApp(t)
	defer i18n.Use("en")
	for _, code := range []string{"ar", "en"} {
		i18n.Use(code)
		f, w, r, _ := newCandidatesWorld(t)
		w.SetContent(r.content())
		p := openCandidate(r, f.cand.ID)
		uitest.WaitFor(t, "the candidate page", func() bool { return p.c.ID == f.cand.ID })
		w.Resize(fyne.NewSize(1600, 900))
		edit, del := uitest.FindButton(w.Content(), i18n.T("action.edit")), uitest.FindButton(w.Content(), i18n.T("action.delete"))
		export := uitest.FindButton(w.Content(), i18n.T("rec.export_data"))
		if edit == nil || del == nil || export == nil {
			t.Fatalf("%s: no Edit, Export or Delete button", code)
		}
		drv := fyne.CurrentApp().Driver()
		x := func(o fyne.CanvasObject) float32 { return drv.AbsolutePositionForObject(o).X }
		if code == "ar" {
			if !(x(edit) > x(export) && x(export) > x(del)) {
				t.Errorf("ar: Edit at x=%.0f, Export at %.0f, Delete at %.0f: want Edit rightmost, Delete leftmost", x(edit), x(export), x(del))
			}
		} else if !(x(edit) < x(export) && x(export) < x(del)) {
			t.Errorf("en: Edit at x=%.0f, Export at %.0f, Delete at %.0f: want Edit leftmost, Delete rightmost", x(edit), x(export), x(del))
		}
	}
}

// TestMain runs the screens' UI callbacks on the test's goroutine
// (uitest.Main), as the window's tests always have.
func TestMain(m *testing.M) { uitest.Main(m) }
