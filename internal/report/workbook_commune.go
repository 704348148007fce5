package report

import (
	"fmt"
	"strings"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// The columns of a commune's sheet.
const (
	comColTT = iota + 1
	comColText
	comColUnit
	comColThreshold
	comColPrev
	comColValue
	comColVerdict
	comColSelf
	comColDiff
	comColNote
	comColSource
	comColLast = comColSource
)

var comWidths = map[int]float64{
	comColTT: 6, comColText: 50, comColUnit: 10, comColThreshold: 13, comColPrev: 11, comColValue: 11,
	comColVerdict: 10, comColSelf: 10, comColDiff: 24, comColNote: 30, comColSource: 24,
}

const comHeader = 5

// communeSheet is one commune's sheet: every indicator with its
// threshold for the commune's region, the value this period and last,
// the computed verdict, the commune's own, the discrepancy, its notes
// and the cell of its form the value was read from.
func (w *wbuild) communeSheet(cr *communeRow) *Sheet {
	c := cr.c
	e := cr.e
	set, region := w.set, evaluate.RegionOf(w.p, c)
	if e != nil {
		set, region = e.Set, e.Region
	}
	sh := &Sheet{
		Name:        cr.sheet,
		Columns:     columns(comWidths, comColLast),
		Freeze:      Ref{comHeader + 1, 1},
		PrintTitles: [2]int{comHeader, comHeader},
		PageHeader:  upperFirst(c.CommuneLabel()) + " – " + w.per.Label(),
	}
	sub := "Kỳ đánh giá: " + periodText(w.per)
	if w.hasPrev {
		sub += "; kỳ trước: " + w.prev.Label()
	}
	sub += "; " + regionLabel(region) + "; " + nfc(set.Name) + " (" + set.ID + ")."
	src := "Xã chưa gửi biểu tự đánh giá kỳ này."
	if e != nil && e.Result.Unusable != "" {
		sub += " Chưa đánh giá được theo bộ tiêu chí này: " + nfc(e.Result.Unusable) + "."
	}
	if e != nil {
		a := e.Assessment
		src = "Số liệu từ tệp " + a.File + ", trang tính “" + a.Sheet + "”"
		if a.FilledBy != "" {
			src += "; người lập: " + a.FilledBy
		}
		if a.FilledOn != "" {
			src += "; ngày lập: " + a.FilledOn
		}
		src += "."
	}
	title, merges := titleBlock(sh.Columns, comColLast,
		"KẾT QUẢ ĐÁNH GIÁ TIÊU CHÍ NÔNG THÔN MỚI CỦA "+upperVN(c.CommuneLabel())+", "+upperVN(c.DistrictLabel()), sub, src)
	sh.Merges = merges

	hdr := []SheetCell{}
	for _, s := range []string{"TT", "Nội dung tiêu chí, chỉ tiêu", "Đơn vị", "Chỉ tiêu " + regionLabel(region),
		"Kết quả kỳ trước", "Kết quả kỳ này", "Đánh giá (tính theo chỉ tiêu)", "Xã tự đánh giá", "Sai lệch",
		"Ghi chú, minh chứng của xã", "Ô số liệu trong biểu của xã"} {
		hdr = append(hdr, text(s, stHeader))
	}
	header := SheetRow{Num: comHeader, Height: fitHeight(comHeader, hdr, sh.Columns, nil, 30), Cells: hdr}

	values := map[string]int{} // indicator ID → index in the form's values
	var results map[string]*criteria.IndicatorResult
	discrepancies := map[string]*evaluate.Discrepancy{}
	if e != nil {
		for i, v := range e.Assessment.Values {
			values[v.IndicatorID] = i
		}
		results = resultsByID(e)
		for i := range e.Discrepancies {
			discrepancies[e.Discrepancies[i].IndicatorID] = &e.Discrepancies[i]
		}
	}
	var prevResults map[string]*criteria.IndicatorResult
	if cr.pe != nil {
		prevResults = resultsByID(cr.pe)
	}

	// The layout first (which row holds what), so that the rows
	// themselves are made only as the renderer streams them.
	group := CellStyle{Role: RoleGroup, Wrap: true}
	groupC := CellStyle{Role: RoleGroup, Align: AlignCenter, Wrap: true}
	verdictCol := ColumnName(comColVerdict)
	var critCells []string // the verdict cell of each criterion
	r := comHeader + 1
	for _, crit := range set.Criteria {
		critCells = append(critCells, fmt.Sprintf("%s%d", verdictCol, r))
		if !singleRow(crit) {
			r++
		}
		r += len(crit.Indicators)
	}
	lastBody, footRow := r-1, r
	sh.Merges = append(sh.Merges, Area{Ref{footRow, 1}, Ref{footRow, comColVerdict - 1}})

	unverified := false
	criterionRow := func(r int, crit *criteria.Criterion) SheetRow {
		a, b := r+1, r+len(crit.Indicators)
		cells := make([]SheetCell, 0, comColLast)
		cells = append(cells, text(fmt.Sprint(crit.Number), groupC), text(crit.Name, CellStyle{Role: RoleGroup, Wrap: true, Bold: true}),
			blank(group), blank(group), blank(group), blank(group))
		if e != nil {
			// Đạt when every indicator is, Chưa đạt when one is not,
			// else not judged: criteria.Evaluate's rule.
			rng := fmt.Sprintf("%s%d:%s%d", verdictCol, a, verdictCol, b)
			f := fmt.Sprintf(`IF(COUNTIF(%s,%s)=ROWS(%s),%s,IF(COUNTIF(%s,%s)>0,%s,%s))`, rng, quoteText(wordMet), rng, quoteText(wordMet),
				rng, quoteText(wordNotMet), quoteText(wordNotMet), quoteText(wordUndetermined))
			cells = append(cells, formulaText(f, criterionStatus(e, crit.Number).Label(), CellStyle{Role: RoleGroup, Align: AlignCenter, Bold: true}))
		} else {
			cells = append(cells, blank(groupC))
		}
		cells = append(cells, blank(group), blank(group), blank(group), blank(group))
		return SheetRow{Num: r, Height: fitHeight(r, cells, sh.Columns, nil, 18), Cells: cells}
	}
	indicatorRow := func(r int, crit *criteria.Criterion, ind *criteria.Indicator, single bool) SheetRow {
		st := CellStyle{Role: RoleBody, Wrap: true}
		stC := CellStyle{Role: RoleBody, Align: AlignCenter, Wrap: true}
		if single {
			st, stC = CellStyle{Role: RoleGroup, Wrap: true, Bold: true}, CellStyle{Role: RoleGroup, Align: AlignCenter, Wrap: true, Bold: true}
		}
		body := nfc(ind.Text)
		if single {
			body = nfc(crit.Name) + ": " + body
		}
		var ir *criteria.IndicatorResult
		if e != nil {
			ir = results[ind.ID]
		}
		th, ok := ind.Threshold(region, w.per.Year)
		verified := ind.VerifiedFor(region)
		if ir != nil {
			th, verified, ok = ir.Threshold, ir.Verified, true
		}
		thText := ""
		if ok {
			thText = thresholdText(ind, th)
		}
		if !verified && th.Judgeable() && ok {
			thText += " *"
			unverified = true
		}
		cells := make([]SheetCell, 0, comColLast)
		cells = append(cells, text(ind.ID, stC), text(body, st), text(ind.Unit, stC), text(thText, stC))
		if pr := prevResults[ind.ID]; pr != nil && pr.Has {
			cells = append(cells, valueCell(ind, pr.Value, stC))
		} else {
			cells = append(cells, blank(stC))
		}
		if ir != nil && ir.Has {
			cells = append(cells, valueCell(ind, ir.Value, stC))
		} else {
			cells = append(cells, blank(stC))
		}
		if ir != nil {
			cells = append(cells, word(ir.Status.Label(), stC))
		} else {
			cells = append(cells, blank(stC))
		}
		self, diff, note, source := "", "", "", ""
		if i, ok := values[ind.ID]; ok && e != nil {
			v := &e.Assessment.Values[i]
			self = v.SelfRaw
			if v.Self != nil {
				self = verdictWord(*v.Self)
			}
			note = v.Note
			source = sourceRef(e.Assessment.Pos(v.Cell))
		}
		if ir != nil {
			diff = discrepancy(ir, discrepancies[ind.ID])
		}
		// The commune's own words are never bold, even on a criterion's row.
		plain := CellStyle{Role: st.Role, Wrap: true}
		cells = append(cells, text(self, CellStyle{Role: st.Role, Align: AlignCenter, Wrap: true}), text(diff, plain), text(note, plain),
			text(source, CellStyle{Role: st.Role, Wrap: true, Small: true}))
		return SheetRow{Num: r, Height: fitHeight(r, cells, sh.Columns, nil, 18), Cells: cells}
	}
	footer := func() SheetRow {
		total := CellStyle{Role: RoleTotal}
		foot := []SheetCell{text("Tổng số tiêu chí đạt", CellStyle{Role: RoleTotal, Align: AlignRight})}
		for i := 1; i < comColVerdict-1; i++ {
			foot = append(foot, blank(total))
		}
		if e != nil {
			parts := make([]string, len(critCells))
			for i, cell := range critCells {
				parts[i] = fmt.Sprintf("COUNTIF(%s,%s)", cell, quoteText(wordMet))
			}
			foot = append(foot, formulaNum(strings.Join(parts, "+"), float64(e.Result.Met), CellStyle{Role: RoleTotal, Align: AlignCenter, Format: FormatInteger}))
		} else {
			foot = append(foot, blank(total))
		}
		foot = append(foot, text(fmt.Sprintf("/%d tiêu chí", len(set.Criteria)), total))
		return SheetRow{Num: footRow, Height: 20, Cells: foot}
	}

	verdicts := Area{Ref{comHeader + 1, comColVerdict}, Ref{lastBody, comColVerdict}}
	sh.Conditional = []Conditional{
		{Area: verdicts, Mark: MarkNotMet, Formula: verdicts.From.A1() + "=" + quoteText(wordNotMet)},
		{Area: verdicts, Mark: MarkMissing, Formula: verdicts.From.A1() + "=" + quoteText(wordUndetermined)},
	}
	sh.Rows = func(yield func(SheetRow) bool) {
		for _, row := range append(title, header) {
			if !yield(row) {
				return
			}
		}
		r := comHeader + 1
		for _, crit := range set.Criteria {
			single := singleRow(crit)
			if !single {
				if !yield(criterionRow(r, crit)) {
					return
				}
				r++
			}
			for _, ind := range crit.Indicators {
				if !yield(indicatorRow(r, crit, ind, single)) {
					return
				}
				r++
			}
		}
		if !yield(footer()) {
			return
		}
		if unverified {
			yield(SheetRow{Num: footRow + 2, Cells: []SheetCell{text("* Chỉ tiêu chưa đối chiếu được với văn bản quyết định; xem trang “"+SheetIssues+"”.", stNote)}})
		}
	}
	return sh
}

// singleRow reports a criterion with one indicator numbered as the
// criterion ("5"): one row stands for both.
func singleRow(c *criteria.Criterion) bool {
	return len(c.Indicators) == 1 && c.Indicators[0].ID == fmt.Sprint(c.Number)
}

func resultsByID(e *evaluate.Evaluation) map[string]*criteria.IndicatorResult {
	m := map[string]*criteria.IndicatorResult{}
	addResults(m, e)
	return m
}

// addResults puts e's indicator results in m by indicator ID.
func addResults(m map[string]*criteria.IndicatorResult, e *evaluate.Evaluation) {
	for ci := range e.Result.Criteria {
		for ii := range e.Result.Criteria[ci].Indicators {
			ir := &e.Result.Criteria[ci].Indicators[ii]
			m[ir.Indicator.ID] = ir
		}
	}
}

func criterionStatus(e *evaluate.Evaluation, n int) criteria.Status {
	for _, cr := range e.Result.Criteria {
		if cr.Criterion.Number == n {
			return cr.Status
		}
	}
	return criteria.NotMet
}

// discrepancy says where the commune's own verdict differs from the
// computed one (the evaluation's finding), that there is no value, or
// that the threshold has no figure to judge against.
func discrepancy(ir *criteria.IndicatorResult, d *evaluate.Discrepancy) string {
	switch {
	case !ir.Has && ir.Status == criteria.NotMet:
		return "Chưa có kết quả; tính là chưa đạt"
	case d != nil:
		return fmt.Sprintf("Xã tự đánh giá “%s”, kết quả tính được “%s”", verdictWord(d.Self), verdictWord(d.Computed))
	case ir.Status == criteria.Undetermined:
		return upperFirst(ir.Threshold.Gap.Reason())
	}
	return ""
}

// sourceRef is the cell a value was read from, as the clerk finds it:
// "thuan.xlsx!Tự đánh giá!G14" (a reference, not a link).
func sourceRef(p diag.Pos) string {
	if p.File == "" {
		return ""
	}
	s := base(p.File)
	if p.Sheet != "" {
		s += "!" + p.Sheet
		if p.Cell != "" {
			s += "!" + p.Cell
		}
	}
	return s
}

// thresholdText is a threshold as printed: its own text, or one made
// from the comparison and the value.
func thresholdText(ind *criteria.Indicator, t criteria.Threshold) string {
	if t.Text != "" {
		return nfc(t.Text)
	}
	switch ind.Kind {
	case criteria.KindBool:
		return wordMet
	case criteria.KindZero:
		return "Không"
	}
	op := map[criteria.Op]string{criteria.GE: "≥", criteria.LE: "≤"}[ind.Op]
	s := op + vnfmt.Number(t.Value, 6)
	if ind.Kind == criteria.KindPercent {
		s += "%"
	}
	return s
}
