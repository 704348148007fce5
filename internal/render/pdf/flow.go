package pdf

import (
	"fmt"
	"strconv"

	"github.com/go-pdf/fpdf"
	"github.com/ntm-project/ntm/internal/decree30"
)

// The flow: every part is laid out as a list of boxes (a line of text, a
// table's header, a table row, a chart, the header of page 1, the
// closing), measured before anything is drawn, then placed on pages by
// paginate, which knows nothing of what the boxes hold. The Decree 30
// pieces (decree.go) and the body blocks (body.go, table.go, chart.go)
// only make boxes.

// ptMM is one typographic point in millimetres.
const ptMM = 25.4 / 72

// Liberation Serif's vertical metrics (hhea, per em), the same as Times
// New Roman's: single line spacing is their sum plus the line gap.
const (
	ascent      = 0.891
	descent     = 0.216
	singleSpace = 1.149
)

// eps absorbs rounding in comparisons of lengths (mm).
const eps = 1e-6

// box is one piece of the flow.
type box struct {
	h      float64 // height, mm
	before float64 // space above, dropped at the top of a page
	// keepNext: never break a page between this box and the next.
	keepNext bool
	// pageBreak: the next box starts a new page (a PageBreak block).
	pageBreak bool
	// repeat is drawn first on a page this box starts, or continues, on
	// (a table's header rows).
	repeat *box
	// split, when set, cuts the box so that its head fits in room: a
	// table row between two of its lines, the Nơi nhận list between two
	// recipients. It returns a nil head when nothing fits.
	split func(room float64) (head, tail *box)
	// minH is the least of the box worth starting a page with (its first
	// line, for a row that will be split); 0 means h.
	minH float64
	// eager boxes are split to fill the page rather than moved whole to
	// the next one when they do not fit (the closing: the Nơi nhận list
	// may continue on the next page).
	eager bool
	draw  func(y float64)
}

func (b *box) head() float64 {
	if b.split != nil && b.minH > 0 {
		return b.minH
	}
	return b.h
}

func (b *box) repeatH() float64 {
	if b.repeat == nil {
		return 0
	}
	return b.repeat.h
}

// paginate places the boxes on the pages of the current part. A box goes
// to a new page when it, together with the boxes it is kept with, does
// not fit in what is left of the page, unless that chain is taller than a
// whole page; a box taller than a page is split.
func (e *engine) paginate(bs []*box) {
	frame := e.bottom - e.top
	y := e.newPage(nil)
	fresh := true // nothing but a repeated header on the page yet
	for i := 0; i < len(bs); {
		b := bs[i]
		if b.pageBreak {
			if !fresh {
				y, fresh = e.newPage(nil), true
			}
			i++
			continue
		}
		before := b.before
		if fresh {
			before = 0
		}
		room := e.bottom - y
		if !fresh {
			chain := before
			for j := i; ; j++ {
				c := bs[j]
				if j > i {
					chain += c.before
				}
				if c.keepNext && j+1 < len(bs) && !bs[j+1].pageBreak {
					chain += c.h
					continue
				}
				chain += c.head()
				break
			}
			if chain > room+eps && chain <= frame-b.repeatH()+eps {
				y, fresh = e.newPage(b.repeat), true
				continue
			}
		}
		if before+b.h <= room+eps || (fresh && b.split == nil) {
			if before+b.h > room+eps {
				e.overflow(b.h)
			}
			b.draw(y + before)
			y += before + b.h
			fresh = false
			i++
			continue
		}
		if b.split != nil && (b.eager || fresh || b.h > frame-b.repeatH()+eps) {
			head, tail := b.split(room - before)
			switch {
			case head != nil:
				head.draw(y + before)
				if tail == nil {
					i++
				} else {
					bs[i] = tail
				}
			case fresh:
				// Not even a piece fits on an empty page: draw it whole
				// rather than loop (validation keeps this from happening).
				e.overflow(b.h)
				b.draw(y + before)
				y += before + b.h
				fresh = false
				i++
				continue
			}
		}
		y, fresh = e.newPage(b.repeat), true
	}
}

// overflow notes a box taller than the page it had to go on; the
// document is refused rather than drawn past the margin.
func (e *engine) overflow(h float64) {
	e.problems = append(e.problems, fmt.Sprintf("%s, trang %d: một khối cao %.0f mm, quá khung chữ %.0f mm của trang",
		partName(e.pi, e.part), e.partPage, h, e.bottom-e.top))
}

// newPage starts a page of the current part and returns where its text
// starts: below the repeated rows when there are some. From the part's
// second page on, its number is printed centred in the top margin
// (Decree 30: from 1, Arabic, 13–14 pt, upright, not on the first page;
// appendices numbered separately).
func (e *engine) newPage(repeat *box) float64 {
	orient := "P"
	if e.landscape {
		orient = "L"
	}
	e.f.AddPageFormat(orient, fpdf.SizeType{Wd: decree30.PageWidth, Ht: decree30.PageHeight})
	e.partPage++
	e.fontOK = false
	if e.tr != nil {
		e.tr.Pages = append(e.tr.Pages, pageFrame{Part: e.pi, PartPage: e.partPage, W: e.pageW, H: e.pageH,
			Left: e.left, Top: e.top, Right: e.right, Bottom: e.bottom})
	}
	if e.partPage > 1 {
		pf := font{regular, decree30.SizePageNo}
		h := tightH(pf.size)
		e.centred(e.left+e.textW/2, (e.top-h)/2, h, strconv.Itoa(e.partPage), pf)
	}
	y := e.top
	if repeat != nil {
		repeat.draw(y)
		y += repeat.h
	}
	return y
}

