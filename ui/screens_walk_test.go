package ui

import (
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"

	"sullam/assets"
	"sullam/bidi"
	"sullam/internal/testenv"
	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// The screen walker (issue 16): every screen and tab the navigation offers
// each role, and the key dialogs, opened by tapping, in Arabic and English,
// in a 1366×768 window; each checked for
//
//	(a) fit: the window content's (and any open dialog's) minimum size is
//	    within 1366×768, so no screen widens the window;
//	(b) Arabic only: no displayed text holds an untranslated English word:
//	    a word of Latin letters that is not data (names, codes, e-mails,
//	    employee numbers of the demo data, default content codes, account
//	    names), not part of a file name, path, e-mail or URL, not a command
//	    line quoted «sullam …», and not in walkAllowed;
//	(c) no raw translation key: no text equal to a key of en.json or shaped
//	    like one (a.b_c), and none holding "translation not found";
//	(d) mixed text in visual order: every displayed text holding Arabic
//	    letters with Latin letters or digits came through the bidi layer
//	    (i18n.OrderedMark starts each such line), and where the widget
//	    keeps its logical text (wrapLabel and its kin, dataSelect), what
//	    Fyne draws is what GNU FriBidi shows for that text in the
//	    paragraph direction of the widget (the language's for sentences,
//	    the first letter's for data); no label cuts mixed text after
//	    ordering it (a truncated widget.Label: use newCellLabel); every
//	    table is in a tableView.
//
// With SCREENSHOTS=DIR set, each screen is also written as a PNG (Fyne's
// software renderer) to DIR/{ar,en}/ROLE-SCREEN.png; scripts/screenshots.sh
// makes docs/screenshots/all that way.
//
// Areas and their tabs (nested ones too: the agent profile's) are walked as
// the navigation offers them, so a new area or tab is walked without any
// change here. A screen behind a button or a row (a dialog, a detail page)
// is one line in walkSteps.

// walkRoles are the accounts the walker signs in as: the role in the file
// name and how to find the account in the demo data.
var walkRoles = []struct {
	role string
	user func(d *walkData) string
}{
	{"admin", func(*walkData) string { return "admin" }},
	{"manager", func(*walkData) string { return "manager" }},
	{"hr", func(*walkData) string { return "hr" }},
	{"quality", func(*walkData) string { return "quality" }},
	{"supervisor", func(d *walkData) string { return d.supervisor }},
	{"agent", func(d *walkData) string { return d.agent }},
	{"interviewer", func(d *walkData) string { return d.interviewer }},
}

// walkAction is one thing a user does on the way to a screen: tap what
// shows a translated text, or pick a row of the visible table.
type walkAction struct {
	tap string // translation key of the text to tap
	row int    // 1-based row of the first visible table to pick (0: none)
}

// walkStep is a screen reached from an area by actions: a dialog or a
// detail page. The step runs for the roles whose area (and tab) offers it.
type walkStep struct {
	name    string // the screen's part of the file name
	roles   []string
	area    widgets.Area
	tab     string // translation key of the area's tab to open first
	actions []walkAction
	// systemFiles marks the system file dialog (Fyne's): its folder
	// names and favourites are the computer's, and Fyne hard-codes the
	// favourites' names in English (dialog/file.go: "Home", "Computer");
	// it is checked for fit and raw keys, not for English words.
	systemFiles bool
}

// walkSteps are the key dialogs and pages: add your screen here.
var walkSteps = []walkStep{
	{name: "agents-add", roles: []string{"hr"}, area: widgets.AreaAgents, actions: []walkAction{{tap: "agent.add"}}},
	{name: "agents-import", roles: []string{"hr"}, area: widgets.AreaAgents, actions: []walkAction{{tap: "agent.import"}}, systemFiles: true},
	{name: "agent-profile", roles: []string{"hr", "manager", "supervisor"}, area: widgets.AreaAgents, actions: []walkAction{{row: 1}}},
	{name: "candidate", roles: []string{"hr"}, area: widgets.AreaRecruitment, tab: "rec.tab.candidates", actions: []walkAction{{row: 1}}},
	{name: "candidate-add", roles: []string{"hr"}, area: widgets.AreaRecruitment, tab: "rec.tab.candidates", actions: []walkAction{{tap: "rec.add_candidate"}}},
	{name: "interview-kit", roles: []string{"interviewer"}, area: widgets.AreaRecruitment, tab: "rec.tab.interviews", actions: []walkAction{{row: 1}}},
	{name: "question-add", roles: []string{"hr"}, area: widgets.AreaRecruitment, tab: "rec.tab.questions", actions: []walkAction{{tap: "rec.add_question"}}},
	{name: "finalize-confirm", roles: []string{"manager"}, area: widgets.AreaEvaluations, tab: "eval.tab.annual", actions: []walkAction{{row: 1}, {tap: "eval.finalize"}}},
	{name: "promotion-decision", roles: []string{"manager"}, area: widgets.AreaPromotions, actions: []walkAction{{row: 1}}},
	{name: "user-add", roles: []string{"admin"}, area: widgets.AreaSettings, tab: "settings.users", actions: []walkAction{{tap: "settings.add_user"}}},
}

// walkAllowed are the Latin words an Arabic screen may show that are not
// data: each is a name or a code, never an English word of the interface.
var walkAllowed = map[string]string{
	"English":    "the language picker names each language in itself",
	"SQLite":     "product name (database engine)",
	"PostgreSQL": "product name (database server)",
	"pg":         "pg_dump, the PostgreSQL backup tool's name",
	"dump":       "pg_dump, the PostgreSQL backup tool's name",
	"CSV":        "file format name, as on the files",
	"XLSX":       "file format name, as on the files",
	"PDF":        "file format name, as on the files",
	"YYYY":       "the date format the user types (YYYY-MM-DD, Latin digits)",
	"MM":         "the date format the user types (YYYY-MM-DD, Latin digits)",
	"DD":         "the date format the user types (YYYY-MM-DD, Latin digits)",
}

// walkData is what the walker knows of the demo desk.
type walkData struct {
	desk                           *demoDesk
	supervisor, agent, interviewer string
	// data are the Latin words of the data: typed by users or loaded as
	// the demo's (names, e-mails, codes, account names).
	data map[string]bool
	// keys are the translation keys (en.json).
	keys map[string]bool
	// face is the bundled font (Fyne's drawing order is found with it);
	// oracle: the fribidi program is there to compare with.
	face   *font.Face
	oracle bool
}

var (
	latinWord = regexp.MustCompile(`[A-Za-z]+`)
	// keyShape is a text shaped like a translation key ("audit.when").
	keyShape = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)
	// fileLike is a chunk of text that is a path, file name, e-mail or URL.
	fileLike = regexp.MustCompile(`[/\\@]|\.(db|csv|xlsx|pdf|json|txt|png|partial|before-restore)\b|://`)
	// commandLine is a command line quoted in a sentence.
	commandLine = regexp.MustCompile(`«sullam [^»]*»`)
)

