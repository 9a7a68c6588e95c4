package widgets

import (
	"image/color"
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/ui/i18n"
)

// Rule (issue 16, digits): the charts' axis numbers follow the digits
// setting: in Arabic with Arabic-Indic digits the score axis reads ١٠٠, with
// Latin digits (or in English) 100.
func TestChartTicksInChosenDigits(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { i18n.SetArabicDigits(false); i18n.Use("en") })
	cases := []struct {
		lang   string
		arabic bool
		want   string
	}{{"ar", true, "١٠٠"}, {"ar", false, "100"}, {"en", true, "100"}}
	for _, c := range cases {
		i18n.Use(c.lang)
		i18n.SetArabicDigits(c.arabic)
		got := ""
		for _, tk := range (digitTicks{ScoreTicks{}}).Ticks(0, 100) {
			if tk.Value == 100 {
				got = tk.Label
			}
		}
		if got != c.want {
			t.Errorf("%s, Arabic-Indic %v: the 100 tick reads %q, want %q", c.lang, c.arabic, got, c.want)
		}
	}
	if dir := os.Getenv("SCREENSHOTS"); dir != "" {
		i18n.Use("ar")
		i18n.SetArabicDigits(true)
		img := LineChart("", []Series{{Name: "أ", Color: color.Black, Points: []ChartPoint{{X: 2024, Y: 80}, {X: 2025, Y: 90}}}}, 60, 100, 400, 250)
		f, err := os.Create(dir + "/chart-arabic-digits.png")
		if err == nil {
			png.Encode(f, img)
			f.Close()
		}
	}
}
