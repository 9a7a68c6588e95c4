package evaluation

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// attendanceStore is what the attendance tab needs of the store.
type attendanceStore interface {
	Agent(ctx context.Context, a store.Actor, employeeNo string) (models.Agent, error)
	AttendanceOn(ctx context.Context, a store.Actor, agentID uint, date models.Date) (models.AttendanceDay, bool, error)
	CorrectAttendance(ctx context.Context, a store.Actor, c store.AttendanceCorrection) (models.AttendanceDay, error)
}

// attendanceTab is HR's attendance work: import a file (preview, progress,
// summary) and view and correct one agent's day.
type attendanceTab struct {
	d  widgets.Deps
	st attendanceStore

	empNo, date    *widget.Entry
	status         *widget.Select
	late, early    *widgets.NumericEntry
	reason         *widget.Entry
	loadBt, saveBt *widget.Button
	info           *widgets.WrapLabel
	edit           *widgets.FormBox
	agent          models.Agent
	seen           *models.AttendanceDay
	loaded         bool
	loadedDate     models.Date
}

// NewAttendanceTab builds this tab of the evaluations area.
func NewAttendanceTab(d widgets.Deps) fyne.CanvasObject {
	return newAttendance(d, widgets.EvalAreas(d.Store)).content()
}

func newAttendance(d widgets.Deps, st attendanceStore) *attendanceTab {
	return &attendanceTab{d: d, st: st}
}

func (t *attendanceTab) content() fyne.CanvasObject {
	t.empNo = widgets.AgEntry("", i18n.T("agent.col.no"))
	t.date = widgets.WithCalendar(widgets.AgEntry("", "YYYY-MM-DD"))
	t.loadBt = widget.NewButton(i18n.T("attendance.load_day"), t.onLoad)
	var statuses []string
	for _, s := range models.AttendanceStatuses {
		statuses = append(statuses, i18n.T("attendance.status."+string(s)))
	}
	t.status = widget.NewSelect(statuses, nil)
	t.status.PlaceHolder = i18n.T("common.select_one")
	t.late, t.early = widgets.NewNumericEntry(false), widgets.NewNumericEntry(false)
	t.late.SetText("0")
	t.early.SetText("0")
	t.reason = widget.NewMultiLineEntry()
	t.reason.SetPlaceHolder(i18n.T("attendance.reason_hint"))
	t.saveBt = widget.NewButton(i18n.T("action.save"), t.onSave)
	t.saveBt.Importance = widget.HighImportance
	t.info = widgets.NewWrapLabel("")
	t.setEditable(false)

	find := widgets.NewForm(
		widget.NewFormItem(i18n.T("agent.col.no"), t.empNo),
		widget.NewFormItem(i18n.T("profile.date"), t.date))
	t.edit = widgets.NewForm(
		widget.NewFormItem(i18n.T("agent.col.status"), t.status),
		widget.NewFormItem(i18n.T("attendance.late_minutes"), t.late),
		widget.NewFormItem(i18n.T("attendance.early_minutes"), t.early),
		widget.NewFormItem(i18n.T("profile.reason"), t.reason))
	box := container.NewVBox(widgets.Heading(i18n.T("attendance.import_title")), widgets.Para(i18n.T("attendance.import_hint")))
	if b := widgets.ImportButtons(t.d, models.KindAttendance, nil); b != nil {
		box.Add(b)
	}
	box.Add(widget.NewSeparator())
	return container.NewVScroll(container.NewVBox(box,
		widgets.Heading(i18n.T("attendance.correct_title")), widgets.Para(i18n.T("attendance.correct_hint")),
		find, widgets.AgReadingEdge(t.loadBt), t.info, t.edit, widgets.AgReadingEdge(t.saveBt)))
}

func (t *attendanceTab) setEditable(on bool) {
	for _, w := range []fyne.Disableable{t.status, t.late, t.early, t.reason, t.saveBt} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if t.edit != nil {
		t.edit.Refresh()
	}
}

// onLoad shows the chosen agent's day, for correction.
func (t *attendanceTab) onLoad() {
	no := strings.TrimSpace(t.empNo.Text)
	date, err := models.ParseDate(strings.TrimSpace(t.date.Text))
	if err != nil {
		t.info.SetText(widgets.RawMessage(err))
		return
	}
	widgets.GoWork(func() {
		ag, err := t.st.Agent(context.Background(), t.d.Actor, no)
		var day models.AttendanceDay
		var found bool
		if err == nil {
			day, found, err = t.st.AttendanceOn(context.Background(), t.d.Actor, ag.ID, date)
		}
		widgets.OnMain(func() {
			t.loaded = false
			t.setEditable(false)
			if err != nil {
				t.info.SetText(widgets.RawMessage(err))
				return
			}
			t.agent, t.loadedDate, t.loaded = ag, date, true
			t.seen = nil
			if found {
				d := day
				t.seen = &d
				t.status.SetSelectedIndex(statusIndex(day.Status))
				t.late.SetText(strconv.Itoa(day.LateMinutes))
				t.early.SetText(strconv.Itoa(day.EarlyLeaveMinutes))
				t.info.SetText(i18n.T("attendance.day_found", map[string]any{"Name": ag.FullName, "Date": date.String(),
					"Status": i18n.T("attendance.status." + string(day.Status)), "Late": i18n.Plural("count.minutes", day.LateMinutes, nil), "Early": i18n.Plural("count.minutes", day.EarlyLeaveMinutes, nil)}))
			} else {
				t.status.SetSelectedIndex(0)
				t.late.SetText("0")
				t.early.SetText("0")
				t.info.SetText(i18n.T("attendance.day_missing", map[string]any{"Name": ag.FullName, "Date": date.String()}))
			}
			t.reason.SetText("")
			t.setEditable(true)
		})
	})
}

func statusIndex(s models.AttendanceStatus) int {
	for i, x := range models.AttendanceStatuses {
		if x == s {
			return i
		}
	}
	return 0
}

// onSave writes the correction; a day changed meanwhile by someone else is
// refused with the stale-save message and reloaded.
func (t *attendanceTab) onSave() {
	if !t.loaded {
		return
	}
	late, err1 := strconv.Atoi(strings.TrimSpace(models.LatinDigits(t.late.Text)))
	early, err2 := strconv.Atoi(strings.TrimSpace(models.LatinDigits(t.early.Text)))
	if err1 != nil || err2 != nil {
		t.info.SetText(widgets.RawMessage(models.Invalid("error.minutes_whole", nil, "minutes must be whole numbers")))
		return
	}
	i := t.status.SelectedIndex()
	if i < 0 {
		i = 0
	}
	c := store.AttendanceCorrection{AgentID: t.agent.ID, Date: t.loadedDate, Status: models.AttendanceStatuses[i],
		LateMinutes: late, EarlyLeaveMinutes: early, Reason: t.reason.Text, Seen: t.seen}
	t.saveBt.Disable()
	widgets.GoWork(func() {
		day, err := t.st.CorrectAttendance(context.Background(), t.d.Actor, c)
		widgets.OnMain(func() {
			t.saveBt.Enable()
			if err != nil {
				msg := widgets.UserMessage(err)
				if errors.Is(err, models.ErrStale) {
					msg = i18n.T("attendance.stale")
				}
				dialog.ShowError(errors.New(msg), t.d.Win)
				return
			}
			d := day
			t.seen = &d
			t.reason.SetText("")
			t.info.SetText(i18n.T("attendance.saved", map[string]any{"Name": t.agent.FullName, "Date": day.Date.String()}))
		})
	})
}
