package report

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/ntm-project/ntm/internal/criteria"
)

// The rows of "Tổng hợp": the title block, a blank row, the header, then
// one row per commune from sumFirst.
const (
	sumHeader = 5
	sumFirst  = 6
)

// critWidth is the width of a criterion's column on "Tổng hợp".
const critWidth = 8.5

// sumCols is the column layout of "Tổng hợp".
type sumCols struct {
	crit0    int   // the first criterion's column
	crits    []int // the criteria's numbers, in column order
	count    int   // "Số tiêu chí đạt"
	group    int   // "Nhóm"
	prev     int   // "Kỳ trước" (0 when there is no earlier period)
	change   int   // "Tăng, giảm"
	prevList int   // "Tiêu chí đạt kỳ trước"
	note     int   // "Ghi chú" for the clerk
	last     int
}

// The fixed columns of "Tổng hợp".
const (
	sumColTT = iota + 1
	sumColID
	sumColDistrict
	sumColName
	sumColStatus
	sumColTarget
	sumColYear
	sumColCrit0
)

func (w *wbuild) sumLayout() sumCols {
	l := sumCols{crit0: sumColCrit0}
	for _, c := range w.set.Criteria {
		l.crits = append(l.crits, c.Number)
	}
	col := l.crit0 + len(l.crits)
	l.count, l.group = col, col+1
	col += 2
	if w.hasPrev {
		l.prev, l.change = col, col+1
		col += 2
	}
	l.note = col
	l.last = col
	if w.hasPrev {
		// Last: a long list, and the key of the "lost" marks.
		l.prevList = col + 1
		l.last = l.prevList
	}
	return l
}

