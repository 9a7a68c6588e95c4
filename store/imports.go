package store

import (
	"context"
	"fmt"
	"sort"

	"gorm.io/gorm"

	"sullam/models"
)

// ImportSource names the imported file for errors and the audit log, and
// carries what may cancel its import.
type ImportSource struct {
	File   string // the file name as the user gave it
	SHA256 string // hex digest of the file's bytes
	// Ctx, when not nil, cancels the import: once it is done, the running
	// statement is interrupted, the import stops at its next step and its
	// transaction is rolled back, so nothing of the file is written. The
	// error returned then wraps Ctx's error (context.Canceled) when the
	// cancellation is seen between steps; a statement interrupted midway
	// may give the driver's error instead, so a caller that cancelled
	// checks Ctx.Err().
	Ctx context.Context
	// HeaderLine is the line of the file's header (0: line 1), where the
	// problems of the header itself are reported.
	HeaderLine int
}

// importDB returns the handle an import's transaction is begun on: bound to
// src.Ctx when there is one, so that cancelling it interrupts the statement
// running and rolls the transaction back.
func (s *Store) importDB(src ImportSource) *gorm.DB {
	if src.Ctx == nil {
		return s.db
	}
	return s.db.WithContext(src.Ctx)
}

// cancelled returns, once src.Ctx is done, why, naming the file; nil while
// the import may go on.
func (src ImportSource) cancelled() error {
	if src.Ctx == nil {
		return nil
	}
	if err := src.Ctx.Err(); err != nil {
		return fmt.Errorf("import %s: %w", src.File, err)
	}
	return nil
}

// batchSize is the number of rows per multi-row INSERT.
const batchSize = 500

// refBatch is the number of references looked up in one IN (…) list (under
// both databases' limits on variables).
const refBatch = 10000

// finishImport writes the audit-log row of an import, the last step of its
// transaction; an import cancelled by then is refused instead, so that its
// transaction is rolled back.
func (s *Store) finishImport(tx *gorm.DB, a Actor, kind models.ImportKind, src ImportSource, res models.ImportResult, rows int) error {
	if err := src.cancelled(); err != nil {
		return err
	}
	return s.logChange(tx, a, "import", string(kind), src.File, nil, map[string]any{
		"file": src.File, "sha256": src.SHA256, "rows": rows, "inserted": res.Inserted, "updated": res.Updated, "unchanged": res.Unchanged})
}

func importFail(src ImportSource, errs []models.RowError) error {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	return &models.ImportError{File: src.File, Rows: errs}
}

// lookupAgent resolves an employee number for row line, recording an error when unknown.
func lookupAgent(idx map[string]models.Agent, no string, line int, col string, errs *[]models.RowError) (models.Agent, bool) {
	ag, ok := idx[no]
	if !ok {
		*errs = append(*errs, models.Msg("import.err.unknown_agent", nil, "no agent has this employee number").Row(line, col, no))
	}
	return ag, ok
}

// feedChunk is the number of rows feedOf hands on at a time.
const feedChunk = 10000

// feedOf is a Feed of rows already parsed.
func feedOf[T any](rows []T) Feed[T] {
	chunks := make(chan []T)
	go func() {
		defer close(chunks)
		for start := 0; start < len(rows); start += feedChunk {
			chunks <- rows[start:min(start+feedChunk, len(rows))]
		}
	}()
	return Feed[T]{Chunks: chunks, Total: len(rows)}
}

// Feed is a file being read while it is imported.
type Feed[T any] struct {
	// Chunks delivers the parsed rows; the reader closes it at the end.
	Chunks <-chan []T
	// End, called once Chunks is closed, returns the rows the reader
	// refused (any refuses the import) or why the file could not be read;
	// nil means nothing was refused.
	End func() ([]models.RowError, error)
	// Total is the expected number of rows, for progress (0: unknown).
	Total int
}

// drain reads Chunks to its end, so that the reader never blocks.
func (f Feed[T]) drain() {
	for range f.Chunks {
	}
}

// end returns what End returns, nothing without End.
func (f Feed[T]) end() ([]models.RowError, error) {
	if f.End == nil {
		return nil, nil
	}
	return f.End()
}

// AttendanceFeed is an attendance file being read while it is imported.
type AttendanceFeed = Feed[models.AttendanceRow]
