package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/report"
)

// The test documents: a six-monthly report of a district People's
// Committee with every kind of block, its two annexes (a landscape table
// of 500 rows with two header rows, a horizontal bar chart), and the
// signer's block in each of the forms Decree 30 gives.

const nb = "\u00a0" // what builders put inside names

// xa is a commune's name as builders give it: "xã Gio Mai" with no-break
// spaces, so that a line never splits it.
func xa(name string) string { return strings.ReplaceAll("xã "+name, " ", nb) }

var reportMeta = report.Meta{Title: "Báo cáo kết quả xây dựng nông thôn mới 6 tháng đầu năm 2021",
	Author: "Ủy ban nhân dân huyện Hương Khê", Subject: "Báo cáo", Keywords: []string{"nông thôn mới", "báo cáo"},
	Creator: "ntm", Lang: "vi", Created: time.Date(2021, 6, 15, 0, 0, 0, 0, time.UTC)}

// reportDoc is the full test report.
func reportDoc() *report.Document {
	communes := []string{"Hương Trà", "Hương Long", "Phú Gia", "Hương Vĩnh", "Hương Xuân", "Phúc Đồng", "Hà Linh", "Hòa Hải", "Gia Phố", "Lộc Yên"}
	var names, plain []string
	for _, c := range communes {
		names = append(names, xa(c))
		plain = append(plain, strings.ReplaceAll(c, " ", nb))
	}
	main := report.Part{
		Page: report.Page{Layout: report.DefaultLayout()},
		Official: &report.Official{
			Header: report.Header{Agency: "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG KHÊ", Number: "Số: 125/BC-UBND",
				PlaceDate: "Hương Khê, ngày 15 tháng 6 năm 2021"},
			Type:    "BÁO CÁO",
			Title:   "Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới 6 tháng đầu năm 2021",
			KinhGui: []string{"Ủy ban nhân dân tỉnh Hà Tĩnh", "Văn phòng Điều phối nông thôn mới tỉnh", "Sở Kế hoạch và Đầu tư"},
		},
		Body: []report.Block{
			{Text: "Căn cứ Quyết định số 1980/QĐ-TTg ngày 17 tháng 10 năm 2016 của Thủ tướng Chính phủ ban hành Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016-2020;", Italic: true},
			{Text: "Căn cứ Kế hoạch số 2071/SKH-KTN ngày 08 tháng 12 năm 2020 của Sở Kế hoạch và Đầu tư.", Italic: true},
			{Kind: report.Heading, Level: 1, Text: "I. KẾT QUẢ THỰC HIỆN"},
			{Kind: report.Heading, Level: 2, Bold: true, Text: "1. Công tác chỉ đạo, điều hành"},
			{Text: "Ủy ban nhân dân huyện đã ban hành kế hoạch, phân công các phòng, ban phụ trách từng xã: " + strings.Join(names, ", ") + "; tổ chức các đoàn kiểm tra, đánh giá kết quả thực hiện các tiêu chí tại cơ sở theo định kỳ hằng quý."},
			{Kind: report.Heading, Level: 2, Italic: true, Text: "2. Kết quả thực hiện các tiêu chí"},
			{Kind: report.Heading, Level: 3, Text: "a) Về quy hoạch và hạ tầng"},
			{Text: "- Các xã đã hoàn thành rà soát, điều chỉnh quy hoạch chung; hồ sơ được công bố công khai trên cổng thông tin điện tử của huyện tại địa chỉ https://huongkhe.hatinh.gov.vn/nong-thon-moi/quy-hoach-chung-xay-dung-xa-giai-doan-2021-2030/ho-so-cong-bo để người dân tiện theo dõi."},
			{Text: "- Tổng số vốn huy động trong kỳ đạt 1.234,5 triệu đồng, trong đó vốn ngân sách tỉnh 456,7 triệu đồng; các xã đã cứng hóa thêm 12,5 km đường giao thông nông thôn."},
			{Kind: report.Caption, Text: "Bảng 1. Số tiêu chí đạt của các xã qua hai kỳ đánh giá"},
			{Kind: report.TableBlock, Table: communeTable(communes)},
			{Kind: report.Caption, Text: "Biểu đồ 1. Số tiêu chí đạt của các xã"},
			{Kind: report.ChartBlock, Chart: communeChart(communes[:6], false)},
			{Kind: report.Heading, Level: 1, Text: "II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM"},
			{Text: "Tiếp tục tập trung chỉ đạo các xã hoàn thành các tiêu chí còn thiếu, trong đó ưu tiên các tiêu chí về thu nhập, hộ nghèo và môi trường; huy động mọi nguồn lực để sớm đưa các xã đạt chuẩn nông thôn mới theo kế hoạch."},
			{Text: "Trên đây là báo cáo kết quả 6 tháng đầu năm 2021 của Ủy ban nhân dân huyện Hương Khê (kèm theo Phụ lục I và Phụ lục II)."},
		},
		Closing: &report.Closing{
			Recipients: []string{"- Như trên;", "- TT Huyện ủy, TT HĐND huyện (b/c);", "- Chủ tịch, các PCT UBND huyện;",
				"- Các phòng: Nông nghiệp và PTNT, Tài chính - Kế hoạch, Kinh tế và Hạ tầng;",
				"- UBND các xã " + strings.Join(plain, ", ") + ";", "- Lưu: VT, NN."},
			Signer: report.Signer{Titles: []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}, Name: "Nguyễn Văn Bình"},
		},
	}
	annex1 := report.Part{
		Page: report.Page{Orientation: report.Landscape, Layout: report.DefaultLayout()},
		Annex: &report.AnnexHead{Label: "Phụ lục I", Title: "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA CÁC XÃ",
			Note: "(Kèm theo Báo cáo số 125/BC-UBND ngày 15 tháng 6 năm 2021 của Ủy ban nhân dân huyện Hương Khê)"},
		Body: []report.Block{{Kind: report.TableBlock, Table: wideTable(500)}},
	}
	annex2 := report.Part{
		Page: report.Page{Layout: report.DefaultLayout()},
		Annex: &report.AnnexHead{Label: "Phụ lục II", Title: "SỐ TIÊU CHÍ ĐẠT CỦA CÁC XÃ",
			Note: "(Kèm theo Báo cáo số 125/BC-UBND ngày 15 tháng 6 năm 2021 của Ủy ban nhân dân huyện Hương Khê)"},
		Body: []report.Block{
			{Kind: report.Caption, Text: "Biểu đồ 2. Số tiêu chí đạt của các xã, hai kỳ đánh giá"},
			{Kind: report.ChartBlock, Chart: communeChart(communes, true)},
		},
	}
	return &report.Document{Meta: reportMeta, Parts: []report.Part{main, annex1, annex2}}
}

