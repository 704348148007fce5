package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/report"
)

// chartDoc is a portrait document of n lines of text, then a captioned
// chart.
func chartDoc(c *report.Chart, lines int) *report.Document {
	d := sampleDoc(0)
	d.Parts[0].Closing = nil
	for i := 0; i < lines; i++ {
		d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Text: "Bảo đảm sự phối hợp chặt chẽ.", NoIndent: true})
	}
	d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Kind: report.Caption, Text: "Biểu đồ 1. Số tiêu chí đạt"},
		report.Block{Kind: report.ChartBlock, Chart: c})
	return d
}

// TestChartShapes checks both kinds of chart by their shapes: one bar per
// series and category, each as long as its value on the axis and in its
// series' grey, the bars of a category side by side, a legend swatch per
// series, the tick labels as given, all inside the frame.
func TestChartShapes(t *testing.T) {
	for _, horizontal := range []bool{false, true} {
		c := communeChart([]string{"Thuận", "Gio Mai", "Cam Chính", "Gio Mỹ"}, horizontal)
		tr, _, info := traced(t, chartDoc(c, 0))
		checkFrame(t, tr, info)
		var bars, legend []Shape
		var axes []Shape
		for _, s := range tr.Shapes {
			switch s.What {
			case "bar":
				bars = append(bars, s)
			case "legend":
				legend = append(legend, s)
			case "axis":
				axes = append(axes, s)
			}
		}
		if len(bars) != 8 || len(legend) != 2 || len(axes) != 2 {
			t.Fatalf("horizontal=%v: %d bars, %d legend swatches, %d axes", horizontal, len(bars), len(legend), len(axes))
		}
		// Scale: mm per unit from the first bar.
		length := func(s Shape) float64 {
			if horizontal {
				return s.W
			}
			return s.H
		}
		scale := length(bars[0]) / c.Series[0].Values[0]
		for i, b := range bars {
			ci, si := i/2, i%2
			v := c.Series[si].Values[ci]
			if math.Abs(length(b)-v*scale) > 0.01 {
				t.Errorf("horizontal=%v: bar %d is %.2f mm for %v, want %.2f", horizontal, i, length(b), v, v*scale)
			}
			if b.Fill != seriesFill[si] || legend[si].Fill != seriesFill[si] {
				t.Errorf("bar %d grey %d, legend %d, want %d", i, b.Fill, legend[si].Fill, seriesFill[si])
			}
			if si == 1 {
				a := bars[i-1]
				adjacent := math.Abs(a.X+a.W-b.X) < 0.01
				if horizontal {
					adjacent = math.Abs(a.Y+a.H-b.Y) < 0.01
				}
				if !adjacent {
					t.Errorf("horizontal=%v: the bars of category %d are not side by side", horizontal, ci)
				}
			}
		}
		// The value axis runs from the first tick to the last.
		for _, tick := range c.Ticks {
			if len(texts(tr, tick.Label)) == 0 {
				t.Errorf("tick label %q not drawn", tick.Label)
			}
		}
		axisLen := 0.0
		for _, a := range axes {
			if horizontal {
				axisLen = max(axisLen, a.W)
			} else {
				axisLen = max(axisLen, math.Abs(a.H))
			}
		}
		if want := 20 * scale; math.Abs(axisLen-want) > 0.01 {
			t.Errorf("horizontal=%v: value axis %.2f mm, want %.2f (0 to 20)", horizontal, axisLen, want)
		}
		for _, name := range c.Categories {
			if len(texts(tr, name)) == 0 {
				t.Errorf("category %q not drawn", name)
			}
		}
	}
}

// TestChartKeptWithCaption moves a captioned chart down the page: it is
// never split from its caption, and never cut by the page's foot.
func TestChartKeptWithCaption(t *testing.T) {
	for _, horizontal := range []bool{false, true} {
		for n := 0; n < 40; n += 3 {
			c := communeChart(anchorCommunes[:5], horizontal)
			tr, _, info := traced(t, chartDoc(c, n))
			checkFrame(t, tr, info)
			cap := one(t, tr, "Biểu đồ 1. Số tiêu chí đạt")
			for _, s := range tr.Shapes {
				if (s.What == "bar" || s.What == "axis") && s.Page != cap.Page {
					t.Fatalf("horizontal=%v n=%d: caption on page %d, chart on %d", horizontal, n, cap.Page, s.Page)
				}
			}
		}
	}
}

// TestChartVietnameseTicks: tick labels are printed as the model gives
// them, Vietnamese numbers included.
func TestChartVietnameseTicks(t *testing.T) {
	c := &report.Chart{Categories: []string{"Thuận", "Gio Mai"},
		Series: []report.Series{{Name: "Thu nhập (triệu đồng/người/năm)", Values: []float64{1234.5, 2500}}},
		Ticks:  []report.Tick{{Value: 0, Label: "0"}, {Value: 1500, Label: "1.500"}, {Value: 3000, Label: "3.000,0"}}}
	tr, _, _ := traced(t, chartDoc(c, 2))
	for _, want := range []string{"1.500", "3.000,0", "Thu nhập (triệu đồng/người/năm)"} {
		if len(texts(tr, want)) != 1 {
			t.Errorf("%q drawn %d times", want, len(texts(tr, want)))
		}
	}
	for _, b := range tr.Texts {
		if strings.Contains(b.Text, "1234") {
			t.Errorf("a raw number %q was printed", b.Text)
		}
	}
}
