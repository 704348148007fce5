package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/report"
)

var sampleOut = flag.String("sample-out", "", "write the test documents as PDF files into this folder")

// sampleDoc is a document long enough to run over several pages, with
// every kind of block.
func sampleDoc(paragraphs int) *report.Document {
	d := &report.Document{
		Meta: report.Meta{Title: "Thực hiện công tác phụ trách, đỡ đầu cho các xã xây dựng nông thôn mới",
			Author: "Sở Kế hoạch và Đầu tư", Subject: "Kế hoạch", Keywords: []string{"nông thôn mới"},
			Creator: "ntm", Lang: "vi", Created: time.Date(2020, 12, 8, 0, 0, 0, 0, time.UTC)},
		Parts: []report.Part{{
			Page: report.Page{Layout: report.DefaultLayout()},
			Official: &report.Official{
				Header: report.Header{Parent: "UBND TỈNH QUẢNG TRỊ", Agency: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
					Number: "Số: 2071/SKH-KTN", PlaceDate: "Quảng Trị, ngày 08 tháng 12 năm 2020"},
				Type:  "KẾ HOẠCH",
				Title: "Thực hiện công tác phụ trách, đỡ đầu cho các xã xây dựng nông thôn mới",
			},
			Closing: &report.Closing{
				Recipients: []string{"- UBND tỉnh (b/c);", "- UBND các xã Thuận, Cam Chính, Gio Mỹ, Gio Mai;", "- Lưu: VT, KGVX, KTN."},
				Signer:     report.Signer{Titles: []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}, Name: "Trương Chí Trung"},
			},
		}},
	}
	for i := 0; i < paragraphs; i++ {
		if i%4 == 0 {
			d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Kind: report.Heading, Bold: true, Text: fmt.Sprintf("%d. Mục đích, yêu cầu", i/4+1)})
		}
		d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Text: "- Bảo đảm sự phối hợp chặt chẽ giữa các Sở, ban, ngành và địa phương liên quan nhằm tháo gỡ những khó khăn, vướng mắc trong quá trình thực hiện xây dựng nông thôn mới của các xã được phân công đỡ đầu, phụ trách."})
	}
	return d
}

func TestRenderDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Render(&a, sampleDoc(12)); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, sampleDoc(12)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renders of the same document differ")
	}
	for _, want := range []string{"/CreationDate (D:20201208", "/Lang (vi)", "/MediaBox [0 0 595.28 841.89]"} {
		if !bytes.Contains(a.Bytes(), []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// TestFrame checks the trace on every page of many documents, portrait
// and landscape: every run of text and every shape lies inside the frame
// of its page, except the page numbers, which sit centred in the top
// margin of every page of a part but its first, counted from 1 in each
// part.
func TestFrame(t *testing.T) {
	docs := map[string]*report.Document{"report": reportDoc(), "anchor": anchorDoc(3)}
	for _, n := range []int{1, 12, 40} {
		docs[fmt.Sprintf("plan-%d", n)] = sampleDoc(n)
	}
	for seed := uint32(1); seed < 6; seed++ {
		docs[fmt.Sprintf("varied-%d", seed)] = variedDoc(30+int(seed)*7, seed)
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			tr, _, info := traced(t, doc)
			checkFrame(t, tr, info)
		})
	}
}

// checkFrame is TestFrame's check of one trace.
func checkFrame(t *testing.T, tr *trace, info Info) {
	t.Helper()
	const tol = 0.01
	if len(tr.Pages) != info.Pages {
		t.Fatalf("trace has %d pages, the file %d", len(tr.Pages), info.Pages)
	}
	numbered := map[int]bool{}
	for _, b := range tr.Texts {
		pg := tr.Pages[b.Page-1]
		if b.Part != pg.Part || b.PartPage != pg.PartPage {
			t.Errorf("page %d: %q recorded on part %d page %d, the page is part %d page %d", b.Page, b.Text, b.Part, b.PartPage, pg.Part, pg.PartPage)
		}
		if b.X < pg.Left-tol || b.X+b.W > pg.Right+tol {
			t.Errorf("page %d: %q from x=%.2f to %.2f, outside %.0f–%.0f mm", b.Page, b.Text, b.X, b.X+b.W, pg.Left, pg.Right)
		}
		if b.Y+b.H <= pg.Top+tol { // in the top margin: only the page number
			if b.Text != fmt.Sprint(pg.PartPage) || pg.PartPage == 1 || b.Size != 13 || b.Bold || b.Italic {
				t.Errorf("page %d: %q (%.0f pt) in the top margin", b.Page, b.Text, b.Size)
			}
			if mid := b.X + b.W/2; math.Abs(mid-(pg.Left+pg.Right)/2) > 0.01 {
				t.Errorf("page number %q not centred: middle at %.2f", b.Text, mid)
			}
			if b.Y < 0 {
				t.Errorf("page number above the page: y=%.2f", b.Y)
			}
			numbered[b.Page] = true
			continue
		}
		if b.Y < pg.Top-tol || b.Y+b.H > pg.Bottom+tol {
			t.Errorf("page %d: %q from y=%.2f to %.2f, outside %.0f–%.0f mm", b.Page, b.Text, b.Y, b.Y+b.H, pg.Top, pg.Bottom)
		}
	}
	for _, s := range tr.Shapes {
		pg := tr.Pages[s.Page-1]
		x0, x1 := min(s.X, s.X+s.W), max(s.X, s.X+s.W)
		y0, y1 := min(s.Y, s.Y+s.H), max(s.Y, s.Y+s.H)
		if x0 < pg.Left-tol || x1 > pg.Right+tol || y0 < pg.Top-tol || y1 > pg.Bottom+tol {
			t.Errorf("page %d: %s %.1f,%.1f–%.1f,%.1f outside the frame %.0f,%.0f–%.0f,%.0f", s.Page, s.What, x0, y0, x1, y1, pg.Left, pg.Top, pg.Right, pg.Bottom)
		}
	}
	for i, pg := range tr.Pages {
		if pg.PartPage > 1 && !numbered[i+1] {
			t.Errorf("page %d (page %d of part %d) has no number", i+1, pg.PartPage, pg.Part+1)
		}
		if (pg.W == 297) != (pg.Right-pg.Left > 200) {
			t.Errorf("page %d: %.0f mm wide with a frame %.0f mm wide", i+1, pg.W, pg.Right-pg.Left)
		}
	}
}

