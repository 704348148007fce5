// Package diag is the one positioned-problem type that every loader of
// outside input (plan TOML, criteria sets, assessment workbooks) reports
// into. A Problem names its place (file, TOML key and line, or workbook
// sheet and cell) and says in Vietnamese what was expected; a List collects
// all of them so that the clerk can fix every mistake in one pass.
//
// diag imports nothing else from ntm.
package diag
