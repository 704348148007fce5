package pdf

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/report"
)

// TestTableHeaderRepeats lays out a table three pages long and checks
// that its header row opens every page it runs onto, that no row is cut
// by the bottom margin, and that wrapped cells stay inside their column.
func TestTableHeaderRepeats(t *testing.T) {
	doc := sampleDoc(1)
	tbl := &report.Table{
		Columns: []report.Column{{Width: 0.1, Align: report.AlignCenter}, {Width: 0.5, Align: report.AlignJustify},
			{Width: 0.2, Align: report.AlignRight}, {Width: 0.2, Align: report.AlignCenter}},
		Header: [][]report.Cell{report.Text("TT", "Nội dung chỉ tiêu", "Kết quả", "Đánh giá")},
		Size:   12,
	}
	for i := 1; i <= 60; i++ {
		tbl.Rows = append(tbl.Rows, report.Row{Cells: report.Text(
			fmt.Sprint(i),
			"Tỷ lệ hộ có nhà tiêu, nhà tắm, bể chứa nước sinh hoạt hợp vệ sinh và đảm bảo 3 sạch",
			"85,5%", "Đạt",
		), Shade: i%5 == 0})
	}
	doc.Parts[0].Body = append(doc.Parts[0].Body, report.Block{Kind: report.TableBlock, Table: tbl})
	var buf bytes.Buffer
	trace, err := renderTrace(&buf, doc)
	if err != nil {
		t.Fatal(err)
	}
	headers := map[int]int{}
	pages := 0
	l := doc.Parts[0].Page.Layout
	colX := []float64{l.MarginLeft}
	textW := 210 - l.MarginLeft - l.MarginRight
	for _, c := range tbl.Columns {
		colX = append(colX, colX[len(colX)-1]+c.Width*textW)
	}
	for _, b := range trace {
		pages = max(pages, b.Page)
		if b.Text == "Nội dung chỉ tiêu" {
			headers[b.Page]++
		}
		if b.Y+b.H > 297-l.MarginBottom+0.01 {
			t.Errorf("page %d: %q ends at %.1f mm, in the bottom margin", b.Page, b.Text, b.Y+b.H)
		}
		if b.Text == "tiêu," || b.Text == "sạch" {
			if b.X < colX[1] || b.X+b.W > colX[2]+0.01 {
				t.Errorf("page %d: %q at %.1f–%.1f outside its column %.1f–%.1f", b.Page, b.Text, b.X, b.X+b.W, colX[1], colX[2])
			}
		}
	}
	if pages < 3 {
		t.Fatalf("table on %d pages; want at least 3", pages)
	}
	for p := 1; p <= pages; p++ {
		if headers[p] != 1 {
			t.Errorf("page %d has the header row %d times, want once", p, headers[p])
		}
	}
}

// annexDoc is a document of one landscape annex holding t.
func annexDoc(t *report.Table) *report.Document {
	return &report.Document{Meta: reportMeta, Parts: []report.Part{{
		Page:  report.Page{Orientation: report.Landscape},
		Annex: &report.AnnexHead{Label: "Phụ lục I", Title: "KẾT QUẢ", Note: "(Kèm theo Báo cáo số 125/BC-UBND)"},
		Body:  []report.Block{{Kind: report.TableBlock, Table: t}},
	}}}
}

// TestTable500 lays out a 500-row table on landscape pages and checks
// that both header rows open every page, once each, above the rows; that
// every row is there once, in order; and that the frame holds.
func TestTable500(t *testing.T) {
	doc := annexDoc(wideTable(500))
	tr, _, info := traced(t, doc)
	checkFrame(t, tr, info)
	if info.Pages < 20 {
		t.Fatalf("500 rows on %d pages", info.Pages)
	}
	type seen struct{ top, second, firstRow float64 }
	pages := map[int]*seen{}
	next := 1
	for _, b := range tr.Texts {
		s := pages[b.Page]
		if s == nil {
			s = &seen{firstRow: math.Inf(1)}
			pages[b.Page] = s
		}
		switch {
		case b.Line.Index == -1 && b.Text == "TT":
			if s.top != 0 {
				t.Errorf("page %d: the first header row twice", b.Page)
			}
			s.top = b.Y
		case b.Line.Index == -1 && b.Text == "Kỳ trước":
			s.second = b.Y
		case b.Line.Index >= 0 && b.X < 30+0.05*252 && b.Line.Kind == report.TableBlock: // the TT column
			if b.Text != fmt.Sprint(next) {
				t.Fatalf("page %d: row %q where row %d was due", b.Page, b.Text, next)
			}
			next++
			s.firstRow = min(s.firstRow, b.Y)
		}
	}
	if next != 501 {
		t.Errorf("%d rows drawn, want 500", next-1)
	}
	for p := 1; p <= info.Pages; p++ {
		s := pages[p]
		if s == nil || s.top == 0 || s.second == 0 {
			t.Errorf("page %d lacks a header row: %+v", p, s)
			continue
		}
		if !(s.top < s.second && s.second < s.firstRow) {
			t.Errorf("page %d: header rows at %.1f and %.1f, first row at %.1f", p, s.top, s.second, s.firstRow)
		}
	}
}

