package widgets

import (
	"context"
	"errors"
	"io"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
)

// The import buttons of a screen and where imports go: the store behind
// them, who may import what, the templates, the open-file hook (moved
// verbatim from import_flow.go).

// ImportStore is what the import dialog needs of the store: the import of
// each kind, and the code columns of the review template (the audit
// template's items come from the store's Work area). The store checks the
// actor's right to each import (and its team scope).
type ImportStore interface {
	ImportAgents(a store.Actor, src store.ImportSource, rows []models.AgentRow) (models.ImportResult, error)
	ImportAttendance(a store.Actor, src store.ImportSource, rows []models.AttendanceRow, progress func(done, total int)) (models.ImportResult, error)
	ImportAudits(a store.Actor, src store.ImportSource, rows []models.AuditRow) (models.ImportResult, error)
	ImportWeeklyStream(a store.Actor, src store.ImportSource, feed store.Feed[models.WeeklyRow], progress func(done, total int)) (models.ImportResult, error)
	ImportReviews(a store.Actor, src store.ImportSource, rows []models.ReviewRow) (models.ImportResult, error)
	ImportCandidates(a store.Actor, src store.ImportSource, rows []models.CandidateRow) (models.ImportResult, error)
	ImportJobs(a store.Actor, src store.ImportSource, rows []models.JobRow) (models.ImportResult, error)
	ImportQuestions(a store.Actor, src store.ImportSource, rows []models.QuestionRow) (models.ImportResult, error)
	Competencies(ctx context.Context) ([]models.Competency, error)
}

// OpenFileFunc asks the user for a file to read, offering those whose names
// end in one of exts (".csv", ".xlsx"), and calls done with its name and
// content on the UI goroutine. It does not call done when the user cancels
// or the file cannot be read (it says why).
type OpenFileFunc func(win fyne.Window, exts []string, done func(name string, data []byte))

// dialogOpenFile is the default OpenFileFunc: Fyne's open dialog, the file
// read up to importMaxFile.
func dialogOpenFile(win fyne.Window, exts []string, done func(name string, data []byte)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, importMaxFile+1))
		if err == nil && len(data) > importMaxFile {
			err = models.Invalid("import.err.file_too_large", map[string]any{"MiB": importMaxFile >> 20}, "%s: the file is larger than %d MiB", r.URI().Name(), importMaxFile>>20)
		}
		if err != nil {
			slog.Error("open import file", "file", r.URI().Name(), "err", err)
			dialog.ShowError(errors.New(UserMessage(err)), win)
			return
		}
		done(r.URI().Name(), data)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// openFile asks for a file with the deps' OpenFile, or the system dialog.
func (d Deps) openFile(exts []string, done func(name string, data []byte)) {
	if d.OpenFile != nil {
		d.OpenFile(d.Win, exts, done)
		return
	}
	dialogOpenFile(d.Win, exts, done)
}

// importStore returns the store imports go through: the deps' Imports when
// set, else the store.
func (d Deps) importStore() ImportStore {
	if d.Imports != nil {
		return d.Imports
	}
	return ImportsOf(d.Store)
}

// ImportsOf returns the imports of a store (see storeImports).
func ImportsOf(st *store.Store) ImportStore { return storeImports{st, st.Recruitment()} }

// storeImports is the store's imports: those of the evaluation data on the
// store, those of the recruitment data on its recruitment area.
type storeImports struct {
	*store.Store
	*store.Recruitment
}

// importOps is the store operation each import kind needs.
var importOps = map[models.ImportKind]store.Op{
	models.KindAgents:     store.OpEditAgents,
	models.KindAttendance: store.OpEditAttendance,
	models.KindAudits:     store.OpEnterAudits,
	models.KindWeekly:     store.OpImportWeekly,
	models.KindReviews:    store.OpWriteReview,
	models.KindCandidates: store.OpManageCandidates,
	models.KindJobs:       store.OpManageJobs,
	models.KindQuestions:  store.OpManageQuestions,
}

// canImport reports whether a may import files of kind at all (the store
// still checks it, and the scope of each row).
func canImport(a store.Actor, kind models.ImportKind) bool {
	op, ok := importOps[kind]
	return ok && a.Can(op)
}

