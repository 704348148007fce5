// Package demo generates a realistic input folder — a plan and its
// communes' filled assessment workbooks — of any size, deterministically
// from a seed, so that anyone can try ntm at province or national scale
// (`ntm demo -communes 10000 -periods 2 -out DIR`, then `ntm build -in
// DIR`). It draws communes from all 63 provinces with the real share of
// repeated names, gives them paths over the periods, and fills the forms
// with the mistakes real ones carry. It computes nothing that ntm judges:
// it returns the figures a correct reading must find, for the tests.
//
// It is a source of input, like a commune office: it makes bytes and
// hands them to its caller (the pipeline writes them through publish).
// It imports criteria and vnfmt.
package demo
