package uitest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// BadDay is the message a date field shows for a well-formed date that does
// not exist (2026-02-30).
func BadDay(date string) string {
	return i18n.T("error.date_impossible", map[string]any{"Date": date})
}

// CheckErrorsInVisualOrder fails when an error label under o does not show
// each of its lines as the visual order of the logical text (the bidi
// package's order, checked against FriBidi).
func CheckErrorsInVisualOrder(t *testing.T, o fyne.CanvasObject) {
	t.Helper()
	n := 0
	FindObject(o, func(x fyne.CanvasObject) bool {
		if l, ok := x.(*widgets.WrapLabel); ok && l.Visible() && l.Importance == widget.DangerImportance && l.Text != "" {
			LogicalChunks(t, strings.ReplaceAll(l.Text, "\n", " "), l.Shown(), i18n.Display)
			n++
		}
		return false
	})
	if n == 0 {
		t.Error("no error shown")
	}
}

// FileWritten reports whether path exists and is complete (no .partial left).
func FileWritten(path string) bool {
	_, err := os.Stat(path)
	_, perr := os.Stat(path + ".partial")
	return err == nil && os.IsNotExist(perr)
}

// SavingTo is a SaveAsFunc that saves to dir/<suggested name>, without a
// dialog, and records the paths chosen.
func SavingTo(dir string, chosen *[]string) widgets.SaveAsFunc {
	return func(_ fyne.Window, suggested string, done func(string)) {
		p := filepath.Join(dir, suggested)
		*chosen = append(*chosen, p)
		done(p)
	}
}

// WaitStarted runs the screens' callbacks until ch is closed: an import is
// held midway (waitFor would wait for the held goroutine to end).
func WaitStarted(t *testing.T, what string, ch <-chan struct{}) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		widgets.Background.Drain()
		select {
		case <-ch:
			return
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// LogicalChunks matches each shown line to the run of consecutive words of
// text whose visual order (order, the bidi package's ordering, checked
// against GNU FriBidi in package bidi) it is, and fails when a line is not
// the ordering of the next words or when words are left over.
func LogicalChunks(t *testing.T, text string, shown []string, order func(string) string) []string {
	t.Helper()
	words := strings.Split(text, " ")
	var chunks []string
	pos := 0
	for i, line := range shown {
		found := false
		for k := 1; pos+k <= len(words); k++ {
			chunk := strings.Join(words[pos:pos+k], " ")
			if order(chunk) == line {
				chunks = append(chunks, chunk)
				pos += k
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("line %d %q is not the visual order of the words that follow %q", i, line, strings.Join(words[:pos], " "))
		}
	}
	if pos != len(words) {
		t.Fatalf("words not shown: %q", strings.Join(words[pos:], " "))
	}
	return chunks
}
