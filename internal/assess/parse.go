package assess

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/vnfmt"
	"golang.org/x/text/unicode/norm"
)

// fold reduces s for loose label matching: NFC, lower case, diacritics and
// đ removed, every run of non-letters/digits (and "%") made one space,
// trimmed. fold("Kết quả\nkỳ  này") = "ket qua ky nay".
func fold(s string) string {
	return strings.ToLower(vnfmt.Words(s, ' ', "%"))
}

// cleanSpace trims s and folds every run of white space (including no-break
// and thin spaces, new lines) into one ASCII space.
func cleanSpace(s string) string {
	// Most cells need nothing: no space at the ends, single ASCII spaces.
	clean := len(s) == 0 || (s[0] != ' ' && s[len(s)-1] != ' ')
	for i := 0; clean && i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			clean = i+1 < len(s) && s[i+1] != ' '
		case c < 0x20 || c == 0xC2 || c == 0xE2:
			// control characters (tab, new line), U+00A0 and U+2009/U+202F
			clean = false
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u00A0' || r == '\u2009' || r == '\u202F'
	}), " ")
}

// roundSig rounds away float artefacts (1.1000000000000001, 85.49999999999999)
// by keeping 12 significant digits.
func roundSig(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v
	}
	return r
}

var errNotNumber = errors.New("không phải là số")

// ParseNumber reads a number written the Vietnamese or the English way:
// "85,5", "85.5", "1.234,5", "1,234.5", "1 234", "-3", "+2", "8.55E-1".
// A single separator ("1,234" or "1.234") is the decimal mark; repeated
// separators of one kind, or both kinds, are thousands grouping then decimal
// mark. The result is rounded to 12 significant digits. Percent signs and
// units are not accepted here (see ParseValue).
func ParseNumber(raw string) (float64, error) {
	s := cleanSpace(norm.NFC.String(raw))
	if s == "" {
		return 0, errNotNumber
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "−"):
		neg = true
		s = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−"), " ")
	case strings.HasPrefix(s, "+"):
		s = strings.TrimLeft(s[1:], " ")
	}
	if s == "" {
		return 0, errNotNumber
	}
	// Scientific notation, as excelize gives raw values of tiny numbers.
	if i := strings.IndexAny(s, "eE"); i > 0 {
		mant, exp := s[:i], s[i+1:]
		if !allDigitsDot(mant) || !isExp(exp) {
			return 0, errNotNumber
		}
		v, err := strconv.ParseFloat(mant+"e"+exp, 64)
		if err != nil || math.IsInf(v, 0) {
			return 0, errNotNumber
		}
		if neg {
			v = -v
		}
		return roundSig(v), nil
	}
	// Digit groups separated by spaces: "1 234 567,5".
	if strings.Contains(s, " ") {
		parts := strings.Split(s, " ")
		for i, p := range parts {
			if i > 0 {
				head := p
				if j := strings.IndexAny(p, ".,"); j >= 0 {
					head = p[:j]
				}
				if len(head) != 3 || !allDigits(head) {
					return 0, errNotNumber
				}
			} else if p == "" || len(p) > 3 || !allDigits(p) {
				return 0, errNotNumber
			}
		}
		s = strings.Join(parts, "")
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9') && r != '.' && r != ',' {
			return 0, errNotNumber
		}
	}
	nDot, nComma := strings.Count(s, "."), strings.Count(s, ",")
	var intPart, frac string
	switch {
	case nDot == 0 && nComma == 0:
		intPart = s
	case nDot+nComma == 1:
		i := strings.IndexAny(s, ".,")
		intPart, frac = s[:i], s[i+1:]
	case nDot > 0 && nComma > 0:
		// the last separator is the decimal mark, the other groups thousands
		last := strings.LastIndexAny(s, ".,")
		dec := s[last]
		grp := byte(',')
		if dec == ',' {
			grp = '.'
		}
		if strings.Count(s, string(dec)) != 1 {
			return 0, errNotNumber
		}
		var ok bool
		if intPart, ok = ungroup(s[:last], grp); !ok {
			return 0, errNotNumber
		}
		frac = s[last+1:]
	default:
		grp := byte('.')
		if nComma > 0 {
			grp = ','
		}
		var ok bool
		if intPart, ok = ungroup(s, grp); !ok {
			return 0, errNotNumber
		}
	}
	if (intPart == "" && frac == "") || !allDigits(intPart) || !allDigits(frac) {
		return 0, errNotNumber
	}
	if intPart == "" {
		intPart = "0"
	}
	txt := intPart
	if frac != "" {
		txt += "." + frac
	}
	v, err := strconv.ParseFloat(txt, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, errNotNumber
	}
	if neg {
		v = -v
	}
	return roundSig(v), nil
}

