package pdf

import (
	"bytes"
	"fmt"
	"os"
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
	if *sampleOut != "" {
		os.WriteFile(*sampleOut+".table.pdf", buf.Bytes(), 0o644)
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
