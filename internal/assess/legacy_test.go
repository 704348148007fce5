package assess

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// encodeTCVN3 and encodeVNI write s the way a legacy-font workbook shows
// it once read (one Windows-1252/Latin-1 character per byte).
func encodeTCVN3(t *testing.T, s string) string {
	t.Helper()
	var b []byte
	for _, r := range norm.NFC.String(s) {
		c, ok := tcvn3Enc[r]
		if !ok {
			t.Fatalf("TCVN3 cannot encode %q", r)
		}
		b = append(b, c)
	}
	return bytesString(b)
}

func encodeVNI(t *testing.T, s string) string {
	t.Helper()
	var b []byte
	for _, r := range norm.NFC.String(s) {
		if r < 0x80 {
			b = append(b, byte(r))
			continue
		}
		e := vniEncode(r)
		if e == nil {
			t.Fatalf("VNI cannot encode %q", r)
		}
		b = append(b, e...)
	}
	return bytesString(b)
}

// TestLegacyRoundTrip encodes every Vietnamese letter with each table and
// decodes it back.
func TestLegacyRoundTrip(t *testing.T) {
	letters := vietLetters()
	if len(letters) != 146 {
		t.Fatalf("vietLetters: %d letters, want 146 (12 vowels × 6 tones × 2 cases + d/đ... )", len(letters))
	}
	for _, r := range letters {
		l := string(r)
		if got := decodeTCVN3(mustBytes(t, encodeTCVN3(t, l)), false, false); got != l {
			t.Errorf("TCVN3 round trip of %q: got %q", l, got)
		}
		got, ok := decodeVNI(mustBytes(t, encodeVNI(t, l)))
		if !ok || got != l {
			t.Errorf("VNI round trip of %q: got %q, %v", l, got, ok)
		}
	}
	// Every non-ASCII letter has its own TCVN3 byte: the table is a bijection.
	seen := map[byte]rune{}
	for _, r := range letters {
		if r < 0x80 {
			continue
		}
		c := tcvn3Enc[r]
		if o, dup := seen[c]; dup {
			t.Errorf("TCVN3 byte %#x used by %q and %q", c, o, r)
		}
		seen[c] = r
	}
}

func mustBytes(t *testing.T, s string) []byte {
	t.Helper()
	b, ok := legacyBytes(s)
	if !ok {
		t.Fatalf("legacyBytes(%q) failed", s)
	}
	return b
}

func TestDecodeLegacy(t *testing.T) {
	tests := []struct {
		in, want, enc string
		err           bool
	}{
		{"Gio Mai", "Gio Mai", "", false},
		{"Đạt", "Đạt", "", false},
		{"Bình", "Bình", "", false},                    // Latin-1-only Unicode stays
		{"Không", "Không", "", false},                  // also valid VNI ("Khơng"), Unicode preferred
		{"§¹t", "Đạt", EncTCVN3, false},                // the brief's example
		{"Ch\u00ada ®¹t", "Chưa đạt", EncTCVN3, false}, // soft hyphen = ư
		{"Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam", EncTCVN3, false},
		{"TiÕng ViÖt", "Tiếng Việt", EncTCVN3, false},
		{"Tèt", "Tốt", EncTCVN3, false}, // "Tèt" is no Vietnamese syllable (huyền + t)
		{"Ñaït", "Đạt", EncVNI, false},
		{"Chöa ñaït", "Chưa đạt", EncVNI, false},
		{"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", EncVNI, false},
		{"Tieáng Vieät", "Tiếng Việt", EncVNI, false},
		{"Ña\u0323t", "Ña\u0323t", "", false}, // a combining mark is Unicode
		{"¿¿¿", "¿¿¿", "", true},              // neither Unicode, TCVN3 nor VNI
		{"Café", "Café", "", false},           // odd but plausible Unicode
		{"diện tích 20 m²", "diện tích 20 m²", "", false},
		{"Gi¸ tèt: 25", "Giá tốt: 25", EncTCVN3, false},
		{"th×", "thì", EncTCVN3, false},
		{"\u201enh s¸ng", "Ạnh sáng", EncTCVN3, false}, // byte 0x84: a TCVN 5712 capital
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, enc, err := DecodeLegacy(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("DecodeLegacy(%q) error = %v, want error %v", tt.in, err, tt.err)
			}
			if got != norm.NFC.String(tt.want) || enc != tt.enc {
				t.Errorf("DecodeLegacy(%q) = %q, %q; want %q, %q", tt.in, got, enc, tt.want, tt.enc)
			}
		})
	}
}

// TestDecodeLegacyFont checks the font hint: it decides for text that is
// also valid Unicode, and keeps Windows-1252 punctuation.
func TestDecodeLegacyFont(t *testing.T) {
	tests := []struct {
		in, hint, want string
		upper          bool
	}{
		{"Cã", EncTCVN3, "Có", false},
		{"Cã", "", "Cã", false},
		{"Gio Mai – x· Gio Linh", EncTCVN3, "Gio Mai – xã Gio Linh", false},
		{"§¹t", EncTCVN3, "ĐẠT", true},
		{"Coù", EncVNI, "Có", false},
		{"Bình", EncVNI, "Bình", false},
	}
	for _, tt := range tests {
		got, _, err := decodeLegacy(tt.in, tt.hint, tt.upper)
		if err != nil || got != tt.want {
			t.Errorf("decodeLegacy(%q, %q, %v) = %q, %v; want %q", tt.in, tt.hint, tt.upper, got, err, tt.want)
		}
	}
}

// TestFindAmbiguous documents one text that both legacy tables read as
// Vietnamese: it must be refused, not guessed.
func TestDecodeLegacyAmbiguous(t *testing.T) {
	in := ambiguousLegacy
	_, _, err := DecodeLegacy(in)
	if err == nil || !strings.Contains(err.Error(), "TCVN3 hay VNI") {
		t.Fatalf("DecodeLegacy(%q) error = %v, want ambiguity", in, err)
	}
}

func TestWordsVietnamese(t *testing.T) {
	good := []string{"Nguyễn Văn An", "Quảng Trị", "khuya", "giữ gìn", "NGƯỜI LẬP", "Hướng dẫn", "xoong", "thuở", "Đắk Lắk"}
	bad := []string{"Tèt", "ẹaùt", "ĐạT", "Caộ", "aự"}
	for _, s := range good {
		if !wordsVietnamese(s) {
			t.Errorf("wordsVietnamese(%q) = false, want true", s)
		}
	}
	for _, s := range bad {
		if wordsVietnamese(s) {
			t.Errorf("wordsVietnamese(%q) = true, want false", s)
		}
	}
	_ = unicode.IsLetter
}

var ambiguousLegacy = "Ö" // TCVN3 "ệ", VNI "Ư"
