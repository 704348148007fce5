package pipeline

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns Vietnamese text into a lower-case ASCII file name part:
// "Kế hoạch" → "ke-hoach", "Gio Mỹ" → "gio-my". Tone marks and
// vowel marks are dropped; đ becomes d.
func Slug(s string) string {
	return strings.ToLower(asciiName(s))
}

// asciiName strips Vietnamese marks and joins words with "-", keeping case.
func asciiName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case r == 'Đ':
			r = 'D'
		}
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