// variedDoc has headings and paragraphs of 1 to 6 lines in a fixed
// pseudo-random order, so that page breaks fall in every kind of place.
func variedDoc(blocks int, seed uint32) *report.Document {
	d := sampleDoc(0)
	words := strings.Fields("Bảo đảm sự phối hợp chặt chẽ giữa các Sở, ban, ngành và địa phương liên quan nhằm tháo gỡ những khó khăn, vướng mắc trong quá trình thực hiện xây dựng nông thôn mới của các xã được phân công đỡ đầu, phụ trách.")
	for i := 0; i < blocks; i++ {
		seed = seed*1664525 + 1013904223
		if seed%5 == 0 {
			d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Kind: report.Heading, Bold: true, Text: fmt.Sprintf("%d. Tổ chức thực hiện", i)})
			continue
		}
		n := 4 + int(seed>>8)%90 // words: about 1 to 6 lines
		var b strings.Builder
		for k := 0; k < n; k++ {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[k%len(words)])
		}
		d.Parts[0].Body = append(d.Parts[0].Body, report.Block{Text: b.String()})
	}
	return d
}

// TestKeepTogether checks the page-break rules on many documents: no page
// ends with a heading, no paragraph leaves its first line alone at the
// foot of a page (orphan) or its last line alone at the head of the next
// (widow), and the signer's block shares its page with the last two lines
// of the body (or the whole last paragraph when it is shorter).
func TestKeepTogether(t *testing.T) {
	breaks := 0
	for n := 5; n < 60; n++ {
		doc := variedDoc(n, uint32(n))
		var buf bytes.Buffer
		trace, err := renderTrace(&buf, doc)
		if err != nil {
			t.Fatal(err)
		}
		type pageEnds struct{ first, last *TextBox }
		pages := map[int]*pageEnds{}
		signerPage := 0
		for i := range trace {
			b := &trace[i]
			if b.Text == "Nơi nhận:" {
				signerPage = b.Page
			}
			if b.Line.Block < 0 {
				continue
			}
			pe := pages[b.Page]
			if pe == nil {
				pe = &pageEnds{first: b}
				pages[b.Page] = pe
			}
			pe.last = b
		}
		for p, pe := range pages {
			last, next := pe.last.Line, pages[p+1]
			if next == nil {
				continue
			}
			breaks++
			first := next.first.Line
			if last.Kind == report.Heading {
				t.Errorf("n=%d: page %d ends with a heading (%q)", n, p, pe.last.Text)
			}
			if last.Kind == report.Paragraph && last.Count > 1 && last.Index == 0 {
				t.Errorf("n=%d: page %d ends with the first line of a %d-line paragraph", n, p, last.Count)
			}
			if first.Kind == report.Paragraph && first.Count > 1 && first.Index == first.Count-1 {
				t.Errorf("n=%d: page %d starts with the last line of a %d-line paragraph", n, p+1, first.Count)
			}
		}
		lastBlock := len(doc.Parts[0].Body) - 1
		onSigner := map[int]bool{}
		for _, b := range trace {
			if b.Page == signerPage && b.Line.Block == lastBlock {
				onSigner[b.Line.Index] = true
			}
		}
		want := 2
		if c := countLines(trace, lastBlock); c < want {
			want = c
		}
		if len(onSigner) < want {
			t.Errorf("n=%d: the signer's page %d holds %d line(s) of the last paragraph, want %d", n, signerPage, len(onSigner), want)
		}
	}
	if breaks < 40 {
		t.Errorf("only %d page breaks exercised; want a test that breaks pages often", breaks)
	}
}

func countLines(trace []TextBox, block int) int {
	for _, b := range trace {
		if b.Line.Block == block {
			return b.Line.Count
		}
	}
	return 0
}

func BenchmarkRender(b *testing.B) {
	doc := sampleDoc(12)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Render(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}
