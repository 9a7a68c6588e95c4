package widgets

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
)

// WrapLabel is a wrapping label for mixed Arabic and Latin text. Fyne orders
// a label's text as one line and then wraps it, so an Arabic sentence that
// wraps shows its phrases left to right and its dates reversed. wrapLabel
// wraps the logical (typed) text to the width it is given first, then orders
// every line on its own through the bidi package and aligns the lines to the
// reading side of the current language.
//
// Text always holds the logical text: never give it text that already went
// through i18n.Display, cell or bidi.Visual.
type WrapLabel struct {
	widget.BaseWidget

	// Text is the logical text shown; change it with SetText.
	Text string
	// TextStyle, Importance and SizeName are those of widget.Label.
	TextStyle  fyne.TextStyle
	Importance widget.Importance
	SizeName   fyne.ThemeSizeName
	// Centered centres the lines instead of aligning them to the reading side.
	Centered bool

	// sentence: each line is a sentence of the current language (its base
	// direction is the language's); otherwise each line's direction follows
	// its own first letter, as for data (notes, names).
	sentence bool
	noWrap   bool          // one line per line of the text, however wide
	truncate bool          // one line, cut with "…" at its logical end to fit
	Inner    *orderedLines // shows the ordered lines, one per "\n"; it never wraps them again
	Width    float32       // the width the lines were made for
	lines    []string      // the logical lines last ordered (wrapped Text)
}

// NewWrapLabel returns a wrapping label for a translated sentence or
// paragraph, read in the direction of the current language.
func NewWrapLabel(text string) *WrapLabel {
	return makeWrapLabel(text, true)
}

// NewWrapData returns a wrapping label for data the user typed (notes,
// comments): each line's direction follows its own first letter.
func NewWrapData(text string) *WrapLabel {
	return makeWrapLabel(text, false)
}

// NewLineLabel returns a label for a translated sentence that does not
// wrap (a status beside a button): it keeps the logical text and shows
// each of its lines ordered, like wrapLabel, so callers set the text as
// it is, never through i18n.Display.
func NewLineLabel(text string) *WrapLabel {
	w := makeWrapLabel(text, true)
	w.noWrap = true
	w.sync()
	return w
}

// NewCellLabel returns a one-line label for a data value in a table cell
// (its direction follows its own first letter) that, when too wide, is cut
// with an ellipsis at the logical end of the text and then ordered. A
// widget.Label cuts the ordered text at its visual end instead, which in
// Arabic is the logical middle or start, and its re-analysis reverses a
// date cut there («…17-04-2027»).
func NewCellLabel(text string) *WrapLabel {
	w := makeWrapLabel(text, false)
	w.truncate = true
	w.sync()
	return w
}

// NewCutLabel is newCellLabel for a translated sentence (read in the
// direction of the current language): one line, cut at its logical end.
func NewCutLabel(text string) *WrapLabel {
	w := makeWrapLabel(text, true)
	w.truncate = true
	w.sync()
	return w
}

func makeWrapLabel(text string, sentence bool) *WrapLabel {
	w := &WrapLabel{Text: text, sentence: sentence, Inner: newOrderedLines()}
	w.ExtendBaseWidget(w)
	w.sync()
	return w
}

// SetText changes the (logical) text shown.
func (w *WrapLabel) SetText(text string) {
	w.Text = text
	w.Refresh()
}

// Refresh applies the text and style to the lines shown.
func (w *WrapLabel) Refresh() {
	w.sync()
	w.Inner.Refresh()
	w.BaseWidget.Refresh()
}

// CreateRenderer draws the ordered lines.
func (w *WrapLabel) CreateRenderer() fyne.WidgetRenderer {
	w.sync() // fields set after construction (TextStyle, Centered…)
	return &wrapLabelRenderer{w: w}
}

// Shown returns the lines as drawn, each already in visual order.
func (w *WrapLabel) Shown() []string { return strings.Split(w.Inner.Text, "\n") }

// Lines returns the logical lines shown: Text as wrapped, before ordering;
// Lines()[i] is shown as Shown()[i].
func (w *WrapLabel) Lines() []string { return slices.Clone(w.lines) }

// Sentence reports whether each line is read in the direction of the
// current language (a translated sentence) rather than of its own first
// letter (data).
func (w *WrapLabel) Sentence() bool { return w.sentence }

// sync copies the style to the inner label and re-wraps the text at the
// current width.
func (w *WrapLabel) sync() {
	in := w.Inner
	in.Alignment = ReadingEdge()
	if w.Centered {
		in.Alignment = fyne.TextAlignCenter
	}
	in.TextStyle, in.Importance, in.SizeName = w.TextStyle, w.Importance, w.SizeName
	in.Text = w.Ordered(w.Width)
}

