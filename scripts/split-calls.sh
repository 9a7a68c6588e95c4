#!/usr/bin/env bash
# split-calls.sh rewrites the call sites of the methods that moved from
# *store.Store to the store's area types (issue 15): st.ListJobs(…) →
# st.Recruitment().ListJobs(…), st.EnterAudit(…) → st.Work().EnterAudit(…),
# st.Promotions(…) → st.Evaluations().Promotions(…), st.SignIn(…) →
# st.Accounts().SignIn(…), everywhere in the module, tests included.
# Type-aware (internal/tools/splitcalls): only receivers of type store.Store or
# *store.Store are rewritten. Idempotent: run it again after merging a
# branch written against the old calls.
#
# A value of type *store.Store passed where a screen's interface of moved
# methods is wanted is a compile error to fix by hand:
# ui/recruitment/recruitment.go's recruitmentOf(st),
# ui/widgets/import_buttons.go's ImportsOf(st) and ui/widgets/areas.go's
# EvalAreas(st) and WithAccounts(st) adapt it.
#
# Usage, from anywhere: bash scripts/split-calls.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
recruitment=ListJobs,Job,SaveJob,JobFromTemplate,SetJobArchived,ListQuestionCategories,ListQuestions,SaveQuestion,SetQuestionRetired
recruitment+=,ListCandidates,Candidate,Duplicates,SaveCandidate,SetCV,CV,MoveStage,StageHistory,PipelineCounts,Hire
recruitment+=,ImportCandidates,ImportJobs,ImportQuestions
recruitment+=,Interviewers,AutoPickQuestions,ScheduleInterview,Kit,SaveScore,SubmitFeedback,MyInterviews,CandidateInterviews,Result,Compare
recruitment+=,ExportCandidate,CandidateSubject,DeleteCandidate,AnonymiseCandidate,AnonymiseRejectedBefore
recruitment+=,RetentionMonths,SetRetentionMonths,AutoRetention,AutoRetentionIfIdle
recruitment+=,HireQuality,HireTimeline,ExportCandidates,ExportJobs,ExportQuestions
work=AttendanceYear,AttendanceOn,CorrectAttendance,ListAuditForms,LatestForms,AuditFormByID,SaveAuditForm,FormItemCodes
work+=,EnterAudit,ListAudits,DeleteAudit,AgentsFor,SaveReview,ListReviews,DeleteReview,ThisWeek,OpenWeeks,SubmitWeekly
work+=,MyWeeklyReports,RatingQueue,RateWeekly,MissingReports,AgentAudits,AgentWeeklyReports,AgentReviews
evaluations=EvaluateYear,AgentYears,Finalize,Reopen,Promotions,FinalizeAll,DecidePromotion,KeepInRole,PromotionHistory
evaluations+=,Dashboard,HomeCounts,Inbox,EvaluationYears
accounts=OnSessionUsed,OnSessionExpired,CheckSession,SignOut,HasUsableAccounts,HasUsers,HasAdmin,CreateFirstAdmin
accounts+=,CreateUser,UpdateUser,SetPassword,SetLanguage,ListUsers,UsersWithRole,SignIn
bin=$(mktemp -d)/splitcalls
trap 'rm -rf "$(dirname "$bin")"' EXIT
(cd "$root" && go build -o "$bin" ./internal/tools/splitcalls)
# Two passes: the first fixes the store package itself (its dependents
# cannot be type-checked while it does not compile), the second the rest.
for pass in 1 2; do
	"$bin" -dir "$root" -methods "$recruitment" -accessor Recruitment
	"$bin" -dir "$root" -methods "$work" -accessor Work
	"$bin" -dir "$root" -methods "$evaluations" -accessor Evaluations
	"$bin" -dir "$root" -methods "$accounts" -accessor Accounts
done
