package assess

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/ntm-project/ntm/internal/criteria"
)

var (
	reDottedID   = regexp.MustCompile(`^\d{1,2}(\.\d{1,2}){1,2}[a-z]?$`)
	reColNum     = regexp.MustCompile(`^[(\[]?(\d{1,2}|[A-Z])[)\]]?$`)
	reLeadID     = regexp.MustCompile(`^(\d{1,2}(?:[.,]\d{1,2}){1,2})\s*[.):\-–—]?\s*`)
	reLeadLetter = regexp.MustCompile(`^([a-zđ])\s*[).]\s*`)
	reGroup      = regexp.MustCompile(`^(?:tieu chi (?:so )?)?(\d{1,2}) ?(.*)$`)
	excelErrs    = map[string]bool{"#DIV/0!": true, "#N/A": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true}
)

// normTT cleans a TT cell: "2.1." → "2.1", "2,1" → "2.1", "1.1000000000000001" → "1.1".
func normTT(s string) string {
	if len(s) > 40 {
		return ""
	}
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	s = strings.TrimRight(s, ".")
	s = strings.ReplaceAll(s, ",", ".")
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i > 6 {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			s = strconv.FormatFloat(roundSig(v), 'f', -1, 64)
		}
	}
	return s
}

// setIndex is what the reader needs of a set to recognise its rows, built
// once per set.
type setIndex struct {
	inds     map[string]*criteria.Indicator
	order    []string
	crit     map[int]*criteria.Criterion
	critName map[int]string // folded criterion names
	words    map[string][]string
	dotted   int // indicators whose ID is not a criterion number
}

var setIndexes sync.Map // *criteria.Set → *setIndex

func indexOf(set *criteria.Set) *setIndex {
	if x, ok := setIndexes.Load(set); ok {
		return x.(*setIndex)
	}
	x := &setIndex{inds: map[string]*criteria.Indicator{}, crit: map[int]*criteria.Criterion{}, critName: map[int]string{}, words: map[string][]string{}}
	for _, c := range set.Criteria {
		if c == nil {
			continue
		}
		x.crit[c.Number] = c
		x.critName[c.Number] = fold(c.Name)
		for _, ind := range c.Indicators {
			if ind == nil {
				continue
			}
			x.inds[ind.ID] = ind
			x.order = append(x.order, ind.ID)
			x.words[ind.ID] = wordsOf(ind.Text)
			if ind.ID != strconv.Itoa(c.Number) {
				x.dotted++
			}
		}
	}
	v, _ := setIndexes.LoadOrStore(set, x)
	return v.(*setIndex)
}

// tableEnd is the row after the table: the "Tổng số tiêu chí đạt" footer
// or a second table header, else the row after the last.
func (rd *reader) tableEnd() int {
	g := rd.g
	keyCols := []int{1, 2, 3, rd.hdr.cols[colTT], rd.hdr.cols[colID]}
	for r := rd.hdr.last + 1; r <= g.maxRow; r++ {
		w := g.width(r)
		for c := 1; c <= w; c++ {
			if !g.maybeLabel(r, c) || g.merged(r, c) {
				continue
			}
			// Only a text starting with T ("Tổng số …", and "Tæng" in
			// TCVN3) can be the footer: fold no other.
			if v := g.cellAt(rc{r, c}).v; v[0] != 'T' && v[0] != 't' || !strings.HasPrefix(fold(clip(v, 8)), "tong") {
				continue
			}
			f := g.folded(r, c)
			if strings.HasPrefix(f, "tong so tieu chi") || strings.HasPrefix(f, "tong so chi tieu") || strings.HasPrefix(f, "tong cong tieu chi") {
				return r
			}
		}
		// A second table: its TT or Mã chỉ tiêu label in one of the
		// first columns or the TT column.
		for _, c := range keyCols {
			if c == 0 || c > w || !g.maybeLabel(r, c) || g.merged(r, c) || len(g.cellAt(rc{r, c}).v) > 24 {
				continue
			}
			if v := g.cellAt(rc{r, c}).v; strings.IndexByte("TtSsMmCc", v[0]) < 0 {
				continue // not "TT", "STT", "Mã chỉ tiêu", "Chỉ tiêu số"
			}
			if k := keyOf(foldLabel(g.str(r, c))); k == colTT || k == colID {
				if _, ok := headerBlock(g, r); ok {
					return r
				}
			}
		}
	}
	return g.maxRow + 1
}

