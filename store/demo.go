package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sullam/models"
)

// DemoCandidate is one candidate of the demo data (package demo): the
// candidate, the job applied for, the pipeline history and, optionally, an
// interview with its kit and the interviewers' scores.
type DemoCandidate struct {
	// Candidate holds FullName, Email, Phone, AppliedOn, Education,
	// ExperienceYears, Languages, Source and Notes. Its Stage is taken from
	// the last entry of History when History is not empty.
	Candidate models.Candidate
	// JobCode is the code of the job description applied for (CSR, CSO, …).
	JobCode string
	// History lists the moves through the pipeline in order, the first one
	// usually "" → applied.
	History []DemoStageChange
	// HiredEmployeeNo links a hired candidate to the agent record they became.
	HiredEmployeeNo string
	// Interview is the candidate's interview; nil when there is none.
	Interview *DemoInterview
}

// DemoStageChange is one move of a demo candidate through the pipeline.
type DemoStageChange struct {
	From, To models.Stage
	On       models.Date
	Reason   string
}

// DemoInterview is the interview of a demo candidate.
type DemoInterview struct {
	ScheduledAt time.Time
	Location    string
	// QuestionCodes is the interview kit: codes of the question bank, in order.
	QuestionCodes []string
	Interviewers  []DemoInterviewer
}

// DemoInterviewer is one interviewer of a demo interview and their verdict.
type DemoInterviewer struct {
	Username string
	// SubmittedAt is nil while the interviewer has not submitted; Scores and
	// Recommendation are then empty.
	SubmittedAt    *time.Time
	Recommendation models.Recommendation
	Notes          string
	// Scores maps a question code of the kit to its 1–5 score.
	Scores map[string]int
}

// LoadDemoAtomically runs load with a store whose every change joins one
// database transaction, committed when load returns nil and rolled back
// otherwise: demo data is loaded whole or not at all. A demo killed half
// way leaves the database as it was, so it can simply be run again. The
// store given to load is valid only during the call; each call's own
// transaction joins it without a savepoint: GORM never releases the
// savepoint of a nested transaction that succeeds, so each import, each
// account and the recruitment kept one open to the end, and SQLite
// journaled every page they changed in memory (temp_store = MEMORY) and
// walked that journal at the end of every statement (issue 17: 1,000
// agents × 5 years held 145 savepoints and a 270 MB journal; the 304
// candidates' few thousand INSERTs took 10 minutes). Nothing is lost: an
// error of any step fails the whole load, which rolls everything back, and
// a single statement that fails (a demo account's name taken) undoes
// itself.
//
// On SQLite, when nothing else has the database open, the load runs on one
// connection switched from WAL to a rollback journal for its duration (see
// loadDemoOneConnection): the demo's rows are then written once, into the
// database file, instead of into the write-ahead log and copied from it.
func (s *Store) LoadDemoAtomically(ctx context.Context, load func(tx *Store) error) error {
	s = s.withContext(ctx)
	run := func(db *gorm.DB) error {
		return db.Transaction(func(tx *gorm.DB) error {
			inTx := *s
			inTx.db = tx.Session(&gorm.Session{DisableNestedTransaction: true})
			inTx.lock = nil // the lock stays with s
			return load(&inTx)
		})
	}
	var err error
	if s.dialect == "sqlite" {
		err = s.loadDemoOneConnection(ctx, run)
	} else {
		err = run(s.db)
	}
	if err != nil {
		return fmt.Errorf("load demo data (nothing was kept): %w", err)
	}
	return nil
}

