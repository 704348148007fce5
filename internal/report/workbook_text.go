package report

import (
	"hash/maphash"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/plan"
	"golang.org/x/text/unicode/norm"
)

// StatusLabel is the Vietnamese wording of a commune's status at the
// plan's date (plan.Commune.Status): "Chưa đạt chuẩn", "Đạt chuẩn NTM"…
// An unknown value is returned as written.
func StatusLabel(status string) string {
	switch status {
	case plan.StatusChuaDat:
		return "Chưa đạt chuẩn"
	case plan.StatusDatChuan:
		return "Đạt chuẩn NTM"
	case plan.StatusNangCao:
		return "Đạt chuẩn NTM nâng cao"
	case plan.StatusKieuMau:
		return "Đạt chuẩn NTM kiểu mẫu"
	}
	return status
}

// TargetLabel is the Vietnamese wording of a commune's target
// (plan.Commune.Target): "Đạt chuẩn NTM", "Nâng cao chất lượng"… An
// unknown value is returned as written.
func TargetLabel(target string) string {
	switch target {
	case "dat-chuan":
		return "Đạt chuẩn NTM"
	case "nang-cao-chat-luong":
		return "Nâng cao chất lượng"
	case "nang-cao":
		return "Đạt chuẩn NTM nâng cao"
	case "kieu-mau":
		return "Đạt chuẩn NTM kiểu mẫu"
	}
	return target
}

// The verdict words of the workbook's cells and formulas, those of
// criteria.Status.Label.
var (
	wordMet          = criteria.Met.Label()
	wordNotMet       = criteria.NotMet.Label()
	wordUndetermined = criteria.Undetermined.Label()
)

const (
	// wordNoForm is the group of a commune that sent no form (or a blank
	// one) for the period; the totals count it by this word.
	wordNoForm = "Chưa gửi biểu"
)

func verdictWord(met bool) string {
	if met {
		return wordMet
	}
	return wordNotMet
}

// nfc composes s (inputs may be decomposed) and replaces invalid UTF-8 by
// U+FFFD; it returns s itself when it is already composed, which is
// nearly always.
func nfc(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s // ASCII is NFC
	}
	// Most texts of a national run recur in every document (headings,
	// indicator names, template sentences): those found composed are
	// remembered, since looking one up costs a fraction of checking it.
	var slot *atomic.Pointer[string]
	if len(s) <= nfcKeepMax {
		slot = &nfcKnown[maphash.String(nfcSeed, s)&(nfcSlots-1)]
		if p := slot.Load(); p != nil && *p == s {
			return s
		}
	}
	if !utf8.ValidString(s) {
		// norm passes invalid bytes through and may call such a text
		// normal ("\xf5\u0387" is, to it): make it valid first.
		return norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	}
	if norm.NFC.IsNormalString(s) {
		if slot != nil {
			kept := new(string) // not &s: that would put every s on the heap
			*kept = s
			slot.Store(kept)
		}
		return s
	}
	return norm.NFC.String(s)
}

// nfcKnown remembers texts found in NFC, one in each slot: a text is
// looked up in the slot of its hash and replaces what was there, so the
// texts that recur stay and a national run's thousands of texts seen once
// (a commune's own sentences) pass through without filling a table or
// slowing its lookups.
var (
	nfcKnown [nfcSlots]atomic.Pointer[string]
	nfcSeed  = maphash.MakeSeed()
)

const (
	nfcSlots   = 1 << 14
	nfcKeepMax = 512 // bytes: longer texts are checked each time
)

// upperVN is s in capitals, composed.
func upperVN(s string) string { return nfc(strings.ToUpper(s)) }

// textWidth estimates the width of s in Excel's column units (the width
// of "0" in the 11 pt body font) for a font of size pt: capitals and m,
// w are wider than a digit, i, l, t and punctuation narrower; marks do
// not add width.
func textWidth(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		if r < utf8.RuneSelf {
			w += asciiWidth[r]
			continue
		}
		if cw, ok := latinWidth[r]; ok {
			w += cw
			continue
		}
		if !unicode.Is(unicode.Mn, r) {
			w += 1
		}
	}
	if bold {
		w *= 1.07
	}
	return w * size / 11
}

