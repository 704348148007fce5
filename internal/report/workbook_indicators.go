package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/evaluate"
)

const (
	indColTT = iota + 1
	indColID
	indColDistrict
	indColName
	indColKey
	indColShort
	indCol0
)

// thresholdKey names the thresholds a commune was judged against: its
// region's code ("BTB") for the period's set, "qd318-2022/BTB" for a
// commune judged against another set.
type thresholdKey struct {
	set    *criteria.Set
	region criteria.Region
}

func (w *wbuild) keyText(k thresholdKey) string {
	if k.set == w.set {
		return string(k.region)
	}
	return k.set.ID + "/" + string(k.region)
}

func (w *wbuild) keyOf(r communeRow) thresholdKey {
	if r.e != nil {
		return thresholdKey{r.e.Set, r.e.Region}
	}
	return thresholdKey{w.set, evaluate.RegionOf(w.p, r.c)}
}

// indicators is "Chỉ tiêu": one row per commune and one column per
// indicator of the period's set, values as numbers, with the thresholds
// of each region used above the table and a conditional format marking
// every value short of its commune's threshold.
func (w *wbuild) indicators() *Sheet {
	n := len(w.rows)
	lastCol := indCol0 + len(w.inds) - 1
	year := w.per.Year

	// The thresholds used, one row each, the plan's region first.
	var keys []thresholdKey
	seen := map[thresholdKey]bool{}
	add := func(k thresholdKey) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	add(thresholdKey{w.set, criteria.Region(w.p.Program.Region)})
	for _, r := range w.rows {
		add(w.keyOf(r))
	}
	th0 := 4
	thLast := th0 + len(keys) - 1
	hdrRow := thLast + 1
	first, last := hdrRow+1, hdrRow+n

	sh := &Sheet{
		Name:        SheetIndicators,
		Freeze:      Ref{first, indCol0},
		Filter:      Area{Ref{hdrRow, 1}, Ref{last, lastCol}},
		PrintTitles: [2]int{hdrRow, hdrRow},
		PageHeader:  "Chỉ tiêu – " + w.per.Label(),
	}
	ids, districts, names := []string{"Mã xã"}, []string{"Huyện"}, []string{"Xã"}
	keyTexts := []string{"Vùng"}
	for _, r := range w.rows {
		ids, districts, names = append(ids, r.c.ID), append(districts, nfc(r.c.District)), append(names, nfc(r.c.Name))
	}
	for _, k := range keys {
		keyTexts = append(keyTexts, w.keyText(k))
	}
	widths := map[int]float64{indColTT: 5, indColID: fitWidth(8, 18, 11, false, ids...), indColDistrict: fitWidth(9, 22, 11, false, districts...),
		indColName: fitWidth(9, 22, 11, false, names...), indColKey: fitWidth(7, 24, 11, false, keyTexts...), indColShort: 10}
	for i := range w.inds {
		widths[indCol0+i] = 12
	}
	sh.Columns = columns(widths, lastCol)

	// The title spans the columns on the first screen, not all 50.
	titleCols := min(lastCol, indCol0+7)
	title, merges := titleBlock(sh.Columns, titleCols,
		"KẾT QUẢ CÁC CHỈ TIÊU CỦA TỪNG XÃ SO VỚI CHỈ TIÊU THEO VÙNG",
		"Kỳ đánh giá: "+periodText(w.per)+" – "+nfc(w.set.Name)+" ("+w.set.ID+")")
	sh.Merges = merges
	note := SheetRow{Num: 3, Cells: []SheetCell{text("Ô tô đỏ: chưa đạt chỉ tiêu của vùng áp dụng cho xã (các dòng chỉ tiêu theo vùng ở trên); ô tô xám: chưa có kết quả (tính là chưa đạt). Tỷ lệ ghi theo %, thu nhập theo triệu đồng/người/năm.", stNote)}}

	thStyle := CellStyle{Role: RoleThreshold, Align: AlignCenter}
	var thRows []SheetRow
	for i, k := range keys {
		r := th0 + i
		lbl := "Chỉ tiêu " + regionLabel(k.region)
		if k.set != w.set {
			lbl += " (" + k.set.ID + ")"
		}
		cells := []SheetCell{text(lbl, CellStyle{Role: RoleThreshold}), blank(thStyle), blank(thStyle), blank(thStyle),
			text(w.keyText(k), thStyle), blank(thStyle)}
		for _, ind := range w.inds {
			own := ind
			if k.set != w.set {
				own = k.set.Indicator(ind.ID)
			}
			if own == nil {
				cells = append(cells, blank(thStyle))
				continue
			}
			th, ok := own.Threshold(k.region, year)
			if !ok {
				cells = append(cells, blank(thStyle))
				continue
			}
			cells = append(cells, thresholdCell(own, th, thStyle))
		}
		m := Area{Ref{r, 1}, Ref{r, indColName}}
		// "Do UBND tỉnh quy định" wraps in its column.
		thRows = append(thRows, SheetRow{Num: r, Height: fitHeight(r, cells, sh.Columns, []Area{m}, 0), Cells: cells})
		sh.Merges = append(sh.Merges, m)
	}

	hdr := []SheetCell{text("TT", stHeader), text("Mã xã", stHeader), text("Huyện", stHeader), text("Xã", stHeader),
		text("Vùng", stHeader), text("Số chỉ tiêu chưa đạt", stHeader)}
	small := CellStyle{Role: RoleHeader, Align: AlignCenter, Wrap: true, Small: true}
	for _, ind := range w.inds {
		hdr = append(hdr, text(indicatorLabel(ind), small))
	}
	header := SheetRow{Num: hdrRow, Height: fitHeight(hdrRow, hdr, sh.Columns, nil, 45), Cells: hdr}

	valStyle := CellStyle{Role: RoleBody, Align: AlignCenter}
	buf := make([]SheetCell, 0, lastCol) // reused from row to row (see Sheet.Rows)
	row := func(j int) SheetRow {
		cr := w.rows[j]
		cells := buf[:0]
		cells = append(cells, number(float64(j+1), stInt), text(cr.c.ID, stText), text(cr.c.District, stText), text(cr.c.Name, stText),
			text(w.keyText(w.keyOf(cr)), stCenter))
		if cr.e == nil {
			cells = append(cells, blank(stInt))
			for range w.inds {
				cells = append(cells, blank(valStyle))
			}
			return SheetRow{Num: first + j, Cells: cells}
		}
		results := indicatorResults(cr.e, w.set, w.inds)
		short := 0
		for _, c := range cr.e.Result.Criteria {
			for _, ir := range c.Indicators {
				if !ir.Met {
					short++
				}
			}
		}
		cells = append(cells, number(float64(short), stInt))
		for _, ir := range results {
			if ir == nil || !ir.Has {
				cells = append(cells, blank(valStyle))
				continue
			}
			cells = append(cells, valueCell(ir.Indicator, ir.Value, valStyle))
		}
		return SheetRow{Num: first + j, Cells: cells}
	}
	sh.Rows = tableRows(slices.Concat(title, []SheetRow{note}, thRows, []SheetRow{header}), len(w.rows), row, nil)

	// One rule per indicator: the value against the threshold row of the
	// commune's key, looked up by the key in the row (so that sorting
	// keeps it right); a blank value of a commune that sent a form grey.
	keyCol := "$" + ColumnName(indColKey)
	keyArea := Area{Ref{th0, indColKey}, Ref{thLast, indColKey}}.Abs()
	all := Area{Ref{first, indCol0}, Ref{last, lastCol}}
	sh.Conditional = append(sh.Conditional, Conditional{Area: all, Mark: MarkMissing,
		Formula: fmt.Sprintf("AND(ISNUMBER($%s),ISBLANK(%s))", Ref{first, indColShort}.A1(), all.From.A1())})
	for i, ind := range w.inds {
		c := indCol0 + i
		cell := Ref{first, c}.A1()
		thr := fmt.Sprintf("INDEX(%s,MATCH(%s%d,%s,0))", Area{Ref{th0, c}, Ref{thLast, c}}.Abs(), keyCol, first, keyArea)
		sh.Conditional = append(sh.Conditional, Conditional{
			Area: Area{Ref{first, c}, Ref{last, c}}, Mark: MarkNotMet, Formula: notMetFormula(ind, cell, thr),
		})
	}
	return sh
}

