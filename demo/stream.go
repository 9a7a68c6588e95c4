package demo

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"sullam/models"
	"sullam/store"
)

// streamBatch is the number of agents whose inputs are drawn at once (in
// parallel) before they are written to the spool.
const streamBatch = 64

// feedRows is the number of rows handed to a streaming import at a time.
const feedRows = 10_000

// Kinds of input the spool holds, in the order Load writes them.
const (
	spoolAttendance = iota
	spoolAudits
	spoolWeekly
	spoolReviews
	spoolKinds
)

// spool holds the drawn inputs of a planned demo in temporary files, one
// per kind and year, each a stream of one slice of rows per agent (in
// employee-number order, as Generate orders them): the inputs are drawn
// once, agent by agent, and read back one kind and year at a time by
// the imports. Every kind is written with encoding/gob (encoding/json
// took a fifth of the demo's CPU time, issue 17); gob would turn a pointer
// to zero (a week of 0 interactions) into nil, so weekly reports travel as
// weeklySpoolRow.
//
// Each file is unlinked as soon as it is created (where the system allows
// it: not on Windows) and read back through its open handle, so that a
// demo killed half way leaves no spool behind.
//
// Every kind is spooled in one file for every year, agent by agent, and
// imported in that order (attendance and weekly reports in one streamed
// import each, audits and reviews in imports of about importRows rows,
// whole agents each): the rows then reach the tables' agent-first keys and
// indexes (and the audits' refs, which begin with the employee number) in
// key order, each after the one before, instead of one year at a time at
// scattered places of indexes larger than the page cache (10,000 agents ×
// 5 years: a year's audits took 10–17 s and more as the database grew;
// issue 17).
type spool struct {
	dir    string
	base   int // the calendar's first year
	years  int
	counts [spoolKinds][]int      // rows of each kind and year
	lines  [spoolKinds][]int      // rows written to each file
	files  [spoolKinds][]*os.File // open for reading back, one per slot
}

// importRows is about the number of audits or reviews imported at once
// (the rows of whole agents): one import holds its rows in memory while
// the next one is decoded (two batches of 50,000 audits took the demo of
// 10,000 agents over 500 MB).
const importRows = 30_000

// slots returns the number of files of kind k: one for every year.
func (sp *spool) slots(int) int { return min(sp.years, 1) }

// slot returns the file of kind k that holds the rows of year offset y:
// the one file of the kind.
func (sp *spool) slot(int, int) int { return 0 }

// span returns the first and last years that have rows of kind k
// ("2021–2026", or "2026" for one year).
func (sp *spool) span(k int) string {
	first, last := -1, -1
	for y, c := range sp.counts[k] {
		if c > 0 {
			if first < 0 {
				first = y
			}
			last = y
		}
	}
	if first == last {
		return strconv.Itoa(sp.base + first)
	}
	return fmt.Sprintf("%d–%d", sp.base+first, sp.base+last)
}

// importsText returns "1 import" or "N imports" (progress lines, English
// as the command line's other progress lines).
func importsText(n int) string {
	if n == 1 {
		return "1 import"
	}
	return fmt.Sprintf("%d imports", n)
}

// total returns the rows of kind k of every year.
func (sp *spool) total(k int) int {
	n := 0
	for _, c := range sp.counts[k] {
		n += c
	}
	return n
}

// close closes the spool's files.
func (sp *spool) close() {
	for _, fs := range sp.files {
		for _, f := range fs {
			if f != nil {
				f.Close()
			}
		}
	}
}

// path returns the file of kind k and year offset y.
func (sp *spool) path(k, y int) string { return filepath.Join(sp.dir, fmt.Sprintf("%d-%d.gob", k, y)) }

