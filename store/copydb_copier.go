package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"sullam/models"
)

// copier copies rows from a source snapshot into a target transaction.
type copier struct {
	src        schemaReader
	dst        gorm.ConnPool
	dstDialect string
	progress   CopyProgress
	batch      int // rows per INSERT; copyBatchRows when 0
	// pgConn, for a PostgreSQL target, is the connection dst's transaction
	// runs on: the rows go in by COPY on it (copyRowsPG).
	pgConn *sql.Conn
}

// run checks that the target is empty and at the source's migration
// level, matches their tables and columns (planColumns), then copies the
// tables in foreign-key order.
func (c copier) run(ctx context.Context) (CopyResult, error) {
	dstSchema := schemaReader{dialect: c.dstDialect, q: c.dst}
	if err := c.checkTarget(ctx, dstSchema); err != nil {
		return CopyResult{}, err
	}
	names, err := dstSchema.tables(ctx)
	if err != nil {
		return CopyResult{}, fmt.Errorf("target: %w", err)
	}
	srcNames, err := c.src.tables(ctx)
	if err != nil {
		return CopyResult{}, fmt.Errorf("source: %w", err)
	}
	// Same migration level: a table or column only one side has is made by
	// the migrations for one dialect only; it is noted, not copied.
	var res CopyResult
	inSrc := map[string]bool{}
	for _, n := range srcNames {
		inSrc[n] = true
	}
	inDst := map[string]bool{}
	for _, n := range names {
		inDst[n] = true
	}
	for _, n := range srcNames {
		if !inDst[n] {
			res.Notes = append(res.Notes, fmt.Sprintf("table %s: not in the target, not copied", n))
		}
	}
	var tables []copyTable
	plans := map[string]copyPlan{}
	for _, n := range names {
		if n == migrationsTable {
			continue
		}
		t, err := dstSchema.table(ctx, n)
		if err != nil {
			return CopyResult{}, fmt.Errorf("target: %w", err)
		}
		tables = append(tables, t)
		if !inSrc[n] {
			res.Notes = append(res.Notes, fmt.Sprintf("table %s: not in the source, left empty", n))
			continue
		}
		st, err := c.src.table(ctx, n)
		if err != nil {
			return CopyResult{}, fmt.Errorf("source: %w", err)
		}
		plan, notes, err := planColumns(st, t)
		if err != nil {
			return CopyResult{}, fmt.Errorf("%w: %w", err, models.ErrInvalid)
		}
		plans[n] = plan
		res.Notes = append(res.Notes, notes...)
	}
	ordered, err := copyOrder(tables)
	if err != nil {
		return CopyResult{}, err
	}
	for _, t := range ordered {
		plan, ok := plans[t.name]
		if !ok {
			continue
		}
		n, err := c.copyTable(ctx, plan)
		if err != nil {
			return CopyResult{}, fmt.Errorf("copy table %s: %w", t.name, err)
		}
		if err := c.resetSequence(ctx, t); err != nil {
			return CopyResult{}, fmt.Errorf("copy table %s: %w", t.name, err)
		}
		res.Tables = append(res.Tables, TableCount{Table: t.name, Rows: n})
	}
	if err := c.analyze(ctx, res.Tables); err != nil {
		return CopyResult{}, err
	}
	return res, nil
}

// analyze gathers, on a PostgreSQL target, the planner's statistics of
// the tables just copied, in the copy's transaction: a database filled in
// one go has none until autovacuum comes by (a minute or more after the
// commit, never for a table under its 50-row threshold), and until then
// the planner guesses its row counts and may scan where an index serves.
// SQLite targets are left as they are (no sqlite_stat1, the plans the
// store was measured with).
func (c copier) analyze(ctx context.Context, tables []TableCount) error {
	if c.dstDialect != "postgres" {
		return nil
	}
	for _, t := range tables {
		if _, err := c.dst.ExecContext(ctx, "ANALYZE "+quoteIdent(t.Table)); err != nil {
			return fmt.Errorf("analyze table %s: %w", t.Table, err)
		}
	}
	return nil
}

// checkTarget refuses a target that holds data or is not at the source's
// migration level.
func (c copier) checkTarget(ctx context.Context, dstSchema schemaReader) error {
	if found, err := nonEmptyTables(ctx, dstSchema); err != nil {
		return err
	} else if len(found) > 0 {
		return models.Invalid("error.target_not_empty", map[string]any{"Tables": strings.Join(found, ", ")}, "the target database is not empty: it holds %s", strings.Join(found, ", "))
	}
	srcLevel, err := c.src.strings(ctx, "SELECT id FROM "+migrationsTable+" ORDER BY id")
	if err != nil {
		return fmt.Errorf("read the source's migrations: %w", err)
	}
	dstLevel, err := dstSchema.strings(ctx, "SELECT id FROM "+migrationsTable+" ORDER BY id")
	if err != nil {
		return fmt.Errorf("read the target's migrations: %w", err)
	}
	if strings.Join(srcLevel, ",") != strings.Join(dstLevel, ",") {
		return models.Invalid("error.copy_migrations_differ", map[string]any{"Source": strings.Join(srcLevel, ", "), "Target": strings.Join(dstLevel, ", ")},
			"the source database has migrations %s, the target %s: copy with the Sullam that made the source", strings.Join(srcLevel, ", "), strings.Join(dstLevel, ", "))
	}
	return nil
}

