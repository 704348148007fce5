package pdf

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
	"github.com/ntm-project/ntm/internal/cputime"
	"github.com/ntm-project/ntm/internal/report"
)

// The anchor workload of performance-anchors.md: one commune's progress
// report, A4 portrait, 2 pages, Liberation Serif embedded, the two-column
// header, the title, three justified paragraphs of 316 words in all, a
// 19-row bordered table whose header repeats after the page break, page
// numbers. Each report names its own commune, so that the glyph sets
// differ a little from one report to the next, as in a national run.

var anchorCommunes = []string{"Thuận", "Gio Mai", "Gio Mỹ", "Cam Chính", "Hướng Lập", "Triệu Độ", "Hải Ba", "Vĩnh Ô", "Ba Nang", "A Ngo"}

// anchorParagraphs are three paragraphs of 316 words in all.
func anchorParagraphs(commune string) []string {
	p1 := "Thực hiện Kế hoạch số 2071/SKH-KTN ngày 08 tháng 12 năm 2020 của Sở Kế hoạch và Đầu tư về thực hiện công tác phụ trách, đỡ đầu cho các xã xây dựng nông thôn mới, trong 6 tháng đầu năm 2021 Sở đã phối hợp chặt chẽ với Ủy ban nhân dân xã " + commune + " rà soát, đánh giá kết quả thực hiện các tiêu chí nông thôn mới theo định kỳ, xác định nhu cầu, nội dung cần hỗ trợ và đề xuất các giải pháp tháo gỡ khó khăn, vướng mắc trong quá trình thực hiện."
	p2 := "Kết quả tự đánh giá của xã cho thấy phần lớn các tiêu chí đã đạt và duy trì ổn định; một số tiêu chí như giao thông, cơ sở vật chất văn hóa, thu nhập, hộ nghèo, môi trường và an toàn thực phẩm còn gặp khó khăn do nguồn lực đầu tư hạn chế, ảnh hưởng của dịch bệnh. Sở đã lồng ghép các nguồn vốn từ các chương trình, dự án khác do Sở quản lý để hỗ trợ xã hoàn thiện các tiêu chí chưa đạt, đồng thời hướng dẫn xã lập kế hoạch thực hiện cho giai đoạn tiếp theo."
	p3 := "Trong thời gian tới, Sở tiếp tục theo dõi, kiểm tra, giám sát và hướng dẫn việc triển khai các cơ chế, chính sách về quản lý, điều hành thực hiện chương trình; phối hợp với các Sở, ban, ngành và các địa phương liên quan nhằm tháo gỡ những khó khăn, vướng mắc trong quá trình thực hiện xây dựng nông thôn mới của xã; đề nghị Ủy ban nhân dân xã tập trung chỉ đạo, huy động mọi nguồn lực, phát huy vai trò chủ thể của người dân để sớm hoàn thành các tiêu chí còn lại, hướng tới đạt chuẩn nông thôn mới một cách thực chất, bền vững."
	return []string{p1, p2, p3}
}

var anchorCriteria = []string{"Quy hoạch", "Giao thông", "Thủy lợi", "Điện", "Trường học", "Cơ sở vật chất văn hóa",
	"Cơ sở hạ tầng thương mại nông thôn", "Thông tin và Truyền thông", "Nhà ở dân cư", "Thu nhập", "Hộ nghèo",
	"Lao động có việc làm", "Tổ chức sản xuất", "Giáo dục và Đào tạo", "Y tế", "Văn hóa",
	"Môi trường và an toàn thực phẩm", "Hệ thống chính trị và tiếp cận pháp luật", "Quốc phòng và An ninh"}

