#!/bin/bash
# Makes the import corpus under importer/testdata/corpus/: for every import
# kind (agents, attendance, audits, weekly, reviews, candidates, jobs,
# questions), its rows as LibreOffice Calc writes them, and files it must
# refuse. The files are committed, so the tests (importer/corpus_test.go,
# cli/corpus_test.go) need no LibreOffice; run this again only to remake them.
#
# For each KIND:
#   KIND-plain.csv                 the reference: UTF-8, comma-separated, ISO dates
#   KIND-1256-semicolon-title.csv  Windows-1256, semicolons, a title row above
#                                  an Arabic header (Excel on Arabic Windows)
#   KIND-utf16-tab.csv             UTF-16 LE with tabs (Excel's "Unicode text")
#   KIND-utf8-semicolon.csv        UTF-8 with semicolons (a comma-decimal locale)
#   KIND-calc.xlsx                 the plain file opened in Calc and saved as
#                                  XLSX (dates as date cells, numbers as numbers)
#   KIND-arabic-title.xlsx         the title and Arabic header, as XLSX
#   KIND-second-sheet.xlsx         a summary sheet first, the rows on the second
#   KIND-dmy.csv                   (kinds with dates) d/m/yyyy text dates: read
#                                  with --date-order dmy, refused without it
#   KIND-damaged.xlsx              KIND-calc.xlsx with one byte of its sheet flipped
#   KIND-typo-header.xlsx          the first column's name misspelt and every
#                                  row's dates bad: refused for the header alone
# and no-header.xlsx, a workbook none of whose sheets holds an import kind.
# Every accepted file must give exactly the rows of KIND-plain.csv.
#
# The Arabic header uses the Arabic column names of importer/FORMATS.md
# (a column without one keeps its English name).
#
# Needs LibreOffice Calc (apt-get install -y libreoffice-calc-nogui) and
# python3. Run from the project root: scripts/make-import-corpus.sh
set -eu
out=importer/testdata/corpus
[ -f importer/FORMATS.md ] || { echo "run from the project root" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out"/*
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
profile="-env:UserInstallation=file://$tmp/profile"
mkdir "$tmp/plain" "$tmp/arabic" "$tmp/dmy" "$tmp/fods" "$tmp/typo"

# The sources: the plain files (written to $out), the Arabic ones with a
# title row, the day-first ones and the two-sheet workbooks (flat ODF).
python3 - "$out" "$tmp" importer/FORMATS.md <<'PY'
import csv, io, re, sys
from xml.sax.saxutils import escape
out, tmp, formats = sys.argv[1:4]

ITEMS = "GREETING,NEEDS,LISTENING,CLARITY,RESPONSE_TIME,PERSONAL,ACCURACY,RESOLUTION,PRIVACY,CLOSING"
COMPS = "COMMUNICATION,PROBLEM_SOLVING,PATIENCE,TIME_MANAGEMENT,PRODUCT_KNOWLEDGE,TEAMWORK,POLICY,INITIATIVE"
PLAIN = {
"agents": """employee_no,full_name,hire_date,role,role_start_date,supervisor_no,team,status,email,phone
E1,أحمد الدوسري,2022-03-01,csr,2022-03-01,E3,A,active,ahmad@example.com,+966501234567
E2,Sara Ali,2021-05-10,csr,2023-01-01,E3,A,inactive,,966551234567
E3,خالد الزهراني,2019-01-15,coordinator,2021-07-01,,A,active,khalid@example.com,
E4,"Mona ""M"" Saleh",2023-02-05,csr,2023-02-05,E3,B,active,,
""",
"attendance": """employee_no,date,status,late_minutes,early_leave_minutes
E1,2024-03-03,present,5,0
E2,2024-03-03,absent,0,0
E1,2024-03-04,leave,0,0
E2,2024-03-04,present,0,10
""",
"audits": "audit_ref,employee_no,audit_date,channel,form_code,auditor," + ITEMS + """,notes
AUD-1,E1,2024-03-05,phone,CS-STD-1,فريق الجودة,pass,pass,pass,fail,pass,na,pass,pass,pass,pass,تأخر في الرد
AUD-2,E2,2024-03-06,chat,CS-STD-1,QA team,pass,na,pass,pass,pass,pass,pass,na,pass,pass,
AUD-3,E1,2024-04-11,email,CS-STD-1,,fail,pass,pass,pass,pass,pass,pass,pass,pass,pass,"Line one
line two"
""",
"weekly": """employee_no,week_start,submitted_on,rating,interactions,summary
E1,2024-03-03,2024-03-07,4,120,أسبوع عمل، تمت معالجة الطلبات
E2,2024-03-03,2024-03-10,,57,
E1,2024-03-10,2024-03-14,5,130,"Two lines
of summary"
""",
"reviews": "employee_no,review_date,period,reviewer_no," + COMPS + """,comments
E1,2024-03-28,2024-Q1,E3,4,4,5,3,4,5,4,3,أداء جيد
E2,2024-03-28,2024-Q1,E3,3,2,4,3,3,4,5,2,
E1,2024-06-27,2024-Q2,,5,4,4,4,5,5,4,4,Keeps improving
""",
"candidates": """full_name,email,phone,job_code,applied_on,education,experience_years,languages,source,notes
ريم العتيبي,reem@example.com,+966501112233,CSO,2024-02-11,بكالوريوس إدارة أعمال,3.5,"ar,en",referral,
Omar Hassan,omar@example.com,966551112233,CSO,2024-02-12,Diploma,0,ar,walk-in,متابعة بعد أسبوع
نورة القحطاني,,,CSO,2024-02-13,,12,"ar,en,fr",job board,
""",
"jobs": """code,title_ar,title_en,ladder_role,location_ar,location_en,purpose_ar,purpose_en,responsibilities_ar,responsibilities_en,qualifications_ar,qualifications_en,skills_ar,skills_en,archived
J-CHAT,موظف محادثة,Chat Agent,csr,جدة,Jeddah,الرد على العملاء عبر المحادثة,Answer customers by chat,"الرد السريع
توثيق الطلبات","Fast replies
Notes in the CRM",بكالوريوس,Bachelor's degree,الكتابة الواضحة,Clear writing,false
J-OLD,موظف هاتف ليلي,Night Phone Agent,csr,,,,,,,,,,,true
""",
"questions": """code,category,text_ar,text_en,competency,guide_1_ar,guide_1_en,guide_3_ar,guide_3_en,guide_5_ar,guide_5_en,retired
Q90,technical,كيف تستخدم نظام إدارة علاقات العملاء؟,How do you use a CRM system?,technical_knowledge,لا يعرفه,Does not know one,يستخدمه للبحث,Uses it to look up,يوثق كل تعامل,Records every interaction,false
Q91,pressure,كيف تتعامل مع طابور طويل؟,How do you handle a long queue?,patience_flexibility,,,,,,,true
""",
}
DATES = {"agents": ["hire_date", "role_start_date"], "attendance": ["date"], "audits": ["audit_date"],
         "weekly": ["week_start", "submitted_on"], "reviews": ["review_date"], "candidates": ["applied_on"]}
TITLE = {"agents": "سجل الموظفين", "attendance": "كشف الحضور", "audits": "تقييمات الجودة", "weekly": "التقارير الأسبوعية",
         "reviews": "تقييمات المشرفين", "candidates": "المتقدمون", "jobs": "الأوصاف الوظيفية", "questions": "بنك الأسئلة"}

# the Arabic column names, from the table in FORMATS.md
arabic = {}
for line in open(formats, encoding="utf-8"):
    m = re.match(r"\| (\w+) \| `(\w+)` \| (.+?) \|$", line.strip())
    if m:
        arabic.setdefault(m.group(1), {})[m.group(2)] = m.group(3)

def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)