// loadDemoOneConnection runs the demo load run on one SQLite connection,
// in rollback-journal mode when it can have the database alone, and back in
// WAL mode after it (issue 17: a demo of 10,000 agents × 5 years is a 2 GB
// transaction).
//
// In WAL mode every page of the load is written twice: into the -wal file
// during the transaction, then into the database by the checkpoint after
// the commit; and every page read during it is first looked up in the WAL's
// index. A rollback journal holds only the original content of the pages a
// transaction changes that existed before it: into an empty database (the
// only kind a demo fills) almost nothing. The load stays all or nothing:
// a process killed half way leaves a hot journal that the next connection
// rolls back before anything reads the file, leaving the database as it
// was (TestDemoKilledHalfWayLeavesNothing).
//
// Leaving WAL needs the only connection to the database: the pool's idle
// ones are closed first, and when another process (or a connection in use
// here) has the file open, the journal mode stays WAL and the load runs in
// WAL mode as before, only slower.
func (s *Store) loadDemoOneConnection(ctx context.Context, run func(*gorm.DB) error) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("the connection pool: %w", err)
	}
	return s.db.Connection(func(pinned *gorm.DB) error {
		conn := pinned.Session(&gorm.Session{}) // each statement a new chain: a failed PRAGMA leaves no error behind
		sqlDB.SetMaxIdleConns(0)                // closes the other idle connections
		defer sqlDB.SetMaxIdleConns(defaultIdleConns)
		// Ask once, without waiting: another connection's lock would not go
		// away in the busy timeout (a window left open on the database).
		if err := conn.Exec("PRAGMA busy_timeout = 0").Error; err != nil {
			return fmt.Errorf("set busy timeout: %w", err)
		}
		var mode string
		if err := conn.Raw("PRAGMA journal_mode = DELETE").Scan(&mode).Error; err != nil {
			mode = "wal" // busy: another connection has it; load in WAL mode
		}
		if err := conn.Exec(fmt.Sprintf("PRAGMA busy_timeout = %d", s.busy.Milliseconds())).Error; err != nil {
			return fmt.Errorf("set busy timeout: %w", err)
		}
		if mode == "delete" {
			defer func() {
				// Back to WAL; should this fail, every new connection
				// asks for WAL again when it opens (sqliteDSN).
				conn.Exec("PRAGMA journal_mode = WAL")
			}()
		}
		return run(conn)
	})
}

// LoadDemoRecruitment inserts the demo candidates with their stage history,
// interviews, interview kits, assignments and scores, in one transaction
// (HR). Jobs, questions, interviewers and hired agents must exist.
func (s *Store) LoadDemoRecruitment(ctx context.Context, a Actor, cands []DemoCandidate) error {
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		jobs, err := demoIndex(tx, &models.JobDescription{}, "code")
		if err != nil {
			return fmt.Errorf("list jobs: %w", err)
		}
		questions, err := demoIndex(tx, &models.Question{}, "code")
		if err != nil {
			return fmt.Errorf("list questions: %w", err)
		}
		users, err := demoIndex(tx, &models.User{}, "username")
		if err != nil {
			return fmt.Errorf("list users: %w", err)
		}
		agents, err := demoIndex(tx, &models.Agent{}, "employee_no")
		if err != nil {
			return fmt.Errorf("list agents: %w", err)
		}
		interviews := 0
		for i := range cands {
			dc := &cands[i]
			if err := s.insertDemoCandidate(tx, a, dc, jobs, questions, users, agents); err != nil {
				return fmt.Errorf("demo candidate %d (%s): %w", i+1, dc.Candidate.FullName, err)
			}
			if dc.Interview != nil {
				interviews++
			}
		}
		return s.logChange(tx, a, "import", string(models.KindCandidates), "demo", nil,
			map[string]any{"file": "demo", "candidates": len(cands), "interviews": interviews})
	})
	if err != nil {
		return fmt.Errorf("load demo recruitment: %w", translate(err))
	}
	return nil
}

// demoIndex maps the key column of a table (upper-cased for codes) to its IDs.
func demoIndex(tx *gorm.DB, model any, col string) (map[string]uint, error) {
	var rows []struct {
		ID uint
		K  string
	}
	if err := tx.Model(model).Select("id, " + col + " AS k").Scan(&rows).Error; err != nil {
		return nil, err
	}
	m := make(map[string]uint, len(rows))
	for _, r := range rows {
		m[strings.ToUpper(r.K)] = r.ID
	}
	return m, nil
}

