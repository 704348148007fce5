package assess

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/ntm-project/ntm/internal/criteria"
)

// Table column keys.
const (
	colTT = iota
	colID // the indicator's number in its own column ("Mã chỉ tiêu")
	colName
	colText
	colUnit
	colThreshold
	colPrev
	colResult
	colSelf
	colNote
	nCols
)

// colSynonyms are the folded header labels of each column.
var colSynonyms = map[string]int{
	"tt": colTT, "stt": colTT, "so tt": colTT, "thu tu": colTT, "so thu tu": colTT,
	"ma chi tieu": colID, "chi tieu so": colID, "so hieu chi tieu": colID, "ma so": colID, "ma so chi tieu": colID, "so chi tieu": colID, "ma": colID,
	"ten tieu chi": colName, "tieu chi": colName,
	"noi dung chi tieu": colText, "noi dung": colText, "ten chi tieu": colText, "noi dung tieu chi": colText, "chi tieu cu the": colText,
	"noi dung tieu chi chi tieu": colText, "tieu chi chi tieu": colText, "ten tieu chi chi tieu": colText, "noi dung danh gia": colText,
	"don vi": colUnit, "don vi tinh": colUnit, "dvt": colUnit,
	"chi tieu theo vung": colThreshold, "chi tieu": colThreshold, "chi tieu dat chuan": colThreshold, "chi tieu chung": colThreshold,
	"muc dat chuan": colThreshold, "yeu cau dat chuan": colThreshold, "yeu cau": colThreshold, "chuan": colThreshold, "muc chuan": colThreshold,
	"chi tieu phai dat": colThreshold, "chi tieu theo quy dinh": colThreshold, "nguong": colThreshold,
	"ket qua ky truoc": colPrev, "ky truoc": colPrev,
	"ket qua ky nay": colResult, "ket qua thuc hien": colResult, "ket qua": colResult, "hien trang": colResult, "ky nay": colResult,
	"ket qua thuc hien ky nay": colResult, "ket qua dat duoc": colResult, "thuc hien": colResult, "uoc thuc hien": colResult,
	"tu danh gia": colSelf, "danh gia": colSelf, "tu danh gia cua xa": colSelf, "xa tu danh gia": colSelf, "ket qua tu danh gia": colSelf,
	"muc do dat": colSelf, "ket qua danh gia": colSelf, "dat chua dat": colSelf,
	"ghi chu minh chung": colNote, "ghi chu": colNote, "minh chung": colNote, "tai lieu minh chung": colNote,
}

// colKey tells which table column a header label names, or -1;
// parentheses are dropped ("Tự đánh giá (Đạt/Chưa đạt)").
func colKey(label string) int { return keyOf(foldLabel(label)) }

// keyOf is colKey of a folded label.
func keyOf(f string) int {
	if f == "" || len(f) > 120 {
		return -1
	}
	if k, ok := colSynonyms[f]; ok {
		return k
	}
	switch {
	case strings.Contains(f, "tu danh gia"), strings.HasPrefix(f, "danh gia"), strings.HasPrefix(f, "ket qua danh gia"):
		return colSelf
	case strings.Contains(f, "ky truoc"), strings.Contains(f, "nam truoc"):
		return colPrev
	case strings.HasPrefix(f, "ket qua"), strings.HasPrefix(f, "thuc hien"), strings.HasPrefix(f, "uoc thuc hien"),
		strings.HasPrefix(f, "uoc th "), strings.HasPrefix(f, "hien trang"), strings.Contains(f, "ky nay"):
		return colResult
	case strings.HasPrefix(f, "ghi chu"):
		return colNote
	case strings.HasPrefix(f, "noi dung"):
		return colText
	case strings.HasPrefix(f, "chi tieu theo"), strings.HasPrefix(f, "chi tieu dat"), strings.HasPrefix(f, "muc dat"):
		return colThreshold
	}
	return -1
}

