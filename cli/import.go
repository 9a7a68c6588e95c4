package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
)

// maxImportBytes bounds the size of an imported file.
const maxImportBytes = 512 << 20

func cmdImport(inv Invocation, env Env) error {
	var (
		args      []string
		opts      ImportOptions
		allErrors bool
	)
	for i := 0; i < len(inv.Args); i++ {
		switch a := inv.Args[i]; {
		case a == "--all-errors":
			allErrors = true
		case a == "--date-order" || strings.HasPrefix(a, "--date-order="):
			v, ok := strings.CutPrefix(a, "--date-order=")
			if !ok {
				if i+1 >= len(inv.Args) {
					return usagef("--date-order needs a value: dmy, mdy or ymd")
				}
				i++
				v = inv.Args[i]
			}
			o, err := importer.ParseDateOrder(v)
			if err != nil || o == "" {
				return usagef("--date-order %q: want dmy, mdy or ymd", v)
			}
			opts.DateOrder = o
		default:
			args = append(args, a)
		}
	}
	if len(args) != 2 {
		return usagef("usage: sullam import KIND FILE [--date-order dmy|mdy|ymd] [--all-errors] (KIND: agents attendance audits weekly reviews candidates jobs questions)")
	}
	kind := models.ImportKind(args[0])
	if !knownKind(kind) {
		return usagef("unknown import kind %q: want agents, attendance, audits, weekly, reviews, candidates, jobs or questions", kind)
	}
	file := args[1]
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	opts.Layout = func(l importer.Layout) {
		if d := l.String(); d != "" {
			fmt.Fprintf(env.Stderr, "%s: read as %s\n", filepath.Base(file), d)
		}
	}
	res, err := ImportFileWith(st, a, kind, file, opts, func(done, total int) {})
	var ie *models.ImportError
	if err != nil && !allErrors && errors.As(err, &ie) {
		return &groupedError{lines: importer.GroupErrors(ie.File, ie.Rows, zerosHint(st, a)), ie: ie}
	}
	if err != nil {
		return err
	}
	inv.count("inserted", res.Inserted)
	inv.count("updated", res.Updated)
	inv.count("unchanged", res.Unchanged)
	fmt.Fprintf(env.Stderr, "%s: %d inserted, %d updated, %d unchanged\n", filepath.Base(file), res.Inserted, res.Updated, res.Unchanged)
	return nil
}

// zerosHint adds to a group of unknown employee numbers (the first value
// all digits) the agent's number it names once the leading zeros Excel
// dropped are put back, if there is one.
func zerosHint(st *store.Store, a store.Actor) importer.Hint {
	return func(e models.RowError) string {
		switch e.Column {
		case "employee_no", "supervisor_no", "reviewer_no":
		default:
			return ""
		}
		if !strings.Contains(strings.ToLower(e.Reason), "agent") {
			return ""
		}
		no, ok := importer.ZeroPadded(e.Value, func(no string) bool { _, err := st.Agent(context.Background(), a, no); return err == nil })
		if !ok {
			return ""
		}
		return fmt.Sprintf("%q is employee number %s with its leading zeros: format the column as text so that Excel keeps them", e.Value, no)
	}
}

// groupedError is an import refused for bad rows, written as grouped lines
// (importer.GroupErrors); --all-errors gives every row instead.
type groupedError struct {
	lines []string
	ie    *models.ImportError
}

func (e *groupedError) Error() string { return strings.Join(e.lines, "\n") }
func (e *groupedError) Unwrap() error { return e.ie }

// ImportOptions are what an import is told beyond the file.
type ImportOptions struct {
	DateOrder importer.DateOrder    // how text dates that are not YYYY-MM-DD are read
	Layout    func(importer.Layout) // when not nil, told what was detected of the file, once read
}

func knownKind(k models.ImportKind) bool {
	for _, x := range models.ImportKinds {
		if x == k {
			return true
		}
	}
	return false
}

// ImportFile reads, parses and imports one file of kind into st as actor a,
// all or nothing. Bad rows come back as a *models.ImportError naming every
// bad line.
func ImportFile(st *store.Store, a store.Actor, kind models.ImportKind, file string, progress func(done, total int)) (models.ImportResult, error) {
	return ImportFileWith(st, a, kind, file, ImportOptions{}, progress)
}

// ImportFileWith is ImportFile told opts.
func ImportFileWith(st *store.Store, a store.Actor, kind models.ImportKind, file string, opts ImportOptions, progress func(done, total int)) (models.ImportResult, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return models.ImportResult{}, fmt.Errorf("import %s: %w", file, err)
	}
	if fi.Size() > maxImportBytes {
		return models.ImportResult{}, fmt.Errorf("import %s: the file is larger than %d MiB", file, maxImportBytes>>20)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return models.ImportResult{}, fmt.Errorf("import %s: %w", file, err)
	}
	return ImportBytesWith(st, a, kind, filepath.Base(file), data, opts, progress)
}

// ImportBytes imports the content of a file named name.
func ImportBytes(st *store.Store, a store.Actor, kind models.ImportKind, name string, data []byte, progress func(done, total int)) (models.ImportResult, error) {
	return ImportBytesWith(st, a, kind, name, data, ImportOptions{}, progress)
}

