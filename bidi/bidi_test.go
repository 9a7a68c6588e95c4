package bidi

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
	xbidi "golang.org/x/text/unicode/bidi"

	"sullam/assets"
	"sullam/internal/testenv"
)

// rev spells an Arabic word the way it appears on screen read left to right,
// so that expected displays stay readable in the source.
func rev(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

var sullamFace *font.Face

// fyneShows returns the characters, left to right, that Fyne 2.7 draws for s
// in a label (testenv.FyneDraws, the tests' one model of Fyne's painter,
// with the bundled font), without the invisible direction marks.
func fyneShows(t *testing.T, s string) string {
	t.Helper()
	if sullamFace == nil {
		f, err := font.ParseTTF(bytes.NewReader(assets.FontRegular))
		if err != nil {
			t.Fatalf("parse font: %v", err)
		}
		sullamFace = f
	}
	return strings.Map(func(c rune) rune {
		if c == lrm || c == rlm {
			return -1
		}
		return c
	}, testenv.FyneDraws(sullamFace, s))
}

// cases are real strings of the app with what a reader must see, left to
// right, in a right-to-left (Arabic UI) and a left-to-right paragraph.
var cases = []struct {
	in       string
	rtl, ltr string // expected display, left to right
}{
	{in: "رقم 123", rtl: "123 " + rev("رقم"), ltr: "123 " + rev("رقم")},
	{in: "أحمد Saleh", rtl: "Saleh " + rev("أحمد"), ltr: rev("أحمد") + " Saleh"},
	{in: "E1000 أحمد الدوسري", rtl: rev("أحمد الدوسري") + " E1000", ltr: "E1000 " + rev("أحمد الدوسري")},
	{in: "Hello world 2025", rtl: "Hello world 2025", ltr: "Hello world 2025"},
	{in: "مرحبا بالعالم", rtl: rev("مرحبا بالعالم"), ltr: rev("مرحبا بالعالم")},
	{in: "أحمد (Saleh)", rtl: "(Saleh) " + rev("أحمد"), ltr: rev("أحمد") + " (Saleh)"},
	{in: "Name: أحمد 123", rtl: "123 " + rev("أحمد") + " :Name", ltr: "Name: 123 " + rev("أحمد")},
	{in: "رقم ١٢٣", rtl: "١٢٣ " + rev("رقم"), ltr: "١٢٣ " + rev("رقم")},
	{in: "الدرجة 87.40", rtl: "87.40 " + rev("الدرجة"), ltr: "87.40 " + rev("الدرجة")},
	{in: "أحمد 12 34 x", rtl: "x 34 12 " + rev("أحمد"), ltr: "34 12 " + rev("أحمد") + " x"},
	{in: "سنوات الخدمة: 4 (من 2021)", rtl: "(2021 " + rev("من") + ") 4 :" + rev("سنوات الخدمة"),
		ltr: "(2021 " + rev("من") + ") 4 :" + rev("سنوات الخدمة")},
	{in: "Sullam — سُلَّم", rtl: rev("سُلَّم") + " — Sullam", ltr: "Sullam — " + rev("سُلَّم")},
}

// realistic holds strings like those Sullam shows: names, codes, scores,
// dates, brackets.
var realistic = []string{
	"الموظف (E1000) أحمد", "[مسودة] تقييم 2024", "أحمد [Team A]", "(مرفوض) Candidate",
	"Ahmed (أحمد)", "التقييم السنوي (2024): 91.25", "E1001 — سارة العتيبي", "سارة العتيبي — E1001",
	"الفريق: Team-3", "2024-03-15 أحمد", "أحمد 2024-03-15", "90.00 ≥ 90", "نسبة الحضور 97.5%",
	"Score 87.40 (جاهز)", "ملاحظات: \"ممتاز\"", "رقم الهاتف +966 55 123 4567",
	"المشرف: Khalid / خالد", "3/5 سنوات", "القسم: خدمة العملاء - الرياض",
}

// TestVisualMatchesRuns checks, for the realistic strings, that what Fyne
// draws for VisualDir is what VisualRuns says the reader must see.
func TestVisualMatchesRuns(t *testing.T) {
	for _, in := range realistic {
		for _, dir := range []Direction{Auto, LeftToRight, RightToLeft} {
			want := display(VisualRuns(in, dir))
			if !needsWork(in) {
				want = in
			}
			if got := fyneShows(t, VisualDir(in, dir)); got != want {
				t.Errorf("VisualDir(%q, %d): Fyne shows %q, want %q", in, dir, got, want)
			}
		}
	}
}

// TestVisualShowsCorrectOrder checks what Fyne's own pipeline draws for the
// output of VisualDir, against hand-written expectations.
func TestVisualShowsCorrectOrder(t *testing.T) {
	for _, c := range cases {
		for _, d := range []struct {
			dir  Direction
			want string
		}{{RightToLeft, c.rtl}, {LeftToRight, c.ltr}} {
			out := VisualDir(c.in, d.dir)
			if got := fyneShows(t, out); got != d.want {
				t.Errorf("VisualDir(%q, %d) = %q: Fyne shows %q, want %q", c.in, d.dir, out, got, d.want)
			}
			if got := display(VisualRuns(c.in, d.dir)); got != d.want {
				t.Errorf("VisualRuns(%q, %d) displays %q, want %q", c.in, d.dir, got, d.want)
			}
		}
	}
}

// TestFyneMisordersMixedText documents the bug the package works around: the
// untouched string is drawn in logical run order.
func TestFyneMisordersMixedText(t *testing.T) {
	if got, want := fyneShows(t, "رقم 123"), " "+rev("رقم")+"123"; got != want {
		t.Errorf("Fyne shows %q for the raw string, want the known misorder %q", got, want)
	}
	if got, want := fyneShows(t, "مرحبا بالعالم"), rev("مرحبا بالعالم"); got != want {
		t.Errorf("Fyne shows %q for pure Arabic, want %q", got, want)
	}
}

func TestVisualExamples(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"رقم 123", "123رقم "},                       // number to the left, the space between
		{"E1000 أحمد الدوسري", "E1000 أحمد الدوسري"}, // starts with Latin: a left-to-right line, already right
		{"Hello, world!", "Hello, world!"},           // pure English: unchanged
		{"مرحبا بالعالم", "مرحبا بالعالم"},           // pure Arabic: unchanged, Fyne orders it itself
		{"", ""}, // empty
		{"أحمد Saleh", "\u200fSalehأحمد "},       // a mark keeps the space with the Arabic word
		{"رقم 123\nE1 أحمد", "123رقم \nE1 أحمد"}, // lines are ordered one by one
		{"رقم 123\r\nرقم 4", "123رقم \r\n4رقم "}, // CRLF kept
		{"١٢٣", "١٢٣"},                           // Arabic-Indic digits alone
		{"سُلَّم", "سُلَّم"},                     // marks stay on their letters
	} {
		if got := Visual(c.in); got != c.want {
			t.Errorf("Visual(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestVisualDirArabicSentence(t *testing.T) {
	// An Arabic UI message that starts with a Latin code reads right to left.
	in := "CSV غير صالح"
	if got, want := fyneShows(t, VisualDir(in, RightToLeft)), rev("غير صالح")+" CSV"; got != want {
		t.Errorf("shows %q, want %q", got, want)
	}
	// Auto takes the first strong letter: Latin, left to right.
	if got, want := fyneShows(t, Visual(in)), "CSV "+rev("غير صالح"); got != want {
		t.Errorf("auto shows %q, want %q", got, want)
	}
}

func TestIsRTL(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"رقم 123", true},
		{"123 رقم", true}, // digits are weak
		{"أحمد Saleh", true},
		{"E1000 أحمد", false},
		{"Hello", false},
		{"", false},
		{"123", false},
		{"(١٢٣)", false},               // Arabic-Indic digits are weak too
		{"\u2067Ali\u2069 أحمد", true}, // isolates are skipped
		{"\u200fSaleh", true},          // a right-to-left mark is strong
	} {
		if got := IsRTL(c.in); got != c.want {
			t.Errorf("IsRTL(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestRuns(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Run
	}{
		{"رقم 123", []Run{{"رقم ", true}, {"123", false}}},
		{"أحمد Saleh", []Run{{"أحمد ", true}, {"Saleh", false}}},
		{"E1000 أحمد الدوسري", []Run{{"E1000 ", false}, {"أحمد الدوسري", true}}},
		{"Hello", []Run{{"Hello", false}}},
		{"مرحبا", []Run{{"مرحبا", true}}},
		{"", []Run{}},
	} {
		got := Runs(c.in)
		if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("Runs(%q) = %+v, want %+v", c.in, got, c.want)
		}
		var joined strings.Builder
		for _, r := range got {
			joined.WriteString(r.Text)
		}
		if joined.String() != c.in {
			t.Errorf("Runs(%q) loses text: %q", c.in, joined.String())
		}
	}
}

func TestVisualRuns(t *testing.T) {
	for _, c := range []struct {
		in   string
		dir  Direction
		want []Run
	}{
		{"رقم 123", RightToLeft, []Run{{"123", false}, {"رقم ", true}}},
		{"E1000 أحمد الدوسري", RightToLeft, []Run{{" أحمد الدوسري", true}, {"E1000", false}}},
		{"E1000 أحمد الدوسري", Auto, []Run{{"E1000 ", false}, {"أحمد الدوسري", true}}},
		{"أحمد 12 34", LeftToRight, []Run{{"34", false}, {" ", true}, {"12", false}, {"أحمد ", true}}},
	} {
		if got := VisualRuns(c.in, c.dir); !slices.Equal(got, c.want) {
			t.Errorf("VisualRuns(%q, %d) = %+v, want %+v", c.in, c.dir, got, c.want)
		}
	}
}

// TestAgainstFribidi compares the resolved levels and the visual order with
// GNU FriBidi (Debian package libfribidi-bin), when it is installed.
func TestAgainstFribidi(t *testing.T) {
	testenv.NeedCommand(t, "fribidi", "apt-get install libfribidi-bin")
	inputs := append(slices.Clone(realistic), "أحمد 123abc", "الدرجة 87.40%", "أحمد $100", "خصم 1,234.5 ريال", "a 1+2 ب",
		"رقم 10-20", "Ali (أحمد) 5", "«اقتباس» quote", "x ١٢٣ y", "أحمد: 4.5/5 (جيد)")
	for _, c := range cases {
		inputs = append(inputs, c.in)
	}
	// Random mixes of the characters Sullam's data holds.
	alphabet := []rune("أحمدسلمعليEAbcz0123456789٠١٢٣      .,:%$()-/[]«»!؟،")
	rng := rand.New(rand.NewPCG(1, 2))
	const random = 3000
	for range random {
		r := make([]rune, 1+rng.IntN(14))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(r))
	}
	bracketMisses := 0
	for _, d := range []struct {
		dir  Direction
		flag string
	}{{LeftToRight, "--ltr"}, {RightToLeft, "--rtl"}, {Auto, "--wltr"}} {
		var batch []string
		for _, in := range inputs[:len(inputs)-random] {
			if d.dir == RightToLeft && !needsWork(in) {
				continue // text without right-to-left characters is left alone by design
			}
			batch = append(batch, in)
		}
		for _, in := range inputs[len(inputs)-random:] {
			if d.dir == RightToLeft && !needsWork(in) {
				in = "ب " + in // keep the batch size; an Arabic letter makes it count
			}
			batch = append(batch, in)
		}
		cmd := exec.Command("fribidi", d.flag, "--levels", "--vtol", "--novisual")
		cmd.Stdin = strings.NewReader(strings.Join(batch, "\n") + "\n")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("fribidi: %v", err)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if len(lines) != 2*len(batch) {
			t.Fatalf("fribidi printed %d lines for %d inputs", len(lines), len(batch))
		}
		for n, in := range batch {
			vtol, levels := ints(t, lines[2*n]), ints(t, lines[2*n+1])
			var mine []int
			for _, p := range analyse([]rune(in), paragraphDirection(in, d.dir)) {
				for range p.text {
					mine = append(mine, p.level)
				}
			}
			if !slices.Equal(mine, levels) {
				t.Errorf("%q %s: levels %v, fribidi %v", in, d.flag, mine, levels)
			}
			runes := []rune(in)
			var want strings.Builder
			for _, i := range vtol {
				c := runes[i]
				if levels[i]%2 == 1 {
					c = Mirror(c)
				}
				want.WriteRune(c)
			}
			// FriBidi prints combining marks after their letter, a shaper
			// keeps them together anyway: compare without them.
			got := stripMarks(fyneShows(t, VisualDir(in, d.dir)))
			if got == stripMarks(want.String()) {
				continue
			}
			if n >= len(batch)-random && strings.ContainsAny(in, "()[]«»") {
				// Known limit: go-text pairs brackets across runs when it
				// splits by script, and x/text's rule N0 differs from the
				// standard next to Arabic-Indic digits; random strings hit
				// it about once in two thousand.
				bracketMisses++
				t.Logf("%q %s: Fyne shows %q, fribidi %q", in, d.flag, got, want.String())
				continue
			}
			t.Errorf("%q %s: Fyne shows %q, fribidi %q", in, d.flag, got, want.String())
		}
	}
	if bracketMisses > random/100 {
		t.Errorf("%d random strings with brackets are misordered, more than 1%%", bracketMisses)
	}
}

// stripMarks drops combining marks (class NSM).
func stripMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if p, _ := xbidi.LookupRune(r); p.Class() == xbidi.NSM {
			return -1
		}
		return r
	}, s)
}

func ints(t *testing.T, line string) []int {
	t.Helper()
	var out []int
	for _, f := range strings.Fields(line) {
		n, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("fribidi output %q: %v", line, err)
		}
		out = append(out, n)
	}
	return out
}

func ExampleVisual() {
	fmt.Printf("%q\n", Visual("رقم 123"))
	fmt.Printf("%q\n", Visual("Hello"))
	// Output:
	// "123رقم "
	// "Hello"
}

func BenchmarkVisual(b *testing.B) {
	for _, in := range []string{"Hello world", "مرحبا بالعالم", "رقم 123", "الموظف (E1000) أحمد"} {
		b.Run(in, func(b *testing.B) {
			for b.Loop() {
				Visual(in)
			}
		})
	}
}
