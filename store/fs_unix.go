//go:build !windows

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// networkFS names the network filesystems (statfs f_type magic numbers) on
// which SQLite locking is unreliable.
var networkFS = map[int64]string{
	0x6969:     "NFS",
	0xFF534D42: "CIFS",
	0xFE534D42: "SMB2",
	0x517B:     "SMB",
	0x65735546: "FUSE",
	0x564c:     "NCP",
	0x5346414F: "AFS",
	0x01021997: "9P",
}

// checkLocalFS refuses a SQLite file on a network filesystem.
func checkLocalFS(path string) error {
	dir := filepath.Dir(path)
	if dir == "" {
		dir = "."
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("open database %s: folder %s does not exist", path, dir)
		}
		return nil // cannot tell; let SQLite try
	}
	if name, ok := networkFS[int64(st.Type)]; ok {
		return networkFSError(path, name)
	}
	return nil
}