// foldLabel folds a header label with its parentheses dropped.
func foldLabel(s string) string {
	if strings.IndexByte(s, '(') >= 0 {
		var b strings.Builder
		depth := 0
		for _, r := range s {
			switch {
			case r == '(':
				depth++
				b.WriteByte(' ')
			case r == ')' && depth > 0:
				depth--
			case depth == 0:
				b.WriteRune(r)
			}
		}
		s = b.String()
	}
	return fold(s)
}

// resultCol is one column that may hold this period's results.
type resultCol struct {
	col   int
	label string // as printed, the levels joined with " / "
	cell  rc     // the header cell naming it (lowest level)
	tag   colTag
	per   criteria.Period
}

type colTag uint8

const (
	tagNone    colTag = iota
	tagCurrent        // "kỳ này", "ước thực hiện"
	tagPeriod         // names a period or a date
)

// header is the located table header.
type header struct {
	row     int        // first header row
	last    int        // last header row
	cols    [nCols]int // 1-based column of each key, 0 when absent
	labels  [nCols]string
	results []resultCol // candidates for colResult, in column order
	ambID   int         // a "Chỉ tiêu" column that may hold IDs or thresholds
}

// headerBlock reads the header starting at row r, over its levels:
// cells merged down from r, or a row of sub-labels under a merged label.
func headerBlock(g *grid, r int) (h header, ok bool) {
	h.row, h.last = r, r
	width := g.width(r)
	// Levels: merged-down cells of r, then sub-label rows.
	for c := 1; c <= width; c++ {
		for k := 1; k <= 2; k++ {
			if g.anchor(r+k, c) == (rc{r, c}) && g.str(r, c) != "" {
				h.last = max(h.last, r+k)
			}
		}
	}
	for k := h.last + 1; k <= r+2 && k <= g.maxRow; k++ {
		if !subHeaderRow(g, r, k) {
			break
		}
		h.last = k
	}
	for k := r + 1; k <= h.last; k++ {
		width = max(width, g.width(k))
	}
	for c := 1; c <= width; c++ {
		var parts []string
		var prev rc
		leaf := rc{}
		for k := r; k <= h.last; k++ {
			a := g.anchor(k, c)
			if a.r < r || a == prev {
				continue
			}
			prev = a
			if s := g.str(a.r, a.c); s != "" {
				parts = append(parts, s)
				leaf = a
			}
		}
		if len(parts) == 0 {
			continue
		}
		label := strings.Join(parts, " / ")
		f := foldLabel(strings.Join(parts, " "))
		// The most specific level names the column ("Kỳ này" under
		// "Kết quả và tự đánh giá"); a period under a merged "Kết quả
		// thực hiện" takes its parent's name.
		k := -1
		for from := len(parts) - 1; from >= 0 && k < 0; from-- {
			k = keyOf(foldLabel(strings.Join(parts[from:], " ")))
		}
		if k < 0 {
			continue
		}
		if k == colResult {
			rcand := resultCol{col: c, label: label, cell: leaf}
			rcand.tag, rcand.per = tagOf(f)
			h.results = append(h.results, rcand)
			continue
		}
		if k == colThreshold && f == "chi tieu" && h.ambID == 0 {
			h.ambID = c
		}
		if h.cols[k] == 0 {
			h.cols[k], h.labels[k] = c, label
		}
	}
	if len(h.results) == 1 {
		h.cols[colResult] = h.results[0].col
	}
	ok = len(h.results) > 0 && (h.cols[colTT] > 0 || h.cols[colID] > 0 || h.cols[colText] > 0 || h.ambID > 0)
	return h, ok
}

// subHeaderRow reports whether row k continues the header begun at row
// r: it has a label (a column name, or a period or "kỳ này") in a cell of
// its own, and no indicator number in its first cells.
func subHeaderRow(g *grid, r, k int) bool {
	found := false
	for c := 1; c <= g.width(k); c++ {
		a := g.anchor(k, c)
		if a.r != k {
			continue
		}
		f := g.folded(k, c)
		if f == "" {
			continue
		}
		if reDottedID.MatchString(normTT(g.str(k, c))) || reColNum.MatchString(g.str(k, c)) {
			return false
		}
		if keyOf(foldLabel(g.str(k, c))) >= 0 {
			found = true
			continue
		}
		if t, _ := tagOf(f); t != tagNone {
			found = true
			continue
		}
		return false
	}
	return found
}

