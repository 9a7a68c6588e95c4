package bulk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" database/sql driver

	"sullam/internal/testenv"
)

// countingConn is a Conn that counts and keeps the statements prepared.
type countingConn struct {
	*sql.Tx
	prepared []string
}

func (c *countingConn) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	c.prepared = append(c.prepared, query)
	return c.Tx.PrepareContext(ctx, query)
}

// onEachDialect runs f on an empty SQLite database and on an empty
// PostgreSQL one (SULLAM_TEST_PG; skipped without it, failed in CI), in a
// transaction rolled back afterwards.
func onEachDialect(t *testing.T, f func(t *testing.T, db *sql.DB, d Dialect)) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "bulk.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		f(t, db, SQLite)
	})
	t.Run("postgres", func(t *testing.T) {
		url := testenv.PostgresDB(t, "sullam_bulk_test", nil)
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		f(t, db, PostgreSQL)
	})
}

// idColumn is an auto-numbered id column's definition in d.
func idColumn(d Dialect) string {
	if d == PostgreSQL {
		return "id BIGSERIAL PRIMARY KEY"
	}
	return "id INTEGER PRIMARY KEY AUTOINCREMENT"
}

// begin creates table with the columns defined by cols (after its id) and
// opens a transaction, rolled back when the test ends.
func begin(t *testing.T, db *sql.DB, d Dialect, table, cols string) *sql.Tx {
	t.Helper()
	if _, err := db.Exec("CREATE TABLE " + table + " (" + idColumn(d) + ", " + cols + ")"); err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	return tx
}

// Rule: a statement holds at most MaxTuples tuples and MaxParams bound
// values (both databases' limits on bound values), and at least one row.
func TestRowsPerStatementStaysUnderTheLimits(t *testing.T) {
	for _, c := range []struct {
		params, tuples, want int
	}{
		{5, 1, 1000},      // small rows: the tuple limit
		{40, 1, 750},      // wide rows: the value limit (30,000 / 40)
		{21, 20, 50},      // a parent of 20 children: 1,000 tuples / 20
		{401, 400, 2},     // 400 children: 1,000 / 400 tuples, under 30,000 / 401 values
		{40000, 1, 1},     // a row wider than the limit is still written, alone
		{0, 1, MaxTuples}, // only fixed values
		{3, 0, MaxTuples}, // no tuple count given: one a row
	} {
		got := RowsPerStatement(Shape{Params: c.params, Tuples: c.tuples})
		if got != c.want {
			t.Errorf("%d values and %d tuples a row: %d rows a statement, want %d", c.params, c.tuples, got, c.want)
		}
		if got > 1 && (got*c.params > MaxParams || got*c.tuples > MaxTuples) {
			t.Errorf("%d values and %d tuples a row: %d rows bind %d values in %d tuples, over the limits", c.params, c.tuples, got, got*c.params, got*c.tuples)
		}
	}
}

