package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"

	"sullam/models"
)

// isoDate formats d as YYYY-MM-DD, like d.String but without fmt.
func isoDate(d models.Date) string {
	if d.IsZero() || d.Year < 0 || d.Year > 9999 {
		return d.String()
	}
	b := [10]byte{byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10), '-',
		byte('0' + int(d.Month)/10), byte('0' + int(d.Month)%10), '-', byte('0' + d.Day/10), byte('0' + d.Day%10)}
	return string(b[:])
}

// reserveIDs returns n new ids for the rows of table that a bulk insert
// writes with explicit ids, so that their children can be written without
// reading the ids back. SQLite: above both the largest stored id and the
// largest ever given (AUTOINCREMENT never reuses one), safe as the import's
// transaction holds the write lock; PostgreSQL: taken from the column's
// sequence, safe beside other sessions.
func (s *Store) reserveIDs(tx *gorm.DB, table string, n int) ([]uint, error) {
	ids := make([]uint, n)
	if n == 0 {
		return ids, nil
	}
	if s.dialect == "postgres" {
		var got []int64
		if err := tx.Raw("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)", table, n).Scan(&got).Error; err != nil {
			return nil, fmt.Errorf("reserve %s ids: %w", table, err)
		}
		if len(got) != n {
			return nil, fmt.Errorf("reserve %s ids: got %d of %d", table, len(got), n)
		}
		for i, v := range got {
			ids[i] = uint(v)
		}
		return ids, nil
	}
	var top int64
	if err := tx.Raw("SELECT MAX(COALESCE((SELECT MAX(id) FROM "+table+"), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))",
		table).Scan(&top).Error; err != nil {
		return nil, fmt.Errorf("reserve %s ids: %w", table, err)
	}
	for i := range ids {
		ids[i] = uint(top) + 1 + uint(i)
	}
	return ids, nil
}

// importCache gives the import's SQLite connection a page cache of 64 MiB
// (the default is 2 MiB): a file's rows go to one place in the table but to
// scattered places in the indexes ordered otherwise (by date, by week), and
// with the small cache every such write read and wrote a page of the file
// (weekly reports, 371k rows: 10.3 s, most of it in system calls).
func (s *Store) importCache(ctx context.Context, conn gorm.ConnPool) error {
	if s.dialect == "postgres" {
		return nil
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -65536"); err != nil {
		return fmt.Errorf("set cache size: %w", err)
	}
	return nil
}

// insertRows inserts n rows into table with one prepared multi-row INSERT
// reused for every full batch; row appends the values of row i, in the
// order of cols, to dst. fixed columns get the same value in every row.
func (s *Store) insertRows(tx *gorm.DB, table string, cols []string, n int, row func(i int, dst []any) []any, fixed ...fixedValue) error {
	if n == 0 {
		return nil
	}
	w, err := s.newRowWriter(tx, table, cols, fixed...)
	if err != nil {
		return err
	}
	defer w.close()
	return w.write(n, row)
}

// fixedValue is a column written with the same value in every row of an
// insert, as an SQL literal in the statement rather than a bound value
// (binding is the dearest part of a row: one call into SQLite per value).
type fixedValue struct {
	col string
	sql string // an SQL literal, from a literal function
}

// intLiteral is n as an SQL literal.
func intLiteral(n int64) string { return strconv.FormatInt(n, 10) }

// textLiteral is v as an SQL string literal.
func textLiteral(v string) string { return "'" + strings.ReplaceAll(v, "'", "''") + "'" }

// timeLiteral is t as an SQL literal holding what binding t would store:
// for SQLite the driver's text form, for PostgreSQL an RFC 3339 timestamp.
func (s *Store) timeLiteral(t time.Time) string {
	if s.dialect == "postgres" {
		return textLiteral(t.Format(time.RFC3339Nano))
	}
	return textLiteral(t.Format(sqlite3.SQLiteTimestampFormats[0]))
}

// rowWriter inserts rows into one table of an import's transaction, with
// one prepared multi-row INSERT reused for every full batch of every write.
type rowWriter struct {
	s     *Store
	tx    *gorm.DB
	ctx   context.Context
	conn  gorm.ConnPool
	table string
	shape rowShape
	per   int       // rows per statement
	full  *sql.Stmt // the statement of a full batch, once prepared
	args  []any
}

