package ui

import (
	"slices"

	"fyne.io/fyne/v2/widget"
)

// dataSelect is a drop-down of data values (team names, people, "فريق أبها
// 10") whose options and chosen value are shown through the bidi layer:
// Fyne draws a Select's texts as they are, so a value mixing Arabic and
// digits reads out of order («10فريق أبها»). Options holds the ordered
// texts; read the chosen value with Value, never from Selected.
type dataSelect struct {
	widget.Select
	values []string // the logical values, index for index with Options
}

// newDataSelect returns a drop-down of the values; changed, when set, gets
// the chosen value (logical, as given).
func newDataSelect(values []string, changed func(string)) *dataSelect {
	s := &dataSelect{}
	s.ExtendBaseWidget(s)
	s.SetValues(values)
	if changed != nil {
		s.OnChanged = func(string) { changed(s.Value()) }
	}
	return s
}

// SetValues replaces the values; the chosen value stays chosen when it is
// still one of them.
func (s *dataSelect) SetValues(values []string) {
	keep := s.Value()
	s.values = slices.Clone(values)
	s.Options = make([]string, len(values))
	for i, v := range values {
		s.Options[i] = cell(v)
	}
	if keep != "" && slices.Contains(values, keep) {
		s.Select.Selected = cell(keep) // no OnChanged: the choice did not change
	}
	s.Refresh()
}

// Value returns the chosen value, "" when none is chosen.
func (s *dataSelect) Value() string {
	if i := s.SelectedIndex(); i >= 0 && i < len(s.values) {
		return s.values[i]
	}
	return ""
}

// SetValue chooses the value v, when it is one of the values.
func (s *dataSelect) SetValue(v string) {
	if i := slices.Index(s.values, v); i >= 0 {
		s.SetSelectedIndex(i)
	}
}
