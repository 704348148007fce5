package plan

import "testing"

func TestPosIndex(t *testing.T) {
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
	idx := buildIndex(src)
	tests := []struct {
		path      string
		line, col int
	}{
		{"top", 2, 1},
		{"multi", 3, 1},
		{"arr", 7, 1},
		{"arr[0]", 8, 3},
		{"arr[1]", 9, 3},
		{"arr[1].k", 9, 5},
		{"arr[1].quoted key", 9, 14},
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
		{"nowhere", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got := idx.lookup(tt.path)
			if got.line != tt.line || got.col != tt.col {
				t.Errorf("lookup(%q) = %d:%d, want %d:%d", tt.path, got.line, got.col, tt.line, tt.col)
			}
		})
	}
	for _, fake := range []string{"fake", "not.a.table", "x"} {
		if _, ok := idx.at[fake]; ok {
			t.Errorf("index holds %q, which is inside a string or comment", fake)
		}
	}
}

func TestNearest(t *testing.T) {
	known := []string{"agency", "title", "symbol", "district", "email"}
	tests := []struct{ key, want string }{
		{"titel", "title"},
		{"emial", "email"},
		{"Agency", "agency"},
		{"distric", "district"},
		{"foo", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := nearest(tt.key, known); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestLooksLegacy(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Quảng Trị", false},
		{"Sở Kế hoạch và Đầu tư", false},
		{"Qu¶ng TrÞ", true},  // TCVN3
		{"Quaûng Trò", true}, // VNI
		{"Khoa Giáo – Văn xã", false},
		{"Müller", false},
		{"nhiệt độ 25°C", false},
	}
	for _, tt := range tests {
		if got := looksLegacy(tt.s); got != tt.want {
			t.Errorf("looksLegacy(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
