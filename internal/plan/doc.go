// Package plan owns the first stage of the ntm pipeline: reading the
// sponsorship plan (input/plan.toml, "Kế hoạch thực hiện công tác phụ
// trách, đỡ đầu cho các xã xây dựng nông thôn mới") into a Plan.
//
// Load decodes the TOML strictly and reports every problem at once, each
// with its key path and line, in Vietnamese: syntax, unknown keys (with
// the likely intended key), values of the wrong type, missing required
// fields, and the checks of the plan's meaning (commune IDs and statuses,
// criterion numbers 1–19, recipients, templates, the page layout ranges
// of Decree 30/2020/NĐ-CP, text in legacy TCVN3/VNI encodings).
//
// Item texts (and the opening and closing paragraphs) are Go
// text/template strings; Plan.Expand runs them with the functions xa,
// huyen, thieu, nam, chua_dat and da_dat, so that text that follows from
// the communes' data is written once.
package plan
