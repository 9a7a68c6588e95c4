// Package bulk writes many rows into one table of an open transaction with
// hand-built multi-row INSERT statements, for the imports: one statement
// holds as many rows as fit under both databases' limits on bound values
// (and at most 1,000 tuples), the statement of a full batch is prepared once
// per writer and reused, columns with the same value in every row are
// written into the statement as SQL literals instead of being bound, and a
// table's ids can be reserved beforehand so that children are written
// without reading the parents' ids back.
//
// It knows SQL and the two dialects Sullam runs on (SQLite and PostgreSQL),
// not GORM and not Sullam's models: the store hands it the transaction's
// connection and a translation of driver errors.
package bulk

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Dialect is the SQL dialect of the database written to.
type Dialect int

const (
	// SQLite numbers a value only where it is used again ("?", "?3").
	SQLite Dialect = iota
	// PostgreSQL numbers every value ($1, $2…).
	PostgreSQL
)

const (
	// MaxTuples is the most VALUES tuples one statement holds: preparing a
	// statement grows with its size (10,000 tuples took 0.14 s).
	MaxTuples = 1000
	// MaxParams is the most values one statement binds, under SQLite's
	// default limit (32,766) and PostgreSQL's (65,535).
	MaxParams = 30000
)

// Conn is what the writer uses of a transaction's connection; *sql.Tx,
// *sql.Conn and gorm's ConnPool have both methods.
type Conn interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Tx is one transaction written to: its context, connection and dialect,
// and Translate, which (when set) maps an INSERT's driver error to what the
// caller reports (the store's sentinel errors). Writes through a Tx run in
// its transaction and nowhere else.
type Tx struct {
	Ctx       context.Context
	Conn      Conn
	Dialect   Dialect
	Translate func(error) error
}

func (tx Tx) ctx() context.Context {
	if tx.Ctx == nil {
		return context.Background()
	}
	return tx.Ctx
}

// Fixed is a column written with the same value in every row of an insert,
// as an SQL literal in the statement rather than a bound value (binding is
// the dearest part of a row: one call into SQLite per value). SQL comes
// from Int, Text or Tx.Time.
type Fixed struct {
	Col string
	SQL string
}

// Int is n as an SQL literal.
func Int(n int64) string { return strconv.FormatInt(n, 10) }

// Text is v as an SQL string literal.
func Text(v string) string { return "'" + strings.ReplaceAll(v, "'", "''") + "'" }

// Time is t as an SQL literal holding what binding t would store: for
// SQLite the go-sqlite3 driver's text form, for PostgreSQL an RFC 3339
// timestamp.
func (tx Tx) Time(t time.Time) string {
	if tx.Dialect == PostgreSQL {
		return Text(t.Format(time.RFC3339Nano))
	}
	return Text(t.Format(sqlite3.SQLiteTimestampFormats[0]))
}

// ReserveIDs returns n new ids for the rows of table that an insert writes
// with explicit ids, so that their children can be written without reading
// the ids back. SQLite: above both the largest stored id and the largest
// ever given (AUTOINCREMENT never reuses one), safe as the transaction holds
// the write lock; PostgreSQL: taken from the id column's sequence, safe
// beside other sessions.
func (tx Tx) ReserveIDs(table string, n int) ([]uint, error) {
	ids := make([]uint, n)
	if n == 0 {
		return ids, nil
	}
	if tx.Dialect == PostgreSQL {
		rows, err := tx.Conn.QueryContext(tx.ctx(), "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)", table, n)
		if err != nil {
			return nil, fmt.Errorf("reserve %s ids: %w", table, err)
		}
		defer rows.Close()
		got := 0
		for rows.Next() {
			var v int64
			if got == n {
				return nil, fmt.Errorf("reserve %s ids: more than %d", table, n)
			}
			if err := rows.Scan(&v); err != nil {
				return nil, fmt.Errorf("reserve %s ids: %w", table, err)
			}
			ids[got] = uint(v)
			got++
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("reserve %s ids: %w", table, err)
		}
		if got != n {
			return nil, fmt.Errorf("reserve %s ids: got %d of %d", table, got, n)
		}
		return ids, nil
	}
	rows, err := tx.Conn.QueryContext(tx.ctx(), "SELECT MAX(COALESCE((SELECT MAX(id) FROM "+table+"), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))", table)
	if err != nil {
		return nil, fmt.Errorf("reserve %s ids: %w", table, err)
	}
	defer rows.Close()
	var top int64
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("reserve %s ids: %w", table, err)
		}
		return nil, fmt.Errorf("reserve %s ids: no row", table)
	}
	if err := rows.Scan(&top); err != nil {
		return nil, fmt.Errorf("reserve %s ids: %w", table, err)
	}
	for i := range ids {
		ids[i] = uint(top) + 1 + uint(i)
	}
	return ids, nil
}

// RowFunc appends the bound values of row i, in the order of the writer's
// columns (a Shape's parameter order), to dst and returns it.
type RowFunc func(i int, dst []any) []any

