package migrations

func (v1User) TableName() string                { return "users" }
func (v1UserRole) TableName() string            { return "user_roles" }
func (v1LadderRole) TableName() string          { return "ladder_roles" }
func (v1Agent) TableName() string               { return "agents" }
func (v1RoleHistory) TableName() string         { return "role_histories" }
func (v1Promotion) TableName() string           { return "promotions" }
func (v1AuditLog) TableName() string            { return "audit_logs" }
func (v1PolicyVersion) TableName() string       { return "policy_versions" }
func (v1JobDescription) TableName() string      { return "job_descriptions" }
func (v1QuestionCategory) TableName() string    { return "question_categories" }
func (v1Question) TableName() string            { return "questions" }
func (v1Candidate) TableName() string           { return "candidates" }
func (v1StageChange) TableName() string         { return "stage_changes" }
func (v1Interview) TableName() string           { return "interviews" }
func (v1InterviewQuestion) TableName() string   { return "interview_questions" }
func (v1InterviewAssignment) TableName() string { return "interview_assignments" }
func (v1InterviewScore) TableName() string      { return "interview_scores" }
func (v1AttendanceDay) TableName() string       { return "attendance_days" }
func (v1AuditForm) TableName() string           { return "audit_forms" }
func (v1AuditFormItem) TableName() string       { return "audit_form_items" }
func (v1Audit) TableName() string               { return "audits" }
func (v1AuditResult) TableName() string         { return "audit_results" }
func (v1WeeklyReport) TableName() string        { return "weekly_reports" }
func (v1Competency) TableName() string          { return "competencies" }
func (v1Review) TableName() string              { return "reviews" }
func (v1ReviewRating) TableName() string        { return "review_ratings" }
func (v1Evaluation) TableName() string          { return "evaluations" }

// v0001Models lists the frozen structs of migration 0001 in creation order.
var v0001Models = []any{
	&v1User{},
	&v1UserRole{},
	&v1LadderRole{},
	&v1Agent{},
	&v1RoleHistory{},
	&v1Promotion{},
	&v1AuditLog{},
	&v1PolicyVersion{},
	&v1JobDescription{},
	&v1QuestionCategory{},
	&v1Question{},
	&v1Candidate{},
	&v1StageChange{},
	&v1Interview{},
	&v1InterviewQuestion{},
	&v1InterviewAssignment{},
	&v1InterviewScore{},
	&v1AttendanceDay{},
	&v1AuditForm{},
	&v1AuditFormItem{},
	&v1Audit{},
	&v1AuditResult{},
	&v1WeeklyReport{},
	&v1Competency{},
	&v1Review{},
	&v1ReviewRating{},
	&v1Evaluation{},
}
