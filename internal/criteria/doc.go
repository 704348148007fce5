// Package criteria is the national catalogue of new-rural-area (NTM)
// criteria sets — QĐ 1980/QĐ-TTg (2016-2020), QĐ 318/QĐ-TTg (2021-2025)
// and the advanced (nâng cao) set — loaded from versioned TOML data
// embedded in the binary, optionally corrected by a province's own file,
// and the pure evaluation of a value against an indicator's threshold.
//
// This is the "evaluate" stage of the pipeline. No threshold lives in Go
// code: every number comes from the data files, with its source and
// whether it was verified against the decision's text.
//
// criteria imports diag, tomldec (the shared strict TOML decoder),
// tomlpos and vnfmt.
package criteria
