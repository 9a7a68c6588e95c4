package widgets

import (
	"slices"

	"fyne.io/fyne/v2/widget"
)

// DataSelect is a drop-down of data values (team names, people, "فريق أبها
// 10") whose options and chosen value are shown through the bidi layer:
// Fyne draws a Select's texts as they are, so a value mixing Arabic and
// digits reads out of order («10فريق أبها»). Options holds the ordered
// texts; read the chosen value with Value, never from Selected.
type DataSelect struct {
	widget.Select
	Values []string // the logical values, index for index with Options
}

// NewDataSelect returns a drop-down of the values; changed, when set, gets
// the chosen value (logical, as given).
func NewDataSelect(values []string, changed func(string)) *DataSelect {
	s := &DataSelect{}
	s.ExtendBaseWidget(s)
	s.SetValues(values)
	if changed != nil {
		s.OnChanged = func(string) { changed(s.Value()) }
	}
	return s
}

// SetValues replaces the values; the chosen value stays chosen when it is
// still one of them.
func (s *DataSelect) SetValues(values []string) {
	keep := s.Value()
	s.Values = slices.Clone(values)
	s.Options = make([]string, len(values))
	for i, v := range values {
		s.Options[i] = Cell(v)
	}
	if keep != "" && slices.Contains(values, keep) {
		s.Select.Selected = Cell(keep) // no OnChanged: the choice did not change
	}
	s.Refresh()
}

// Value returns the chosen value, "" when none is chosen.
func (s *DataSelect) Value() string {
	if i := s.SelectedIndex(); i >= 0 && i < len(s.Values) {
		return s.Values[i]
	}
	return ""
}

// SetValue chooses the value v, when it is one of the values.
func (s *DataSelect) SetValue(v string) {
	if i := slices.Index(s.Values, v); i >= 0 {
		s.SetSelectedIndex(i)
	}
}
