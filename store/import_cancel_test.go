package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"sullam/models"
	"sullam/store"
)

// importTrace is what a cancelled import must leave as it was: the exported
// rows of every kind, their content, and the audit log.
func importTrace(t *testing.T, st *store.Store) string {
	t.Helper()
	a := store.SystemActor("test")
	ag, err1 := st.ExportAgents(t.Context(), a)
	au, err2 := st.ExportAudits(t.Context(), a)
	we, err3 := st.ExportWeekly(t.Context(), a)
	rv, err4 := st.ExportReviews(t.Context(), a)
	ca, err5 := st.Recruitment().ExportCandidates(t.Context(), a)
	jo, err6 := st.Recruitment().ExportJobs(t.Context(), a)
	qu, err7 := st.Recruitment().ExportQuestions(t.Context(), a)
	var att []models.AttendanceRow
	err8 := st.EachAttendance(t.Context(), a, func(r models.AttendanceRow) error { att = append(att, r); return nil })
	logs, err9 := st.AuditLog(t.Context(), a, store.AuditFilter{Limit: 1 << 30})
	if err := errors.Join(err1, err2, err3, err4, err5, err6, err7, err8, err9); err != nil {
		t.Fatalf("read the store: %v", err)
	}
	var sb strings.Builder
	for _, v := range []any{ag, au, we, rv, ca, jo, qu, att} {
		b, err := json.Marshal(v) // pointers written as what they point at
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	fmt.Fprintf(&sb, "log %d", len(logs))
	return sb.String()
}

// editedDemo returns one changed row of each kind of d (so that an import
// of it updates the store), as the import call of its kind with src.
func editedDemo(t *testing.T, st *store.Store) map[models.ImportKind]func(src store.ImportSource) (models.ImportResult, error) {
	t.Helper()
	a := store.SystemActor("test")
	agents, _ := st.ExportAgents(t.Context(), a)
	ag := agents[1]
	ag.Agent.FullName += " (edited)"
	var att []models.AttendanceRow
	st.EachAttendance(t.Context(), a, func(r models.AttendanceRow) error { att = append(att, r); return nil })
	day := att[0]
	day.Day.LateMinutes += 7
	audits, _ := st.ExportAudits(t.Context(), a)
	au := audits[0]
	au.Audit.Notes += " edited"
	weekly, _ := st.ExportWeekly(t.Context(), a)
	wk := weekly[0]
	wk.Report.Summary += " edited"
	reviews, _ := st.ExportReviews(t.Context(), a)
	rv := reviews[0]
	rv.Review.Comments += " edited"
	cands, _ := st.Recruitment().ExportCandidates(t.Context(), a)
	var c models.CandidateRow
	for _, x := range cands {
		if x.Candidate.Email != "" {
			c = x
			break
		}
	}
	c.Candidate.Notes += " edited"
	jobs, _ := st.Recruitment().ExportJobs(t.Context(), a)
	jb := jobs[0]
	jb.Job.TitleEn += " edited"
	qs, _ := st.Recruitment().ExportQuestions(t.Context(), a)
	q := qs[0]
	q.Question.TextEn += " edited"
	return map[models.ImportKind]func(src store.ImportSource) (models.ImportResult, error){
		models.KindAgents: func(src store.ImportSource) (models.ImportResult, error) {
			return st.ImportAgents(a, src, []models.AgentRow{ag})
		},
		models.KindAttendance: func(src store.ImportSource) (models.ImportResult, error) {
			return st.ImportAttendance(a, src, []models.AttendanceRow{day}, nil)
		},
		models.KindAudits: func(src store.ImportSource) (models.ImportResult, error) {
			return st.ImportAudits(a, src, []models.AuditRow{au})
		},
		models.KindWeekly: func(src store.ImportSource) (models.ImportResult, error) {
			return st.ImportWeekly(a, src, []models.WeeklyRow{wk})
		},
		models.KindReviews: func(src store.ImportSource) (models.ImportResult, error) {
			return st.ImportReviews(a, src, []models.ReviewRow{rv})
		},
		models.KindCandidates: func(src store.ImportSource) (models.ImportResult, error) {
			return st.Recruitment().ImportCandidates(a, src, []models.CandidateRow{c})
		},
		models.KindJobs: func(src store.ImportSource) (models.ImportResult, error) {
			return st.Recruitment().ImportJobs(a, src, []models.JobRow{jb})
		},
		models.KindQuestions: func(src store.ImportSource) (models.ImportResult, error) {
			return st.Recruitment().ImportQuestions(a, src, []models.QuestionRow{q})
		},
	}
}

// Rule (issue 13, the import dialog's Cancel): an import of any kind whose
// ImportSource.Ctx is cancelled writes nothing — no row, no audit-log
// entry — and its error wraps context.Canceled; the same file imported
// without cancelling then updates the store (so the cancelled one would
// have written).
func TestImportCancelledWritesNothing(t *testing.T) {
	for name, open := range reimportStores(t) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			loadSmallDemo(t, st)
			imports := editedDemo(t, st)
			for _, kind := range models.ImportKinds {
				run := imports[kind]
				if run == nil {
					t.Fatalf("no import of %s in the test", kind)
				}
				before := importTrace(t, st)
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				res, err := run(store.ImportSource{File: "cancelled.csv", Ctx: ctx})
				if !errors.Is(err, context.Canceled) || res != (models.ImportResult{}) {
					t.Errorf("%s cancelled: %+v, %v; want nothing and context.Canceled", kind, res, err)
				}
				if after := importTrace(t, st); after != before {
					t.Errorf("%s: a cancelled import changed the store:\n%s", kind, firstDiff(before, after))
				}
				res, err = run(store.ImportSource{File: "kept.csv", Ctx: context.Background()})
				if err != nil || res.Updated != 1 {
					t.Errorf("%s not cancelled: %+v, %v; want 1 updated", kind, res, err)
				}
			}
		})
	}
}

