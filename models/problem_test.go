package models

import (
	"errors"
	"fmt"
	"testing"
)

// TestProblemKeepsKeyThroughWrapping checks the rule that a user-fixable
// error keeps its translation key and arguments however deeply it is
// wrapped with context, still is ErrInvalid, and reads in English as the
// old fmt.Errorf("…: %w", ErrInvalid) did.
func TestProblemKeepsKeyThroughWrapping(t *testing.T) {
	err := fmt.Errorf("save question: %w", Invalid("error.question_text_required", nil, "question text is required"))
	if !errors.Is(err, ErrInvalid) {
		t.Error("a Problem from Invalid is not ErrInvalid")
	}
	p, ok := AsProblem(err)
	if !ok || p.Key != "error.question_text_required" {
		t.Fatalf("AsProblem = %v %v", p, ok)
	}
	if got := err.Error(); got != "save question: question text is required: invalid" {
		t.Errorf("English text = %q", got)
	}
	if _, ok := AsProblem(errors.New("plain")); ok {
		t.Error("a plain error is not a Problem")
	}
}

// TestParseDateSaysWhichProblem checks that a date in the right shape but
// impossible (2025-02-30) is reported as a day that does not exist, not as
// a wrong format, and that both carry a translation key for the window.
func TestParseDateSaysWhichProblem(t *testing.T) {
	_, err := ParseDate("2025-02-30")
	if p, ok := AsProblem(err); !ok || p.Key != "error.date_impossible" {
		t.Errorf("2025-02-30: %v", err)
	}
	_, err = ParseDate("30/02/2025")
	if p, ok := AsProblem(err); !ok || p.Key != "error.date_format" {
		t.Errorf("30/02/2025: %v", err)
	}
}
