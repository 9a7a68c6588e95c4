package widgets

// Helpers shared by several areas, moved here verbatim from the screen
// that first had them.

import (
	"image/color"

	"fyne.io/fyne/v2"

	"sullam/models"
	"sullam/ui/i18n"
)

// LadderRoleName is the ladder role's name in the current language.
func LadderRoleName(ladder []models.LadderRole, code string) string {
	for _, r := range ladder {
		if r.Code == code {
			if i18n.Current() == "ar" {
				return r.NameAr
			}
			return r.NameEn
		}
	}
	return code
}

// TextPair orders an Arabic/English pair of widgets: Arabic first on the
// reading side, so on the right in Arabic.
func TextPair(ar, en fyne.CanvasObject) []fyne.CanvasObject {
	if i18n.IsRTL() {
		return []fyne.CanvasObject{en, ar}
	}
	return []fyne.CanvasObject{ar, en}
}

// ReviewPeriodText is a review's period as listed, marked when it is the
// probation review.
func ReviewPeriodText(period string, probation bool) string {
	if probation {
		return Cell(i18n.T("review.probation_mark", map[string]any{"Period": period}))
	}
	return Cell(period)
}

// Clip cuts s to n runes with an ellipsis.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// BoardStatuses are the statuses an agent below the top of the ladder can have.
var BoardStatuses = []models.ReadinessStatus{models.Ready, models.NotReady, models.InsufficientData, models.NotEligible}

// The colours of the home screen's and the hire quality's charts.
var (
	ColorReview  = color.NRGBA{0x15, 0x65, 0xc0, 0xff}
	ColorQuality = color.NRGBA{0xef, 0x6c, 0x00, 0xff}
	ColorScores  = color.NRGBA{0x1b, 0x5e, 0x20, 0xff}
)
