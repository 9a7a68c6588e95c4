package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"sullam/models"
)

// MigrateTo copies this database into the empty database dsn (SQLite file
// or PostgreSQL URL); admins only. The source is read in one snapshot; the
// target is migrated with the same migrations and filled in one
// transaction, so a copy that fails or is killed leaves it as it was. A
// target that holds any row is refused, naming what it holds, and left
// untouched.
func (s *Store) MigrateTo(ctx context.Context, a Actor, dsn string, opt CopyOptions) (CopyResult, error) {
	if err := s.require(a, OpBackup); err != nil {
		return CopyResult{}, err
	}
	shown := MaskDSN(dsn)
	if s.sameDatabase(dsn) {
		return CopyResult{}, models.Invalid("error.migrate_self", map[string]any{"Target": shown}, "migrate to %s: that is this database itself", shown)
	}
	dst, err := openCopyTarget(dsn, false)
	if err != nil {
		return CopyResult{}, fmt.Errorf("migrate to %s: %w", shown, maskErr(err, dsn))
	}
	pool, err := dst.pool()
	if err != nil {
		dst.close(true)
		return CopyResult{}, fmt.Errorf("migrate to %s: %w", shown, maskErr(err, dsn))
	}
	found, err := nonEmptyTables(ctx, schemaReader{dialect: dst.dialect, q: pool})
	if err == nil && len(found) > 0 {
		err = models.Invalid("error.target_not_empty", map[string]any{"Tables": strings.Join(found, ", ")}, "the target database is not empty: it holds %s; migrate copies only into an empty database", strings.Join(found, ", "))
	}
	if err != nil {
		dst.close(false)
		return CopyResult{}, fmt.Errorf("migrate to %s: %w", shown, maskErr(err, dsn))
	}
	res, err := s.copyInto(ctx, dst, opt)
	if cerr := dst.close(err != nil); err == nil && cerr != nil {
		err = fmt.Errorf("close the target: %w", cerr)
	}
	if err != nil {
		return CopyResult{}, fmt.Errorf("migrate to %s: %w", shown, maskErr(err, dsn))
	}
	return res, nil
}

// sameDatabase reports whether dsn names this store's own database.
func (s *Store) sameDatabase(dsn string) bool {
	if s.dialect == "sqlite" && !IsPostgres(dsn) {
		a, err1 := filepath.Abs(s.path)
		b, err2 := filepath.Abs(dsn)
		return err1 == nil && err2 == nil && a == b
	}
	return false
}

// maskedError is an error whose text has a database password masked; it
// still unwraps to the original (errors.Is keeps working).
type maskedError struct {
	text string
	err  error
}

func (e maskedError) Error() string { return e.text }
func (e maskedError) Unwrap() error { return e.err }

// maskErr masks the password of dsn in err's text (a driver's connection
// error may quote the URL).
func maskErr(err error, dsn string) error {
	if err == nil {
		return nil
	}
	text := MaskDSNIn(err.Error(), dsn)
	if text == err.Error() {
		return err
	}
	return maskedError{text: text, err: err}
}
