package pdf

import (
	"strings"

	"github.com/ntm-project/ntm/internal/decree30"
	"github.com/ntm-project/ntm/internal/report"
)

// The Decree 30 pieces: the two-column header, the type and trích yếu and
// "Kính gửi" of page 1, the closing (Nơi nhận and the signer's block),
// and the heading of an appendix. Each only makes boxes for the flow.

// columns is the header's geometry on the current part's pages: ô 2–3 on
// the left, ô 1 and 4 on the right, flush with the right margin; the
// signer's block is centred under ô 1.
type columns struct {
	leftX, leftW, leftCX    float64
	rightX, rightW, rightCX float64
}

func (e *engine) columns() columns {
	hw := min(e.textW, decree30.HeaderWidth)
	var c columns
	c.leftX, c.leftW = e.left, hw*decree30.HeaderLeftShare
	c.rightW = hw - c.leftW
	c.rightX = e.right - c.rightW
	c.leftCX, c.rightCX = c.leftX+c.leftW/2, c.rightX+c.rightW/2
	return c
}

// Spacing of page 1, mm: the rules sit halfway in a gap below the line
// above them; then the number line; the type and title below.
const (
	headerRuleGap = 3.4
	numberGap     = 5.0
	titleBefore   = 8.0
	titleAfter    = 6.0
	titleRuleGap  = 1.6
	kinhGuiBefore = 2.0
)

// officialHead lays out the boxes of page 1 (ô 1–5a, 9a), kept together
// and with the first lines of the body.
func (e *engine) officialHead(off *report.Official) []*box {
	return append([]*box{e.header(off.Header), e.titleBox(off)}, e.kinhGui(off.KinhGui)...)
}

// header lays out ô 1–4: the parent agency (upright) and the agency
// (bold) with its rule on the left, the national name and motto with the
// motto's rule on the right; then "Số:" on the left level with the place
// and date on the right. Without a parent agency the agency's name starts
// level with the national name.
func (e *engine) header(h report.Header) *box {
	c := e.columns()
	const pad = 1.0
	fp := font{regular, decree30.SizeParent}
	fa := font{bold, decree30.SizeAgency}
	parent := e.nameLines(h.Parent, &fp, c.leftW-2*pad)
	agency := e.nameLines(h.Agency, &fa, c.leftW-2*pad)
	lhP, lhA := tightH(fp.size), tightH(fa.size)
	leftH := float64(len(parent))*lhP + float64(len(agency))*lhA
	f1 := font{bold, decree30.SizeMotto1}
	f2 := font{bold, decree30.SizeMotto2}
	lh1, lh2 := tightH(f1.size), tightH(f2.size)
	rightH := lh1 + lh2
	rowsH := max(leftH, rightH) + headerRuleGap

	fn := font{regular, decree30.SizeNumber}
	fd := font{italic, decree30.SizePlaceDate}
	if e.fs.widthMM(h.PlaceDate, fd.st, fd.size) > c.rightW {
		fd.size = decree30.SizePlaceDateMin // the decree allows 13–14 pt
	}
	lineH := max(tightH(fn.size), tightH(fd.size))

	return &box{h: rowsH + numberGap + lineH, keepNext: true, draw: func(y float64) {
		yl := y
		for _, l := range parent {
			e.centred(c.leftCX, yl, lhP, l.text(), fp)
			yl += lhP
		}
		for _, l := range agency {
			e.centred(c.leftCX, yl, lhA, l.text(), fa)
			yl += lhA
		}
		if len(agency) > 0 {
			// A solid rule 1/3 to 1/2 of the name's longest line, centred.
			e.rule(c.leftCX, yl+headerRuleGap/2, widest(agency)*decree30.RuleShare)
		}

		yr := y
		e.centredClamped(c.rightCX, yr, lh1, decree30.NationalName, f1)
		yr += lh1
		mw := e.centredClamped(c.rightCX, yr, lh2, decree30.NationalMotto, f2)
		yr += lh2
		// The rule under the motto is as long as the motto.
		e.rule(c.rightCX, yr+headerRuleGap/2, mw)

		yn := y + rowsH + numberGap
		e.centred(c.leftCX, yn, lineH, h.Number, fn)
		e.centredClamped(c.rightCX, yn, lineH, h.PlaceDate, fd)
	}}
}

