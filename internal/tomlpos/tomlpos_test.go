package tomlpos

import (
	"strings"
	"testing"
)

// lookupCase is a path and where Lookup should place it.
type lookupCase struct {
	path      string
	line, col int
}

func checkLookups(t *testing.T, x *Index, tests []lookupCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			line, col := x.Lookup(tt.path)
			if line != tt.line || col != tt.col {
				t.Errorf("Lookup(%q) = %d:%d, want %d:%d", tt.path, line, col, tt.line, tt.col)
			}
		})
	}
}

// checkAbsent asserts that x records none of paths (text inside strings
// and comments is not a key).
func checkAbsent(t *testing.T, x *Index, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, ok := x.at[p]; ok {
			t.Errorf("index holds %q, which is inside a string or comment", p)
		}
	}
}

// TestPlanShapes covers what plan files use (from the former
// internal/plan posIndex test): comments, multi-line strings, multi-line
// arrays with inline tables, dotted keys, arrays of tables and their
// sub-arrays, with lines and columns.
func TestPlanShapes(t *testing.T) {
	src := `# comment [not.a.table]
top = "a" # x = 1
multi = """
fake = 1
[fake]
"""
arr = [
  1,
  { k = "v", "quoted key" = 2 },
]

[doc]
a.b = 'lit'

[[list]]
x = 1

[[list]]
x = 2

[[list.sub]]
y = [3, 4]
[[list.sub]]
y = []
`
	x := Build(src)
	checkLookups(t, x, []lookupCase{
		{"top", 2, 1},
		{"multi", 3, 1},
		{"arr", 7, 1},
		{"arr[0]", 8, 3},
		{"arr[1]", 9, 3},
		{"arr[1].k", 9, 5},
		{`arr[1]."quoted key"`, 9, 14},
		{"doc", 12, 1},
		{"doc.a", 13, 1},
		{"doc.a.b", 13, 1},
		{"list", 15, 1},
		{"list[0]", 15, 1},
		{"list[0].x", 16, 1},
		{"list[1]", 18, 1},
		{"list[1].x", 19, 1},
		{"list[1].sub[0]", 21, 1},
		{"list[1].sub[0].y[1]", 22, 9},
		{"list[1].sub[1].y", 24, 1},
		// Missing keys fall back to the nearest written ancestor.
		{"list[1].sub[1].z", 23, 1},
		{"doc.nothing", 12, 1},
		{`arr[1]."quoted key".deeper`, 9, 14},
		{"nowhere", 0, 0},
		{"", 0, 0},
	})
	checkAbsent(t, x, "fake", "not.a.table", "x", "not", "quoted key")
}

