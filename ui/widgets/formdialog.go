package widgets

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/ui/i18n"
)

// FormSpec describes a form dialog that validates and saves before it closes
// (see showFormDialog). Only Title, Items and Save are required.
//
// How to adopt it in a dialog (for example the user dialogs):
//
//	showFormDialog(win, formSpec{
//		Title: i18n.T("user.add"),
//		Items: []*widget.FormItem{widget.NewFormItem(i18n.T("field.username"), name), …},
//		Check: func() error { // UI thread: read and check the fields
//			if strings.TrimSpace(name.Text) == "" {
//				return fieldErr(name, i18n.T("form.required"))
//			}
//			in = store.NewUser{Username: name.Text, …}
//			return nil
//		},
//		Save: func() error { _, err := st.CreateUser(actor, in); return err }, // off the UI thread
//		Field: func(err error) fyne.CanvasObject { // optional: which field a store error is about
//			if errors.Is(err, models.ErrAlreadyExists) {
//				return name
//			}
//			return nil
//		},
//		Done: reload, // UI thread, after the dialog closed
//	})
//
// Check reads what it needs from the widgets into the caller's variables;
// Save must use only those variables, never the widgets (it runs on another
// goroutine).
type FormSpec struct {
	// Title is the dialog's title; SaveText the confirm button's text
	// ("Save" when empty).
	Title, SaveText string
	// Items are the labelled fields, laid out by newForm (labels on the
	// reading side). A FormItem's HintText is shown under its field.
	Items []*widget.FormItem
	// Extra, if set, is shown under the fields (a note, a warning).
	Extra fyne.CanvasObject
	// Size is the dialog's size, the fields scrolling inside it; zero lets
	// the fields decide (no scrolling).
	Size fyne.Size
	// Check runs on the UI thread when Save is tapped. It reads the fields
	// and returns nil, or an error that keeps the dialog open: a fieldErr is
	// shown under its field, any other error in the dialog's error line; an
	// errors.Join of several shows each of them.
	Check func() error
	// Before, if set, runs on the UI thread after Check passed; it calls
	// proceed to go on to Save (or not, to stay in the dialog), for example
	// after asking the user to confirm a warning.
	Before func(proceed func())
	// Save runs off the UI thread; an error keeps the dialog open with every
	// field as typed and shows the translated error in the dialog.
	Save func() error
	// Field, if set, names the field a Save error is about (nil: none), so
	// the error shows under that field.
	Field func(err error) fyne.CanvasObject
	// Message, if set, turns a Save error into the text shown; when it
	// returns "" (or is nil) the text is userMessage(err).
	Message func(err error) string
	// Done runs on the UI thread after a successful Save, once the dialog
	// has closed.
	Done func()
}

// fieldError is a validation error about one field of a form dialog; its
// message is already translated.
type fieldError struct {
	field fyne.CanvasObject
	msg   string
}

func (e *fieldError) Error() string { return e.msg }

// Unwrap makes a field error an invalid-input error (models.ErrInvalid).
func (e *fieldError) Unwrap() error { return models.ErrInvalid }

// FieldErr returns a validation error shown under field, with the translated
// message msg.
func FieldErr(field fyne.CanvasObject, msg string) error { return &fieldError{field: field, msg: msg} }

// FormDialog is a shown form dialog: it stays open until Save succeeded or
// the user cancels, and shows every error inside itself.
type FormDialog struct {
	spec     FormSpec
	dlg      dialog.Dialog
	errLine  *WrapLabel // errors not about one field
	fieldMsg map[fyne.CanvasObject]*WrapLabel
	save     *widget.Button
	cancel   *widget.Button
	busy     bool
	closed   bool
}