// dataFields are the fields of the demo data that hold what users type:
// names, e-mails, numbers, codes they give, free text. Codes of the
// program's own (roles, statuses, stages, channels, ladder roles, item and
// competency codes) are not among them: shown raw, they are a defect.
var dataFields = map[string]bool{
	"FullName": true, "Email": true, "EmployeeNo": true, "SupervisorNo": true, "ReviewerNo": true,
	"HiredEmployeeNo": true, "Username": true, "Auditor": true, "Ref": true, "FormCode": true,
	"JobCode": true, "QuestionCodes": true, "Period": true, "Education": true, "Location": true,
	"Source": true, "Notes": true, "Summary": true, "Comments": true, "Team": true, "Phone": true,
}

// latinWords adds to set the Latin words of the plain strings of v's
// dataFields (walked by reflection: structs, slices, maps, pointers).
func latinWords(v reflect.Value, field string, set map[string]bool) {
	switch v.Kind() {
	case reflect.String:
		if v.Type() == reflect.TypeFor[string]() && dataFields[field] {
			for _, w := range latinWord.FindAllString(v.String(), -1) {
				set[w] = true
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				latinWords(v.Field(i), f.Name, set)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			latinWords(v.Index(i), field, set)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			latinWords(v.MapIndex(k), field, set)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			latinWords(v.Elem(), field, set)
		}
	}
}

// newWalkData loads a demo desk and picks the accounts to sign in as.
func newWalkData(t *testing.T) *walkData {
	t.Helper()
	desk := newDemoDesk(t, 40, 3)
	d := &walkData{desk: desk, data: map[string]bool{}, keys: map[string]bool{}}
	latinWords(reflect.ValueOf(desk.data), "", d.data)
	// the default content's codes (jobs, questions, the audit form)
	c, err := assets.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range c.Jobs {
		latinWords(reflect.ValueOf(j.Code), "JobCode", d.data)
	}
	for _, q := range c.Questions {
		latinWords(reflect.ValueOf(q.Code), "QuestionCodes", d.data)
	}
	latinWords(reflect.ValueOf(c.AuditForm.Code), "FormCode", d.data)
	d.data["admin"] = true // the admin's account name
	// one automatic backup, as the app makes at start, for Settings → Backup
	if _, err := desk.st.AutoBackup(t.Context(), desk.st.AutoBackupDir(), 14); err != nil {
		t.Fatal(err)
	}
	for _, u := range desk.data.Users {
		if d.supervisor == "" && slices.Contains(u.Roles, models.RoleSupervisor) {
			d.supervisor = u.Username
		}
		if d.agent == "" && slices.Contains(u.Roles, models.RoleAgent) {
			d.agent = u.Username
		}
	}
	// an interviewer: a supervisor with an interview still to score
	for _, cand := range desk.data.Candidates {
		if cand.Interview == nil {
			continue
		}
		for _, iv := range cand.Interview.Interviewers {
			if iv.Username != "hr" && iv.SubmittedAt == nil && d.interviewer == "" {
				d.interviewer = iv.Username
			}
		}
	}
	if d.supervisor == "" || d.agent == "" || d.interviewer == "" {
		t.Fatalf("demo accounts: supervisor %q, agent %q, interviewer %q", d.supervisor, d.agent, d.interviewer)
	}
	// an agent with a 229-character name and team (issue 16: long texts
	// truncate, never widen the window), in the first supervisor's team
	long := string([]rune(strings.Repeat("عبدالرحمن آل سعيد ", 13))[:229])
	sup, err := desk.st.Agent(t.Context(), store.SystemActor("demo"), strings.ToUpper(d.supervisor))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := desk.st.SaveAgent(t.Context(), store.SystemActor("demo"), models.Agent{EmployeeNo: "E19999", FullName: long, Team: long,
		SupervisorID: &sup.ID, HireDate: models.MustDate("2021-01-03"), Role: "csr", RoleStartDate: models.MustDate("2021-01-03")}); err != nil {
		t.Fatal(err)
	}
	d.data["E"] = true // employee numbers E…
	raw, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]any // plural keys hold an object of forms
	if err := json.Unmarshal(raw, &en); err != nil {
		t.Fatal(err)
	}
	for k := range en {
		if strings.Contains(k, ".") { // Sullam's keys; Fyne's own are its English texts
			d.keys[k] = true
		}
	}
	if d.face, err = bundledFace(); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("fribidi"); err == nil {
		d.oracle = true
	} else if testenv.InCI() {
		t.Fatalf("fribidi not installed (apt-get install libfribidi-bin); CI is set: the mixed-order check must run")
	} else {
		t.Logf("fribidi not installed (apt-get install libfribidi-bin): mixed texts are checked for the bidi layer only, not against FriBidi")
	}
	return d
}