// Ordered wraps the text to width (the label's outer width; 0: not laid out
// yet, one line per paragraph) and orders every line.
func (w *WrapLabel) Ordered(width float32) string {
	th := w.Theme()
	if th == nil {
		th = theme.Current()
	}
	size := th.Size(theme.SizeNameText)
	if w.SizeName != "" {
		size = th.Size(w.SizeName)
	}
	style := w.TextStyle
	// A label's text runs inside its inner padding on each side; one pixel
	// spare for rounding.
	avail := width - 2*th.Size(theme.SizeNameInnerPadding) - 1
	measure := func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
	var lines []string
	switch {
	case w.truncate:
		lines = []string{w.fit(strings.ReplaceAll(w.Text, "\n", " "), avail, measure)}
	case width <= 0 || w.noWrap:
		lines = strings.Split(w.Text, "\n")
	default:
		lines = WrapLogical(w.Text, avail, measure)
	}
	w.lines = slices.Clone(lines)
	for i, l := range lines {
		lines[i] = w.orderLine(l)
	}
	return strings.Join(lines, "\n")
}

// fit returns the logical line as it is when, ordered, it fits in avail,
// else its longest start that fits with "…" after it (at least one letter).
func (w *WrapLabel) fit(line string, avail float32, measure func(string) float32) string {
	if avail <= 0 || measure(w.orderLine(line)) <= avail {
		return line
	}
	rs := []rune(line)
	cut := func(n int) string { return strings.TrimRight(string(rs[:n]), " ") + "…" }
	lo, hi := 1, len(rs)-1 // the longest n with cut(n) fitting, at least 1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measure(w.orderLine(cut(mid))) <= avail {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return cut(max(lo, 1))
}

// orderLine orders one logical line for display.
func (w *WrapLabel) orderLine(l string) string {
	if w.sentence {
		return i18n.Display(l)
	}
	return Cell(l)
}

// WrapLogical breaks logical text into lines no wider than avail, as
// measured by measure: at spaces where it can (the space at a break is
// dropped), inside a word only when the word alone is too wide. Line breaks
// in the text are kept. A line's width is taken as its words' widths plus
// its spaces', so each word is measured once, whatever the width (shaping
// does not join across a space).
func WrapLogical(text string, avail float32, measure func(string) float32) []string {
	widths := map[string]float32{}
	width := func(s string) float32 {
		w, ok := widths[s]
		if !ok {
			w = measure(s)
			widths[s] = w
		}
		return w
	}
	space := width(" ")
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line, lineW, started := "", float32(0), false
		for _, word := range strings.Split(para, " ") {
			ww := width(word)
			if started && lineW+space+ww <= avail {
				line, lineW = line+" "+word, lineW+space+ww
				continue
			}
			if started {
				out = append(out, line)
			}
			if ww > avail {
				// A word longer than the line: break it by letters.
				parts := breakWord(word, avail, measure)
				out = append(out, parts[:len(parts)-1]...)
				word = parts[len(parts)-1]
				ww = width(word)
			}
			line, lineW, started = word, ww, true
		}
		out = append(out, line)
	}
	return out
}

// breakWord cuts a word that is wider than avail into pieces that fit (at
// least one letter each).
func breakWord(word string, avail float32, measure func(string) float32) []string {
	rs := []rune(word)
	if len(rs) == 0 {
		return []string{word}
	}
	var parts []string
	for len(rs) > 0 {
		n := 1
		for n < len(rs) && measure(string(rs[:n+1])) <= avail {
			n++
		}
		parts = append(parts, string(rs[:n]))
		rs = rs[n:]
	}
	return parts
}

// orderedLines is the label inside a wrapLabel: its own type, so that code
// looking for a screen's labels finds the wrapLabel and its logical text,
// not the ordered lines a second time.
type orderedLines struct{ widget.Label }

func newOrderedLines() *orderedLines {
	l := &orderedLines{}
	l.ExtendBaseWidget(l)
	return l
}

// wrapLabelRenderer lays the inner label out and re-wraps the text when the
// width changes.
type wrapLabelRenderer struct{ w *WrapLabel }

func (r *wrapLabelRenderer) Destroy() {}

func (r *wrapLabelRenderer) Layout(size fyne.Size) {
	w := r.w
	if size.Width != w.Width {
		w.Width = size.Width
		if text := w.Ordered(size.Width); text != w.Inner.Text {
			w.Inner.SetText(text)
		}
	}
	w.Inner.Resize(size)
	w.Inner.Move(fyne.NewPos(0, 0))
}

// MinSize is the height of the lines at the current width (one line a
// paragraph before the first layout). A wrapping label is as narrow as a
// letter or two, like Fyne's: it never widens the window; a newLineLabel
// is as wide as its longest line.
func (r *wrapLabelRenderer) MinSize() fyne.Size {
	in := r.w.Inner.MinSize()
	if r.w.noWrap && !r.w.truncate {
		return in
	}
	th := r.w.Theme()
	return fyne.NewSize(min(in.Width, 2*th.Size(theme.SizeNameInnerPadding)+th.Size(theme.SizeNameText)), in.Height)
}

func (r *wrapLabelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.w.Inner}
}

func (r *wrapLabelRenderer) Refresh() {
	r.w.Inner.Refresh()
}