func (s *Store) insertDemoCandidate(tx *gorm.DB, a Actor, dc *DemoCandidate, jobs, questions, users, agents map[string]uint) error {
	jobID, ok := jobs[strings.ToUpper(dc.JobCode)]
	if !ok {
		return fmt.Errorf("job %q: %w", dc.JobCode, models.ErrNotFound)
	}
	c := dc.Candidate
	c.ID = 0
	c.JobID = jobID
	c.Job = nil
	c.Version = 1
	if n := len(dc.History); n > 0 {
		c.Stage = dc.History[n-1].To
	}
	if c.Stage == "" {
		c.Stage = models.StageApplied
	}
	if !demoValidStage(c.Stage) {
		return fmt.Errorf("stage %q: %w", c.Stage, models.ErrInvalid)
	}
	if dc.HiredEmployeeNo != "" {
		id, ok := agents[strings.ToUpper(dc.HiredEmployeeNo)]
		if !ok {
			return fmt.Errorf("hired agent %q: %w", dc.HiredEmployeeNo, models.ErrNotFound)
		}
		c.AgentID = &id
	}
	if err := tx.Omit(clause.Associations).Create(&c).Error; err != nil {
		return fmt.Errorf("insert candidate: %w", err)
	}
	if c.AgentID != nil {
		if err := tx.Model(&models.Agent{}).Where("id = ?", *c.AgentID).Update("candidate_id", c.ID).Error; err != nil {
			return fmt.Errorf("link agent %s: %w", dc.HiredEmployeeNo, err)
		}
	}
	for _, h := range dc.History {
		if !demoValidStage(h.To) || (h.From != "" && !demoValidStage(h.From)) {
			return fmt.Errorf("stage change %q → %q: %w", h.From, h.To, models.ErrInvalid)
		}
		sc := models.StageChange{CandidateID: c.ID, From: h.From, To: h.To, Reason: h.Reason, On: h.On, ByUserID: a.UserID}
		if err := tx.Omit(clause.Associations).Create(&sc).Error; err != nil {
			return fmt.Errorf("insert stage change %s → %s: %w", h.From, h.To, err)
		}
	}
	if dc.Interview == nil {
		return nil
	}
	return s.insertDemoInterview(tx, c.ID, dc.Interview, questions, users)
}

func (s *Store) insertDemoInterview(tx *gorm.DB, candidateID uint, di *DemoInterview, questions, users map[string]uint) error {
	iv := models.Interview{CandidateID: candidateID, ScheduledAt: di.ScheduledAt.UTC(), Location: di.Location, Version: 1}
	if err := tx.Omit(clause.Associations).Create(&iv).Error; err != nil {
		return fmt.Errorf("insert interview: %w", err)
	}
	kit := map[string]uint{}
	for i, code := range di.QuestionCodes {
		qid, ok := questions[strings.ToUpper(code)]
		if !ok {
			return fmt.Errorf("question %q: %w", code, models.ErrNotFound)
		}
		kit[strings.ToUpper(code)] = qid
		if err := tx.Omit(clause.Associations).Create(&models.InterviewQuestion{InterviewID: iv.ID, QuestionID: qid, Sort: i + 1}).Error; err != nil {
			return fmt.Errorf("insert kit question %s: %w", code, err)
		}
	}
	for _, who := range di.Interviewers {
		uid, ok := users[strings.ToUpper(who.Username)]
		if !ok {
			return fmt.Errorf("interviewer %q: %w", who.Username, models.ErrNotFound)
		}
		asg := models.InterviewAssignment{InterviewID: iv.ID, UserID: uid, Recommendation: who.Recommendation, Notes: who.Notes}
		if who.SubmittedAt != nil {
			t := who.SubmittedAt.UTC()
			asg.SubmittedAt = &t
		}
		if err := tx.Omit(clause.Associations).Create(&asg).Error; err != nil {
			return fmt.Errorf("assign interviewer %s: %w", who.Username, err)
		}
		for code := range who.Scores {
			if _, ok := kit[strings.ToUpper(code)]; !ok {
				return fmt.Errorf("interviewer %s scored question %s, which is not in the kit: %w", who.Username, code, models.ErrInvalid)
			}
		}
		for _, code := range di.QuestionCodes { // kit order: deterministic
			score, ok := who.Scores[code]
			if !ok {
				continue
			}
			if score < 1 || score > 5 {
				return fmt.Errorf("interviewer %s, question %s: score %d is not 1–5: %w", who.Username, code, score, models.ErrInvalid)
			}
			sc := models.InterviewScore{InterviewID: iv.ID, QuestionID: kit[strings.ToUpper(code)], UserID: uid, Score: score}
			if err := tx.Create(&sc).Error; err != nil {
				return fmt.Errorf("insert score %s/%s: %w", who.Username, code, err)
			}
		}
	}
	return nil
}