// nameLines breaks an agency's name at the size f has (13 pt); when the
// name can only break inside a phrase there, it tries 12 pt, the least
// the decree allows, and keeps it if it breaks better.
func (e *engine) nameLines(name string, f *font, width float64) []line {
	lines, cost := e.fs.breakNameCost(name, *f, width)
	if cost < costDash {
		return lines
	}
	small := font{f.st, decree30.SizeAgencyMin}
	if l2, c2 := e.fs.breakNameCost(name, small, width); c2 < cost {
		*f = small
		return l2
	}
	return lines
}

// centredClamped centres s on cx but keeps it inside the right margin.
func (e *engine) centredClamped(cx, y, h float64, s string, f font) float64 {
	w := e.fs.widthMM(s, f.st, f.size)
	x := min(cx-w/2, e.right-w)
	e.text(x, y, h, s, f)
	return w
}

// titleBox lays out ô 5a: the document type in capitals and the trích
// yếu, centred and bold, in even lines, with a rule under it.
func (e *engine) titleBox(off *report.Official) *box {
	cx := e.left + e.textW/2
	ft := font{bold, decree30.SizeType}
	fy := font{bold, decree30.SizeTitle}
	lhT, lh := tightH(ft.size), tightH(fy.size)
	typeH := 0.0
	if off.Type != "" {
		typeH = lhT
	}
	lines := e.fs.balanced(off.Title, fy, e.textW)
	h := typeH + float64(len(lines))*lh + titleAfter
	return &box{before: titleBefore, h: h, keepNext: true, draw: func(y float64) {
		if off.Type != "" {
			e.centred(cx, y, lhT, off.Type, ft)
			y += lhT
		}
		for _, l := range lines {
			e.centred(cx, y, lh, l.text(), fy)
			y += lh
		}
		if len(lines) > 0 {
			e.rule(cx, y+titleRuleGap, widest(lines)*decree30.RuleShare)
		}
	}}
}

// kinhGui lays out ô 9a: "Kính gửi:" and one addressee on the same line,
// or several, each "- …;" on its own line with the dashes under the
// colon, the last ending with "."; the block centred on the page. An
// addressee's own final ";" or "." is replaced.
func (e *engine) kinhGui(to []string) []*box {
	if len(to) == 0 {
		return nil
	}
	f := font{regular, decree30.SizeKinhGui}
	lh := e.lineH(f.size)
	label := decree30.KinhGuiLabel
	labelW := e.fs.widthMM(label, f.st, f.size)
	colon := e.fs.widthMM(strings.TrimSuffix(label, ":"), f.st, f.size)
	space := e.fs.spaceMM(f.st, f.size)
	trim := func(s string) string { return strings.TrimRight(strings.TrimSpace(s), ";.") }

	type placed struct {
		l  line
		dx float64 // from the block's left edge
	}
	var lines []placed
	var blockW float64
	if len(to) == 1 {
		// "Kính gửi: Bộ Nội vụ"; a long name wraps under itself.
		dx := labelW + space
		for _, l := range e.fs.wrap(trim(to[0]), f, e.textW-dx, 0, 0) {
			lines = append(lines, placed{l, dx})
			blockW = max(blockW, dx+l.w)
		}
	} else {
		blockW = labelW
		dash := e.fs.widthMM("- ", f.st, f.size)
		for i, name := range to {
			end := ";"
			if i == len(to)-1 {
				end = "."
			}
			for k, l := range e.fs.wrap("- "+trim(name)+end, f, e.textW-colon, 0, dash) {
				dx := colon
				if k > 0 {
					dx += dash
				}
				lines = append(lines, placed{l, dx})
				blockW = max(blockW, dx+l.w)
			}
		}
	}
	x := e.left + max(0, (e.textW-blockW)/2)
	var out []*box
	if len(to) > 1 {
		// The label has a line of its own; the list starts below it.
		out = append(out, &box{before: kinhGuiBefore, h: lh, keepNext: true, draw: func(y float64) {
			e.text(x, y, lh, label, f)
		}})
	}
	for i, p := range lines {
		withLabel := i == 0 && len(to) == 1
		b := &box{h: lh, keepNext: true, draw: func(y float64) {
			if withLabel {
				e.text(x, y, lh, label, f)
			}
			e.drawLine(p.l, x+p.dx, y, lh, p.l.w, alignLeft, f)
		}}
		if withLabel {
			b.before = kinhGuiBefore
		}
		out = append(out, b)
	}
	return out
}

