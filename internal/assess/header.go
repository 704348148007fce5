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
	"ten tieu chi": colName, "tieu chi": colName,
	"noi dung chi tieu": colText, "noi dung": colText, "ten chi tieu": colText, "noi dung tieu chi": colText, "chi tieu cu the": colText,
	"don vi": colUnit, "don vi tinh": colUnit, "dvt": colUnit,
	"chi tieu theo vung": colThreshold, "chi tieu": colThreshold, "chi tieu dat chuan": colThreshold, "chi tieu chung": colThreshold, "muc dat chuan": colThreshold, "yeu cau dat chuan": colThreshold,
	"ket qua ky truoc": colPrev, "ky truoc": colPrev,
	"ket qua ky nay": colResult, "ket qua thuc hien": colResult, "ket qua": colResult, "hien trang": colResult, "ky nay": colResult, "ket qua thuc hien ky nay": colResult,
	"tu danh gia": colSelf, "danh gia": colSelf, "tu danh gia cua xa": colSelf, "xa tu danh gia": colSelf, "ket qua tu danh gia": colSelf, "muc do dat": colSelf,
	"ghi chu minh chung": colNote, "ghi chu": colNote, "minh chung": colNote, "tai lieu minh chung": colNote,
}

var parens = regexp.MustCompile(`\([^)]*\)`)

// colKey tells which table column a header label names, or -1.
func colKey(label string) int {
	f := fold(parens.ReplaceAllString(label, " "))
	if f == "" {
		return -1
	}
	if k, ok := colSynonyms[f]; ok {
		return k
	}
	switch {
	case strings.Contains(f, "ky nay"):
		return colResult
	case strings.Contains(f, "ky truoc"):
		return colPrev
	}
	return -1
}

// header is the located table header.
type header struct {
	row  int        // last header row
	cols [nCols]int // 1-based column of each key, 0 when absent
}

// matchRow maps the labels of one row (or of two stacked rows) to columns.
func matchRow(g *grid, r int, twoLevel bool) (h header, ok bool) {
	h.row = r
	width := len(g.rows[r])
	if twoLevel {
		h.row = r + 1
		if n := len(g.rows[r+1]); n > width {
			width = n
		}
	}
	for c := 1; c <= width; c++ {
		label := g.str(r, c)
		if twoLevel {
			if a := g.anchor(r+1, c); a.r > r {
				if low := g.str(r+1, c); low != "" && low != label {
					label = strings.TrimSpace(label + " " + low)
				}
			}
		}
		k := colKey(label)
		if k >= 0 && h.cols[k] == 0 {
			h.cols[k] = c
		}
	}
	return h, h.cols[colTT] > 0 && h.cols[colResult] > 0
}

// findHeader finds the first row holding at least the TT and Kết quả kỳ
// này labels; a second header row below it (e.g. "Kỳ trước" / "Kỳ này"
// under a merged "Kết quả") is folded in.
func findHeader(g *grid) (header, bool) {
	for r := 1; r <= g.maxRow; r++ {
		if _, ok := g.rows[r]; !ok {
			continue
		}
		h, ok := matchRow(g, r, false)
		if !ok {
			continue
		}
		// Sub-header row: a label cell below that is not a copy of row r.
		sub := false
		for c := 1; c <= len(g.rows[r+1]); c++ {
			if a := g.anchor(r+1, c); a.r > r && colKey(g.str(r+1, c)) >= 0 {
				sub = true
				break
			}
		}
		if sub {
			if h2, ok2 := matchRow(g, r, true); ok2 {
				return h2, true
			}
		}
		return h, true
	}
	return header{}, false
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
}

// labelNames are the labels as the form prints them (for messages).
var labelNames = [nLabels]string{"Xã:", "Huyện:", "Kỳ đánh giá:", "Bộ tiêu chí:", "Vùng:", "Người lập:", "Ngày lập:"}

// labelCell is where a header label and its value were found.
type labelCell struct {
	found      bool
	label, val rc // val.r == 0 when there is no value
	text       string
	err        error
}

// findLabels looks for the header labels in the rows above the table.
func findLabels(g *grid, above int) [nLabels]labelCell {
	var out [nLabels]labelCell
	for r := 1; r < above; r++ {
		row := g.rows[r]
		for c := 1; c <= len(row); c++ {
			if g.merged(r, c) {
				continue
			}
			s := g.str(r, c)
			if s == "" {
				continue
			}
			head, tail, colon := strings.Cut(s, ":")
			k, ok := labelSynonyms[fold(head)]
			if !ok || out[k].found {
				continue
			}
			lc := labelCell{found: true, label: rc{r, c}}
			if tail = strings.TrimSpace(tail); colon && tail != "" {
				lc.val, lc.text = rc{r, c}, tail
				out[k] = lc
				continue
			}
			for c2 := c + 1; c2 <= len(row); c2++ {
				if a := g.anchor(r, c2); a == (rc{r, c}) {
					continue
				}
				t, err := g.text(r, c2)
				if t == "" && err == nil {
					continue
				}
				h, _, _ := strings.Cut(t, ":")
				if _, isLabel := labelSynonyms[fold(h)]; err == nil && isLabel {
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
