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
// The texts are plain text: they are printed as written, never executed
// as templates.
//
// It imports diag, tomldec and plan (for the shape of a recipient).
package narrative
