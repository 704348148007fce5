// Package assess is the "load and validate" stage for the communes'
// self-assessment workbooks (biểu tự đánh giá). It reads the .xlsx files
// that communes send back — the form `ntm init` writes, and the shapes
// commune offices make by hand — finds the assessment table by its labels
// (not by fixed cells), identifies each indicator row against a criteria
// set, parses every value (Vietnamese number formats, percent cells,
// Đạt/Chưa đạt verdicts, legacy TCVN3/VNI text, NFD text), collects every
// clue about who sent the form and for when, and reports every problem of
// a file at once as positioned Vietnamese diagnostics. It never writes
// anything, and it does not know the plan: matching a form to a commune
// is the evaluation's job.
//
// # Reading a workbook
//
// The workbook is read in one pass by a purpose-built reader (book.go,
// sheetxml.go, xmlscan.go), not by excelize: archive/zip inflates each
// part once, read to its end so that its declared size and CRC are
// checked, and a small tokenizer reads the parts the reader needs
// (workbook and relationships for the sheets' names, order and date
// system; shared strings; styles for number formats and fonts; each
// worksheet's cells and merged ranges). The bounds of one file:
//
//   - the file ≤ 32 MB, its zip directory ≤ 1 MB and 5,000 entries;
//   - one part ≤ 24 MB inflated (workbook, relationships, styles ≤ 4 MB),
//     checked against the zip's directory before inflating and again
//     while inflating (the directory may lie); all parts ≤ 96 MB;
//   - cells kept: the first 5,000 rows and 128 columns of each sheet,
//     100,000 shared strings of at most 8 MB, 20,000 merged ranges
//     expanding to at most 200,000 cells, a cell's text ≤ 98 KB;
//   - a DOCTYPE, any entity but the five predefined ones and character
//     references, a truncated part, a tag longer than 256 KB: the part is
//     refused, named in the message;
//   - memory: the file, a 32 KB window per part being read, and the kept
//     cells; CPU: about 10 ms per MB inflated (a padded 20 MB sheet reads
//     in about 0,2 s), so the worst file costs about 1 s.
//
// Only the calls into archive/zip and compress/flate are guarded against
// panics (reported as the file's problem); a panic in this package's own
// code is a bug and crashes.
//
// # Decisions worth knowing
//
//   - The table header is the first row holding an indicator column (TT,
//     Mã chỉ tiêu or Nội dung) and a result column; it may span two or
//     three rows of merged labels, and each column is named by its most
//     specific level ("Kỳ này" under "Kết quả và tự đánh giá").
//   - Several result columns (a merged "Kết quả thực hiện" over "Năm 2020
//     | 6 tháng đầu năm 2021", or "Kỳ trước | Kỳ này"): the one saying
//     "kỳ này" / "ước thực hiện", else the one naming the form's period (a
//     date, "6 tháng đầu năm 2021", "đến 30/6/2021"); when two could be
//     the current one and nothing decides, the sheet is refused with one
//     message naming both header cells. A guess is never silent.
//   - An indicator row is recognised by, in order: its number in an
//     indicator column ("Mã chỉ tiêu", "Chỉ tiêu số", or a "Chỉ tiêu"
//     column holding numbers); a dotted number in TT (a running STT 1, 2,
//     3 … with more rows than the set has criteria is never taken for an
//     indicator number); a number at the start of the content ("1.1. Có
//     quy hoạch", "1.1 -"), or a letter under its criterion ("a)", in the
//     Vietnamese order a b c d đ e when an "đ)" is met); else its wording,
//     normalised (case, marks, punctuation, the usual abbreviations: TL =
//     tỷ lệ, HTX = hợp tác xã …), against the criterion's indicators — a
//     match that is not the same words is a warning naming the cell.
//   - A verdict "-" (or "–", "—") means Chưa đạt: the commune does not claim
//     the indicator is met. Blank means no verdict (nil). "Ko đạt", "K
//     đạt", "chưa" are Chưa đạt.
//   - A yes/no indicator whose result cell is blank or a description ("Có
//     01 chợ nông thôn đạt chuẩn") takes the commune's verdict:
//     Value.FromVerdict, not verifiable. "Có" / "Không có" are answers.
//   - A number with a single separator ("85,5", "85.5", "1,234", "1.234") is
//     read with that separator as the decimal mark; several identical
//     separators ("1.234.567") or both kinds ("1.234,5", "1,234.5") are read
//     as thousands grouping plus decimal mark. A count may carry its unit
//     ("02 nhà"); "Không còn" is none.
//   - A numeric cell with a percent number format holding 0.855 means 85.5
//     for percent indicators; Value.Raw then reads "85.5%".
//   - Legacy text is recognised by the cell font (.Vn… = TCVN3, VNI-… = VNI)
//     and by byte patterns checked against Vietnamese syllable structure.
//     Latin-1-only text that is valid Vietnamese as Unicode (e.g. "Bình") is
//     kept as Unicode unless the font says otherwise; text that cannot be
//     decided is refused with the cell named.
//   - Who and when: every clue is returned (Assessment.Clues) with its cell
//     and source — the "Mã xã (không sửa):" cell `ntm init` writes
//     (CommuneID), the labels "Xã:", "Huyện:", "Kỳ đánh giá:", the
//     letterhead ("UBND XÃ GIO MAI" under "UBND HUYỆN GIO LINH"), title
//     lines ("… của UBND xã Gio Mai", "6 THÁNG ĐẦU NĂM 2021"), the only
//     result column's header, the signature block, the file name and the
//     period folder. Commune, District and Period are the most trusted of
//     them; when the sheet names no commune or no period, the file name and
//     the folder decide, with a warning that says what was looked for.
//   - The criteria set identifying the rows is the one named in "Bộ tiêu
//     chí:", else the "ntm" set in force for the period's year;
//     Assessment.SetID only reports the cell (empty when the year chose).
//   - A blank result is not a problem here (Has is false); judging missing
//     results is the evaluation stage's job. A form with no result and no
//     verdict in any indicator row is Blank ("chưa nộp"). A result that
//     cannot be parsed is an error and leaves Has false with Raw kept.
//   - Every indicator of the set must have a row; rows that are no
//     indicator are ignored (criterion rows, group headings, footers); a
//     dotted number unknown to the set is a warning. A table of the
//     criteria alone, without indicators, is refused with one message.
//     Reading stops at the "Tổng số tiêu chí đạt" footer or at a second
//     table header.
//   - Several sheets with a table: the one with most of the set's
//     indicators is read, and the choice is a warning (Candidates).
//   - Messages quote at most a short excerpt of a value.
package assess