// writeSpool draws every agent's inputs, streamBatch agents at a time: it
// hands the attendance days to att as they are drawn (whole agents, about
// feedRows days at a time; att keeps each slice) and writes the other kinds
// to a new spool in dir, from which they are imported after the attendance.
// Each row's Line is its place in its kind's rows (from 2, the line after a
// file's header). It stops at att's first error and returns it.
func (g *generator) writeSpool(dir string, att func([]models.AttendanceRow) error) (sp *spool, err error) {
	nYears := g.last.Year - g.cal.start.Year + 1
	sp = &spool{dir: dir, base: g.cal.start.Year, years: max(nYears, 0)}
	for k := range sp.counts {
		sp.counts[k] = make([]int, sp.years)
		sp.lines[k] = make([]int, sp.slots(k))
	}
	type out struct {
		w   *bufio.Writer
		enc encoder
	}
	files := make([][]out, spoolKinds)
	defer func() {
		for _, fs := range files {
			for _, o := range fs {
				if o.w == nil {
					continue
				}
				if e := o.w.Flush(); e != nil && err == nil {
					err = fmt.Errorf("write demo spool: %w", e)
				}
			}
		}
		if err != nil {
			sp.close()
			sp = nil
		}
	}()
	for k := range files {
		files[k] = make([]out, sp.slots(k))
		sp.files[k] = make([]*os.File, sp.slots(k))
		if k == spoolAttendance {
			continue // handed to att, not spooled
		}
		for y := range sp.slots(k) {
			f, err := os.OpenFile(sp.path(k, y), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				return sp, fmt.Errorf("write demo spool: %w", err)
			}
			sp.files[k][y] = f
			_ = os.Remove(sp.path(k, y)) // read back through f; fails on Windows, where loadPlanned removes it
			w := bufio.NewWriterSize(f, 1<<16)
			files[k][y] = out{w: w, enc: newEncoder(k, w)}
		}
	}
	if sp.years == 0 {
		return sp, nil
	}
	batch := make([]agentInputs, streamBatch)
	var days []models.AttendanceRow // drawn, not yet handed to att
	for start := 0; start < len(g.people); start += streamBatch {
		people := g.people[start:min(start+streamBatch, len(g.people))]
		parallel(len(people), func(i int) { batch[i] = g.agentInputs(people[i], nYears) })
		for i, p := range people {
			in := batch[i]
			for y := range nYears {
				if rows := in.att[y]; len(rows) > 0 {
					if days == nil {
						days = make([]models.AttendanceRow, 0, feedRows+len(rows))
					}
					line := sp.lines[spoolAttendance][0] + 2
					for k, a := range rows {
						days = append(days, models.AttendanceRow{Line: line + k, EmployeeNo: p.no, Day: models.AttendanceDay{
							Date: g.cal.days[a.day], Status: models.AttendanceStatuses[a.status], LateMinutes: int(a.late), EarlyLeaveMinutes: int(a.early)}})
					}
					sp.counts[spoolAttendance][y] += len(rows)
					sp.lines[spoolAttendance][0] += len(rows)
				}
				if err := putRows(sp, files[spoolAudits][sp.slot(spoolAudits, y)].enc, spoolAudits, y, in.audits[y], func(r *models.AuditRow, l int) { r.Line = l }); err != nil {
					return sp, err
				}
				if err := putRows(sp, files[spoolWeekly][sp.slot(spoolWeekly, y)].enc, spoolWeekly, y, toWeeklySpool(in.weekly[y]), func(r *weeklySpoolRow, l int) { r.Row.Line = l }); err != nil {
					return sp, err
				}
				if err := putRows(sp, files[spoolReviews][sp.slot(spoolReviews, y)].enc, spoolReviews, y, in.reviews[y], func(r *models.ReviewRow, l int) { r.Line = l }); err != nil {
					return sp, err
				}
			}
			batch[i] = agentInputs{}
			if len(days) >= feedRows {
				if err := att(days); err != nil {
					return sp, err
				}
				days = nil
			}
		}
	}
	if len(days) > 0 {
		if err := att(days); err != nil {
			return sp, err
		}
	}
	return sp, nil
}

// encoder and decoder are encoding/gob's.
type (
	encoder interface{ Encode(any) error }
	decoder interface{ Decode(any) error }
)

// newEncoder returns the encoder of the spool files of kind k (gob for
// every kind; k is kept so that a kind could have its own).
func newEncoder(_ int, w io.Writer) encoder { return gob.NewEncoder(w) }

// newDecoder returns the decoder of the spool files of kind k.
func newDecoder(_ int, r io.Reader) decoder { return gob.NewDecoder(r) }

