package pdf

import "github.com/ntm-project/ntm/internal/report"

// Tables: fpdf has no table object and its MultiCell would break a page
// inside a row, so rows are measured and drawn here. The header rows (with
// their column and row spans) are one box, drawn again at the top of
// every page the table continues on; a Caption before the table, the
// header and the first row are kept together; a row taller than a page
// is split between two of its lines, and its continuation starts below
// the repeated header.

// Table geometry and shading. The greys are light enough for text over
// them to read when printed in black and white.
const (
	tableSize  = 12.0 // pt, when Table.Size is 0
	cellPad    = 1.2  // mm left and right of a cell's text
	cellPadV   = 1.0  // mm above and below it
	cellBorder = 0.2  // mm
	headerFill = 230  // grey level of the header rows
	shadeFill  = 242  // grey level of a shaded body row
)

// tableSizeOf is the type size of a table.
func tableSizeOf(t *report.Table) float64 {
	if t.Size == 0 {
		return tableSize
	}
	return t.Size
}

// tableCell is one cell as laid out.
type tableCell struct {
	x, w      float64
	row, rows int // header cells: first row and how many rows it spans
	lines     []line
	f         font
	align     alignment
}

func alignOf(a report.Align, def alignment) alignment {
	switch a {
	case report.AlignLeft:
		return alignLeft
	case report.AlignCenter:
		return alignCenter
	case report.AlignRight:
		return alignRight
	case report.AlignJustify:
		return alignJustify
	}
	return def
}

// columnEdges gives the x of each column's left edge, and of the table's
// right edge last.
func (e *engine) columnEdges(t *report.Table) []float64 {
	xs := make([]float64, len(t.Columns)+1)
	xs[0] = e.left
	for i, c := range t.Columns {
		xs[i+1] = xs[i] + c.Width*e.textW
	}
	// The last edge on the margin, whatever the rounding of the widths.
	xs[len(t.Columns)] = e.right
	return xs
}

func (e *engine) table(bi int, t *report.Table) []*box {
	size := tableSizeOf(t)
	xs := e.columnEdges(t)
	var out []*box
	var head *box
	if len(t.Header) > 0 {
		head = e.tableHeader(bi, t, xs, size)
		first := *head
		first.before = e.l.ParaSpacing * ptMM
		first.keepNext = true // the header stays with the first row
		out = append(out, &first)
	}
	frame := e.bottom - e.top
	if head != nil {
		frame -= head.h
	}
	for ri := range t.Rows {
		rb := e.tableRow(bi, ri, t, xs, size, head, frame)
		if ri == 0 && head == nil {
			rb.before = e.l.ParaSpacing * ptMM
		}
		out = append(out, rb)
	}
	return out
}

// tableHeader lays out the header rows as one box. A cell spanning rows
// is as tall as the rows it spans; when its text needs more, the last of
// them grows.
func (e *engine) tableHeader(bi int, t *report.Table, xs []float64, size float64) *box {
	lh := tightH(size)
	nr, nc := len(t.Header), len(t.Columns)
	taken := make([][]bool, nr)
	for r := range taken {
		taken[r] = make([]bool, nc)
	}
	var cells []tableCell
	for r, row := range t.Header {
		c := 0
		for _, cell := range row {
			for c < nc && taken[r][c] {
				c++
			}
			span, rows := max(cell.ColSpan, 1), max(cell.RowSpan, 1)
			for rr := r; rr < min(r+rows, nr); rr++ {
				for cc := c; cc < min(c+span, nc); cc++ {
					taken[rr][cc] = true
				}
			}
			end := min(c+span, nc)
			tc := tableCell{x: xs[c], w: xs[end] - xs[c], row: r, rows: min(rows, nr-r),
				f: font{styleOf(true, cell.Italic), size}, align: alignOf(cell.Align, alignCenter)}
			tc.lines = e.fs.wrap(cell.Text, tc.f, tc.w-2*cellPad, 0, 0)
			cells = append(cells, tc)
			c = end
		}
	}
	heights := make([]float64, nr)
	for r := range heights {
		heights[r] = lh + 2*cellPadV
	}
	for _, c := range cells {
		if c.rows == 1 {
			heights[c.row] = max(heights[c.row], float64(len(c.lines))*lh+2*cellPadV)
		}
	}
	for _, c := range cells {
		if c.rows > 1 {
			have := 0.0
			for r := c.row; r < c.row+c.rows; r++ {
				have += heights[r]
			}
			if need := float64(len(c.lines))*lh + 2*cellPadV; need > have {
				heights[c.row+c.rows-1] += need - have
			}
		}
	}
	tops := make([]float64, nr+1)
	for r, h := range heights {
		tops[r+1] = tops[r] + h
	}
	ref := lineRef{Part: e.pi, Block: bi, Kind: report.TableBlock, Index: -1, Count: len(t.Rows)}
	return &box{h: tops[nr], draw: func(y float64) {
		e.cur = ref
		for _, c := range cells {
			cy, ch := y+tops[c.row], tops[c.row+c.rows]-tops[c.row]
			e.rect(c.x, cy, c.w, ch, headerFill, cellBorder, "cell")
			ly := cy + (ch-float64(len(c.lines))*lh)/2
			for _, l := range c.lines {
				e.drawLine(l, c.x+cellPad, ly, lh, c.w-2*cellPad, c.align, c.f)
				ly += lh
			}
		}
		e.cur = lineRef{Part: -1, Block: -1}
	}}
}