// ShowFormDialog shows a form dialog on win and returns it. Tapping Save
// clears the shown errors, runs Check, then Before, then Save off the UI
// thread; the dialog closes, and Done runs, only when Save returns nil. Any
// error leaves the dialog open with the fields as typed and the reason shown
// beside the field it is about, or in the error line above the buttons.
func ShowFormDialog(win fyne.Window, spec FormSpec) *FormDialog {
	f := &FormDialog{spec: spec, fieldMsg: map[fyne.CanvasObject]*WrapLabel{}}
	var items []*widget.FormItem
	for _, it := range spec.Items {
		msg := NewWrapLabel("")
		msg.Importance = widget.DangerImportance
		msg.Hide()
		f.fieldMsg[it.Widget] = msg
		col := container.NewVBox(it.Widget, msg)
		if it.HintText != "" {
			col.Add(widget.NewLabelWithStyle(i18n.Display(it.HintText), ReadingEdge(), fyne.TextStyle{Italic: true}))
		}
		items = append(items, widget.NewFormItem(it.Text, col))
	}
	f.errLine = NewWrapLabel("")
	f.errLine.Importance = widget.DangerImportance
	f.errLine.Hide()
	saveText := spec.SaveText
	if saveText == "" {
		saveText = i18n.T("action.save")
	}
	f.save = widget.NewButton(saveText, f.onSave)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButton(i18n.T("action.cancel"), f.onCancel)
	body := container.NewVBox(NewForm(items...))
	if spec.Extra != nil {
		body.Add(spec.Extra)
	}
	bottom := container.NewVBox(f.errLine, ActionRow(f.save, f.cancel))
	var fields fyne.CanvasObject = body
	if !spec.Size.IsZero() {
		fields = container.NewVScroll(body)
	}
	content := container.NewBorder(nil, bottom, nil, nil, fields)
	f.dlg = dialog.NewCustomWithoutButtons(spec.Title, content, win)
	if !spec.Size.IsZero() {
		f.dlg.Resize(spec.Size)
	}
	f.dlg.Show()
	return f
}

// onCancel closes the dialog without saving.
func (f *FormDialog) onCancel() {
	f.closed = true
	f.dlg.Hide()
}

// onSave validates, then saves off the UI thread; see showFormDialog.
func (f *FormDialog) onSave() {
	if f.busy || f.closed {
		return
	}
	f.clearErrors()
	if f.spec.Check != nil {
		if err := f.spec.Check(); err != nil {
			f.showError(err)
			return
		}
	}
	if f.spec.Before != nil {
		f.spec.Before(f.runSave)
		return
	}
	f.runSave()
}

// runSave runs Save off the UI thread and closes the dialog on success.
func (f *FormDialog) runSave() {
	if f.busy || f.closed {
		return
	}
	f.busy = true
	f.save.Disable()
	GoWork(func() {
		err := f.spec.Save()
		OnMain(func() {
			f.busy = false
			f.save.Enable()
			if err != nil {
				f.showError(err)
				return
			}
			f.closed = true
			f.dlg.Hide()
			if f.spec.Done != nil {
				f.spec.Done()
			}
		})
	})
}

// clearErrors hides every shown error.
func (f *FormDialog) clearErrors() {
	f.errLine.SetText("")
	f.errLine.Hide()
	for _, l := range f.fieldMsg {
		l.SetText("")
		l.Hide()
	}
}

// showError shows err beside its field or on the error line, translated;
// an errors.Join of field errors shows each beside its own field.
func (f *FormDialog) showError(err error) {
	if multi, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range multi.Unwrap() {
			f.showError(e)
		}
		return
	}
	var field fyne.CanvasObject
	var msg string
	var fe *fieldError
	if errors.As(err, &fe) {
		field, msg = fe.field, fe.msg // logical: the labels order each line
	} else {
		if f.spec.Field != nil {
			field = f.spec.Field(err)
		}
		if f.spec.Message != nil {
			msg = f.spec.Message(err)
		}
		if msg == "" {
			msg = RawMessage(err)
		}
	}
	if l, ok := f.fieldMsg[field]; ok && field != nil {
		l.SetText(msg)
		l.Show()
		return
	}
	if f.errLine.Visible() && f.errLine.Text != "" {
		msg = f.errLine.Text + "\n" + msg
	}
	f.errLine.SetText(msg)
	f.errLine.Show()
}

// ErrorText is every error the dialog shows now (field errors and the error
// line), one a line; empty when none.
func (f *FormDialog) ErrorText() string {
	var out []string
	for _, it := range f.spec.Items {
		if l := f.fieldMsg[it.Widget]; l != nil && l.Visible() {
			out = append(out, l.Text)
		}
	}
	if f.errLine.Visible() {
		out = append(out, f.errLine.Text)
	}
	return strings.Join(out, "\n")
}

// RequiredText checks that an entry is not blank; it returns the trimmed
// text, or a field error saying the field is required.
func RequiredText(e *widget.Entry) (string, error) {
	s := strings.TrimSpace(e.Text)
	if s == "" {
		return "", FieldErr(e, i18n.T("form.required"))
	}
	return s, nil
}

// DateField parses an entry's YYYY-MM-DD date; blank is an error when
// required, else the zero date.
func DateField(e *widget.Entry, required bool) (models.Date, error) {
	s := strings.TrimSpace(e.Text)
	if s == "" {
		if required {
			return models.Date{}, FieldErr(e, i18n.T("form.required"))
		}
		return models.Date{}, nil
	}
	d, err := models.ParseDate(s)
	if err != nil {
		// Says whether the shape is wrong or the day does not exist.
		return models.Date{}, FieldErr(e, RawMessage(err))
	}
	return d, nil
}