// ImportButtonKey is the translation key of the button that imports kind.
func ImportButtonKey(kind models.ImportKind) string {
	switch kind {
	case models.KindAgents:
		return "agent.import"
	case models.KindAttendance:
		return "attendance.import"
	}
	return "import.button." + string(kind)
}

// ImportButtonList returns the "Import …" and "Download template" buttons
// of kind, the import first, or nil when the signed-in user may not import
// it. onDone, when not nil, runs after a file was imported.
func ImportButtonList(d Deps, kind models.ImportKind, onDone func()) []fyne.CanvasObject {
	if !canImport(d.Actor, kind) || (d.Store == nil && d.Imports == nil) {
		return nil
	}
	imp := widget.NewButton(i18n.T(ImportButtonKey(kind)), func() { newImportFlow(d, kind, onDone).start() })
	tpl := widget.NewButton(i18n.T("import.template"), func() { downloadTemplate(d, kind) })
	return []fyne.CanvasObject{imp, tpl}
}

// ImportButtons returns importButtonList as a row from the reading edge
// (the right in Arabic), or nil.
func ImportButtons(d Deps, kind models.ImportKind, onDone func()) fyne.CanvasObject {
	l := ImportButtonList(d, kind, onDone)
	if l == nil {
		return nil
	}
	return ActionRow(l...)
}

// NewImportTab is a tab holding only the import of kind: for a role that
// imports a kind without working on it in another screen (HR and weekly
// reports).
func NewImportTab(d Deps, kind models.ImportKind) fyne.CanvasObject {
	box := container.NewVBox(Heading(i18n.T("import.title_"+string(kind))), Para(i18n.T("import.tab_hint."+string(kind))))
	if b := ImportButtons(d, kind, nil); b != nil {
		box.Add(b)
	}
	return container.NewVScroll(box)
}

// downloadTemplate asks where to save kind's empty template and writes it
// in the user's language: the audit template has the items of an audit
// form (the user picks it when there are several), the review template the
// active competencies.
func downloadTemplate(d Deps, kind models.ImportKind) {
	st := d.importStore()
	write := func(codes []string, suffix string) {
		SaveFile(d, "template-"+string(kind)+suffix+".xlsx", func(w io.Writer) error {
			return importer.WriteTemplate(w, kind, i18n.Current(), codes)
		})
	}
	switch kind {
	case models.KindReviews:
		GoWork(func() {
			comps, err := st.Competencies(context.Background())
			OnMain(func() {
				if err != nil {
					dialog.ShowError(errors.New(UserMessage(err)), d.Win)
					return
				}
				codes := make([]string, len(comps))
				for i, c := range comps {
					codes[i] = c.Code
				}
				write(codes, "")
			})
		})
	case models.KindAudits:
		GoWork(func() {
			forms, err := d.Store.Work().LatestForms(context.Background(), d.Actor)
			OnMain(func() {
				switch {
				case err != nil:
					dialog.ShowError(errors.New(UserMessage(err)), d.Win)
				case len(forms) == 0:
					dialog.ShowError(errors.New(i18n.Display(i18n.T("import.template_no_form"))), d.Win)
				case len(forms) == 1:
					write(FormCodes(forms[0]), "-"+forms[0].Code)
				default:
					pickForm(d, forms, func(f models.AuditForm) { write(FormCodes(f), "-"+f.Code) })
				}
			})
		})
	default:
		write(nil, "")
	}
}

// FormCodes returns the item codes of an audit form, in its order.
func FormCodes(f models.AuditForm) []string {
	codes := make([]string, len(f.Items))
	for i, it := range f.Items {
		codes[i] = it.Code
	}
	return codes
}

// pickForm asks which audit form the template is for.
func pickForm(d Deps, forms []models.AuditForm, done func(models.AuditForm)) {
	names := make([]string, len(forms))
	for i, f := range forms {
		names[i] = FormLabel(f)
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelectedIndex(0)
	dialog.ShowForm(i18n.T("import.template"), i18n.T("import.template_save"), i18n.T("action.cancel"),
		[]*widget.FormItem{widget.NewFormItem(i18n.T("import.template_form"), sel)}, func(ok bool) {
			if ok && sel.SelectedIndex() >= 0 {
				done(forms[sel.SelectedIndex()])
			}
		}, d.Win)
}