// tableRow lays out one body row; frame is the room a page gives a row
// below the repeated header.
func (e *engine) tableRow(bi, ri int, t *report.Table, xs []float64, size float64, head *box, frame float64) *box {
	r := t.Rows[ri]
	lh := tightH(size)
	cells := make([]tableCell, 0, len(r.Cells))
	c := 0
	for _, cell := range r.Cells {
		span := max(cell.ColSpan, 1)
		end := min(c+span, len(t.Columns))
		def := alignLeft
		if c < len(t.Columns) {
			def = alignOf(t.Columns[c].Align, alignLeft)
		}
		tc := tableCell{x: xs[c], w: xs[end] - xs[c], f: font{styleOf(r.Bold || cell.Bold, cell.Italic), size},
			align: alignOf(cell.Align, def)}
		tc.lines = e.fs.wrap(cell.Text, tc.f, tc.w-2*cellPad, 0, 0)
		cells = append(cells, tc)
		c = end
	}
	n := 1
	for _, c := range cells {
		n = max(n, len(c.lines))
	}
	fill := -1
	if r.Shade {
		fill = shadeFill
	}
	ref := lineRef{Part: e.pi, Block: bi, Kind: report.TableBlock, Index: ri, Count: len(t.Rows)}
	b := e.rowPiece(cells, 0, n, n, false, lh, fill, ref, head)
	if b.h > frame+eps {
		b.minH = lh + 2*cellPadV
	}
	return b
}

// rowPiece is lines from to to of a row of n lines as a box; a piece of
// a split row has its text at the top of its cells, a whole row has it
// centred. The piece splits again between lines.
func (e *engine) rowPiece(cells []tableCell, from, to, n int, split bool, lh float64, fill int, ref lineRef, head *box) *box {
	h := float64(to-from)*lh + 2*cellPadV
	b := &box{h: h, repeat: head, draw: func(y float64) {
		e.cur = ref
		// The cells' boxes first, then their text in black: one colour
		// change per row instead of one per line of text.
		for _, c := range cells {
			e.rect(c.x, y, c.w, h, fill, cellBorder, "cell")
		}
		if fill >= 0 {
			e.fillGrey(0)
		}
		for _, c := range cells {
			ly := y + cellPadV
			if !split {
				ly += float64(n-len(c.lines)) * lh / 2
			}
			for k := from; k < min(to, len(c.lines)); k++ {
				e.drawLine(c.lines[k], c.x+cellPad, ly, lh, c.w-2*cellPad, c.align, c.f)
				ly += lh
			}
		}
		e.cur = lineRef{Part: -1, Block: -1}
	}}
	if to-from > 1 {
		b.minH = h
		b.split = func(room float64) (*box, *box) {
			k := int((room - 2*cellPadV + eps) / lh)
			if k < 1 {
				return nil, nil
			}
			k = min(k, to-from-1)
			return e.rowPiece(cells, from, from+k, n, true, lh, fill, ref, head),
				e.rowPiece(cells, from+k, to, n, true, lh, fill, ref, head)
		}
	}
	return b
}
