package assess

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Legacy Vietnamese 8-bit encodings. Text typed in the old fonts (.VnTime
// for TCVN3/ABC, VNI-Times for VNI) is stored in the workbook as the
// Windows-1252/Latin-1 characters of its bytes: "Đạt" becomes "§¹t" (TCVN3)
// or "Ñaït" (VNI). DecodeLegacy detects and converts such text.

// The encoding names returned by DecodeLegacy.
const (
	EncTCVN3 = "TCVN3"
	EncVNI   = "VNI"
)

// cp1252High maps bytes 0x80–0x9F to the runes Windows-1252 gives them;
// 0 marks the five bytes Windows-1252 leaves undefined (those come through
// as the C1 control of the same value).
var cp1252High = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// cp1252Rev maps the Windows-1252 runes above 0xFF back to their byte.
var cp1252Rev = func() map[rune]byte {
	m := make(map[rune]byte, 32)
	for i, r := range cp1252High {
		if r != 0 {
			m[r] = byte(0x80 + i)
		}
	}
	return m
}()

// byteRune is how a legacy byte shows up once read as Unicode.
func byteRune(b byte) rune {
	if b >= 0x80 && b < 0xA0 && cp1252High[b-0x80] != 0 {
		return cp1252High[b-0x80]
	}
	return rune(b)
}

// legacyBytes turns s back into the bytes it was typed as, assuming it is
// legacy text read as Windows-1252/Latin-1. ok is false when s holds a rune
// that no single byte can have produced (then s is real Unicode).
func legacyBytes(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < 0x100:
			out = append(out, byte(r))
		default:
			b, ok := cp1252Rev[r]
			if !ok {
				return nil, false
			}
			out = append(out, b)
		}
	}
	return out, true
}

// bytesString is the inverse of legacyBytes: what a reader shows for the
// legacy bytes b.
func bytesString(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(byteRune(c))
	}
	return sb.String()
}

// tcvn3Table is TCVN 5712:1993 (VN1, the full table the ABC fonts follow):
// byte → Unicode. Bytes below 0x80 not listed in tcvn3Low are ASCII. 0xB0–
// 0xB4 are the combining tone marks.
var tcvn3Table = func() [256]rune {
	var t [256]rune
	for i := 0; i < 0x80; i++ {
		t[i] = rune(i)
	}
	for b, r := range tcvn3Low {
		t[b] = r
	}
	for i, r := range tcvn3High {
		t[0x80+i] = r
	}
	return t
}()

// tcvn3Low holds the capital letters TCVN 5712 puts in C0 control positions.
var tcvn3Low = map[byte]rune{
	0x01: 'Ú', 0x02: 'Ụ', 0x04: 'Ừ', 0x05: 'Ử', 0x06: 'Ữ',
	0x11: 'Ứ', 0x12: 'Ự', 0x13: 'Ỳ', 0x14: 'Ỷ', 0x15: 'Ỹ', 0x16: 'Ý', 0x17: 'Ỵ',
}

var tcvn3High = [128]rune{
	// 0x80
	'À', 'Ả', 'Ã', 'Á', 'Ạ', 'Ặ', 'Ậ', 'È', 'Ẻ', 'Ẽ', 'É', 'Ẹ', 'Ệ', 'Ì', 'Ỉ', 'Ĩ',
	// 0x90
	'Í', 'Ị', 'Ò', 'Ỏ', 'Õ', 'Ó', 'Ọ', 'Ộ', 'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ', 'Ù', 'Ủ', 'Ũ',
	// 0xA0
	'\u00A0', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ',
	// 0xB0
	'\u0300', '\u0309', '\u0303', '\u0301', '\u0323', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ',
	// 0xC0
	'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ',
	// 0xD0
	'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò',
	// 0xE0
	'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù',
	// 0xF0
	'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
}

// tcvn3Enc maps each Vietnamese letter (and the ASCII range) to its TCVN3
// byte; built from tcvn3Table so that both directions agree.
var tcvn3Enc = func() map[rune]byte {
	m := make(map[rune]byte, 256)
	for b := 255; b >= 0; b-- {
		r := tcvn3Table[b]
		if b < 0x20 && tcvn3Low[byte(b)] == 0 {
			continue
		}
		m[r] = byte(b)
	}
	return m
}()

// The Vietnamese letters, built from bases, vowel modifiers and tones.
var (
	viBases = []string{"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"}
	// tone marks in the order none, huyền, sắc, hỏi, ngã, nặng
	viTones = []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
)