// TestCriteriaShapes covers what criteria files use (the cases the
// former internal/criteria line index handled): nested arrays of tables,
// inline threshold tables, dotted keys with numeric parts
// (by_year.2019), quoted keys holding dots, spaces and Vietnamese
// letters, literal keys, quoted header keys, and multi-line strings and
// arrays whose content must not be taken for keys.
func TestCriteriaShapes(t *testing.T) {
	src := `id = "mau"
note = '''
[[criteria]]
number = 99
'''

[[criteria]]
number = 1

  [[criteria.indicators]]
  id = "1.1"
  thresholds = { chung = ">=70", BTB = ">=80" }
  by_year.2019 = { chung = ">=60" }
  by_year.2020.chung = ">=65"

  [[criteria.indicators]]
  id = "1.2"
  thresholds = { "Bắc Trung Bộ" = "≤80", 'a.b' = "=1", "x\"y" = "=2" }
  tags = [
    "a = 1",
    "[b]",
  ]
  after = true

[[criteria]]
number = 2
"key.with.dots" = 1
"key" = 2

[criteria.extra]
k = 1

["quoted header"."a b"]
v = 1
`
	x := Build(src)
	checkLookups(t, x, []lookupCase{
		{"id", 1, 1},
		{"note", 2, 1},
		{"criteria", 7, 1},
		{"criteria[0]", 7, 1},
		{"criteria[0].number", 8, 1},
		{"criteria[0].indicators", 10, 3},
		{"criteria[0].indicators[0]", 10, 3},
		{"criteria[0].indicators[0].id", 11, 3},
		{"criteria[0].indicators[0].thresholds", 12, 3},
		{"criteria[0].indicators[0].thresholds.chung", 12, 18},
		{"criteria[0].indicators[0].thresholds.BTB", 12, 34},
		{"criteria[0].indicators[0].thresholds.DBSH", 12, 3},
		{"criteria[0].indicators[0].by_year", 13, 3},
		{"criteria[0].indicators[0].by_year.2019", 13, 3},
		{"criteria[0].indicators[0].by_year.2019.chung", 13, 20},
		{"criteria[0].indicators[0].by_year.2020.chung", 14, 3},
		{"criteria[0].indicators[1]", 16, 3},
		{"criteria[0].indicators[1].id", 17, 3},
		{`criteria[0].indicators[1].thresholds."Bắc Trung Bộ"`, 18, 18},
		{`criteria[0].indicators[1].thresholds."a.b"`, 18, 42},
		{`criteria[0].indicators[1].thresholds."x\"y"`, 18, 56},
		{`criteria[0].indicators[1].thresholds."a.b".value`, 18, 42},
		{"criteria[0].indicators[1].tags", 19, 3},
		{"criteria[0].indicators[1].tags[1]", 21, 5},
		{"criteria[0].indicators[1].after", 23, 3},
		{"criteria[1]", 25, 1},
		{"criteria[1].number", 26, 1},
		{`criteria[1]."key.with.dots"`, 27, 1},
		{"criteria[1].key", 28, 1},
		{"criteria[1].extra", 30, 1},
		{"criteria[1].extra.k", 31, 1},
		{`"quoted header"."a b"`, 33, 1},
		// A header records its table, not the tables on the way.
		{`"quoted header"`, 0, 0},
		{`"quoted header"."a b".v`, 34, 1},
		// A dotted path is not the quoted key with the same dots.
		{"criteria[1].key.with.dots", 28, 1},
	})
	checkAbsent(t, x, "number", "criteria[2]", "b", "a", "criteria[0].indicators[1].a",
		"criteria[0].indicators[1].thresholds.a", "criteria[0].indicators[1].thresholds.a.b", "criteria[1].key.with")
}

// TestEncodings covers a byte order mark, CRLF line ends, escapes in
// quoted keys (as the decoder reads them) and keys after inline tables
// and arrays spread over several lines.
func TestEncodings(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []lookupCase
	}{
		{"bom", "\ufeffa = 1\nb = 2\n", []lookupCase{{"a", 1, 1}, {"b", 2, 1}}},
		{"crlf", "a = 1\r\n[t]\r\nb = [\r\n 1,\r\n 2 ]\r\nc = 3\r\n", []lookupCase{
			{"a", 1, 1}, {"t", 2, 1}, {"t.b[1]", 5, 2}, {"t.c", 6, 1},
		}},
		{"escapes", `"a\u00e9" = 1` + "\n" + `"\x41\e" = 2` + "\n" + `"t\tb\\" = 3` + "\n", []lookupCase{
			{`"aé"`, 1, 1}, {`"A\x1b"`, 2, 1}, {`"t\tb\\"`, 3, 1},
		}},
		{"multi-line inline table", "t = {\n  a = 1,\n  b = [\n    { c = 2 },\n  ],\n}\nd = 4\n", []lookupCase{
			{"t", 1, 1}, {"t.a", 2, 3}, {"t.b", 3, 3}, {"t.b[0].c", 4, 7}, {"d", 7, 1},
		}},
		{"multi-line string ending in quotes", "s = \"\"\"a\"\"\"\"\"\nt = '''\nb'''''\nu = 1\n", []lookupCase{
			{"s", 1, 1}, {"t", 2, 1}, {"u", 4, 1},
		}},
		{"escaped quote in value", `s = "a\" = b"` + "\nu = 1\n", []lookupCase{{"s", 1, 1}, {"u", 2, 1}}},
		{"spaces in header", "[ a . b ]\nc = 1\n[[ d ]]\n", []lookupCase{{"a.b", 1, 1}, {"a.b.c", 2, 1}, {"d[0]", 3, 1}}},
		{"wide runes", "\"Bộ\" = { \"Vùng\" = 1 }\n", []lookupCase{{`"Bộ"."Vùng"`, 1, 10}}},
		{"empty", "", []lookupCase{{"a", 0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkLookups(t, Build(tt.src), tt.want)
		})
	}
}

