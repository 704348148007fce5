package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/decree30"
	"github.com/ntm-project/ntm/internal/report"
	"github.com/ntm-project/ntm/internal/vnfmt"
	"golang.org/x/text/unicode/norm"
)

// ModelError is what is wrong with a document model, every fault with
// where it is (part, block, row, cell, counted from 1 as a reader
// counts). Such faults are the builder's, not the clerk's: the renderer
// reports them all at once instead of drawing a wrong page or panicking.
type ModelError struct {
	Title    string
	Problems []string
}

func (e *ModelError) Error() string {
	return fmt.Sprintf("không vẽ được văn bản %q:\n  - %s", e.Title, strings.Join(e.Problems, "\n  - "))
}

// checker collects the problems of one document.
type checker struct {
	fs       *fontSet
	problems []string
}

func (c *checker) addf(where, format string, args ...any) {
	c.problems = append(c.problems, where+": "+fmt.Sprintf(format, args...))
}

// text checks that s can be printed: NFC (fpdf does no shaping, so a
// decomposed mark would print beside its letter), no control character
// but the spaces wrap reads as spaces, every rune in the fonts.
func (c *checker) text(where, s string) {
	c.textAt(func() string { return where }, s)
}

// textAt is text with the place named by where, called only when there
// is a problem to report (a table of a thousand cells names none of them
// when all is well).
func (c *checker) textAt(where func() string, s string) {
	if _, ok := c.fs.checked.Load(s); ok {
		return
	}
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			c.addf(where(), "chuỗi không phải UTF-8 hợp lệ (byte 0x%02X ở vị trí %d): %q", s[i], i, clip(s))
			return
		case breakable(r) || r == nbsp:
		case unicode.IsControl(r):
			c.addf(where(), "ký tự điều khiển U+%04X trong %q", r, clip(s))
			return
		case !c.fs.printable(r):
			c.addf(where(), "ký tự %q (U+%04X) không có trong phông chữ, trong %q", r, r, clip(s))
			return
		}
	}
	if !norm.NFC.IsNormalString(s) {
		c.addf(where(), "chuỗi chưa chuẩn hóa Unicode NFC: %q", clip(s))
		return
	}
	if len(s) <= 512 && c.fs.nChecked.Load() < checkedMax {
		if _, loaded := c.fs.checked.LoadOrStore(s, struct{}{}); !loaded {
			c.fs.nChecked.Add(1)
		}
	}
}

// num prints a number of a message the Vietnamese way ("1,2").
func num(v float64) string { return vnfmt.Number(v, 3) }

// clip shortens a text quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}

var kindNames = map[report.BlockKind]string{
	report.Paragraph: "đoạn văn", report.Heading: "đề mục", report.Caption: "tên bảng, biểu",
	report.TableBlock: "bảng", report.ChartBlock: "biểu đồ", report.PageBreak: "ngắt trang",
}

// validate checks doc before anything is drawn.
func (r *Renderer) validate(doc *report.Document) error {
	if doc == nil {
		return &ModelError{Problems: []string{"không có văn bản"}}
	}
	c := &checker{fs: r.fs}
	c.text("siêu dữ liệu, tiêu đề", doc.Meta.Title)
	c.text("siêu dữ liệu, tác giả", doc.Meta.Author)
	c.text("siêu dữ liệu, chủ đề", doc.Meta.Subject)
	if len(doc.Parts) == 0 {
		c.addf("văn bản", "không có phần nào")
	}
	for pi := range doc.Parts {
		c.part(pi, &doc.Parts[pi])
	}
	if len(c.problems) > 0 {
		return &ModelError{Title: doc.Meta.Title, Problems: c.problems}
	}
	return nil
}

func partName(pi int, p *report.Part) string {
	switch {
	case p.Annex != nil && p.Annex.Label != "":
		return fmt.Sprintf("phần %d (%s)", pi+1, p.Annex.Label)
	case p.Official != nil:
		return fmt.Sprintf("phần %d (văn bản chính)", pi+1)
	}
	return fmt.Sprintf("phần %d", pi+1)
}

