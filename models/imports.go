package models

import (
	"fmt"
	"strings"
)

// ImportKind names a kind of file Sullam imports and exports (spec/import-formats.md).
type ImportKind string

// Import kinds.
const (
	KindAgents     ImportKind = "agents"
	KindAttendance ImportKind = "attendance"
	KindAudits     ImportKind = "audits"
	KindWeekly     ImportKind = "weekly"
	KindReviews    ImportKind = "reviews"
	KindCandidates ImportKind = "candidates"
	KindQuestions  ImportKind = "questions"
	KindJobs       ImportKind = "jobs"
)

// ImportKinds lists every kind in a sensible import order.
var ImportKinds = []ImportKind{KindAgents, KindAttendance, KindAudits, KindWeekly, KindReviews, KindJobs, KindQuestions, KindCandidates}

// RowError is one problem with one row of an imported file.
type RowError struct {
	Line   int    // 1 = the header row
	Column string // the column name, empty when the whole row is at fault
	Value  string
	Reason string // plain words, in English (the command line, the logs, the error files)
	// Key is the translation key of Reason and Args its template
	// arguments, which the window shows in the user's language; Key is
	// "" only for a reason made outside Sullam (the window then shows
	// Reason).
	Key  string
	Args map[string]any
}

// Message returns the reason as a Message.
func (e RowError) Message() Message { return Message{Key: e.Key, Args: e.Args, Text: e.Reason} }

// String formats the error as "line 7, column date, value "2024-13-01": reason".
func (e RowError) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "line %d", e.Line)
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %s", e.Column)
	}
	if e.Column != "" || e.Value != "" {
		fmt.Fprintf(&b, ", value %q", e.Value)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// ImportError holds every bad row of a file; nothing of the file was written.
type ImportError struct {
	File string
	Rows []RowError
}

// Error lists every bad row, one per line, each prefixed with the file name,
// after a first line that counts the bad rows (rows, not cells: a row with
// two bad cells is one bad row and two lines).
func (e *ImportError) Error() string {
	var b strings.Builder
	n := e.BadRows()
	rows := "rows"
	if n == 1 {
		rows = "row"
	}
	fmt.Fprintf(&b, "%s: %d bad %s, nothing imported", e.File, n, rows)
	for _, r := range e.Rows {
		b.WriteString("\n")
		b.WriteString(e.File)
		b.WriteString(": ")
		b.WriteString(r.String())
	}
	return b.String()
}

// BadRows counts the file's lines that have an error (rows, not cells: a
// row with two bad cells counts once).
func (e *ImportError) BadRows() int {
	lines := make(map[int]bool, len(e.Rows))
	for _, r := range e.Rows {
		lines[r.Line] = true
	}
	return len(lines)
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ImportError) Unwrap() error { return ErrInvalid }

// ImportResult counts the rows of an imported file by what became of them:
// new rows inserted, stored rows (found by the kind's natural key) changed
// by the file, and stored rows the file holds unchanged.
type ImportResult struct {
	Inserted  int
	Updated   int
	Unchanged int
}

// ConflictError is an import refused because another import or user
// stored a row with the same natural key while this import ran (the
// database's unique index refused the second row). Nothing of the file was
// written; importing it again updates the stored row instead.
type ConflictError struct {
	File   string
	Line   int    // the file's line of the refused row; 0 when unknown
	Column string // the key's column (or columns, joined by "+")
	Value  string // the key's value as written in the file
}

// Error names the file, the line, the key and what to do.
func (e *ConflictError) Error() string {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s: line %d", e.File, e.Line)
	}
	return fmt.Sprintf("%s, column %s, value %q: already exists: another import or user stored a row with this key while this file was being imported; nothing of the file was imported, import it again to update that row",
		where, e.Column, e.Value)
}

// Unwrap makes errors.Is(err, ErrAlreadyExists) true.
func (e *ConflictError) Unwrap() error { return ErrAlreadyExists }

// AgentRow is one parsed row of an agents file.
type AgentRow struct {
	Line         int
	Agent        Agent  // EmployeeNo, FullName, HireDate, Role, RoleStartDate, Team, Status, Email, Phone
	SupervisorNo string // may name an agent in the same file
	// Present lists the optional columns the file has, so an update leaves absent ones unchanged.
	Present map[string]bool
}

// AttendanceRow is one parsed row of an attendance file.
type AttendanceRow struct {
	Line       int
	EmployeeNo string
	Day        AttendanceDay // Date, Status, LateMinutes, EarlyLeaveMinutes
}

// AuditRow is one parsed row of an audits file.
type AuditRow struct {
	Line       int
	EmployeeNo string
	FormCode   string
	Audit      Audit             // Ref, AuditDate, Channel, Auditor, Notes
	Answers    map[string]Answer // item code (upper case) → answer
}

// WeeklyRow is one parsed row of a weekly reports file.
type WeeklyRow struct {
	Line       int
	EmployeeNo string
	Report     WeeklyReport // WeekStart, SubmittedOn, Rating, Interactions, Summary
}

// ReviewRow is one parsed row of a reviews file.
type ReviewRow struct {
	Line       int
	EmployeeNo string
	ReviewerNo string
	Review     Review         // ReviewDate, Period, Comments
	Ratings    map[string]int // competency code (upper case) → 1..5
}

// CandidateRow is one parsed row of a candidates file.
type CandidateRow struct {
	Line      int
	JobCode   string
	Candidate Candidate
	// Present lists the optional columns the file has, so an update leaves absent ones unchanged.
	Present map[string]bool
}

// QuestionRow is one parsed row of a questions file.
type QuestionRow struct {
	Line     int
	Question Question
	// Present lists the optional columns the file has, so an update leaves absent ones unchanged.
	Present map[string]bool
}

// JobRow is one parsed row of a jobs file.
type JobRow struct {
	Line int
	Job  JobDescription
	// Present lists the optional columns the file has, so an update leaves absent ones unchanged.
	Present map[string]bool
}
