package pdf

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Agency names and signer titles in capitals are broken at a phrase
// boundary, with lines of even length: "SỞ NÔNG NGHIỆP VÀ / PHÁT TRIỂN
// NÔNG THÔN", "ỦY BAN NHÂN DÂN / HUYỆN HƯƠNG KHÊ", never "ỦY BAN NHÂN /
// DÂN HUYỆN HƯƠNG KHÊ". Vietnamese words are written syllable by
// syllable, so a space alone does not say where a word ends: the breaker
// knows the compounds that agency names are made of, the administrative
// levels that open a place name, and "VÀ", which joins two phrases.

// compounds are the words of several syllables common in agency names and
// titles; a name never breaks inside one.
var compounds = [][]string{
	{"ỦY", "BAN"}, {"UỶ", "BAN"}, {"NHÂN", "DÂN"}, {"HỘI", "ĐỒNG"}, {"NÔNG", "NGHIỆP"},
	{"PHÁT", "TRIỂN"}, {"NÔNG", "THÔN"}, {"THÔN", "MỚI"}, {"KẾ", "HOẠCH"}, {"ĐẦU", "TƯ"},
	{"TÀI", "CHÍNH"}, {"XÂY", "DỰNG"}, {"GIAO", "THÔNG"}, {"VẬN", "TẢI"}, {"TÀI", "NGUYÊN"},
	{"MÔI", "TRƯỜNG"}, {"VĂN", "HÓA"}, {"VĂN", "HOÁ"}, {"THỂ", "THAO"}, {"DU", "LỊCH"},
	{"GIÁO", "DỤC"}, {"ĐÀO", "TẠO"}, {"Y", "TẾ"}, {"LAO", "ĐỘNG"}, {"THƯƠNG", "BINH"},
	{"XÃ", "HỘI"}, {"KHOA", "HỌC"}, {"CÔNG", "NGHỆ"}, {"THÔNG", "TIN"}, {"TRUYỀN", "THÔNG"},
	{"CÔNG", "THƯƠNG"}, {"NỘI", "VỤ"}, {"TƯ", "PHÁP"}, {"NGOẠI", "VỤ"}, {"THANH", "TRA"},
	{"VĂN", "PHÒNG"}, {"CHỈ", "ĐẠO"}, {"CHƯƠNG", "TRÌNH"}, {"MỤC", "TIÊU"}, {"QUỐC", "GIA"},
	{"ĐIỀU", "PHỐI"}, {"TRUNG", "ƯƠNG"}, {"MẶT", "TRẬN"}, {"TỔ", "QUỐC"}, {"VIỆT", "NAM"},
	{"NÔNG", "DÂN"}, {"PHỤ", "NỮ"}, {"THANH", "NIÊN"}, {"CỰU", "CHIẾN", "BINH"}, {"QUẢN", "LÝ"},
	{"DỰ", "ÁN"}, {"THỦY", "LỢI"}, {"THUỶ", "LỢI"}, {"KIỂM", "LÂM"}, {"THỐNG", "KÊ"},
	{"GIÁM", "ĐỐC"}, {"CHỦ", "TỊCH"}, {"PHÓ", "CHỦ", "TỊCH"}, {"PHÓ", "GIÁM", "ĐỐC"},
	{"TRƯỞNG", "BAN"}, {"TRƯỞNG", "PHÒNG"}, {"CHÁNH", "VĂN", "PHÒNG"}, {"THƯỜNG", "TRỰC"},
	{"THỊ", "XÃ"}, {"THỊ", "TRẤN"}, {"THÀNH", "PHỐ"}, {"BAN", "CHỈ", "ĐẠO"},
	// Words of titles and reports.
	{"THỰC", "HIỆN"}, {"CÔNG", "TÁC"}, {"PHỤ", "TRÁCH"}, {"ĐỠ", "ĐẦU"}, {"KẾT", "QUẢ"},
	{"TIÊU", "CHÍ"}, {"CHỈ", "TIÊU"}, {"ĐÁNH", "GIÁ"}, {"BÁO", "CÁO"}, {"HỖ", "TRỢ"}, {"NÂNG", "CAO"},
	{"KIỂU", "MẪU"}, {"ĐẠT", "CHUẨN"}, {"GIAI", "ĐOẠN"}, {"THU", "NHẬP"}, {"HỘ", "NGHÈO"},
	{"CƠ", "SỞ"}, {"VẬT", "CHẤT"}, {"AN", "NINH"}, {"QUỐC", "PHÒNG"}, {"PHÁP", "LUẬT"},
	{"CHÍNH", "TRỊ"}, {"HỆ", "THỐNG"}, {"SẢN", "XUẤT"}, {"KINH", "TẾ"}, {"HẠ", "TẦNG"},
	{"TỔNG", "HỢP"}, {"NHIỆM", "VỤ"}, {"PHƯƠNG", "HƯỚNG"}, {"TRIỂN", "KHAI"},
}

