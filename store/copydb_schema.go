package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// querier is what the copier reads through: a source snapshot (a *sql.Tx,
// or a *sql.Conn inside BEGIN) or the target's transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// colKind is how the copier treats a column's values: SQLite and
// PostgreSQL name and return the same Go field differently (a bool is an
// integer in SQLite, a date a time.Time from either driver).
type colKind int

const (
	kindOther colKind = iota
	kindBool
	kindDate
	kindTime
	kindInt
	kindNumber
	kindText
	kindBlob
)

// kindOf maps a column's declared type (SQLite) or data type (PostgreSQL)
// to its kind.
func kindOf(declared string) colKind {
	t := strings.ToLower(strings.TrimSpace(declared))
	if i := strings.IndexByte(t, '('); i > 0 {
		t = strings.TrimSpace(t[:i])
	}
	switch {
	case t == "date":
		return kindDate
	case t == "datetime" || strings.HasPrefix(t, "timestamp"):
		return kindTime
	case t == "boolean" || t == "bool":
		return kindBool
	case strings.Contains(t, "int") || t == "serial" || t == "bigserial":
		return kindInt
	case t == "real" || t == "numeric" || t == "decimal" || strings.HasPrefix(t, "double") || strings.HasPrefix(t, "float"):
		return kindNumber
	case t == "text" || strings.Contains(t, "char") || strings.Contains(t, "clob"):
		return kindText
	case t == "blob" || t == "bytea":
		return kindBlob
	}
	return kindOther
}

// copyColumn is one column of a table.
type copyColumn struct {
	name string
	kind colKind
	// required: NOT NULL without a default, so an INSERT must give it.
	required bool
}

// copyTable is what the copier knows of one table of the target: its
// columns in order, its primary key, the tables its foreign keys reference
// and the columns that reference the table itself.
type copyTable struct {
	name    string
	columns []copyColumn
	pk      []string
	refs    []string        // other tables this one references
	selfRef map[string]bool // columns referencing this same table
}

// schemaReader reads a database's tables, columns and foreign keys, in
// SQLite's or PostgreSQL's catalog.
type schemaReader struct {
	dialect string
	q       querier
}

// ph returns the n-th (1-based) bind placeholder of the dialect.
func ph(dialect string, n int) string {
	if dialect == "postgres" {
		return fmt.Sprintf("$%d", n)
	}
	return "?"
}

// quoteIdent quotes a table or column name (the schema has columns named
// "from", "to" and "on").
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// strings runs a query that returns one text column.
func (r schemaReader) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// tables returns the names of the database's tables, sorted.
func (r schemaReader) tables(ctx context.Context) ([]string, error) {
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	if r.dialect == "postgres" {
		q = "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
	}
	names, err := r.strings(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list the tables: %w", err)
	}
	return names, nil
}

