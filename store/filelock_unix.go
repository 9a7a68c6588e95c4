//go:build !windows

package store

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockHandle takes a flock(2) lock on f without waiting. flock locks belong
// to the open file, so they are independent of SQLite's own fcntl locks.
func lockHandle(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return errLockHeld
		default:
			return fmt.Errorf("lock %s: %w", f.Name(), err)
		}
	}
}

func unlockHandle(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