// summary is "Tổng hợp": one row per commune with its criteria, the
// count and group as formulas, the change against the previous period
// as a formula over "Lịch sử", and the totals under the table.
func (w *wbuild) summary() *Sheet {
	l := w.sumLayout()
	n := len(w.rows)
	lastRow := sumFirst + n - 1
	critArea := func(r int) string {
		return Area{Ref{r, l.crit0}, Ref{r, l.crit0 + len(l.crits) - 1}}.A1()
	}
	sh := &Sheet{
		Name:        SheetSummary,
		Freeze:      Ref{sumFirst, sumColStatus},
		Filter:      Area{Ref{sumHeader, 1}, Ref{lastRow, l.last}},
		PrintTitles: [2]int{sumHeader, sumHeader},
		PageHeader:  "Tổng hợp – " + w.per.Label(),
	}

	// Columns, fitted to the longest text of each.
	ids, districts, names := []string{"Mã xã"}, []string{"Huyện"}, []string{"Xã"}
	statuses, targets := map[string]bool{}, map[string]bool{}
	for _, r := range w.rows {
		ids, districts, names = append(ids, r.c.ID), append(districts, nfc(r.c.District)), append(names, nfc(r.c.Name))
		statuses[StatusLabel(r.c.Status)], targets[TargetLabel(r.c.Target)] = true, true
	}
	widths := map[int]float64{
		sumColTT: 5, sumColID: fitWidth(8, 18, 11, false, ids...), sumColDistrict: fitWidth(9, 22, 11, false, districts...),
		sumColName: fitWidth(9, 22, 11, false, names...), sumColStatus: fitWidth(12, 24, 11, false, keys(statuses)...),
		sumColTarget: fitWidth(10, 24, 11, false, keys(targets)...), sumColYear: 8,
		l.count: 9, l.group: fitWidth(12, 24, 11, false, wordNoForm, w.groups[len(w.groups)-1].g.Label(), w.groups[1].g.Label()),
		l.note: 30,
	}
	for i := range l.crits {
		widths[l.crit0+i] = critWidth
	}
	if w.hasPrev {
		// The longest list is every criterion's number.
		all := make([]string, len(l.crits))
		for i, n := range l.crits {
			all[i] = fmt.Sprint(n)
		}
		widths[l.prev], widths[l.change], widths[l.prevList] = 9, 8, fitWidth(20, 48, 9, false, strings.Join(all, ", "))
	}
	sh.Columns = columns(widths, l.last)

	title, merges := titleBlock(sh.Columns, l.last,
		"TỔNG HỢP KẾT QUẢ THỰC HIỆN "+upperVN(w.set.Name),
		"Kỳ đánh giá: "+periodText(w.per)+" – tỉnh "+nfc(w.p.Program.Province),
		"Các xã do "+w.agency()+" phụ trách, đỡ đầu theo "+w.planRef(false)+"; bộ tiêu chí ban hành kèm theo "+nfc(w.set.Decision)+"; "+w.regionsText()+".")
	sh.Merges = merges

	// Header: criteria read bottom to top in narrow columns.
	hdr := make([]SheetCell, l.last)
	for i, s := range []string{"TT", "Mã xã", "Huyện", "Xã", "Hiện trạng (khi ban hành kế hoạch)", "Mục tiêu", "Năm mục tiêu"} {
		hdr[i] = text(s, stHeader)
	}
	rot := CellStyle{Role: RoleHeader, Align: AlignCenter, Wrap: true, Rotate: true, Small: true}
	hdrHeight := 40.0
	for i, num := range l.crits {
		label := fmt.Sprintf("%d. %s", num, nfc(w.set.Criterion(num).Name))
		hdr[l.crit0-1+i] = text(label, rot)
		hdrHeight = math.Max(hdrHeight, rotatedHeight(label, widths[l.crit0+i], 9))
	}
	hdr[l.count-1] = text("Số tiêu chí đạt", stHeader)
	hdr[l.group-1] = text("Nhóm", stHeader)
	if w.hasPrev {
		hdr[l.prev-1] = text("Số tiêu chí đạt kỳ trước ("+w.prev.String()+")", stHeader)
		hdr[l.change-1] = text("Tăng, giảm", stHeader)
		hdr[l.prevList-1] = text("Tiêu chí đạt kỳ trước ("+w.prev.String()+")", stHeader)
	}
	hdr[l.note-1] = text("Ghi chú", stHeader)
	header := SheetRow{Num: sumHeader, Height: math.Min(hdrHeight, 170), Cells: hdr}

	hist := w.histLayout()
	// Wrapped: "Chưa đánh giá được" takes two lines of a narrow column.
	critStyle := CellStyle{Role: RoleBody, Align: AlignCenter, Small: true, Wrap: true}
	twoLines := wrapHeight(wordUndetermined, critWidth, 9, false)
	// One row's cells, reused from row to row (see Sheet.Rows).
	buf := make([]SheetCell, l.last)
	status := map[int]criteria.Status{} // the row's criteria, reused too
	// What every row's formulas share.
	groupFormula := w.groupFormulaFor()
	metWord := quoteText(wordMet)
	var prevArea, keyArea string
	if w.hasPrev {
		prevArea = QuoteSheet(SheetHistory) + "!" + hist.periodAreaAt(w.periodCol(w.prev)).Abs()
		keyArea = QuoteSheet(SheetHistory) + "!" + hist.keyArea().Abs()
	}
	row := func(i int) SheetRow {
		cr := w.rows[i]
		r := sumFirst + i
		cells := buf
		clear(cells)
		cells[sumColTT-1] = number(float64(i+1), stInt)
		cells[sumColID-1] = text(cr.c.ID, stText)
		cells[sumColDistrict-1] = text(cr.c.District, stText)
		cells[sumColName-1] = text(cr.c.Name, stText)
		cells[sumColStatus-1] = text(StatusLabel(cr.c.Status), stText)
		cells[sumColTarget-1] = text(TargetLabel(cr.c.Target), stText)
		if cr.c.TargetYear != 0 {
			cells[sumColYear-1] = number(float64(cr.c.TargetYear), CellStyle{Role: RoleBody, Align: AlignCenter})
		} else {
			cells[sumColYear-1] = blank(stText)
		}
		clear(status)
		if cr.e != nil {
			addCritStatus(status, cr.e)
		}
		height := 0.0
		for j, num := range l.crits {
			if st, ok := status[num]; ok {
				cells[l.crit0-1+j] = word(st.Label(), critStyle)
				if st == criteria.Undetermined {
					height = twoLines
				}
			} else {
				cells[l.crit0-1+j] = blank(critStyle)
			}
		}
		countRef := Ref{r, l.count}.A1()
		crits := critArea(r)
		countF := `IF(COUNTA(` + crits + `)=0,"",COUNTIF(` + crits + `,` + metWord + `))`
		groupF := groupFormula(countRef)
		if cr.e != nil {
			cells[l.count-1] = formulaNum(countF, float64(cr.e.Result.Met), stInt)
			cells[l.group-1] = formulaText(groupF, cr.e.Result.Group.Label(), stText)
		} else {
			cells[l.count-1] = formulaText(countF, "", stInt)
			cells[l.group-1] = formulaText(groupF, wordNoForm, stText)
		}
		if w.hasPrev {
			// By the commune's code, not by row: sorting this sheet
			// keeps every row's formula on its own commune.
			look := "INDEX(" + prevArea + ",MATCH($" + Ref{r, sumColID}.A1() + "," + keyArea + ",0))"
			prevF := `IFERROR(IF(` + look + `="","",` + look + `),"")`
			prevRef := Ref{r, l.prev}.A1()
			changeF := `IF(OR(` + countRef + `="",` + prevRef + `=""),"",` + countRef + `-` + prevRef + `)`
			chg := CellStyle{Role: RoleBody, Align: AlignCenter, Format: FormatChange}
			if cr.pe != nil {
				cells[l.prev-1] = formulaNum(prevF, float64(cr.pe.Result.Met), stInt)
				cells[l.prevList-1] = text(metList(cr.pe), CellStyle{Role: RoleBody, Small: true})
			} else {
				cells[l.prev-1] = formulaText(prevF, "", stInt)
				cells[l.prevList-1] = blank(stText)
			}
			if cr.pe != nil && cr.e != nil {
				cells[l.change-1] = formulaNum(changeF, float64(cr.e.Result.Met-cr.pe.Result.Met), chg)
			} else {
				cells[l.change-1] = formulaText(changeF, "", chg)
			}
		}
		cells[l.note-1] = blank(stText)
		return SheetRow{Num: r, Height: height, Cells: cells}
	}

	// Totals under the table, all formulas over the commune rows.
	totals, totalMerges := w.summaryTotals(l, lastRow)
	sh.Merges = append(sh.Merges, totalMerges...)
	sh.Rows = tableRows(slices.Concat(title, []SheetRow{header}), len(w.rows), row, totals)

	// Marks: a criterion lost since the previous period, then any
	// "Chưa đạt"; the change in red or green.
	body := func(col int) Area { return Area{Ref{sumFirst, col}, Ref{lastRow, col}} }
	if w.hasPrev {
		listRef := "$" + Ref{sumFirst, l.prevList}.A1()
		for j, num := range l.crits {
			a := body(l.crit0 + j)
			sh.Conditional = append(sh.Conditional, Conditional{Area: a, Mark: MarkLost,
				Formula: fmt.Sprintf(`AND(%s=%s,ISNUMBER(FIND(", %d,",", "&%s&",")))`, a.From.A1(), quoteText(wordNotMet), num, listRef)})
		}
	}
	crits := Area{Ref{sumFirst, l.crit0}, Ref{lastRow, l.crit0 + len(l.crits) - 1}}
	sh.Conditional = append(sh.Conditional,
		Conditional{Area: crits, Mark: MarkNotMet, Formula: fmt.Sprintf("%s=%s", crits.From.A1(), quoteText(wordNotMet))},
		Conditional{Area: crits, Mark: MarkMissing, Formula: fmt.Sprintf("%s=%s", crits.From.A1(), quoteText(wordUndetermined))})
	if w.hasPrev {
		c := body(l.change)
		sh.Conditional = append(sh.Conditional,
			Conditional{Area: c, Mark: MarkWorse, Formula: fmt.Sprintf("AND(ISNUMBER(%s),%s<0)", c.From.A1(), c.From.A1())},
			Conditional{Area: c, Mark: MarkBetter, Formula: fmt.Sprintf("AND(ISNUMBER(%s),%s>0)", c.From.A1(), c.From.A1())})
	}
	sh.Validations = []Validation{{
		Area: crits, List: []string{wordMet, wordNotMet, wordUndetermined},
		PromptTitle: "Kết quả tiêu chí", Prompt: "Chọn Đạt, Chưa đạt hoặc Chưa đánh giá được; số tiêu chí đạt, nhóm và các dòng tổng hợp tự tính lại.",
		ErrorTitle: "Giá trị không hợp lệ", Error: "Chỉ được chọn “Đạt”, “Chưa đạt” hoặc “Chưa đánh giá được”.",
	}}
	return sh
}

