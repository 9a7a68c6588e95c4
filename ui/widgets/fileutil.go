package widgets

import "os"

// RemoveEmpty deletes a file the save dialog created empty, so the backup can write it.
func RemoveEmpty(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		return os.Remove(path)
	}
	return nil
}