// weeklySpoolRow is a weekly report as the spool holds it. encoding/gob
// writes no pointer to a zero value, which would read back as nil (no
// number of interactions) instead of 0, so the number travels beside the
// row, whose own pointer is nil.
type weeklySpoolRow struct {
	Row             models.WeeklyRow
	Interactions    int
	HasInteractions bool
}

// toWeeklySpool returns rows as the spool holds them (rows is not changed).
func toWeeklySpool(rows []models.WeeklyRow) []weeklySpoolRow {
	out := make([]weeklySpoolRow, len(rows))
	for i, r := range rows {
		out[i].Row = r
		if r.Report.Interactions != nil {
			out[i].Interactions, out[i].HasInteractions = *r.Report.Interactions, true
			out[i].Row.Report.Interactions = nil
		}
	}
	return out
}

// fromWeeklySpool returns the weekly rows held as rows.
func fromWeeklySpool(rows []weeklySpoolRow) []models.WeeklyRow {
	out := make([]models.WeeklyRow, len(rows))
	for i, r := range rows {
		out[i] = r.Row
		if r.HasInteractions {
			n := r.Interactions
			out[i].Report.Interactions = &n
		}
	}
	return out
}

// same is the conversion of a spool whose rows are held as they are.
func same[T any](rows []T) []T { return rows }

// putRows numbers rows after the rows of their file so far and writes them.
func putRows[T any](sp *spool, enc encoder, k, y int, rows []T, setLine func(*T, int)) error {
	if len(rows) == 0 {
		return nil
	}
	for i := range rows {
		setLine(&rows[i], sp.lines[k][sp.slot(k, y)]+i+2)
	}
	return sp.put(enc, k, y, rows, len(rows))
}

// put writes one agent's n rows of kind k and year offset y.
func (sp *spool) put(enc encoder, k, y int, rows any, n int) error {
	if err := enc.Encode(rows); err != nil {
		return fmt.Errorf("write demo spool: %w", err)
	}
	sp.counts[k][y] += n
	sp.lines[k][sp.slot(k, y)] += n
	return nil
}

// spoolFeed returns the rows of kind k in slot y (see spool.slot), held as S and
// turned into T by conv, as a streaming import's feed, about size rows at a
// time (whole agents), read on their own goroutine: the next rows are
// decoded while the ones before are written.
func spoolFeed[S, T any](sp *spool, k, y, size int, conv func([]S) []T) store.Feed[T] {
	chunks := make(chan []T)
	var readErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(chunks)
		readErr = spoolEach(sp, k, y, size, func(chunk []S) error { chunks <- conv(chunk); return nil })
	}()
	return store.Feed[T]{Chunks: chunks, End: func() ([]models.RowError, error) {
		<-done
		return nil, readErr
	}}
}

// spoolRows returns every row of kind k in slot y.
func spoolRows[T any](sp *spool, k, y int) ([]T, error) {
	out := make([]T, 0, sp.lines[k][y])
	err := spoolEach(sp, k, y, math.MaxInt, func(chunk []T) error { out = append(out, chunk...); return nil })
	return out, err
}

// spoolEach reads the rows of kind k in slot y and hands them to f in
// chunks of whole agents, of size rows or a little more; it stops at f's
// first error and returns it.
func spoolEach[T any](sp *spool, k, y, size int, f func([]T) error) error {
	dec := newDecoder(k, bufio.NewReaderSize(io.NewSectionReader(sp.files[k][y], 0, math.MaxInt64), 1<<16))
	var chunk []T
	for {
		var rows []T
		err := dec.Decode(&rows)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read demo spool %s: %w", sp.path(k, y), err)
		}
		chunk = append(chunk, rows...)
		if len(chunk) >= size {
			if err := f(chunk); err != nil {
				return err
			}
			chunk = nil
		}
	}
	if len(chunk) > 0 {
		return f(chunk)
	}
	return nil
}