// insertSQL is an INSERT of rows rows into table.
func (c copier) insertSQL(table string, cols []string, rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(quoteIdent(table))
	b.WriteString(" (")
	for i, col := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(col))
	}
	b.WriteString(") VALUES ")
	n := 0
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			n++
			b.WriteString(ph(c.dstDialect, n))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// selfRefFix is a column value that references the same table, written
// after all the table's rows are in (a supervisor may come after their
// agent).
type selfRefFix struct {
	key, value any
	col        string
}

// copyTable streams one table from the source into the target in batches
// (never the whole table in memory) and returns the rows copied.
func (c copier) copyTable(ctx context.Context, p copyPlan) (int64, error) {
	t := p.table
	cols := t.columnNames()
	query, srcIdx, selected, pkIdx, err := copySelect(p)
	if err != nil {
		return 0, err
	}
	per := c.rowsPerInsert(len(cols))
	rows, err := c.src.q.QueryContext(c.readContext(ctx), query)
	if err != nil {
		return 0, fmt.Errorf("read the source: %w", err)
	}
	defer rows.Close()
	if c.pgConn != nil {
		return c.copyRowsPG(ctx, p, rows, srcIdx, selected, pkIdx, per)
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	vals := make([]any, selected)
	ptrs := make([]any, selected)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	batch := make([]any, 0, per*len(cols))
	var fixes []selfRefFix
	var done int64
	flush := func(n int) error {
		// the source read may not see ctx end (readContext): each batch
		// stops here instead
		if err := ctx.Err(); err != nil {
			return err
		}
		if n == per {
			if full == nil {
				if full, err = c.dst.PrepareContext(ctx, c.insertSQL(t.name, cols, per)); err != nil {
					return fmt.Errorf("prepare the insert: %w", err)
				}
			}
			if _, err := full.ExecContext(ctx, batch...); err != nil {
				return fmt.Errorf("insert rows %d to %d: %w", done+1, done+int64(n), err)
			}
		} else if _, err := c.dst.ExecContext(ctx, c.insertSQL(t.name, cols, n), batch...); err != nil {
			return fmt.Errorf("insert rows %d to %d: %w", done+1, done+int64(n), err)
		}
		done += int64(n)
		batch = batch[:0]
		if c.progress != nil {
			if err := c.progress(t.name, done); err != nil {
				return err
			}
		}
		return nil
	}
	for rows.Next() {
		row := done + int64(len(batch)/len(cols)) + 1
		if err := rows.Scan(ptrs...); err != nil {
			return done, fmt.Errorf("read row %d: %w", row, err)
		}
		if batch, fixes, err = convertRow(p, vals, srcIdx, pkIdx, batch, fixes); err != nil {
			return done, fmt.Errorf("row %d, %w", row, err)
		}
		if len(batch) == per*len(cols) {
			if err := flush(per); err != nil {
				return done, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return done, fmt.Errorf("read the source: %w", err)
	}
	if len(batch) > 0 {
		if err := flush(len(batch) / len(cols)); err != nil {
			return done, err
		}
	}
	return done, c.applySelfRefFixes(ctx, t, fixes)
}

// readContext is the context the rows of a table are read from the
// source under. A SQLite source reads them under ctx without its end:
// go-sqlite3 steps each row of a query whose context can end on a
// goroutine of its own (to interrupt it when the context ends), two
// context switches a row, most of the copy's CPU on a big table. The copy
// still stops within one batch when ctx ends: each batch checks it before
// writing (copyTable), and the snapshot is then rolled back. A PostgreSQL
// source keeps ctx (pgx cancels the query on the server, at no cost a row).
func (c copier) readContext(ctx context.Context) context.Context {
	if c.src.dialect == "sqlite" {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// rowsPerInsert is the rows of cols columns one INSERT of the copy writes:
// copyBatchRows or the copier's batch, under copyMaxParams values.
func (c copier) rowsPerInsert(cols int) int {
	per := copyBatchRows
	if c.batch > 0 {
		per = c.batch
	}
	if per*cols > copyMaxParams {
		per = max(1, copyMaxParams/cols)
	}
	return per
}

// convertRow appends to batch the values of one source row (vals, as
// copySelect's srcIdx and pkIdx place them) as plan p's target columns
// store them; a reference of the table to itself is written empty and kept
// in fixes, to be set once every row is there. An error names the column.
func convertRow(p copyPlan, vals []any, srcIdx []int, pkIdx int, batch []any, fixes []selfRefFix) ([]any, []selfRefFix, error) {
	t := p.table
	var key any
	if pkIdx >= 0 {
		var err error
		if key, err = convertValue(vals[srcIdx[pkIdx]], t.columns[pkIdx].kind); err != nil {
			return batch, fixes, fmt.Errorf("column %s: %w", t.columns[pkIdx].name, err)
		}
	}
	for i, col := range t.columns {
		if srcIdx[i] < 0 {
			batch = append(batch, p.fixed[i])
			continue
		}
		v, err := convertValue(vals[srcIdx[i]], col.kind)
		if err != nil {
			return batch, fixes, fmt.Errorf("column %s: %w", col.name, err)
		}
		if t.selfRef[col.name] && v != nil {
			fixes = append(fixes, selfRefFix{key: key, value: v, col: col.name})
			v = nil
		}
		batch = append(batch, v)
	}
	return batch, fixes, nil
}

// copySelect is the SELECT of plan p's columns read from the source, in
// primary-key order when the source has the whole key: srcIdx[i] is column
// i's index in it (-1 for a fixed value), selected its number of columns,
// pkIdx the index of a single-column key (-1 for none). A table that
// references itself needs such a key.
func copySelect(p copyPlan) (query string, srcIdx []int, selected int, pkIdx int, err error) {
	t := p.table
	cols := t.columnNames()
	var sel []string
	srcIdx = make([]int, len(cols))
	for i, col := range cols {
		srcIdx[i] = -1
		if p.fromSrc[i] {
			srcIdx[i] = len(sel)
			sel = append(sel, quoteIdent(col))
		}
	}
	if len(sel) == 0 {
		return "", nil, 0, -1, fmt.Errorf("no column in common with the source")
	}
	query = "SELECT " + strings.Join(sel, ", ") + " FROM " + quoteIdent(t.name)
	pkIdx = -1
	if len(t.pk) > 0 {
		keys := make([]string, 0, len(t.pk))
		for _, k := range t.pk {
			for i, col := range cols {
				if col == k && p.fromSrc[i] {
					keys = append(keys, quoteIdent(k))
					if len(t.pk) == 1 {
						pkIdx = i
					}
				}
			}
		}
		if len(keys) == len(t.pk) {
			query += " ORDER BY " + strings.Join(keys, ", ")
		}
	}
	if len(t.selfRef) > 0 && pkIdx < 0 {
		return "", nil, 0, -1, fmt.Errorf("references itself but has no single-column primary key")
	}
	return query, srcIdx, len(sel), pkIdx, nil
}

// applySelfRefFixes sets, once every row of t is copied, the references of
// t's rows to rows of t that were written empty.
func (c copier) applySelfRefFixes(ctx context.Context, t copyTable, fixes []selfRefFix) error {
	for _, f := range fixes {
		q := fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s = %s", quoteIdent(t.name), quoteIdent(f.col), ph(c.dstDialect, 1), quoteIdent(t.pk[0]), ph(c.dstDialect, 2))
		if _, err := c.dst.ExecContext(ctx, q, f.value, f.key); err != nil {
			return fmt.Errorf("set %s of row %v: %w", f.col, f.key, err)
		}
	}
	return nil
}

// resetSequence sets, on PostgreSQL, the sequence behind the table's
// integer key (if any) to max(key)+1, since the copy wrote explicit ids.
func (c copier) resetSequence(ctx context.Context, t copyTable) error {
	if c.dstDialect != "postgres" || len(t.pk) != 1 {
		return nil
	}
	for _, col := range t.columns {
		if col.name == t.pk[0] && col.kind != kindInt {
			return nil
		}
	}
	q := fmt.Sprintf("SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)", quoteIdent(t.pk[0]), quoteIdent(t.name))
	rows, err := c.dst.QueryContext(ctx, q, quoteIdent(t.name), t.pk[0])
	if err != nil {
		return fmt.Errorf("reset the sequence of %s: %w", t.pk[0], err)
	}
	return rows.Close()
}

// convertValue turns a value as the source's driver returned it into what
// the target column of kind k stores: SQLite's 0/1 into a PostgreSQL bool, a
// date (a time.Time from either driver) into Sullam's YYYY-MM-DD text, a
// timestamp into UTC (as the store writes it), bytes into text.
func convertValue(v any, k colKind) (any, error) {
	if v == nil {
		return nil, nil
	}
	if b, ok := v.([]byte); ok && k != kindBlob {
		v = string(b)
	}
	switch k {
	case kindBool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		case float64:
			return x != 0, nil
		case string:
			b, err := strconv.ParseBool(strings.TrimSpace(x))
			if err != nil {
				return nil, fmt.Errorf("%q is not a boolean", x)
			}
			return b, nil
		}
	case kindDate:
		switch x := v.(type) {
		case time.Time:
			return x.Format("2006-01-02"), nil
		case string:
			d, err := models.ParseDate(x[:min(len(x), 10)])
			if err != nil {
				return nil, err
			}
			return d.String(), nil
		}
	case kindTime:
		if x, ok := v.(time.Time); ok {
			return x.UTC(), nil
		}
	case kindInt:
		if x, ok := v.(bool); ok {
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case kindBlob:
		if x, ok := v.(string); ok {
			return []byte(x), nil
		}
	}
	return v, nil
}