func (c *checker) part(pi int, p *report.Part) {
	where := partName(pi, p)
	if p.Page.Orientation != report.Portrait && p.Page.Orientation != report.Landscape {
		c.addf(where, "hướng trang %d không có (dọc hoặc ngang)", p.Page.Orientation)
	}
	l := p.Page.Layout
	for _, f := range []struct {
		v float64
		r decree30.Range
	}{
		{l.MarginTop, decree30.MarginTop}, {l.MarginBottom, decree30.MarginBottom},
		{l.MarginLeft, decree30.MarginLeft}, {l.MarginRight, decree30.MarginRight},
		{l.BodySize, decree30.BodySize}, {l.LineSpacing, decree30.LineSpacing},
		{l.ParaSpacing, decree30.ParaSpacing},
	} {
		if f.v != 0 && !f.r.Contains(f.v) {
			c.addf(where, "%s %s %s ngoài khoảng Nghị định 30 cho phép (%s–%s)", f.r.Name, num(f.v), f.r.Unit, num(f.r.Min), num(f.r.Max))
		}
	}
	if l.Indent != 0 && !slices.ContainsFunc(decree30.Indents, func(v float64) bool { return math.Abs(v-l.Indent) < 0.001 }) {
		allowed := make([]string, len(decree30.Indents))
		for i, v := range decree30.Indents {
			allowed[i] = num(v) + " mm"
		}
		c.addf(where, "thụt đầu dòng %s mm: Nghị định 30 cho %s", num(l.Indent), strings.Join(allowed, " hoặc "))
	}
	if p.Official != nil && p.Annex != nil {
		c.addf(where, "vừa có phần đầu văn bản vừa có tiêu đề phụ lục")
	}
	if o := p.Official; o != nil {
		for _, s := range []string{o.Header.Parent, o.Header.Agency, o.Header.Number, o.Header.PlaceDate, o.Type, o.Title} {
			c.text(where+", phần đầu", s)
		}
		for i, s := range o.KinhGui {
			c.text(fmt.Sprintf("%s, Kính gửi %d", where, i+1), s)
		}
	}
	if a := p.Annex; a != nil {
		for _, s := range []string{a.Label, a.Title, a.Note} {
			c.text(where+", tiêu đề phụ lục", s)
		}
	}
	textW := decree30.PageWidth
	if p.Page.Orientation == report.Landscape {
		textW = decree30.PageHeight
	}
	ll := l.WithDefaults()
	textW -= ll.MarginLeft + ll.MarginRight
	frame := decree30.PageHeight - ll.MarginTop - ll.MarginBottom
	if p.Page.Orientation == report.Landscape {
		frame = decree30.PageWidth - ll.MarginTop - ll.MarginBottom
	}
	for bi := range p.Body {
		c.block(fmt.Sprintf("%s, khối %d", where, bi+1), &p.Body[bi], textW, frame)
	}
	if cl := p.Closing; cl != nil {
		for i, s := range cl.Recipients {
			c.text(fmt.Sprintf("%s, nơi nhận %d", where, i+1), s)
		}
		for _, s := range append(slices.Clone(cl.Signer.Titles), cl.Signer.Name) {
			c.text(where+", người ký", s)
		}
	}
}

func (c *checker) block(where string, b *report.Block, textW, frame float64) {
	name, known := kindNames[b.Kind]
	if !known {
		c.addf(where, "loại khối %d không có (đoạn văn, đề mục, tên bảng, bảng, biểu đồ, ngắt trang)", b.Kind)
		return
	}
	where += " (" + name + ")"
	c.text(where, b.Text)
	if b.Align < report.AlignDefault || b.Align > report.AlignJustify {
		c.addf(where, "căn lề %d không có", b.Align)
	}
	if b.Kind == report.Heading && (b.Level < 0 || b.Level > 3) {
		c.addf(where, "cấp đề mục %d: chỉ có cấp 1, 2, 3", b.Level)
	}
	if b.Table != nil && b.Kind != report.TableBlock {
		c.addf(where, "khối không phải bảng mà có bảng")
	}
	if b.Chart != nil && b.Kind != report.ChartBlock {
		c.addf(where, "khối không phải biểu đồ mà có biểu đồ")
	}
	switch b.Kind {
	case report.TableBlock:
		if b.Table == nil {
			c.addf(where, "không có bảng")
			return
		}
		c.table(where, b.Table, textW)
	case report.ChartBlock:
		if b.Chart == nil {
			c.addf(where, "không có biểu đồ")
			return
		}
		c.chart(where, b.Chart, textW, frame)
	}
}

