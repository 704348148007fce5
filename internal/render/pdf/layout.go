package pdf

import (
	"strings"

	"github.com/ntm-project/ntm/internal/report"
)

// build turns the document into the flow of boxes.
func (e *engine) build() {
	if e.part.Official != nil {
		e.addHeader()
		e.addTitle()
	}
	for i, b := range e.part.Body {
		e.addBlock(i, b)
	}
	if e.part.Closing != nil {
		e.addSignature()
	}
}

// addHeader lays out the two-column header of page 1 (ô 1–4): the parent
// agency and the agency with a short rule on the left, the Quốc hiệu and
// Tiêu ngữ with a rule of the motto's length on the right; then "Số:" on
// the left level with the place and date on the right.
func (e *engine) addHeader() {
	h := e.part.Official.Header
	leftW := e.textW - e.rightW
	leftCX := e.l.MarginLeft + leftW/2
	rightCX := e.rightX + e.rightW/2
	pad := 2.0

	parent := e.wrap(h.Parent, "", sizeParent, leftW-pad, 0)
	agency := e.wrap(h.Agency, "B", sizeAgency, leftW-pad, 0)
	lhP, lhA := tightH(sizeParent), tightH(sizeAgency)
	leftH := float64(len(parent))*lhP + float64(len(agency))*lhA
	rightH := tightH(sizeMotto1) + tightH(sizeMotto2)
	// The rules sit a little below the descenders of the line above.
	ruleGap := 2.4
	rowsH := max(leftH, rightH) + ruleGap
	numGap := 5.0
	numH := tightH(sizeNumber)
	dateSize := float64(sizePlaceDate)
	for dateSize > 13 && e.width(h.PlaceDate, "I", dateSize) > e.rightW {
		dateSize-- // the decree allows 13–14 pt
	}
	lineH := max(numH, tightH(dateSize))

	e.add(box{h: rowsH + numGap + lineH, draw: func(y float64) {
		yl := y
		for _, l := range parent {
			e.centred(leftCX, yl, lhP, strings.Join(l, " "), "", sizeParent)
			yl += lhP
		}
		lastW := 0.0
		for _, l := range agency {
			lastW = e.centred(leftCX, yl, lhA, strings.Join(l, " "), "B", sizeAgency)
			yl += lhA
		}
		// Decree 30: a solid rule 1/3 to 1/2 of the name's line, centred.
		e.rule(leftCX, yl+ruleGap/2, lastW*0.4)

		yr := y
		e.centred(rightCX, yr, tightH(sizeMotto1), nationalName, "B", sizeMotto1)
		yr += tightH(sizeMotto1)
		mw := e.centred(rightCX, yr, tightH(sizeMotto2), nationalMotto, "B", sizeMotto2)
		yr += tightH(sizeMotto2)
		// Decree 30: the rule under the motto is as long as the motto.
		e.rule(rightCX, yr+ruleGap/2, mw)

		yn := y + rowsH + numGap
		e.centred(leftCX, yn, lineH, h.Number, "", sizeNumber)
		dw := e.width(h.PlaceDate, "I", dateSize)
		x := rightCX - dw/2
		if x+dw > e.l.MarginLeft+e.textW { // an unusually long place name
			x = e.l.MarginLeft + e.textW - dw
		}
		e.text(x, yn, lineH, h.PlaceDate, "I", dateSize)
	}})
}

// addTitle lays out the document type and the trích yếu (ô 5a), centred
// and bold, with a short rule under the title.
func (e *engine) addTitle() {
	cx := e.l.MarginLeft + e.textW/2
	lhT := tightH(sizeType)
	off := e.part.Official
	lines := e.balanced(off.Title, "B", sizeTitle, e.textW)
	lh := tightH(sizeTitle)
	widest := 0.0
	for _, l := range lines {
		widest = max(widest, e.width(strings.Join(l, " "), "B", sizeTitle))
	}
	before := 8.0
	after := 6.0
	e.add(box{before: before, h: lhT + float64(len(lines))*lh + after, keepNext: true, draw: func(y float64) {
		e.centred(cx, y, lhT, off.Type, "B", sizeType)
		y += lhT
		for _, l := range lines {
			e.centred(cx, y, lh, strings.Join(l, " "), "B", sizeTitle)
			y += lh
		}
		// Decree 30: a solid rule 1/3 to 1/2 of the title's line, centred.
		e.rule(cx, y+1.6, min(max(widest/3, 30), e.textW/2))
	}})
}