// vietLetters returns every Vietnamese letter, lower and upper case (144
// including the plain ASCII vowels and d/đ).
func vietLetters() []rune {
	var out []rune
	for _, b := range viBases {
		for _, t := range viTones {
			r, _ := utf8.DecodeRuneInString(norm.NFC.String(b + t))
			out = append(out, r, unicode.ToUpper(r))
		}
	}
	return append(out, 'đ', 'Đ')
}

// letterInfo is a Vietnamese letter split into its toneless form and tone.
type letterInfo struct {
	base rune // toneless lower-case letter, e.g. 'â'
	tone int  // index into viTones
}

var letterInfos = func() map[rune]letterInfo {
	m := map[rune]letterInfo{}
	for _, b := range viBases {
		base, _ := utf8.DecodeRuneInString(norm.NFC.String(b))
		for ti, t := range viTones {
			r, _ := utf8.DecodeRuneInString(norm.NFC.String(b + t))
			m[r] = letterInfo{base, ti}
			m[unicode.ToUpper(r)] = letterInfo{base, ti}
		}
	}
	for c := 'a'; c <= 'z'; c++ {
		if _, ok := m[c]; !ok {
			m[c] = letterInfo{c, 0}
			m[unicode.ToUpper(c)] = letterInfo{c, 0}
		}
	}
	m['đ'] = letterInfo{'đ', 0}
	m['Đ'] = letterInfo{'đ', 0}
	return m
}()

// VNI: a base letter followed by a mark byte; a few letters are one byte.
// Lower-case bytes are given; capitals use byte-0x20.
var (
	vniTone  = [6]byte{0, 0xF8, 0xF9, 0xFB, 0xF5, 0xEF} // after a e o u y ơ ư
	vniCirc  = [6]byte{0xE2, 0xE0, 0xE1, 0xE5, 0xE3, 0xE4}
	vniBreve = [6]byte{0xEA, 0xE8, 0xE9, 0xFA, 0xFC, 0xEB}
	vniI     = [6]byte{'i', 0xEC, 0xED, 0xE6, 0xF3, 0xF2} // i is one byte
)

// vniEncode returns the VNI bytes of one Vietnamese letter (lower case
// form), or nil.
func vniEncodeLower(r rune) []byte {
	if r == 'đ' {
		return []byte{0xF1}
	}
	li, ok := letterInfos[r]
	if !ok || r != unicode.ToLower(r) {
		return nil
	}
	switch li.base {
	case 'i':
		return []byte{vniI[li.tone]}
	case 'y':
		if li.tone == 5 {
			return []byte{0xEE}
		}
	case 'â', 'ê', 'ô':
		base := map[rune]byte{'â': 'a', 'ê': 'e', 'ô': 'o'}[li.base]
		return []byte{base, vniCirc[li.tone]}
	case 'ă':
		return []byte{'a', vniBreve[li.tone]}
	}
	var base byte
	switch li.base {
	case 'ơ':
		base = 0xF4
	case 'ư':
		base = 0xF6
	case 'a', 'e', 'o', 'u', 'y':
		base = byte(li.base)
	default:
		if li.base < 0x80 {
			return []byte{byte(li.base)}
		}
		return nil
	}
	if li.tone == 0 {
		return []byte{base}
	}
	return []byte{base, vniTone[li.tone]}
}

// vniEncode returns the VNI bytes of one letter in either case.
func vniEncode(r rune) []byte {
	lower := unicode.ToLower(r)
	b := vniEncodeLower(lower)
	if b == nil || lower == r {
		return b
	}
	up := make([]byte, len(b))
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			up[i] = c - 0x20
		case c >= 0xE0:
			up[i] = c - 0x20
		default:
			up[i] = c
		}
	}
	return up
}

