// Package xlsx writes a finished report.Workbook as an .xlsx file on an
// io.Writer, with excelize: the "render" stage for the consolidated
// workbook a clerk opens, sorts, filters, prints and keeps working in.
//
// Every sheet is written with excelize's StreamWriter, so that memory
// stays flat in the number of rows; what a stream cannot carry is set on
// the empty sheet before its rows are streamed (column widths, the
// autofilter, print setup, conditional formats, validations, charts),
// which excelize then writes around the streamed rows. Text cells are
// inline strings: text from the inputs is never read as a formula, and
// the file has no shared-strings table to get wrong. Formula cells carry
// the value the model computed. The zip parts are written in a fixed
// order, so the same workbook gives the same bytes.
//
// It never opens a file and never computes anything about criteria: it
// draws what it is given. It imports report only.
package xlsx
