// Package tomlpos maps TOML key paths ("communes[1].missing[2]",
// `thresholds."Bắc Trung Bộ"`) to where they are written (line and
// column) in the source, because BurntSushi/toml keeps the positions of
// keys private. It is used by the loaders of plan and criteria files
// (the load stage) to point each problem at its line; it imports nothing
// from ntm.
//
// A path is built with Join and Elem from the keys the TOML decoder
// returns: keys are joined with dots, keys that are not bare TOML keys
// are quoted (Go syntax, which for the printable characters of a key is
// also TOML syntax), and elements of arrays are written "[i]".
package tomlpos
