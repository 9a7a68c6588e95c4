package models

// AttendanceStatus is the status of one attendance day.
type AttendanceStatus string

// Attendance statuses (spec/scoring.md §1).
const (
	Present AttendanceStatus = "present"
	Absent  AttendanceStatus = "absent"
	Leave   AttendanceStatus = "leave"
	Holiday AttendanceStatus = "holiday"
)

// AttendanceStatuses lists the valid attendance statuses.
var AttendanceStatuses = []AttendanceStatus{Present, Absent, Leave, Holiday}

// Answer is the answer to one audit item.
type Answer string

// Audit item answers (spec/scoring.md §2).
const (
	Pass Answer = "pass"
	Fail Answer = "fail"
	NA   Answer = "na"
)

// Channel is the channel of an audited interaction.
type Channel string

// Channels of an audited interaction.
const (
	Phone    Channel = "phone"
	Email    Channel = "email"
	Chat     Channel = "chat"
	InPerson Channel = "in_person"
)

// Channels lists the valid channels.
var Channels = []Channel{Phone, Email, Chat, InPerson}

// AgentStatus says whether an agent is still employed.
type AgentStatus string

// Agent statuses.
const (
	Active   AgentStatus = "active"
	Inactive AgentStatus = "inactive"
)

// Role is an application role a user holds (DESIGN.md "Users").
type Role string

// Application roles.
const (
	RoleHR         Role = "hr"
	RoleQuality    Role = "quality"
	RoleSupervisor Role = "supervisor"
	RoleAgent      Role = "agent"
	RoleManager    Role = "manager"
	RoleAdmin      Role = "admin"
)

// Roles lists every application role.
var Roles = []Role{RoleAdmin, RoleManager, RoleHR, RoleQuality, RoleSupervisor, RoleAgent}

// ReadinessStatus is an agent's promotion readiness (spec/scoring.md §6).
type ReadinessStatus string

// Readiness statuses, in the spec's order.
const (
	TopOfLadder      ReadinessStatus = "top_of_ladder"
	NotEligible      ReadinessStatus = "not_eligible"
	InsufficientData ReadinessStatus = "insufficient_data"
	Ready            ReadinessStatus = "ready"
	NotReady         ReadinessStatus = "not_ready"
)

// EvaluationStatus is the status of one agent's annual evaluation.
type EvaluationStatus string

// Evaluation statuses (spec/cli.md `score`).
const (
	EvalComplete   EvaluationStatus = "complete"
	EvalIncomplete EvaluationStatus = "incomplete"
	EvalFinalized  EvaluationStatus = "finalized"
)

// Stage is a candidate's stage in the recruitment pipeline.
type Stage string

// Pipeline stages.
const (
	StageApplied   Stage = "applied"
	StageScreening Stage = "screening"
	StageInterview Stage = "interview"
	StageOffer     Stage = "offer"
	StageHired     Stage = "hired"
	StageRejected  Stage = "rejected"
	StageWithdrawn Stage = "withdrawn"
)

// Stages lists the pipeline stages in order.
var Stages = []Stage{StageApplied, StageScreening, StageInterview, StageOffer, StageHired, StageRejected, StageWithdrawn}

// Recommendation is an interviewer's overall recommendation.
type Recommendation string

// Interview recommendations.
const (
	StrongNo  Recommendation = "strong_no"
	No        Recommendation = "no"
	Yes       Recommendation = "yes"
	StrongYes Recommendation = "strong_yes"
)

// Recommendations lists the recommendations from worst to best.
var Recommendations = []Recommendation{StrongNo, No, Yes, StrongYes}

// AppID is Sullam's application ID (FyneApp.toml); the default database lives
// in Fyne's storage folder for it.
const AppID = "com.sullam.app"