// addBlock lays out one body block as boxes of one line each, so that
// pages break between lines, never inside one.
func (e *engine) addBlock(bi int, b report.Block) {
	if b.Kind == report.TableBlock {
		e.addTable(b.Table)
		return
	}
	style := ""
	if b.Bold {
		style += "B"
	}
	if b.Italic {
		style += "I"
	}
	size := e.l.BodySize
	lh := e.lineH(size)
	x := e.l.MarginLeft
	indent := e.l.Indent
	justify := true
	if b.Kind == report.Caption {
		indent, justify = 0, false
	}
	lines := e.wrap(b.Text, style, size, e.textW, indent)
	n := len(lines)
	for i, words := range lines {
		i, words := i, words
		bx := box{h: lh}
		if i == 0 {
			bx.before = e.l.ParaSpacing * ptMM
		}
		// A heading stays with the first lines of what follows it; a
		// paragraph never leaves its first line alone at the foot of a
		// page (orphan) nor its last line alone at the head of the next
		// (widow).
		bx.keepNext = b.Kind == report.Heading || (n > 1 && (i == 0 || i == n-2))
		first := i == 0
		last := i == n-1
		ref := lineRef{Block: bi, Kind: b.Kind, Index: i, Count: n}
		bx.draw = func(y float64) {
			e.cur = ref
			defer func() { e.cur = lineRef{Block: -1} }()
			if b.Kind == report.Caption {
				e.centred(x+e.textW/2, y, lh, strings.Join(words, " "), style, size)
				return
			}
			lx, w := x, e.textW
			if first {
				lx, w = x+indent, e.textW-indent
			}
			e.drawLine(words, lx, y, lh, w, justify && !last, style, size)
		}
		e.add(bx)
	}
}

// addSignature lays out the foot of the document: "Nơi nhận:" and its
// list on the left, level with the signer's authority line on the right,
// room for the signature and seal, then the signer's name (ô 7a–7c, 9b).
// It is one box, kept together with the last two lines above it.
func (e *engine) addSignature() {
	d := e.part.Closing
	recvW := e.textW * 0.55
	lhL, lhR := tightH(sizeRecvLabel), tightH(sizeRecv)
	type recvLine struct {
		text   string
		indent float64
	}
	var recv []recvLine
	e.setFont("", sizeRecv)
	hang := e.f.GetStringWidth("- ")
	for _, r := range d.Recipients {
		for i, l := range e.wrap(r, "", sizeRecv, recvW, 0) {
			ind := 0.0
			if i > 0 {
				ind = hang
			}
			recv = append(recv, recvLine{strings.Join(l, " "), ind})
		}
	}
	leftH := 0.0
	if len(recv) > 0 {
		leftH = lhL + float64(len(recv))*lhR
	}
	titles := d.Signer.Titles
	lhS := tightH(sizeSigner)
	rightH := float64(len(titles))*lhS + signatureSpace + lhS
	if len(e.boxes) > 0 {
		e.boxes[len(e.boxes)-1].keepNext = true
	}
	cx := e.rightX + e.rightW/2
	e.add(box{before: 4, h: max(leftH, rightH), draw: func(y float64) {
		yl := y
		if len(recv) > 0 {
			e.text(e.l.MarginLeft, yl, lhL, "Nơi nhận:", "BI", sizeRecvLabel)
			yl += lhL
			for _, r := range recv {
				e.text(e.l.MarginLeft+r.indent, yl, lhR, r.text, "", sizeRecv)
				yl += lhR
			}
		}
		yr := y
		for _, t := range titles {
			e.centred(cx, yr, lhS, t, "B", sizeSigner)
			yr += lhS
		}
		yr += signatureSpace
		e.centred(cx, yr, lhS, d.Signer.Name, "B", sizeSigner)
	}})
}

// balanced wraps a centred title into as few lines as the width allows,
// then narrows the measure as far as the line count stays the same, so
// that the lines come out of even length rather than a long line and a
// stub ("… xây dựng nông / thôn mới").
func (e *engine) balanced(text, style string, size, width float64) [][]string {
	lines := e.wrap(text, style, size, width, 0)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := width/float64(len(lines)+1), width
	for hi-lo > 0.5 {
		mid := (lo + hi) / 2
		if len(e.wrap(text, style, size, mid, 0)) == len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return e.wrap(text, style, size, hi, 0)
}