// bodyStart is the first row after the header, past a row numbering the
// columns ("(1) (2) (3)…").
func (rd *reader) bodyStart() int {
	g := rd.g
	start := rd.hdr.last + 1
	for r := start; r <= g.maxRow && r <= start+1; r++ {
		w := g.width(r)
		if w == 0 {
			continue
		}
		n, all := 0, true
		for c := 1; c <= w; c++ {
			if g.anchor(r, c).r != r {
				continue
			}
			s := g.str(r, c)
			if s == "" {
				continue
			}
			n++
			if !reColNum.MatchString(s) {
				all = false
			}
		}
		if all && n >= 3 {
			start = r + 1
		}
		break
	}
	return start
}

// ownText is the text of (r, c) when the cell is not a copy of a merge
// from a row above.
func (g *grid) ownText(r, c int) string {
	if c <= 0 || g.anchor(r, c).r != r {
		return ""
	}
	return g.str(r, c)
}

func (rd *reader) readBody() {
	g, h, set := rd.g, &rd.hdr, rd.set
	x := indexOf(set)
	start, end := rd.bodyStart(), rd.end
	rd.a.Values = make([]Value, 0, len(x.order))

	// A "Chỉ tiêu" column holds indicator numbers or thresholds: look.
	if c := h.ambID; c > 0 && h.cols[colID] == 0 {
		ids, n := 0, 0
		for r := start; r < end && n < 80; r++ {
			if s := g.ownText(r, c); s != "" {
				n++
				if v := normTT(s); x.inds[v] != nil || reDottedID.MatchString(v) {
					ids++
				}
			}
		}
		if n > 0 && ids*2 >= n {
			h.cols[colID] = c
			if h.cols[colThreshold] == c {
				h.cols[colThreshold] = 0
			}
		}
	}
	// A running STT (1, 2, 3 … 49) is never an indicator number.
	ttCol := h.cols[colTT]
	if ttCol > 0 && rd.runningSTT(ttCol, start, end, x) {
		ttCol = 0
	}
	textCol := h.cols[colText]
	if textCol == 0 {
		textCol = h.cols[colName]
	}
	seen := make(map[string]int, len(x.order)) // ID → row
	critSeen := map[int]bool{}
	curCrit := 0
	dotted := 0
	for r := start; r < end; r++ {
		if g.width(r) == 0 {
			continue
		}
		var ind *criteria.Indicator
		idCell := 0
		// 1–2: the number in the indicator or TT column.
		for _, c := range []int{h.cols[colID], ttCol} {
			if c == 0 || ind != nil {
				continue
			}
			s := g.ownText(r, c)
			if s == "" {
				continue
			}
			v := normTT(s)
			if got := x.inds[v]; got != nil {
				ind, idCell = got, c
				break
			}
			if n, err := strconv.Atoi(v); err == nil && x.crit[n] != nil {
				curCrit = n
				critSeen[n] = true
				continue
			}
			if reDottedID.MatchString(v) {
				rd.probs.Warn(g.pos(r, c), "mã chỉ tiêu %q không có trong bộ tiêu chí %s; dòng này bị bỏ qua", v, set.ID)
				ind, idCell = nil, -1
				break
			}
		}
		if idCell < 0 {
			continue
		}
		// 3–4: the number at the start of the content, or its wording.
		if ind == nil && textCol > 0 {
			if s := g.ownText(r, textCol); s != "" {
				var skip bool
				ind, skip = rd.fromText(r, textCol, s, curCrit, x, critSeen, &curCrit)
				if skip {
					continue
				}
			}
		}
		if ind == nil {
			continue
		}
		tt := ind.ID
		if idCell > 0 && seen[tt] != 0 && g.isNumberCell(g.anchor(r, idCell)) {
			// A numeric TT loses trailing zeros: 17.10 reads 17.1.
			if alt := x.inds[tt+"0"]; alt != nil && seen[tt+"0"] == 0 {
				tt, ind = tt+"0", alt
			}
		}
		if prev := seen[tt]; prev != 0 {
			cell := idCell
			if cell <= 0 {
				cell = textCol
			}
			rd.probs.Add(g.pos(r, cell), "chỉ tiêu %s bị lặp: đã có ở dòng %d; mỗi chỉ tiêu chỉ ghi một dòng", tt, prev)
			continue
		}
		seen[tt] = r
		curCrit = ind.Criterion
		if tt != strconv.Itoa(ind.Criterion) {
			dotted++
		}
		rd.a.Values = append(rd.a.Values, rd.readValue(r, ind))
	}
	rd.found = len(rd.a.Values)
	if dotted == 0 && x.dotted > 0 && len(critSeen)+len(rd.a.Values) >= max(1, len(x.crit)/2) {
		rd.found = 0
		rd.refused = true
		rd.probs = nil
		rd.probs.Add(rd.sheetPos(), "biểu chỉ có %d tiêu chí và kết quả tự đánh giá của từng tiêu chí, không có các chỉ tiêu (1.1, 1.2, 2.1 …): ntm cần kết quả từng chỉ tiêu để đối chiếu với mức đạt chuẩn của vùng; hãy điền biểu tự đánh giá do Sở gửi (tạo bằng lệnh ntm init, có đủ %d chỉ tiêu của bộ tiêu chí %s) rồi gửi lại",
			len(critSeen)+len(rd.a.Values), len(x.order), set.ID)
		return
	}
	var missing []string
	for _, id := range x.order {
		if seen[id] == 0 {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		list := strings.Join(missing, ", ")
		if len(missing) > 20 {
			list = strings.Join(missing[:20], ", ") + ", …"
		}
		rd.probs.Add(rd.sheetPos(), "thiếu dòng của %d chỉ tiêu thuộc bộ tiêu chí %s: %s", len(missing), set.ID, list)
	}
	blank := len(rd.a.Values) > 0
	for _, v := range rd.a.Values {
		if v.Raw != "" || v.SelfRaw != "" || v.Has {
			blank = false
			break
		}
	}
	rd.a.Blank = blank && rd.filled == 0
}

// runningSTT reports whether the TT column is a running number (1, 2, 3
// … more than the set has criteria, with no dotted indicator number).
func (rd *reader) runningSTT(c, start, end int, x *setIndex) bool {
	g := rd.g
	var ints []int
	for r := start; r < end; r++ {
		s := g.ownText(r, c)
		if s == "" {
			continue
		}
		v := normTT(s)
		if strings.Contains(v, ".") {
			return false
		}
		if n, err := strconv.Atoi(v); err == nil {
			ints = append(ints, n)
		}
	}
	if len(ints) <= len(x.crit) {
		return false
	}
	steps := 0
	for i := 1; i < len(ints); i++ {
		if ints[i] == ints[i-1]+1 {
			steps++
		}
	}
	return steps*10 >= (len(ints)-1)*9
}

// fromText recognises an indicator row by its content cell: a number at
// its start ("1.1. Có quy hoạch", "a)"), else its wording. skip is true
// for a row that is a criterion's heading or names an unknown number.
func (rd *reader) fromText(r, c int, s string, crit int, x *setIndex, critSeen map[int]bool, curCrit *int) (*criteria.Indicator, bool) {
	g := rd.g
	if m := reLeadID.FindStringSubmatch(s); m != nil && strings.ContainsAny(m[1], ".,") {
		v := normTT(m[1])
		if ind := x.inds[v]; ind != nil {
			return ind, false
		}
		if reDottedID.MatchString(v) {
			rd.probs.Warn(g.pos(r, c), "mã chỉ tiêu %q (đầu nội dung) không có trong bộ tiêu chí %s; dòng này bị bỏ qua", v, rd.set.ID)
			return nil, true
		}
	}
	f := g.folded(r, c)
	if m := reGroup.FindStringSubmatch(f); m != nil {
		if n, _ := strconv.Atoi(m[1]); x.crit[n] != nil {
			name := x.critName[n]
			if m[2] == "" || strings.HasPrefix(m[2], name) || strings.HasPrefix(name, m[2]) || strings.HasPrefix(f, "tieu chi") {
				*curCrit = n
				critSeen[n] = true
				return nil, true
			}
		}
	}
	if m := reLeadLetter.FindStringSubmatch(s); m != nil && crit > 0 && x.crit[crit] != nil {
		// a) b) c) d) đ) e) g) in Vietnamese lists, a) … e) f) in
		// others: an "đ)" met in the criterion says which.
		if m[1] == "đ" {
			rd.viLetters = crit
		}
		order := "abcdefghijklmnopqrstuvwxyz"
		if rd.viLetters == crit {
			order = "abcdđeghiklmnopqrstuvxy"
		}
		k := 0
		for _, ch := range order {
			if string(ch) == m[1] {
				break
			}
			k++
		}
		if inds := x.crit[crit].Indicators; k < len(inds) && inds[k] != nil {
			return inds[k], false
		}
	}
	// The wording, against the criterion's indicators when it is known.
	body := s
	if m := reLeadID.FindStringIndex(s); m != nil {
		body = s[m[1]:]
	} else if m := reLeadLetter.FindStringIndex(s); m != nil {
		body = s[m[1]:]
	}
	ind, exact := matchWording(body, crit, x)
	if ind == nil {
		return nil, false
	}
	if !exact {
		rd.probs.Warn(g.pos(r, c), "dòng không ghi mã chỉ tiêu; ntm nhận là chỉ tiêu %s theo nội dung “%s”, gần giống “%s”", ind.ID, clip(s, 60), clip(ind.Text, 60))
	}
	return ind, false
}

// The usual abbreviations of the criteria's wording.
var abbrev = map[string]string{
	"tl": "ty le", "bq": "binh quan", "hs": "hoc sinh", "htx": "hop tac xa", "thcs": "trung hoc co so",
	"thpt": "trung hoc pho thong", "mn": "mam non", "ubnd": "uy ban nhan dan", "nvh": "nha van hoa",
	"vsmt": "ve sinh moi truong", "attp": "an toan thuc pham", "antt": "an ninh trat tu", "bhyt": "bao hiem y te",
	"ctr": "chat thai ran", "csvc": "co so vat chat", "tdtt": "the duc the thao", "ntm": "nong thon moi",
	"sx": "san xuat", "nn": "nong nghiep", "ld": "lao dong", "vl": "viec lam", "ht": "he thong", "pl": "phap luat",
	"cc": "cong chuc", "cb": "can bo", "kt": "kinh te", "xh": "xa hoi", "hgd": "ho gia dinh", "vh": "van hoa",
	"gd": "giao duc", "yt": "y te", "dvt": "don vi tinh", "tw": "trung uong", "qd": "quyet dinh", "hvs": "hop ve sinh",
}

// wordsOf is the folded words of a wording, abbreviations spelled out.
func wordsOf(s string) []string {
	var out []string
	for _, w := range strings.Fields(fold(s)) {
		if e, ok := abbrev[w]; ok {
			out = append(out, strings.Fields(e)...)
			continue
		}
		out = append(out, w)
	}
	return out
}

// matchWording finds the indicator whose wording the text gives: the
// same words (exact), or clearly more alike than any other (Dice ≥ 0,6
// and 0,1 ahead of the next).
func matchWording(s string, crit int, x *setIndex) (*criteria.Indicator, bool) {
	ws := wordsOf(s)
	if len(ws) < 2 || len(ws) > 120 {
		return nil, false
	}
	var pool []*criteria.Indicator
	if c := x.crit[crit]; c != nil {
		pool = c.Indicators
	} else {
		for _, id := range x.order {
			pool = append(pool, x.inds[id])
		}
	}
	set := make(map[string]bool, len(ws))
	for _, w := range ws {
		set[w] = true
	}
	var best, second float64
	var bestInd *criteria.Indicator
	for _, ind := range pool {
		if ind == nil {
			continue
		}
		iw := x.words[ind.ID]
		if strings.Join(iw, " ") == strings.Join(ws, " ") {
			return ind, true
		}
		common := 0
		uniq := make(map[string]bool, len(iw))
		for _, w := range iw {
			if !uniq[w] {
				uniq[w] = true
				if set[w] {
					common++
				}
			}
		}
		d := 2 * float64(common) / float64(len(set)+len(uniq))
		switch {
		case d > best:
			second, best, bestInd = best, d, ind
		case d > second:
			second = d
		}
	}
	if best >= 0.6 && best-second >= 0.1 {
		return bestInd, false
	}
	return nil, false
}

// formulaText names a formula in a message: “=F17+5.5”, or "công thức
// dùng chung" for the cells of a shared formula, which carry no text.
func formulaText(f string) string {
	if f == "" {
		return "ô có công thức (dùng chung với ô khác)"
	}
	return "công thức “=" + clip(f, 80) + "”"
}

func (rd *reader) readValue(r int, ind *criteria.Indicator) Value {
	g, h := rd.g, rd.hdr
	v := Value{IndicatorID: ind.ID}
	// The commune's own verdict first: a yes/no indicator may be answered
	// there only.
	if c := h.cols[colSelf]; c > 0 {
		selfPos := g.pos(r, c)
		v.SelfCell = g.cell(r, c)
		s, err := g.text(r, c)
		switch {
		case err != nil:
			rd.filled++
			rd.probs.Add(selfPos, msgLegacy+" (tự đánh giá chỉ tiêu %s)", err, ind.ID)
		case s == "":
			if f, ok := g.formula(g.anchor(r, c)); ok {
				rd.filled++
				rd.probs.Add(selfPos, "%s chưa có giá trị đã tính; mở tệp bằng Excel, lưu lại rồi gửi lại (tự đánh giá chỉ tiêu %s)", formulaText(f), ind.ID)
			}
		default:
			v.SelfRaw = clip(s, 200)
			if met, ok := ParseVerdict(s); ok {
				v.Self = &met
			} else {
				rd.probs.Add(selfPos, "tự đánh giá %q không hợp lệ (chỉ tiêu %s, cần “Đạt” hoặc “Chưa đạt”, hoặc để trống)", clip(s, 60), ind.ID)
			}
		}
	}
	fromVerdict := func() bool {
		if ind.Kind != criteria.KindBool || v.Self == nil {
			return false
		}
		v.Has, v.FromVerdict, v.Num = true, true, 0
		if *v.Self {
			v.Num = 1
		}
		return true
	}
	resCol := h.cols[colResult]
	res := g.anchor(r, resCol)
	pos := g.pos(r, resCol)
	v.Cell = g.cell(r, resCol)
	need := func() string { return fmt.Sprintf("chỉ tiêu %s, cần %s", ind.ID, kindNeed(ind.Kind)) }
	raw, err := g.text(r, resCol)
	switch {
	case err != nil:
		rd.filled++
		rd.probs.Add(pos, msgLegacy+" (chỉ tiêu %s)", err, ind.ID)
	case raw == "":
		if f, ok := g.formula(res); ok {
			rd.filled++
			rd.probs.Add(pos, "%s chưa có giá trị đã tính; mở tệp bằng Excel, lưu lại rồi gửi lại (chỉ tiêu %s)", formulaText(f), ind.ID)
			break
		}
		fromVerdict()
	case excelErrs[strings.ToUpper(raw)]:
		v.Raw = raw
		rd.probs.Add(pos, "ô có lỗi công thức %q (%s)", raw, need())
	default:
		v.Raw = clip(raw, 200)
		pct := ind.Kind == criteria.KindPercent && !strings.HasSuffix(raw, "%") &&
			g.isNumberCell(res) && g.isPercentFormat(res)
		num, err := ParseValue(raw, ind.Kind, pct)
		if err != nil {
			if fromVerdict() {
				break // a description: the verdict answers
			}
			rd.probs.Add(pos, "%v (%s)", err, need())
			break
		}
		v.Num, v.Has = num, true
		if pct {
			v.Raw = strconv.FormatFloat(num, 'f', -1, 64) + "%"
		}
	}
	other := func(col int, what string) string {
		if col == 0 {
			return ""
		}
		s, err := g.text(r, col)
		if err != nil {
			rd.probs.Add(g.pos(r, col), msgLegacy+" (%s chỉ tiêu %s)", err, what, ind.ID)
		}
		return clip(s, 1000)
	}
	v.Prev = other(h.cols[colPrev], "kết quả kỳ trước")
	v.Note = other(h.cols[colNote], "ghi chú")
	return v
}