// indicatorResults lines e's results up with inds, the period's set's
// indicators (nil where e's set has no such indicator).
func indicatorResults(e *evaluate.Evaluation, set *criteria.Set, inds []*criteria.Indicator) []*criteria.IndicatorResult {
	out := make([]*criteria.IndicatorResult, len(inds))
	if e.Set == set {
		i := 0
		for ci := range e.Result.Criteria {
			for ii := range e.Result.Criteria[ci].Indicators {
				if i < len(out) {
					out[i] = &e.Result.Criteria[ci].Indicators[ii]
				}
				i++
			}
		}
		return out
	}
	byID := map[string]*criteria.IndicatorResult{}
	for ci := range e.Result.Criteria {
		for ii := range e.Result.Criteria[ci].Indicators {
			ir := &e.Result.Criteria[ci].Indicators[ii]
			byID[ir.Indicator.ID] = ir
		}
	}
	for i, ind := range inds {
		out[i] = byID[ind.ID]
	}
	return out
}

// indicatorLabel is an indicator's column header: "2.2. Tỷ lệ … (%)".
func indicatorLabel(ind *criteria.Indicator) string {
	s := ind.ID + ". " + nfc(ind.Text)
	// "(triệu đồng/người)" in the text already says "triệu đồng/người/năm".
	if u := nfc(ind.Unit); u != "" && !strings.Contains(s, "("+strings.SplitN(u, "/", 2)[0]) {
		s += " (" + u + ")"
	}
	return s
}

