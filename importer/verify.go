package importer

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"strings"

	"sullam/models"
)

// damagedHint ends the one line that refuses a damaged workbook.
const damagedHint = "open it in Excel and save it again"

// damaged refuses the workbook name as damaged, detail saying how.
func damaged(name string, detail error) error {
	e := fileError(name, 0, models.Msg("import.err.damaged", nil, "the workbook is damaged"), detail)
	e.Hint, e.HintKey = damagedHint, "import.hint.damaged"
	return e
}

// ZIP record signatures and fixed sizes (APPNOTE.TXT 4.3).
const (
	sigLocal     = 0x04034b50
	sigCentral   = 0x02014b50
	sigEnd       = 0x06054b50
	sigEnd64     = 0x06064b50
	sigEnd64Loc  = 0x07064b50
	localLen     = 30
	centralLen   = 46
	endLen       = 22
	end64LocLen  = 20
	flagDataDesc = 0x8
)

// verifyWorkbook checks, before any parser reads it, that a workbook is
// whole: nothing before its first record or after its end record, every
// local header agreeing with its central directory entry (name, method,
// CRC-32, sizes), every entry decompressed to its end with the declared size
// and CRC-32 (excelize does not surface these errors: a damaged sheet would
// import in part), no two entries with one name, and every sheet the
// workbook lists present. zr is data opened with archive/zip. The sizes were
// bounded already, so reading every entry costs at most MaxUnzippedBytes.
func verifyWorkbook(data []byte, zr *zip.Reader) error {
	if len(data) < 4 || binary.LittleEndian.Uint32(data) != sigLocal {
		return errors.New("extra bytes before its start")
	}
	offsets, err := centralOffsets(data)
	if err != nil {
		return err
	}
	if len(offsets) != len(zr.File) {
		return fmt.Errorf("the directory lists %d parts, %d readable", len(offsets), len(zr.File))
	}
	names := make(map[string]bool, len(zr.File))
	for i, f := range zr.File {
		if names[f.Name] {
			return fmt.Errorf("two parts are named %q", f.Name)
		}
		names[f.Name] = true
		if err := checkLocalHeader(data, offsets[i], f); err != nil {
			return fmt.Errorf("part %q: %w", f.Name, err)
		}
		if err := checkEntry(f); err != nil {
			return fmt.Errorf("part %q: %w", f.Name, err)
		}
	}
	return checkSheetsPresent(zr, names)
}

