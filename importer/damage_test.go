package importer

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"sullam/models"
)

// damageSheet is the part of an exported workbook that holds the rows.
const damageSheet = "xl/worksheets/sheet1.xml"

// attendanceWorkbook is an attendance workbook of 12 rows as the app exports
// it, and its rows as parsed.
func attendanceWorkbook(t testing.TB) ([]byte, []models.AttendanceRow) {
	t.Helper()
	header := []string{"employee_no", "date", "status", "late_minutes", "early_leave_minutes"}
	var rows [][]string
	for i := range 12 {
		rows = append(rows, []string{fmt.Sprintf("E%03d", i+1), fmt.Sprintf("2024-03-%02d", i+1), "present", fmt.Sprint(i), "0"})
	}
	data := xlsxFile(t, header, rows)
	tb, err := ReadTable("attendance.xlsx", bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the undamaged workbook: %v", err)
	}
	parsed, errs := ParseAttendance(tb)
	if len(errs) > 0 || len(parsed) != 12 {
		t.Fatalf("the undamaged workbook: %d rows, errors %v", len(parsed), errs)
	}
	return data, parsed
}

// zipRecord returns the offset of the local (sig 0x04034b50, name at 30)
// or central (sig 0x02014b50, name at 46) record of the part named name.
func zipRecord(t *testing.T, data []byte, sig uint32, name string) int {
	t.Helper()
	at := 30
	if sig == sigCentral {
		at = 46
	}
	var s [4]byte
	binary.LittleEndian.PutUint32(s[:], sig)
	for i := 0; ; {
		j := bytes.Index(data[i:], s[:])
		if j < 0 {
			t.Fatalf("no record %x for %s", sig, name)
		}
		i += j
		if bytes.HasPrefix(data[i+at:], []byte(name)) {
			return i
		}
		i += 4
	}
}

// sheetData returns the offset and length of the sheet's compressed data.
func sheetData(t *testing.T, data []byte) (int, int) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == damageSheet {
			off, err := f.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			return int(off), int(f.CompressedSize64)
		}
	}
	t.Fatal("no sheet part")
	return 0, 0
}

// damages lists ways a workbook gets damaged in transit or on disk, each
// applied to a copy of the undamaged file.
func damages(t *testing.T, good []byte) map[string][]byte {
	t.Helper()
	edit := func(f func(b []byte) []byte) []byte { return f(slices.Clone(good)) }
	start, n := sheetData(t, good)
	local := zipRecord(t, good, sigLocal, damageSheet)
	central := zipRecord(t, good, sigCentral, damageSheet)
	desc := start + n // the data descriptor after the sheet's data
	add32 := func(b []byte, at int, d uint32) {
		binary.LittleEndian.PutUint32(b[at:], binary.LittleEndian.Uint32(b[at:])+d)
	}
	return map[string][]byte{
		"truncated to a quarter":                                      good[:len(good)/4],
		"truncated to a half":                                         good[:len(good)/2],
		"truncated to three quarters":                                 good[:len(good)*3/4],
		"truncated by its last byte":                                  good[:len(good)-1],
		"truncated inside the directory":                              good[:central+10],
		"a byte flipped in the middle of the sheet's compressed data": edit(func(b []byte) []byte { b[start+n/2] ^= 0x55; return b }),
		"bytes flipped near the end of the sheet's compressed data": edit(func(b []byte) []byte {
			b[start+n-3] ^= 0x01
			b[start+n-2] ^= 0x80
			return b
		}),
		"the CRC-32 altered in the local header":    edit(func(b []byte) []byte { add32(b, local+14, 0x1234); return b }),
		"the CRC-32 altered in the directory":       edit(func(b []byte) []byte { add32(b, central+16, 1); return b }),
		"the CRC-32 altered in the data descriptor": edit(func(b []byte) []byte { add32(b, desc+4, 1); return b }),
		"the CRC-32 set to 0 everywhere": edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[central+16:], 0)
			binary.LittleEndian.PutUint32(b[desc+4:], 0)
			return b
		}),
		"the unpacked size altered in the directory":   edit(func(b []byte) []byte { add32(b, central+24, 0xFFFFFFFF); return b }),
		"the compressed size altered in the directory": edit(func(b []byte) []byte { add32(b, central+20, 0xFFFFFFFF); return b }),
		"the sizes altered in the data descriptor":     edit(func(b []byte) []byte { add32(b, desc+12, 7); return b }),
		"the sheet part missing (renamed)": edit(func(b []byte) []byte {
			b[local+30+len(damageSheet)-5] = 'X'
			b[central+46+len(damageSheet)-5] = 'X'
			return b
		}),
		"the local header naming another part": edit(func(b []byte) []byte { b[local+30+len(damageSheet)-5] = '2'; return b }),
		"garbage appended":                     append(slices.Clone(good), "garbage after the end"...),
		"garbage prepended":                    append([]byte("garbage before the start"), good...),
	}
}

// TestDamagedWorkbookRefused checks the rule of issue 10 item 1: a workbook
// whose zip parts fail any check (decompression, CRC-32, sizes, headers that
// disagree, a missing sheet, bytes outside the archive) is refused whole,
// with one line naming the file and saying it is damaged, and no row is
// parsed or handed on to be stored. Before, excelize read through such
// damage and several of these imported rows with success.
func TestDamagedWorkbookRefused(t *testing.T) {
	good, _ := attendanceWorkbook(t)
	all := damages(t, good)
	if len(all) < 10 {
		t.Fatalf("only %d kinds of damage", len(all))
	}
	for what, data := range all {
		t.Run(what, func(t *testing.T) {
			tb, err := ReadTable("attendance.xlsx", bytes.NewReader(data), int64(len(data)))
			checkDamaged(t, err)
			if tb != nil {
				t.Errorf("a table of %d rows came back", len(tb.Rows))
			}
			emitted := 0
			errs, err := StreamAttendance("attendance.xlsx", data, 5, func(rows []models.AttendanceRow) { emitted += len(rows) })
			checkDamaged(t, err)
			if emitted > 0 || len(errs) > 0 {
				t.Errorf("streaming handed on %d rows and %d row errors", emitted, len(errs))
			}
		})
	}
}

// checkDamaged asserts err is the one-line refusal of a damaged workbook.
func checkDamaged(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error: the damaged workbook was read")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "read attendance.xlsx: the workbook is damaged: ") ||
		!strings.HasSuffix(msg, "; open it in Excel and save it again") || strings.Contains(msg, "\n") {
		t.Errorf("message %q is not the one-line damaged-workbook refusal", msg)
	}
	if !errors.Is(err, models.ErrInvalid) {
		t.Errorf("%v does not wrap models.ErrInvalid", err)
	}
}

// FuzzDamagedWorkbook mutates an exported attendance workbook (the fuzzer
// changes, cuts and adds bytes anywhere) and checks the rule of issue 10
// item 1: either the workbook is refused, or exactly the rows of the
// undamaged file come back, never a part of them or altered ones.
func FuzzDamagedWorkbook(f *testing.F) {
	good, want := attendanceWorkbook(f)
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add(append(slices.Clone(good), 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadTable("attendance.xlsx", bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if tb != nil {
				t.Fatalf("a table and an error: %v", err)
			}
			return
		}
		got, errs := ParseAttendance(tb)
		if len(errs) > 0 || !slices.EqualFunc(got, want, func(a, b models.AttendanceRow) bool { return a == b }) {
			t.Fatalf("read without error but the rows differ:\n got %v (errors %v)\nwant %v", got, errs, want)
		}
	})
}
