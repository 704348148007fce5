package pdf

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/ntm-project/ntm/internal/report"
)

// TestModelErrors breaks a good document in each way the renderer must
// refuse, and checks the error: a *ModelError that names the place (part,
// block, row, cell) and what is wrong, nothing written, no panic.
func TestModelErrors(t *testing.T) {
	tbl := func() *report.Table {
		return &report.Table{
			Columns: []report.Column{{Width: 0.1}, {Width: 0.6}, {Width: 0.3}},
			Header:  [][]report.Cell{{{Text: "TT", RowSpan: 2}, {Text: "Nội dung", ColSpan: 2}}, report.Text("Tên", "Kết quả")},
			Rows:    []report.Row{{Cells: report.Text("1", "Giao thông", "Đạt")}},
		}
	}
	withTable := func(edit func(*report.Table)) func(*report.Document) {
		return func(d *report.Document) {
			tb := tbl()
			edit(tb)
			d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Kind: report.TableBlock, Table: tb})
		}
	}
	withChart := func(edit func(*report.Chart)) func(*report.Document) {
		return func(d *report.Document) {
			c := communeChart([]string{"Thuận", "Gio Mai"}, false)
			edit(c)
			d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Kind: report.ChartBlock, Chart: c})
		}
	}
	tests := []struct {
		name string
		edit func(*report.Document)
		want []string // each must be in the message
	}{
		{"unknown block kind", func(d *report.Document) {
			d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Kind: report.BlockKind(42), Text: "?"})
		}, []string{"phần 1 (văn bản chính), khối 3", "loại khối 42 không có"}},
		{"cells short of the columns", withTable(func(t *report.Table) { t.Rows[0].Cells = t.Rows[0].Cells[:2] }),
			[]string{"khối 3 (bảng), hàng 1", "các ô phủ 2 cột, bảng có 3 cột"}},
		{"extra cell", withTable(func(t *report.Table) { t.Rows[0].Cells = append(t.Rows[0].Cells, report.Cell{Text: "thừa"}) }),
			[]string{"hàng 1, ô 4", "ô thừa"}},
		{"span past the columns", withTable(func(t *report.Table) { t.Rows[0].Cells[2].ColSpan = 2 }),
			[]string{"hàng 1, ô 3", "ô thừa"}},
		{"header spans that do not add up", withTable(func(t *report.Table) { t.Header[1] = report.Text("Tên") }),
			[]string{"hàng tiêu đề 2", "phủ thiếu cột 3"}},
		{"row span past the header", withTable(func(t *report.Table) { t.Header[1][0].RowSpan = 2 }),
			[]string{"hàng tiêu đề 2, ô 1", "gộp 2 hàng"}},
		{"row span in the body", withTable(func(t *report.Table) { t.Rows[0].Cells[0].RowSpan = 2 }),
			[]string{"hàng 1, ô 1", "không gộp hàng"}},
		{"column too narrow for a letter", withTable(func(t *report.Table) {
			t.Columns = []report.Column{{Width: 0.005}, {Width: 0.695}, {Width: 0.3}}
		}), []string{"hàng tiêu đề 1, ô 1", "cột hẹp quá"}},
		{"widths that do not add up to 1", withTable(func(t *report.Table) { t.Columns[2].Width = 0.5 }),
			[]string{"khối 3 (bảng)", "cộng lại 1,2"}},
		{"no columns", withTable(func(t *report.Table) { t.Columns = nil }), []string{"bảng không có cột"}},
		{"table size", withTable(func(t *report.Table) { t.Size = 30 }), []string{"cỡ chữ của bảng 30"}},
		{"nil table", func(d *report.Document) {
			d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Kind: report.TableBlock})
		}, []string{"khối 3 (bảng)", "không có bảng"}},
		{"table on a paragraph", func(d *report.Document) {
			d.Parts[0].Body[1].Table = tbl()
		}, []string{"khối 2 (đoạn văn)", "không phải bảng"}},
		{"chart values short", withChart(func(c *report.Chart) { c.Series[1].Values = c.Series[1].Values[:1] }),
			[]string{"khối 3 (biểu đồ), dãy 2", "1 giá trị cho 2 nhóm"}},
		{"chart value off the axis", withChart(func(c *report.Chart) { c.Series[0].Values[0] = 25 }),
			[]string{"dãy 1", "ngoài trục"}},
		{"chart ticks not rising", withChart(func(c *report.Chart) { c.Ticks[2].Value = 1 }),
			[]string{"vạch chia 3"}},
		{"chart with too many series", withChart(func(c *report.Chart) {
			for len(c.Series) <= maxSeries {
				c.Series = append(c.Series, c.Series[0])
			}
		}), []string{"dãy số liệu"}},
		{"chart taller than half a page", withChart(func(c *report.Chart) { c.Height = 200 }), []string{"chiều cao biểu đồ 200"}},
		{"rune the fonts lack", func(d *report.Document) { d.Parts[0].Body[1].Text += " 🌾" },
			[]string{"khối 2 (đoạn văn)", "U+1F33E", "không có trong phông"}},
		{"control character", func(d *report.Document) { d.Parts[0].Official.Title += "\x07" },
			[]string{"phần đầu", "điều khiển U+0007"}},
		{"invalid UTF-8", func(d *report.Document) { d.Parts[0].Body[1].Text += " \xf5\u0387" },
			[]string{"khối 2 (đoạn văn)", "không phải UTF-8 hợp lệ (byte 0xF5"}},
		{"decomposed text", func(d *report.Document) { d.Parts[0].Closing.Signer.Name = "Trươ\u0300ng" },
			[]string{"người ký", "NFC"}},
		{"margin outside the decree's range", func(d *report.Document) { d.Parts[0].Page.Layout.MarginLeft = 10 },
			[]string{"lề trái 10 mm", "30–35"}},
		{"indent the decree does not allow", func(d *report.Document) { d.Parts[0].Page.Layout.Indent = 5 },
			[]string{"thụt đầu dòng 5 mm"}},
		{"orientation", func(d *report.Document) { d.Parts[0].Page.Orientation = 7 }, []string{"hướng trang 7"}},
		{"heading level", func(d *report.Document) {
			d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Kind: report.Heading, Level: 5, Text: "x"})
		}, []string{"khối 3 (đề mục)", "cấp đề mục 5"}},
		{"no parts", func(d *report.Document) { d.Parts = nil }, []string{"không có phần nào"}},
		{"two heads on a part", func(d *report.Document) { d.Parts[0].Annex = &report.AnnexHead{Label: "Phụ lục I"} },
			[]string{"phần 1 (Phụ lục I)", "tiêu đề phụ lục"}},
		{"annex part named", func(d *report.Document) {
			d.Parts = append(d.Parts, report.Part{Annex: &report.AnnexHead{Label: "Phụ lục II"},
				Body: []report.Block{{Kind: report.BlockKind(-1)}}})
		}, []string{"phần 2 (Phụ lục II), khối 1", "loại khối -1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := sampleDoc(1)
			tt.edit(doc)
			var buf bytes.Buffer
			_, err := testRenderer.Render(&buf, doc)
			var me *ModelError
			if !errors.As(err, &me) {
				t.Fatalf("error %v, want a *ModelError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written with the error", buf.Len())
			}
		})
	}
}

