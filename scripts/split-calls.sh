#!/usr/bin/env bash
# split-calls.sh rewrites the call sites of the methods that moved from
# *store.Store to the recruitment area (store.Recruitment, issue 15):
# st.ListJobs(…) → st.Recruitment().ListJobs(…), everywhere in the module,
# tests included. Type-aware (scripts/splitcalls): only receivers of type
# store.Store or *store.Store are rewritten. Idempotent: run it again after
# merging main, when others have added call sites.
#
# A value of type *store.Store passed where a screen's interface of moved
# methods is wanted is a compile error to fix by hand: ui/recruitment.go's
# recruitmentOf(st) and ui/import_flow.go's importsOf(st) adapt it.
#
# Usage, from anywhere: bash scripts/split-calls.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
methods=ListJobs,Job,SaveJob,JobFromTemplate,SetJobArchived,ListQuestionCategories,ListQuestions,SaveQuestion,SetQuestionRetired
methods+=,ListCandidates,Candidate,Duplicates,SaveCandidate,SetCV,CV,MoveStage,StageHistory,PipelineCounts,Hire
methods+=,ImportCandidates,ImportJobs,ImportQuestions
methods+=,Interviewers,AutoPickQuestions,ScheduleInterview,Kit,SaveScore,SubmitFeedback,MyInterviews,CandidateInterviews,Result,Compare
methods+=,ExportCandidate,CandidateSubject,DeleteCandidate,AnonymiseCandidate,AnonymiseRejectedBefore
methods+=,RetentionMonths,SetRetentionMonths,AutoRetention,AutoRetentionIfIdle
methods+=,HireQuality,HireTimeline,ExportCandidates,ExportJobs,ExportQuestions
bin=$(mktemp -d)/splitcalls
trap 'rm -rf "$(dirname "$bin")"' EXIT
(cd "$root/scripts/splitcalls" && go build -o "$bin" .)
# Two passes: the first fixes the store package itself (its dependents
# cannot be type-checked while it does not compile), the second the rest.
for pass in 1 2; do
	"$bin" -dir "$root" -methods "$methods" -accessor Recruitment
done
