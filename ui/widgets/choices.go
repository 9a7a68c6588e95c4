package widgets

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
)

// Fyne's check boxes and radio buttons always put the box at the left of
// the text. The widgets here put it on the reading side of the language
// they were built in — at the right of the text in Arabic — and show the
// text through the bidi layer; a horizontal group lists its options from
// the reading side. Like Fyne's, each box takes the keyboard focus (Tab)
// and Space ticks or chooses it.

// ChoiceMark is one box or radio button with its text.
type ChoiceMark struct {
	widget.BaseWidget
	icon     *widget.Icon
	Text     *widget.Label
	focus    *canvas.Circle // the focus ring behind the box
	rtl      bool
	disabled bool
	onTap    func()
}

func newChoiceMark(text string, onTap func()) *ChoiceMark {
	m := &ChoiceMark{icon: widget.NewIcon(nil), Text: widget.NewLabel(Cell(text)), rtl: i18n.IsRTL(), onTap: onTap,
		focus: canvas.NewCircle(color.Transparent)}
	if m.rtl {
		// Set before the first draw: the text sits right beside the box
		// (a change made in Layout would wait for the next refresh).
		m.Text.Alignment = fyne.TextAlignTrailing
	}
	m.ExtendBaseWidget(m)
	return m
}

// FocusGained shows the focus ring.
func (m *ChoiceMark) FocusGained() {
	m.focus.FillColor = theme.Color(theme.ColorNameFocus)
	m.focus.Refresh()
}

// FocusLost hides the focus ring.
func (m *ChoiceMark) FocusLost() {
	m.focus.FillColor = color.Transparent
	m.focus.Refresh()
}

// TypedRune ticks or chooses the option on Space.
func (m *ChoiceMark) TypedRune(r rune) {
	if r == ' ' {
		m.Tapped(nil)
	}
}

// TypedKey does nothing: Space arrives as a rune.
func (m *ChoiceMark) TypedKey(*fyne.KeyEvent) {}

// Disabled reports whether taps and keys are ignored (the focus then
// passes the box by).
func (m *ChoiceMark) Disabled() bool { return m.disabled }

// Disable ignores taps and keys; the group or box sets it.
func (m *ChoiceMark) Disable() { m.disabled = true }

// Enable takes taps and keys again.
func (m *ChoiceMark) Enable() { m.disabled = false }

// Tapped toggles or selects the option, unless disabled.
func (m *ChoiceMark) Tapped(*fyne.PointEvent) {
	if !m.disabled && m.onTap != nil {
		m.onTap()
	}
}

// show sets the icon for the state and the text's colour.
func (m *ChoiceMark) show(icon fyne.Resource, disabled bool) {
	m.disabled = disabled
	m.Text.Importance = widget.MediumImportance
	if disabled {
		icon = theme.NewDisabledResource(icon)
		m.Text.Importance = widget.LowImportance
	}
	m.icon.SetResource(icon)
	m.Text.Refresh()
}

// CreateRenderer lays the box and the text out from the reading side.
func (m *ChoiceMark) CreateRenderer() fyne.WidgetRenderer { return &choiceMarkRenderer{m: m} }

type choiceMarkRenderer struct{ m *ChoiceMark }

func (r *choiceMarkRenderer) Destroy() {}

func (r *choiceMarkRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.m.focus, r.m.icon, r.m.Text}
}

func (r *choiceMarkRenderer) MinSize() fyne.Size {
	is, ts := theme.IconInlineSize(), r.m.Text.MinSize()
	return fyne.NewSize(theme.Padding()+is+ts.Width, max(is+2*theme.Padding(), ts.Height))
}

// Layout puts the box at the reading edge (the right in Arabic) and the
// text after it in reading order.
func (r *choiceMarkRenderer) Layout(size fyne.Size) {
	pad, is := theme.Padding(), theme.IconInlineSize()
	tw := max(0, size.Width-pad-is)
	iconX, textX := pad, pad+is
	if r.m.rtl {
		iconX, textX = size.Width-pad-is, max(0, size.Width-pad-is-tw)
		r.m.Text.Alignment = fyne.TextAlignTrailing
	}
	r.m.icon.Move(fyne.NewPos(iconX, (size.Height-is)/2))
	r.m.icon.Resize(fyne.NewSquareSize(is))
	r.m.focus.Move(fyne.NewPos(iconX-pad/2, (size.Height-is-pad)/2))
	r.m.focus.Resize(fyne.NewSquareSize(is + pad))
	r.m.Text.Move(fyne.NewPos(textX, 0))
	r.m.Text.Resize(fyne.NewSize(tw, size.Height))
}

func (r *choiceMarkRenderer) Refresh() {
	r.m.icon.Refresh()
	r.m.Text.Refresh()
}

// CheckBox is a check box with its text, the box on the reading side.
type CheckBox struct {
	widget.BaseWidget
	// Text is the box's label; Checked its state (change it with SetChecked).
	Text    string
	Checked bool
	// OnChanged, when set, is called when the state changes.
	OnChanged func(bool)

	disabled bool
	mark     *ChoiceMark
}

// NewCheck returns a check box with the text, unticked.
func NewCheck(text string, changed func(bool)) *CheckBox {
	c := &CheckBox{Text: text, OnChanged: changed}
	c.mark = newChoiceMark(text, func() { c.SetChecked(!c.Checked) })
	c.ExtendBaseWidget(c)
	c.sync()
	return c
}