// annexHead lays out the heading of an appendix: "Phụ lục I" bold 14 pt
// on its own line, the title in capitals bold, the "(Kèm theo …)" line in
// italics, each centred in even lines, and a short rule below; kept with
// the first lines of the body.
func (e *engine) annexHead(a *report.AnnexHead) *box {
	cx := e.left + e.textW/2
	fl := font{bold, decree30.SizeAnnexLabel}
	ft := font{bold, decree30.SizeAnnexTitle}
	fn := font{italic, decree30.SizeAnnexNote}
	type part struct {
		lines []line
		f     font
	}
	var parts []part
	for _, p := range []part{
		{e.fs.balanced(a.Label, fl, e.textW), fl},
		{e.fs.balanced(a.Title, ft, e.textW), ft},
		{e.fs.balanced(a.Note, fn, e.textW), fn},
	} {
		if len(p.lines) > 0 {
			parts = append(parts, p)
		}
	}
	h := 0.0
	last := 0.0
	for _, p := range parts {
		h += float64(len(p.lines)) * tightH(p.f.size)
		last = widest(p.lines)
	}
	h += titleAfter
	return &box{h: h, keepNext: true, draw: func(y float64) {
		for _, p := range parts {
			lh := tightH(p.f.size)
			for _, l := range p.lines {
				e.centred(cx, y, lh, l.text(), p.f)
				y += lh
			}
		}
		if last > 0 {
			e.rule(cx, y+titleRuleGap, last*decree30.RuleShare)
		}
	}}
}

// closingGap is the least room between the Nơi nhận column and the
// signer's block, mm; recipientsShare bounds the Nơi nhận column.
const (
	closingGap        = 5.0
	recipientsMin     = 0.40
	recipientsMax     = 0.55
	closingBefore     = 4.0
	signerLineSpacing = 1.0
)

