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

// Message is a text said twice, as a Problem is: a translation key with its
// template arguments for the window, and the English text for the command
// line, the logs and the files Sullam writes. The zero Message says nothing
// (no problem).
type Message struct {
	Key  string
	Args map[string]any
	Text string
}

// Msg returns the Message of key with args, its English text formatted
// from format and a.
func Msg(key string, args map[string]any, format string, a ...any) Message {
	return Message{Key: key, Args: args, Text: fmt.Sprintf(format, a...)}
}

// IsZero reports whether m says nothing.
func (m Message) IsZero() bool { return m.Text == "" && m.Key == "" }

// Row returns the row error of line, column and value with m as its reason.
func (m Message) Row(line int, column, value string) RowError {
	return RowError{Line: line, Column: column, Value: value, Reason: m.Text, Key: m.Key, Args: m.Args}
}

// Column is an argument of a Message that names a column of an imported
// file (its name in spec/import-formats.md, lower case, or an item or
// competency code): the window shows it as the file's own header wrote it.
type Column string

// Columns is an argument naming several columns, joined as the language
// joins them in the window (the English text says them itself).
type Columns []string
