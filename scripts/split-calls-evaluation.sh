#!/usr/bin/env bash
# split-calls-evaluation.sh moves the evaluation area's methods off *store.Store
# (issue 15) and rewrites their call sites. Re-runnable: after merging main,
# run it again to move call sites others added meanwhile (it changes only
# what is still in the old form).
#
#  1. store/*.go: `func (s *Store) M(` becomes `func (wk *Work) M(` or
#     `func (es *Evaluations) M(` with a first line `s := wk.s` (the body
#     stays byte-identical).
#  2. Every .go file: a call `X.M(` where X is one of the *store.Store
#     expressions the code uses (st, s, f.s, w.st, c.st, d.Store, ...)
#     becomes `X.Work().M(` or `X.Evaluations().M(`. Calls through a
#     screen's narrow interface (t.st, p.st, h.st, s.dec, src) are left
#     alone: those interfaces are satisfied by the area types.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK='AttendanceYear|AttendanceOn|CorrectAttendance|ListAuditForms|LatestForms|AuditFormByID|SaveAuditForm|FormItemCodes|EnterAudit|ListAudits|DeleteAudit|AgentsFor|SaveReview|ListReviews|DeleteReview|ThisWeek|OpenWeeks|SubmitWeekly|MyWeeklyReports|RatingQueue|RateWeekly|MissingReports|AgentAudits|AgentWeeklyReports|AgentReviews'
EVAL='EvaluateYear|AgentYears|Finalize|Reopen|Promotions|FinalizeAll|DecidePromotion|KeepInRole|PromotionHistory|Dashboard|HomeCounts|Inbox|EvaluationYears'
# The expressions that hold a *store.Store at the call sites.
RECV='st|s|f\.s|f\.st|f\.owner|desk|r|w\.st|c\.st|d\.Store|t\.deps\.Store|wd\.st|s\.c\.st|fx\.st|e\.st'

export WORK EVAL RECV

# 1. Receivers.
perl -0pi -e '
  s/^func \(s \*Store\) ThisWeek\(\) models\.Date \{ return models\.DateOf\(s\.now\(\)\)\.WeekStart\(\) \}$/func (wk *Work) ThisWeek() models.Date { return models.DateOf(wk.s.now()).WeekStart() }/mg;
  s/^func \(s \*Store\) ($ENV{WORK})\((.*)\{\n/func (wk *Work) $1($2\{\n\ts := wk.s\n/mg;
  s/^func \(s \*Store\) ($ENV{EVAL})\((.*)\{\n/func (es *Evaluations) $1($2\{\n\ts := es.s\n/mg;
' store/*.go

# 2. Call sites.
files=$(git ls-files '*.go')
perl -pi -e '
  s/(?<![\w.])((?:$ENV{RECV})\.)($ENV{WORK})\(/$1Work().$2(/g;
  s/(?<![\w.])((?:$ENV{RECV})\.)($ENV{EVAL})\(/$1Evaluations().$2(/g;
' $files

# 3. A *store.Store handed to a screen or a report: a screen of one area
# takes the area, a screen spanning the store and its areas takes
# evalAreas(st) (ui/areas.go), a report takes report.StoreSource(st).
uifiles=$(git ls-files 'ui/*.go')
perl -pi -e '
  s/\b(newRatingQueueScreen|newWeeklyReportScreen|newAuditFormsScreen)\(((?:$ENV{RECV})),/$1($2.Work(),/g;
  s/\b(newAuditsScreen|newReviewsScreen|NewHome)\(((?:$ENV{RECV})),/$1(evalAreas($2),/g;
  s/\b(newAnnual|newAttendance|newAgentsScreen|newAgentProfile)\(([\w.]+|Deps\{[^{}]*\}), ((?:$ENV{RECV}))([,)])/$1($2, evalAreas($3)$4/g;
  s/\bnewPromotionsScreen\(((?:$ENV{RECV})), \1,/newPromotionsScreen(evalAreas($1), $1.Evaluations(),/g;
  s/\breport\.(LoadEvaluation|LoadBoard)\(((?:$ENV{RECV})),/report.$1(evalAreas($2),/g;
' $uifiles
perl -pi -e '
  s/\breport\.(LoadEvaluation|LoadBoard)\(((?:$ENV{RECV})),/report.$1(report.StoreSource($2),/g;
' $(git ls-files 'cli/*.go')
gofmt -w $files
