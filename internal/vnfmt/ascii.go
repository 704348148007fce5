package vnfmt

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// StripMarks removes the Vietnamese tone and vowel marks from s and turns
// đ into d (Đ into D), leaving every other character as it is:
// StripMarks("Cam Chính, Đông Hà") = "Cam Chinh, Dong Ha". Decomposed
// (NFD) and composed input give the same result.
func StripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case r == 'Đ':
			r = 'D'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Words is StripMarks, then every run of characters that are not ASCII
// letters or digits (nor one of keep) becomes sep, with none at either
// end: Words("Kết quả\nkỳ này", ' ', "") = "Ket qua ky nay". Case is kept.
func Words(s string, sep byte, keep string) string {
	var b strings.Builder
	gap := false
	for _, r := range StripMarks(s) {
		ok := r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || strings.ContainsRune(keep, r)
		if !ok {
			gap = b.Len() > 0
			continue
		}
		if gap {
			b.WriteByte(sep)
			gap = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Slug is the lower-case ASCII file-name form of a Vietnamese name:
// Slug("Gio Mỹ") = "gio-my", Slug("Kế hoạch") = "ke-hoach".
func Slug(s string) string { return strings.ToLower(Words(s, '-', "")) }