// valueCell is an indicator's value as the spreadsheet keeps it: a
// verdict as "Đạt"/"Chưa đạt", a percentage as a fraction shown with %,
// money in triệu đồng and other measures with one decimal, a count as a
// whole number.
func valueCell(ind *criteria.Indicator, v float64, st CellStyle) SheetCell {
	switch ind.Kind {
	case criteria.KindBool:
		return word(verdictWord(v >= 0.5), st)
	case criteria.KindPercent:
		st.Format, st.Decimals = FormatPercent, 1
		return number(v/100, st)
	case criteria.KindZero:
		st.Format = FormatInteger
	default:
		st.Format, st.Decimals = FormatDecimal, 1
	}
	return number(v, st)
}

// valueScale is what valueCell multiplies a value by.
func valueScale(ind *criteria.Indicator) float64 {
	if ind.Kind == criteria.KindPercent {
		return 0.01
	}
	return 1
}

// thresholdCell is a threshold as a number (in the value's scale) whose
// format shows its comparison: "≥70%", "≤24,2%", "≥36", "Không", or the
// text "Đạt".
func thresholdCell(ind *criteria.Indicator, th criteria.Threshold, st CellStyle) SheetCell {
	if !th.Judgeable() {
		st.Wrap = true
		return text(thresholdText(ind, th), st) // "Do UBND tỉnh quy định", "Chưa có mức đạt"
	}
	switch ind.Kind {
	case criteria.KindBool:
		return text(wordMet, st)
	case criteria.KindZero:
		st.Format = FormatNone
		return number(th.Value, st)
	}
	st.Prefix = map[criteria.Op]string{criteria.GE: "≥", criteria.LE: "≤"}[ind.Op]
	st.Decimals = decimalsOf(th.Value)
	if ind.Kind == criteria.KindPercent {
		st.Format = FormatPercent
		return number(th.Value/100, st)
	}
	st.Format = FormatDecimal
	return number(th.Value, st)
}

// decimalsOf is the decimals v needs, at most 2: 70 → 0, 24.2 → 1.
func decimalsOf(v float64) int {
	for d := 0; d < 2; d++ {
		p := math.Pow(10, float64(d))
		if math.Abs(v*p-math.Round(v*p)) < 1e-9 {
			return d
		}
	}
	return 2
}

// notMetFormula is true when cell falls short of thr under the
// indicator's comparison, with criteria.Epsilon's tolerance in the
// cell's scale, so that the mark and the program's verdict agree.
// A threshold without a figure ("Do UBND tỉnh quy định") is text, and
// marks nothing: the evaluation cannot judge against it either.
func notMetFormula(ind *criteria.Indicator, cell, thr string) string {
	if ind.Kind == criteria.KindBool {
		return fmt.Sprintf("AND(%s=%s,%s=%s)", cell, quoteText(wordNotMet), thr, quoteText(wordMet))
	}
	eps := strconv.FormatFloat(criteria.Epsilon*valueScale(ind), 'f', -1, 64)
	// IF, not AND: AND would compute the comparison with a text
	// threshold too, and fail.
	both := fmt.Sprintf("AND(ISNUMBER(%s),ISNUMBER(%s))", cell, thr)
	switch ind.Op {
	case criteria.GE:
		return fmt.Sprintf("IF(%s,%s<%s-%s,FALSE)", both, cell, thr, eps)
	case criteria.LE:
		return fmt.Sprintf("IF(%s,%s>%s+%s,FALSE)", both, cell, thr, eps)
	}
	return fmt.Sprintf("IF(%s,ABS(%s-%s)>%s,FALSE)", both, cell, thr, eps)
}
