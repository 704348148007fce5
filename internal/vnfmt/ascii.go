package vnfmt

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// base maps each precomposed Latin letter with marks (U+00C0–U+024F,
// U+1E00–U+1EFF: every Vietnamese letter among them) to its unmarked
// ASCII letter, and đ/Đ to d/D. Built once from the Unicode
// decompositions, so that StripMarks needs no normalisation pass.
var base = func() map[rune]rune {
	m := map[rune]rune{'đ': 'd', 'Đ': 'D'}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			var b rune
			n := 0
			for _, d := range norm.NFD.String(string(r)) {
				if !unicode.Is(unicode.Mn, d) {
					b = d
					n++
				}
			}
			if n == 1 && b < utf8.RuneSelf && b != r {
				m[r] = b
			}
		}
	}
	add(0x00C0, 0x024F)
	add(0x1E00, 0x1EFF)
	return m
}()

// stripRune is r without its marks; ok is false for a combining mark
// (decomposed input), which is dropped.
func stripRune(r rune) (rune, bool) {
	if r < utf8.RuneSelf {
		return r, true
	}
	if b, ok := base[r]; ok {
		return b, true
	}
	if unicode.Is(unicode.Mn, r) {
		return 0, false
	}
	return r, true
}

// StripMarks removes the Vietnamese tone and vowel marks from s and turns
// đ into d (Đ into D), leaving every other character as it is:
// StripMarks("Cam Chính, Đông Hà") = "Cam Chinh, Dong Ha". Decomposed
// (NFD) and composed input give the same result.
func StripMarks(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r, ok := stripRune(r); ok {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Words is StripMarks, then every run of characters that are not ASCII
// letters or digits (nor one of keep) becomes sep, with none at either
// end: Words("Kết quả\nkỳ này", ' ', "") = "Ket qua ky nay". Case is kept.
func Words(s string, sep byte, keep string) string {
	var b strings.Builder
	gap := false
	b.Grow(len(s))
	for _, r := range s {
		r, ok := stripRune(r)
		if !ok {
			continue
		}
		ok = r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || strings.ContainsRune(keep, r)
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
