package settings

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// autoBackupColumns are the columns of the automatic backups' table, in
// reading order (mirrored in Arabic): the day of the backup, when the file
// was written, its size and its name.
var autoBackupColumns = []struct {
	key   string
	width float32
}{{"settings.autobackup_day", 200}, {"settings.autobackup_written", 150}, {"settings.autobackup_size", 120}, {"settings.autobackup_file", 420}}

// autoBackupList is the Backup tab's list of automatic backups: a table
// loaded off the UI thread, or on PostgreSQL the sentence saying that
// automatic file backups are for SQLite desks and how a shared server is
// backed up.
func (s *SettingsScreen) autoBackupList() fyne.CanvasObject {
	s.autoBackupNote = widgets.Para("")
	if store.IsPostgres(s.dsn) {
		s.autoBackupNote.SetText(i18n.T("settings.autobackups_pg"))
		return container.NewVBox(s.autoBackupNote)
	}
	n := len(autoBackupColumns)
	col := func(c int) int { return widgets.AgCol(c, n) } // displayed column → logical column
	s.autoBackupTable = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.autoBackups), n },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Alignment = widgets.ReadingEdge()
			if id.Row >= len(s.autoBackups) {
				l.SetText("")
				return
			}
			l.SetText(autoBackupCell(s.autoBackups[id.Row], col(id.Col)))
		})
	s.autoBackupTable.ShowHeaderColumn = false
	s.autoBackupTable.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	s.autoBackupTable.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.TextStyle.Bold = true
		l.Alignment = widgets.ReadingEdge()
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(i18n.T(autoBackupColumns[col(id.Col)].key))
		} else {
			l.SetText("")
		}
	}
	for c := range n {
		s.autoBackupTable.SetColumnWidth(c, autoBackupColumns[col(c)].width)
	}
	s.autoBackupNote.SetText(i18n.T("common.loading"))
	s.reloadAutoBackups()
	return container.NewBorder(s.autoBackupNote, nil, nil, nil, widgets.ReadingTable(s.autoBackupTable))
}

// reloadAutoBackups reads the automatic backups off the UI thread.
func (s *SettingsScreen) reloadAutoBackups() {
	widgets.GoWork(func() {
		files, err := s.st.ListAutoBackups(context.Background(), s.Actor)
		widgets.OnMain(func() {
			if err != nil {
				s.autoBackupNote.SetText(widgets.RawMessage(err))
				return
			}
			s.autoBackups = files
			if len(files) == 0 {
				s.autoBackupNote.SetText(i18n.T("settings.autobackups_none"))
			} else {
				s.autoBackupNote.SetText(i18n.T("settings.autobackups_count", map[string]any{"Count": len(files), "Keep": s.prefs.BackupKeep()}))
			}
			s.autoBackupTable.Refresh()
		})
	})
}

// autoBackupCell is the text of column c (logical order) for backup f.
func autoBackupCell(f store.AutoBackupFile, c int) string {
	switch c {
	case 0:
		return i18n.Display(longDate(f.Day))
	case 1:
		return f.Modified.Local().Format("2006-01-02 15:04")
	case 2:
		return i18n.Display(fileSize(f.Size))
	case 3:
		return widgets.Cell(filepath.Base(f.Path))
	}
	return ""
}

// longDate is a date with its weekday and month in words, in the current
// language ("Wednesday 2 December 2026", «الأربعاء 2 ديسمبر 2026»).
func longDate(d models.Date) string {
	t := d.Time()
	return i18n.T("date.long", map[string]any{
		"Weekday": i18n.T(fmt.Sprintf("date.weekday.%d", int(t.Weekday()))),
		"Day":     d.Day,
		"Month":   i18n.T(fmt.Sprintf("date.month.%d", d.Month)),
		"Year":    d.Year,
	})
}

// fileSize is a file size in bytes, KB or MB (powers of 1024), translated.
func fileSize(n int64) string {
	switch {
	case n < 1024:
		return i18n.T("size.bytes", map[string]any{"N": n})
	case n < 1024*1024:
		return i18n.T("size.kb", map[string]any{"N": fmt.Sprintf("%.1f", float64(n)/1024)})
	}
	return i18n.T("size.mb", map[string]any{"N": fmt.Sprintf("%.1f", float64(n)/(1024*1024))})
}
