// Package pdf draws a finished report.Document as a PDF on an io.Writer:
// the "render" stage for paper documents. It is the one layout engine of
// Decree 30/2020/NĐ-CP, Appendix I, that every document of ntm goes
// through: A4, the decree's margins, the two-column header, the type and
// title, justified body text with first-line indent, bordered tables whose
// header repeats, the recipients and signer block, page numbers in the top
// margin from page 2.
//
// It never opens a file and never computes anything about criteria: it
// lays out text it is given. Fonts are Liberation Serif (metric-compatible
// with Times New Roman, which the decree names), embedded in the binary.
package pdf
