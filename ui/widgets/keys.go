package widgets

// Keys shared by the recruitment and home areas, moved here verbatim
// from hire_quality.go.

// HireTabKey is the translation key of the Recruitment tab of the quality
// of hire; the manager's home opens it through the shell.
const HireTabKey = "rec.tab.hire_quality"
