#!/bin/bash
# Makes the import corpus under importer/testdata/corpus/: attendance files
# as LibreOffice Calc writes them (encodings, separators, a title above the
# header, Arabic column names, a second sheet) and some it must refuse (text
# dates without --date-order, a damaged workbook, a workbook without the
# header). The files are committed, so the tests (importer/corpus_test.go)
# need no LibreOffice; run this again only to remake them.
#
# Needs LibreOffice Calc (apt-get install -y libreoffice-calc-nogui) and
# python3. Run from the project root: scripts/make-import-corpus.sh
set -eu
out=importer/testdata/corpus
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
profile="-env:UserInstallation=file://$tmp/profile"

# convert SRC FILTER OUTNAME [INFILTER]: LibreOffice converts SRC with FILTER;
# the result is renamed OUTNAME in $out.
convert() {
  local src=$1 filter=$2 name=$3 infilter=${4:-}
  rm -rf "$tmp/o" && mkdir "$tmp/o"
  if [ -n "$infilter" ]; then
    soffice "$profile" --headless --infilter="$infilter" --convert-to "$filter" --outdir "$tmp/o" "$src" >/dev/null
  else
    soffice "$profile" --headless --convert-to "$filter" --outdir "$tmp/o" "$src" >/dev/null
  fi
  mv "$tmp/o"/* "$out/$name"
}

# The plain file: every accepted variant must give exactly its rows.
cat >"$out/attendance-plain.csv" <<'CSV'
employee_no,date,status,late_minutes,early_leave_minutes
E1,2024-03-03,present,5,0
E2,2024-03-03,absent,0,0
E1,2024-03-04,leave,0,0
E2,2024-03-04,present,0,10
CSV

# The same with Arabic column names and a title row above the header.
cat >"$tmp/arabic.csv" <<'CSV'
كشف الحضور - مارس 2024,,,,
الرقم الوظيفي,التاريخ,الحالة,دقائق التأخير,دقائق الخروج المبكر
E1,2024-03-03,present,5,0
E2,2024-03-03,absent,0,0
E1,2024-03-04,leave,0,0
E2,2024-03-04,present,0,10
CSV
text="CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2" # UTF-8, comma; every column as text

# CSV written by Calc: Windows-1256 with semicolons (Excel on Arabic Windows),
# UTF-16 with tabs ("Unicode text"), UTF-8 with semicolons.
convert "$tmp/arabic.csv" "csv:Text - txt - csv (StarCalc):59,34,38,1" attendance-1256-semicolon-title.csv "$text"
convert "$out/attendance-plain.csv" "csv:Text - txt - csv (StarCalc):9,34,65535,1" attendance-utf16-tab.csv "$text"
convert "$out/attendance-plain.csv" "csv:Text - txt - csv (StarCalc):59,34,76,1" attendance-utf8-semicolon.csv "$text"

# Workbooks written by Calc: plain (dates and numbers typed as Calc reads
# them), with the Arabic title and header, and with the data on a second sheet.
convert "$out/attendance-plain.csv" xlsx attendance-calc.xlsx "CSV:44,34,76,1"
convert "$tmp/arabic.csv" xlsx attendance-arabic-title.xlsx "CSV:44,34,76,1"
python3 - "$tmp/two-sheets.fods" "$out/attendance-plain.csv" <<'PY'
import csv, sys
from xml.sax.saxutils import escape
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
def table(name, rows):
    out = ['<table:table table:name="%s">' % name]
    for r in rows:
        out.append("<table:table-row>" + "".join(
            '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(c) for c in r) + "</table:table-row>")
    return "".join(out) + "</table:table>"
open(sys.argv[1], "w", encoding="utf-8").write(
    '<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>'
    + table("Summary", [["Total rows", "4"], ["Month", "March"]]) + table("Data", rows)
    + "</office:spreadsheet></office:body></office:document>")
PY
convert "$tmp/two-sheets.fods" xlsx attendance-second-sheet.xlsx

# Refused: text dates day first, without --date-order (accepted with dmy).
cat >"$tmp/dmy.csv" <<'CSV'
employee_no,date,status,late_minutes,early_leave_minutes
E1,3/3/2024,present,5,0
E2,3/3/2024,absent,0,0
E1,4/3/2024,leave,0,0
E2,4/3/2024,present,0,10
CSV
convert "$tmp/dmy.csv" "csv:Text - txt - csv (StarCalc):44,34,76,1" attendance-dmy.csv "$text"

# Refused: the Calc workbook damaged (one byte of its first sheet's data
# flipped), and a workbook none of whose sheets holds attendance.
python3 - "$out/attendance-calc.xlsx" "$out/attendance-damaged.xlsx" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
data = bytearray(open(src, "rb").read())
z = zipfile.ZipFile(src)
info = z.getinfo("xl/worksheets/sheet1.xml")
name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
start = info.header_offset + 30 + name_len + extra_len
data[start + info.compress_size // 2] ^= 0x55
open(dst, "wb").write(bytes(data))
PY
python3 - "$tmp/other.fods" <<'PY'
import sys
open(sys.argv[1], "w", encoding="utf-8").write(
    '<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>'
    '<table:table table:name="Summary"><table:table-row><table:table-cell office:value-type="string"><text:p>Total</text:p></table:table-cell>'
    '<table:table-cell office:value-type="string"><text:p>Month</text:p></table:table-cell></table:table-row></table:table>'
    '<table:table table:name="Salaries"><table:table-row><table:table-cell office:value-type="string"><text:p>name</text:p></table:table-cell>'
    '<table:table-cell office:value-type="string"><text:p>salary</text:p></table:table-cell></table:table-row></table:table>'
    '</office:spreadsheet></office:body></office:document>')
PY
convert "$tmp/other.fods" xlsx attendance-no-header.xlsx
ls -l "$out"
