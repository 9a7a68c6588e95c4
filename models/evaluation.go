package models

import "time"

// AttendanceDay is one agent's attendance on one date.
type AttendanceDay struct {
	ID                uint             `gorm:"primaryKey"`
	AgentID           uint             `gorm:"not null;uniqueIndex:ux_att_agent_date,priority:1"`
	Agent             *Agent           `gorm:"constraint:OnDelete:CASCADE"`
	Date              Date             `gorm:"type:date;not null;uniqueIndex:ux_att_agent_date,priority:2"`
	Status            AttendanceStatus `gorm:"size:8;not null"`
	LateMinutes       int              `gorm:"not null;default:0;check:att_late,late_minutes >= 0"`
	EarlyLeaveMinutes int              `gorm:"not null;default:0;check:att_early,early_leave_minutes >= 0"`
}

// AuditForm is one version of a quality audit form.
type AuditForm struct {
	ID        uint            `gorm:"primaryKey"`
	Code      string          `gorm:"size:32;not null;uniqueIndex:ux_form_code_ver,priority:1"`
	FormVer   int             `gorm:"not null;uniqueIndex:ux_form_code_ver,priority:2"`
	NameAr    string          `gorm:"size:200;not null"`
	NameEn    string          `gorm:"size:200;not null"`
	Items     []AuditFormItem `gorm:"foreignKey:FormID;constraint:OnDelete:CASCADE"`
	CreatedAt time.Time
	// Version is the optimistic version of in-place edits (migration 0004).
	Version int `gorm:"not null;default:1"`
}

// AuditFormItem is one item of an audit form.
type AuditFormItem struct {
	ID       uint   `gorm:"primaryKey"`
	FormID   uint   `gorm:"not null;uniqueIndex:ux_item_form_code,priority:1"`
	Code     string `gorm:"size:32;not null;uniqueIndex:ux_item_form_code,priority:2"`
	TextAr   string `gorm:"type:text;not null"`
	TextEn   string `gorm:"type:text;not null"`
	Weight   int    `gorm:"not null;check:item_weight,weight > 0"`
	Critical bool   `gorm:"not null;default:false"`
	Sort     int    `gorm:"not null"`
}

// Audit is one quality audit of one interaction.
type Audit struct {
	ID        uint          `gorm:"primaryKey"`
	Ref       string        `gorm:"size:64;not null;uniqueIndex"`
	AgentID   uint          `gorm:"not null;index:ix_audit_agent_date,priority:1"`
	Agent     *Agent        `gorm:"constraint:OnDelete:CASCADE"`
	FormID    uint          `gorm:"not null;index"`
	Form      *AuditForm    `gorm:"constraint:OnDelete:RESTRICT"`
	AuditDate Date          `gorm:"type:date;not null;index:ix_audit_agent_date,priority:2;index:ix_audit_date"`
	Channel   Channel       `gorm:"size:16;not null"`
	Auditor   string        `gorm:"size:200"`
	Notes     string        `gorm:"type:text"`
	Results   []AuditResult `gorm:"foreignKey:AuditID;constraint:OnDelete:CASCADE"`
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int `gorm:"not null;default:1"`
}

// AuditResult is the answer to one item in one audit.
type AuditResult struct {
	AuditID uint           `gorm:"primaryKey"`
	ItemID  uint           `gorm:"primaryKey"`
	Item    *AuditFormItem `gorm:"foreignKey:ItemID;constraint:OnDelete:RESTRICT"`
	Answer  Answer         `gorm:"size:4;not null"`
}

// WeeklyReport is an agent's report of one work week to their supervisor.
type WeeklyReport struct {
	ID            uint   `gorm:"primaryKey"`
	AgentID       uint   `gorm:"not null;uniqueIndex:ux_weekly_agent_week,priority:1"`
	Agent         *Agent `gorm:"constraint:OnDelete:CASCADE"`
	WeekStart     Date   `gorm:"type:date;not null;uniqueIndex:ux_weekly_agent_week,priority:2"`
	SubmittedOn   Date   `gorm:"type:date;not null"`
	Interactions  *int   `gorm:"check:wr_inter,interactions >= 0"`
	Summary       string `gorm:"type:text"`
	TasksDone     string `gorm:"type:text"`
	Issues        string `gorm:"type:text"`
	Suggestions   string `gorm:"type:text"`
	Rating        *int   `gorm:"check:wr_rating,rating BETWEEN 1 AND 5"`
	RatingComment string `gorm:"type:text"`
	RatedBy       *uint
	RatedAt       *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int `gorm:"not null;default:1"`
}

// Competency is one competency a supervisor rates in a review.
type Competency struct {
	Code          string `gorm:"primaryKey;size:32"`
	NameAr        string `gorm:"size:200;not null"`
	NameEn        string `gorm:"size:200;not null"`
	DescriptionAr string `gorm:"type:text"`
	DescriptionEn string `gorm:"type:text"`
	Weight        int    `gorm:"not null;default:1;check:comp_weight,weight > 0"`
	Sort          int    `gorm:"not null"`
	Active        bool   `gorm:"not null;default:true"`
}

// Review is a supervisor's review of one agent.
type Review struct {
	ID         uint   `gorm:"primaryKey"`
	AgentID    uint   `gorm:"not null;index:ix_review_agent_date,priority:1"`
	Agent      *Agent `gorm:"constraint:OnDelete:CASCADE"`
	ReviewDate Date   `gorm:"type:date;not null;index:ix_review_agent_date,priority:2;index:ix_review_date"`
	Period     string `gorm:"size:32"`
	ReviewerID *uint  `gorm:"index"` // the reviewing agent (supervisor), when known
	Comments   string `gorm:"type:text"`
	// Probation marks the 90-day review of a new hire (migration 0014); it
	// does not count in the annual supervisor score.
	Probation bool           `gorm:"not null;default:false"`
	Ratings   []ReviewRating `gorm:"foreignKey:ReviewID;constraint:OnDelete:CASCADE"`
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int `gorm:"not null;default:1"`
}

// ReviewRating is the 1–5 rating of one competency in one review.
type ReviewRating struct {
	ReviewID       uint   `gorm:"primaryKey"`
	CompetencyCode string `gorm:"primaryKey;size:32"`
	Rating         int    `gorm:"not null;check:rr_rating,rating BETWEEN 1 AND 5"`
}

// Evaluation is a finalized annual evaluation snapshot of one agent and year.
// Scores are hundredths (9750 = 97.50).
type Evaluation struct {
	ID            uint   `gorm:"primaryKey"`
	AgentID       uint   `gorm:"not null;uniqueIndex:ux_eval_agent_year,priority:1"`
	Agent         *Agent `gorm:"constraint:OnDelete:CASCADE"`
	Year          int    `gorm:"not null;uniqueIndex:ux_eval_agent_year,priority:2"`
	Attendance    int64  `gorm:"not null"`
	Quality       int64  `gorm:"not null"`
	Weekly        int64  `gorm:"not null"`
	Supervisor    int64  `gorm:"not null"`
	Annual        int64  `gorm:"not null;check:eval_annual,annual BETWEEN 0 AND 10000"`
	PolicyVersion int    `gorm:"not null"`
	// InputsDigest is a digest of the year's inputs at finalization, to detect later changes.
	InputsDigest string    `gorm:"size:64;not null"`
	Explanation  string    `gorm:"type:text"` // JSON of the components' explanations
	FinalizedAt  time.Time `gorm:"not null"`
	FinalizedBy  uint      `gorm:"not null"`
	Version      int       `gorm:"not null;default:1"`
}