// orderedText is a displayed text for the mixed-order check (d).
type orderedText struct {
	shown   string         // the text given to Fyne to draw
	logical string         // its logical text, when the widget keeps it
	dir     bidi.Direction // the paragraph direction of logical
	what    string         // the kind of object, for messages
}

// orderTexts returns the texts of o's tree for the mixed-order check; a
// table outside a tableView is returned as a problem.
func orderTexts(o fyne.CanvasObject) (out []orderedText, problems []string) {
	sentence := bidi.LeftToRight
	if i18n.IsRTL() {
		sentence = bidi.RightToLeft
	}
	var walk func(o fyne.CanvasObject, framed bool)
	walk = func(o fyne.CanvasObject, framed bool) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widgets.WrapLabel:
			dir := bidi.Auto
			if x.Sentence() {
				dir = sentence
			}
			shown, lines := x.Shown(), x.Lines()
			if len(shown) != len(lines) {
				problems = append(problems, fmt.Sprintf("a wrapping label shows %d lines for %d: %q", len(shown), len(lines), x.Text))
				return
			}
			for i, l := range lines {
				if dir == bidi.RightToLeft {
					// The layer keeps a date in an Arabic sentence as
					// written (i18n.Display): the mark it puts is part
					// of the text FriBidi orders.
					l = bidi.KeepDatesLTR(l)
				}
				out = append(out, orderedText{shown[i], l, dir, "wrapping label"})
			}
			return
		case *widgets.DataSelect:
			for i, v := range x.Values {
				out = append(out, orderedText{x.Options[i], v, bidi.Auto, "data drop-down option"})
			}
			return
		case *widget.Select:
			for _, opt := range x.Options {
				out = append(out, orderedText{shown: opt, what: "drop-down option"})
			}
			if x.Selected == "" {
				out = append(out, orderedText{shown: x.PlaceHolder, what: "drop-down placeholder"})
			}
			return
		case *widget.SelectEntry:
			if x.Text == "" {
				out = append(out, orderedText{shown: x.PlaceHolder, what: "entry placeholder"})
			}
			return // its text is what the user typed (rtl-limits.md)
		case *widget.Entry:
			if x.Text == "" {
				out = append(out, orderedText{shown: x.PlaceHolder, what: "entry placeholder"})
			}
			return // its text is what the user typed (rtl-limits.md)
		case *canvas.Text:
			out = append(out, orderedText{shown: x.Text, what: "text"})
			return
		case *widget.Label:
			// A label cuts its (ordered) text at the visual end, which in
			// Arabic is the logical start or middle; Fyne's re-analysis of
			// the cut text reverses a date there («…17-04-2027»). Mixed
			// text must be cut before ordering (newCellLabel).
			if x.Truncation != fyne.TextTruncateOff && i18n.Mixed(x.Text) {
				var drawn []string
				for _, k := range uitest.VisibleKids(x) {
					uitest.FindVisible(k, func(o fyne.CanvasObject) bool {
						if t, ok := o.(*canvas.Text); ok {
							drawn = append(drawn, t.Text)
						}
						return false
					})
				}
				if shown := strings.Join(drawn, "\n"); shown != x.Text {
					problems = append(problems, fmt.Sprintf("mixed text cut after ordering (truncated label): %q drawn as %q", x.Text, shown))
				}
			}
		case *widgets.TableView:
			framed = true
		case *widget.Table:
			if !framed {
				problems = append(problems, "a table not shown in a tableView (readingTable): it neither opens at the reading start nor puts its row numbers on the reading side")
			}
			framed = false
		}
		for _, k := range uitest.VisibleKids(o) {
			walk(k, framed)
		}
	}
	walk(o, false)
	return out, problems
}