// lineH is the height of one line of body text of size pt at the
// layout's line spacing.
func (e *engine) lineH(size float64) float64 { return size * ptMM * singleSpace * e.l.LineSpacing }

// tightH is a single-spaced line, used in the header, tables and the
// closing.
func tightH(size float64) float64 { return size * ptMM * singleSpace }

// baseline is the distance from the top of a line of height h to the
// baseline of text of size pt, centred in it.
func baseline(h, size float64) float64 {
	sz := size * ptMM
	return (h-(ascent+descent)*sz)/2 + ascent*sz
}

func (e *engine) setFont(f font) {
	if e.fontOK && e.curFont == f {
		return
	}
	if !e.registered[f.st] {
		// Only the faces a document uses are embedded.
		e.f.AddUTF8PreparedFont(family, fpdfStyle[f.st], e.fs.face[f.st])
		e.registered[f.st] = true
	}
	e.f.SetFont(family, fpdfStyle[f.st], f.size)
	e.curFont, e.fontOK = f, true
}

// text draws s with the top-left corner of its line box at (x, y), in a
// line of height h, and records it in the trace.
func (e *engine) text(x, y, h float64, s string, f font) {
	if s == "" {
		return
	}
	e.setFont(f)
	e.f.Text(x, y+baseline(h, f.size), s)
	if e.tr != nil {
		e.tr.Texts = append(e.tr.Texts, TextBox{Page: e.f.PageNo(), Part: e.pi, PartPage: e.partPage,
			X: x, Y: y, W: e.fs.widthMM(s, f.st, f.size), H: h, Text: s, Size: f.size,
			Bold: f.st&bold != 0, Italic: f.st&italic != 0, Line: e.cur})
	}
}

// centred draws s centred on cx and returns its width.
func (e *engine) centred(cx, y, h float64, s string, f font) float64 {
	w := e.fs.widthMM(s, f.st, f.size)
	e.text(cx-w/2, y, h, s, f)
	return w
}

// drawLine draws a wrapped line from x across width, aligned as align
// says; a justified line has its gaps stretched so that it fills the
// width (Decree 30: body text is justified), unless it is the last line
// of its text.
func (e *engine) drawLine(l line, x, y, h, width float64, align alignment, f font) {
	switch {
	case len(l.words) == 0:
		return
	case align == alignCenter:
		e.text(x+(width-l.w)/2, y, h, l.text(), f)
	case align == alignRight:
		e.text(x+width-l.w, y, h, l.text(), f)
	case align == alignJustify && l.more && len(l.words) > 1:
		total := 0.0
		for _, w := range l.words {
			total += w.w
		}
		gap := (width - total) / float64(len(l.words)-1)
		for _, w := range l.words {
			e.text(x, y, h, w.s, f)
			x += w.w + gap
		}
	default:
		e.text(x, y, h, l.text(), f)
	}
}

// alignment is how the lines of a text sit in their measure.
type alignment uint8

const (
	alignLeft alignment = iota
	alignCenter
	alignRight
	alignJustify
)

// rule draws a solid horizontal rule of width w centred on cx.
func (e *engine) rule(cx, y, w float64) {
	e.lineSeg(cx-w/2, y, cx+w/2, y, ruleWidth, 0, "rule")
}

// ruleWidth is the thickness of the header and title rules, mm.
const ruleWidth = 0.25

// lineSeg draws a line of the given thickness and grey level.
func (e *engine) lineSeg(x1, y1, x2, y2, width float64, grey int, what string) {
	e.f.SetLineWidth(width)
	e.f.SetDrawColor(grey, grey, grey)
	e.f.Line(x1, y1, x2, y2)
	if e.tr != nil {
		e.tr.Shapes = append(e.tr.Shapes, Shape{Page: e.f.PageNo(), Part: e.pi, X: x1, Y: y1, W: x2 - x1, H: y2 - y1,
			Line: true, Fill: -1, What: what})
	}
}

// rect draws a rectangle, filled with the grey level fill unless it is
// -1, with a border of the given thickness unless it is 0.
func (e *engine) rect(x, y, w, h float64, fill int, border float64, what string) {
	style := ""
	if fill >= 0 {
		e.f.SetFillColor(fill, fill, fill)
		style = "F"
	}
	if border > 0 {
		e.f.SetLineWidth(border)
		e.f.SetDrawColor(0, 0, 0)
		style = "D" + style
	}
	if style == "" {
		return
	}
	e.f.Rect(x, y, w, h, style)
	if e.tr != nil {
		e.tr.Shapes = append(e.tr.Shapes, Shape{Page: e.f.PageNo(), Part: e.pi, X: x, Y: y, W: w, H: h, Fill: fill, What: what})
	}
}