var (
	reDate   = regexp.MustCompile(`(?:^| )(\d{1,2}) (\d{1,2}) (\d{4})(?: |$)`)
	reMonthY = regexp.MustCompile(`(?:^| )thang (\d{1,2}) (?:nam )?(\d{4})(?: |$)`)
)

// tagOf reads what period a folded result label names.
func tagOf(f string) (colTag, criteria.Period) {
	if p, ok := parsePeriodText(f); ok {
		return tagPeriod, p
	}
	if m := reDate.FindStringSubmatch(f); m != nil {
		month, _ := strconv.Atoi(m[2])
		year, _ := strconv.Atoi(m[3])
		if month >= 1 && month <= 12 && year >= 1900 && year <= 9999 {
			h := criteria.H1
			if month > 6 {
				h = criteria.H2
			}
			return tagPeriod, criteria.Period{Year: year, Half: h}
		}
	}
	if m := reMonthY.FindStringSubmatch(f); m != nil {
		month, _ := strconv.Atoi(m[1])
		year, _ := strconv.Atoi(m[2])
		if month >= 1 && month <= 12 && year >= 1900 && year <= 9999 {
			h := criteria.H1
			if month > 6 {
				h = criteria.H2
			}
			return tagPeriod, criteria.Period{Year: year, Half: h}
		}
	}
	for _, w := range []string{"ky nay", "uoc thuc hien", "uoc th", "hien tai", "den nay", "thoi diem danh gia"} {
		if strings.Contains(f, w) {
			return tagCurrent, criteria.Period{}
		}
	}
	return tagNone, criteria.Period{}
}

// findHeaders finds the table headers of a sheet: the first row holding
// an indicator column (TT, Mã chỉ tiêu or Nội dung) and a result column.
func findHeader(g *grid, from int) (header, bool) {
	for r := from; r <= g.maxRow; r++ {
		if g.width(r) == 0 || !rowHasKey(g, r) {
			continue
		}
		if h, ok := headerBlock(g, r); ok {
			return h, true
		}
	}
	return header{}, false
}

// rowHasKey is a quick test: some cell of row r is a column label.
func rowHasKey(g *grid, r int) bool {
	for c := 1; c <= g.width(r); c++ {
		if g.merged(r, c) && g.anchor(r, c).r != r || !g.maybeLabel(r, c) || len(g.cellAt(g.anchor(r, c)).v) > 64 {
			continue // labels are short: titles and instructions are not folded
		}
		if f := g.folded(r, c); f != "" && len(f) < 60 {
			if k := keyOf(foldLabel(g.str(r, c))); k == colTT || k == colID || k == colResult {
				return true
			}
		}
	}
	return false
}

// Header label keys.
const (
	lblCommune = iota
	lblDistrict
	lblPeriod
	lblSet
	lblRegion
	lblFilledBy
	lblFilledOn
	lblCommuneID
	nLabels
)

var labelSynonyms = map[string]int{
	"xa": lblCommune, "ten xa": lblCommune,
	"huyen": lblDistrict, "ten huyen": lblDistrict,
	"ky danh gia": lblPeriod, "ky bao cao": lblPeriod,
	"bo tieu chi": lblSet, "ma bo tieu chi": lblSet,
	"vung": lblRegion, "vung mien": lblRegion,
	"nguoi lap": lblFilledBy, "nguoi lap bieu": lblFilledBy, "nguoi dien": lblFilledBy,
	"ngay lap": lblFilledOn, "ngay lap bieu": lblFilledOn, "ngay dien": lblFilledOn,
	"ma xa": lblCommuneID, "ma xa khong sua": lblCommuneID, "ma don vi": lblCommuneID,
}