// orderProblems returns the mixed texts of the roots not in visual order
// (rule d).
func (d *walkData) orderProblems(roots []fyne.CanvasObject) ([]string, error) {
	var texts []orderedText
	var out []string
	for _, r := range roots {
		t, p := orderTexts(r)
		texts = append(texts, t...)
		out = append(out, p...)
	}
	seen := map[orderedText]bool{}
	byDir := map[bidi.Direction][]orderedText{}
	for _, t := range texts {
		if seen[t] {
			continue
		}
		seen[t] = true
		if t.logical == "" {
			if i18n.Mixed(t.shown) && !strings.HasPrefix(t.shown, i18n.OrderedMark) {
				out = append(out, fmt.Sprintf("mixed text not through the bidi layer (%s): %q", t.what, t.shown))
			}
			continue
		}
		if i18n.Mixed(t.logical) {
			byDir[t.dir] = append(byDir[t.dir], t)
		}
	}
	if !d.oracle {
		return out, nil
	}
	for dir, ts := range byDir {
		lines := make([]string, len(ts))
		for i, t := range ts {
			lines[i] = t.logical
		}
		want, err := fribidiVisual(lines, dir)
		if err != nil {
			return nil, err
		}
		for i, t := range ts {
			if got := fyneDraws(d.face, t.shown); got != want[i] {
				out = append(out, fmt.Sprintf("%s %q drawn as %q, FriBidi (%s) shows %q", t.what, t.logical, got, fribidiFlag(dir), want[i]))
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

// shownTexts returns the texts a user sees in o: every visible canvas text
// (labels, buttons, tab titles, rendered table cells, entries' text and
// placeholder), and the options and placeholders of selects and entries.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *widget.Select:
			out = append(out, x.Options...)
			if x.Selected == "" {
				out = append(out, x.PlaceHolder)
			}
		case *widget.SelectEntry:
			if x.Text == "" {
				out = append(out, x.PlaceHolder)
			}
			return // its text is what the user typed
		case *widget.Entry:
			if x.Text == "" {
				out = append(out, x.PlaceHolder)
			}
			return // its text is what the user typed
		}
		for _, k := range uitest.VisibleKids(o) {
			walk(k)
		}
	}
	walk(o)
	return out
}

// problems returns what is wrong with the shown texts: raw keys in either
// language, untranslated English words in Arabic.
func (d *walkData) problems(texts []string, arabic bool) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range texts {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if strings.Contains(s, "translation not found") || d.keys[s] || (keyShape.MatchString(s) && !fileLike.MatchString(s)) {
			add(fmt.Sprintf("raw key %q", s))
			continue
		}
		if !arabic {
			continue
		}
		s = commandLine.ReplaceAllString(s, "")
		var english []string
		for _, chunk := range strings.Fields(s) {
			if fileLike.MatchString(chunk) {
				continue
			}
			for _, loc := range latinWord.FindAllStringIndex(chunk, -1) {
				w := chunk[loc[0]:loc[1]]
				if d.data[w] || walkAllowed[w] != "" {
					continue
				}
				if strings.HasPrefix(chunk[loc[1]:], "…") && d.dataPrefix(w) {
					continue // a data word cut short by an ellipsis
				}
				english = append(english, w)
			}
		}
		if len(english) > 0 {
			add(fmt.Sprintf("English %q in %q", strings.Join(english, " "), s))
		}
	}
	return out
}

