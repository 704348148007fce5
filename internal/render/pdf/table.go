package pdf

import (
	"strings"

	"github.com/ntm-project/ntm/internal/report"
)

// addTable lays out a bordered table. Each row is one box whose height is
// its tallest cell; the header row is drawn again at the top of every page
// the table continues on. fpdf has no table object and its MultiCell
// would break a page inside a row, so rows are measured and drawn here.
func (e *engine) addTable(t *report.Table) {
	if t == nil || len(t.Columns) == 0 {
		return
	}
	size := t.Size
	if size == 0 {
		size = 12
	}
	pad := 1.2  // left and right of the text in a cell
	padV := 1.0 // above and below it
	lh := tightH(size)
	cols := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = c.Width * e.textW
	}
	rowBox := func(cs []report.Cell, bold, shade bool, header bool) box {
		style := ""
		if bold || header {
			style = "B"
		}
		cells := make([]string, len(cs))
		for i, c := range cs {
			cells[i] = c.Text
		}
		wrapped := make([][][]string, len(cols))
		lines := 1
		for i := range cols {
			if i < len(cells) {
				wrapped[i] = e.wrap(cells[i], style, size, cols[i]-2*pad, 0)
			}
			lines = max(lines, len(wrapped[i]))
		}
		h := float64(lines)*lh + 2*padV
		return box{h: h, draw: func(y float64) {
			x := e.l.MarginLeft
			e.f.SetLineWidth(0.2)
			for i, w := range cols {
				fill := ""
				if shade || header {
					e.f.SetFillColor(235, 235, 235)
					fill = "F"
				}
				e.f.Rect(x, y, w, h, "D"+fill)
				align := byte('L')
				if header {
					align = 'C'
				} else if i < len(t.Columns) {
					switch t.Columns[i].Align {
					case report.AlignCenter:
						align = 'C'
					case report.AlignRight:
						align = 'R'
					case report.AlignJustify:
						align = 'J'
					}
				}
				ly := y + padV + (float64(lines-len(wrapped[i]))*lh)/2
				for k, words := range wrapped[i] {
					s := strings.Join(words, " ")
					switch align {
					case 'C':
						e.centred(x+w/2, ly, lh, s, style, size)
					case 'R':
						e.text(x+w-pad-e.width(s, style, size), ly, lh, s, style, size)
					case 'J':
						e.drawLine(words, x+pad, ly, lh, w-2*pad, k < len(wrapped[i])-1, style, size)
					default:
						e.text(x+pad, ly, lh, s, style, size)
					}
					ly += lh
				}
				x += w
			}
		}}
	}
	var head *box
	for i, hr := range t.Header {
		b := rowBox(hr, true, false, true)
		if i == 0 {
			b.before = e.l.ParaSpacing * ptMM
		}
		b.keepNext = true // the header stays with the first row
		e.add(b)
		if head == nil {
			hb := b
			hb.before, hb.keepNext = 0, false
			head = &hb
		}
	}
	for _, r := range t.Rows {
		b := rowBox(r.Cells, r.Bold, r.Shade, false)
		b.repeat = head
		e.add(b)
	}
}
