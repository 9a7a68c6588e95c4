package store

// Recruitment is the recruitment area of the store: job descriptions, the
// question bank, candidates and their pipeline, interviews and blind
// feedback, hiring, the quality of hire, the candidates' privacy
// (export, erasure, retention) and the recruitment imports and exports.
// Its methods persist and read; the rules they apply that are not
// persistence live in the pure package recruiting. Obtain it with
// Store.Recruitment; it holds no state of its own.
type Recruitment struct{ s *Store }

// Recruitment returns the recruitment area of the store.
func (s *Store) Recruitment() *Recruitment { return &Recruitment{s: s} }
