package migrations

import "sullam/models"

// Value types the frozen schema of migration 0001 uses; they are stable.
type (
	Date             = models.Date
	Role             = models.Role
	AgentStatus      = models.AgentStatus
	Stage            = models.Stage
	Recommendation   = models.Recommendation
	AttendanceStatus = models.AttendanceStatus
	Channel          = models.Channel
	Answer           = models.Answer
)
