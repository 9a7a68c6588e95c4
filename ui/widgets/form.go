package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/ui/i18n"
)

// FormBox lays label and field rows out like widget.Form, but mirrored in a
// right-to-left language: the labels form a column on the reading side (the
// right in Arabic), aligned to it, and the fields fill the rest. Fyne's own
// form always puts the labels on the left.
type FormBox struct {
	widget.BaseWidget
	Box *fyne.Container // label, field, label, field, …
}

// NewForm returns a form of the items (their Text and Widget), laid out for
// the current language.
func NewForm(items ...*widget.FormItem) *FormBox {
	f := &FormBox{Box: container.New(&formLayout{rtl: i18n.IsRTL()})}
	f.ExtendBaseWidget(f)
	for _, it := range items {
		f.Append(it.Text, it.Widget)
	}
	return f
}

// CreateRenderer draws the rows.
func (f *FormBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(f.Box) }

// Append adds a row: the label text (logical: it is shown through the bidi
// layer) and its field.
func (f *FormBox) Append(text string, field fyne.CanvasObject) {
	f.Box.Add(widget.NewLabelWithStyle(i18n.Display(text), ReadingEdge(), fyne.TextStyle{Bold: true}))
	f.Box.Add(field)
	f.Refresh()
}

// formLayout places objects in pairs (label, field), one pair a row.
type formLayout struct{ rtl bool }

// labelWidth is the width of the label column: the widest label.
func (l *formLayout) labelWidth(objs []fyne.CanvasObject) float32 {
	var w float32
	for i := 0; i < len(objs); i += 2 {
		w = max(w, objs[i].MinSize().Width)
	}
	return w
}

// MinSize is the label column, the widest field and the rows' heights.
func (l *formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var fw, h float32
	for i := 0; i+1 < len(objs); i += 2 {
		ls, fs := objs[i].MinSize(), objs[i+1].MinSize()
		fw = max(fw, fs.Width)
		if i > 0 {
			h += pad
		}
		h += max(ls.Height, fs.Height)
	}
	return fyne.NewSize(l.labelWidth(objs)+pad+fw, h)
}

// Layout puts each label beside its field, on the right in right-to-left.
func (l *formLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	lw := l.labelWidth(objs)
	fw := max(0, size.Width-lw-pad)
	lx, fx := float32(0), lw+pad
	if l.rtl {
		lx, fx = fw+pad, 0
	}
	var y float32
	for i := 0; i+1 < len(objs); i += 2 {
		label, field := objs[i], objs[i+1]
		h := max(label.MinSize().Height, field.MinSize().Height)
		label.Move(fyne.NewPos(lx, y))
		label.Resize(fyne.NewSize(lw, h))
		field.Move(fyne.NewPos(fx, y))
		field.Resize(fyne.NewSize(fw, h))
		y += h + pad
	}
}

// Labelled puts a caption beside a field, on the reading side of the
// current language (the right in Arabic); the field takes the rest.
func Labelled(caption string, field fyne.CanvasObject) *fyne.Container {
	l := widget.NewLabel(caption)
	if i18n.IsRTL() {
		return container.NewBorder(nil, nil, nil, l, field)
	}
	return container.NewBorder(nil, nil, l, nil, field)
}

// ActionRow lays buttons and their status out in a row from the reading
// side: left to right in English, from the right edge leftwards in Arabic,
// so that the first (main) action sits where the eye starts.
func ActionRow(objs ...fyne.CanvasObject) fyne.CanvasObject {
	if !i18n.IsRTL() {
		return container.NewHBox(objs...)
	}
	rev := make([]fyne.CanvasObject, len(objs))
	for i, o := range objs {
		rev[len(objs)-1-i] = o
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(rev...))
}

// FormLabel names a form version in the form select: its code and version,
// ordered for display.
func FormLabel(f models.AuditForm) string { return i18n.Display(FormVersionLabel(f.Code, f.FormVer)) }
