package promotions

import (
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/internal/testenv"
	"sullam/models"
	"sullam/report"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// holdingBoardWriter is the window's board writer held after its first
// row until the export's context is done; started is closed then.
func holdingBoardWriter(started chan struct{}) boardWriter {
	var once sync.Once
	return func(ctx context.Context, w io.Writer, format string, tr report.Translator, asOf models.Date,
		rows []report.BoardRow, progress report.Progress) error {
		return writeBoard(ctx, w, format, tr, asOf, rows, func(done, total int) {
			progress(done, total)
			once.Do(func() {
				close(started)
				<-ctx.Done()
			})
		})
	}
}

// Rule (issue 17, board export with progress and Cancel): tapping Export
// PDF or Export XLSX shows a dialog with a progress bar that says how many
// agents of the board are written, and a Cancel button; Cancel stops the
// export, closes the dialog and leaves no file (neither the target nor a
// temporary one) in the folder. In both languages.
func TestPromotionBoardExportCancel(t *testing.T) {
	for _, lng := range []string{"en", "ar"} {
		for _, format := range []string{"pdf", "xlsx"} {
			t.Run(lng+"/"+format, func(t *testing.T) {
				test.NewTempApp(t)
				i18n.Use(lng)
				defer i18n.Use("en")
				st := uitest.OpenTestStore(t)
				uitest.SeedAgents(t, st, 6)
				mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
				dir := t.TempDir()
				var chosen []string
				w := test.NewWindow(nil)
				defer w.Close()
				w.Resize(fyne.NewSize(1200, 800))
				s := NewPromotionsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr, SaveAs: uitest.SavingTo(dir, &chosen)})
				started := make(chan struct{})
				s.writeBoard = holdingBoardWriter(started)
				w.SetContent(s.Content())
				uitest.WaitFor(t, "the board", func() bool { return len(s.Rows) == 6 })

				button := map[string]*widget.Button{"pdf": s.ExportPDF, "xlsx": s.ExportXLSX}[format]
				test.Tap(button)
				uitest.WaitStarted(t, "the export to start", started)
				widgets.Background.Drain() // the first row's progress
				dlg := uitest.TopOverlay(w)
				if dlg == nil {
					t.Fatal("no progress dialog while the board is written")
				}
				bar, _ := uitest.FindObject(dlg, func(o fyne.CanvasObject) bool { _, ok := o.(*widget.ProgressBar); return ok }).(*widget.ProgressBar)
				if bar == nil || bar.Value <= 0 || bar.Value >= 1 {
					t.Errorf("progress bar %v, want one between 0 and 1 after the first row", bar)
				}
				want := map[string]string{"en": "1 of 6 agents written", "ar": "كُتب 1 من 6 موظفين"}[lng]
				if !uitest.FindLabelContaining(dlg, i18n.Display(want)) {
					t.Errorf("the dialog does not say %q:\n%s", want, uitest.TextIn(dlg))
				}
				cancel := uitest.FindButton(dlg, i18n.T("action.cancel"))
				if cancel == nil {
					t.Fatal("no Cancel button in the progress dialog")
				}
				test.Tap(cancel)
				uitest.WaitFor(t, "the cancelled export", func() bool { return !uitest.DialogOpen(w) })
				left, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				if len(chosen) != 1 || len(left) != 0 {
					t.Errorf("after Cancel the folder holds %v (chosen %v), want nothing", left, chosen)
				}
			})
		}
	}
}

// Rule (issue 17): an export that is not cancelled closes its progress
// dialog, writes a valid PDF holding every agent shown, and offers to open
// it.
func TestPromotionBoardExportCompletes(t *testing.T) {
	testenv.NeedCommand(t, "pdftotext", "apt-get install -y poppler-utils")
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 6)
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	dir := t.TempDir()
	var chosen []string
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 800))
	s := NewPromotionsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr, SaveAs: uitest.SavingTo(dir, &chosen)})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the board", func() bool { return len(s.Rows) == 6 })
	test.Tap(s.ExportPDF)
	uitest.WaitFor(t, "the PDF", func() bool { return len(chosen) == 1 && uitest.FileWritten(chosen[0]) })
	if !uitest.FindLabelContaining(uitest.TopOverlay(w), "Open it now?") {
		t.Errorf("the progress dialog did not give way to the offer to open the file:\n%s", uitest.TextIn(uitest.TopOverlay(w)))
	}
	uitest.TapIn(t, w, "No")
	text := testenv.PDFText(t, chosen[0])
	for _, no := range []string{"E0000", "E0001", "E0002", "E0003", "E0004", "E0005"} {
		if !strings.Contains(text, no) {
			t.Errorf("the PDF does not list %s:\n%s", no, text)
		}
	}
}

// TestMain runs the screens' UI callbacks on the test's goroutine
// (uitest.Main), as the window's tests always have.
func TestMain(m *testing.M) { uitest.Main(m) }
