//go:build windows

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"unsafe"
)

// getDriveTypeW is kernel32's GetDriveTypeW, which tells a mapped network
// drive (DRIVE_REMOTE) from a local one.
var getDriveTypeW = syscall.NewLazyDLL("kernel32.dll").NewProc("GetDriveTypeW")

// driveType returns GetDriveTypeW of the root folder root ("C:\"); 0
// (DRIVE_UNKNOWN) when it cannot be asked.
func driveType(root string) uint32 {
	p, err := syscall.UTF16PtrFromString(root)
	if err != nil || getDriveTypeW.Find() != nil {
		return 0
	}
	r, _, _ := getDriveTypeW.Call(uintptr(unsafe.Pointer(p)))
	return uint32(r)
}

// checkLocalFS refuses a SQLite file on a network share: a UNC path
// (\\server\share\…) or a mapped network drive, where SQLite's locking is
// unreliable.
func checkLocalFS(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	if place := windowsNetworkPlace(abs, driveType); place != "" {
		return networkFSError(path, place)
	}
	dir := filepath.Dir(abs)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("open database %s: folder %s does not exist", path, dir)
	}
	return nil
}
