package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
)

// ReadingTabs is a tab bar over the selected tab's content whose bar starts
// on the reading side of the language it was built in: in Arabic the first
// tab is at the right and the next ones follow leftwards. Fyne's
// container.AppTabs always starts at the left and has no hook to change it;
// every tab bar of the app is a readingTabs (build it with newTabs).
//
// Limit: the buttons are not scrolled; a bar wider than the window is cut
// at the far end (the app's bars have at most seven short titles).
type ReadingTabs struct {
	widget.BaseWidget

	// Items are the tabs, in reading order; add with Append.
	Items []*container.TabItem
	// OnSelected, when set, is called after the user or the code selects a tab.
	OnSelected func(*container.TabItem)

	rtl       bool
	selected  int
	Buttons   []*widget.Button
	indicator *canvas.Rectangle
	divider   *canvas.Rectangle
}

// NewTabs returns a tab bar of the items for the current language; the
// first item is selected.
func NewTabs(items ...*container.TabItem) *ReadingTabs {
	t := &ReadingTabs{rtl: i18n.IsRTL(),
		indicator: canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)),
		divider:   canvas.NewRectangle(theme.Color(theme.ColorNameShadow))}
	t.ExtendBaseWidget(t)
	for _, it := range items {
		t.Append(it)
	}
	return t
}

// Append adds a tab at the end of the bar (the left end in Arabic).
func (t *ReadingTabs) Append(item *container.TabItem) {
	i := len(t.Items)
	t.Items = append(t.Items, item)
	b := widget.NewButtonWithIcon(item.Text, item.Icon, func() { t.SelectIndex(i) })
	b.Importance = widget.LowImportance
	t.Buttons = append(t.Buttons, b)
	t.Refresh()
}

// Selected returns the selected tab, or nil when there is none.
func (t *ReadingTabs) Selected() *container.TabItem {
	if t.selected < 0 || t.selected >= len(t.Items) {
		return nil
	}
	return t.Items[t.selected]
}

// SelectedIndex returns the index of the selected tab.
func (t *ReadingTabs) SelectedIndex() int { return t.selected }

// SelectIndex shows the tab at index i; an index out of range is ignored.
func (t *ReadingTabs) SelectIndex(i int) {
	if i < 0 || i >= len(t.Items) {
		return
	}
	t.selected = i
	t.Refresh()
	if t.OnSelected != nil {
		t.OnSelected(t.Items[i])
	}
}

// Select shows the tab item, when it is one of the bar's.
func (t *ReadingTabs) Select(item *container.TabItem) {
	for i, it := range t.Items {
		if it == item {
			t.SelectIndex(i)
			return
		}
	}
}

// CreateRenderer draws the bar, the selection indicator and the contents.
func (t *ReadingTabs) CreateRenderer() fyne.WidgetRenderer {
	return &readingTabsRenderer{t: t}
}

type readingTabsRenderer struct{ t *ReadingTabs }

func (r *readingTabsRenderer) Destroy() {}

// barHeight is the height of the tallest tab button.
func (r *readingTabsRenderer) barHeight() float32 {
	var h float32
	for _, b := range r.t.Buttons {
		h = max(h, b.MinSize().Height)
	}
	return h
}

// Layout puts the buttons in a row from the reading edge, the indicator
// under the selected one, and the selected content below the bar.
func (r *readingTabsRenderer) Layout(size fyne.Size) {
	t := r.t
	pad := theme.Padding()
	barH := r.barHeight()
	x := float32(0)
	for i, b := range t.Buttons {
		w := b.MinSize().Width
		pos := fyne.NewPos(x, 0)
		if t.rtl {
			pos.X = size.Width - x - w
		}
		b.Move(pos)
		b.Resize(fyne.NewSize(w, barH))
		if i == t.selected {
			t.indicator.Move(fyne.NewPos(pos.X, barH))
			t.indicator.Resize(fyne.NewSize(w, pad/2))
		}
		x += w
	}
	t.divider.Move(fyne.NewPos(0, barH+pad/2))
	t.divider.Resize(fyne.NewSize(size.Width, 1))
	top := barH + pad
	for i, it := range t.Items {
		if i != t.selected {
			it.Content.Hide()
			continue
		}
		it.Content.Move(fyne.NewPos(0, top))
		it.Content.Resize(fyne.NewSize(size.Width, max(0, size.Height-top)))
		it.Content.Show()
	}
}

// MinSize is the widest button or content (the bar may be cut, it never
// widens the window) over the bar and the tallest content.
func (r *readingTabsRenderer) MinSize() fyne.Size {
	var w, h float32
	for _, b := range r.t.Buttons {
		w = max(w, b.MinSize().Width)
	}
	for _, it := range r.t.Items {
		m := it.Content.MinSize()
		w, h = max(w, m.Width), max(h, m.Height)
	}
	return fyne.NewSize(w, r.barHeight()+theme.Padding()+h)
}

func (r *readingTabsRenderer) Objects() []fyne.CanvasObject {
	t := r.t
	// Only the selected content is in the tree, as in Fyne's AppTabs.
	objs := make([]fyne.CanvasObject, 0, len(t.Items)+3)
	if it := t.Selected(); it != nil {
		objs = append(objs, it.Content)
	}
	for _, b := range t.Buttons {
		objs = append(objs, b)
	}
	return append(objs, t.divider, t.indicator)
}

// Refresh marks the selected tab's title and re-lays the tabs out.
func (r *readingTabsRenderer) Refresh() {
	t := r.t
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	t.indicator.FillColor = th.Color(theme.ColorNamePrimary, v)
	t.divider.FillColor = th.Color(theme.ColorNameShadow, v)
	if t.divider.FillColor == nil {
		t.divider.FillColor = color.Transparent
	}
	t.indicator.Hidden = t.Selected() == nil
	for i, b := range t.Buttons {
		b.Importance = widget.LowImportance
		if i == t.selected {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	r.Layout(t.Size())
	t.indicator.Refresh()
	t.divider.Refresh()
}