// labelNames are the labels as the form prints them (for messages).
var labelNames = [nLabels]string{"Xã:", "Huyện:", "Kỳ đánh giá:", "Bộ tiêu chí:", "Vùng:", "Người lập:", "Ngày lập:", "Mã xã:"}

// labelCell is where a header label and its value were found.
type labelCell struct {
	found      bool
	label, val rc // val.r == 0 when there is no value
	text       string
	err        error
}

// labelOf tells which label a cell's text starts with, with the text
// after its colon.
func labelOf(s string) (k int, tail string, colon, ok bool) {
	head, tail, colon := strings.Cut(s, ":")
	if len(head) > 40 {
		return 0, "", false, false
	}
	k, ok = labelSynonyms[foldLabel(head)]
	if !ok || k < 0 {
		return 0, "", false, false
	}
	return k, strings.TrimSpace(tail), colon, true
}

// findLabels looks for the header labels in the rows above the table.
func findLabels(g *grid, above int) [nLabels]labelCell {
	var out [nLabels]labelCell
	for r := 1; r < above; r++ {
		w := g.width(r)
		for c := 1; c <= w; c++ {
			if g.merged(r, c) {
				continue
			}
			s := g.str(r, c)
			if s == "" {
				continue
			}
			k, tail, colon, ok := labelOf(s)
			if !ok || out[k].found {
				continue
			}
			lc := labelCell{found: true, label: rc{r, c}}
			if colon && tail != "" {
				lc.val, lc.text = rc{r, c}, tail
				out[k] = lc
				continue
			}
			for c2 := c + 1; c2 <= w; c2++ {
				if a := g.anchor(r, c2); a == (rc{r, c}) {
					continue
				}
				t, err := g.text(r, c2)
				if t == "" && err == nil {
					continue
				}
				if _, _, _, isLabel := labelOf(t); err == nil && isLabel {
					break // the next label on the same row: no value
				}
				lc.val, lc.text, lc.err = g.anchor(r, c2), t, err
				break
			}
			out[k] = lc
		}
	}
	return out
}

var (
	rePeriodCode  = regexp.MustCompile(`(?:^| )(\d{4}) h ?([12])(?: |$)`)
	rePeriodCode2 = regexp.MustCompile(`(?:^| )h ?([12]) (\d{4})(?: |$)`)
	rePeriodFirst = regexp.MustCompile(`6 thang (?:dau )?nam (\d{4})`)
	rePeriodLast  = regexp.MustCompile(`6 thang cuoi nam (\d{4})`)
	rePeriodYear  = regexp.MustCompile(`(?:^| )nam (\d{4})(?: |$)`)
)

// parsePeriodText reads "2021-H1" (with any trailing explanation),
// "6 tháng đầu năm 2021", "6 tháng cuối năm 2021" or "năm 2021" (= H2).
func parsePeriodText(s string) (criteria.Period, bool) {
	f := fold(s)
	mk := func(y string, h int) (criteria.Period, bool) {
		year, err := strconv.Atoi(y)
		if err != nil || year < 1900 || year > 9999 {
			return criteria.Period{}, false
		}
		return criteria.Period{Year: year, Half: criteria.Half(h)}, true
	}
	if m := rePeriodCode.FindStringSubmatch(f); m != nil {
		return mk(m[1], int(m[2][0]-'0'))
	}
	if m := rePeriodCode2.FindStringSubmatch(f); m != nil {
		return mk(m[2], int(m[1][0]-'0'))
	}
	if m := rePeriodLast.FindStringSubmatch(f); m != nil {
		return mk(m[1], 2)
	}
	if m := rePeriodFirst.FindStringSubmatch(f); m != nil {
		return mk(m[1], 1)
	}
	if m := rePeriodYear.FindStringSubmatch(f); m != nil {
		return mk(m[1], 2)
	}
	return criteria.Period{}, false
}

// parseRegion reads "BTB - Bắc Trung Bộ", "BTB" or "Bắc Trung Bộ" with
// the catalogue's one rule (criteria.ParseRegion).
func parseRegion(s string) (criteria.Region, bool) {
	r, err := criteria.ParseRegion(s)
	return r, err == nil
}
