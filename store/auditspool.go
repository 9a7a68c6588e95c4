package store

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"gorm.io/gorm"

	"sullam/models"
)

// The audit spool keeps the audit-log entries of read commands that ran
// while another process held SQLite's write lock. A read never waits for a
// writer (issue 10), and every command is logged (issue 11): so a read's
// entry that cannot be written at once is appended, synced, to
// <db>.audit-spool, and the next entry the store does write carries the
// spooled ones into the log first, with their own times. The spool holds no
// personal values (command entries hold names of commands, arguments and
// counts); it is removed once its entries are in the log.

// auditSpoolSuffix names the spool file beside a SQLite database.
const auditSpoolSuffix = ".audit-spool"

// spoolAudit appends row to the spool file of the database.
func (s *Store) spoolAudit(row models.AuditLog) error {
	f, err := os.OpenFile(s.path+auditSpoolSuffix, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("spool audit entry: %w", err)
	}
	b, err := json.Marshal(row)
	if err == nil {
		_, err = f.Write(append(b, '\n'))
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("spool audit entry: %w", err)
	}
	return nil
}

// claimAuditSpool takes the spool file away for this process (a rename, so
// two processes never copy the same entries) and returns its rows and the
// name it now has; no spool: nil, "".
func (s *Store) claimAuditSpool() ([]models.AuditLog, string, error) {
	if s.path == "" {
		return nil, "", nil
	}
	claimed := s.path + auditSpoolSuffix + "." + randomID()
	if err := os.Rename(s.path+auditSpoolSuffix, claimed); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, "", nil
		}
		return nil, "", fmt.Errorf("claim audit spool: %w", err)
	}
	f, err := os.Open(claimed)
	if err != nil {
		return nil, "", fmt.Errorf("claim audit spool: %w", err)
	}
	defer f.Close()
	var rows []models.AuditLog
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		var r models.AuditLog
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			continue // a line torn by a crash while it was appended: nothing to keep
		}
		r.ID = 0
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, "", fmt.Errorf("read audit spool: %w", err)
	}
	return rows, claimed, nil
}

// unclaimAuditSpool puts claimed entries that could not be written back
// into the spool.
func (s *Store) unclaimAuditSpool(rows []models.AuditLog, claimed string) {
	for _, r := range rows {
		if err := s.spoolAudit(r); err != nil {
			s.log.Error("audit spool: entries kept in "+claimed, "err", err)
			return
		}
	}
	os.Remove(claimed)
}

// writeAudit writes row, and the spooled entries before it, in one
// transaction. When a read command's entry meets a busy database it is
// spooled instead (spool true), so the read still succeeds.
func (s *Store) writeAudit(row models.AuditLog, spool bool) error {
	pending, claimed, err := s.claimAuditSpool()
	if err != nil {
		s.log.Warn("audit spool", "err", err)
	}
	err = s.db.Transaction(func(tx *gorm.DB) error {
		for i := range pending {
			if err := tx.Create(&pending[i]).Error; err != nil {
				return err
			}
		}
		return tx.Create(&row).Error
	})
	if err == nil {
		if claimed != "" {
			os.Remove(claimed)
		}
		return nil
	}
	for i := range pending {
		pending[i].ID = 0
	}
	if claimed != "" {
		s.unclaimAuditSpool(pending, claimed)
	}
	if spool && s.path != "" && errors.Is(err, models.ErrBusy) {
		return s.spoolAudit(row)
	}
	return err
}
