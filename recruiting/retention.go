package recruiting

import "sullam/models"

// DefaultRetentionMonths is how long the data of a rejected or withdrawn
// candidate is kept after their last move (24 months), unless HR sets
// another period.
const DefaultRetentionMonths = 24

// Bounds of the retention period HR may set, in months.
const (
	MinRetentionMonths = 1
	MaxRetentionMonths = 120
)

// ValidRetentionMonths reports whether months is a period HR may set.
func ValidRetentionMonths(months int) bool {
	return months >= MinRetentionMonths && months <= MaxRetentionMonths
}

// RetentionCutoff is the date before which a closed candidate's last move
// makes them due for anonymisation: months before today.
func RetentionCutoff(today models.Date, months int) models.Date { return today.AddMonths(-months) }

// ClosedStages are the stages whose candidates the retention anonymises
// once their last move is older than the period: rejected and withdrawn
// (a hired candidate's record stays with the agent's).
func ClosedStages() []models.Stage {
	return []models.Stage{models.StageRejected, models.StageWithdrawn}
}