func demoValidStage(st models.Stage) bool {
	for _, x := range models.Stages {
		if x == st {
			return true
		}
	}
	return false
}

// DemoActor returns the actor that loads demo data on behalf of a signed-in
// user a: demo data is every kind of record at once (agents, scores,
// accounts, candidates), which no single role may write, so only an admin
// may load it, and only into a database that holds no agent and no
// candidate yet. The actor returned is named after a ("demo:" + name).
func (s *Store) DemoActor(ctx context.Context, a Actor) (Actor, error) {
	s = s.withContext(ctx)
	if err := s.require(a, OpManageUsers); err != nil {
		return Actor{}, fmt.Errorf("load demo data: %w", err)
	}
	has, err := s.HasData(ctx)
	if err != nil {
		return Actor{}, fmt.Errorf("load demo data: %w", err)
	}
	if has {
		return Actor{}, fmt.Errorf("load demo data: the database already holds agents or candidates: %w", models.ErrAlreadyExists)
	}
	return Actor{UserID: a.UserID, Username: "demo:" + a.Username, System: true}, nil
}

// CreateDemoUsers creates the demo accounts ns in one transaction (admin
// only), each with its roles, its agent link and a "create user" entry in
// the audit log, as CreateUser does. Every account of ns must have the same
// password, the demo's (an error otherwise), and that password is hashed
// once for all of them: one salt, the same stored secret (the argon2id PHC
// string on SQLite, the SCRAM secret of the login on PostgreSQL) for every
// demo account. This is for demo data only, and harmless there: the demo
// accounts share their password anyway (who knows one knows all), and the
// demo tells the user to change or remove them before real use; an account
// created or re-passworded afterwards gets its own salt as always. It
// spares `demo --agents 10000` 1,136 of its 1,137 argon2id hashes (19 MiB
// and about 30 ms of CPU each; issue 17). An account whose user name is
// taken already (say by the admin of the first-run screen) is left out;
// CreateDemoUsers returns those names.
func (ac *Accounts) CreateDemoUsers(ctx context.Context, a Actor, ns []NewUser) (skipped []string, err error) {
	s := ac.s.withContext(ctx)
	if err := s.require(a, OpManageUsers); err != nil {
		return nil, err
	}
	if len(ns) == 0 {
		return nil, nil
	}
	for i := range ns {
		if err := ns[i].validate(); err != nil {
			return nil, fmt.Errorf("create demo user %s: %w", ns[i].Username, err)
		}
		if ns[i].Password != ns[0].Password {
			return nil, fmt.Errorf("create demo user %s: the demo accounts must share one password: %w", ns[i].Username, models.ErrInvalid)
		}
	}
	secret, err := s.passwordSecret(ns[0].Password)
	if err != nil {
		return nil, fmt.Errorf("create demo users: %w", err)
	}
	err = s.db.Transaction(func(tx *gorm.DB) error {
		names := make([]string, len(ns))
		for i, n := range ns {
			names[i] = n.Username
		}
		var taken []string
		if err := tx.Model(&models.User{}).Where("username IN ?", names).Pluck("username", &taken).Error; err != nil {
			return fmt.Errorf("list taken user names: %w", err)
		}
		for _, n := range ns {
			if slices.Contains(taken, n.Username) {
				skipped = append(skipped, n.Username)
				continue
			}
			u, err := s.insertUserSecret(tx, n, secret)
			if err != nil {
				return fmt.Errorf("create demo user %s: %w", n.Username, err)
			}
			if err := s.logChange(tx, a, "create", "user", u.Username, nil, userView(u)); err != nil {
				return fmt.Errorf("create demo user %s: %w", n.Username, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("create demo users: %w", translate(err))
	}
	return skipped, nil
}