def dmy(iso):
    y, m, d = iso.split("-")
    return "%d/%d/%s" % (int(d), int(m), y)

def table(name, rows):
    cells = lambda r: "".join('<table:table-cell office:value-type="string">%s</table:table-cell>'
                              % "".join("<text:p>%s</text:p>" % escape(p) for p in c.split("\n")) for c in r)
    return '<table:table table:name="%s">%s</table:table>' % (name, "".join("<table:table-row>%s</table:table-row>" % cells(r) for r in rows))

def fods(path, tables):
    open(path, "w", encoding="utf-8").write(
        '<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>'
        + "".join(tables) + "</office:spreadsheet></office:body></office:document>")

for kind, text in PLAIN.items():
    open("%s/%s-plain.csv" % (out, kind), "w", encoding="utf-8").write(text)
    open("%s/plain/%s-plain.csv" % (tmp, kind), "w", encoding="utf-8").write(text)
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    names = arabic.get(kind, {})
    ar_header = [names.get(h, h) for h in header]
    width = len(header)
    title = [TITLE[kind] + " - مارس 2024"] + [""] * (width - 1)
    write_csv("%s/arabic/%s-arabic.csv" % (tmp, kind), [title, ar_header] + body)
    if kind in DATES:
        idx = [header.index(c) for c in DATES[kind]]
        write_csv("%s/dmy/%s-dmy.csv" % (tmp, kind), [header] + [[dmy(c) if i in idx and c else c for i, c in enumerate(r)] for r in body])
    # the first column's name misspelt (its last letter dropped), and every
    # date (or, without dates, the second column) not a date: only the
    # header may be reported
    bad = [header.index(c) for c in DATES.get(kind, [])] or [1]
    write_csv("%s/typo/%s-typo-header.csv" % (tmp, kind),
              [[header[0][:-1]] + header[1:]] + [[("31/31/2024" if kind in DATES else "") if i in bad else c for i, c in enumerate(r)] for r in body])
    fods("%s/fods/%s-second-sheet.fods" % (tmp, kind),
         [table("Summary", [["Total rows", str(len(body))], ["Month", "March"]]), table("Data", rows)])
