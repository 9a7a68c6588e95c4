package widgets

import "sullam/store"

// evalStore joins the store with its two evaluation areas (store.Work, the
// inputs; store.Evaluations, the results) for the screens whose narrow
// interface spans them: an agent's profile reads the agent from the store
// and the work and the years from the areas, the audits screen needs the
// store's clock. A screen that needs one area only takes it alone.
type evalStore struct {
	*store.Store
	*store.Work
	*store.Evaluations
}

// EvalAreas returns st joined with its evaluation areas.
func EvalAreas(st *store.Store) evalStore {
	return evalStore{Store: st, Work: st.Work(), Evaluations: st.Evaluations()}
}

// accountsStore is the store with its accounts area, for the screens that
// use both (the first-run screen, Settings).
type accountsStore struct {
	*store.Store
	*store.Accounts
}

// WithAccounts returns st with its accounts area (see accountsStore).
func WithAccounts(st *store.Store) accountsStore {
	return accountsStore{Store: st, Accounts: st.Accounts()}
}