// vniDec1 and vniDec2 decode one- and two-byte VNI sequences.
var vniDec1, vniDec2 = func() (map[byte]rune, map[[2]byte]rune) {
	one := map[byte]rune{}
	two := map[[2]byte]rune{}
	for _, r := range vietLetters() {
		b := vniEncode(r)
		switch len(b) {
		case 1:
			if b[0] >= 0x80 {
				one[b[0]] = r
			}
		case 2:
			two[[2]byte{b[0], b[1]}] = r
		}
	}
	// Lenient forms: a mark typed in the other case, "yï" for ỵ and
	// i followed by a tone mark.
	for k, r := range two {
		other := k[1] ^ 0x20
		alt := [2]byte{k[0], other}
		if _, taken := two[alt]; !taken {
			two[alt] = r
		}
	}
	for ti := 1; ti < 6; ti++ {
		for _, up := range []bool{false, true} {
			i, y := byte('i'), byte('y')
			mark := vniTone[ti]
			if up {
				i, y = 'I', 'Y'
			}
			for _, m := range []byte{mark, mark - 0x20} {
				ri, _ := utf8.DecodeRuneInString(norm.NFC.String(string(rune(i)) + viTones[ti]))
				ry, _ := utf8.DecodeRuneInString(norm.NFC.String(string(rune(y)) + viTones[ti]))
				if _, taken := two[[2]byte{i, m}]; !taken {
					two[[2]byte{i, m}] = ri
				}
				if _, taken := two[[2]byte{y, m}]; !taken {
					two[[2]byte{y, m}] = ry
				}
			}
		}
	}
	return one, two
}()

// viLatin1 are the Vietnamese letters that Latin-1 has: Unicode text made
// of these alone may be real Vietnamese.
const viLatin1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"

// okPunct are symbols common in real Unicode text that fit in one legacy
// byte but are no TCVN3 letter of the ABC fonts (0xB0–0xB4 are combining
// marks there; 0x80–0x9F capitals the ABC fonts leave to the "H" fonts).
const okPunct = "\u00A0°±²³–—‘’“”…•"

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// decodeTCVN3 reads b as TCVN3. With keepPunct, the bytes 0x80–0x9F that
// are common punctuation in Windows-1252 (dashes, quotes, …) stay
// punctuation instead of becoming the TCVN 5712 capitals the ABC fonts do
// not have.
func decodeTCVN3(b []byte, upper, keepPunct bool) string {
	var sb strings.Builder
	for _, c := range b {
		if r := byteRune(c); keepPunct && c >= 0x80 && c < 0xA0 && strings.ContainsRune(okPunct, r) {
			sb.WriteRune(r)
			continue
		}
		sb.WriteRune(tcvn3Table[c])
	}
	out := norm.NFC.String(sb.String())
	if upper {
		out = strings.ToUpper(out)
	}
	return out
}

func decodeVNI(b []byte) (string, bool) {
	var sb strings.Builder
	for i := 0; i < len(b); i++ {
		if i+1 < len(b) {
			if r, ok := vniDec2[[2]byte{b[i], b[i+1]}]; ok {
				sb.WriteRune(r)
				i++
				continue
			}
		}
		c := b[i]
		if c < 0x80 {
			sb.WriteByte(c)
			continue
		}
		if r, ok := vniDec1[c]; ok {
			sb.WriteRune(r)
			continue
		}
		if r := byteRune(c); strings.ContainsRune(okPunct, r) {
			sb.WriteRune(r)
			continue
		}
		return "", false
	}
	return sb.String(), true
}

// fontEncoding tells the legacy encoding a font name implies: ".VnTime",
// ".VnArialH" → TCVN3 (upper true for the capitals-only "H" fonts);
// "VNI-Times" → VNI; anything else "".
func fontEncoding(family string) (enc string, upper bool) {
	f := strings.ToLower(strings.TrimSpace(family))
	switch {
	case strings.HasPrefix(f, ".vn"):
		return EncTCVN3, strings.HasSuffix(f, "h")
	case strings.HasPrefix(f, "vni"):
		return EncVNI, false
	}
	return "", false
}

// Errors of DecodeLegacy.
var (
	errLegacyUnknown   = errors.New("chữ có vẻ được gõ bằng bảng mã cũ (TCVN3 hoặc VNI) nhưng không đọc được")
	errLegacyAmbiguous = errors.New("chữ có vẻ được gõ bằng bảng mã cũ nhưng không xác định được là TCVN3 hay VNI")
)

// DecodeLegacy converts s from a legacy Vietnamese 8-bit encoding (as
// read from a workbook, i.e. one Windows-1252/Latin-1 character per byte)
// to NFC Unicode. encoding is "TCVN3", "VNI", or "" when s is Unicode
// already (then out is s in NFC). When s looks legacy but the encoding
// cannot be decided, err says so and out is s unchanged.
func DecodeLegacy(s string) (out string, encoding string, err error) {
	return decodeLegacy(s, "", false)
}