// summaryTotals is the block under the commune rows: communes meeting
// each criterion, communes per group, communes without a form, the
// number of communes and the average of criteria met.
func (w *wbuild) summaryTotals(l sumCols, lastRow int) ([]SheetRow, []Area) {
	var rows []SheetRow
	var merges []Area
	r := lastRow + 2
	col := func(c int) string { return Area{Ref{sumFirst, c}, Ref{lastRow, c}}.Abs() }
	// labelled is a row whose label spans the columns left of the
	// criteria, followed by values from the first criterion's column.
	labelled := func(lbl string, st CellStyle, values ...SheetCell) {
		cells := make([]SheetCell, l.crit0-1, l.crit0-1+len(values))
		cells[0] = text(lbl, st)
		for i := 1; i < len(cells); i++ {
			cells[i] = blank(st)
		}
		merges = append(merges, Area{Ref{r, 1}, Ref{r, l.crit0 - 1}})
		rows = append(rows, SheetRow{Num: r, Cells: append(cells, values...)})
		r++
	}
	totalInt := CellStyle{Role: RoleTotal, Align: AlignCenter, Format: FormatInteger}
	intSt := CellStyle{Role: RoleBody, Align: AlignCenter, Format: FormatInteger}

	// Communes meeting each criterion.
	metBy := map[int]int{}
	for _, cr := range w.rows {
		if cr.e != nil {
			for _, c := range cr.e.Result.Criteria {
				if c.Met {
					metBy[c.Criterion.Number]++
				}
			}
		}
	}
	perCrit := make([]SheetCell, len(l.crits))
	for j, num := range l.crits {
		perCrit[j] = formulaNum(fmt.Sprintf("COUNTIF(%s,%s)", col(l.crit0+j), quoteText(wordMet)), float64(metBy[num]), totalInt)
	}
	labelled("Số xã đạt từng tiêu chí", CellStyle{Role: RoleTotal}, perCrit...)
	r++

	rows = append(rows, SheetRow{Num: r, Cells: []SheetCell{text("Số xã theo nhóm và bình quân", stLabel)}})
	r++
	groupCount := map[string]int{}
	sum, returned := 0, 0
	for _, cr := range w.rows {
		if cr.e == nil {
			groupCount[wordNoForm]++
			continue
		}
		groupCount[cr.e.Result.Group.Label()]++
		sum += cr.e.Result.Met
		returned++
	}
	// Each group's label cell holds the word the "Nhóm" column shows,
	// which the formula beside it counts.
	for _, g := range w.groups {
		f := fmt.Sprintf("COUNTIF(%s,%s)", col(l.group), "$"+Ref{r, 1}.A1())
		labelled(g.g.Label(), stText, formulaNum(f, float64(groupCount[g.g.Label()]), intSt))
	}
	f := fmt.Sprintf("COUNTIF(%s,%s)", col(l.group), "$"+Ref{r, 1}.A1())
	labelled(wordNoForm, stText, formulaNum(f, float64(groupCount[wordNoForm]), intSt))
	labelled("Tổng số xã", CellStyle{Role: RoleTotal}, formulaNum(fmt.Sprintf("COUNTA(%s)", col(sumColName)), float64(len(w.rows)), totalInt))
	avgF := fmt.Sprintf(`IFERROR(AVERAGE(%s),"")`, col(l.count))
	dec := CellStyle{Role: RoleBody, Align: AlignCenter, Format: FormatDecimal, Decimals: 2}
	avg := formulaText(avgF, "", dec)
	if returned > 0 {
		avg = formulaNum(avgF, float64(sum)/float64(returned), dec)
	}
	labelled("Bình quân số tiêu chí đạt của một xã đã gửi biểu", stText, avg)
	r++
	note := "Ô tô đỏ nhạt: tiêu chí chưa đạt; ô tô đỏ đậm: tiêu chí đã đạt ở kỳ trước nhưng kỳ này chưa đạt; ô tô xám: chưa đánh giá được (chưa có mức đạt). " +
		"Số tiêu chí đạt, nhóm, tăng giảm và các dòng tổng hợp là công thức, tự tính lại khi sửa kết quả một tiêu chí."
	if !w.hasPrev {
		note = "Ô tô đỏ nhạt: tiêu chí chưa đạt; ô tô xám: chưa đánh giá được (chưa có mức đạt). Số tiêu chí đạt, nhóm và các dòng tổng hợp là công thức, tự tính lại khi sửa kết quả một tiêu chí."
	}
	rows = append(rows, SheetRow{Num: r, Cells: []SheetCell{text(note, stNote)}})
	return rows, merges
}

// columns lists widths for columns 1..last.
func columns(widths map[int]float64, last int) []SheetColumn {
	out := make([]SheetColumn, last)
	for c := 1; c <= last; c++ {
		out[c-1] = SheetColumn{Width: widths[c]}
	}
	return out
}

// rotatedHeight is the row height (pt) that shows label read bottom to
// top, wrapped across a column of width units at size pt.
func rotatedHeight(label string, width, size float64) float64 {
	lineH := size * 1.25
	lines := math.Max(1, math.Floor(width*5.25/lineH))
	// The text is broken at spaces into that many lines of equal length.
	words := strings.Fields(label)
	lo, hi := 10.0, 400.0
	for hi-lo > 2 {
		mid := (lo + hi) / 2
		if float64(wrappedLines(strings.Join(words, " "), mid/5.25, size, true)) <= lines {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi + 10
}

// keys is the sorted keys of a set of texts.
func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
