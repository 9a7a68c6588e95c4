package store

import (
	"errors"
	"fmt"
	"os"
)

// errLockHeld says an advisory file lock is held by another process (or by
// another open file of this one).
var errLockHeld = errors.New("lock held")

// fileLock is an advisory lock on a file that lives as long as the process
// keeps it: the operating system drops it when the process ends, killed or
// not. Every Sullam process that opens a SQLite database holds a shared lock
// on <db>.lock; a restore takes it exclusively, which proves that no other
// process has the database open.
type fileLock struct{ f *os.File }

// lockFile opens (creating) path and locks it without waiting, shared or
// exclusive. It returns errLockHeld when a conflicting lock is held.
func lockFile(path string, exclusive bool) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file %s: %w", path, err)
	}
	if err := lockHandle(f, exclusive); err != nil {
		f.Close()
		return nil, err
	}
	return &fileLock{f: f}, nil
}

// release drops the lock and closes the file.
func (l *fileLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockHandle(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
