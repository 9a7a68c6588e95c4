package importer

import (
	"fmt"
	"strconv"
	"strings"

	"sullam/models"
)

// DateOrder is the order of day, month and year in text dates written
// otherwise than YYYY-MM-DD, such as 1/11/2022.
type DateOrder string

// The date orders; the zero DateOrder accepts YYYY-MM-DD only.
const (
	DMY DateOrder = "dmy" // 1/11/2022 is 1 November 2022
	MDY DateOrder = "mdy" // 1/11/2022 is 11 January 2022
	YMD DateOrder = "ymd" // 2022/11/1 is 1 November 2022
)

// ParseDateOrder reads dmy, mdy or ymd (any case); "" gives the zero order.
func ParseDateOrder(s string) (DateOrder, error) {
	switch o := DateOrder(strings.ToLower(strings.TrimSpace(s))); o {
	case "", DMY, MDY, YMD:
		return o, nil
	}
	return "", fmt.Errorf("unknown date order %q: want dmy, mdy or ymd: %w", s, models.ErrInvalid)
}

// reasonDateOrder refuses a text date other than YYYY-MM-DD read without a
// date order. It is the same for every such cell so that a column of them
// is one line of the grouped errors.
const reasonDateOrder = "is not YYYY-MM-DD; give the order of its day, month and year with --date-order dmy|mdy|ymd " +
	"(the date order in the import dialog): with --date-order dmy, 1/11/2022 is 2022-11-01"

// reasonNotDate is what parseOrderedDate says of text that is no date in
// any order (parseDate then says it in its own words).
var reasonNotDate = models.Msg("import.err.not_date", nil, "not a date")

// parseOrderedDate reads s (normalised) as a date of three numbers split by
// / - . or a space, in order; the year has four digits. The reason is empty
// on success.
func parseOrderedDate(s string, order DateOrder) (models.Date, models.Message) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == ' ' })
	if len(parts) != 3 {
		return models.Date{}, reasonNotDate
	}
	n := [3]int{}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || len(p) > 4 {
			return models.Date{}, reasonNotDate
		}
		n[i] = v
	}
	if order == "" {
		return models.Date{}, models.Msg("import.err.date_order", nil, "%s", reasonDateOrder)
	}
	var y, m, d int
	var yearPart string
	switch order {
	case DMY:
		d, m, y, yearPart = n[0], n[1], n[2], parts[2]
	case MDY:
		m, d, y, yearPart = n[0], n[1], n[2], parts[2]
	case YMD:
		y, m, d, yearPart = n[0], n[1], n[2], parts[0]
	}
	if len(yearPart) != 4 {
		return models.Date{}, models.Msg("import.err.year_digits", map[string]any{"Order": string(order)}, "the year must have four digits (date order %s)", order)
	}
	dt, err := models.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	if err != nil {
		return models.Date{}, models.Msg("import.err.no_such_date_order", map[string]any{"Order": string(order)}, "no such date in the order %s", order)
	}
	return dt, models.Message{}
}
