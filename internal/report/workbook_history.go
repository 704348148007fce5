package report

import (
	"fmt"
	"math"
	"slices"

	"github.com/ntm-project/ntm/internal/criteria"
)

// histLayout is where "Lịch sử" puts its cells: "Tổng hợp" looks the
// previous period up there by the commune's code.
type histLayout struct {
	header, first, last int // rows
	periods             []int
	col0                int // the first period's column
}

const (
	histColTT = iota + 1
	histColID
	histColDistrict
	histColName
	histColPeriod0
)

func (w *wbuild) histLayout() histLayout {
	h := histLayout{header: 4, first: 5, col0: histColPeriod0}
	h.last = h.first + len(w.rows) - 1
	return h
}

func (h histLayout) keyArea() Area { return Area{Ref{h.first, histColID}, Ref{h.last, histColID}} }

// periodCol is the column of period p on "Lịch sử" (0 when p is not on file).
func (w *wbuild) periodCol(p criteria.Period) int {
	for i, q := range w.periods {
		if q == p {
			return histColPeriod0 + i
		}
	}
	return 0
}

func (h histLayout) periodAreaAt(col int) Area { return Area{Ref{h.first, col}, Ref{h.last, col}} }

// history is "Lịch sử": the criteria each commune met in every period on
// file up to this one, the communes per group in each period (formulas
// over those columns), and native charts of both.
func (w *wbuild) history() *Sheet {
	h := w.histLayout()
	np := len(w.periods)
	lastCol := histColPeriod0 + np - 1
	sh := &Sheet{
		Name:        SheetHistory,
		Freeze:      Ref{h.first, histColPeriod0},
		Filter:      Area{Ref{h.header, 1}, Ref{h.last, lastCol}},
		PrintTitles: [2]int{h.header, h.header},
		PageHeader:  "Lịch sử – đến " + w.per.Label(),
	}
	ids, districts, names := []string{"Mã xã"}, []string{"Huyện"}, []string{"Xã"}
	for _, r := range w.rows {
		ids, districts, names = append(ids, r.c.ID), append(districts, nfc(r.c.District)), append(names, nfc(r.c.Name))
	}
	widths := map[int]float64{histColTT: 5, histColID: fitWidth(8, 18, 11, false, ids...),
		histColDistrict: fitWidth(9, 22, 11, false, districts...), histColName: fitWidth(9, 22, 11, false, names...)}
	for i := range w.periods {
		widths[histColPeriod0+i] = 13
	}
	sh.Columns = columns(widths, lastCol)

	from := w.periods[0]
	sub := "Từ " + from.Label()
	if from == w.in.Outcome.Baseline {
		sub += " (kỳ gốc của kế hoạch)"
	}
	sub += " đến " + w.per.Label()
	title, merges := titleBlock(sh.Columns, max(lastCol, 6), "SỐ TIÊU CHÍ ĐẠT CỦA CÁC XÃ QUA CÁC KỲ ĐÁNH GIÁ", sub)
	sh.Merges = merges

	hdr := []SheetCell{text("TT", stHeader), text("Mã xã", stHeader), text("Huyện", stHeader), text("Xã", stHeader)}
	for _, p := range w.periods {
		hdr = append(hdr, text(p.Label()+" ("+p.String()+")", stHeader))
	}
	header := SheetRow{Num: h.header, Height: fitHeight(h.header, hdr, sh.Columns, nil, 20), Cells: hdr}

	// Per period: each commune's evaluation.
	evals := make([][]*evalRef, np)
	for i, p := range w.periods {
		evals[i] = make([]*evalRef, len(w.rows))
		for j, r := range w.rows {
			if e := w.in.Outcome.Of(r.c.ID, p); e != nil {
				evals[i][j] = &evalRef{met: e.Result.Met, group: e.Result.Group.Label()}
			}
		}
	}
	buf := make([]SheetCell, 0, lastCol) // reused from row to row (see Sheet.Rows)
	row := func(j int) SheetRow {
		r := w.rows[j]
		cells := append(buf[:0], number(float64(j+1), stInt), text(r.c.ID, stText), text(r.c.District, stText), text(r.c.Name, stText))
		for i := range w.periods {
			if ev := evals[i][j]; ev != nil {
				cells = append(cells, number(float64(ev.met), stInt))
			} else {
				cells = append(cells, blank(stInt))
			}
		}
		return SheetRow{Num: h.first + j, Cells: cells}
	}

	// Communes per group and period, under the communes.
	g0 := h.last + 2
	var groupRows []SheetRow
	groupHdr := []SheetCell{text("Số xã theo nhóm", stHeader), blank(stHeader), blank(stHeader), blank(stHeader)}
	for _, p := range w.periods {
		groupHdr = append(groupHdr, text(p.Label()+" ("+p.String()+")", stHeader))
	}
	gm := Area{Ref{g0, 1}, Ref{g0, histColName}}
	groupRows = append(groupRows, SheetRow{Num: g0, Height: fitHeight(g0, groupHdr, sh.Columns, []Area{gm}, 20), Cells: groupHdr})
	sh.Merges = append(sh.Merges, gm)
	labelled := func(r int, lbl string, st CellStyle, values []SheetCell) {
		st.Wrap = true
		cells := []SheetCell{text(lbl, st), blank(st), blank(st), blank(st)}
		m := Area{Ref{r, 1}, Ref{r, histColName}}
		sh.Merges = append(sh.Merges, m)
		cells = append(cells, values...)
		groupRows = append(groupRows, SheetRow{Num: r, Height: fitHeight(r, cells, sh.Columns, []Area{m}, 0), Cells: cells})
	}
	r := g0 + 1
	for _, g := range w.groups {
		var vals []SheetCell
		for i := range w.periods {
			n := 0
			for _, ev := range evals[i] {
				if ev != nil && ev.group == g.g.Label() {
					n++
				}
			}
			area := h.periodAreaAt(histColPeriod0 + i).A1()
			vals = append(vals, formulaNum(g.countIfs(area), float64(n), stInt))
		}
		labelled(r, g.g.Label(), stText, vals)
		r++
	}
	var noForm, avg []SheetCell
	dec := CellStyle{Role: RoleBody, Align: AlignCenter, Format: FormatDecimal, Decimals: 2}
	for i := range w.periods {
		n, sum, got := 0, 0, 0
		for _, ev := range evals[i] {
			if ev == nil {
				n++
				continue
			}
			sum += ev.met
			got++
		}
		area := h.periodAreaAt(histColPeriod0 + i).A1()
		noForm = append(noForm, formulaNum(fmt.Sprintf("COUNTBLANK(%s)", area), float64(n), stInt))
		f := fmt.Sprintf(`IFERROR(AVERAGE(%s),"")`, area)
		if got > 0 {
			avg = append(avg, formulaNum(f, float64(sum)/float64(got), dec))
		} else {
			avg = append(avg, formulaText(f, "", dec))
		}
	}
	groupLast := r - 1
	labelled(r, wordNoForm, stText, noForm)
	r++
	labelled(r, "Bình quân số tiêu chí đạt của một xã đã gửi biểu", CellStyle{Role: RoleTotal}, avg)

	sh.Rows = tableRows(slices.Concat(title, []SheetRow{header}), len(w.rows), row, groupRows)

	// Charts right of the table: they stay put when rows are filtered.
	at := Ref{h.first, lastCol + 2}
	most := 0
	for i := range w.periods {
		count := map[string]int{}
		for _, ev := range evals[i] {
			if ev != nil {
				count[ev.group]++
				most = max(most, count[ev.group])
			}
		}
	}
	groupChart := SheetChart{
		Type: ChartColumns, Title: "Số xã theo nhóm tiêu chí qua các kỳ", At: at, Width: 640, Height: 320,
		Categories: Area{Ref{g0 + 1, 1}, Ref{groupLast, 1}}, ValueAxis: "Số xã", ValueStep: countStep(most),
	}
	for i := range w.periods {
		c := histColPeriod0 + i
		groupChart.Series = append(groupChart.Series, SheetSeries{Name: Ref{g0, c}, Values: Area{Ref{g0 + 1, c}, Ref{groupLast, c}}})
	}
	sh.Charts = append(sh.Charts, groupChart)
	if len(w.rows) <= CommuneSheetLimit {
		// Bars across, one group per commune down the side: long lists of
		// names read better than under columns.
		height := int(math.Min(4000, math.Max(320, float64(len(w.rows)*np*12+120))))
		communeChart := SheetChart{
			Type: ChartBars, Title: "Số tiêu chí đạt của từng xã qua các kỳ", At: Ref{h.first + 18, lastCol + 2},
			Width: 640, Height: height, Categories: Area{Ref{h.first, histColName}, Ref{h.last, histColName}}, ValueAxis: "Số tiêu chí đạt",
			ValueStep: countStep(len(w.set.Criteria)), ValueMax: float64(len(w.set.Criteria)),
		}
		for i := range w.periods {
			c := histColPeriod0 + i
			communeChart.Series = append(communeChart.Series, SheetSeries{Name: Ref{h.header, c}, Values: h.periodAreaAt(c)})
		}
		sh.Charts = append(sh.Charts, communeChart)
	}
	return sh
}

// evalRef is what "Lịch sử" keeps of one evaluation.
type evalRef struct {
	met   int
	group string
}

// countStep is a value axis step for whole counts up to most: 1, 2, 5,
// 10… so that the axis never shows fractions of a commune.
func countStep(most int) float64 {
	for _, s := range []float64{1, 2, 5} {
		for p := 1.0; p < 1e7; p *= 10 {
			if float64(most)/(s*p) <= 10 {
				return s * p
			}
		}
	}
	return 0
}
