// Package scoring implements the rules of spec/scoring.md as pure functions:
// the four annual components (attendance, quality audits, weekly reports,
// supervisor reviews), the annual evaluation, and promotion readiness as of a
// date.
//
// The package does no I/O, reads no database and never looks at the clock:
// the evaluation year and the as-of date are parameters. Every rate and mean
// is kept exact as a *big.Rat and is rounded half-up to 2 decimals (Cents)
// exactly once, when a component, annual, cumulative, years-in-role or
// required-next value is produced.
//
// Every number of the rules is a field of Policy; DefaultPolicy returns the
// spec's defaults.
package scoring