// asciiWidth is the width of each ASCII character, in digits.
var asciiWidth = func() (t [utf8.RuneSelf]float64) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		t[r] = charWidth(r)
	}
	return t
}()

// latinWidth is the width of the accented Latin letters (Vietnamese
// among them), those of their base letter.
var latinWidth = func() map[rune]float64 {
	m := map[rune]float64{'Đ': 1.3, 'đ': 0.9}
	for _, span := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := span[0]; r <= span[1]; r++ {
			dec := norm.NFD.String(string(r))
			if b, _ := utf8.DecodeRuneInString(dec); b < utf8.RuneSelf && b != utf8.RuneError {
				m[r] = charWidth(b)
			}
		}
	}
	return m
}()

func charWidth(r rune) float64 {
	switch {
	case r == 'm' || r == 'w':
		return 1.45
	case r == 'M' || r == 'W':
		return 1.7
	case r >= 'A' && r <= 'Z':
		return 1.3
	case strings.ContainsRune("iljtfr", r):
		return 0.6
	case strings.ContainsRune(" .,:;'()!|", r):
		return 0.5
	case r < ' ':
		return 0
	case r >= '0' && r <= '9':
		return 1
	}
	return 0.9
}

// fitWidth is the column width that shows the longest of texts on one
// line, within [lo, hi].
func fitWidth(lo, hi float64, size float64, bold bool, texts ...string) float64 {
	w := lo
	for _, t := range texts {
		w = math.Max(w, textWidth(t, size, bold)+2)
	}
	return math.Round(math.Min(w, hi)*2) / 2
}

// wrapHeight estimates the height in points of text wrapped in a column
// of width units at size pt: Excel does not fit row heights when it
// opens a file. It errs on the tall side: a cut line is worse than a
// little space.
func wrapHeight(text string, width, size float64, bold bool) float64 {
	if text == "" {
		return 0
	}
	usable := math.Max(1, width-1.2) * 0.95
	lines := 0
	for _, part := range strings.Split(text, "\n") {
		lines += wrappedLines(part, usable, size, bold)
	}
	return float64(lines)*size*1.28 + 5
}

// wrappedLines counts the lines of one paragraph broken at spaces.
func wrappedLines(s string, width, size float64, bold bool) int {
	lines, cur := 1, 0.0
	sp := textWidth(" ", size, bold)
	for i, word := range strings.Fields(s) {
		w := textWidth(word, size, bold)
		switch {
		case i == 0:
			cur = w
		case cur+sp+w <= width:
			cur += sp + w
		default:
			lines++
			cur = w
		}
		for cur > width { // a word longer than the column is broken
			lines++
			cur -= width
		}
	}
	return lines
}

// defaultWidth is a column's width when the sheet does not set it.
const defaultWidth = 8.43

// spanWidth is the width of columns from to to (1-based, inclusive).
func spanWidth(cols []SheetColumn, from, to int) float64 {
	w := 0.0
	for c := from; c <= to; c++ {
		if c-1 < len(cols) && cols[c-1].Width > 0 {
			w += cols[c-1].Width
		} else {
			w += defaultWidth
		}
	}
	return w
}

// styleFont is the font size and weight the renderer gives a style, for
// estimating heights (internal/render/xlsx holds the same sizes).
func styleFont(st CellStyle) (size float64, bold bool) {
	size, bold = 11, st.Bold
	switch st.Role {
	case RoleTitle:
		size, bold = 14, true
	case RoleHeader:
		size, bold = 10, true
	case RoleTotal, RoleLabel:
		bold = true
	case RoleNote:
		size = 10
	}
	if st.Small {
		size = 9
	}
	return size, bold
}

