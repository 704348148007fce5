// Package vnfmt formats dates, numbers and document numbers the way
// Vietnamese administrative documents print them (Decree 30/2020/NĐ-CP,
// Appendix I): "Quảng Trị, ngày 08 tháng 12 năm 2020", "1.234,5",
// "Số: 05/KH-SKH".
//
// It is pure, used by the report model and the renderers, and imports
// nothing else from ntm.
package vnfmt
