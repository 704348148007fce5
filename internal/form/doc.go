// Package form writes the blank commune self-assessment workbook ("Biểu
// tổng hợp kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới")
// that `ntm init` sends to every commune of the plan, and names its file.
//
// This is the "form" part of the init stage of the pipeline: it turns a
// criteria set, a region and last period's results into one .xlsx per
// commune, written to an io.Writer (the publish package owns the files).
// The sheet's shape is a contract with the assessment reader: labels,
// header row and TT codes are fixed; everything else is presentation.
//
// The workbook is deterministic: the same Spec gives the same bytes.
package form
