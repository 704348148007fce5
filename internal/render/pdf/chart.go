package pdf

import (
	"github.com/ntm-project/ntm/internal/report"
)

// Charts are drawn as vector graphics: bars as rectangles in greys that
// stay apart when printed in black and white (each with a black outline),
// light grid lines at the ticks, the tick labels as the model gives them
// ("1.234,5"), the category labels, a legend. A chart is one box: it
// never breaks across pages, and a Caption before it stays with it.

// Chart geometry, mm, and type sizes, pt.
const (
	chartSize       = 11.0
	chartValueSize  = 10.0
	chartHeight     = 60.0 // plot height of a column chart when the model gives none
	chartBarShare   = 0.7  // of a category's slot taken by its bars
	chartBarH       = 5.0  // a bar's thickness in a horizontal chart, when the height is not given
	chartGroupGap   = 3.0  // between the categories of a horizontal chart
	chartTickLen    = 1.2
	chartLabelGap   = 1.5
	chartSwatch     = 4.0
	chartLegendGap  = 6.0
	chartAxisWidth  = 0.25
	chartGridWidth  = 0.1
	chartGridGrey   = 190
	chartBarOutline = 0.15
	chartPad        = 2.0 // above and below the chart
	chartMaxLabel   = 0.3 // of the text width, for a horizontal chart's category labels
)

// seriesFill are the greys of the series, dark to light, then black.
var seriesFill = []int{89, 179, 235, 26}

// maxSeries is the number of series a chart may have.
var maxSeries = len(seriesFill)

func (e *engine) chart(bi int, c *report.Chart) *box {
	if c.Horizontal {
		return e.barChart(bi, c)
	}
	return e.columnChart(bi, c)
}

// chartParts are the measures shared by both kinds of chart.
type chartParts struct {
	f, fv, fi font
	lh        float64
	lo, hi    float64 // the value axis, first to last tick
	base      float64 // where bars start: 0 when the axis holds it
	legend    [][]legendItem
	legendH   float64
}

type legendItem struct {
	x    float64 // from the row's left edge
	name line
	fill int
}

func (e *engine) chartParts(c *report.Chart) chartParts {
	p := chartParts{f: font{regular, chartSize}, fv: font{regular, chartValueSize}, fi: font{italic, chartSize}}
	p.lh = tightH(chartSize)
	p.lo, p.hi = c.Ticks[0].Value, c.Ticks[len(c.Ticks)-1].Value
	p.base = min(max(0, p.lo), p.hi)
	// Legend rows, each as wide as the text.
	var row []legendItem
	x := 0.0
	for i, s := range c.Series {
		name := line{words: []word{e.fs.word(s.Name, p.f)}}
		name.w = name.words[0].w
		w := chartSwatch + chartLabelGap + min(name.w, e.textW-chartSwatch-chartLabelGap)
		if len(row) > 0 && x+chartLegendGap+w > e.textW {
			p.legend = append(p.legend, row)
			row, x = nil, 0
		}
		if len(row) > 0 {
			x += chartLegendGap
		}
		row = append(row, legendItem{x: x, name: name, fill: seriesFill[i]})
		x += w
	}
	if len(row) > 0 {
		p.legend = append(p.legend, row)
	}
	if len(c.Series) > 1 || c.Series[0].Name != "" {
		p.legendH = float64(len(p.legend))*p.lh + chartLabelGap
	} else {
		p.legend = nil
	}
	return p
}

// drawLegend draws the legend rows centred from y.
func (e *engine) drawLegend(p chartParts, y float64) {
	for _, row := range p.legend {
		last := row[len(row)-1]
		w := last.x + chartSwatch + chartLabelGap + last.name.w
		x0 := e.left + (e.textW-w)/2
		for _, it := range row {
			x := x0 + it.x
			e.rect(x, y+(p.lh-chartSwatch*0.75)/2, chartSwatch, chartSwatch*0.75, it.fill, chartBarOutline, "legend")
			e.text(x+chartSwatch+chartLabelGap, y, p.lh, it.name.text(), p.f)
		}
		y += p.lh
	}
}

