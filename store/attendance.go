package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"sullam/models"
)

// AttendanceSummary is one agent's attendance in one calendar year: the
// number of days of each status and the days with late arrival or early
// leave, oldest first.
type AttendanceSummary struct {
	Year   int
	Counts map[models.AttendanceStatus]int
	// LateOrEarly holds the days with late minutes or early-leave minutes.
	LateOrEarly []models.AttendanceDay
}

// AttendanceYear summarises one agent's attendance in year. HR and those who
// may see the agent's scores.
func (wk *Work) AttendanceYear(ctx context.Context, a Actor, agentID uint, year int) (AttendanceSummary, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return AttendanceSummary{}, err
	}
	var ag models.Agent
	if err := s.db.First(&ag, agentID).Error; err != nil {
		return AttendanceSummary{}, fmt.Errorf("attendance of agent #%d: %w", agentID, translate(err))
	}
	if !a.CanOnAgent(OpEditAttendance, &ag) {
		if err := s.requireAgent(a, OpViewScores, &ag); err != nil {
			return AttendanceSummary{}, err
		}
	}
	out := AttendanceSummary{Year: year, Counts: map[models.AttendanceStatus]int{}}
	first, last := models.NewDate(year, 1, 1), models.NewDate(year, 12, 31)
	type row struct {
		Status string
		N      int
	}
	var counts []row
	if err := s.db.Raw("SELECT status, COUNT(*) AS n FROM attendance_days WHERE agent_id = ? AND date BETWEEN ? AND ? GROUP BY status",
		agentID, first.String(), last.String()).Scan(&counts).Error; err != nil {
		return AttendanceSummary{}, fmt.Errorf("attendance of agent #%d in %d: %w", agentID, year, err)
	}
	for _, c := range counts {
		out.Counts[models.AttendanceStatus(c.Status)] = c.N
	}
	if err := s.db.Where("agent_id = ? AND date BETWEEN ? AND ? AND (late_minutes > 0 OR early_leave_minutes > 0)",
		agentID, first.String(), last.String()).Order("date").Find(&out.LateOrEarly).Error; err != nil {
		return AttendanceSummary{}, fmt.Errorf("late days of agent #%d in %d: %w", agentID, year, err)
	}
	return out, nil
}

// AttendanceOn returns one agent's attendance on one date (HR); found is
// false when no day is recorded.
func (wk *Work) AttendanceOn(ctx context.Context, a Actor, agentID uint, date models.Date) (day models.AttendanceDay, found bool, err error) {
	s := wk.s
	s = s.withContext(ctx)
	var ag models.Agent
	if err := s.db.First(&ag, agentID).Error; err != nil {
		return models.AttendanceDay{}, false, fmt.Errorf("attendance of agent #%d: %w", agentID, translate(err))
	}
	if err := s.requireAgent(a, OpEditAttendance, &ag); err != nil {
		return models.AttendanceDay{}, false, err
	}
	err = s.db.Where("agent_id = ? AND date = ?", agentID, date.String()).First(&day).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.AttendanceDay{AgentID: agentID, Date: date}, false, nil
	}
	if err != nil {
		return models.AttendanceDay{}, false, fmt.Errorf("attendance of agent #%d on %s: %w", agentID, date, err)
	}
	return day, true, nil
}

// AttendanceCorrection is HR's correction of one agent's day.
type AttendanceCorrection struct {
	AgentID           uint
	Date              models.Date
	Status            models.AttendanceStatus
	LateMinutes       int
	EarlyLeaveMinutes int
	Reason            string
	// Seen is the day as the editor loaded it (nil: no day was recorded).
	// The attendance table has no version column, so the stored values
	// themselves are the version: when they differ from Seen, someone else
	// changed the day meanwhile and the correction is refused with ErrStale.
	Seen *models.AttendanceDay
}