// dataPrefix reports whether w begins a Latin word of the data.
func (d *walkData) dataPrefix(w string) bool {
	for x := range d.data {
		if strings.HasPrefix(x, w) {
			return true
		}
	}
	return false
}

// walker walks one role's screens in one language.
type walker struct {
	t      *testing.T
	d      *walkData
	w      fyne.Window
	c      *Controller
	code   string
	role   string
	shots  string // SCREENSHOTS folder, "" for none
	titles map[string]string
	seen   []string
	// systemFiles: the open dialog is the system file dialog (walkStep).
	systemFiles bool
}

// settle runs the screens' pending loads.
func (wk *walker) settle() { uitest.WaitFor(wk.t, "the screen to load", func() bool { return true }) }

// check checks the screen now shown and writes its screenshot.
func (wk *walker) check(screen string) {
	t := wk.t
	t.Helper()
	wk.settle()
	name := wk.role + "-" + screen
	if slices.Contains(wk.seen, name) {
		return
	}
	wk.seen = append(wk.seen, name)
	if m := wk.w.Canvas().Content().MinSize(); m.Width > screenSize.Width || m.Height > screenSize.Height {
		t.Errorf("%s/%s: the window content needs %.0f×%.0f, more than 1366×768 (widest: %s)", wk.code, name, m.Width, m.Height, widest(wk.w.Canvas().Content()))
	}
	roots := []fyne.CanvasObject{wk.w.Canvas().Content()}
	for _, ov := range wk.w.Canvas().Overlays().List() {
		if m := ov.MinSize(); m.Width > screenSize.Width || m.Height > screenSize.Height {
			t.Errorf("%s/%s: a dialog needs %.0f×%.0f, more than 1366×768", wk.code, name, m.Width, m.Height)
		}
		roots = append(roots, ov)
	}
	var texts []string
	for _, r := range roots {
		texts = append(texts, shownTexts(r)...)
	}
	for _, p := range wk.d.problems(texts, wk.code == "ar" && !wk.systemFiles) {
		t.Errorf("%s/%s: %s", wk.code, name, p)
	}
	order, err := wk.d.orderProblems(roots)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range order {
		t.Errorf("%s/%s: %s", wk.code, name, p)
	}
	if wk.shots != "" {
		dir := filepath.Join(wk.shots, wk.code)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		relayout(wk.w.Canvas().Content())
		for _, ov := range wk.w.Canvas().Overlays().List() {
			relayout(ov)
		}
		if err := png.Encode(f, wk.w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// widest names the deepest object of o's tree wider than the screen: what
// widens the window (a select with a long option, a label that does not
// truncate), with its text when it has one.
func widest(o fyne.CanvasObject) string {
	path := ""
	for {
		path += fmt.Sprintf("%T>", o)
		var next fyne.CanvasObject
		var kids []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			kids = x.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(x).Objects()
		}
		for _, k := range kids {
			if k != nil && k.Visible() && k.MinSize().Width > screenSize.Width {
				next = k
				break
			}
		}
		if next == nil {
			text := ""
			switch x := o.(type) {
			case *widget.Label:
				text = x.Text
			case *widget.Select:
				text = x.Selected
			case *canvas.Text:
				text = x.Text
			}
			return fmt.Sprintf("%s %.0f px %q", path, o.MinSize().Width, widgets.Clip(text, 30))
		}
		o = next
	}
}

// relayout lays every container and widget of o's tree out again, top
// down, as a desktop driver does on its next frame when a size changed (a
// screen filled in after loading). Fyne's test canvas does not, so without
// it a screenshot could show a section drawn over the next one.
func relayout(o fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
	case fyne.Widget:
		test.WidgetRenderer(x).Layout(x.Size())
	}
	for _, k := range uitest.VisibleKids(o) {
		relayout(k)
	}
}

// tabKey is the translation key of a shown tab title, for the file name
// ("settings.backup" → "backup").
func (wk *walker) tabKey(title string) string {
	if k, ok := wk.titles[title]; ok {
		return k[strings.LastIndex(k, ".")+1:]
	}
	return strings.ReplaceAll(strings.ToLower(title), " ", "_")
}

// openArea taps the area's entry in the navigation.
func (wk *walker) openArea(ar widgets.Area) {
	wk.t.Helper()
	wk.w.Canvas().Overlays().Remove(wk.w.Canvas().Overlays().Top())
	for wk.w.Canvas().Overlays().Top() != nil {
		wk.w.Canvas().Overlays().Remove(wk.w.Canvas().Overlays().Top())
	}
	if wk.c.shell.current == ar {
		// the navigation ignores a tap on the area shown: go elsewhere first
		other := widgets.AreaSettings
		if ar == widgets.AreaSettings {
			other = widgets.AreaHome
		}
		wk.tapNav(other)
	}
	wk.tapNav(ar)
}

// tapNav taps an area's entry in the navigation (its name, with a count
// beside Home sometimes).
func (wk *walker) tapNav(ar widgets.Area) {
	wk.t.Helper()
	name := i18n.T("nav." + string(ar))
	var f fyne.Tappable
	uitest.FindVisible(wk.w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.List); ok && f == nil {
			f = uitest.TappableShowing(l, name)
			if f == nil {
				f = uitest.TappableShowing(l, wk.c.shell.navLabel(ar))
			}
		}
		return false
	})
	if f == nil {
		wk.t.Fatalf("%s/%s: no %q in the navigation", wk.code, wk.role, name)
	}
	test.Tap(f)
	wk.settle()
}

