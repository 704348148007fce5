// Package report builds the view model of every document ntm produces:
// the plan, the progress reports, the workbooks' contents. It is the
// "build the report model" stage: all arithmetic and every wording choice
// happen here, so that the renderers only draw what they are given.
//
// A Document describes an administrative document in the terms of Decree
// 30/2020/NĐ-CP, Appendix I (header boxes, type and title, body blocks,
// recipients and signer), already formatted as text, NFC-normalised.
package report
