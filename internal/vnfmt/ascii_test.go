package vnfmt

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

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

// TestStripMarksAllVietnamese checks every Vietnamese letter, composed and
// decomposed, against the Unicode decomposition.
func TestStripMarksAllVietnamese(t *testing.T) {
	const letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
	want := strings.Repeat("a", 18) + strings.Repeat("e", 12) + strings.Repeat("i", 6) + strings.Repeat("o", 18) + strings.Repeat("u", 12) + strings.Repeat("y", 6) + "d"
	if got := StripMarks(letters); got != want {
		t.Errorf("lower:\n got %q\nwant %q", got, want)
	}
	if got := StripMarks(strings.ToUpper(letters)); got != strings.ToUpper(want) {
		t.Errorf("upper: got %q", got)
	}
	if got := StripMarks(norm.NFD.String(letters)); got != want {
		t.Errorf("decomposed: got %q", got)
	}
	if got := StripMarks("Ω ß ñ"); got != "Ω ß n" {
		t.Errorf("other letters: got %q", got)
	}
}

func BenchmarkWords(b *testing.B) {
	s := "Tỷ lệ hộ có nhà tiêu, nhà tắm, bể chứa nước sinh hoạt hợp vệ sinh và đảm bảo 3 sạch"
	for b.Loop() {
		Words(s, ' ', "%")
	}
}
