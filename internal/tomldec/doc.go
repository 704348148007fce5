// Package tomldec is the one strict TOML decoder for every file a clerk
// writes (the plan, a province's criteria corrections, a report's
// narrative): part of the "load and validate" stage. It decodes into Go
// structs by their toml tags and reports, all at once and in Vietnamese,
// each with its line and column: the syntax error, unknown keys with a
// "có phải ý là …?" suggestion, values of the wrong type, text in legacy
// encodings, line breaks in one-line fields. A pre-scan bounds the size,
// nesting and key length of the input before the TOML parser runs.
//
// It imports diag and tomlpos.
package tomldec