func communeTable(communes []string) *report.Table {
	t := &report.Table{
		Columns: []report.Column{{Width: 0.08, Align: report.AlignCenter}, {Width: 0.32}, {Width: 0.15, Align: report.AlignCenter},
			{Width: 0.15, Align: report.AlignCenter}, {Width: 0.30, Align: report.AlignJustify}},
		Header: [][]report.Cell{
			{{Text: "TT", RowSpan: 2}, {Text: "Xã", RowSpan: 2}, {Text: "Số tiêu chí đạt", ColSpan: 2}, {Text: "Ghi chú", RowSpan: 2}},
			report.Text("Cuối năm 2020", "6 tháng đầu năm 2021"),
		},
	}
	for i, c := range communes {
		t.Rows = append(t.Rows, report.Row{Cells: report.Text(fmt.Sprint(i+1), "Xã "+c, fmt.Sprint(12+i%6), fmt.Sprint(13+i%7),
			"Còn thiếu tiêu chí thu nhập và hộ nghèo")})
	}
	t.Rows = append(t.Rows, report.Row{Bold: true, Shade: true, Cells: []report.Cell{
		{Text: "Bình quân", ColSpan: 2, Align: report.AlignCenter}, {Text: "14,5"}, {Text: "15,8"}, {Text: ""}}})
	return t
}

