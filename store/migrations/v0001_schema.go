// Code frozen at migration 0001: the schema as it was then. Do not edit; add a new migration instead.

package migrations

import "time"

// v1User is a person who signs in to Sullam. One user may hold several roles.
type v1User struct {
	ID           uint   `gorm:"primaryKey"`
	Username     string `gorm:"size:64;not null;uniqueIndex"`
	FullName     string `gorm:"size:200;not null"`
	PasswordHash string `gorm:"size:200;not null"`
	Language     string `gorm:"size:8;not null;default:ar"`
	// AgentID links the user to their agent record (agents and supervisors).
	AgentID      *uint `gorm:"index"`
	Active       bool  `gorm:"not null;default:true"`
	FailedLogins int   `gorm:"not null;default:0"`
	LockedUntil  *time.Time
	Roles        []v1UserRole `gorm:"foreignKey:UserID;constraint:OnDelete:CASCADE"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int `gorm:"not null;default:1"`
}

// v1UserRole grants one application role to one user.
type v1UserRole struct {
	UserID uint `gorm:"primaryKey"`
	Role   Role `gorm:"primaryKey;size:16"`
}

// v1LadderRole is one step of the career ladder (csr → coordinator → …).
type v1LadderRole struct {
	Code   string `gorm:"primaryKey;size:32"`
	NameAr string `gorm:"size:200;not null"`
	NameEn string `gorm:"size:200;not null"`
	Rank   int    `gorm:"not null"`
	// NextCode is the next role up; empty at the top of the ladder.
	NextCode string `gorm:"size:32"`
}

// v1Agent is a customer service employee evaluated by Sullam.
type v1Agent struct {
	ID            uint        `gorm:"primaryKey"`
	EmployeeNo    string      `gorm:"size:32;not null;uniqueIndex"`
	FullName      string      `gorm:"size:200;not null"`
	HireDate      Date        `gorm:"type:date;not null"`
	Role          string      `gorm:"size:32;not null;index"`
	RoleStartDate Date        `gorm:"type:date;not null"`
	SupervisorID  *uint       `gorm:"index"`
	Supervisor    *v1Agent    `gorm:"foreignKey:SupervisorID;constraint:OnDelete:SET NULL"`
	Team          string      `gorm:"size:64;index"`
	Status        AgentStatus `gorm:"size:16;not null;default:active"`
	Email         string      `gorm:"size:200"`
	Phone         string      `gorm:"size:64"`
	// CandidateID links an agent hired through Sullam to their candidate record.
	CandidateID *uint `gorm:"index"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int `gorm:"not null;default:1"`
}

// v1RoleHistory records each role an agent held on the ladder.
type v1RoleHistory struct {
	ID        uint     `gorm:"primaryKey"`
	AgentID   uint     `gorm:"not null;index"`
	Agent     *v1Agent `gorm:"constraint:OnDelete:CASCADE"`
	Role      string   `gorm:"size:32;not null"`
	StartDate Date     `gorm:"type:date;not null"`
	EndDate   Date     `gorm:"type:date"`
	Reason    string   `gorm:"size:1000"`
	CreatedAt time.Time
}

// v1Promotion is a manager's decision: promote an agent or keep an overdue agent in role.
type v1Promotion struct {
	ID            uint     `gorm:"primaryKey"`
	AgentID       uint     `gorm:"not null;index"`
	Agent         *v1Agent `gorm:"constraint:OnDelete:CASCADE"`
	Kind          string   `gorm:"size:16;not null"` // promote | keep
	FromRole      string   `gorm:"size:32;not null"`
	ToRole        string   `gorm:"size:32"`
	EffectiveDate Date     `gorm:"type:date;not null"`
	ApproverID    uint     `gorm:"not null"`
	Reason        string   `gorm:"size:2000;not null"`
	CreatedAt     time.Time
}

// v1AuditLog is one row of the append-only change log.
type v1AuditLog struct {
	ID        uint      `gorm:"primaryKey"`
	At        time.Time `gorm:"not null;index"`
	UserID    *uint     `gorm:"index"`
	Username  string    `gorm:"size:64;not null"`
	Action    string    `gorm:"size:64;not null;index"`
	Entity    string    `gorm:"size:64;not null"`
	EntityKey string    `gorm:"size:200;not null"`
	Old       string    `gorm:"type:text"`
	New       string    `gorm:"type:text"`
}

