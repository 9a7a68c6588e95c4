package cli

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the master (the test types there and
// reads what the terminal shows) and the slave (the command's stdin).
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlock pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pseudo-terminal number: %v", err)
	}
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { slave.Close() })
	return master, slave
}

// Rule (spec/cli.md): a password asked on a terminal (init's, the sign-in's)
// is read without echo: what is typed never shows on the terminal, and
// the line comes back without its ending.
func TestPasswordPromptDoesNotEchoOnATerminal(t *testing.T) {
	master, slave := openPTY(t)
	var stderr bytes.Buffer
	env := Env{Stdin: slave, Stderr: &stderr}
	type result struct {
		pw  string
		err error
	}
	done := make(chan result, 1)
	go func() {
		pw, err := readSecret(env, "password: ")
		done <- result{pw, err}
	}()
	// Type only once the terminal's echo is off (a state, not a delay); a
	// reader that never turns it off fails after many looks, not a time.
	for looks := 0; ; looks++ {
		tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
		if err != nil {
			t.Fatal(err)
		}
		if tio.Lflag&unix.ECHO == 0 {
			break
		}
		if looks == 2_000_000 {
			master.Write([]byte("typed-s3cret\n")) // let the reader end
			<-done
			t.Fatal("the terminal's echo was never turned off while the password was read")
		}
		runtime.Gosched()
	}
	if _, err := master.Write([]byte("typed-s3cret\n")); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil || r.pw != "typed-s3cret" {
		t.Fatalf("readSecret = %q, %v; want the typed password", r.pw, r.err)
	}
	// What the terminal shows: whatever is there now, without waiting.
	master.SetReadDeadline(time.Now())
	buf := make([]byte, 256)
	n, err := master.Read(buf)
	if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal(err)
	}
	if shown := string(buf[:n]); strings.Contains(shown, "typed-s3cret") {
		t.Errorf("the terminal shows the password: %q", shown)
	}
	if !strings.Contains(stderr.String(), "password: ") {
		t.Errorf("no prompt on stderr: %q", stderr.String())
	}
	tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil || tio.Lflag&unix.ECHO == 0 {
		t.Errorf("the terminal's echo is not restored: %v", err)
	}
}
