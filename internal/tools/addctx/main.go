// Command addctx is the codemod that threads context.Context through the
// store: every exported method of package store (on *Store or on an area
// type holding a *Store) that reaches the database gets `ctx
// context.Context` as its first parameter, its body runs its database work
// under that context, and every call site in the module passes one.
//
// The rules, decided with the type checker (golang.org/x/tools/go/packages):
//
//   - A store method "reaches the database" when its body uses the Store's
//     db field, or calls or refers to a function of package store that does
//     (a fixpoint over package store's own functions). Close is left alone
//     (it ends the database rather than querying it), and so is a method
//     that already receives a context: one as a parameter, or one inside a
//     struct parameter (ImportSource.Ctx).
//   - Its body: `s = s.withContext(ctx)` first for a *Store receiver; for an
//     area type (a struct with a *Store field f) after its opening
//     `s := r.f`, `s = s.withContext(ctx)`, else `r = &T{f:
//     r.f.withContext(ctx)}` (one-field area) or `r.f =
//     r.f.withContext(ctx)` (value receiver). withContext is the store's own
//     helper (store/store.go): a copy of the store whose gorm handle is
//     bound to ctx, so transactions and unexported helpers inherit it.
//   - Interface method specs anywhere in the module, and methods declared
//     in test files (the fakes), whose name and signature (types only)
//     equal a rewritten store method's get the parameter too.
//   - Service functions named with -services (outside the store, loading
//     through it: report.LoadBoard, tables.ExportTable, ...) take ctx first
//     as well; the store calls inside them pass it.
//   - At a call of any of these that does not already pass a context first,
//     the argument is: context.Background() inside a function given to
//     Cleanup (the test's context is already cancelled there); else the
//     nearest variable of type context.Context in scope; else, inside
//     package store, the enclosing method's receiver's dbContext(); else
//     `t.Context()` of the nearest *testing.T / *testing.B / *testing.F /
//     testing.TB in scope; else context.Background(). The "context" import
//     is added where needed.
//
// Running it twice changes nothing: a method that takes a context is not
// rewritten, and a call that passes one is left as it is. After a merge
// that brings new methods or calls without a context, run it again.
//
// Usage (from the module root):
//
//	go run ./internal/tools/addctx [-n] [-store sullam/store] [-tags ci] [-services list] [packages]
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

// defaultServices are Sullam's loaders outside the store: the report's and
// the tables' reads for a screen or a command, and the demo's load.
const defaultServices = "sullam/report.RoleNames,sullam/report.LoadEvaluation,sullam/report.LoadBoard,sullam/tables.ExportTable,sullam/demo.Load"

func main() {
	dry := flag.Bool("n", false, "list the files that would change, change nothing")
	storePath := flag.String("store", "sullam/store", "import path of the store package")
	tags := flag.String("tags", "ci", "build tags to load the packages with")
	dir := flag.String("C", ".", "module directory to run in")
	services := flag.String("services", defaultServices, "comma-separated functions outside the store (import/path.Func) that load through it and take a context too")
	flag.Parse()
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	changed, err := Rewrite(Config{Dir: *dir, StorePath: *storePath, Tags: *tags, DryRun: *dry, Services: strings.Split(*services, ",")}, patterns...)
	for _, f := range changed {
		fmt.Println(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "addctx:", err)
		os.Exit(1)
	}
}