// decodeLegacy is DecodeLegacy with the encoding implied by the cell's
// font (hint "" when unknown).
func decodeLegacy(s, hint string, upper bool) (string, string, error) {
	s = norm.NFC.String(s)
	if isASCII(s) {
		return s, "", nil
	}
	b, ok := legacyBytes(s)
	if !ok {
		return s, "", nil
	}
	uPossible := true
	for _, r := range s {
		if r >= 0x80 && !strings.ContainsRune(viLatin1, r) && !strings.ContainsRune(okPunct, r) {
			uPossible = false
			break
		}
	}
	uValid := uPossible && wordsVietnamese(s)
	t := decodeTCVN3(b, upper, true)
	tValid := wordsVietnamese(t) && !hasMark(t)
	if !tValid {
		t = decodeTCVN3(b, upper, false)
		tValid = wordsVietnamese(t) && !hasMark(t)
	}
	v, vOK := decodeVNI(b)
	vValid := vOK && wordsVietnamese(v)
	switch hint {
	case EncTCVN3:
		if tValid {
			return t, EncTCVN3, nil
		}
		if uValid {
			return s, "", nil
		}
		return s, "", errLegacyUnknown
	case EncVNI:
		if vValid {
			return v, EncVNI, nil
		}
		if uValid {
			return s, "", nil
		}
		return s, "", errLegacyUnknown
	}
	switch {
	case uValid:
		return s, "", nil
	case tValid && vValid:
		if t == v {
			return t, EncTCVN3, nil
		}
		return s, "", fmt.Errorf("%w (TCVN3 đọc thành %q, VNI đọc thành %q)", errLegacyAmbiguous, t, v)
	case tValid:
		return t, EncTCVN3, nil
	case vValid:
		return v, EncVNI, nil
	case uPossible:
		return s, "", nil
	}
	return s, "", errLegacyUnknown
}

func hasMark(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			return true
		}
	}
	return false
}

// wordsVietnamese reports whether every word of s that has a non-ASCII
// letter is a well-formed Vietnamese syllable.
func wordsVietnamese(s string) bool {
	var word []rune
	flush := func() bool {
		defer func() { word = word[:0] }()
		ascii := true
		for _, r := range word {
			if r >= 0x80 {
				ascii = false
				break
			}
		}
		return ascii || viSyllable(word)
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			word = append(word, r)
			continue
		}
		if !flush() {
			return false
		}
	}
	return flush()
}

var (
	viOnsets = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}
	viCodas  = map[string]bool{"": true, "c": true, "ch": true, "m": true, "n": true, "ng": true, "nh": true, "p": true, "t": true, "k": true}
	viStops  = map[string]bool{"c": true, "ch": true, "p": true, "t": true, "k": true}
	viNuclei = map[string]bool{}
	viOpen   = map[string]bool{}
)

func init() {
	for _, n := range strings.Fields("a ă â e ê i o ô ơ u ư y iê oa oă oe oo uâ uê uô uơ ươ uy yê uă ue uyê") {
		viNuclei[n] = true
	}
	for _, n := range strings.Fields("ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu yêu oai oay oao oeo uây uôi ươi ươu uyu uya") {
		viNuclei[n] = true
		viOpen[n] = true
	}
}

const viVowels = "aăâeêioôơuưy"

// viSyllable checks one word: letters of the Vietnamese alphabet, at most
// one tone, onset + nucleus + coda of Vietnamese, stop codas only with
// sắc or nặng, and lower, upper or title case.
func viSyllable(word []rune) bool {
	if len(word) == 0 {
		return true
	}
	nUpper := 0
	for _, r := range word {
		if unicode.IsUpper(r) {
			nUpper++
		}
	}
	if nUpper != 0 && nUpper != len(word) && !(nUpper == 1 && unicode.IsUpper(word[0])) {
		return false
	}
	var base strings.Builder
	tone := 0
	for _, r := range word {
		li, ok := letterInfos[r]
		if !ok {
			return false
		}
		if li.tone != 0 {
			if tone != 0 {
				return false
			}
			tone = li.tone
		}
		base.WriteRune(li.base)
	}
	w := base.String()
	for _, on := range viOnsets {
		if !strings.HasPrefix(w, on) {
			continue
		}
		rest := w[len(on):]
		i := 0
		for i < len(rest) {
			r, n := utf8.DecodeRuneInString(rest[i:])
			if !strings.ContainsRune(viVowels, r) {
				break
			}
			i += n
		}
		nucleus, coda := rest[:i], rest[i:]
		if nucleus == "" || !viNuclei[nucleus] || !viCodas[coda] {
			continue
		}
		if coda != "" && viOpen[nucleus] {
			continue
		}
		if viStops[coda] && tone != 0 && tone != 2 && tone != 5 {
			continue
		}
		return true
	}
	return false
}
