package tomlpos

import (
	"strings"
	"testing"
)

// FuzzBuild checks that Build never panics and that every path it
// records is placed on a line and column of the source, and found there
// by Lookup.
func FuzzBuild(f *testing.F) {
	for _, s := range []string{
		"",
		"a = 1\n[b]\nc.d = 'x'\n[[e]]\n[[e.f]]\ng = [1, { h = 2 }]\n",
		"t = {\n a = [\n  { b = \"\"\"\n[x]\"\"\" },\n ],\n}\n\"q.k\".'l' = 1\n",
		"\ufeff[\"Bắc Trung Bộ\"]\n\"x\\\"y\" = \"\\e\\x41\\u00e9\"\n",
		"by_year.2019 = { chung = \">=60\" } # c\r\nz = '''\n'''''\n",
		"a = [[[[[[[[1]]]]]]]]\n[[\n]]\n[\n\"\n'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		x := Build(src)
		lines := strings.Count(src, "\n") + 1
		for path, p := range x.at {
			if p.line < 1 || p.line > lines || p.col < 1 || p.col > len(src)+1 {
				t.Fatalf("%q recorded at %d:%d, outside the source (%d lines, %d bytes)", path, p.line, p.col, lines, len(src))
			}
			if line, col := x.Lookup(path); line != p.line || col != p.col {
				t.Fatalf("Lookup(%q) = %d:%d, recorded at %d:%d", path, line, col, p.line, p.col)
			}
		}
	})
}
