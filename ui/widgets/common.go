package widgets

import (
	"errors"
	"log/slog"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
)

// UserMessage turns an error into a translated message for the user; the
// detail goes to the log.
func UserMessage(err error) string {
	lines := strings.Split(RawMessage(err), "\n")
	for i, l := range lines {
		lines[i] = i18n.Display(l)
	}
	return strings.Join(lines, "\n")
}

// RawMessage is the message of err as the store or the importer wrote it,
// before translation.
func RawMessage(err error) string {
	switch {
	case err == nil:
		return ""
	}
	if s, ok := specialMessage(err); ok {
		// words of its own (a Problem, an import's bad rows), in the
		// user's language
		return s
	}
	switch {
	case errors.Is(err, models.ErrBadPassword):
		return i18n.T("signin.bad_password")
	case errors.Is(err, store.ErrPasswordTooShort):
		return i18n.Plural("error.password_too_short", store.MinPasswordLength, map[string]any{"Min": store.MinPasswordLength})
	case errors.Is(err, models.ErrSessionExpired):
		return i18n.T("signin.session_expired")
	case errors.Is(err, store.ErrLastAdmin):
		return i18n.T("error.last_admin")
	case errors.Is(err, models.ErrForbidden):
		return i18n.T("error.forbidden")
	case errors.Is(err, models.ErrStale):
		return i18n.T("error.stale")
	case errors.Is(err, models.ErrAlreadyExists):
		return i18n.T("error.already_exists")
	case errors.Is(err, models.ErrNotFound):
		return i18n.T("error.not_found")
	case errors.Is(err, models.ErrBusy):
		return i18n.T("error.busy")
	case errors.Is(err, store.ErrInUse):
		return i18n.T("error.in_use")
	case errors.Is(err, models.ErrFinalized):
		return i18n.T("error.finalized")
	case errors.Is(err, store.ErrErasePending):
		return i18n.T("error.erase_pending")
	}
	if errors.Is(err, models.ErrInvalid) {
		return i18n.T("error.invalid") + "\n" + err.Error()
	}
	slog.Error("unexpected error", "err", err)
	return i18n.T("error.unexpected") + "\n" + err.Error()
}

// LanguagePicker is a select of the languages, showing each in its own name.
func LanguagePicker(onLanguage func(string)) fyne.CanvasObject {
	names := make([]string, len(i18n.Languages))
	current := ""
	for i, l := range i18n.Languages {
		names[i] = l.Name
		if l.Code == i18n.Current() {
			current = l.Name
		}
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelected(current)
	sel.OnChanged = func(name string) {
		for _, l := range i18n.Languages {
			if l.Name == name {
				onLanguage(l.Code)
			}
		}
	}
	return sel
}

// Placeholder is the honest screen of a capability that is not built yet.
func Placeholder(titleKey string) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(i18n.T(titleKey), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = "headingText"
	msg := widget.NewLabelWithStyle(i18n.T("common.coming_soon"), fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	return container.NewCenter(container.NewVBox(title, msg))
}

// Heading is a bold section title, aligned to the reading edge.
func Heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(i18n.Display(text), ReadingEdge(), fyne.TextStyle{Bold: true})
	l.SizeName = "subHeadingText"
	return l
}

// ReadingEdge is where text starts in the current language: the right edge in Arabic.
func ReadingEdge() fyne.TextAlign {
	if i18n.IsRTL() {
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

// Label shows a translated sentence (which may embed names and numbers) in
// the order and alignment of the current language.
func Label(text string) *widget.Label {
	l := widget.NewLabel(i18n.Display(text))
	l.Alignment = ReadingEdge()
	return l
}

// Para is a wrapping label for a translated paragraph (logical text, not
// yet ordered): it wraps first, then orders each line (see wrapLabel).
func Para(text string) *WrapLabel { return NewWrapLabel(text) }

// Cell orders a data value (a name, a code, a mixed Arabic/Latin text) for a
// table cell or label; its direction follows its own first letter. Its
// numbers are in the user's digits (Settings → General; see i18n.Cell), and each
// mixed line is marked as ordered (i18n.OrderedMark).
func Cell(s string) string { return i18n.Cell(s) }

// WithCalendar gives a YYYY-MM-DD date entry a calendar button that opens a
// month to pick the date from (at the entry's date, or today); typing the
// date still works. It returns e.
func WithCalendar(e *widget.Entry) *widget.Entry {
	btn := widget.NewButtonWithIcon("", theme.CalendarIcon(), nil)
	btn.Importance = widget.LowImportance
	btn.OnTapped = func() { ShowCalendar(e) }
	e.ActionItem = btn
	return e
}

// ShowCalendar pops a calendar up under e; a tapped day fills e in.
func ShowCalendar(e *widget.Entry) *widget.PopUp {
	drv := fyne.CurrentApp().Driver()
	c := drv.CanvasForObject(e)
	if c == nil {
		return nil
	}
	start := time.Now()
	if d, err := models.ParseDate(strings.TrimSpace(e.Text)); err == nil {
		start = d.Time()
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(start, func(t time.Time) {
		e.SetText(models.DateOf(t).String())
		if pop != nil {
			pop.Hide()
		}
	})
	pop = widget.NewPopUp(cal, c)
	pop.ShowAtPosition(drv.AbsolutePositionForObject(e).AddXY(0, e.Size().Height))
	return pop
}

// ShowDeleteWithReason shows details of a record with a reason entry and a
// delete button; del runs off the UI thread with the reason typed, then
// done runs on it, or the error is shown.
func ShowDeleteWithReason(win fyne.Window, title, hint, button string, details fyne.CanvasObject, size fyne.Size,
	del func(reason string) error, done func()) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(i18n.T("audit.delete_reason"))
	content := container.NewVBox(details, widget.NewSeparator(), Para(hint), reason)
	d := dialog.NewCustomConfirm(title, button, i18n.T("action.close"), container.NewVScroll(content), func(ok bool) {
		if !ok {
			return
		}
		text := reason.Text
		GoWork(func() {
			err := del(text)
			OnMain(func() {
				if err != nil {
					ShowWorkError(win, err)
					return
				}
				done()
			})
		})
	}, win)
	d.Resize(size)
	d.Show()
}

// TableHeaders gives a table translated, bold column headers and no row
// numbers. keys are in logical order; in Arabic they are shown mirrored
// through agCol (the first key at the right), so the caller maps its cells
// the same way and sizes its columns with setColumnWidths.
func TableHeaders(t *widget.Table, keys []string) {
	t.ShowHeaderColumn = false
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(keys) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.Alignment = ReadingEdge()
			l.SetText(i18n.T(keys[AgCol(id.Col, len(keys))]))
			l.TextStyle.Bold = true
		}
	}
}

// SetColumnWidths sizes a table's columns from widths in logical order,
// mirrored in Arabic through agCol like its headers and cells.
func SetColumnWidths(t *widget.Table, widths []float32) {
	for i, w := range widths {
		t.SetColumnWidth(AgCol(i, len(widths)), w)
	}
}

// ShowWorkError shows a store error as a translated dialog.
func ShowWorkError(w fyne.Window, err error) {
	dialog.ShowError(errors.New(UserMessage(err)), w)
}

// JoinList joins list items with the comma of the current language.
func JoinList(items []string) string {
	sep := ", "
	if i18n.Current() == "ar" {
		sep = "، "
	}
	return strings.Join(items, sep)
}
