package hiring

import "sullam/models"

// FirstFullYear returns the first full calendar year of an agent hired on
// hired, the year whose annual score the quality of hire compares with the
// interview: the hire year when hired on 1 January, else the next one.
func FirstFullYear(hired models.Date) int {
	if hired.Month == 1 && hired.Day == 1 {
		return hired.Year
	}
	return hired.Year + 1
}