// fitHeight is the height (pt) that shows every wrapped text cell of
// cells whole, at least least; merged cells are measured across spans
// (a cell starting an Area of merges).
func fitHeight(row int, cells []SheetCell, cols []SheetColumn, merges []Area, least float64) float64 {
	h := least
	for i, c := range cells {
		if !c.Style.Wrap || c.Text == "" {
			continue
		}
		col := i + 1
		width := spanWidth(cols, col, col)
		for _, m := range merges {
			if m.From.Row == row && m.From.Col == col {
				width = spanWidth(cols, col, m.To.Col)
			}
		}
		size, bold := styleFont(c.Style)
		h = math.Max(h, wrapHeight(c.Text, width, size, bold))
	}
	return math.Min(h, 409)
}

// maxSheetName is Excel's limit on a sheet name, in UTF-16 units.
const maxSheetName = 31

// sheetNamer gives each commune sheet a unique, valid name that keeps
// the commune's name as written, diacritics included ("Gio Mỹ"); two
// communes of one name get their district added ("Cam Thủy (Cam Lộ)"),
// and a name still taken a number ("Cam Thủy (2)"). Excel compares sheet
// names without case, so the names are compared folded.
type sheetNamer struct{ used map[string]bool }

func newSheetNamer(reserved ...string) *sheetNamer {
	n := &sheetNamer{used: map[string]bool{"history": true}} // Excel reserves "History"
	for _, r := range reserved {
		n.used[foldSheet(r)] = true
	}
	return n
}

// foldSheet is a sheet name as Excel compares it: without case.
func foldSheet(s string) string { return strings.ToLower(nfc(s)) }

// name returns the sheet name of commune c.
func (n *sheetNamer) name(c *plan.Commune) string {
	base := cleanSheetName(c.Name)
	if base == "" {
		base = cleanSheetName(c.ID)
	}
	if base == "" {
		base = "Xã"
	}
	cands := []string{clipWords(base, maxSheetName)}
	if d := cleanSheetName(c.District); d != "" {
		cands = append(cands, withSuffix(base, " ("+d+")"))
	}
	for _, s := range cands {
		if !n.used[foldSheet(s)] {
			n.used[foldSheet(s)] = true
			return s
		}
	}
	for i := 2; ; i++ {
		s := withSuffix(base, " ("+strconv.Itoa(i)+")")
		if !n.used[foldSheet(s)] {
			n.used[foldSheet(s)] = true
			return s
		}
	}
}

// cleanSheetName drops what a sheet name may not hold: []:*?/\ and
// control characters become spaces, spaces are collapsed, and a leading
// or trailing apostrophe is removed.
func cleanSheetName(s string) string {
	s = nfc(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	return strings.Trim(out, "' ")
}

// withSuffix appends suffix to base, shortening base so that the whole
// stays within the sheet-name limit.
func withSuffix(base, suffix string) string {
	room := maxSheetName - utf16Len(suffix)
	if room < 1 {
		return clipUTF16(suffix, maxSheetName)
	}
	return clipWords(base, room) + suffix
}

// clipWords shortens s to at most n UTF-16 units, at a space when one
// falls in the second half ("Hướng Lập thuộc vùng đặc biệt" rather than
// "Hướng Lập thuộc vùng đặc biệt k").
func clipWords(s string, n int) string {
	c := clipUTF16(s, n)
	if c == s || strings.HasPrefix(s[len(c):], " ") {
		return c
	}
	if i := strings.LastIndexByte(c, ' '); i > 0 && utf16Len(c[:i]) >= n/2 {
		return strings.TrimRight(c[:i], " '")
	}
	return c
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// clipUTF16 shortens s to at most n UTF-16 units, at a rune boundary.
func clipUTF16(s string, n int) string {
	used := 0
	for i, r := range s {
		if used+utf16.RuneLen(r) > n {
			return strings.TrimRight(s[:i], " '")
		}
		used += utf16.RuneLen(r)
	}
	return s
}

// regionLabel is "vùng Bắc Trung Bộ".
func regionLabel(r criteria.Region) string {
	if name, ok := criteria.RegionName[r]; ok {
		if r == criteria.Chung {
			return "chỉ tiêu chung cả nước"
		}
		return "vùng " + name
	}
	return "vùng " + string(r)
}

// upperFirst capitalises the first letter: "xã Thuận" → "Xã Thuận".
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