// v1PolicyVersion stores one version of the scoring policy as JSON.
type v1PolicyVersion struct {
	Version   int       `gorm:"primaryKey;autoIncrement:false"`
	Data      string    `gorm:"type:text;not null"`
	CreatedAt time.Time `gorm:"not null"`
	CreatedBy string    `gorm:"size:64;not null"`
	Note      string    `gorm:"size:1000"`
}

// v1JobDescription is a job Sullam recruits for.
type v1JobDescription struct {
	ID                 uint   `gorm:"primaryKey"`
	Code               string `gorm:"size:32;not null;uniqueIndex"`
	TitleAr            string `gorm:"size:200;not null"`
	TitleEn            string `gorm:"size:200;not null"`
	LadderRole         string `gorm:"size:32;not null"`
	LocationAr         string `gorm:"size:200"`
	LocationEn         string `gorm:"size:200"`
	PurposeAr          string `gorm:"type:text"`
	PurposeEn          string `gorm:"type:text"`
	ResponsibilitiesAr string `gorm:"type:text"` // one item per line
	ResponsibilitiesEn string `gorm:"type:text"`
	QualificationsAr   string `gorm:"type:text"`
	QualificationsEn   string `gorm:"type:text"`
	SkillsAr           string `gorm:"type:text"`
	SkillsEn           string `gorm:"type:text"`
	Archived           bool   `gorm:"not null;default:false"`
	CreatedAt          time.Time
	UpdatedAt          time.Time
	Version            int `gorm:"not null;default:1"`
}

// v1QuestionCategory groups interview questions (the five of seed 003).
type v1QuestionCategory struct {
	Code   string `gorm:"primaryKey;size:32"`
	NameAr string `gorm:"size:200;not null"`
	NameEn string `gorm:"size:200;not null"`
	Sort   int    `gorm:"not null"`
}

// v1Question is one interview question of the bank.
type v1Question struct {
	ID           uint                `gorm:"primaryKey"`
	Code         string              `gorm:"size:32;uniqueIndex"`
	CategoryCode string              `gorm:"size:32;not null;index"`
	Category     *v1QuestionCategory `gorm:"foreignKey:CategoryCode;references:Code"`
	TextAr       string              `gorm:"type:text;not null"`
	TextEn       string              `gorm:"type:text;not null"`
	Competency   string              `gorm:"size:32;not null"`
	Guide1Ar     string              `gorm:"type:text"`
	Guide1En     string              `gorm:"type:text"`
	Guide3Ar     string              `gorm:"type:text"`
	Guide3En     string              `gorm:"type:text"`
	Guide5Ar     string              `gorm:"type:text"`
	Guide5En     string              `gorm:"type:text"`
	Retired      bool                `gorm:"not null;default:false"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int `gorm:"not null;default:1"`
}

// v1Candidate is a person applying for a job.
type v1Candidate struct {
	ID              uint              `gorm:"primaryKey"`
	FullName        string            `gorm:"size:200;not null"`
	Email           string            `gorm:"size:200;index"`
	Phone           string            `gorm:"size:64;index"`
	JobID           uint              `gorm:"not null;index"`
	Job             *v1JobDescription `gorm:"constraint:OnDelete:RESTRICT"`
	AppliedOn       Date              `gorm:"type:date;not null"`
	Stage           Stage             `gorm:"size:16;not null;default:applied;index"`
	Education       string            `gorm:"size:500"`
	ExperienceYears string            `gorm:"size:16"` // decimal text, e.g. "2.5"
	Languages       string            `gorm:"size:200"`
	Source          string            `gorm:"size:200"`
	Notes           string            `gorm:"type:text"`
	CVName          string            `gorm:"size:260"`
	CVData          []byte
	AgentID         *uint `gorm:"index"`
	Anonymized      bool  `gorm:"not null;default:false"`
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Version         int `gorm:"not null;default:1"`
}

// v1StageChange records one move of a candidate through the pipeline.
type v1StageChange struct {
	ID          uint         `gorm:"primaryKey"`
	CandidateID uint         `gorm:"not null;index"`
	Candidate   *v1Candidate `gorm:"constraint:OnDelete:CASCADE"`
	From        Stage        `gorm:"size:16"`
	To          Stage        `gorm:"size:16;not null"`
	Reason      string       `gorm:"size:1000"`
	On          Date         `gorm:"type:date;not null"`
	ByUserID    uint
	CreatedAt   time.Time
}

// v1Interview is a structured interview of one candidate.
type v1Interview struct {
	ID           uint                    `gorm:"primaryKey"`
	CandidateID  uint                    `gorm:"not null;index"`
	Candidate    *v1Candidate            `gorm:"constraint:OnDelete:CASCADE"`
	ScheduledAt  time.Time               `gorm:"not null"`
	Location     string                  `gorm:"size:200"`
	Questions    []v1InterviewQuestion   `gorm:"foreignKey:InterviewID;constraint:OnDelete:CASCADE"`
	Interviewers []v1InterviewAssignment `gorm:"foreignKey:InterviewID;constraint:OnDelete:CASCADE"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int `gorm:"not null;default:1"`
}