// Rule: rows are written in statements of RowsPerStatement rows; the full
// batch's statement is prepared once per writer and reused by every Write,
// only a last partial batch gets its own; every row arrives with its values.
func TestWriteChunksAndPreparesTheFullBatchOnce(t *testing.T) {
	onEachDialect(t, func(t *testing.T, db *sql.DB, d Dialect) {
		var defs, cols []string
		for j := range 40 {
			defs = append(defs, fmt.Sprintf("c%d BIGINT", j))
			cols = append(cols, fmt.Sprintf("c%d", j))
		}
		tx := begin(t, db, d, "wide", strings.Join(defs, ", "))
		conn := &countingConn{Tx: tx}
		w := Tx{Ctx: t.Context(), Conn: conn, Dialect: d}.NewWriter("wide", cols)
		defer w.Close()
		if w.per != 750 {
			t.Fatalf("40 values a row: %d rows a statement, want 750", w.per)
		}
		row := func(offset int) RowFunc {
			return func(i int, dst []any) []any {
				for j := range 40 {
					dst = append(dst, int64((offset+i)*100+j))
				}
				return dst
			}
		}
		// 1,600 rows twice: 750 + 750 + 100 each time.
		for _, offset := range []int{0, 1600} {
			if err := w.Write(1600, row(offset)); err != nil {
				t.Fatal(err)
			}
		}
		if len(conn.prepared) != 3 {
			t.Fatalf("prepared %d statements, want 3 (the full batch once, the 100-row rest twice)", len(conn.prepared))
		}
		if got := strings.Count(conn.prepared[0], "),("); got != 749 {
			t.Errorf("the full batch's statement holds %d tuples, want 750", got+1)
		}
		if got := strings.Count(conn.prepared[1], "),("); got != 99 {
			t.Errorf("the rest's statement holds %d tuples, want 100", got+1)
		}
		var n, sum0, bad int64
		if err := tx.QueryRow("SELECT COUNT(*), SUM(c0), SUM(CASE WHEN c39 = c0 + 39 THEN 0 ELSE 1 END) FROM wide").Scan(&n, &sum0, &bad); err != nil {
			t.Fatal(err)
		}
		if n != 3200 || sum0 != 100*(3199*3200/2) || bad != 0 {
			t.Errorf("stored %d rows, sum of c0 %d, %d rows with a misplaced value; want 3200, %d, 0", n, sum0, bad, 100*(3199*3200/2))
		}
	})
}