// loadPlanned writes the inputs of a planned demo: the attendance days
// imported (one streamed import) while every agent's inputs are drawn, the
// other kinds spooled meanwhile to a temporary folder and imported after it,
// kind by kind, agent by agent over every year (see spool): weekly reports
// in one streamed import, audits and reviews in imports of about importRows
// rows, each decoded while the one before is written. The data is the same
// as Load's of Generate's rows (which imports each kind year by year); only
// the order in which rows get their ids and the number of imports in the
// audit log differ. It sets d.Counts.
func loadPlanned(st *store.Store, a store.Actor, d *Data, progress func(string)) error {
	dir, err := os.MkdirTemp("", "sullam-demo-")
	if err != nil {
		return fmt.Errorf("load demo: %w", err)
	}
	defer os.RemoveAll(dir)
	src := store.ImportSource{File: "demo"}

	// The drawing feeds the attendance import: SQLite writes the days on
	// one core while the next agents are drawn and spooled on the other.
	drawn := make(chan []models.AttendanceRow, 1)
	var (
		sp      *spool
		drawErr error
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(drawn)
		sp, drawErr = d.plan.writeSpool(dir, func(rows []models.AttendanceRow) error { drawn <- rows; return nil })
		_ = os.Remove(dir) // empty already where the files could be unlinked: a killed demo leaves nothing
	}()
	end := func() ([]models.RowError, error) { <-done; return nil, drawErr }
	if first, ok := <-drawn; ok {
		chunks := make(chan []models.AttendanceRow, 1)
		go func() {
			defer close(chunks)
			chunks <- first
			for rows := range drawn {
				chunks <- rows
			}
		}()
		_, err = st.ImportAttendanceStream(a, src, store.Feed[models.AttendanceRow]{Chunks: chunks, End: end}, nil)
	}
	<-done // the import read every chunk (even failing), so the drawing has ended
	if sp != nil {
		defer sp.close() // before the folder is removed
	}
	if drawErr != nil {
		return fmt.Errorf("load demo: %w", drawErr)
	}
	if err != nil {
		return fmt.Errorf("load demo attendance: %w", err)
	}
	if n := sp.total(spoolAttendance); n > 0 {
		d.Counts.Attendance += n
		progress(fmt.Sprintf("attendance %s: %d days", sp.span(spoolAttendance), n))
	}
	if n := sp.total(spoolAudits); n > 0 {
		imports := 0
		err := importEach(spoolFeed(sp, spoolAudits, 0, importRows, same[models.AuditRow]), func(rows []models.AuditRow) error {
			imports++
			_, err := st.ImportAudits(a, src, rows)
			return err
		})
		if err != nil {
			return fmt.Errorf("load demo audits: %w", err)
		}
		d.Counts.Audits += n
		progress(fmt.Sprintf("audits %s: %d (%s)", sp.span(spoolAudits), n, importsText(imports)))
	}
	if n := sp.total(spoolWeekly); n > 0 {
		if _, err := st.ImportWeeklyStream(a, src, spoolFeed(sp, spoolWeekly, 0, feedRows, fromWeeklySpool), nil); err != nil {
			return fmt.Errorf("load demo weekly reports: %w", err)
		}
		d.Counts.Weekly += n
		progress(fmt.Sprintf("weekly reports %s: %d", sp.span(spoolWeekly), n))
	}
	if n := sp.total(spoolReviews); n > 0 {
		imports := 0
		err := importEach(spoolFeed(sp, spoolReviews, 0, importRows, same[models.ReviewRow]), func(rows []models.ReviewRow) error {
			imports++
			_, err := st.ImportReviews(a, src, rows)
			return err
		})
		if err != nil {
			return fmt.Errorf("load demo reviews: %w", err)
		}
		d.Counts.Reviews += n
		progress(fmt.Sprintf("supervisor reviews %s: %d (%s)", sp.span(spoolReviews), n, importsText(imports)))
	}
	return nil
}

// importEach hands each chunk of feed to f until f fails, reads the rest
// of the feed so that its reader ends, and returns f's error or else the
// reader's.
func importEach[T any](feed store.Feed[T], f func([]T) error) error {
	var err error
	for rows := range feed.Chunks {
		if err == nil {
			err = f(rows)
		}
	}
	if _, rerr := feed.End(); err == nil {
		err = rerr
	}
	return err
}
