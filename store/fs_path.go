package store

import (
	"fmt"
	"strings"

	"sullam/models"
)

// networkFSError is the refusal of a SQLite file on a network filesystem
// (kind names it: NFS, SMB, "network share \\server\share", …).
func networkFSError(path, kind string) error {
	return fmt.Errorf("open database %s: the folder is on a network filesystem (%s), where SQLite can corrupt data; use PostgreSQL (--db postgres://…) for a shared database: %w", path, kind, models.ErrInvalid)
}

// driveRemote is GetDriveTypeW's DRIVE_REMOTE: a mapped network drive.
const driveRemote = 4

// windowsNetworkPlace tells whether the absolute Windows path abs lies on a
// network share, and names it: a UNC path (\\server\share\…, //server/share/…,
// \\?\UNC\server\share\…) always does; a drive-letter path (C:\…, \\?\C:\…)
// does when driveType (GetDriveTypeW) says its root is a remote drive. It
// returns "" for a local path or one it cannot read (SQLite then tries it).
// It is plain string work so that it is tested on every platform.
func windowsNetworkPlace(abs string, driveType func(root string) uint32) string {
	p := strings.ReplaceAll(abs, "/", `\`)
	for _, long := range []string{`\\?\`, `\\.\`} {
		if rest, ok := strings.CutPrefix(p, long); ok {
			if unc, ok := cutPrefixFold(rest, `UNC\`); ok {
				return "network share " + uncShare(unc)
			}
			p = rest
			break
		}
	}
	if rest, ok := strings.CutPrefix(p, `\\`); ok {
		return "network share " + uncShare(rest)
	}
	if len(p) >= 2 && p[1] == ':' && isLetter(p[0]) {
		root := strings.ToUpper(p[:1]) + `:\`
		if driveType != nil && driveType(root) == driveRemote {
			return "network drive " + root[:2]
		}
	}
	return ""
}

// uncShare returns \\server\share of the UNC path rest (without its leading \\).
func uncShare(rest string) string {
	parts := strings.SplitN(rest, `\`, 3)
	if len(parts) >= 2 {
		return `\\` + parts[0] + `\` + parts[1]
	}
	return `\\` + rest
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