func TestNilIndex(t *testing.T) {
	var x *Index
	if line, col := x.Lookup("a"); line != 0 || col != 0 {
		t.Errorf("nil Lookup = %d:%d, want 0:0", line, col)
	}
}

func TestJoin(t *testing.T) {
	tests := []struct{ path, key, want string }{
		{"", "a", "a"},
		{"a", "b", "a.b"},
		{"a[1]", "B-c_9", "a[1].B-c_9"},
		{"t", "Bắc Trung Bộ", `t."Bắc Trung Bộ"`},
		{"t", "a.b", `t."a.b"`},
		{"t", "a[0]", `t."a[0]"`},
		{"t", `x"y`, `t."x\"y"`},
		{"t", "", `t.""`},
		{"", "2019", "2019"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Join(tt.path, tt.key); got != tt.want {
				t.Errorf("Join(%q, %q) = %q, want %q", tt.path, tt.key, got, tt.want)
			}
		})
	}
}

func TestElem(t *testing.T) {
	tests := []struct {
		path string
		i    int
		want string
	}{
		{"a", 0, "a[0]"},
		{"a[1].b", 12, "a[1].b[12]"},
		{`t."a.b"`, 3, `t."a.b"[3]`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Elem(tt.path, tt.i); got != tt.want {
				t.Errorf("Elem(%q, %d) = %q, want %q", tt.path, tt.i, got, tt.want)
			}
		})
	}
}

func TestParent(t *testing.T) {
	tests := []struct{ path, want string }{
		{"", ""},
		{"a", ""},
		{"a.b", "a"},
		{"a[1]", "a"},
		{"a[1].b", "a[1]"},
		{"communes[1].missing[2]", "communes[1].missing"},
		{`t."a.b"`, "t"},
		{`t."a[0]"`, "t"},
		{`t."a.b"[3]`, `t."a.b"`},
		{`"a.b"`, ""},
		{`t."x\".y"`, "t"},
		{`t."x\\".y`, `t."x\\"`},
		{`t."Bắc Trung Bộ".value`, `t."Bắc Trung Bộ"`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := Parent(tt.path); got != tt.want {
				t.Errorf("Parent(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

// TestJoinParent checks that Parent undoes Join and Elem.
func TestJoinParent(t *testing.T) {
	for _, key := range []string{"a", "a.b", `"`, `\`, `a\"b.c`, "[0]", "Bắc Trung Bộ", ""} {
		for _, base := range []string{"", "t", `t."u.v"[2]`} {
			p := Join(base, key)
			if got := Parent(p); got != base {
				t.Errorf("Parent(Join(%q, %q)) = %q", base, key, got)
			}
			if got := Parent(Elem(p, 4)); got != p {
				t.Errorf("Parent(Elem(%q, 4)) = %q", p, got)
			}
		}
	}
}

func TestDeepNesting(t *testing.T) {
	src := "a = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\nb = 1\n"
	x := Build(src)
	if line, _ := x.Lookup("a[0][0]"); line != 1 {
		t.Errorf("Lookup(a[0][0]) line %d, want 1", line)
	}
}