// levels open a place name: a name breaks before them, and keeps them
// with the two syllables that follow ("HUYỆN HƯƠNG KHÊ").
var levels = [][]string{
	{"TỈNH"}, {"HUYỆN"}, {"XÃ"}, {"QUẬN"}, {"PHƯỜNG"}, {"THÀNH", "PHỐ"}, {"THỊ", "XÃ"}, {"THỊ", "TRẤN"}, {"TP."},
}

// Costs of a break between two words, in the units of the balance cost
// (100 = one line as long as the measure more than another).
const (
	costInside   = 1000 // inside a compound or a place name
	costDash     = 500  // beside the dash of "LAO ĐỘNG - THƯƠNG BINH"
	bonusComma   = -15  // "…, đỡ đầu / xây dựng …" after a comma or semicolon
	costInDate   = 200  // "ngày 25 / tháng 6 năm 2021"
	costBeforeVa = 25   // "… / VÀ …": the conjunction opens the line
	bonusAfterVa = -40  // "… VÀ / …"
	bonusLevel   = -15  // "… / HUYỆN HƯƠNG KHÊ"
)

// maxNameWords bounds the words of a name laid out by phrases (the
// search is cubic in them); a longer text is wrapped plainly.
const maxNameWords = 60

// dateWord are the words a number follows in a date or a reference.
var dateWord = map[string]bool{"NGÀY": true, "THÁNG": true, "NĂM": true, "SỐ": true}

// isNumber reports whether a word is a number or a document number
// ("25", "2021", "12/BC-UBND", "…/BC-SKH").
func isNumber(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r) || r == '…' || r == '.'
}

// breakCosts gives, for each gap between words i and i+1, the cost of a
// line break there.
func breakCosts(ws []string) []float64 {
	up := make([]string, len(ws))  // for matching: capitals, no final punctuation
	comma := make([]bool, len(ws)) // the word ends a clause
	for i, w := range ws {
		up[i] = strings.ToUpper(strings.TrimRight(w, ",;:.()"))
		comma[i] = strings.HasSuffix(w, ",") || strings.HasSuffix(w, ";")
	}
	cost := make([]float64, max(len(ws)-1, 0))
	match := func(i int, seq []string) bool {
		if i+len(seq) > len(up) {
			return false
		}
		for k, s := range seq {
			// A compound never spans a comma.
			if up[i+k] != s || (k < len(seq)-1 && comma[i+k]) {
				return false
			}
		}
		return true
	}
	for i := range up {
		for _, c := range compounds {
			if match(i, c) {
				for k := i; k < i+len(c)-1; k++ {
					cost[k] = max(cost[k], costInside)
				}
			}
		}
	}
	// startsCompound reports whether a compound other than a level starts
	// at i ("XÃ HỘI" is not the commune level "XÃ").
	startsCompound := func(i int) bool {
		for _, c := range compounds {
			if match(i, c) && !slices.ContainsFunc(levels, func(lv []string) bool { return slices.Equal(lv, c) }) {
				return true
			}
		}
		return false
	}
	for i := range up {
		if up[i] == "-" || up[i] == "–" {
			// A dash joins the names on either side of it.
			if i > 0 {
				cost[i-1] = max(cost[i-1], costDash)
			}
			if i < len(cost) {
				cost[i] = max(cost[i], costDash)
			}
		}
		for _, lv := range levels {
			if !match(i, lv) || startsCompound(i) {
				continue
			}
			if i > 0 && cost[i-1] < costInside {
				cost[i-1] += bonusLevel
			}
			// The level and a two-syllable place name stay together.
			for k := i; k < min(i+len(lv)+1, len(cost)); k++ {
				cost[k] = max(cost[k], costInside)
			}
		}
		if i < len(cost) && dateWord[up[i]] && isNumber(up[i+1]) {
			// "ngày 25", "tháng 6", "năm 2021", "số 12/BC-UBND" stay
			// together, and a date's parts with each other.
			cost[i] = max(cost[i], costInside)
		}
		if i < len(cost) && isNumber(up[i]) && dateWord[up[i+1]] && up[i+1] != "SỐ" {
			cost[i] = max(cost[i], costInDate)
		}
		if i < len(cost) && comma[i] && cost[i] < costInside {
			cost[i] += bonusComma
		}
		if up[i] == "VÀ" {
			if i > 0 && cost[i-1] < costInside {
				cost[i-1] += costBeforeVa
			}
			if i < len(cost) && cost[i] < costInside {
				cost[i] += bonusAfterVa
			}
		}
	}
	return cost
}

