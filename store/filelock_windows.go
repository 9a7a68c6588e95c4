//go:build windows

package store

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is where the lock byte lies: far beyond any data, so the
// mandatory byte-range lock of Windows never blocks a read or write of the
// file itself (the same file may be one SQLite is writing).
const lockOffset = 0x7FFFFFF0

// lockHandle takes a LockFileEx lock on one byte of f without waiting.
func lockHandle(f *os.File, exclusive bool) error {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	ol := &windows.Overlapped{Offset: lockOffset}
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, ol)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return errLockHeld
	default:
		return fmt.Errorf("lock %s: %w", f.Name(), err)
	}
}

func unlockHandle(f *os.File) error {
	ol := &windows.Overlapped{Offset: lockOffset}
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
}
