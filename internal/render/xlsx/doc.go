// Package xlsx writes a finished report.Workbook as an .xlsx file on an
// io.Writer, with excelize: the "render" stage for the consolidated
// workbook a clerk opens, sorts, filters, prints and keeps working in.
//
// Every sheet is written with excelize's StreamWriter; what a stream
// cannot carry is set on the empty sheet first (column widths, the
// autofilter, print setup, conditional formats, validations, charts),
// which excelize then writes around the rows. The rows themselves, a
// million cells in a national workbook, are written by rows.go straight
// into bytes, exactly as the StreamWriter would write them but ten times
// faster, the sheets side by side on several cores (each numbering its
// styles on its own, renumbered in sheet order as they are copied out, so
// the bytes are those of one sheet after the other), kept in memory or
// past 8 MB in an unnamed temporary file, and
// put in place of a placeholder row as the sheet goes into the zip
// (zip.go), whose parts are compressed in pieces on every core. Text cells are
// inline strings: text from the inputs is never read as a formula, and
// the file has no shared-strings table to get wrong. Formula cells carry
// the value the model computed. The zip parts are written in a fixed
// order, so the same workbook gives the same bytes.
//
// It never opens a file and never computes anything about criteria: it
// draws what it is given. It imports report only.
package xlsx
