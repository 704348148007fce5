package pdf

import (
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"
	"github.com/ntm-project/ntm/internal/report"
)

// ptMM is one typographic point in millimetres.
const ptMM = 25.4 / 72

// Liberation Serif's vertical metrics (hhea, per em), the same as Times
// New Roman's: single line spacing is their sum plus the line gap.
const (
	ascent      = 0.891
	descent     = 0.216
	singleSpace = 1.149
)

// Font sizes (pt) chosen within the ranges of Decree 30, Appendix I, §II.
const (
	sizeParent    = 13 // ô 2, 12–13
	sizeAgency    = 13 // ô 2, 12–13
	sizeMotto1    = 12 // Quốc hiệu, 12–13
	sizeMotto2    = 13 // Tiêu ngữ, 13–14
	sizeNumber    = 13 // ô 3, 13
	sizePlaceDate = 14 // ô 4, 13–14
	sizeType      = 14 // ô 5a, 13–14
	sizeTitle     = 14 // ô 5a, 13–14
	sizeRecvLabel = 12 // "Nơi nhận:", 12
	sizeRecv      = 11 // recipients, 11
	sizeSigner    = 14 // ô 7a, 7b, 13–14
	sizePageNo    = 13 // page numbers, 13–14
)

const (
	nationalName  = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	nationalMotto = "Độc lập - Tự do - Hạnh phúc"
	// signatureSpace leaves room for the signature and the seal (ô 7c, 8).
	signatureSpace = 25.0
	ruleWidth      = 0.25
)

// TextBox is one run of text as drawn: its page, its box in millimetres
// from the top-left corner of the page, and its text. Tests use the trace
// to check that nothing lies outside the margins.
type TextBox struct {
	Page       int
	X, Y, W, H float64
	Text       string
	// Line says which body line the text belongs to; Block is -1 for
	// the header, title, signature block and page numbers.
	Line lineRef
}

// lineRef names one line of one body block.
type lineRef struct {
	Block int // index in Document.Body, -1 outside the body
	Kind  report.BlockKind
	Index int // line within the block, from 0
	Count int // lines in the block
}

// Render draws doc on w as a PDF.
func Render(w io.Writer, doc *report.Document) error {
	_, err := render(w, doc)
	return err
}

// render draws doc and returns the trace of every text run.
func render(w io.Writer, doc *report.Document) ([]TextBox, error) {
	e := newEngine(doc)
	e.build()
	e.paginate()
	if err := e.f.Error(); err != nil {
		return nil, fmt.Errorf("vẽ PDF %q: %w", doc.Meta.Title, err)
	}
	if err := e.f.Output(w); err != nil {
		return nil, fmt.Errorf("ghi PDF %q: %w", doc.Meta.Title, err)
	}
	return e.trace, nil
}

// box is one unbreakable piece of the page flow: a line of text, a
// table row, the header block or the signature block.
type box struct {
	h        float64 // height of the content, mm
	before   float64 // space above, dropped at the top of a page
	keepNext bool    // never break a page between this box and the next
	// repeat is drawn first when this box starts a new page (a table's
	// header row).
	repeat *box
	draw   func(y float64)
}

type engine struct {
	f     *fpdf.Fpdf
	doc   *report.Document
	part  *report.Part // the part being laid out
	l     report.Layout
	pageW float64
	pageH float64
	textW float64
	// right header column: Quốc hiệu, place and date, signer.
	rightX, rightW float64
	boxes          []box
	trace          []TextBox
	cur            lineRef // the body line being drawn, for the trace
}