// walkTabs checks every tab of the tab bars visible in root, nested ones
// too, each tapped in turn; skip are tab bars walked already.
func (wk *walker) walkTabs(prefix string, root fyne.CanvasObject, skip []*widgets.ReadingTabs) {
	tabs, _ := uitest.FindVisible(root, func(o fyne.CanvasObject) bool {
		x, ok := o.(*widgets.ReadingTabs)
		return ok && !slices.Contains(skip, x)
	}).(*widgets.ReadingTabs)
	if tabs == nil {
		wk.check(prefix)
		return
	}
	skip = append(skip, tabs)
	for i, it := range tabs.Items {
		if f := uitest.TappableShowing(tabs, it.Text); f != nil && tabs.SelectedIndex() != i {
			test.Tap(f)
		} else if tabs.SelectedIndex() != i {
			wk.t.Errorf("%s/%s-%s: no tab to tap for %q", wk.code, wk.role, prefix, it.Text)
			continue
		}
		wk.settle()
		wk.walkTabs(prefix+"-"+wk.tabKey(it.Text), it.Content, skip)
	}
}

// runStep reaches a step's screen and checks it.
func (wk *walker) runStep(s walkStep) {
	t := wk.t
	t.Helper()
	if !slices.Contains(s.roles, wk.role) || !slices.Contains(wk.c.shell.areas, s.area) {
		return
	}
	wk.openArea(s.area)
	if s.tab != "" {
		f := uitest.TappableShowing(wk.w.Canvas().Content(), i18n.T(s.tab))
		if f == nil {
			t.Errorf("%s/%s-%s: no %q tab", wk.code, wk.role, s.name, i18n.T(s.tab))
			return
		}
		test.Tap(f)
		wk.settle()
	}
	areaTabs := wk.areaTabs() // before the actions: a detail page's tabs are walked
	for _, a := range s.actions {
		switch {
		case a.tap != "":
			text := i18n.T(a.tap)
			var f fyne.Tappable
			uitest.WaitFor(t, fmt.Sprintf("%q for %s", text, s.name), func() bool {
				f = uitest.TappableShowing(wk.w.Canvas().Content(), text)
				if top := wk.w.Canvas().Overlays().Top(); f == nil && top != nil {
					f = uitest.TappableShowing(top, text)
				}
				return f != nil
			})
			test.Tap(f)
		case a.row > 0:
			var tb *widget.Table
			uitest.WaitFor(t, fmt.Sprintf("rows for %s", s.name), func() bool {
				tb, _ = uitest.FindVisible(wk.w.Canvas().Content(), func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Table); return ok }).(*widget.Table)
				if tb == nil {
					return false
				}
				rows, _ := tb.Length()
				return rows >= a.row
			})
			tb.Select(widget.TableCellID{Row: a.row - 1, Col: 0})
		}
		wk.settle()
	}
	if wk.w.Canvas().Overlays().Top() != nil {
		wk.systemFiles = s.systemFiles
		wk.check(s.name)
		wk.systemFiles = false
		return
	}
	wk.walkTabs(s.name, wk.w.Canvas().Content(), areaTabs)
}

