package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/decree30"
	"github.com/ntm-project/ntm/internal/report"
)

// texts returns the runs of the trace whose text is s, in order.
func texts(tr *trace, s string) []TextBox {
	var out []TextBox
	for _, b := range tr.Texts {
		if b.Text == s {
			out = append(out, b)
		}
	}
	return out
}

func one(t *testing.T, tr *trace, s string) TextBox {
	t.Helper()
	bs := texts(tr, s)
	if len(bs) != 1 {
		t.Fatalf("%q drawn %d times, want once", s, len(bs))
	}
	return bs[0]
}

// rules returns the rules of page 1, top to bottom.
func rules(tr *trace) []Shape {
	var out []Shape
	for _, s := range tr.Shapes {
		if s.What == "rule" && s.Page == 1 {
			out = append(out, s)
		}
	}
	return out
}

// TestHeaderGeometry checks the two-column header for the agencies the
// decree's forms show: the agency's name broken at a phrase boundary and
// its rule centred under it at 1/3 to 1/2 of its longest line; the
// motto's rule as long as the motto; a header without a parent agency
// starting level with the national name; "Số:" centred under the agency,
// the place and date under the motto, on one line.
func TestHeaderGeometry(t *testing.T) {
	tests := []struct {
		parent, agency string
		lines          []string // the agency as drawn
		size           float64
	}{
		{"UBND TỈNH QUẢNG TRỊ", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", []string{"SỞ KẾ HOẠCH VÀ ĐẦU TƯ"}, 13},
		{"UBND TỈNH HÀ TĨNH", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", []string{"SỞ NÔNG NGHIỆP VÀ", "PHÁT TRIỂN NÔNG THÔN"}, 13},
		{"", "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG KHÊ", []string{"ỦY BAN NHÂN DÂN", "HUYỆN HƯƠNG KHÊ"}, 13},
		{"UBND TỈNH QUẢNG TRỊ", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", []string{"SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"}, 12},
		{"UBND TỈNH QUẢNG TRỊ", "VĂN PHÒNG ĐIỀU PHỐI\nNÔNG THÔN MỚI TỈNH", []string{"VĂN PHÒNG ĐIỀU PHỐI", "NÔNG THÔN MỚI TỈNH"}, 13},
	}
	for _, tt := range tests {
		t.Run(tt.agency, func(t *testing.T) {
			doc := sampleDoc(1)
			h := &doc.Parts[0].Official.Header
			h.Parent, h.Agency = tt.parent, tt.agency
			tr, _, info := traced(t, doc)
			checkFrame(t, tr, info)
			var agency []TextBox
			for _, l := range tt.lines {
				b := one(t, tr, l)
				if !b.Bold || b.Size != tt.size {
					t.Errorf("%q: %.0f pt, bold %v; want %.0f pt bold", l, b.Size, b.Bold, tt.size)
				}
				agency = append(agency, b)
			}
			cx := agency[0].X + agency[0].W/2
			longest := 0.0
			for _, b := range agency {
				if math.Abs(b.X+b.W/2-cx) > 0.01 {
					t.Errorf("agency lines not centred on one axis: %q at %.2f, first at %.2f", b.Text, b.X+b.W/2, cx)
				}
				longest = max(longest, b.W)
			}
			rs := rules(tr)
			if len(rs) != 3 {
				t.Fatalf("%d rules on page 1, want 3 (agency, motto, title)", len(rs))
			}
			var ar, mr Shape // the agency's and the motto's rules
			for _, r := range rs[:2] {
				if r.X < 100 {
					ar = r
				} else {
					mr = r
				}
			}
			if share := ar.W / longest; share < decree30.RuleMin-1e-9 || share > decree30.RuleMax+1e-9 {
				t.Errorf("agency rule %.1f mm is %.2f of its longest line (%.1f mm), want 1/3–1/2", ar.W, share, longest)
			}
			if math.Abs(ar.X+ar.W/2-cx) > 0.01 {
				t.Errorf("agency rule centred at %.2f, the name at %.2f", ar.X+ar.W/2, cx)
			}
			last := agency[len(agency)-1]
			if ar.Y <= last.Y+last.H {
				t.Errorf("agency rule at y=%.2f, not below the name's last line (%.2f)", ar.Y, last.Y+last.H)
			}
			motto := one(t, tr, decree30.NationalMotto)
			if math.Abs(mr.W-motto.W) > 0.01 || math.Abs(mr.X-motto.X) > 0.01 {
				t.Errorf("motto rule %.2f–%.2f, motto %.2f–%.2f", mr.X, mr.X+mr.W, motto.X, motto.X+motto.W)
			}
			name := one(t, tr, decree30.NationalName)
			if tt.parent == "" && math.Abs(agency[0].Y-name.Y) > 0.01 {
				t.Errorf("without a parent agency, the name starts at y=%.2f, the national name at %.2f", agency[0].Y, name.Y)
			}
			if tt.parent != "" {
				p := one(t, tr, tt.parent)
				if p.Bold || math.Abs(p.Y-name.Y) > 0.01 || math.Abs(p.X+p.W/2-cx) > 0.01 {
					t.Errorf("parent agency %q: bold %v, y=%.2f (national name %.2f), centre %.2f", p.Text, p.Bold, p.Y, name.Y, p.X+p.W/2)
				}
			}
			num, date := one(t, tr, "Số: 2071/SKH-KTN"), one(t, tr, "Quảng Trị, ngày 08 tháng 12 năm 2020")
			if math.Abs(num.X+num.W/2-cx) > 0.01 || num.Y != date.Y || !date.Italic {
				t.Errorf("number at centre %.2f y=%.2f, date y=%.2f italic %v", num.X+num.W/2, num.Y, date.Y, date.Italic)
			}
			if math.Abs(date.X+date.W/2-(motto.X+motto.W/2)) > 0.01 {
				t.Errorf("place and date not centred under the motto")
			}
			if num.Y <= ar.Y || num.Y <= mr.Y {
				t.Errorf("number line above the rules")
			}
		})
	}
}

// TestSignerForms draws the signer's block in every form of Decree 30,
// Appendix I, §II.7 and checks it line by line: each title line bold
// 14 pt in the given order, all centred on one axis, the name below after
// the room for the signature; "Nơi nhận:" on the baseline of the first
// title line; the Nơi nhận column and the signer's never overlapping.
func TestSignerForms(t *testing.T) {
	forms := slices.Sorted(func(yield func(string) bool) {
		for k := range signerForms {
			if !yield(k) {
				return
			}
		}
	})
	for _, form := range forms {
		titles := signerForms[form]
		t.Run(form, func(t *testing.T) {
			doc := sampleDoc(2)
			c := doc.Parts[0].Closing
			c.Signer.Titles = titles
			c.Recipients = append([]string{"- Như trên;", "- Văn phòng Điều phối Chương trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh (b/c);"}, c.Recipients...)
			tr, _, info := traced(t, doc)
			checkFrame(t, tr, info)
			var lines []TextBox
			for _, s := range titles {
				lines = append(lines, one(t, tr, s))
			}
			name := one(t, tr, "Trương Chí Trung")
			cx := name.X + name.W/2
			for i, b := range lines {
				if !b.Bold || b.Size != 14 {
					t.Errorf("%q: %.0f pt bold %v", b.Text, b.Size, b.Bold)
				}
				if math.Abs(b.X+b.W/2-cx) > 0.01 {
					t.Errorf("%q centred at %.2f, the name at %.2f", b.Text, b.X+b.W/2, cx)
				}
				if i > 0 && b.Y <= lines[i-1].Y {
					t.Errorf("%q not below %q", b.Text, lines[i-1].Text)
				}
			}
			if gap := name.Y - (lines[len(lines)-1].Y + lines[len(lines)-1].H); gap < decree30.SignatureSpace-0.01 {
				t.Errorf("room for the signature %.1f mm, want %.0f", gap, decree30.SignatureSpace)
			}
			label := one(t, tr, decree30.RecipientsLabel)
			if bl, sl := label.Y+baseline(label.H, label.Size), lines[0].Y+baseline(lines[0].H, lines[0].Size); math.Abs(bl-sl) > 0.01 {
				t.Errorf("Nơi nhận on baseline %.2f, the first title line on %.2f", bl, sl)
			}
			if !label.Bold || !label.Italic || label.Size != 12 {
				t.Errorf("Nơi nhận: %.0f pt bold %v italic %v", label.Size, label.Bold, label.Italic)
			}
			signerLeft := math.Inf(1)
			for _, b := range append(lines, name) {
				signerLeft = min(signerLeft, b.X)
			}
			for _, b := range tr.Texts {
				if b.Size == 11 && b.Line.Block < 0 && b.X+b.W > signerLeft-closingGap+0.01 {
					t.Errorf("recipient %q runs to x=%.1f, the signer's block starts at %.1f", b.Text, b.X+b.W, signerLeft)
				}
			}
		})
	}
}

// TestClosingSplits gives a part a Nơi nhận list longer than a page and
// bodies of many lengths: the list continues on the next pages, flush
// left, the label and the signer's block stay together with at least two
// lines of the body, and the page they are on is not left two thirds
// empty when the list could have begun there.
func TestClosingSplits(t *testing.T) {
	var recipients []string
	for i := 1; i <= 80; i++ {
		recipients = append(recipients, fmt.Sprintf("- UBND xã số %d, huyện Hương Khê;", i))
	}
	recipients = append(recipients, "- Lưu: VT, NN.")
	for n := 0; n < 28; n++ {
		doc := variedDoc(10+n/2, uint32(n/2)+7)
		rs := recipients
		if n%2 == 1 {
			// A list shorter than a page, that still does not fit below
			// the body.
			rs = append(slices.Clone(recipients[:30]), "- Lưu: VT, NN.")
		}
		doc.Parts[0].Closing.Recipients = rs
		tr, _, info := traced(t, doc)
		checkFrame(t, tr, info)
		label := one(t, tr, decree30.RecipientsLabel)
		signer := one(t, tr, "PHÓ GIÁM ĐỐC")
		if label.Page != signer.Page {
			t.Errorf("n=%d: Nơi nhận on page %d, the signer on %d", n, label.Page, signer.Page)
		}
		lastBlock := len(doc.Parts[0].Body) - 1
		withSigner := 0
		for _, b := range tr.Texts {
			if b.Line.Block == lastBlock && b.Page == signer.Page {
				withSigner++
			}
		}
		if want := min(2, countLines(tr.Texts, lastBlock)); withSigner < want {
			t.Errorf("n=%d: %d line(s) of the last paragraph with the signer, want %d", n, withSigner, want)
		}
		// When the signer's block fits below the body, it is there: the
		// list runs on rather than leaving the page empty.
		var lastLine TextBox
		for _, b := range tr.Texts {
			if b.Line.Block == lastBlock {
				lastLine = b
			}
		}
		name := one(t, tr, "Trương Chí Trung")
		titles := texts(tr, "KT. GIÁM ĐỐC")[0]
		blockH := name.Y + name.H - titles.Y
		if room := tr.Pages[lastLine.Page-1].Bottom - (lastLine.Y + lastLine.H); room >= blockH+closingBefore+0.01 && signer.Page != lastLine.Page {
			t.Errorf("n=%d: %.0f mm left under the body on page %d, the signer's block (%.0f mm) went to page %d", n, room, lastLine.Page, blockH, signer.Page)
		}
		// Every recipient once, in order, flush left.
		next := 1
		lastPage := 0
		perPage := map[int]int{} // lines of the list on each page
		for _, b := range tr.Texts {
			if strings.HasPrefix(b.Text, "- UBND xã số ") {
				if want := fmt.Sprintf("- UBND xã số %d, huyện Hương Khê;", next); b.Text != want {
					t.Fatalf("n=%d: %q where %q was due", n, b.Text, want)
				}
				if b.X != tr.Pages[b.Page-1].Left {
					t.Errorf("n=%d: %q at x=%.1f, not flush left", n, b.Text, b.X)
				}
				next++
			}
			if b.Size == decree30.SizeRecv && b.Line.Block < 0 {
				lastPage = b.Page
				perPage[b.Page]++
			}
		}
		if lastPage > label.Page && perPage[lastPage] < 2 {
			t.Errorf("n=%d: the list's last page %d holds a single line", n, lastPage)
		}
		if next != len(rs) || lastPage < label.Page {
			t.Errorf("n=%d: %d recipients, the list ending on page %d (label on %d)", n, next-1, lastPage, label.Page)
		}
		if info.Pages != lastPage {
			t.Errorf("n=%d: %d pages, the list ends on %d", n, info.Pages, lastPage)
		}
	}
}

// TestKinhGui checks ô 9a: one addressee on the label's line; several on
// lines of their own under it, the dashes under the colon, each ending
// with ";" and the last with ".".
func TestKinhGui(t *testing.T) {
	doc := sampleDoc(1)
	doc.Parts[0].Official.KinhGui = []string{"Ủy ban nhân dân tỉnh Quảng Trị"}
	tr, _, _ := traced(t, doc)
	label := one(t, tr, decree30.KinhGuiLabel)
	to := one(t, tr, "Ủy ban nhân dân tỉnh Quảng Trị")
	if to.Y != label.Y || to.X <= label.X+label.W || label.Size != 14 || label.Bold {
		t.Errorf("one addressee at (%.1f, %.1f), label at (%.1f, %.1f) %.0f pt", to.X, to.Y, label.X, label.Y, label.Size)
	}

	doc.Parts[0].Official.KinhGui = []string{"Ủy ban nhân dân tỉnh Quảng Trị;", "Sở Tài chính", "Sở Nông nghiệp và Phát triển nông thôn."}
	tr, _, _ = traced(t, doc)
	label = one(t, tr, decree30.KinhGuiLabel)
	colonX := label.X + label.W - testRenderer.fs.widthMM(":", regular, 14)
	want := []string{"- Ủy ban nhân dân tỉnh Quảng Trị;", "- Sở Tài chính;", "- Sở Nông nghiệp và Phát triển nông thôn."}
	prevY := label.Y
	for _, s := range want {
		b := one(t, tr, s)
		if math.Abs(b.X-colonX) > 0.01 || b.Y <= prevY {
			t.Errorf("%q at (%.2f, %.2f); want x=%.2f (the colon), below %.2f", s, b.X, b.Y, colonX, prevY)
		}
		prevY = b.Y
	}
}

// TestHeadingStyles checks the styles of the body's headings: level 1
// bold; level 2 bold or italic as the block says; a paragraph justified
// with its first-line indent, a heading not stretched.
func TestHeadingStyles(t *testing.T) {
	doc := sampleDoc(0)
	doc.Parts[0].Body = []report.Block{
		{Kind: report.Heading, Level: 1, Text: "I. MỤC ĐÍCH, YÊU CẦU"},
		{Kind: report.Heading, Level: 2, Bold: true, Text: "1. Mục đích"},
		{Kind: report.Heading, Level: 2, Italic: true, Text: "2. Yêu cầu"},
		{Kind: report.Heading, Level: 3, Text: "a) Về quy hoạch"},
		{Text: strings.Repeat("Bảo đảm sự phối hợp chặt chẽ giữa các Sở, ban, ngành. ", 4)},
	}
	tr, _, _ := traced(t, doc)
	l := report.DefaultLayout()
	for _, tt := range []struct {
		text         string
		bold, italic bool
	}{
		{"I. MỤC ĐÍCH, YÊU CẦU", true, false}, {"1. Mục đích", true, false}, {"2. Yêu cầu", false, true}, {"a) Về quy hoạch", false, false},
	} {
		b := one(t, tr, tt.text)
		if b.Bold != tt.bold || b.Italic != tt.italic || b.Size != l.BodySize {
			t.Errorf("%q: bold %v italic %v %.0f pt; want bold %v italic %v", tt.text, b.Bold, b.Italic, b.Size, tt.bold, tt.italic)
		}
		if math.Abs(b.X-(l.MarginLeft+l.Indent)) > 0.01 {
			t.Errorf("%q at x=%.2f, want the indent %.2f", tt.text, b.X, l.MarginLeft+l.Indent)
		}
	}
	// The paragraph's first line starts at the indent, its inner lines
	// fill the measure, its last does not.
	byLine := map[int][]TextBox{}
	for _, b := range tr.Texts {
		if b.Line.Block == 4 {
			byLine[b.Line.Index] = append(byLine[b.Line.Index], b)
		}
	}
	if len(byLine) < 3 {
		t.Fatalf("paragraph on %d lines", len(byLine))
	}
	right := 210 - l.MarginRight
	for i := 0; i < len(byLine); i++ {
		ws := byLine[i]
		end := ws[len(ws)-1].X + ws[len(ws)-1].W
		if i < len(byLine)-1 && math.Abs(end-right) > 0.01 {
			t.Errorf("line %d ends at %.2f, not justified to %.2f", i, end, right)
		}
		if i == len(byLine)-1 && end > right-5 {
			t.Errorf("the last line is stretched to %.2f", end)
		}
	}
	if x := byLine[0][0].X; math.Abs(x-(l.MarginLeft+l.Indent)) > 0.01 {
		t.Errorf("first line at %.2f, want %.2f", x, l.MarginLeft+l.Indent)
	}
}

// TestParts checks a document of three parts: each starts a page of its
// own geometry and is numbered from 1, its number shown from its second
// page; the annex heading is drawn as the decree says; Info counts the
// pages of each part.
func TestParts(t *testing.T) {
	doc := reportDoc()
	tr, _, info := traced(t, doc)
	checkFrame(t, tr, info)
	if len(info.PartPages) != 3 || info.PartPages[0]+info.PartPages[1]+info.PartPages[2] != info.Pages {
		t.Fatalf("Info %+v", info)
	}
	start := 1
	for pi, n := range info.PartPages {
		for p := start; p < start+n; p++ {
			pg := tr.Pages[p-1]
			if pg.Part != pi || pg.PartPage != p-start+1 {
				t.Errorf("page %d is page %d of part %d, want page %d of part %d", p, pg.PartPage, pg.Part, p-start+1, pi)
			}
			if wantW := map[bool]float64{true: 297, false: 210}[doc.Parts[pi].Page.Orientation == report.Landscape]; pg.W != wantW {
				t.Errorf("page %d is %.0f mm wide, want %.0f", p, pg.W, wantW)
			}
		}
		start += n
	}
	for _, a := range []*report.AnnexHead{doc.Parts[1].Annex, doc.Parts[2].Annex} {
		label, title := one(t, tr, a.Label), one(t, tr, a.Title)
		if !label.Bold || label.Size != 14 || !title.Bold || label.Y >= title.Y || label.PartPage != 1 {
			t.Errorf("%s: label bold %v %.0f pt at %.1f, title bold %v at %.1f", a.Label, label.Bold, label.Size, label.Y, title.Bold, title.Y)
		}
		pg := tr.Pages[label.Page-1]
		if mid := (pg.Left + pg.Right) / 2; math.Abs(label.X+label.W/2-mid) > 0.01 || math.Abs(title.X+title.W/2-mid) > 0.01 {
			t.Errorf("%s: heading not centred", a.Label)
		}
		note := 0
		for _, b := range tr.Texts {
			if b.Page == label.Page && b.Italic && b.Size == 14 {
				note++
			}
		}
		if note == 0 {
			t.Errorf("%s: no italic (Kèm theo …) line", a.Label)
		}
	}
}