func anchorDoc(i int) *report.Document {
	commune := anchorCommunes[i%len(anchorCommunes)]
	d := sampleDoc(0)
	d.Meta.Title = "Báo cáo kết quả thực hiện công tác phụ trách, đỡ đầu xã " + commune
	p := &d.Parts[0]
	p.Official.Type = "BÁO CÁO"
	p.Official.Header.Number = fmt.Sprintf("Số: %02d/BC-SKH", 10+i%80)
	p.Official.Title = "Kết quả thực hiện công tác phụ trách, đỡ đầu xây dựng nông thôn mới xã " + commune + " 6 tháng đầu năm 2021"
	for _, t := range anchorParagraphs(commune) {
		p.Body = append(p.Body, report.Block{Text: t})
	}
	tbl := &report.Table{
		Columns: []report.Column{{Width: 0.08, Align: report.AlignCenter}, {Width: 0.5}, {Width: 0.14, Align: report.AlignCenter},
			{Width: 0.14, Align: report.AlignCenter}, {Width: 0.14, Align: report.AlignCenter}},
		Header: [][]report.Cell{report.Text("TT", "Tên tiêu chí", "Kỳ trước", "Kỳ này", "Đánh giá")},
	}
	for k, name := range anchorCriteria {
		verdict := "Đạt"
		if (k+i)%7 == 3 {
			verdict = "Chưa đạt"
		}
		tbl.Rows = append(tbl.Rows, report.Row{Cells: report.Text(fmt.Sprint(k+1), name, "Đạt", verdict, verdict)})
	}
	p.Body = append(p.Body, report.Block{Kind: report.Caption, Text: "Bảng 1. Kết quả thực hiện các tiêu chí của xã " + commune},
		report.Block{Kind: report.TableBlock, Table: tbl})
	return d
}