// breakName lays out a name in capitals in as few lines no wider than
// width as it can, breaking at the cheapest phrase boundaries with lines
// of even length. A "\n" in the name forces a break there. A piece wider
// than the measure by itself is cut (wrap's rule).
func (fs *fontSet) breakName(name string, f font, width float64) []line {
	lines, _ := fs.breakNameCost(name, f, width)
	return lines
}

// breakNameCost is breakName, and the cost of the breaks it made: 0 for
// phrase boundaries, costDash or more for a break it could not avoid.
func (fs *fontSet) breakNameCost(name string, f font, width float64) ([]line, float64) {
	var out []line
	total := 0.0
	for _, seg := range strings.Split(name, "\n") {
		ws := fs.tokens(seg, f)
		if len(ws) == 0 {
			continue
		}
		lines, c := fs.breakSegment(ws, f, width)
		out = append(out, lines...)
		total += c
	}
	return out, total
}

func (fs *fontSet) breakSegment(ws []word, f font, width float64) ([]line, float64) {
	space := fs.spaceMM(f.st, f.size)
	lineOf := func(a, b int) line {
		l := line{words: ws[a:b:b], more: b < len(ws)}
		for i, w := range l.words {
			if i > 0 {
				l.w += space
			}
			l.w += w.w
		}
		return l
	}
	whole := lineOf(0, len(ws))
	if whole.w <= width+1e-9 {
		return []line{whole}, 0
	}
	if len(ws) > maxNameWords {
		return fs.wrapWords(ws, f, width, 0, 0), costInside
	}
	for _, w := range ws {
		if w.w > width {
			return fs.wrapWords(ws, f, width, 0, 0), costInside
		}
	}
	texts := make([]string, len(ws))
	for i, w := range ws {
		texts[i] = w.s
	}
	cost := breakCosts(texts)
	n := len(ws)
	// As few lines as wrapping needs; among the ways to lay the words in
	// that many lines that fit, the one with the cheapest breaks and the
	// most even lines (each line's distance to the mean length costs in
	// proportion), by dynamic programming over (lines, words).
	k := len(fs.wrapWords(ws, f, width, 0, 0))
	mean := (whole.w - float64(k-1)*space) / float64(k)
	inf := math.Inf(1)
	dp := make([][]float64, k+1)
	from := make([][]int, k+1)
	for j := range dp {
		dp[j] = make([]float64, n+1)
		from[j] = make([]int, n+1)
		for i := range dp[j] {
			dp[j][i] = inf
		}
	}
	dp[0][0] = 0
	for j := 1; j <= k; j++ {
		for i := j; i <= n; i++ {
			for p := i - 1; p >= j-1; p-- {
				l := lineOf(p, i)
				if l.w > width+1e-9 {
					break
				}
				if dp[j-1][p] == inf {
					continue
				}
				c := dp[j-1][p] + 100*math.Abs(l.w-mean)/width
				if p > 0 {
					c += cost[p-1]
				}
				if c < dp[j][i] {
					dp[j][i], from[j][i] = c, p
				}
			}
		}
	}
	if dp[k][n] == inf {
		return fs.wrapWords(ws, f, width, 0, 0), costInside
	}
	out := make([]line, k)
	paid := 0.0
	for j, i := k, n; j > 0; j-- {
		p := from[j][i]
		out[j-1] = lineOf(p, i)
		if p > 0 {
			paid += max(cost[p-1], 0)
		}
		i = p
	}
	return out, paid
}
