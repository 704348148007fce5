package tomldec

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Nearest returns the candidate closest to key when it is close enough
// to be a likely typo (edit distance ≤ 2, and less than half the key),
// or "".
func Nearest(key string, candidates []string) string {
	best, bestD := "", 3
	lk := strings.ToLower(key)
	for _, c := range candidates {
		d := editDistance(lk, strings.ToLower(c))
		if d < bestD && d*2 < max(utf8.RuneCountInString(c), 2) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 64
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// vietnameseOnly reports runes that exist in Unicode Vietnamese but not in
// Latin-1: ă â-less letters, đ, ơ, ư and the precomposed tone letters.
func vietnameseOnly(r rune) bool {
	switch r {
	case 'Ă', 'ă', 'Đ', 'đ', 'Ĩ', 'ĩ', 'Ũ', 'ũ', 'Ơ', 'ơ', 'Ư', 'ư':
		return true
	}
	return r >= 0x1EA0 && r <= 0x1EF9
}

// legacyRune reports Latin-1 characters that correct Vietnamese text
// never holds but that text typed with a TCVN3 (ABC) or VNI font shows
// when read as Unicode: "Qu¶ng TrÞ", "Quaûng Trò".
func legacyRune(r rune) bool {
	if r >= 0xA1 && r <= 0xBF {
		return true
	}
	return strings.ContainsRune("ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïðñöøûüþÿ", r)
}

// LooksLegacy reports whether s looks like Vietnamese typed in a legacy
// 8-bit encoding: at least two such characters, or one right after an
// ASCII vowel (VNI writes "aû" for "ả"), and no letter that only
// Unicode Vietnamese has.
func LooksLegacy(s string) bool {
	n := 0
	prev := rune(0)
	for _, r := range s {
		if vietnameseOnly(r) {
			return false
		}
		if legacyRune(r) {
			n++
			if strings.ContainsRune("aeiouyAEIOUY", prev) {
				n++
			}
		}
		prev = r
	}
	return n >= 2
}

// BadControl returns the first control character of s other than tab
// and newline, or -1.
func BadControl(s string) rune {
	for _, r := range s {
		if r == '\t' || r == '\n' {
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			return r
		}
	}
	return -1
}

// Describe says in Vietnamese what kind of TOML value v is, quoting it.
func Describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("chuỗi %q", Clip(x))
	case int64:
		return fmt.Sprintf("số nguyên %d", x)
	case float64:
		return fmt.Sprintf("số thực %v", x)
	case bool:
		return fmt.Sprintf("giá trị %t", x)
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return "ngày " + x.Format("2006-01-02")
		case "time-local":
			return "giờ " + x.Format("15:04:05")
		}
		return "ngày giờ " + x.Format("2006-01-02T15:04:05")
	case map[string]any:
		return "một bảng"
	case []map[string]any:
		return "một mảng bảng"
	case []any:
		return "một mảng"
	}
	return fmt.Sprintf("giá trị %v", v)
}

// Clip shortens long values in messages.
func Clip(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	return string([]rune(s)[:57]) + "…"
}
