package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"sullam/importer"
	"sullam/models"
	"sullam/store"
)

// maxImportBytes bounds the size of an imported file.
const maxImportBytes = 512 << 20

func cmdImport(inv Invocation, env Env) error {
	if len(inv.Args) != 2 {
		return usagef("usage: sullam import KIND FILE (KIND: agents attendance audits weekly reviews candidates jobs questions)")
	}
	kind := models.ImportKind(inv.Args[0])
	if !knownKind(kind) {
		return usagef("unknown import kind %q: want agents, attendance, audits, weekly, reviews, candidates, jobs or questions", kind)
	}
	file := inv.Args[1]
	st, a, err := signIn(inv)
	if err != nil {
		return err
	}
	res, err := ImportFile(st, a, kind, file, func(done, total int) {})
	if err != nil {
		return err
	}
	inv.count("inserted", res.Inserted)
	inv.count("updated", res.Updated)
	inv.count("unchanged", res.Unchanged)
	fmt.Fprintf(env.Stderr, "%s: %d inserted, %d updated, %d unchanged\n", filepath.Base(file), res.Inserted, res.Updated, res.Unchanged)
	return nil
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
	return ImportBytes(st, a, kind, filepath.Base(file), data, progress)
}

// ImportBytes imports the content of a file named name.
func ImportBytes(st *store.Store, a store.Actor, kind models.ImportKind, name string, data []byte, progress func(done, total int)) (models.ImportResult, error) {
	sum := sha256.Sum256(data)
	src := store.ImportSource{File: name, SHA256: hex.EncodeToString(sum[:])}
	switch kind {
	case models.KindAttendance:
		return importStream(src, data, importer.StreamAttendance, func(f store.Feed[models.AttendanceRow]) (models.ImportResult, error) {
			return st.ImportAttendanceStream(a, src, f, progress)
		})
	case models.KindWeekly:
		return importStream(src, data, importer.StreamWeekly, func(f store.Feed[models.WeeklyRow]) (models.ImportResult, error) {
			return st.ImportWeeklyStream(a, src, f, progress)
		})
	}
	t, err := importer.ReadTable(name, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return models.ImportResult{}, err
	}
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
		res, err = st.ImportCandidates(a, src, r)
	case []models.JobRow:
		res, err = st.ImportJobs(a, src, r)
	case []models.QuestionRow:
		res, err = st.ImportQuestions(a, src, r)
	default:
		err = fmt.Errorf("import %s: kind %s is not supported", name, kind)
	}
	var ie *models.ImportError
	if errors.As(err, &ie) && ie.File == "" {
		ie.File = name
	}
	return res, err
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
