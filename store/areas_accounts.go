package store

// Accounts is the accounts area of the store: the users, their roles,
// passwords and language, signing in and out, and the sessions (the checks
// every call makes on its actor's session, and the hooks the window sets to
// learn of a session used or ended). Obtain it with [Store.Accounts]; it
// shares the store's connection, access checks and audit log.
type Accounts struct{ s *Store }

// Accounts returns the store's accounts area.
func (s *Store) Accounts() *Accounts { return &Accounts{s: s} }
