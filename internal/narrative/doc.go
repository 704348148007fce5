// Package narrative loads the text a clerk writes for one period's
// progress report: the file bao-cao.toml beside that period's assessment
// workbooks (input/assessments/2021-H1/bao-cao.toml). It is part of the
// "load and validate" stage: strict decoding with internal/tomldec, every
// problem at once with its key and line, in Vietnamese.
//
// The file holds what the program cannot compute: the report's number
// and date, "Kính gửi", the paragraphs of the sections the office writes
// (I. Công tác triển khai; III. Tồn tại, hạn chế và nguyên nhân; IV.
// Phương hướng, nhiệm vụ kỳ tới; V. Kiến nghị, đề xuất), the recipients
// and the signer when they differ from the plan's. Every key is optional;
// a missing file is not an error (LoadFile warns, and the report is made
// with a visible placeholder where the clerk's text would go).
//
// What the report takes when a key is missing (internal/report applies
// these rules: ReportSymbol, ReportDate):
//
//   - number: left blank in the header for the clerk to write by hand
//     after registering the document, "Số:      /BC-SKH", and "…/BC-SKH" in
//     the annexes' "(Kèm theo Báo cáo số …)";
//   - symbol: "BC-" and the plan's agency_short ("BC-SKH"), else "BC-" and
//     the first group of the plan's symbol;
//   - date: the last day of the period (30/6 or 31/12);
//   - kinh_gui: the addressees of the plan's recipient lines marked
//     "(b/c)" (báo cáo: the superiors the report goes to);
//   - title: "Kết quả thực hiện công tác phụ trách, đỡ đầu xây dựng nông
//     thôn mới 6 tháng đầu năm 2021", or "… năm 2021" for a second half;
//   - recipients, archive, signer: the plan's;
//   - a section's text: narrative.Placeholder, in italics, when the whole
//     file is missing (with the file, an empty section is simply left to
//     the sentences the program writes from the data).
//
// The texts are plain text: they are printed as written, never executed
// as templates.
//
// It imports diag, tomldec and plan (for the shape of a recipient).
package narrative