// centralOffsets walks the central directory of data and returns the offset
// of each entry's local header, in directory order (the order of
// zip.Reader.File). The end record must end the file exactly.
func centralOffsets(data []byte) ([]int64, error) {
	end := -1
	for i := len(data) - endLen; i >= 0 && i >= len(data)-endLen-0xFFFF; i-- {
		if binary.LittleEndian.Uint32(data[i:]) == sigEnd &&
			i+endLen+int(binary.LittleEndian.Uint16(data[i+20:])) == len(data) {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, errors.New("its end record is missing or extra bytes follow it")
	}
	count := int64(binary.LittleEndian.Uint16(data[end+10:]))
	dirOff := int64(binary.LittleEndian.Uint32(data[end+16:]))
	if loc := end - end64LocLen; loc >= 0 && binary.LittleEndian.Uint32(data[loc:]) == sigEnd64Loc {
		off := binary.LittleEndian.Uint64(data[loc+8:])
		if len(data) < 56 || off > uint64(len(data))-56 || binary.LittleEndian.Uint32(data[off:]) != sigEnd64 {
			return nil, errors.New("its zip64 end record is broken")
		}
		count = int64(binary.LittleEndian.Uint64(data[off+32:]))
		dirOff = int64(binary.LittleEndian.Uint64(data[off+48:]))
	}
	if count < 0 || count > int64(len(data))/centralLen {
		return nil, errors.New("its directory count is impossible")
	}
	offsets := make([]int64, 0, count)
	p := dirOff
	for range count {
		if p < 0 || p > int64(len(data))-centralLen || binary.LittleEndian.Uint32(data[p:]) != sigCentral {
			return nil, errors.New("its directory is broken")
		}
		h := data[p:]
		nameLen := int64(binary.LittleEndian.Uint16(h[28:]))
		extraLen := int64(binary.LittleEndian.Uint16(h[30:]))
		commentLen := int64(binary.LittleEndian.Uint16(h[32:]))
		if p+centralLen+nameLen+extraLen+commentLen > int64(len(data)) {
			return nil, errors.New("its directory is broken")
		}
		off := int64(binary.LittleEndian.Uint32(h[42:]))
		if off == 0xFFFFFFFF {
			off = zip64Offset(h[centralLen+nameLen:centralLen+nameLen+extraLen], h)
		}
		offsets = append(offsets, off)
		p += centralLen + nameLen + extraLen + commentLen
	}
	return offsets, nil
}

// zip64Offset reads the local header offset from a central entry's zip64
// extra field (whose fields are present only for the 32-bit values that
// are 0xFFFFFFFF); -1 when it is missing.
func zip64Offset(extra, h []byte) int64 {
	for len(extra) >= 4 {
		tag, size := binary.LittleEndian.Uint16(extra), int(binary.LittleEndian.Uint16(extra[2:]))
		if 4+size > len(extra) {
			break
		}
		if tag == 0x0001 {
			field := extra[4 : 4+size]
			for _, at := range []int{24, 20} { // uncompressed, compressed size
				if binary.LittleEndian.Uint32(h[at:]) == 0xFFFFFFFF {
					if len(field) < 8 {
						return -1
					}
					field = field[8:]
				}
			}
			if len(field) < 8 {
				return -1
			}
			return int64(binary.LittleEndian.Uint64(field))
		}
		extra = extra[4+size:]
	}
	return -1
}

// checkLocalHeader compares the local header at off with the central
// directory entry f: archive/zip and excelize read the directory only, so a
// local header that disagrees would otherwise go unseen.
func checkLocalHeader(data []byte, off int64, f *zip.File) error {
	if off < 0 || off > int64(len(data))-localLen || binary.LittleEndian.Uint32(data[off:]) != sigLocal {
		return errors.New("its local header is missing")
	}
	h := data[off:]
	nameLen := int64(binary.LittleEndian.Uint16(h[26:]))
	if off+localLen+nameLen > int64(len(data)) || string(h[localLen:localLen+nameLen]) != f.Name {
		return errors.New("its local header names another part")
	}
	if binary.LittleEndian.Uint16(h[8:]) != f.Method {
		return errors.New("its local header and the directory disagree on the compression")
	}
	desc := binary.LittleEndian.Uint16(h[6:])&flagDataDesc != 0
	// with a data descriptor, the local CRC-32 and sizes are 0 (they follow
	// the data); otherwise they are the directory's
	if got := binary.LittleEndian.Uint32(h[14:]); got != f.CRC32 && !(desc && got == 0) {
		return errors.New("its local header and the directory disagree on the CRC-32")
	}
	for _, s := range []struct {
		at   int
		want uint64
	}{{18, f.CompressedSize64}, {22, f.UncompressedSize64}} {
		if got := binary.LittleEndian.Uint32(h[s.at:]); got != 0xFFFFFFFF && uint64(got) != s.want && !(desc && got == 0) {
			return errors.New("its local header and the directory disagree on the size")
		}
	}
	if desc {
		return checkDescriptor(data, f)
	}
	return nil
}

// checkDescriptor compares the sizes in the data descriptor after f's data
// with the directory's (archive/zip checks its CRC-32 but not its sizes).
func checkDescriptor(data []byte, f *zip.File) error {
	start, err := f.DataOffset()
	if err != nil {
		return err
	}
	p := uint64(start) + f.CompressedSize64
	if p+4 <= uint64(len(data)) && binary.LittleEndian.Uint32(data[p:]) == 0x08074b50 {
		p += 4
	}
	p += 4 // the CRC-32, checked by archive/zip
	if p+8 <= uint64(len(data)) && uint64(binary.LittleEndian.Uint32(data[p:])) == f.CompressedSize64 &&
		uint64(binary.LittleEndian.Uint32(data[p+4:])) == f.UncompressedSize64 {
		return nil
	}
	if p+16 <= uint64(len(data)) && binary.LittleEndian.Uint64(data[p:]) == f.CompressedSize64 &&
		binary.LittleEndian.Uint64(data[p+8:]) == f.UncompressedSize64 {
		return nil
	}
	return errors.New("its data descriptor and the directory disagree on the size")
}

// checkEntry decompresses f to its end: archive/zip then checks the size
// and, when the directory's CRC-32 is not 0, the CRC-32; the CRC-32 is also
// computed here, so that a CRC-32 altered to 0 is caught too.
func checkEntry(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	h := crc32.NewIEEE()
	n, err := io.Copy(h, rc)
	if err != nil {
		return err
	}
	if uint64(n) != f.UncompressedSize64 {
		return fmt.Errorf("it unpacks to %d bytes, not the %d declared", n, f.UncompressedSize64)
	}
	if h.Sum32() != f.CRC32 {
		return errors.New("zip: checksum error")
	}
	return nil
}

// checkSheetsPresent checks that every worksheet the workbook's
// relationships name is a part of the file: a missing sheet would read as
// an empty one.
func checkSheetsPresent(zr *zip.Reader, names map[string]bool) error {
	const relsName = "xl/_rels/workbook.xml.rels"
	if !names[relsName] {
		return nil // no workbook at all: excelize says so
	}
	rc, err := zr.Open(relsName)
	if err != nil {
		return fmt.Errorf("part %q: %w", relsName, err)
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(rc).Decode(&rels); err != nil {
		return fmt.Errorf("part %q: %w", relsName, err)
	}
	for _, r := range rels.Rel {
		if !strings.HasSuffix(r.Type, "/worksheet") || strings.EqualFold(r.Mode, "External") {
			continue
		}
		target := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(r.Target, "/") {
			target = path.Join("xl", r.Target)
		}
		if !names[target] && !names[strings.TrimPrefix(r.Target, "/")] {
			return fmt.Errorf("the sheet part %q is missing", target)
		}
	}
	return nil
}

// isZipStart reports whether data starts as a zip archive does.
func isZipStart(data []byte) bool { return bytes.HasPrefix(data, zipMagic) }
