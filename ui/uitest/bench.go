package uitest

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// BenchStore opens the demo database of a screen benchmark (issue 17):
// SULLAM_BENCH_DB, a SQLite file or a PostgreSQL URL filled by `sullam
// demo` (`scripts/bench.sh screens` makes one), read as of
// SULLAM_BENCH_ASOF (the demo's date; default today), and signs in its
// manager with the demo accounts' password SULLAM_BENCH_PASSWORD. It skips
// the benchmark when SULLAM_BENCH_DB is not set, and makes the test app,
// in Arabic, the users' first language.
func BenchStore(b *testing.B) (*store.Store, store.Actor, models.User) {
	b.Helper()
	dsn := os.Getenv("SULLAM_BENCH_DB")
	if dsn == "" {
		b.Skip("SULLAM_BENCH_DB names no demo database")
	}
	now := time.Now()
	if s := os.Getenv("SULLAM_BENCH_ASOF"); s != "" {
		d, err := models.ParseDate(s)
		if err != nil {
			b.Fatalf("SULLAM_BENCH_ASOF %q: %v", s, err)
		}
		now = time.Date(d.Year, d.Month, d.Day, 10, 0, 0, 0, time.Local)
	}
	st, err := store.Open(dsn, store.WithClock(func() time.Time { return now }))
	if err != nil {
		b.Fatalf("open %s: %v", dsn, err)
	}
	b.Cleanup(func() {
		for deadline := time.Now().Add(time.Minute); !widgets.Background.Drain() && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		st.Close()
	})
	u, err := st.Accounts().SignIn(b.Context(), "manager", os.Getenv("SULLAM_BENCH_PASSWORD"))
	if err != nil {
		b.Fatalf("sign in the demo manager (SULLAM_BENCH_PASSWORD): %v", err)
	}
	test.NewTempApp(b)
	i18n.Use("ar")
	return st, store.ActorOf(u), u
}

// BenchWindow returns a test window of the size every screen is checked
// at, 1366×768.
func BenchWindow() fyne.Window {
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1366, 768))
	return w
}

// DrawnWhen runs the screens' callbacks until cond holds (the screen's
// data is in its widgets), polling every millisecond, then draws the
// window once (the software painter renders every visible object): what a
// user waits for after opening a screen. It fails after five minutes.
func DrawnWhen(b *testing.B, w fyne.Window, what string, cond func() bool) {
	b.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for !widgets.Background.Drain() || !cond() {
		if time.Now().After(deadline) {
			b.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
	w.Canvas().Capture()
}