// Rule: a Fixed column is written into the statement as an SQL literal
// (quotes doubled), not bound: only the other columns have markers; the
// stored rows hold the literal's value, a time as binding it would store.
func TestFixedColumnsAreWrittenIntoTheStatement(t *testing.T) {
	onEachDialect(t, func(t *testing.T, db *sql.DB, d Dialect) {
		ts := "DATETIME"
		if d == PostgreSQL {
			ts = "TIMESTAMPTZ"
		}
		tx := begin(t, db, d, "notes", "body TEXT, reason TEXT, version BIGINT, created_at "+ts)
		conn := &countingConn{Tx: tx}
		btx := Tx{Ctx: t.Context(), Conn: conn, Dialect: d}
		at := time.Date(2026, 12, 2, 8, 30, 15, 123456000, time.UTC)
		bodies := []string{"first", "it's the second"}
		if err := btx.Insert("notes", []string{"body"}, len(bodies), func(i int, dst []any) []any {
			return append(dst, bodies[i])
		}, Fixed{Col: "reason", SQL: Text("HR's import")}, Fixed{Col: "version", SQL: Int(7)}, Fixed{Col: "created_at", SQL: btx.Time(at)}); err != nil {
			t.Fatal(err)
		}
		if len(conn.prepared) != 1 {
			t.Fatalf("prepared %d statements, want 1", len(conn.prepared))
		}
		stmt := conn.prepared[0]
		want := "INSERT INTO notes (body, reason, version, created_at) VALUES (?,'HR''s import',7," + btx.Time(at) + "),(?,'HR''s import',7," + btx.Time(at) + ")"
		if d == PostgreSQL {
			want = strings.Replace(strings.Replace(want, "?", "$1", 1), "?", "$2", 1)
		}
		if stmt != want {
			t.Errorf("statement\n%s\nwant\n%s", stmt, want)
		}
		rows, err := tx.Query("SELECT body, reason, version, created_at FROM notes ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		i := 0
		for ; rows.Next(); i++ {
			var body, reason string
			var version int64
			var created time.Time
			if err := rows.Scan(&body, &reason, &version, &created); err != nil {
				t.Fatal(err)
			}
			if body != bodies[i] || reason != "HR's import" || version != 7 || !created.Equal(at) {
				t.Errorf("row %d: %q %q %d %v; want %q, HR's import, 7, %v", i, body, reason, version, created, bodies[i], at)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if i != 2 {
			t.Errorf("stored %d rows, want 2", i)
		}
	})
}

// childShape is a parent's children as one row: the parent's id bound once
// and used in every tuple, a key literal and a bound value a tuple.
func childShape(keys []string) Shape {
	return Shape{Cols: []string{"parent_id", "key", "value"}, Params: 1 + len(keys), Tuples: len(keys), Values: func(sb *strings.Builder, p func(j int) string) {
		for j, k := range keys {
			if j > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString("(" + p(0) + "," + k + "," + p(1+j) + ")")
		}
	}}
}

// Rule: a value used in several tuples of a row is bound once: SQLite
// writes "?" where a value is first used and its number where it is used
// again, PostgreSQL numbers every use; either way each tuple gets its row's
// values.
func TestAValueUsedAgainIsBoundOnce(t *testing.T) {
	onEachDialect(t, func(t *testing.T, db *sql.DB, d Dialect) {
		tx := begin(t, db, d, "children", "parent_id BIGINT, key TEXT, value BIGINT")
		conn := &countingConn{Tx: tx}
		w := Tx{Ctx: t.Context(), Conn: conn, Dialect: d}.NewShapedWriter("children", childShape([]string{Text("a"), Text("b")}))
		defer w.Close()
		if err := w.Write(2, func(i int, dst []any) []any {
			return append(dst, int64(10+i), int64(100*i+1), int64(100*i+2))
		}); err != nil {
			t.Fatal(err)
		}
		want := "INSERT INTO children (parent_id, key, value) VALUES (?,'a',?),(?1,'b',?),(?,'a',?),(?4,'b',?)"
		if d == PostgreSQL {
			want = "INSERT INTO children (parent_id, key, value) VALUES ($1,'a',$2),($1,'b',$3),($4,'a',$5),($4,'b',$6)"
		}
		if len(conn.prepared) != 1 || conn.prepared[0] != want {
			t.Errorf("statements %q, want [%q]", conn.prepared, want)
		}
		var got []string
		rows, err := tx.Query("SELECT parent_id, key, value FROM children ORDER BY parent_id, key")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var p, v int64
			var k string
			if err := rows.Scan(&p, &k, &v); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%d/%s/%d", p, k, v))
		}
		if s := strings.Join(got, " "); s != "10/a/1 10/b/2 11/a/101 11/b/102" {
			t.Errorf("stored %s, want 10/a/1 10/b/2 11/a/101 11/b/102", s)
		}
	})
}

// Rule: reserved ids are new: above every stored id and, on SQLite, above
// every id AUTOINCREMENT ever gave (a deleted last row's id is not given
// again); on PostgreSQL taken from the sequence, so a later insert without
// an id does not collide with them.
func TestReservedIDsAreNew(t *testing.T) {
	onEachDialect(t, func(t *testing.T, db *sql.DB, d Dialect) {
		tx := begin(t, db, d, "parents", "name TEXT")
		btx := Tx{Ctx: t.Context(), Conn: tx, Dialect: d}
		for _, name := range []string{"a", "b", "c"} {
			if _, err := tx.Exec("INSERT INTO parents (name) VALUES ('" + name + "')"); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.Exec("DELETE FROM parents WHERE name = 'c'"); err != nil {
			t.Fatal(err)
		}
		ids, err := btx.ReserveIDs("parents", 3)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(ids) != "[4 5 6]" {
			t.Errorf("reserved %v after ids 1–3 (3 deleted), want [4 5 6]", ids)
		}
		if err := btx.Insert("parents", []string{"id", "name"}, len(ids), func(i int, dst []any) []any {
			return append(dst, int64(ids[i]), "reserved")
		}); err != nil {
			t.Fatal(err)
		}
		if d == PostgreSQL {
			var next int64
			if err := tx.QueryRow("INSERT INTO parents (name) VALUES ('later') RETURNING id").Scan(&next); err != nil {
				t.Fatalf("an insert after the reserved ids: %v", err)
			}
			if next != 7 {
				t.Errorf("the next id after reserving 4–6 is %d, want 7", next)
			}
		}
		if none, err := btx.ReserveIDs("parents", 0); err != nil || len(none) != 0 {
			t.Errorf("reserving no id: %v, %v; want none", none, err)
		}
	})
}

// errTaken stands for the caller's sentinel error of a unique violation.
var errTaken = errors.New("taken")

// Rule: an INSERT's driver error is returned through the Tx's Translate
// (the store's sentinel errors); without one it is wrapped naming the table.
func TestAnInsertErrorGoesThroughTranslate(t *testing.T) {
	onEachDialect(t, func(t *testing.T, db *sql.DB, d Dialect) {
		tx := begin(t, db, d, "codes", "code TEXT UNIQUE")
		var seen error
		btx := Tx{Ctx: t.Context(), Conn: tx, Dialect: d, Translate: func(err error) error {
			seen = err
			return fmt.Errorf("%w: %v", errTaken, err)
		}}
		row := func(i int, dst []any) []any { return append(dst, "same") }
		err := btx.Insert("codes", []string{"code"}, 2, row)
		if !errors.Is(err, errTaken) || seen == nil {
			t.Errorf("duplicate code: %v (translated from %v), want the translated error", err, seen)
		}
		plain := Tx{Ctx: t.Context(), Conn: tx, Dialect: d}
		if d == PostgreSQL {
			// the failed statement aborted PostgreSQL's transaction
			tx2 := begin(t, db, d, "codes2", "code TEXT UNIQUE")
			plain.Conn = tx2
			err = plain.Insert("codes2", []string{"code"}, 2, row)
		} else {
			err = plain.Insert("codes", []string{"code"}, 2, row)
		}
		if err == nil || !strings.Contains(err.Error(), "insert into codes") {
			t.Errorf("duplicate code without Translate: %v, want an error naming the table", err)
		}
	})
}

// Rule: with Select (SQLite), a row's tuple is a table the SELECT turns
// into the INSERT's columns: one bound integer taken apart into two
// columns, a bound text, and a literal, for each row of a full and of a
// partial batch.
func TestSelectShapeTakesPackedValuesApart(t *testing.T) {
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "bulk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx := begin(t, db, SQLite, "pairs", "hi INTEGER, lo INTEGER, label TEXT, kind TEXT")
	conn := &countingConn{Tx: tx}
	btx := Tx{Ctx: t.Context(), Conn: conn, Dialect: SQLite}
	shape := Shape{Cols: []string{"hi", "lo", "label", "kind"}, Params: 2, Tuples: 1, Select: "column1 >> 8, column1 & 255, column2, 'k'",
		Values: func(sb *strings.Builder, p func(j int) string) { sb.WriteString("(" + p(0) + "," + p(1) + ")") }}
	w := btx.NewShapedWriter("pairs", shape)
	defer w.Close()
	n := RowsPerStatement(shape) + 3
	if err := w.Write(n, func(i int, dst []any) []any { return append(dst, int64(i)<<8|int64(i%256), fmt.Sprint("row ", i)) }); err != nil {
		t.Fatal(err)
	}
	if want := "INSERT INTO pairs (hi, lo, label, kind) SELECT column1 >> 8, column1 & 255, column2, 'k' FROM (VALUES (?,?),(?,?),(?,?))"; conn.prepared[len(conn.prepared)-1] != want {
		t.Errorf("partial batch statement\n%s\nwant\n%s", conn.prepared[len(conn.prepared)-1], want)
	}
	rows, err := tx.Query("SELECT hi, lo, label, kind FROM pairs ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var hi, lo int64
		var label, kind string
		if err := rows.Scan(&hi, &lo, &label, &kind); err != nil {
			t.Fatal(err)
		}
		if hi != int64(i) || lo != int64(i%256) || label != fmt.Sprint("row ", i) || kind != "k" {
			t.Fatalf("row %d: %d %d %q %q", i, hi, lo, label, kind)
		}
	}
	if i != n {
		t.Errorf("stored %d rows, want %d", i, n)
	}
}