// wideTable is an annex table of n rows, wide enough to need a landscape
// page, with two header rows that must open every page.
func wideTable(n int) *report.Table {
	t := &report.Table{
		Columns: []report.Column{{Width: 0.05, Align: report.AlignCenter}, {Width: 0.15}, {Width: 0.30, Align: report.AlignJustify},
			{Width: 0.1, Align: report.AlignRight}, {Width: 0.1, Align: report.AlignRight}, {Width: 0.1, Align: report.AlignCenter},
			{Width: 0.2}},
		Header: [][]report.Cell{
			{{Text: "TT", RowSpan: 2}, {Text: "Xã", RowSpan: 2}, {Text: "Chỉ tiêu", RowSpan: 2},
				{Text: "Kết quả", ColSpan: 2}, {Text: "Đánh giá", RowSpan: 2}, {Text: "Ghi chú", RowSpan: 2}},
			report.Text("Kỳ trước", "Kỳ này"),
		},
		Size: 11,
	}
	for i := 1; i <= n; i++ {
		note := ""
		if i%9 == 0 {
			note = "Đã có quyết định công nhận của Ủy ban nhân dân tỉnh"
		}
		t.Rows = append(t.Rows, report.Row{Cells: report.Text(fmt.Sprint(i), fmt.Sprintf("Xã số %d", (i-1)/19+1),
			"Tỷ lệ hộ có nhà tiêu, nhà tắm, thiết bị chứa nước sinh hoạt hợp vệ sinh và đảm bảo 3 sạch",
			fmt.Sprintf("%d,%d%%", 60+i%40, i%10), fmt.Sprintf("%d,%d%%", 62+i%38, (i+3)%10), "Đạt", note), Shade: i%19 == 0})
	}
	return t
}

func communeChart(communes []string, horizontal bool) *report.Chart {
	c := &report.Chart{Horizontal: horizontal, ValueAxis: "Số tiêu chí đạt", ShowValues: true,
		Series: []report.Series{{Name: "Cuối năm 2020"}, {Name: "6 tháng đầu năm 2021"}}}
	for i, name := range communes {
		c.Categories = append(c.Categories, name)
		a, b := float64(12+i%6), float64(13+i%7)
		c.Series[0].Values = append(c.Series[0].Values, a)
		c.Series[1].Values = append(c.Series[1].Values, b)
		c.Series[0].Labels = append(c.Series[0].Labels, fmt.Sprint(a))
		c.Series[1].Labels = append(c.Series[1].Labels, fmt.Sprint(b))
	}
	for v := 0; v <= 20; v += 5 {
		c.Ticks = append(c.Ticks, report.Tick{Value: float64(v), Label: fmt.Sprint(v)})
	}
	return c
}

// signerForms are the signer's blocks of Decree 30, Appendix I, §II.7.
var signerForms = map[string][]string{
	"head": {"GIÁM ĐỐC"},
	"KT":   {"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
	"TM":   {"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"},
	"TMKT": {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"},
	"Q":    {"Q. GIÁM ĐỐC"},
	"TL":   {"TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"},
	"TUQ":  {"TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"},
}

// TestWriteGallery writes the test documents as PDF files for looking at:
// go test ./internal/render/pdf -run TestWriteGallery -sample-out DIR
func TestWriteGallery(t *testing.T) {
	if *sampleOut == "" {
		t.Skip("pass -sample-out DIR to write the test documents for viewing")
	}
	docs := map[string]*report.Document{"report": reportDoc(), "anchor": anchorDoc(0), "plan-like": sampleDoc(14)}
	for form, titles := range signerForms {
		d := sampleDoc(2)
		d.Parts[0].Closing.Signer.Titles = titles
		docs["signer-"+form] = d
	}
	if err := os.MkdirAll(*sampleOut, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, d := range docs {
		_, b, info := traced(t, d)
		t.Logf("%s: %d pages %v, %d KB", name, info.Pages, info.PartPages, len(b)/1024)
		if err := os.WriteFile(filepath.Join(*sampleOut, name+".pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