// areaTabs are the area's own tab bars (walked with the area).
func (wk *walker) areaTabs() []*widgets.ReadingTabs {
	var out []*widgets.ReadingTabs
	uitest.FindVisible(wk.c.shell.body, func(o fyne.CanvasObject) bool {
		if x, ok := o.(*widgets.ReadingTabs); ok {
			out = append(out, x)
		}
		return false
	})
	return out
}

// TestWalkEveryScreen walks every screen of every role in both languages
// (see the comment at the top of this file for the rules it checks).
func TestWalkEveryScreen(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { i18n.Use("en") })
	d := newWalkData(t)
	shots := os.Getenv("SCREENSHOTS")
	for _, code := range []string{"ar", "en"} {
		t.Run(code+"/start", func(t *testing.T) { walkStart(t, d, code, shots) })
		for _, r := range walkRoles {
			t.Run(code+"/"+r.role, func(t *testing.T) {
				c, w := d.desk.signIn(t, r.user(d), code)
				wk := &walker{t: t, d: d, w: w, c: c, code: code, role: r.role, shots: shots, titles: titleKeys(code)}
				for _, ar := range c.shell.areas {
					wk.openArea(ar)
					wk.walkTabs(string(ar), c.shell.body, nil)
				}
				for _, s := range walkSteps {
					wk.runStep(s)
				}
				if len(wk.seen) < 2 {
					t.Errorf("only %d screens walked: %v", len(wk.seen), wk.seen)
				}
				sort.Strings(wk.seen)
				t.Logf("%d screens: %s", len(wk.seen), strings.Join(wk.seen, " "))
			})
		}
	}
}