// BenchmarkAnchor renders many commune reports with one renderer, and the
// same reports with fpdf as it is usually written (the fonts added from
// their bytes for every document), in one run so that the ratio is
// measured under the same load. cpu-ms/report is the process's CPU time
// (getrusage) per report, the figure issue #12 sets at ≤ 4 ms.
func BenchmarkAnchor(b *testing.B) {
	docs := make([]*report.Document, len(anchorCommunes))
	for i := range docs {
		docs[i] = anchorDoc(i)
	}
	r, err := NewRenderer()
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, one func(i int, buf *bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := one(0, &buf); err != nil { // warm: fonts parsed, subsets built
			b.Fatal(err)
		}
		runtime.GC()
		b.ReportAllocs()
		b.ResetTimer()
		start := cputime.Process()
		n := 0
		for b.Loop() {
			buf.Reset()
			if err := one(n, &buf); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(cputime.Process()-start)/float64(time.Millisecond)/float64(n), "cpu-ms/report")
		b.ReportMetric(float64(buf.Len())/1024, "KB/report")
	}
	b.Run("ntm", func(b *testing.B) {
		run(b, func(i int, buf *bytes.Buffer) error {
			_, err := r.Render(buf, docs[i%len(docs)])
			return err
		})
	})
	b.Run("bare-fpdf", func(b *testing.B) {
		run(b, func(i int, buf *bytes.Buffer) error {
			return bareFpdf(buf, docs[i%len(docs)])
		})
	})
	b.Run("ntm-2-workers", func(b *testing.B) {
		// Both cores, one renderer each, as a national run does.
		var buf bytes.Buffer
		runtime.GC()
		b.ResetTimer()
		start := cputime.Process()
		var wg sync.WaitGroup
		var mu sync.Mutex
		next := 0
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= b.N {
						return
					}
					buf.Reset()
					if _, err := r.Render(&buf, docs[i%len(docs)]); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		b.ReportMetric(float64(cputime.Process()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/report")
		_ = buf
	})
}

// bareFpdf draws the anchor report the way fpdf is usually used: a new
// document with the four faces added from their bytes, CellFormat and
// MultiCell for the text, rows measured with SplitText and the header
// drawn again after a page break.
func bareFpdf(w *bytes.Buffer, doc *report.Document) error {
	p := doc.Parts[0]
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(doc.Meta.Created)
	f.SetModificationDate(doc.Meta.Created)
	f.SetTitle(doc.Meta.Title, true)
	f.SetAuthor(doc.Meta.Author, true)
	f.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes("serif", "B", liberationserifbold.TTF)
	f.AddUTF8FontFromBytes("serif", "I", liberationserifitalic.TTF)
	f.AddUTF8FontFromBytes("serif", "BI", liberationserifbolditalic.TTF)
	f.SetMargins(30, 20, 15)
	f.SetAutoPageBreak(true, 20)
	f.SetHeaderFunc(func() {
		if n := f.PageNo(); n > 1 {
			f.SetFont("serif", "", 13)
			f.SetY(8)
			f.CellFormat(0, 6, fmt.Sprint(n), "", 1, "C", false, 0, "")
			f.SetY(20)
		}
	})
	f.AddPage()
	h := p.Official.Header
	f.SetFont("serif", "", 13)
	f.CellFormat(70, 6, h.Parent, "", 0, "C", false, 0, "")
	f.SetFont("serif", "B", 12)
	f.CellFormat(95, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", 1, "C", false, 0, "")
	f.SetFont("serif", "B", 13)
	f.CellFormat(70, 6, h.Agency, "", 0, "C", false, 0, "")
	f.CellFormat(95, 6, "Độc lập - Tự do - Hạnh phúc", "", 1, "C", false, 0, "")
	f.Line(50, f.GetY()+1, 80, f.GetY()+1)
	f.Line(117, f.GetY()+1, 177, f.GetY()+1)
	f.Ln(5)
	f.SetFont("serif", "", 13)
	f.CellFormat(70, 6, h.Number, "", 0, "C", false, 0, "")
	f.SetFont("serif", "I", 14)
	f.CellFormat(95, 6, h.PlaceDate, "", 1, "C", false, 0, "")
	f.Ln(6)
	f.SetFont("serif", "B", 14)
	f.CellFormat(0, 7, p.Official.Type, "", 1, "C", false, 0, "")
	f.MultiCell(0, 7, p.Official.Title, "", "C", false)
	f.Ln(4)
	f.SetFont("serif", "", 14)
	for _, b := range p.Body {
		switch b.Kind {
		case report.Paragraph:
			f.MultiCell(0, 7, "      "+b.Text, "", "J", false)
			f.Ln(2)
		case report.Caption:
			f.SetFont("serif", "B", 14)
			f.MultiCell(0, 7, b.Text, "", "C", false)
			f.SetFont("serif", "", 14)
		case report.TableBlock:
			t := b.Table
			widths := make([]float64, len(t.Columns))
			for i, c := range t.Columns {
				widths[i] = c.Width * 165
			}
			row := func(cells []report.Cell, style string, fill bool) {
				f.SetFont("serif", style, 12)
				lines := 1
				split := make([][]string, len(cells))
				for i, c := range cells {
					split[i] = f.SplitText(c.Text, widths[i]-2)
					lines = max(lines, len(split[i]))
				}
				rh := float64(lines) * 5.5
				x, y := f.GetX(), f.GetY()
				for i := range cells {
					f.Rect(x, y, widths[i], rh, "D")
					for k, s := range split[i] {
						f.SetXY(x+1, y+float64(k)*5.5)
						f.CellFormat(widths[i]-2, 5.5, s, "", 0, "L", fill, 0, "")
					}
					x += widths[i]
				}
				f.SetXY(30, y+rh)
			}
			row(t.Header[0], "B", true)
			for _, r := range t.Rows {
				if f.GetY()+6 > 277 {
					f.AddPage()
					row(t.Header[0], "B", true)
				}
				row(r.Cells, "", false)
			}
		}
	}
	f.Ln(4)
	y := f.GetY()
	f.SetFont("serif", "BI", 12)
	f.CellFormat(80, 6, "Nơi nhận:", "", 2, "L", false, 0, "")
	f.SetFont("serif", "", 11)
	for _, r := range p.Closing.Recipients {
		f.CellFormat(80, 5, r, "", 2, "L", false, 0, "")
	}
	f.SetXY(110, y)
	f.SetFont("serif", "B", 14)
	for _, t := range p.Closing.Signer.Titles {
		f.CellFormat(85, 7, t, "", 2, "C", false, 0, "")
	}
	f.Ln(25)
	f.SetX(110)
	f.CellFormat(85, 7, p.Closing.Signer.Name, "", 2, "C", false, 0, "")
	if err := f.Error(); err != nil {
		return err
	}
	return f.Output(w)
}

// TestAnchorWorkload checks that the benchmark's report is the anchor's:
// two pages, 316 words in its three paragraphs, a 19-row table whose
// header repeats on the second page, and that bare fpdf's version has two
// pages too.
func TestAnchorWorkload(t *testing.T) {
	for i := range anchorCommunes {
		words := 0
		for _, p := range anchorParagraphs(anchorCommunes[i]) {
			words += len(strings.Fields(p))
		}
		if words < 315 || words > 317 {
			t.Errorf("%s: the paragraphs have %d words, want about 316", anchorCommunes[i], words)
		}
	}
	doc := anchorDoc(0)
	tr, _, info := traced(t, doc)
	if info.Pages != 2 {
		t.Fatalf("the anchor report has %d pages, want 2", info.Pages)
	}
	headers := map[int]int{}
	for _, b := range tr.Texts {
		if b.Text == "Tên tiêu chí" {
			headers[b.Page]++
		}
	}
	if headers[1] != 1 || headers[2] != 1 {
		t.Errorf("table header on pages %v, want once on each of pages 1 and 2", headers)
	}
	var buf bytes.Buffer
	if err := bareFpdf(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")); n != 2 {
		t.Errorf("bare fpdf's version has %d pages, want 2", n)
	}
}

var national = flag.Int("national", 200, "commune reports in TestNationalRun (10000 for the national figure)")

// TestNationalRun renders -national commune reports on one worker, then
// on two (both cores), and checks that every report has the same bytes
// both times; it logs the CPU and wall time of each run.
func TestNationalRun(t *testing.T) {
	n := *national
	if testing.Short() {
		n = min(n, 50)
	}
	docs := make([]*report.Document, 64)
	for i := range docs {
		docs[i] = anchorDoc(i)
		// Each report its own number and commune index, as in a real run.
		docs[i].Parts[0].Official.Header.Number = fmt.Sprintf("Số: %03d/BC-SKH", i+1)
	}
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	run := func(workers int) ([][32]byte, time.Duration, time.Duration, int) {
		sums := make([][32]byte, n)
		var wg sync.WaitGroup
		var mu sync.Mutex
		next, total := 0, 0
		cpu0, wall0 := cputime.Process(), time.Now()
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= n {
						return
					}
					buf.Reset()
					if _, err := r.Render(&buf, docs[i%len(docs)]); err != nil {
						t.Error(err)
						return
					}
					sums[i] = sha256.Sum256(buf.Bytes())
					mu.Lock()
					total += buf.Len()
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return sums, cputime.Process() - cpu0, time.Since(wall0), total
	}
	one, cpu1, wall1, size := run(1)
	two, cpu2, wall2, _ := run(2)
	for i := range one {
		if one[i] != two[i] {
			t.Fatalf("report %d differs between one worker and two", i)
		}
	}
	t.Logf("%d reports, %d MB: one worker %v CPU, %v wall; two workers %v CPU, %v wall (%.2f ms CPU per report)",
		n, size>>20, cpu1.Round(time.Millisecond), wall1.Round(time.Millisecond), cpu2.Round(time.Millisecond), wall2.Round(time.Millisecond),
		float64(cpu2)/float64(time.Millisecond)/float64(n))
}