// ImportBytesWith is ImportBytes told opts: the file is read as kind (its
// header found and checked before any row) with opts' date order.
func ImportBytesWith(st *store.Store, a store.Actor, kind models.ImportKind, name string, data []byte, opts ImportOptions, progress func(done, total int)) (models.ImportResult, error) {
	sum := sha256.Sum256(data)
	src := store.ImportSource{File: name, SHA256: hex.EncodeToString(sum[:])}
	ropts := importer.Options{Kind: kind, DateOrder: opts.DateOrder}
	if kind == models.KindAudits {
		ropts.Items = auditItems(st, a)
	}
	layout := func(l importer.Layout) {
		if opts.Layout != nil {
			opts.Layout(l)
		}
	}
	switch kind {
	case models.KindAttendance:
		stream := func(name string, data []byte, chunk int, emit func([]models.AttendanceRow)) ([]models.RowError, error) {
			l, errs, err := importer.StreamAttendanceWith(name, data, ropts, chunk, emit)
			layout(l)
			return errs, err
		}
		return importStream(src, data, stream, func(f store.Feed[models.AttendanceRow]) (models.ImportResult, error) {
			return st.ImportAttendanceStream(a, src, f, progress)
		})
	case models.KindWeekly:
		stream := func(name string, data []byte, chunk int, emit func([]models.WeeklyRow)) ([]models.RowError, error) {
			l, errs, err := importer.StreamWeeklyWith(name, data, ropts, chunk, emit)
			layout(l)
			return errs, err
		}
		return importStream(src, data, stream, func(f store.Feed[models.WeeklyRow]) (models.ImportResult, error) {
			return st.ImportWeeklyStream(a, src, f, progress)
		})
	}
	t, err := importer.ReadTableWith(name, bytes.NewReader(data), int64(len(data)), ropts)
	if err != nil {
		return models.ImportResult{}, err
	}
	layout(t.Layout)
	src.HeaderLine = t.HeaderLine
	rows, rowErrs := importer.Parse(kind, t)
	if len(rowErrs) > 0 {
		return models.ImportResult{}, &models.ImportError{File: name, Rows: rowErrs}
	}
	var res models.ImportResult
	switch r := rows.(type) {
	case []models.AgentRow:
		res, err = st.ImportAgents(a, src, r)
	case []models.AttendanceRow:
		res, err = st.ImportAttendance(a, src, r, progress)
	case []models.AuditRow:
		res, err = st.ImportAudits(a, src, r)
	case []models.WeeklyRow:
		res, err = st.ImportWeekly(a, src, r)
	case []models.ReviewRow:
		res, err = st.ImportReviews(a, src, r)
	case []models.CandidateRow:
		res, err = st.Recruitment().ImportCandidates(a, src, r)
	case []models.JobRow:
		res, err = st.Recruitment().ImportJobs(a, src, r)
	case []models.QuestionRow:
		res, err = st.Recruitment().ImportQuestions(a, src, r)
	default:
		err = fmt.Errorf("import %s: kind %s is not supported", name, kind)
	}
	var ie *models.ImportError
	if errors.As(err, &ie) && ie.File == "" {
		ie.File = name
	}
	return res, err
}

// auditItems returns the item codes of the stored audit forms, so that the
// reader tells an item column whose answers are all wrong from an extra
// column; nil when a cannot read the forms (the reader then guesses).
func auditItems(st *store.Store, a store.Actor) []string {
	forms, err := st.Work().LatestForms(context.Background(), a)
	if err != nil {
		return nil
	}
	var codes []string
	for _, f := range forms {
		for _, it := range f.Items {
			codes = append(codes, it.Code)
		}
	}
	return codes
}

// importStream streams a file into the store: one goroutine parses the
// rows (stream) while the store writes the chunks already parsed (write),
// so a file of millions of rows takes about the longer of the two, not
// their sum, and is never held parsed in full.
func importStream[T any](src store.ImportSource, data []byte, stream func(string, []byte, int, func([]T)) ([]models.RowError, error),
	write func(store.Feed[T]) (models.ImportResult, error)) (models.ImportResult, error) {
	chunks := make(chan []T, 4)
	done := make(chan struct{})
	var (
		refused []models.RowError
		readErr error
	)
	go func() {
		defer close(done)
		defer close(chunks)
		refused, readErr = stream(src.File, data, streamChunk, func(rows []T) { chunks <- rows })
	}()
	end := func() ([]models.RowError, error) {
		<-done
		return refused, readErr
	}
	total := bytes.Count(data, []byte{'\n'}) // about one row a line
	res, err := write(store.Feed[T]{Chunks: chunks, End: end, Total: total})
	<-done
	var ie *models.ImportError
	if errors.As(err, &ie) && ie.File == "" {
		ie.File = src.File
	}
	return res, err
}

// streamChunk is the number of parsed rows handed on at a time: a multiple
// of the store's batches, small enough to keep the two goroutines busy
// together.
const streamChunk = 5000
