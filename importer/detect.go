package importer

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"sullam/models"
)

// Limits on one cell and on the header, so that a file made wrongly (a
// whole file on one line, a row of 100,000 columns) is refused at once
// instead of being parsed and echoed back.
const (
	// MaxCellBytes is the largest cell, in bytes of UTF-8 (Excel's own limit
	// is 32,767 characters, at most 65,534 bytes of Arabic).
	MaxCellBytes = 64 << 10
	// MaxColumns is the most columns a header may have.
	MaxColumns = 1000
	// maxLeadRows is how many non-blank rows are searched for the header.
	maxLeadRows = 10
)

// Layout is what was found out about a file's form rather than told: its
// encoding and separator (CSV), the sheet read (XLSX), the header's line and
// the rows skipped above it.
type Layout struct {
	Encoding   string // CSV: "UTF-8", "UTF-16 LE", "UTF-16 BE" or "Windows-1256"
	Separator  rune   // CSV: ',', ';' or '\t'
	Sheet      string // XLSX: the name of the sheet read
	HeaderLine int    // the line (CSV) or row (XLSX) of the header
	Skipped    []int  // the non-blank lines above the header, skipped
}

// String says what was detected, for the import's result:
// "Windows-1256, semicolon-separated; rows 1–2 skipped: title above the header".
func (l Layout) String() string {
	var parts []string
	if l.Encoding != "" {
		sep := map[rune]string{',': "comma-separated", ';': "semicolon-separated", '\t': "tab-separated"}[l.Separator]
		parts = append(parts, l.Encoding+", "+sep)
	}
	if l.Sheet != "" {
		parts = append(parts, fmt.Sprintf("sheet %q", l.Sheet))
	}
	s := strings.Join(parts, ", ")
	if len(l.Skipped) > 0 && l.HeaderLine > 1 {
		// the lines above the header: the title rows and any blank ones
		above := make([]int, l.HeaderLine-1)
		for i := range above {
			above[i] = i + 1
		}
		s += fmt.Sprintf("; %s %s skipped: title above the header", plural(len(above), "row", "rows"), lineRanges(above, 1))
	}
	return s
}

// decodeText returns data as UTF-8 text and the name of its encoding: UTF-8
// (a byte-order mark removed), UTF-16 LE or BE with a byte-order mark, or,
// when the bytes are not valid UTF-8, Windows-1256 (what Excel on Arabic
// Windows saves as "CSV").
func decodeText(data []byte) ([]byte, string) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16Text(data[2:], false), "UTF-16 LE"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16Text(data[2:], true), "UTF-16 BE"
	}
	if utf8.Valid(data) {
		return data, "UTF-8"
	}
	out, err := charmap.Windows1256.NewDecoder().Bytes(data)
	if err != nil { // the decoder maps every byte; kept for safety
		return data, "UTF-8"
	}
	return out, "Windows-1256"
}

// utf16Text decodes UTF-16 (an odd last byte dropped) to UTF-8.
func utf16Text(data []byte, bigEndian bool) []byte {
	u := make([]uint16, len(data)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	var b bytes.Buffer
	b.Grow(len(data))
	for _, r := range utf16.Decode(u) {
		b.WriteRune(r)
	}
	return b.Bytes()
}

// leadLines returns up to n non-blank lines at the start of text with their
// line numbers; a line over MaxCellBytes ends the search with its number in
// long.
func leadLines(text []byte, n int) (lines []string, nums []int, long int) {
	for num := 1; len(text) > 0 && len(lines) < n; num++ {
		end := bytes.IndexByte(text, '\n')
		if end < 0 {
			end = len(text)
		}
		if end > MaxCellBytes {
			return lines, nums, num
		}
		l := strings.TrimRight(string(text[:end]), "\r")
		text = text[min(end+1, len(text)):]
		if strings.TrimSpace(strings.Trim(l, ",;\t\" ")) == "" {
			continue
		}
		lines, nums = append(lines, l), append(nums, num)
	}
	return lines, nums, 0
}

// splitNaive splits a line on sep without honouring quotes, removing the
// quotes around cells: enough to recognise a header.
func splitNaive(line string, sep rune) []string {
	cells := strings.Split(line, string(sep))
	for i, c := range cells {
		cells[i] = strings.Trim(strings.TrimSpace(c), `"`)
	}
	return cells
}

// headerScore counts the cells of a row that name a fixed column of kind (in
// English or by its Arabic name), and reports whether every required column
// is there.
func headerScore(kind models.ImportKind, cells []string) (score int, complete bool) {
	spec, ok := kinds[kind]
	if !ok {
		return 0, false
	}
	found := map[string]bool{}
	for _, c := range cells {
		if name, ok := columnName(spec, c); ok && !found[name] {
			found[name] = true
			score++
		}
	}
	complete = score > 0
	for _, c := range spec.columns {
		if c.Required && !found[c.Name] {
			complete = false
		}
	}
	return score, complete
}

// findCSVLayout chooses the separator and the header line of a CSV text.
// With a kind, the header is the first of the leading non-blank lines that
// has every required column of kind with one of the separators; failing
// that, the line and separator naming most columns; failing that (or with
// no kind), the first non-blank line, split on whichever separator it holds
// most of (a comma when none).
func findCSVLayout(kind models.ImportKind, text []byte) (sep rune, header int, long int) {
	lines, nums, long := leadLines(text, maxLeadRows)
	if len(lines) == 0 {
		return ',', 0, long
	}
	seps := []rune{',', ';', '\t'}
	if kind != "" {
		bestScore, bestSep, bestLine := 0, ',', 0
		for i, l := range lines {
			for _, s := range seps {
				if !strings.ContainsRune(l, s) && len(kinds[kind].columns) > 1 {
					continue
				}
				score, complete := headerScore(kind, splitNaive(l, s))
				if complete {
					return s, nums[i], 0
				}
				if score > bestScore {
					bestScore, bestSep, bestLine = score, s, nums[i]
				}
			}
		}
		if bestScore > 1 {
			return bestSep, bestLine, 0
		}
	}
	sep, most := ',', 0
	for _, s := range seps {
		if n := strings.Count(lines[0], string(s)); n > most {
			sep, most = s, n
		}
	}
	return sep, nums[0], long
}

// lineRanges writes sorted line numbers as ranges, "2–5, 9", listing at
// most max ranges and then "…".
func lineRanges(lines []int, max int) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if n == max {
			b.WriteString(", …")
			break
		}
		if n > 0 {
			b.WriteString(", ")
		}
		if j > i {
			fmt.Fprintf(&b, "%s–%s", thousands(lines[i]), thousands(lines[j]))
		} else {
			b.WriteString(thousands(lines[i]))
		}
		n++
		i = j + 1
	}
	return b.String()
}

// thousands writes n with commas between groups of three digits: 11,424.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