// walkStart checks the screens before sign-in: the first run (on a
// database without accounts) and the sign-in screen, in the language the
// desk was left in.
func walkStart(t *testing.T, d *walkData, code, shots string) {
	a := fyne.CurrentApp()
	a.Settings().SetTheme(NewTheme())
	i18n.Use(code)
	widgets.NewSettings(a.Preferences()).SetLanguage(code)
	for _, s := range []struct {
		name string
		st   func() *Controller
	}{
		{"firstrun", func() *Controller {
			w := test.NewWindow(nil)
			t.Cleanup(w.Close)
			w.Resize(screenSize)
			return NewController(a, w, uitest.OpenTestStore(t), widgets.NewSettings(a.Preferences()), "")
		}},
		{"signin", func() *Controller {
			w := test.NewWindow(nil)
			t.Cleanup(w.Close)
			w.Resize(screenSize)
			return NewController(a, w, d.desk.st, widgets.NewSettings(a.Preferences()), d.desk.path)
		}},
	} {
		c := s.st()
		c.Start()
		if (s.name == "firstrun") != (c.firstRun != nil) {
			t.Fatalf("%s: first run %v", s.name, c.firstRun != nil)
		}
		wk := &walker{t: t, d: d, w: c.win, c: c, code: code, role: "start", shots: shots}
		wk.check(s.name)
	}
}

// titleKeys maps the translated texts of the language code to their keys.
func titleKeys(code string) map[string]string {
	raw, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		return nil
	}
	var m map[string]any // plural keys hold an object of forms
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	out := map[string]string{}
	for k, v := range m {
		if s, ok := v.(string); ok && (strings.Contains(k, ".tab.") || strings.HasPrefix(k, "settings.")) {
			// Two tabs may share a title ("Weekly reports"): keep one key
			// for it, the same on every run (the shorter name, then the
			// first in order), so the screenshots keep their file names.
			if old, dup := out[s]; !dup || shorterKey(k, old) {
				out[s] = k
			}
		}
	}
	return out
}

// shorterKey reports whether key a names a tab before b: its last part is
// shorter, or as long and first in order.
func shorterKey(a, b string) bool {
	la, lb := a[strings.LastIndex(a, ".")+1:], b[strings.LastIndex(b, ".")+1:]
	if len(la) != len(lb) {
		return len(la) < len(lb)
	}
	return a < b
}