// v1InterviewQuestion is one question of an interview kit.
type v1InterviewQuestion struct {
	InterviewID uint        `gorm:"primaryKey"`
	QuestionID  uint        `gorm:"primaryKey"`
	Question    *v1Question `gorm:"constraint:OnDelete:RESTRICT"`
	Sort        int         `gorm:"not null"`
}

// v1InterviewAssignment assigns one interviewer to an interview and holds their verdict.
type v1InterviewAssignment struct {
	InterviewID    uint    `gorm:"primaryKey"`
	UserID         uint    `gorm:"primaryKey"`
	User           *v1User `gorm:"constraint:OnDelete:RESTRICT"`
	SubmittedAt    *time.Time
	Recommendation Recommendation `gorm:"size:16"`
	Notes          string         `gorm:"type:text"`
}

// v1InterviewScore is one interviewer's 1–5 score of one question.
type v1InterviewScore struct {
	InterviewID uint   `gorm:"primaryKey"`
	QuestionID  uint   `gorm:"primaryKey"`
	UserID      uint   `gorm:"primaryKey"`
	Score       int    `gorm:"not null;check:score_range,score BETWEEN 1 AND 5"`
	Notes       string `gorm:"type:text"`
}

// v1AttendanceDay is one agent's attendance on one date.
type v1AttendanceDay struct {
	ID                uint             `gorm:"primaryKey"`
	AgentID           uint             `gorm:"not null;uniqueIndex:ux_att_agent_date,priority:1"`
	Agent             *v1Agent         `gorm:"constraint:OnDelete:CASCADE"`
	Date              Date             `gorm:"type:date;not null;uniqueIndex:ux_att_agent_date,priority:2"`
	Status            AttendanceStatus `gorm:"size:8;not null"`
	LateMinutes       int              `gorm:"not null;default:0;check:att_late,late_minutes >= 0"`
	EarlyLeaveMinutes int              `gorm:"not null;default:0;check:att_early,early_leave_minutes >= 0"`
}

// v1AuditForm is one version of a quality audit form.
type v1AuditForm struct {
	ID        uint              `gorm:"primaryKey"`
	Code      string            `gorm:"size:32;not null;uniqueIndex:ux_form_code_ver,priority:1"`
	FormVer   int               `gorm:"not null;uniqueIndex:ux_form_code_ver,priority:2"`
	NameAr    string            `gorm:"size:200;not null"`
	NameEn    string            `gorm:"size:200;not null"`
	Items     []v1AuditFormItem `gorm:"foreignKey:FormID;constraint:OnDelete:CASCADE"`
	CreatedAt time.Time
}

// v1AuditFormItem is one item of an audit form.
type v1AuditFormItem struct {
	ID       uint   `gorm:"primaryKey"`
	FormID   uint   `gorm:"not null;uniqueIndex:ux_item_form_code,priority:1"`
	Code     string `gorm:"size:32;not null;uniqueIndex:ux_item_form_code,priority:2"`
	TextAr   string `gorm:"type:text;not null"`
	TextEn   string `gorm:"type:text;not null"`
	Weight   int    `gorm:"not null;check:item_weight,weight > 0"`
	Critical bool   `gorm:"not null;default:false"`
	Sort     int    `gorm:"not null"`
}

// v1Audit is one quality audit of one interaction.
type v1Audit struct {
	ID        uint            `gorm:"primaryKey"`
	Ref       string          `gorm:"size:64;not null;uniqueIndex"`
	AgentID   uint            `gorm:"not null;index:ix_audit_agent_date,priority:1"`
	Agent     *v1Agent        `gorm:"constraint:OnDelete:CASCADE"`
	FormID    uint            `gorm:"not null;index"`
	Form      *v1AuditForm    `gorm:"constraint:OnDelete:RESTRICT"`
	AuditDate Date            `gorm:"type:date;not null;index:ix_audit_agent_date,priority:2;index:ix_audit_date"`
	Channel   Channel         `gorm:"size:16;not null"`
	Auditor   string          `gorm:"size:200"`
	Notes     string          `gorm:"type:text"`
	Results   []v1AuditResult `gorm:"foreignKey:AuditID;constraint:OnDelete:CASCADE"`
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int `gorm:"not null;default:1"`
}

