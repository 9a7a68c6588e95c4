// Package report writes Sullam's reports: an agent's annual evaluation as a
// PDF, and the promotion board as a PDF or a spreadsheet, in Arabic (shaped,
// right to left) or English. It reads its texts through the one translator
// (package i18n), the window's too, but never touches Fyne, so the command
// line can use it.
package report

import "sullam/i18n"

// Translator is the one translator of package i18n: the strings of one
// language with the user's display options (Hijri dates, digits).
type Translator = i18n.Translator

// NewTranslator loads the strings of lang ("ar" or "en"), with Gregorian
// dates and Latin digits; see i18n.New.
func NewTranslator(lang string) (Translator, error) { return i18n.New(lang) }