// Rule: a streamed import (attendance, weekly reports) cancelled while it
// runs — after its first chunk is written, and after its last one — stops
// and rolls back what it had written: the store is as before and the error
// wraps context.Canceled.
func TestImportStreamCancelledMidway(t *testing.T) {
	for name, open := range reimportStores(t) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			loadSmallDemo(t, st)
			a := store.SystemActor("test")
			var att []models.AttendanceRow
			st.EachAttendance(t.Context(), a, func(r models.AttendanceRow) error { att = append(att, r); return nil })
			att = att[:30]
			for i := range att {
				att[i].Day.LateMinutes += 3
			}
			weekly, _ := st.ExportWeekly(t.Context(), a)
			weekly = weekly[:min(30, len(weekly))]
			for i := range weekly {
				weekly[i].Report.Summary += " (late edit)"
			}
			chunks := func(n int) [][2]int {
				var out [][2]int
				for s := 0; s < 30; s += n {
					out = append(out, [2]int{s, min(s+n, 30)})
				}
				return out
			}
			for _, cut := range []struct {
				what  string
				chunk int
			}{{"after the first of three chunks", 10}, {"after the only chunk", 30}} {
				before := importTrace(t, st)
				ctx, cancel := context.WithCancel(context.Background())
				ach := make(chan []models.AttendanceRow)
				go func() {
					defer close(ach)
					for _, c := range chunks(cut.chunk) {
						ach <- att[c[0]:c[1]]
					}
				}()
				calls := 0
				_, err := st.ImportAttendanceStream(a, store.ImportSource{File: "a.csv", Ctx: ctx},
					store.Feed[models.AttendanceRow]{Chunks: ach, Total: len(att)}, func(done, total int) {
						calls++
						cancel()
					})
				if !errors.Is(err, context.Canceled) || calls != 1 {
					t.Errorf("attendance cancelled %s: %v after %d chunks written; want context.Canceled after 1", cut.what, err, calls)
				}
				if importTrace(t, st) != before {
					t.Errorf("attendance cancelled %s: the store changed", cut.what)
				}

				ctx, cancel = context.WithCancel(context.Background())
				wch := make(chan []models.WeeklyRow)
				go func() {
					defer close(wch)
					for _, c := range chunks(cut.chunk) {
						if c[1] <= len(weekly) {
							wch <- weekly[c[0]:c[1]]
						}
					}
				}()
				calls = 0
				_, err = st.ImportWeeklyStream(a, store.ImportSource{File: "w.csv", Ctx: ctx},
					store.Feed[models.WeeklyRow]{Chunks: wch, Total: len(weekly)}, func(done, total int) {
						calls++
						cancel()
					})
				if !errors.Is(err, context.Canceled) || calls != 1 {
					t.Errorf("weekly cancelled %s: %v after %d chunks written; want context.Canceled after 1", cut.what, err, calls)
				}
				if importTrace(t, st) != before {
					t.Errorf("weekly cancelled %s: the store changed", cut.what)
				}
			}
			// not cancelled, the same rows update the store
			res, err := st.ImportAttendance(a, store.ImportSource{File: "a.csv"}, att, nil)
			if err != nil || res.Updated != len(att) {
				t.Errorf("attendance not cancelled: %+v, %v; want %d updated", res, err, len(att))
			}
		})
	}
}

// firstDiff returns the first line where a and b differ, from each.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("before: %.300s\nafter:  %.300s", la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines before, %d after", len(la), len(lb))
}
