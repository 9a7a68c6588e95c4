package models

import "time"

// JobDescription is a job Sullam recruits for.
type JobDescription struct {
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

// QuestionCategory groups interview questions (the five of seed 003).
type QuestionCategory struct {
	Code   string `gorm:"primaryKey;size:32"`
	NameAr string `gorm:"size:200;not null"`
	NameEn string `gorm:"size:200;not null"`
	Sort   int    `gorm:"not null"`
}

// Question is one interview question of the bank.
type Question struct {
	ID           uint              `gorm:"primaryKey"`
	Code         string            `gorm:"size:32;uniqueIndex"`
	CategoryCode string            `gorm:"size:32;not null;index"`
	Category     *QuestionCategory `gorm:"foreignKey:CategoryCode;references:Code"`
	TextAr       string            `gorm:"type:text;not null"`
	TextEn       string            `gorm:"type:text;not null"`
	Competency   string            `gorm:"size:32;not null"`
	Guide1Ar     string            `gorm:"type:text"`
	Guide1En     string            `gorm:"type:text"`
	Guide3Ar     string            `gorm:"type:text"`
	Guide3En     string            `gorm:"type:text"`
	Guide5Ar     string            `gorm:"type:text"`
	Guide5En     string            `gorm:"type:text"`
	Retired      bool              `gorm:"not null;default:false"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int `gorm:"not null;default:1"`
}

// Candidate is a person applying for a job.
type Candidate struct {
	ID              uint            `gorm:"primaryKey"`
	FullName        string          `gorm:"size:200;not null"`
	Email           string          `gorm:"size:200;index"`
	Phone           string          `gorm:"size:64;index"`
	JobID           uint            `gorm:"not null;index"`
	Job             *JobDescription `gorm:"constraint:OnDelete:RESTRICT"`
	AppliedOn       Date            `gorm:"type:date;not null"`
	Stage           Stage           `gorm:"size:16;not null;default:applied;index"`
	Education       string          `gorm:"size:500"`
	ExperienceYears string          `gorm:"size:16"` // decimal text, e.g. "2.5"
	Languages       string          `gorm:"size:200"`
	Source          string          `gorm:"size:200"`
	Notes           string          `gorm:"type:text"`
	CVName          string          `gorm:"size:260"`
	CVData          []byte
	AgentID         *uint `gorm:"index"`
	Anonymized      bool  `gorm:"not null;default:false"`
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Version         int `gorm:"not null;default:1"`
}

// StageChange records one move of a candidate through the pipeline.
type StageChange struct {
	ID          uint       `gorm:"primaryKey"`
	CandidateID uint       `gorm:"not null;index"`
	Candidate   *Candidate `gorm:"constraint:OnDelete:CASCADE"`
	From        Stage      `gorm:"size:16"`
	To          Stage      `gorm:"size:16;not null"`
	Reason      string     `gorm:"size:1000"`
	On          Date       `gorm:"type:date;not null"`
	ByUserID    uint
	CreatedAt   time.Time
}

// Interview is a structured interview of one candidate.
type Interview struct {
	ID           uint                  `gorm:"primaryKey"`
	CandidateID  uint                  `gorm:"not null;index"`
	Candidate    *Candidate            `gorm:"constraint:OnDelete:CASCADE"`
	ScheduledAt  time.Time             `gorm:"not null"`
	Location     string                `gorm:"size:200"`
	Questions    []InterviewQuestion   `gorm:"foreignKey:InterviewID;constraint:OnDelete:CASCADE"`
	Interviewers []InterviewAssignment `gorm:"foreignKey:InterviewID;constraint:OnDelete:CASCADE"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int `gorm:"not null;default:1"`
}

// InterviewQuestion is one question of an interview kit.
type InterviewQuestion struct {
	InterviewID uint      `gorm:"primaryKey"`
	QuestionID  uint      `gorm:"primaryKey"`
	Question    *Question `gorm:"constraint:OnDelete:RESTRICT"`
	Sort        int       `gorm:"not null"`
}

// InterviewAssignment assigns one interviewer to an interview and holds their verdict.
type InterviewAssignment struct {
	InterviewID    uint  `gorm:"primaryKey"`
	UserID         uint  `gorm:"primaryKey"`
	User           *User `gorm:"constraint:OnDelete:RESTRICT"`
	SubmittedAt    *time.Time
	Recommendation Recommendation `gorm:"size:16"`
	Notes          string         `gorm:"type:text"`
}

// InterviewScore is one interviewer's 1–5 score of one question.
type InterviewScore struct {
	InterviewID uint   `gorm:"primaryKey"`
	QuestionID  uint   `gorm:"primaryKey"`
	UserID      uint   `gorm:"primaryKey"`
	Score       int    `gorm:"not null;check:score_range,score BETWEEN 1 AND 5"`
	Notes       string `gorm:"type:text"`
}