// Insert inserts n rows into table with one prepared multi-row INSERT reused
// for every full batch: the values of cols are bound (row gives them), those
// of fixed are the same in every row.
func (tx Tx) Insert(table string, cols []string, n int, row RowFunc, fixed ...Fixed) error {
	if n == 0 {
		return nil
	}
	w := tx.NewWriter(table, cols, fixed...)
	defer w.Close()
	return w.Write(n, row)
}

// Shape is what one row of a Writer writes: the INSERT's columns, the values
// bound per row, the VALUES tuples per row (a parent's children can be one
// row of several tuples), and Values, which writes a row's tuples with p(j)
// the marker of its j-th bound value; the first uses of the markers must
// come in order of j. With Select (SQLite only), the tuples are a table
// whose columns column1, column2… Select turns into the INSERT's columns
// ("INSERT … SELECT Select FROM (VALUES …)"): a row can bind fewer values
// than it writes columns (several packed into one integer), each bound
// value used once.
type Shape struct {
	Cols   []string
	Params int
	Tuples int
	Values func(sb *strings.Builder, p func(j int) string)
	Select string
}

// Plain is the shape of one tuple a row: the values of cols bound, those of
// fixed written in.
func Plain(cols []string, fixed ...Fixed) Shape {
	all := slices.Clone(cols)
	for _, f := range fixed {
		all = append(all, f.Col)
	}
	return Shape{Cols: all, Params: len(cols), Tuples: 1, Values: func(sb *strings.Builder, p func(j int) string) {
		sb.WriteByte('(')
		for j := range cols {
			if j > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(p(j))
		}
		for _, f := range fixed {
			sb.WriteString("," + f.SQL)
		}
		sb.WriteByte(')')
	}}
}

// Writer inserts rows of one shape into one table of a transaction, with
// one prepared multi-row INSERT reused for every full batch of every Write.
// Close releases it.
type Writer struct {
	tx    Tx
	table string
	shape Shape
	per   int       // rows per statement
	full  *sql.Stmt // the statement of a full batch, once prepared
	args  []any
}

// NewWriter returns a writer of rows into table: the values of cols are
// bound, those of fixed are the same in every row.
func (tx Tx) NewWriter(table string, cols []string, fixed ...Fixed) *Writer {
	return tx.NewShapedWriter(table, Plain(cols, fixed...))
}

// NewShapedWriter returns a writer of rows of shape into table.
func (tx Tx) NewShapedWriter(table string, shape Shape) *Writer {
	return &Writer{tx: tx, table: table, shape: shape, per: RowsPerStatement(shape)}
}

// RowsPerStatement is how many rows of shape one statement holds: at most
// MaxTuples tuples and MaxParams bound values, and at least one row.
func RowsPerStatement(shape Shape) int {
	return max(1, min(MaxTuples/max(1, shape.Tuples), MaxParams/max(1, shape.Params)))
}

// statement returns the INSERT of rows rows. PostgreSQL's values are
// numbered ($1, $2…); SQLite's are "?" where first used, numbered only
// where used again: SQLite looks a numbered one up in a list of those seen,
// which made preparing 1,000 rows of 11 numbered values take 85 ms.
func (w *Writer) statement(rows int) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + w.table + " (" + strings.Join(w.shape.Cols, ", ") + ") ")
	if w.shape.Select != "" {
		sb.WriteString("SELECT " + w.shape.Select + " FROM (")
	}
	sb.WriteString("VALUES ")
	pg := w.tx.Dialect == PostgreSQL
	used := make([]bool, w.shape.Params)
	base := 0
	p := func(j int) string {
		switch {
		case pg:
			return "$" + strconv.Itoa(base+j+1)
		case used[j]:
			return "?" + strconv.Itoa(base+j+1)
		}
		used[j] = true
		return "?"
	}
	for i := 0; i < rows; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		clear(used)
		w.shape.Values(&sb, p)
		base += w.shape.Params
	}
	if w.shape.Select != "" {
		sb.WriteString(")")
	}
	return sb.String()
}

// Write inserts n rows; row appends the values of row i. A driver's error
// is returned through the Tx's Translate.
func (w *Writer) Write(n int, row RowFunc) error {
	ctx := w.tx.ctx()
	for start := 0; start < n; start += w.per {
		end := min(start+w.per, n)
		w.args = w.args[:0]
		for i := start; i < end; i++ {
			w.args = row(i, w.args)
		}
		var err error
		stmt := w.full
		switch {
		case end-start < w.per:
			if stmt, err = w.tx.Conn.PrepareContext(ctx, w.statement(end-start)); err != nil {
				return fmt.Errorf("prepare insert into %s: %w", w.table, err)
			}
			defer stmt.Close()
		case stmt == nil:
			if w.full, err = w.tx.Conn.PrepareContext(ctx, w.statement(w.per)); err != nil {
				return fmt.Errorf("prepare insert into %s: %w", w.table, err)
			}
			stmt = w.full
		}
		if _, err := stmt.ExecContext(ctx, w.args...); err != nil {
			if w.tx.Translate != nil {
				return w.tx.Translate(err)
			}
			return fmt.Errorf("insert into %s: %w", w.table, err)
		}
	}
	return nil
}

// Close releases the prepared statement; a nil Writer is closed.
func (w *Writer) Close() {
	if w != nil && w.full != nil {
		w.full.Close()
		w.full = nil
	}
}
