package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// File names beside a SQLite database <db>.
const (
	// lockSuffix: <db>.lock, locked shared by every process that has the
	// database open and exclusively by a restore.
	lockSuffix = ".lock"
	// inflightInfix: <db>.inflight-<id>, the marker of a backup or restore
	// under way, locked by its process; it holds the path of its temporary file.
	inflightInfix = ".inflight-"
	// partialSuffix ends the temporary file of a backup (<file>.partial).
	partialSuffix = ".partial"
	// restoreTmpInfix: <db>.restore-<id>.tmp, the staged copy of a restore.
	restoreTmpInfix = ".restore-"
	restoreTmpExt   = ".tmp"
)

// inflight marks a temporary file that an operation is writing, so that
// the next Open removes it when the operation died before it finished.
type inflight struct {
	marker string
	lock   *fileLock
}

// beginInflight writes and locks the marker of temp beside the database
// dbPath; the marker is written before temp exists, so a temp file is never
// left unrecorded.
func beginInflight(dbPath, temp string) (*inflight, error) {
	marker := dbPath + inflightInfix + randomID()
	l, err := lockFile(marker, true)
	if err != nil {
		return nil, fmt.Errorf("mark temporary file %s: %w", temp, err)
	}
	if _, err := l.f.WriteString(temp); err != nil {
		l.release()
		os.Remove(marker)
		return nil, fmt.Errorf("mark temporary file %s: %w", temp, err)
	}
	return &inflight{marker: marker, lock: l}, nil
}

// end removes the marker (the operation removed or renamed its file).
func (in *inflight) end() {
	if in == nil {
		return
	}
	in.lock.release()
	os.Remove(in.marker)
}

// removeDebris removes the temporary files of the backups and restores of
// dbPath that died: each marker whose lock nobody holds any more.
func removeDebris(dbPath string, log *slog.Logger) {
	dir, base := filepath.Split(dbPath)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), base+inflightInfix) {
			continue
		}
		marker := filepath.Join(dir, e.Name())
		l, err := lockFile(marker, true)
		if err != nil {
			continue // its operation is still running (or the file is unreadable)
		}
		data, err := os.ReadFile(marker)
		temp := string(data)
		if err == nil && isTempName(temp) {
			for _, ext := range []string{"", "-journal", "-wal", "-shm"} {
				if err := os.Remove(temp + ext); err != nil && !errors.Is(err, fs.ErrNotExist) {
					log.Warn("remove the temporary file of an interrupted backup or restore", "file", temp+ext, "err", err)
				}
			}
			log.Info("removed the temporary file of an interrupted backup or restore", "file", temp)
		}
		l.release()
		os.Remove(marker)
	}
}

// isTempName reports whether path names a temporary file Sullam writes, the
// only kind removeDebris deletes.
func isTempName(path string) bool {
	name := filepath.Base(path)
	return strings.HasSuffix(name, partialSuffix) ||
		(strings.Contains(name, restoreTmpInfix) && strings.HasSuffix(name, restoreTmpExt))
}

func randomID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
