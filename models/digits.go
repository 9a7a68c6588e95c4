package models

import "strings"

// LatinDigits returns s with Arabic-Indic (٠-٩) and Eastern Arabic-Indic
// (۰-۹) digits replaced by the Latin digits 0-9, the Arabic decimal separator
// (٫) by a point and the Arabic thousands separator (٬) removed, and the
// bidirectional marks an Arabic keyboard or a copy-paste may add dropped.
// Every other character is kept. It is the one place numbers, dates and
// searches typed in the window are brought to Latin digits before parsing.
func LatinDigits(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case '٠' <= r && r <= '٩':
			return '0' + (r - '٠')
		case '۰' <= r && r <= '۹':
			return '0' + (r - '۰')
		case r == '٫':
			return '.'
		case r == '٬':
			return -1
		case r == '\u200E', r == '\u200F', r == '\u061C', '\u202A' <= r && r <= '\u202E', '\u2066' <= r && r <= '\u2069', r == '\uFEFF':
			return -1
		}
		return r
	}, s)
}

// IsDigit reports whether r is a decimal digit of the Latin, Arabic-Indic or
// Eastern Arabic-Indic script.
func IsDigit(r rune) bool {
	return '0' <= r && r <= '9' || '٠' <= r && r <= '٩' || '۰' <= r && r <= '۹'
}
