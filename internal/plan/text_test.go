package plan

import "testing"

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