// SetChecked ticks or unticks the box and reports a change to OnChanged.
func (c *CheckBox) SetChecked(on bool) {
	if on == c.Checked {
		return
	}
	c.Checked = on
	c.sync()
	if c.OnChanged != nil {
		c.OnChanged(on)
	}
}

// Tapped toggles the box, unless it is disabled.
func (c *CheckBox) Tapped(e *fyne.PointEvent) { c.mark.Tapped(e) }

// Disable stops taps from changing the box.
func (c *CheckBox) Disable() { c.disabled = true; c.sync() }

// Enable lets taps change the box again.
func (c *CheckBox) Enable() { c.disabled = false; c.sync() }

func (c *CheckBox) sync() {
	icon := theme.CheckButtonIcon()
	if c.Checked {
		icon = theme.CheckButtonCheckedIcon()
	}
	c.mark.show(icon, c.disabled)
}

// CreateRenderer draws the box and its text.
func (c *CheckBox) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.mark) }

// choiceGroup is a radio group (one option at most) or a check group (any
// number of options) whose boxes sit on the reading side.
type choiceGroup struct {
	widget.BaseWidget
	// Options are the choices, in reading order.
	Options []string
	// Horizontal lists the options in a row (from the right in Arabic).
	Horizontal bool

	multi    bool
	selected []string
	disabled bool
	Marks    []*ChoiceMark
	box      *fyne.Container
	changed  func()
}

func newChoiceGroup(options []string, multi bool) *choiceGroup {
	g := &choiceGroup{Options: options, multi: multi, box: container.NewStack()}
	for _, o := range options {
		g.Marks = append(g.Marks, newChoiceMark(o, func() { g.tap(o) }))
	}
	g.sync() // the wrapping radioGroup or checkGroup extends the base widget
	return g
}

// tap selects o (a radio group) or toggles it (a check group).
func (g *choiceGroup) tap(o string) {
	switch {
	case !g.multi:
		g.set([]string{o})
	case slices.Contains(g.selected, o):
		g.set(slices.DeleteFunc(slices.Clone(g.selected), func(s string) bool { return s == o }))
	default:
		// Keep the options' order.
		var next []string
		for _, x := range g.Options {
			if x == o || slices.Contains(g.selected, x) {
				next = append(next, x)
			}
		}
		g.set(next)
	}
}

func (g *choiceGroup) set(sel []string) {
	if slices.Equal(sel, g.selected) {
		return
	}
	g.selected = sel
	g.sync()
	if g.changed != nil {
		g.changed()
	}
}

// Disable stops taps from changing the choice.
func (g *choiceGroup) Disable() { g.disabled = true; g.sync() }

// Enable lets taps change the choice again.
func (g *choiceGroup) Enable() { g.disabled = false; g.sync() }

func (g *choiceGroup) sync() {
	on, off := theme.CheckButtonCheckedIcon(), theme.CheckButtonIcon()
	if !g.multi {
		on, off = theme.RadioButtonCheckedIcon(), theme.RadioButtonIcon()
	}
	for i, m := range g.Marks {
		icon := off
		if slices.Contains(g.selected, g.Options[i]) {
			icon = on
		}
		m.show(icon, g.disabled)
	}
}

// CreateRenderer lays the options out in a column or, from the reading
// side, in a row.
func (g *choiceGroup) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, len(g.Marks))
	for i, m := range g.Marks {
		objs[i] = m
	}
	if g.Horizontal {
		return widget.NewSimpleRenderer(ActionRow(objs...))
	}
	return widget.NewSimpleRenderer(container.NewVBox(objs...))
}

// RadioGroup is a choiceGroup of one option at most, with the API of
// widget.RadioGroup that the screens use.
type RadioGroup struct {
	*choiceGroup
	// Selected is the chosen option, "" for none; change it with SetSelected.
	Selected string
	// OnChanged, when set, is called with the new choice.
	OnChanged func(string)
}

// NewRadioGroup returns a radio group of the options, none chosen.
func NewRadioGroup(options []string, changed func(string)) *RadioGroup {
	r := &RadioGroup{choiceGroup: newChoiceGroup(options, false), OnChanged: changed}
	r.changed = func() {
		r.Selected = ""
		if len(r.selected) > 0 {
			r.Selected = r.selected[0]
		}
		if r.OnChanged != nil {
			r.OnChanged(r.Selected)
		}
	}
	r.ExtendBaseWidget(r)
	return r
}

// SetSelected chooses the option o ("" chooses none).
func (r *RadioGroup) SetSelected(o string) {
	if o == "" {
		r.set(nil)
		return
	}
	r.set([]string{o})
}

// CheckGroup is a choiceGroup of any number of options, with the API of
// widget.CheckGroup that the screens use.
type CheckGroup struct {
	*choiceGroup
	// Selected are the ticked options, in the options' order; change them
	// with SetSelected.
	Selected []string
	// OnChanged, when set, is called with the ticked options.
	OnChanged func([]string)
}

// NewCheckGroup returns a check group of the options, none ticked.
func NewCheckGroup(options []string, changed func([]string)) *CheckGroup {
	c := &CheckGroup{choiceGroup: newChoiceGroup(options, true), OnChanged: changed}
	c.changed = func() {
		c.Selected = slices.Clone(c.selected)
		if c.OnChanged != nil {
			c.OnChanged(c.Selected)
		}
	}
	c.ExtendBaseWidget(c)
	return c
}

// SetSelected ticks exactly the options sel.
func (c *CheckGroup) SetSelected(sel []string) {
	var next []string
	for _, o := range c.Options {
		if slices.Contains(sel, o) {
			next = append(next, o)
		}
	}
	c.set(next)
}