// CorrectAttendance sets one agent's status, late and early-leave minutes on
// one date (HR), with a written reason. The old and new values and the
// reason go to the audit log.
func (wk *Work) CorrectAttendance(ctx context.Context, a Actor, c AttendanceCorrection) (models.AttendanceDay, error) {
	s := wk.s
	s = s.withContext(ctx)
	key := fmt.Sprintf("#%d/%s", c.AgentID, c.Date)
	var ag models.Agent
	if err := s.db.First(&ag, c.AgentID).Error; err != nil {
		return models.AttendanceDay{}, fmt.Errorf("correct attendance %s: %w", key, translate(err))
	}
	key = ag.EmployeeNo + "/" + c.Date.String()
	if err := s.requireAgent(a, OpEditAttendance, &ag); err != nil {
		return models.AttendanceDay{}, err
	}
	c.Reason = strings.TrimSpace(c.Reason)
	valid := false
	for _, st := range models.AttendanceStatuses {
		valid = valid || st == c.Status
	}
	switch {
	case c.Date.IsZero():
		return models.AttendanceDay{}, models.Invalid("error.date_required", map[string]any{"Key": key}, "correct attendance %s: the date is required", key)
	case !valid:
		return models.AttendanceDay{}, models.Invalid("error.attendance_status", map[string]any{"Key": key, "Status": c.Status}, "correct attendance %s: status %q is not one of present, absent, leave, holiday", key, c.Status)
	case c.LateMinutes < 0 || c.EarlyLeaveMinutes < 0 || c.LateMinutes > 24*60 || c.EarlyLeaveMinutes > 24*60:
		return models.AttendanceDay{}, models.Invalid("error.minutes_range", map[string]any{"Key": key}, "correct attendance %s: minutes must be between 0 and 1440", key)
	case c.Reason == "":
		return models.AttendanceDay{}, models.Invalid("error.reason_required", map[string]any{"Key": key}, "correct attendance %s: a written reason is required", key)
	}
	day := models.AttendanceDay{AgentID: c.AgentID, Date: c.Date, Status: c.Status, LateMinutes: c.LateMinutes, EarlyLeaveMinutes: c.EarlyLeaveMinutes}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var old models.AttendanceDay
		err := tx.Where("agent_id = ? AND date = ?", c.AgentID, c.Date.String()).First(&old).Error
		found := err == nil
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		if found != (c.Seen != nil) {
			return models.ErrStale
		}
		var oldView any
		if found {
			oldView = attendanceView(old)
			seen := c.Seen
			res := tx.Model(&models.AttendanceDay{}).
				Where("id = ? AND status = ? AND late_minutes = ? AND early_leave_minutes = ?", old.ID, seen.Status, seen.LateMinutes, seen.EarlyLeaveMinutes).
				Updates(map[string]any{"status": c.Status, "late_minutes": c.LateMinutes, "early_leave_minutes": c.EarlyLeaveMinutes})
			if res.Error != nil {
				return translate(res.Error)
			}
			if res.RowsAffected == 0 {
				return models.ErrStale
			}
			day.ID = old.ID
		} else if err := tx.Omit("Agent").Create(&day).Error; err != nil {
			if errors.Is(translate(err), models.ErrAlreadyExists) {
				return models.ErrStale
			}
			return translate(err)
		}
		if err := s.refreshAttendanceSummaries(tx, summaryKeys{{c.AgentID, c.Date.Year}: {}}); err != nil {
			return err
		}
		newView := attendanceView(day)
		newView["reason"] = c.Reason
		return s.logChange(tx, a, "correct", "attendance", key, oldView, newView)
	})
	if err != nil {
		return models.AttendanceDay{}, fmt.Errorf("correct attendance %s: %w", key, err)
	}
	return day, nil
}

func attendanceView(d models.AttendanceDay) map[string]any {
	return map[string]any{"status": d.Status, "late_minutes": d.LateMinutes, "early_leave_minutes": d.EarlyLeaveMinutes}
}
