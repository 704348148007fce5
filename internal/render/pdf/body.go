package pdf

import "github.com/ntm-project/ntm/internal/report"

// build turns the current part into the flow of boxes: the Decree 30
// head of page 1 or the appendix heading, the body, the closing.
func (e *engine) build() []*box {
	p := e.part
	var bs []*box
	if p.Official != nil {
		bs = append(bs, e.officialHead(p.Official)...)
	}
	if p.Annex != nil {
		bs = append(bs, e.annexHead(p.Annex))
	}
	for i := range p.Body {
		bs = append(bs, e.block(i, &p.Body[i])...)
	}
	if p.Closing != nil {
		// The signer's block stays with at least the last two lines of
		// the body (lines, or table rows).
		for k, n := len(bs)-1, 0; k >= 0 && n < 2 && !bs[k].pageBreak; k, n = k-1, n+1 {
			bs[k].keepNext = true
		}
		bs = append(bs, e.closing(p.Closing))
	}
	return bs
}

// block lays out one body block.
func (e *engine) block(bi int, b *report.Block) []*box {
	switch b.Kind {
	case report.TableBlock:
		return e.table(bi, b.Table)
	case report.ChartBlock:
		return []*box{e.chart(bi, b.Chart)}
	case report.PageBreak:
		return []*box{{pageBreak: true}}
	}
	return e.textBlock(bi, b)
}

// textBlock lays out a paragraph, heading or caption as one box per line,
// so that pages break between lines, never inside one. A heading stays
// with the first lines of what follows it, a caption with its table or
// chart; a paragraph never leaves its first line alone at the foot of a
// page (orphan) nor its last line alone at the head of the next (widow).
func (e *engine) textBlock(bi int, b *report.Block) []*box {
	size := e.l.BodySize
	lh := e.lineH(size)
	f := font{styleOf(b.Bold, b.Italic), size}
	indent := e.l.Indent
	align := alignJustify
	switch b.Kind {
	case report.Heading:
		// Level 1 ("I. …") is always bold; levels 2 and 3 as the block
		// says. Headings are ragged, not justified.
		if b.Level <= 1 {
			f.st |= bold
		}
		align = alignLeft
	case report.Caption:
		f.st = styleOf(!b.Plain, b.Italic)
		indent, align = 0, alignCenter
	}
	switch b.Align {
	case report.AlignLeft:
		align = alignLeft
	case report.AlignCenter:
		align, indent = alignCenter, 0
	case report.AlignRight:
		align, indent = alignRight, 0
	case report.AlignJustify:
		align = alignJustify
	}
	if b.NoIndent {
		indent = 0
	}
	var lines []line
	if align == alignCenter {
		lines = e.fs.balanced(b.Text, f, e.textW)
	} else {
		lines = e.fs.wrap(b.Text, f, e.textW, indent, 0)
	}
	n := len(lines)
	keep := b.Kind == report.Heading || b.Kind == report.Caption
	out := make([]*box, n)
	for i, l := range lines {
		bx := &box{h: lh}
		if i == 0 {
			bx.before = e.l.ParaSpacing * ptMM
		}
		bx.keepNext = keep || (n > 1 && (i == 0 || i == n-2))
		ref := lineRef{Part: e.pi, Block: bi, Kind: b.Kind, Index: i, Count: n}
		x, w := e.left, e.textW
		if i == 0 {
			x, w = x+indent, w-indent
		}
		bx.draw = func(y float64) {
			e.cur = ref
			e.drawLine(l, x, y, lh, w, align, f)
			e.cur = lineRef{Part: -1, Block: -1}
		}
		out[i] = bx
	}
	return out
}
