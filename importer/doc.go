// Package importer reads and writes the CSV and XLSX files of
// spec/import-formats.md: an io.Reader in, models out, and models back to
// spreadsheet rows for exports. It never touches the database: it checks
// everything that can be checked from the file alone (the header, every value,
// duplicate keys within the file) and leaves the rules that need stored data
// (an employee_no must exist, an audit_ref must be new, item codes must belong
// to the form, upserts, the transaction) to the store.
//
// Reading is two steps: [ReadTable] turns a file into a [Table] (a header and
// rows with their line numbers) and refuses files that are not a table at all
// (an unknown extension, an empty file, a damaged or oversized workbook, a
// cell over MaxCellBytes, a header over MaxColumns). Told the kind
// ([ReadTableWith]), it finds the header (rows above it skipped, the sheet
// that holds it chosen) and stops at a wrong header before reading any row;
// it detects the encoding and separator of CSV text ([Layout]). Then [Parse] or one of the per-kind parsers ([ParseAgents],
// [ParseAttendance], …) turns the table into parsed rows and returns every bad
// row, not just the first.
//
// Decisions the spec leaves open (FORMATS.md repeats them for users):
//
//   - Free text (names, notes, summaries, …) is kept as written except that
//     whitespace around it is trimmed; line breaks inside a cell are kept
//     (CRLF becomes LF).
//   - Codes, enumerations and identifiers (employee_no, audit_ref, …) are
//     trimmed, Arabic-Indic and Persian digits in them become ASCII digits,
//     and bidirectional marks (LRM, RLM, ALM, …) are removed. Enumerations
//     are matched case-insensitively and stored in lower case; audit item and
//     review competency codes are stored in upper case. Identifiers keep their
//     case, but two rows whose keys differ only in case are duplicates.
//   - Numbers and dates accept Arabic-Indic (٠-٩) and Persian (۰-۹) digits,
//     the Arabic decimal separator (٫) and exponent notation (1.5E+01) as
//     Excel writes large numbers.
//   - A header that has errors stops the check of that file: only the header
//     errors are reported, since every row would repeat them.
//   - A CSV row with fewer fields than the header is an error; extra fields
//     after the header's last column are accepted only when they are empty.
//   - Exports put an apostrophe before a cell that starts with = + - @, a tab
//     or a carriage return, unless the whole cell is a plain number such as
//     -3.5 (see [Neutralise]); reading strips that apostrophe again.
package importer
