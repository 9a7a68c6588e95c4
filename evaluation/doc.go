// Package evaluation holds the evaluation area's rules that are not
// persistence: when a year may be finalized and what its snapshot holds,
// reopening, what a finalize-all run counts, the promotion decisions
// (approve, exception with a justification, keep in role), the weeks an
// agent may report on and which are late, the inbox's missing weeks, and
// the dashboard's aggregations. Every function is pure: the store loads
// the values (inside its transaction), asks a rule here, and writes.
// spec/scoring.md's own rules stay in package scoring.
package evaluation