// table reads the columns, primary key and foreign keys of one table.
func (r schemaReader) table(ctx context.Context, name string) (copyTable, error) {
	t := copyTable{name: name, selfRef: map[string]bool{}}
	var colQ, pkQ, fkQ string
	if r.dialect == "postgres" {
		colQ = `SELECT column_name::text, data_type::text, is_nullable = 'NO' AND column_default IS NULL
			FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`
		pkQ = `SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
			WHERE i.indrelid = to_regclass(quote_ident($1)) AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`
		fkQ = `SELECT rc.relname::text, a.attname::text FROM pg_constraint c
			JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class rc ON rc.oid = c.confrelid
			JOIN pg_namespace n ON n.oid = cl.relnamespace
			JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
			WHERE c.contype = 'f' AND n.nspname = current_schema() AND cl.relname = $1`
	} else {
		colQ = "SELECT name, type, \"notnull\" = 1 AND dflt_value IS NULL AND pk = 0 FROM pragma_table_info(?) ORDER BY cid"
		pkQ = "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk"
		fkQ = `SELECT "table", "from" FROM pragma_foreign_key_list(?)`
	}
	rows, err := r.q.QueryContext(ctx, colQ, name)
	if err != nil {
		return t, fmt.Errorf("read the columns of %s: %w", name, err)
	}
	for rows.Next() {
		var col, typ string
		var required bool
		if err := rows.Scan(&col, &typ, &required); err != nil {
			rows.Close()
			return t, fmt.Errorf("read the columns of %s: %w", name, err)
		}
		t.columns = append(t.columns, copyColumn{name: col, kind: kindOf(typ), required: required})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t, fmt.Errorf("read the columns of %s: %w", name, err)
	}
	if t.pk, err = r.strings(ctx, pkQ, name); err != nil {
		return t, fmt.Errorf("read the primary key of %s: %w", name, err)
	}
	rows, err = r.q.QueryContext(ctx, fkQ, name)
	if err != nil {
		return t, fmt.Errorf("read the foreign keys of %s: %w", name, err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var ref, col string
		if err := rows.Scan(&ref, &col); err != nil {
			return t, fmt.Errorf("read the foreign keys of %s: %w", name, err)
		}
		if ref == name {
			t.selfRef[col] = true
		} else if !seen[ref] {
			seen[ref] = true
			t.refs = append(t.refs, ref)
		}
	}
	return t, rows.Err()
}

// columnNames returns the names of the table's columns in order.
func (t copyTable) columnNames() []string {
	out := make([]string, len(t.columns))
	for i, c := range t.columns {
		out[i] = c.name
	}
	return out
}

// copyOrder sorts tables so that each comes after every table its foreign
// keys reference (ties by name, so the order is stable). A cycle between
// tables is an error: no such schema is copied half-checked.
func copyOrder(tables []copyTable) ([]copyTable, error) {
	byName := map[string]copyTable{}
	for _, t := range tables {
		byName[t.name] = t
	}
	done := map[string]bool{}
	var out []copyTable
	for len(out) < len(tables) {
		var ready []string
		for _, t := range tables {
			if done[t.name] {
				continue
			}
			ok := true
			for _, r := range t.refs {
				if _, known := byName[r]; known && !done[r] {
					ok = false
					break
				}
			}
			if ok {
				ready = append(ready, t.name)
			}
		}
		if len(ready) == 0 {
			var left []string
			for _, t := range tables {
				if !done[t.name] {
					left = append(left, t.name)
				}
			}
			return nil, fmt.Errorf("the foreign keys of tables %s form a cycle", strings.Join(left, ", "))
		}
		sort.Strings(ready)
		for _, n := range ready {
			done[n] = true
			out = append(out, byName[n])
		}
	}
	return out, nil
}

// zeroOf is the value a copy gives a required column the source has not
// (text empty, numbers 0, false); a date or time has no such value.
func zeroOf(k colKind) (any, bool) {
	switch k {
	case kindText, kindOther:
		return "", true
	case kindInt, kindNumber:
		return int64(0), true
	case kindBool:
		return false, true
	case kindBlob:
		return []byte{}, true
	}
	return nil, false
}

// copyPlan is how one table is copied: the INSERT's columns (the
// target's, in order) and, for each, whether it is read from the source or
// given a fixed value.
type copyPlan struct {
	table   copyTable // the target table; columns are the INSERT's
	fromSrc []bool
	fixed   []any // the value of a column not read from the source
}

// planColumns matches a target table with the same table of the source.
// The two are at the same migration level, so a column that only one side
// has is one the migrations make for one dialect only (PostgreSQL keeps no
// password hashes, say): a source-only column is not copied; a
// target-only column is left to its default, or, when it is required, set
// to its kind's zero value (none for a date or time: an error). notes
// says what was left out or filled.
func planColumns(src, dst copyTable) (copyPlan, []string, error) {
	in := map[string]bool{}
	for _, c := range src.columns {
		in[c.name] = true
	}
	plan := copyPlan{table: dst}
	plan.table.columns = nil
	var notes []string
	for _, c := range dst.columns {
		if in[c.name] {
			plan.table.columns = append(plan.table.columns, c)
			plan.fromSrc = append(plan.fromSrc, true)
			plan.fixed = append(plan.fixed, nil)
			continue
		}
		if !c.required {
			notes = append(notes, fmt.Sprintf("%s.%s: not in the source, left to its default", dst.name, c.name))
			continue
		}
		z, ok := zeroOf(c.kind)
		if !ok {
			return plan, nil, fmt.Errorf("table %s: column %s is required in the target and absent from the source", dst.name, c.name)
		}
		notes = append(notes, fmt.Sprintf("%s.%s: not in the source, set to %q", dst.name, c.name, fmt.Sprint(z)))
		plan.table.columns = append(plan.table.columns, c)
		plan.fromSrc = append(plan.fromSrc, false)
		plan.fixed = append(plan.fixed, z)
	}
	have := map[string]bool{}
	for _, c := range dst.columns {
		have[c.name] = true
	}
	for _, c := range src.columns {
		if !have[c.name] {
			notes = append(notes, fmt.Sprintf("%s.%s: not in the target, not copied", dst.name, c.name))
		}
	}
	return plan, notes, nil
}
