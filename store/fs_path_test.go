package store

import (
	"errors"
	"strings"
	"testing"

	"sullam/models"
)

// TestWindowsNetworkPlace checks the Windows rule: a database on a UNC path
// (in every spelling) or on a mapped network drive (GetDriveTypeW says
// DRIVE_REMOTE) is on a network share; a local drive, even one whose letter
// is in lower case or behind \\?\, is not.
func TestWindowsNetworkPlace(t *testing.T) {
	// Z: is a mapped network drive, C: and D: are local (DRIVE_FIXED = 3).
	drives := func(root string) uint32 {
		if root == `Z:\` {
			return driveRemote
		}
		return 3
	}
	for _, c := range []struct{ path, want string }{
		{`C:\Users\hr\AppData\Roaming\fyne\com.sullam.app\sullam.db`, ""},
		{`d:\data\sullam.db`, ""},
		{`\\?\C:\data\sullam.db`, ""},
		{`Z:\shared\sullam.db`, `network drive Z:`},
		{`z:/shared/sullam.db`, `network drive Z:`},
		{`\\?\Z:\shared\sullam.db`, `network drive Z:`},
		{`\\fileserver\hr\sullam.db`, `network share \\fileserver\hr`},
		{`//fileserver/hr/sub/sullam.db`, `network share \\fileserver\hr`},
		{`\\?\UNC\fileserver\hr\sullam.db`, `network share \\fileserver\hr`},
		{`\\?\unc\fileserver\hr\sullam.db`, `network share \\fileserver\hr`},
		{`\\wsl$\Debian\home\sullam.db`, `network share \\wsl$\Debian`},
	} {
		if got := windowsNetworkPlace(c.path, drives); got != c.want {
			t.Errorf("windowsNetworkPlace(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

// TestNetworkFSErrorNamesPlaceAndRemedy checks the refusal: it names the
// file and the share, points to PostgreSQL and is models.ErrInvalid.
func TestNetworkFSErrorNamesPlaceAndRemedy(t *testing.T) {
	err := networkFSError(`\\fileserver\hr\sullam.db`, `network share \\fileserver\hr`)
	if !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("error %v is not ErrInvalid", err)
	}
	for _, want := range []string{`\\fileserver\hr\sullam.db`, `network share \\fileserver\hr`, "PostgreSQL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}
