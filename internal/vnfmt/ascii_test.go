package vnfmt

import "testing"

func TestASCII(t *testing.T) {
	tests := []struct{ in, marks, words, slug string }{
		{"Cam Chính", "Cam Chinh", "Cam Chinh", "cam-chinh"},
		{"Gio Mỹ", "Gio My", "Gio My", "gio-my"},
		{"Gio My\u0303", "Gio My", "Gio My", "gio-my"}, // decomposed
		{"Đông Hà – Quảng Trị", "Dong Ha – Quang Tri", "Dong Ha Quang Tri", "dong-ha-quang-tri"},
		{"  Kết quả\nkỳ  này ", "  Ket qua\nky  nay ", "Ket qua ky nay", "ket-qua-ky-nay"},
		{"SKH-KTN", "SKH-KTN", "SKH KTN", "skh-ktn"},
		{"85,5%", "85,5%", "85 5", "85-5"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		if got := StripMarks(tt.in); got != tt.marks {
			t.Errorf("StripMarks(%q) = %q, want %q", tt.in, got, tt.marks)
		}
		if got := Words(tt.in, ' ', ""); got != tt.words {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.words)
		}
		if got := Slug(tt.in); got != tt.slug {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.slug)
		}
	}
	if got := Words("Tỷ lệ 85,5%", ' ', "%"); got != "Ty le 85 5%" {
		t.Errorf("Words with keep = %q", got)
	}
}