// closing lays out the foot of a part (ô 7a–7c, 9b): "Nơi nhận:" and its
// list on the left, the label level with the signer's first title line
// on the right; the titles, room for the signature and seal, and the
// name, centred under the national name. The two columns never overlap:
// the list takes what the signer's block leaves. When it does not fit in
// what is left of a page, the signer's block and the start of the list
// stay on the page and the list continues on the next (Decree 30 lets the
// list run on); the signer's block never goes alone to a page: the flow
// keeps it with the last two lines of the body.
func (e *engine) closing(c *report.Closing) *box {
	cols := e.columns()
	fs := font{bold, decree30.SizeSigner}
	lhS := tightH(fs.size) * signerLineSpacing
	cx := cols.rightCX
	maxW := max(2*min(e.right-cx, cx-(e.left+recipientsMin*e.textW+closingGap)), cols.rightW/2)
	var sig []line
	for _, t := range c.Signer.Titles {
		sig = append(sig, e.fs.breakName(t, fs, maxW)...)
	}
	nTitles := len(sig)
	name := e.fs.balanced(c.Signer.Name, fs, maxW)
	signerH := 0.0
	if nTitles+len(name) > 0 {
		signerH = float64(nTitles)*lhS + decree30.SignatureSpace + float64(len(name))*lhS
	}
	sigW := max(widest(sig), widest(name))
	recvW := recipientsMax * e.textW
	if sigW > 0 {
		recvW = min(recvW, cx-sigW/2-closingGap-e.left)
	}

	fl := font{boldItalic, decree30.SizeRecvLabel}
	fr := font{regular, decree30.SizeRecv}
	lhL, lhR := tightH(fl.size), tightH(fr.size)
	// The label's baseline on the signer's first line's.
	labelDY := baseline(lhS, fs.size) - baseline(lhL, fl.size)
	hang := e.fs.widthMM("- ", fr.st, fr.size)
	var recv []recvLine
	for i, r := range c.Recipients {
		ind := 0.0
		if strings.HasPrefix(r, "- ") {
			ind = hang
		}
		for k, l := range e.fs.wrap(r, fr, recvW, 0, ind) {
			rl := recvLine{l: l, entry: i}
			if k > 0 {
				rl.indent = ind
			}
			recv = append(recv, rl)
		}
	}
	drawSigner := func(y float64) {
		for i, l := range sig {
			e.centred(cx, y+float64(i)*lhS, lhS, l.text(), fs)
		}
		yn := y + float64(nTitles)*lhS + decree30.SignatureSpace
		for i, l := range name {
			e.centred(cx, yn+float64(i)*lhS, lhS, l.text(), fs)
		}
	}
	listH := func(n int) float64 { return float64(n) * lhR }
	drawList := func(y float64, ls []recvLine) {
		for _, r := range ls {
			e.drawLine(r.l, e.left+r.indent, y, lhR, recvW-r.indent, alignLeft, fr)
			y += lhR
		}
	}
	// head makes the box of the signer's block with the label and the
	// first n lines of the list.
	head := func(n int) *box {
		leftH := 0.0
		if len(recv) > 0 {
			leftH = labelDY + lhL + listH(n)
		}
		ls := recv[:n]
		return &box{before: closingBefore, h: max(leftH, signerH), draw: func(y float64) {
			if len(recv) > 0 {
				e.text(e.left, y+labelDY, lhL, decree30.RecipientsLabel, fl)
				drawList(y+labelDY+lhL, ls)
			}
			drawSigner(y)
		}}
	}
	whole := head(len(recv))
	if len(recv) == 0 {
		return whole
	}
	first := 1
	for first < len(recv) && recv[first].entry == recv[0].entry {
		first++
	}
	whole.minH = max(signerH, labelDY+lhL+listH(first))
	whole.eager = true
	whole.split = func(room float64) (*box, *box) {
		n := int((room - labelDY - lhL + eps) / lhR)
		n = min(n, len(recv))
		if signerH > room+eps || n < 1 {
			return nil, nil
		}
		n = entryBreak(recv, widowed(len(recv), n))
		return head(n), e.recipientsRest(recv[n:], recvW, fr)
	}
	return whole
}

// recvLine is one printed line of the Nơi nhận list.
type recvLine struct {
	l      line
	indent float64
	entry  int // which recipient it belongs to
}

// widowed moves a break after n of total lines one line earlier when it
// would leave a single line to go on alone on the next page.
func widowed(total, n int) int {
	if total-n == 1 && n > 1 {
		return n - 1
	}
	return n
}

// entryBreak moves a break after n lines back to the end of a recipient
// when one ends before it, so that a recipient's lines stay together.
func entryBreak(recv []recvLine, n int) int {
	if n >= len(recv) {
		return n
	}
	for k := n; k > 0; k-- {
		if recv[k].entry != recv[k-1].entry {
			return k
		}
	}
	return n
}

// recipientsRest is the rest of a Nơi nhận list continued at the top of
// the next page, flush left, itself split again if it is longer than a
// page.
func (e *engine) recipientsRest(ls []recvLine, recvW float64, fr font) *box {
	lhR := tightH(fr.size)
	b := &box{h: float64(len(ls)) * lhR, eager: true, draw: func(y float64) {
		for _, r := range ls {
			e.drawLine(r.l, e.left+r.indent, y, lhR, recvW-r.indent, alignLeft, fr)
			y += lhR
		}
	}}
	b.minH = lhR
	b.split = func(room float64) (*box, *box) {
		n := min(int((room+eps)/lhR), len(ls))
		if n < 1 {
			return nil, nil
		}
		n = entryBreak(ls, widowed(len(ls), n))
		if n < 1 {
			return nil, nil
		}
		return e.recipientsRest(ls[:n], recvW, fr), e.recipientsRest(ls[n:], recvW, fr)
	}
	return b
}