// table checks a table's columns and cells: widths that add up to the
// text width, header cells that tile the header rows, body rows whose
// spans add up to the columns, columns wide enough for every letter of
// their cells.
func (c *checker) table(where string, t *report.Table, textW float64) {
	nc := len(t.Columns)
	if nc == 0 {
		c.addf(where, "bảng không có cột")
		return
	}
	sum := 0.0
	for i, col := range t.Columns {
		if !(col.Width > 0) || math.IsInf(col.Width, 0) {
			c.addf(where, "cột %d: độ rộng %s phải lớn hơn 0", i+1, num(col.Width))
		}
		sum += col.Width
		if col.Align < report.AlignDefault || col.Align > report.AlignJustify {
			c.addf(where, "cột %d: căn lề %d không có", i+1, col.Align)
		}
	}
	if math.Abs(sum-1) > 1e-3 {
		c.addf(where, "độ rộng các cột cộng lại %s, phải bằng 1 (cả chiều rộng vùng chữ)", num(sum))
		return
	}
	size := tableSizeOf(t)
	if size < 8 || size > 14 {
		c.addf(where, "cỡ chữ của bảng %s pt: chỉ từ 8 đến 14 pt", num(size))
		return
	}
	widths := make([]float64, nc)
	for i, col := range t.Columns {
		widths[i] = col.Width * textW
	}
	// cell checks one cell spanning columns [from, to); where names it.
	cell := func(where func() string, cl report.Cell, from, to int, isBold bool) {
		c.textAt(where, cl.Text)
		room := -2 * cellPad
		for k := from; k < to; k++ {
			room += widths[k]
		}
		st := styleOf(isBold || cl.Bold, cl.Italic)
		need := 0.0
		for _, r := range cl.Text {
			need = max(need, c.fs.runeMM(r, st, size))
		}
		if need == 0 {
			need = c.fs.runeMM('M', st, size)
		}
		if room < need-eps {
			c.addf(where(), "cột hẹp quá: rộng %s mm, chữ cần ít nhất %s mm", num(room+2*cellPad), num(need+2*cellPad))
		}
		if cl.Align < report.AlignDefault || cl.Align > report.AlignJustify {
			c.addf(where(), "căn lề %d không có", cl.Align)
		}
	}
	nr := len(t.Header)
	taken := make([][]bool, nr)
	for r := range taken {
		taken[r] = make([]bool, nc)
	}
	for r, row := range t.Header {
		col := 0
		for k, cl := range row {
			w := fmt.Sprintf("%s, hàng tiêu đề %d, ô %d", where, r+1, k+1)
			for col < nc && taken[r][col] {
				col++
			}
			span, rows := max(cl.ColSpan, 1), max(cl.RowSpan, 1)
			if cl.ColSpan < 0 || cl.RowSpan < 0 {
				c.addf(w, "số cột hoặc số hàng gộp âm")
				return
			}
			if col+span > nc {
				c.addf(w, "ô thừa: hàng tiêu đề đã đủ %d cột", nc)
				return
			}
			if r+rows > nr {
				c.addf(w, "ô gộp %d hàng, quá hàng tiêu đề cuối", rows)
				return
			}
			for rr := r; rr < r+rows; rr++ {
				for cc := col; cc < col+span; cc++ {
					if taken[rr][cc] {
						c.addf(w, "ô chồng lên ô gộp từ hàng trên")
						return
					}
					taken[rr][cc] = true
				}
			}
			cell(func() string { return w }, cl, col, col+span, true)
			col += span
		}
		for cc := range nc {
			if !taken[r][cc] {
				c.addf(fmt.Sprintf("%s, hàng tiêu đề %d", where, r+1), "các ô phủ thiếu cột %d (cần đủ %d cột)", cc+1, nc)
				return
			}
		}
	}
	// The body's rows and cells are named only when one has a problem.
	for ri, row := range t.Rows {
		rw := func() string { return fmt.Sprintf("%s, hàng %d", where, ri+1) }
		col := 0
		for k, cl := range row.Cells {
			w := func() string { return fmt.Sprintf("%s, ô %d", rw(), k+1) }
			if cl.RowSpan > 1 {
				c.addf(w(), "ô của thân bảng không gộp hàng được")
			}
			if cl.ColSpan < 0 {
				c.addf(w(), "số cột gộp âm")
				continue
			}
			span := max(cl.ColSpan, 1)
			if col+span > nc {
				c.addf(w(), "ô thừa: hàng đã đủ %d cột", nc)
				break
			}
			cell(w, cl, col, col+span, row.Bold)
			col += span
		}
		if col < nc {
			c.addf(rw(), "các ô phủ %d cột, bảng có %d cột", col, nc)
		}
	}
}

