package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// copyRowsPG streams the source rows of plan p into a PostgreSQL target
// with one COPY … FROM STDIN (pgx's CopyFrom, binary) on the connection
// of the copy's transaction, instead of INSERTs of per rows: no statement
// to parse and plan per batch, no bound values to send twice, one row in
// memory at a time. Progress is told every per rows and at the end, and
// ctx is checked at the same points: a refusal or a cancellation aborts
// the COPY (and so the whole copy). Self-references are set afterwards,
// as for the INSERTs. It returns the rows copied.
func (c copier) copyRowsPG(ctx context.Context, p copyPlan, rows *sql.Rows, srcIdx []int, selected, pkIdx, per int) (int64, error) {
	t := p.table
	cols := t.columnNames()
	vals := make([]any, selected)
	ptrs := make([]any, selected)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	row := make([]any, 0, len(cols))
	var (
		fixes   []selfRefFix
		read    int64
		stopErr error // why next ended the COPY (ours, not pgx's)
	)
	stop := func(err error) ([]any, error) {
		stopErr = err
		return nil, err
	}
	next := func() ([]any, error) {
		if read > 0 && read%int64(per) == 0 {
			if err := ctx.Err(); err != nil {
				return stop(err)
			}
			if c.progress != nil {
				if err := c.progress(t.name, read); err != nil {
					return stop(err)
				}
			}
		}
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return stop(fmt.Errorf("read the source: %w", err))
			}
			return nil, nil
		}
		read++
		if err := rows.Scan(ptrs...); err != nil {
			return stop(fmt.Errorf("read row %d: %w", read, err))
		}
		var err error
		if row, fixes, err = convertRow(p, vals, srcIdx, pkIdx, row[:0], fixes); err != nil {
			return stop(fmt.Errorf("row %d, %w", read, err))
		}
		return row, nil
	}
	var copied int64
	err := c.pgConn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("unexpected PostgreSQL driver connection %T", dc)
		}
		var err error
		copied, err = sc.Conn().CopyFrom(ctx, pgx.Identifier{t.name}, cols, pgx.CopyFromFunc(next))
		return err
	})
	if stopErr != nil {
		return 0, stopErr
	}
	if err != nil {
		return 0, fmt.Errorf("copy rows 1 to %d: %w", read, err)
	}
	if copied != read {
		return 0, fmt.Errorf("the target took %d of the %d rows read", copied, read)
	}
	if c.progress != nil && copied > 0 && copied%int64(per) != 0 {
		if err := c.progress(t.name, copied); err != nil {
			return 0, err
		}
	}
	return copied, c.applySelfRefFixes(ctx, t, fixes)
}