// ungroup removes thousands separators sep from s, checking the groups:
// "1.234.567" → "1234567".
func ungroup(s string, sep byte) (string, bool) {
	parts := strings.Split(s, string(sep))
	for i, p := range parts {
		if i == 0 {
			if p == "" || len(p) > 3 {
				return "", false
			}
		} else if len(p) != 3 {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func allDigitsDot(s string) bool {
	if s == "" || strings.Count(s, ".") > 1 || s == "." {
		return false
	}
	return allDigits(strings.Replace(s, ".", "", 1))
}

func isExp(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	return s != "" && len(s) <= 3 && allDigits(s)
}

// ParseVerdict reads a self-assessment verdict. met: "Đạt", "đạt", "DAT",
// "Dat", "Đạt chuẩn", "Đ", "x", "X", "✓", "✔", "☑", "TRUE". Not met: "Chưa
// đạt", "chua dat", "Không đạt", "CĐ", "Chưa", "Không", "-", "–", "—",
// "FALSE". ok is false for anything else, including blank (callers treat
// blank as "no verdict").
func ParseVerdict(raw string) (met bool, ok bool) {
	s := cleanSpace(norm.NFC.String(raw))
	s = strings.TrimRight(s, ".!")
	switch s {
	case "x", "X", "✓", "✔", "☑", "✅", "Đ", "đ":
		return true, true
	case "-", "–", "—", "CĐ", "cđ", "Cđ":
		return false, true
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != ' ' {
			return false, false
		}
	}
	switch fold(s) {
	case "dat", "dat chuan", "da dat", "true":
		return true, true
	case "chua dat", "khong dat", "chua dat chuan", "khong dat chuan", "chua", "khong", "false", "cd",
		"ko dat", "k dat", "kh dat", "khg dat", "ko", "chua dat yeu cau":
		return false, true
	}
	return false, false
}

// zeroWords are the answers meaning "none" for a must-be-zero indicator;
// a longer answer starting with one of zeroPrefixes ("Không còn nhà tạm")
// means none too.
var (
	zeroWords    = map[string]bool{"khong": true, "khong co": true, "khong phat sinh": true, "khong xay ra": true, "khong con": true, "ko": true, "ko co": true, "ko con": true, "0": true}
	zeroPrefixes = []string{"khong con ", "khong co ", "khong phat sinh ", "khong xay ra ", "ko con ", "ko co "}
)

// isZeroWords reports a "none" answer.
func isZeroWords(f string) bool {
	if zeroWords[f] {
		return true
	}
	for _, p := range zeroPrefixes {
		if strings.HasPrefix(f, p) && !strings.ContainsAny(f, "0123456789") {
			return true
		}
	}
	return false
}

// splitUnit splits "02 nhà", "36,5 triệu đồng/người/năm", "12 người"
// into the number and its unit (words without digits); ok is false when
// s is not a number followed by such words.
func splitUnit(s string) (num, unit string, ok bool) {
	i := strings.IndexFunc(s, unicode.IsLetter)
	if i <= 0 {
		return "", "", false
	}
	num, unit = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])
	if num == "" || strings.ContainsAny(unit, "0123456789%") || len(unit) > 60 {
		return "", "", false
	}
	return num, unit, true
}

// q quotes an excerpt of s for a message.
func q(s string) string { return strconv.Quote(clip(s, 60)) }

// moneySuffixes are units a commune may type after an income.
var moneySuffixes = map[string]bool{"trieu dong nguoi nam": true, "trieu dong": true, "trieu": true, "tr d": true, "trd": true, "tr": true, "trieu nguoi nam": true, "trieu dong nam": true, "trd nguoi nam": true, "tr nguoi nam": true}

// ParseValue parses the result of an indicator of the given kind. For
// KindBool the verdict words give 1 (Đạt) or 0 (Chưa đạt); for KindZero
// "Không", "không có" and numbers (a count, 0 or more); for KindPercent a
// number 0–100, optionally with "%" ("85,5%"), or — when percentCell says
// the workbook cell is a number in a percent format — a fraction (0.855 →
// 85.5); KindMoney and KindNumber take a number ≥ 0. The error says what is
// wrong with raw, quoting it, in Vietnamese.
func ParseValue(raw string, kind criteria.Kind, percentCell bool) (float64, error) {
	s := cleanSpace(norm.NFC.String(raw))
	if s == "" {
		return 0, errors.New("chưa có giá trị")
	}
	switch kind {
	case criteria.KindBool:
		met, ok := ParseVerdict(s)
		if !ok {
			switch fold(s) {
			case "co":
				met, ok = true, true
			case "khong co", "ko co":
				met, ok = false, true
			}
		}
		if !ok {
			return 0, fmt.Errorf("giá trị %s không hợp lệ", q(s))
		}
		if met {
			return 1, nil
		}
		return 0, nil
	case criteria.KindZero:
		if isZeroWords(fold(s)) {
			return 0, nil
		}
		v, err := ParseNumber(s)
		if err != nil {
			if num, _, ok := splitUnit(s); ok {
				v, err = ParseNumber(num)
			}
		}
		if err != nil {
			return 0, fmt.Errorf("giá trị %s không phải là số", q(s))
		}
		if v < 0 {
			return 0, fmt.Errorf("giá trị %s là số âm", q(s))
		}
		if v != math.Trunc(v) {
			return 0, fmt.Errorf("giá trị %s không phải là số nguyên", q(s))
		}
		return v, nil
	case criteria.KindPercent:
		num, pct := s, false
		if strings.HasSuffix(num, "%") {
			num, pct = strings.TrimSpace(strings.TrimSuffix(num, "%")), true
		}
		v, err := ParseNumber(num)
		if err != nil {
			return 0, fmt.Errorf("giá trị %s không phải là số", q(s))
		}
		if percentCell && !pct {
			v = roundSig(v * 100)
		}
		if v < 0 {
			return 0, fmt.Errorf("giá trị %s là số âm", q(s))
		}
		if v > 100 {
			if percentCell && !pct {
				return 0, fmt.Errorf("giá trị %s (ô định dạng phần trăm, tức %s%%) lớn hơn 100%%", q(s), strconv.FormatFloat(v, 'f', -1, 64))
			}
			return 0, fmt.Errorf("giá trị %s lớn hơn 100%%", q(s))
		}
		return v, nil
	default: // money, number
		num := s
		if n, unit, ok := splitUnit(s); ok && (kind == criteria.KindNumber || moneySuffixes[fold(unit)]) {
			num = n
		}
		v, err := ParseNumber(num)
		if err != nil {
			return 0, fmt.Errorf("giá trị %s không phải là số", q(s))
		}
		if v < 0 {
			return 0, fmt.Errorf("giá trị %s là số âm", q(s))
		}
		return v, nil
	}
}

// kindNeed says in Vietnamese what a value of kind must be.
func kindNeed(k criteria.Kind) string {
	switch k {
	case criteria.KindBool:
		return "“Đạt” hoặc “Chưa đạt”"
	case criteria.KindPercent:
		return "tỷ lệ % từ 0 đến 100"
	case criteria.KindMoney:
		return "thu nhập bình quân, số triệu đồng/người/năm, không âm"
	case criteria.KindZero:
		return "số trường hợp, 0 hoặc “Không”"
	default:
		return "một số không âm"
	}
}