// v1AuditResult is the answer to one item in one audit.
type v1AuditResult struct {
	AuditID uint             `gorm:"primaryKey"`
	ItemID  uint             `gorm:"primaryKey"`
	Item    *v1AuditFormItem `gorm:"foreignKey:ItemID;constraint:OnDelete:RESTRICT"`
	Answer  Answer           `gorm:"size:4;not null"`
}

// v1WeeklyReport is an agent's report of one work week to their supervisor.
type v1WeeklyReport struct {
	ID            uint     `gorm:"primaryKey"`
	AgentID       uint     `gorm:"not null;uniqueIndex:ux_weekly_agent_week,priority:1"`
	Agent         *v1Agent `gorm:"constraint:OnDelete:CASCADE"`
	WeekStart     Date     `gorm:"type:date;not null;uniqueIndex:ux_weekly_agent_week,priority:2;index:ix_weekly_week"`
	SubmittedOn   Date     `gorm:"type:date;not null"`
	Interactions  *int     `gorm:"check:wr_inter,interactions >= 0"`
	Summary       string   `gorm:"type:text"`
	TasksDone     string   `gorm:"type:text"`
	Issues        string   `gorm:"type:text"`
	Suggestions   string   `gorm:"type:text"`
	Rating        *int     `gorm:"check:wr_rating,rating BETWEEN 1 AND 5"`
	RatingComment string   `gorm:"type:text"`
	RatedBy       *uint
	RatedAt       *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int `gorm:"not null;default:1"`
}

// v1Competency is one competency a supervisor rates in a review.
type v1Competency struct {
	Code          string `gorm:"primaryKey;size:32"`
	NameAr        string `gorm:"size:200;not null"`
	NameEn        string `gorm:"size:200;not null"`
	DescriptionAr string `gorm:"type:text"`
	DescriptionEn string `gorm:"type:text"`
	Weight        int    `gorm:"not null;default:1;check:comp_weight,weight > 0"`
	Sort          int    `gorm:"not null"`
	Active        bool   `gorm:"not null;default:true"`
}

// v1Review is a supervisor's review of one agent.
type v1Review struct {
	ID         uint             `gorm:"primaryKey"`
	AgentID    uint             `gorm:"not null;index:ix_review_agent_date,priority:1"`
	Agent      *v1Agent         `gorm:"constraint:OnDelete:CASCADE"`
	ReviewDate Date             `gorm:"type:date;not null;index:ix_review_agent_date,priority:2;index:ix_review_date"`
	Period     string           `gorm:"size:32"`
	ReviewerID *uint            `gorm:"index"` // the reviewing agent (supervisor), when known
	Comments   string           `gorm:"type:text"`
	Ratings    []v1ReviewRating `gorm:"foreignKey:ReviewID;constraint:OnDelete:CASCADE"`
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Version    int `gorm:"not null;default:1"`
}

// v1ReviewRating is the 1–5 rating of one competency in one review.
type v1ReviewRating struct {
	ReviewID       uint   `gorm:"primaryKey"`
	CompetencyCode string `gorm:"primaryKey;size:32"`
	Rating         int    `gorm:"not null;check:rr_rating,rating BETWEEN 1 AND 5"`
}

// v1Evaluation is a finalized annual evaluation snapshot of one agent and year.
// Scores are hundredths (9750 = 97.50).
type v1Evaluation struct {
	ID            uint     `gorm:"primaryKey"`
	AgentID       uint     `gorm:"not null;uniqueIndex:ux_eval_agent_year,priority:1"`
	Agent         *v1Agent `gorm:"constraint:OnDelete:CASCADE"`
	Year          int      `gorm:"not null;uniqueIndex:ux_eval_agent_year,priority:2"`
	Attendance    int64    `gorm:"not null"`
	Quality       int64    `gorm:"not null"`
	Weekly        int64    `gorm:"not null"`
	Supervisor    int64    `gorm:"not null"`
	Annual        int64    `gorm:"not null;check:eval_annual,annual BETWEEN 0 AND 10000"`
	PolicyVersion int      `gorm:"not null"`
	// InputsDigest is a digest of the year's inputs at finalization, to detect later changes.
	InputsDigest string    `gorm:"size:64;not null"`
	Explanation  string    `gorm:"type:text"` // JSON of the components' explanations
	FinalizedAt  time.Time `gorm:"not null"`
	FinalizedBy  uint      `gorm:"not null"`
	Version      int       `gorm:"not null;default:1"`
}