// TestHeaderSpans checks the cells of a two-row header: a cell spanning
// two columns is as wide as both, one spanning two rows as tall as both,
// and the cells tile the header without gaps.
func TestHeaderSpans(t *testing.T) {
	tbl := wideTable(3)
	tr, _, _ := traced(t, annexDoc(tbl))
	frameW := 297.0 - 30 - 15
	var cells []Shape
	for _, s := range tr.Shapes {
		if s.What == "cell" && s.Fill == headerFill {
			cells = append(cells, s)
		}
	}
	// Row 1: TT, Xã, Chỉ tiêu, Kết quả (2 columns), Đánh giá, Ghi chú; row 2: Kỳ trước, Kỳ này.
	if len(cells) != 8 {
		t.Fatalf("%d header cells, want 8", len(cells))
	}
	rowH := cells[6].H // "Kỳ trước"
	tests := []struct {
		i     int
		w, h  float64
		label string
	}{
		{0, 0.05 * frameW, cells[3].H + rowH, "TT"},
		{3, 0.2 * frameW, cells[3].H, "Kết quả"},
		{6, 0.1 * frameW, rowH, "Kỳ trước"},
		{7, 0.1 * frameW, rowH, "Kỳ này"},
	}
	for _, tt := range tests {
		c := cells[tt.i]
		if math.Abs(c.W-tt.w) > 0.01 || math.Abs(c.H-tt.h) > 0.01 {
			t.Errorf("%s: %.2f × %.2f mm, want %.2f × %.2f", tt.label, c.W, c.H, tt.w, tt.h)
		}
	}
	area := 0.0
	for _, c := range cells {
		area += c.W * c.H
	}
	if want := frameW * cells[0].H; math.Abs(area-want) > 0.1 {
		t.Errorf("header cells cover %.1f mm², the header is %.1f mm²", area, want)
	}
}

// TestRowTallerThanPage puts a row three pages tall in a table: it is
// split between lines, its pieces stay inside the frame, the header opens
// each page it runs on, and every word of it is drawn once, in order.
func TestRowTallerThanPage(t *testing.T) {
	long := strings.Repeat("Tỷ lệ hộ có nhà tiêu, nhà tắm, thiết bị chứa nước sinh hoạt hợp vệ sinh và đảm bảo 3 sạch. ", 150)
	tbl := &report.Table{
		Columns: []report.Column{{Width: 0.1, Align: report.AlignCenter}, {Width: 0.9, Align: report.AlignJustify}},
		Header:  [][]report.Cell{report.Text("TT", "Nội dung")},
		Rows:    []report.Row{{Cells: report.Text("1", "Ngắn")}, {Cells: report.Text("2", long)}, {Cells: report.Text("3", "Cuối")}},
	}
	doc := sampleDoc(1)
	doc.Parts[0].Body = append(doc.Parts[0].Body, report.Block{Kind: report.TableBlock, Table: tbl})
	tr, _, info := traced(t, doc)
	checkFrame(t, tr, info)
	if info.Pages < 3 {
		t.Fatalf("%d pages, want the row to run over at least 3", info.Pages)
	}
	var words []string
	headers := map[int]int{}
	rowPages := map[int]bool{}
	for _, b := range tr.Texts {
		if b.Text == "Nội dung" {
			headers[b.Page]++
		}
		if b.Line.Kind == report.TableBlock && b.Line.Index == 1 && b.Text != "2" {
			words = append(words, strings.Fields(b.Text)...)
			rowPages[b.Page] = true
		}
	}
	if got, want := strings.Join(words, " "), strings.Join(strings.Fields(long), " "); got != want {
		t.Errorf("the long cell's words, as drawn, differ from its text (%d words drawn of %d)", len(words), len(strings.Fields(long)))
	}
	for p := range rowPages {
		if headers[p] != 1 {
			t.Errorf("page %d holds part of the long row and %d header rows", p, headers[p])
		}
	}
	if len(rowPages) < 3 {
		t.Errorf("the long row is on %d pages", len(rowPages))
	}
}

// TestCaptionStaysWithTable moves a captioned table down the page line by
// line: the caption, the header rows and the first row always share a
// page, and no page ends with the caption.
func TestCaptionStaysWithTable(t *testing.T) {
	for n := 0; n < 30; n++ {
		doc := sampleDoc(0)
		words := strings.Repeat("Bảo đảm sự phối hợp chặt chẽ giữa các Sở, ban, ngành. ", 2+n*3)
		doc.Parts[0].Body = append(doc.Parts[0].Body, report.Block{Text: words},
			report.Block{Kind: report.Caption, Text: "Bảng 1. Kết quả thực hiện các tiêu chí"},
			report.Block{Kind: report.TableBlock, Table: communeTable(anchorCommunes)})
		tr, _, info := traced(t, doc)
		checkFrame(t, tr, info)
		pageOf := map[string]int{}
		for _, b := range tr.Texts {
			if _, ok := pageOf[b.Text]; !ok {
				pageOf[b.Text] = b.Page
			}
		}
		c, h1, h2, r1 := pageOf["Bảng 1. Kết quả thực hiện các tiêu chí"], pageOf["TT"], pageOf["Cuối năm"], pageOf["Xã Thuận"]
		if c == 0 || c != h1 || h1 != h2 || h2 != r1 {
			t.Errorf("n=%d: caption on page %d, header rows on %d and %d, first row on %d", n, c, h1, h2, r1)
		}
	}
}
