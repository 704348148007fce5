// Package assess is the "load and validate" stage for the communes'
// self-assessment workbooks (biểu tự đánh giá). It reads the .xlsx files
// that communes send back, finds the assessment table by its labels (not by
// fixed cells), identifies each indicator row against a criteria set, parses
// every value (Vietnamese number formats, percent cells, Đạt/Chưa đạt
// verdicts, legacy TCVN3/VNI text, NFD text) and reports every problem of a
// file at once as positioned Vietnamese diagnostics. It never writes
// anything.
//
// Decisions worth knowing:
//   - A verdict "-" (or "–", "—") means Chưa đạt: the commune does not claim
//     the indicator is met. Blank means no verdict (nil).
//   - A number with a single separator ("85,5", "85.5", "1,234", "1.234") is
//     read with that separator as the decimal mark; several identical
//     separators ("1.234.567") or both kinds ("1.234,5", "1,234.5") are read
//     as thousands grouping plus decimal mark.
//   - A numeric cell with a percent number format holding 0.855 means 85.5
//     for percent indicators; Value.Raw then reads "85.5%".
//   - Legacy text is recognised by the cell font (.Vn… = TCVN3, VNI-… = VNI)
//     and by byte patterns checked against Vietnamese syllable structure.
//     Latin-1-only text that is valid Vietnamese as Unicode (e.g. "Bình") is
//     kept as Unicode unless the font says otherwise; text that cannot be
//     decided is refused with the cell named.
//   - The criteria set identifying the rows is the one named in "Bộ tiêu
//     chí:", else the "ntm" set in force for the period's year;
//     Assessment.SetID only reports the cell (empty when the year chose).
//   - A blank result is not a problem here (Has is false); judging missing
//     results is the evaluation stage's job. A result that cannot be parsed
//     is an error and leaves Has false with Raw kept.
//   - Every indicator of the set must have a row; rows whose TT is not an
//     indicator ID are ignored (criterion rows, group headings, footers);
//     a dotted ID unknown to the set is a warning. Reading stops at the
//     "Tổng số tiêu chí đạt" footer or at a second table header.
package assess