fods("%s/fods/no-header.fods" % tmp, [table("Summary", [["Total", "Month"]]), table("Salaries", [["name", "salary"]])])
PY

# convert FILTER INFILTER OUTDIR FILES...: LibreOffice opens each file with
# INFILTER ("" for its own choice) and saves it with FILTER in OUTDIR.
convert() {
  local filter=$1 infilter=$2 dir=$3
  shift 3
  mkdir -p "$dir"
  if [ -n "$infilter" ]; then
    soffice "$profile" --headless --infilter="$infilter" --convert-to "$filter" --outdir "$dir" "$@" >/dev/null
  else
    soffice "$profile" --headless --convert-to "$filter" --outdir "$dir" "$@" >/dev/null
  fi
}
# every column read as text (the CSV files keep their values as written)
text="CSV:44,34,76,1,$(seq -s/ 1 40 | sed 's|/|/2/|g')/2"
calc="Text - txt - csv (StarCalc)"

# CSV written by Calc: Windows-1256 with semicolons (Excel on Arabic
# Windows), UTF-16 with tabs ("Unicode text"), UTF-8 with semicolons.
convert "csv:$calc:59,34,38,1" "$text" "$tmp/o1256" "$tmp"/arabic/*.csv
convert "csv:$calc:9,34,65535,1" "$text" "$tmp/o16" "$tmp"/plain/*.csv
convert "csv:$calc:59,34,76,1" "$text" "$tmp/o8" "$tmp"/plain/*.csv
convert "csv:$calc:44,34,76,1" "$text" "$tmp/odmy" "$tmp"/dmy/*.csv
# Workbooks written by Calc: the plain file (dates and numbers typed as
# Calc reads them), the Arabic title and header, the data on a second sheet.
convert xlsx "CSV:44,34,76,1" "$tmp/ox" "$tmp"/plain/*.csv "$tmp"/arabic/*.csv
convert xlsx "" "$tmp/ox" "$tmp"/fods/*.fods
convert xlsx "$text" "$tmp/ox" "$tmp"/typo/*.csv

for f in "$tmp"/plain/*.csv; do
  kind=$(basename "$f" -plain.csv)
  mv "$tmp/o1256/$kind-arabic.csv" "$out/$kind-1256-semicolon-title.csv"
  mv "$tmp/o16/$kind-plain.csv" "$out/$kind-utf16-tab.csv"
  mv "$tmp/o8/$kind-plain.csv" "$out/$kind-utf8-semicolon.csv"
  [ -f "$tmp/odmy/$kind-dmy.csv" ] && mv "$tmp/odmy/$kind-dmy.csv" "$out/$kind-dmy.csv"
  mv "$tmp/ox/$kind-plain.xlsx" "$out/$kind-calc.xlsx"
  mv "$tmp/ox/$kind-arabic.xlsx" "$out/$kind-arabic-title.xlsx"
  mv "$tmp/ox/$kind-second-sheet.xlsx" "$out/$kind-second-sheet.xlsx"
  mv "$tmp/ox/$kind-typo-header.xlsx" "$out/$kind-typo-header.xlsx"
done
mv "$tmp/ox/no-header.xlsx" "$out/no-header.xlsx"

# Refused: each Calc workbook damaged (one byte of its first sheet's data
# flipped).
python3 - "$out" <<'PY'
import glob, sys, zipfile
for src in sorted(glob.glob(sys.argv[1] + "/*-calc.xlsx")):
    data = bytearray(open(src, "rb").read())
    info = zipfile.ZipFile(src).getinfo("xl/worksheets/sheet1.xml")
    name_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start + info.compress_size // 2] ^= 0x55
    open(src.replace("-calc.xlsx", "-damaged.xlsx"), "wb").write(bytes(data))
PY
ls -l "$out"