// columnChart draws vertical bars: the value axis on the left with its
// tick labels, its title above it, the category labels under the plot,
// the legend under them.
func (e *engine) columnChart(bi int, c *report.Chart) *box {
	p := e.chartParts(c)
	tickW := 0.0
	for _, t := range c.Ticks {
		tickW = max(tickW, e.fs.widthMM(t.Label, p.f.st, p.f.size))
	}
	x0 := e.left + tickW + chartLabelGap + chartTickLen
	x1 := e.right
	slot := (x1 - x0) / float64(len(c.Categories))
	titleH := 0.0
	var title []line
	if c.ValueAxis != "" {
		title = e.fs.wrap(c.ValueAxis, p.fi, e.textW, 0, 0)
		titleH = float64(len(title))*p.lh + chartLabelGap
	}
	valH := 0.0
	if c.ShowValues {
		valH = tightH(chartValueSize)
	}
	plotH := c.Height
	if plotH == 0 {
		plotH = chartHeight
	}
	cats := make([][]line, len(c.Categories))
	catLines := 1
	for i, s := range c.Categories {
		cats[i] = e.fs.balanced(s, p.f, slot-1)
		catLines = max(catLines, len(cats[i]))
	}
	catH := float64(catLines)*p.lh + chartLabelGap
	h := chartPad + titleH + valH + plotH + chartTickLen + catH + p.legendH + chartPad
	return &box{before: e.l.ParaSpacing * ptMM, h: h, draw: func(y float64) {
		e.cur = lineRef{Part: e.pi, Block: bi, Kind: report.ChartBlock}
		defer func() { e.cur = lineRef{Part: -1, Block: -1} }()
		y += chartPad
		for _, l := range title {
			e.text(e.left, y, p.lh, l.text(), p.fi)
			y += p.lh
		}
		y += chartLabelGap * float64(min(len(title), 1))
		top := y + valH
		bottom := top + plotH
		at := func(v float64) float64 { return bottom - (v-p.lo)/(p.hi-p.lo)*plotH }
		for i, t := range c.Ticks {
			ty := at(t.Value)
			if i > 0 {
				e.lineSeg(x0, ty, x1, ty, chartGridWidth, chartGridGrey, "grid")
			}
			e.lineSeg(x0-chartTickLen, ty, x0, ty, chartAxisWidth, 0, "tick")
			w := e.fs.widthMM(t.Label, p.f.st, p.f.size)
			e.text(x0-chartTickLen-chartLabelGap/2-w, ty-p.lh/2, p.lh, t.Label, p.f)
		}
		group := slot * chartBarShare
		bw := group / float64(len(c.Series))
		by := at(p.base)
		for ci := range c.Categories {
			gx := x0 + float64(ci)*slot + (slot-group)/2
			for si, s := range c.Series {
				vy := at(s.Values[ci])
				bx := gx + float64(si)*bw
				e.rect(bx, min(vy, by), bw, abs(by-vy), seriesFill[si], chartBarOutline, "bar")
				if c.ShowValues && ci < len(s.Labels) {
					lw := e.fs.widthMM(s.Labels[ci], p.fv.st, p.fv.size)
					ly := min(vy, by) - tightH(chartValueSize)
					e.text(bx+(bw-lw)/2, ly, tightH(chartValueSize), s.Labels[ci], p.fv)
				}
			}
			ly := bottom + chartTickLen + chartLabelGap/2
			for _, l := range cats[ci] {
				e.text(x0+float64(ci)*slot+(slot-l.w)/2, ly, p.lh, l.text(), p.f)
				ly += p.lh
			}
		}
		// The axes over the bars.
		e.lineSeg(x0, top, x0, bottom, chartAxisWidth, 0, "axis")
		e.lineSeg(x0, by, x1, by, chartAxisWidth, 0, "axis")
		e.drawLegend(p, bottom+chartTickLen+catH)
	}}
}