// chart checks that a chart can be drawn as its model says.
func (c *checker) chart(where string, ch *report.Chart, textW, frame float64) {
	n := len(ch.Categories)
	if n == 0 {
		c.addf(where, "biểu đồ không có nhóm nào")
	}
	if len(ch.Series) == 0 || len(ch.Series) > maxSeries {
		c.addf(where, "biểu đồ có %d dãy số liệu: cần từ 1 đến %d", len(ch.Series), maxSeries)
	}
	if len(ch.Ticks) < 2 {
		c.addf(where, "trục giá trị cần ít nhất 2 vạch chia")
		return
	}
	for i, t := range ch.Ticks {
		if math.IsNaN(t.Value) || math.IsInf(t.Value, 0) {
			c.addf(where, "vạch chia %d không phải là số", i+1)
			return
		}
		if i > 0 && !(t.Value > ch.Ticks[i-1].Value) {
			c.addf(where, "vạch chia %d (%s) không lớn hơn vạch trước (%s)", i+1, num(t.Value), num(ch.Ticks[i-1].Value))
			return
		}
		c.text(fmt.Sprintf("%s, vạch chia %d", where, i+1), t.Label)
	}
	lo, hi := ch.Ticks[0].Value, ch.Ticks[len(ch.Ticks)-1].Value
	for i, s := range ch.Categories {
		c.text(fmt.Sprintf("%s, nhóm %d", where, i+1), s)
	}
	c.text(where+", tên trục", ch.ValueAxis)
	for si, s := range ch.Series {
		sw := fmt.Sprintf("%s, dãy %d", where, si+1)
		c.text(sw, s.Name)
		if w := c.fs.widthMM(s.Name, regular, chartSize); w > textW-chartSwatch-chartLabelGap {
			c.addf(sw, "tên dãy dài quá một dòng chú thích")
		}
		if len(s.Values) != n {
			c.addf(sw, "có %d giá trị cho %d nhóm", len(s.Values), n)
		}
		for i, v := range s.Values {
			if math.IsNaN(v) || v < lo-eps || v > hi+eps {
				c.addf(sw, "giá trị %d (%s) ngoài trục (%s–%s)", i+1, num(v), num(lo), num(hi))
			}
		}
		if ch.ShowValues && len(s.Labels) != n {
			c.addf(sw, "có %d nhãn giá trị cho %d nhóm", len(s.Labels), n)
		}
		for i, l := range s.Labels {
			c.text(fmt.Sprintf("%s, nhãn %d", sw, i+1), l)
		}
	}
	if ch.Height < 0 || math.IsNaN(ch.Height) || ch.Height > frame/2 {
		c.addf(where, "chiều cao biểu đồ %s mm: từ 0 (tự chọn) đến %s mm (nửa trang)", num(ch.Height), num(math.Floor(frame/2)))
	}
	if ch.Horizontal && n > 0 && n*len(ch.Series)*int(chartBarH) > int(frame*0.6) && ch.Height == 0 {
		c.addf(where, "biểu đồ thanh ngang có %d nhóm, cao quá một trang", n)
	}
}
