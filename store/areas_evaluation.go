package store

// Work is the evaluation area's inputs, as people enter them through the
// year: attendance and its corrections, audit forms and audits, supervisors'
// reviews, agents' weekly reports and the supervisors' rating queue, and an
// agent's own lists of each. Obtain it with Store.Work; it shares the
// store's connection, access checks and audit log.
type Work struct{ s *Store }

// Work returns the evaluation area's inputs (attendance, audits, reviews,
// weekly reports) on this store.
func (s *Store) Work() *Work { return &Work{s: s} }

// Evaluations is the evaluation area's results: the yearly scores computed
// from the work, finalizing and reopening a year, readiness for promotion
// (the board), promotion decisions, and what the home screen shows (the
// dashboard, the counts, the inbox). Obtain it with Store.Evaluations; its
// rules that are not persistence live in package evaluation.
type Evaluations struct{ s *Store }

// Evaluations returns the evaluation area's results (years, finalizing,
// promotions, dashboard, inbox) on this store.
func (s *Store) Evaluations() *Evaluations { return &Evaluations{s: s} }