// TestModelErrorsAllAtOnce checks that every fault is reported, not only
// the first.
func TestModelErrorsAllAtOnce(t *testing.T) {
	doc := sampleDoc(1)
	doc.Parts[0].Page.Layout.MarginTop = 40
	doc.Parts[0].Body = append(doc.Parts[0].Body,
		report.Block{Kind: report.BlockKind(9)},
		report.Block{Kind: report.TableBlock, Table: &report.Table{Columns: []report.Column{{Width: 1}},
			Rows: []report.Row{{Cells: report.Text("a", "b")}}}},
		report.Block{Kind: report.ChartBlock, Chart: &report.Chart{}})
	_, err := testRenderer.Render(&bytes.Buffer{}, doc)
	var me *ModelError
	if !errors.As(err, &me) || len(me.Problems) < 4 {
		t.Fatalf("want at least 4 problems, got %v", err)
	}
}

// TestNilAndEmpty: a nil document is an error, not a panic; a document of
// one empty part is one blank page.
func TestNilAndEmpty(t *testing.T) {
	if _, err := testRenderer.Render(&bytes.Buffer{}, nil); err == nil {
		t.Error("a nil document rendered")
	}
	info, err := testRenderer.Render(&bytes.Buffer{}, &report.Document{Parts: []report.Part{{}}})
	if err != nil || info.Pages != 1 {
		t.Errorf("empty part: %v, %+v", err, info)
	}
}

// FuzzRender draws documents made of arbitrary text in every place a
// clerk's words reach (agency, title, paragraphs, table cells, recipients,
// signer): the renderer either draws them inside the frame of every page
// or refuses them with a *ModelError; it never panics.
func FuzzRender(f *testing.F) {
	f.Add("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "Bảo đảm sự phối hợp", "Giao thông", "- UBND xã Gio"+nb+"Mai;", uint8(3))
	f.Add("ỦY BAN NHÂN DÂN\nHUYỆN HƯƠNG KHÊ", strings.Repeat("x", 500), "", "", uint8(0))
	f.Add("", "a\u0301 \t\n\u00a0\u00a0", "https://example.org/"+strings.Repeat("a/", 80), "- Lưu: VT.", uint8(200))
	f.Fuzz(func(t *testing.T, agency, para, cell, recipient string, n uint8) {
		doc := sampleDoc(0)
		p := &doc.Parts[0]
		p.Official.Header.Agency = agency
		p.Official.Title = para
		for i := 0; i < int(n%8); i++ {
			p.Body = append(p.Body, report.Block{Text: para}, report.Block{Kind: report.Heading, Text: cell})
		}
		p.Body = append(p.Body, report.Block{Kind: report.TableBlock, Table: &report.Table{
			Columns: []report.Column{{Width: 0.2}, {Width: 0.8}},
			Header:  [][]report.Cell{report.Text(cell, agency)},
			Rows:    []report.Row{{Cells: report.Text(cell, para)}, {Cells: []report.Cell{{Text: recipient, ColSpan: 2}}}},
		}})
		for i := 0; i < int(n%5); i++ {
			p.Closing.Recipients = append(p.Closing.Recipients, recipient)
		}
		p.Closing.Signer.Titles = []string{agency}
		var buf bytes.Buffer
		info, tr, err := testRenderer.render(&buf, doc, true)
		if err != nil {
			var me *ModelError
			if !errors.As(err, &me) {
				t.Fatalf("error %v is not a *ModelError", err)
			}
			return
		}
		for _, b := range tr.Texts {
			pg := tr.Pages[b.Page-1]
			if b.X < pg.Left-0.01 || b.X+b.W > pg.Right+0.01 || math.IsNaN(b.X) {
				t.Fatalf("page %d: %q from x=%.2f to %.2f, outside the frame", b.Page, b.Text, b.X, b.X+b.W)
			}
			if b.Y+b.H > pg.Bottom+0.01 {
				t.Fatalf("page %d: %q ends at y=%.2f, below the frame", b.Page, b.Text, b.Y+b.H)
			}
		}
		if info.Pages < 1 {
			t.Fatal("no page")
		}
	})
}