// barChart draws horizontal bars: the categories down the left side (long
// commune names wrap there), the value axis along the bottom with its
// tick labels and its title under them, the legend under that.
func (e *engine) barChart(bi int, c *report.Chart) *box {
	p := e.chartParts(c)
	labelW := 0.0
	for _, s := range c.Categories {
		labelW = max(labelW, e.fs.widthMM(s, p.f.st, p.f.size))
	}
	labelW = min(labelW, chartMaxLabel*e.textW)
	valW := 0.0
	if c.ShowValues {
		for _, s := range c.Series {
			for _, l := range s.Labels {
				valW = max(valW, e.fs.widthMM(l, p.fv.st, p.fv.size))
			}
		}
		valW += chartLabelGap
	}
	// The last tick label is centred on the axis's end: leave it room.
	lastW := e.fs.widthMM(c.Ticks[len(c.Ticks)-1].Label, p.f.st, p.f.size)
	x0 := e.left + labelW + chartLabelGap + chartTickLen
	x1 := e.right - max(valW, lastW/2)
	cats := make([][]line, len(c.Categories))
	for i, s := range c.Categories {
		cats[i] = e.fs.wrap(s, p.f, labelW, 0, 0)
	}
	ns := float64(len(c.Series))
	slot := ns*chartBarH + chartGroupGap
	if c.Height > 0 {
		slot = c.Height / float64(len(c.Categories))
	}
	for _, l := range cats {
		slot = max(slot, float64(len(l))*p.lh+1)
	}
	plotH := slot * float64(len(c.Categories))
	var title []line
	titleH := 0.0
	if c.ValueAxis != "" {
		title = e.fs.balanced(c.ValueAxis, p.fi, x1-x0)
		titleH = float64(len(title)) * p.lh
	}
	h := chartPad + plotH + chartTickLen + chartLabelGap/2 + p.lh + titleH + chartLabelGap + p.legendH + chartPad
	return &box{before: e.l.ParaSpacing * ptMM, h: h, draw: func(y float64) {
		e.cur = lineRef{Part: e.pi, Block: bi, Kind: report.ChartBlock}
		defer func() { e.cur = lineRef{Part: -1, Block: -1} }()
		top := y + chartPad
		bottom := top + plotH
		at := func(v float64) float64 { return x0 + (v-p.lo)/(p.hi-p.lo)*(x1-x0) }
		for i, t := range c.Ticks {
			tx := at(t.Value)
			if i > 0 {
				e.lineSeg(tx, top, tx, bottom, chartGridWidth, chartGridGrey, "grid")
			}
			e.lineSeg(tx, bottom, tx, bottom+chartTickLen, chartAxisWidth, 0, "tick")
			w := e.fs.widthMM(t.Label, p.f.st, p.f.size)
			e.text(tx-w/2, bottom+chartTickLen+chartLabelGap/2, p.lh, t.Label, p.f)
		}
		bh := (slot - chartGroupGap) / ns
		if c.Height > 0 {
			bh = slot * chartBarShare / ns
		}
		bx := at(p.base)
		for ci := range c.Categories {
			sy := top + float64(ci)*slot
			gy := sy + (slot-bh*ns)/2
			for si, s := range c.Series {
				vx := at(s.Values[ci])
				yy := gy + float64(si)*bh
				e.rect(min(vx, bx), yy, abs(vx-bx), bh, seriesFill[si], chartBarOutline, "bar")
				if c.ShowValues && ci < len(s.Labels) {
					e.text(max(vx, bx)+chartLabelGap/2, yy+(bh-tightH(chartValueSize))/2, tightH(chartValueSize), s.Labels[ci], p.fv)
				}
			}
			ly := sy + (slot-float64(len(cats[ci]))*p.lh)/2
			for _, l := range cats[ci] {
				e.text(x0-chartTickLen-chartLabelGap/2-l.w, ly, p.lh, l.text(), p.f)
				ly += p.lh
			}
		}
		e.lineSeg(bx, top, bx, bottom, chartAxisWidth, 0, "axis")
		e.lineSeg(x0, bottom, x1, bottom, chartAxisWidth, 0, "axis")
		ty := bottom + chartTickLen + chartLabelGap/2 + p.lh
		for _, l := range title {
			e.centred(x0+(x1-x0)/2, ty, p.lh, l.text(), p.fi)
			ty += p.lh
		}
		e.drawLegend(p, ty+chartLabelGap)
	}}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