// rowShape is what a row of a rowWriter writes.
type rowShape struct {
	cols   []string // the columns of the INSERT
	params int      // the values bound per row
	tuples int      // the tuples written per row
	// values writes the VALUES tuples of one row, p(j) the marker of its
	// j-th bound value; their first uses must come in order of j
	values func(sb *strings.Builder, p func(j int) string)
}

// plainShape is one tuple a row: the values of cols bound, those of fixed
// the same in every row.
func plainShape(cols []string, fixed []fixedValue) rowShape {
	all := slices.Clone(cols)
	for _, f := range fixed {
		all = append(all, f.col)
	}
	return rowShape{cols: all, params: len(cols), tuples: 1, values: func(sb *strings.Builder, p func(j int) string) {
		sb.WriteByte('(')
		for j := range cols {
			if j > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(p(j))
		}
		for _, f := range fixed {
			sb.WriteString("," + f.sql)
		}
		sb.WriteByte(')')
	}}
}

// newRowWriter returns a writer of rows into table: the values of cols are
// bound, those of fixed are the same in every row.
func (s *Store) newRowWriter(tx *gorm.DB, table string, cols []string, fixed ...fixedValue) (*rowWriter, error) {
	return s.newShapedWriter(tx, table, plainShape(cols, fixed))
}

// newShapedWriter returns a writer of rows of shape into table.
func (s *Store) newShapedWriter(tx *gorm.DB, table string, shape rowShape) (*rowWriter, error) {
	// at most 1,000 tuples a statement (preparing one grows with its size:
	// 10,000 tuples took 0.14 s) and under both databases' variable limits
	w := &rowWriter{s: s, tx: tx, ctx: tx.Statement.Context, conn: tx.Statement.ConnPool, table: table, shape: shape,
		per: max(1, min(1000/max(1, shape.tuples), 30000/max(1, shape.params)))}
	if w.ctx == nil {
		w.ctx = context.Background()
	}
	if err := s.importCache(w.ctx, w.conn); err != nil {
		return nil, err
	}
	return w, nil
}

// statement returns the INSERT of rows rows. PostgreSQL's values are
// numbered ($1, $2…); SQLite's are "?" where first used, numbered only
// where used again: SQLite looks a numbered one up in a list of those seen,
// which made preparing 1,000 rows of 11 numbered values take 85 ms.
func (w *rowWriter) statement(rows int) string {
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + w.table + " (" + strings.Join(w.shape.cols, ", ") + ") VALUES ")
	pg := w.s.dialect == "postgres"
	used := make([]bool, w.shape.params)
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
		w.shape.values(&sb, p)
		base += w.shape.params
	}
	return sb.String()
}

// write inserts n rows; row appends the values of row i, in the order of
// the writer's columns, to dst.
func (w *rowWriter) write(n int, row func(i int, dst []any) []any) error {
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
			if stmt, err = w.conn.PrepareContext(w.ctx, w.statement(end-start)); err != nil {
				return fmt.Errorf("prepare insert into %s: %w", w.table, err)
			}
			defer stmt.Close()
		case stmt == nil:
			if w.full, err = w.conn.PrepareContext(w.ctx, w.statement(w.per)); err != nil {
				return fmt.Errorf("prepare insert into %s: %w", w.table, err)
			}
			stmt = w.full
		}
		if _, err := stmt.ExecContext(w.ctx, w.args...); err != nil {
			return driverError(w.tx, err)
		}
	}
	return nil
}

// close releases the prepared statement.
func (w *rowWriter) close() {
	if w.full != nil {
		w.full.Close()
	}
}

// dateValue is d as stored: YYYY-MM-DD, NULL for the zero date.
func dateValue(d models.Date) any {
	if d.IsZero() {
		return nil
	}
	return isoDate(d)
}

// intPtr is *p as stored, NULL for nil.
func intPtr(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// uintPtr is *p as stored, NULL for nil.
func uintPtr(p *uint) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// timePtr is *p as stored, NULL for nil.
func timePtr(p *time.Time) any {
	if p == nil {
		return nil
	}
	return *p
}