func newEngine(doc *report.Document) *engine {
	var part *report.Part
	if len(doc.Parts) > 0 {
		part = &doc.Parts[0]
	} else {
		part = &report.Part{}
	}
	l := part.Page.Layout
	if l.BodySize == 0 {
		l = report.DefaultLayout()
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(doc.Meta.Created)
	f.SetModificationDate(doc.Meta.Created)
	f.SetTitle(doc.Meta.Title, true)
	f.SetAuthor(doc.Meta.Author, true)
	f.SetSubject(doc.Meta.Subject, true)
	f.SetKeywords(strings.Join(doc.Meta.Keywords, ", "), true)
	f.SetCreator(doc.Meta.Creator, true)
	f.SetProducer(doc.Meta.Creator, true)
	if doc.Meta.Lang != "" {
		f.SetLang(doc.Meta.Lang)
	}
	f.SetMargins(l.MarginLeft, l.MarginTop, l.MarginRight)
	// Pages are broken by paginate, never by fpdf in the middle of a box.
	f.SetAutoPageBreak(false, l.MarginBottom)
	addFonts(f)
	pw, ph := f.GetPageSize()
	e := &engine{f: f, doc: doc, part: part, l: l, pageW: pw, pageH: ph, cur: lineRef{Block: -1}}
	e.textW = pw - l.MarginLeft - l.MarginRight
	e.rightW = e.textW * 0.58
	e.rightX = l.MarginLeft + e.textW - e.rightW
	return e
}

// lineH is the height of one line of text of size pt at the layout's
// line spacing.
func (e *engine) lineH(size float64) float64 { return size * ptMM * singleSpace * e.l.LineSpacing }

// tightH is a single-spaced line, used in the header and signer blocks.
func tightH(size float64) float64 { return size * ptMM * singleSpace }

func (e *engine) setFont(style string, size float64) { e.f.SetFont(family, style, size) }

func (e *engine) width(s, style string, size float64) float64 {
	e.setFont(style, size)
	return e.f.GetStringWidth(s)
}

// text draws s with its top-left corner at (x, y) in a line of height h
// and records it in the trace.
func (e *engine) text(x, y, h float64, s, style string, size float64) {
	if s == "" {
		return
	}
	e.setFont(style, size)
	sz := size * ptMM
	base := y + (h-(ascent+descent)*sz)/2 + ascent*sz
	e.f.Text(x, base, s)
	e.trace = append(e.trace, TextBox{Page: e.f.PageNo(), X: x, Y: y, W: e.f.GetStringWidth(s), H: h, Text: s, Line: e.cur})
}

// centred draws s centred on cx.
func (e *engine) centred(cx, y, h float64, s, style string, size float64) float64 {
	w := e.width(s, style, size)
	e.text(cx-w/2, y, h, s, style, size)
	return w
}

func (e *engine) rule(cx, y, w float64) {
	e.f.SetLineWidth(ruleWidth)
	e.f.Line(cx-w/2, y, cx+w/2, y)
}

// wrap breaks text into lines no wider than width, the first line
// narrower by indent. Words longer than a line are cut between runes.
func (e *engine) wrap(text, style string, size, width, indent float64) [][]string {
	e.setFont(style, size)
	space := e.f.GetStringWidth(" ")
	var lines [][]string
	var cur []string
	curW := 0.0
	avail := width - indent
	for _, word := range strings.Fields(text) {
		ww := e.f.GetStringWidth(word)
		for ww > avail && len(cur) == 0 {
			// A single word wider than the line: cut it.
			head, tail := e.cut(word, avail)
			lines = append(lines, []string{head})
			avail = width
			word, ww = tail, e.f.GetStringWidth(tail)
		}
		if len(cur) > 0 && curW+space+ww > avail {
			lines = append(lines, cur)
			cur, curW, avail = nil, 0, width
		}
		if len(cur) > 0 {
			curW += space
		}
		cur = append(cur, word)
		curW += ww
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// cut splits word so that its head fits in width (at least one rune).
func (e *engine) cut(word string, width float64) (string, string) {
	r := []rune(word)
	n := 1
	for n < len(r) && e.f.GetStringWidth(string(r[:n+1])) <= width {
		n++
	}
	return string(r[:n]), string(r[n:])
}

// drawLine draws words from x across width; when justify is set the gaps
// are stretched so that the line fills the width (Decree 30: body text is
// justified).
func (e *engine) drawLine(words []string, x, y, h, width float64, justify bool, style string, size float64) {
	if len(words) == 0 {
		return
	}
	if !justify || len(words) == 1 {
		e.text(x, y, h, strings.Join(words, " "), style, size)
		return
	}
	e.setFont(style, size)
	total := 0.0
	widths := make([]float64, len(words))
	for i, w := range words {
		widths[i] = e.f.GetStringWidth(w)
		total += widths[i]
	}
	gap := (width - total) / float64(len(words)-1)
	for i, w := range words {
		e.text(x, y, h, w, style, size)
		x += widths[i] + gap
	}
}

// add appends boxes to the flow.
func (e *engine) add(b ...box) { e.boxes = append(e.boxes, b...) }

// paginate places the boxes on pages. A box goes to a new page when it,
// together with every box it is kept with, does not fit in what is left
// of the page, unless that chain is taller than a whole page.
func (e *engine) paginate() {
	top := e.l.MarginTop
	limit := e.pageH - e.l.MarginBottom
	y := top
	e.newPage()
	for i := 0; i < len(e.boxes); i++ {
		b := e.boxes[i]
		atTop := y == top
		before := b.before
		if atTop {
			before = 0
		}
		chain := before + b.h
		for j := i; e.boxes[j].keepNext && j+1 < len(e.boxes); j++ {
			chain += e.boxes[j+1].before + e.boxes[j+1].h
		}
		fitsAlone := y+before+b.h <= limit
		if !atTop && (y+chain > limit && chain <= limit-top || !fitsAlone) {
			e.newPage()
			y, before = top, 0
			if b.repeat != nil {
				b.repeat.draw(y)
				y += b.repeat.h
			}
		}
		y += before
		b.draw(y)
		y += b.h
	}
}

// newPage starts a page; from page 2 on its number is printed centred in
// the top margin (Decree 30: page numbers from page 2, 13–14 pt, upright,
// centred in the top margin).
func (e *engine) newPage() {
	e.f.AddPage()
	if n := e.f.PageNo(); n > 1 {
		h := tightH(sizePageNo)
		e.centred(e.l.MarginLeft+e.textW/2, (e.l.MarginTop-h)/2, h, fmt.Sprint(n), "", sizePageNo)
	}
}
