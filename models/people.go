package models

import "time"

// User is a person who signs in to Sullam. One user may hold several roles.
type User struct {
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
	Roles        []UserRole `gorm:"foreignKey:UserID;constraint:OnDelete:CASCADE"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Version      int `gorm:"not null;default:1"`
}

// UserRole grants one application role to one user.
type UserRole struct {
	UserID uint `gorm:"primaryKey"`
	Role   Role `gorm:"primaryKey;size:16"`
}

// HasRole reports whether u holds role r.
func (u User) HasRole(r Role) bool {
	for _, x := range u.Roles {
		if x.Role == r {
			return true
		}
	}
	return false
}

// RoleList returns the roles u holds.
func (u User) RoleList() []Role {
	out := make([]Role, 0, len(u.Roles))
	for _, x := range u.Roles {
		out = append(out, x.Role)
	}
	return out
}

// LadderRole is one step of the career ladder (csr → coordinator → …).
type LadderRole struct {
	Code   string `gorm:"primaryKey;size:32"`
	NameAr string `gorm:"size:200;not null"`
	NameEn string `gorm:"size:200;not null"`
	Rank   int    `gorm:"not null"`
	// NextCode is the next role up; empty at the top of the ladder.
	NextCode string `gorm:"size:32"`
}

// Agent is a customer service employee evaluated by Sullam.
type Agent struct {
	ID            uint        `gorm:"primaryKey"`
	EmployeeNo    string      `gorm:"size:32;not null;uniqueIndex"`
	FullName      string      `gorm:"size:200;not null"`
	HireDate      Date        `gorm:"type:date;not null"`
	Role          string      `gorm:"size:32;not null;index"`
	RoleStartDate Date        `gorm:"type:date;not null"`
	SupervisorID  *uint       `gorm:"index"`
	Supervisor    *Agent      `gorm:"foreignKey:SupervisorID;constraint:OnDelete:SET NULL"`
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

// RoleHistory records each role an agent held on the ladder.
type RoleHistory struct {
	ID        uint   `gorm:"primaryKey"`
	AgentID   uint   `gorm:"not null;index"`
	Agent     *Agent `gorm:"constraint:OnDelete:CASCADE"`
	Role      string `gorm:"size:32;not null"`
	StartDate Date   `gorm:"type:date;not null"`
	EndDate   Date   `gorm:"type:date"`
	Reason    string `gorm:"size:1000"`
	CreatedAt time.Time
}

// Promotion is a manager's decision: promote an agent or keep an overdue agent in role.
type Promotion struct {
	ID            uint   `gorm:"primaryKey"`
	AgentID       uint   `gorm:"not null;index"`
	Agent         *Agent `gorm:"constraint:OnDelete:CASCADE"`
	Kind          string `gorm:"size:16;not null"` // promote | keep
	FromRole      string `gorm:"size:32;not null"`
	ToRole        string `gorm:"size:32"`
	EffectiveDate Date   `gorm:"type:date;not null"`
	ApproverID    uint   `gorm:"not null"`
	Reason        string `gorm:"size:2000;not null"`
	// Exception marks a promotion approved for an agent who was not ready
	// for it; Reason is then the written justification.
	Exception bool `gorm:"not null;default:false"`
	CreatedAt time.Time
}

// AuditLog is one row of the append-only change log.
type AuditLog struct {
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

// PolicyVersion stores one version of the scoring policy as JSON.
type PolicyVersion struct {
	Version   int       `gorm:"primaryKey;autoIncrement:false"`
	Data      string    `gorm:"type:text;not null"`
	CreatedAt time.Time `gorm:"not null"`
	CreatedBy string    `gorm:"size:64;not null"`
	Note      string    `gorm:"size:1000"`
}
