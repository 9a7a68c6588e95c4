package models

import (
	"errors"
	"fmt"
)

// Problem is an error the user can fix, said twice: as a translation key
// with its arguments, which the window shows in the user's language, and
// as an English text for the command line and the logs. It wraps a sentinel
// (ErrInvalid for bad input), so errors.Is keeps working through it.
type Problem struct {
	// Key is the translation key (assets/translations/*.json) and Args
	// its template arguments.
	Key  string
	Args map[string]any
	// Text is the English message.
	Text string
	// Kind is the sentinel the problem is an instance of.
	Kind error
}

// Error returns the English message followed by the sentinel's text, as a
// fmt.Errorf("…: %w", Kind) would.
func (p *Problem) Error() string {
	if p.Kind == nil {
		return p.Text
	}
	return p.Text + ": " + p.Kind.Error()
}

// Unwrap returns the sentinel.
func (p *Problem) Unwrap() error { return p.Kind }

// Invalid returns bad input as a Problem wrapping ErrInvalid: key and args
// for the window, the English text formatted from format and a.
func Invalid(key string, args map[string]any, format string, a ...any) error {
	return &Problem{Key: key, Args: args, Text: fmt.Sprintf(format, a...), Kind: ErrInvalid}
}

// AsProblem finds the Problem in err's chain.
func AsProblem(err error) (*Problem, bool) {
	var p *Problem
	if errors.As(err, &p) {
		return p, true
	}
	return nil, false
}
