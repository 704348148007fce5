// Package plan owns the first stage of the ntm pipeline: reading the
// sponsorship plan (input/plan.toml, "Kế hoạch thực hiện công tác phụ
// trách, đỡ đầu cho các xã xây dựng nông thôn mới") of any office — a
// Sở, a district People's Committee — into a Plan.
//
// Load decodes the TOML strictly (package tomldec) and reports every
// problem at once, each with its key path and line, in Vietnamese:
// syntax, unknown keys (with the likely intended key), values of the
// wrong type, line breaks in one-line fields, texts over their caps,
// missing required fields, and the checks of the plan's meaning: commune
// IDs (the identity of a commune's files: [a-z0-9-], at most 64, unique,
// no name Windows reserves), names (the same name twice in one district
// is an error, in two districts it is not), statuses, criterion numbers
// 1–19, the shape of tables (spans that fill the columns), the signer's
// lines in Decree 30's forms (TM., KT., Q., TL., TUQ.), the "Lưu:" line,
// Kính gửi, addressees and their delivery, templates, the Decree 30
// layout ranges, text in legacy TCVN3/VNI encodings, and the size of
// what the plan can make (MaxExpanded, MaxDocumentText). Keys of the
// first schema (signer.authority/position, a section's style,
// district_short, archive as a string) still load; where a key changed,
// a warning says what to write instead.
//
// The body is sections of items at any depth (MaxDepth): paragraphs,
// headings in bold or italic, tables written or generated from the
// communes' data; the program marks them per level (1. → a) → - → +)
// unless the plan gives a marker. Annexes follow the signature.
//
// Texts are templates, but only text and calls of the plan's functions
// with literal arguments ({{xa "gio-mai"}}, {{thieu "thuan" "so-ten"}},
// {{phu_luc 1}}): the parsed tree is walked, so that range, if,
// variables, pipes and Go's built-ins are refused and a text's size is
// the sum of what it calls. An Expander runs them (Plan.NewExpander),
// naming a commune with its district where its name repeats in the plan.
//
// It imports diag, tomlpos, tomldec, decree30 and vnfmt.
package plan
