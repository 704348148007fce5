package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/report"
)

var sampleOut = flag.String("sample-out", "", "write a sample PDF to this file")

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

// TestInsideMargins checks every text run of a multi-page document lies
// inside the margins, except the page numbers, which must sit in the top
// margin of pages 2 and later, centred.
func TestInsideMargins(t *testing.T) {
	for _, n := range []int{1, 12, 40} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			doc := sampleDoc(n)
			var buf bytes.Buffer
			trace, err := renderTrace(&buf, doc)
			if err != nil {
				t.Fatal(err)
			}
			l := doc.Parts[0].Page.Layout
			left, right := l.MarginLeft, 210-l.MarginRight
			top, bottom := l.MarginTop, 297-l.MarginBottom
			const eps = 0.01
			pages := 0
			numbered := map[int]bool{}
			for _, b := range trace {
				pages = max(pages, b.Page)
				if b.X < left-eps || b.X+b.W > right+eps {
					t.Errorf("page %d: %q from x=%.2f to %.2f, outside %.0f–%.0f mm", b.Page, b.Text, b.X, b.X+b.W, left, right)
				}
				if b.Y+b.H <= top+eps { // in the top margin: only the page number
					if b.Text != fmt.Sprint(b.Page) || b.Page == 1 {
						t.Errorf("page %d: %q in the top margin", b.Page, b.Text)
					}
					if mid := b.X + b.W/2; mid < (left+right)/2-0.5 || mid > (left+right)/2+0.5 {
						t.Errorf("page number %q not centred: middle at %.2f", b.Text, mid)
					}
					numbered[b.Page] = true
					continue
				}
				if b.Y < top-eps || b.Y+b.H > bottom+eps {
					t.Errorf("page %d: %q from y=%.2f to %.2f, outside %.0f–%.0f mm", b.Page, b.Text, b.Y, b.Y+b.H, top, bottom)
				}
			}
			for p := 2; p <= pages; p++ {
				if !numbered[p] {
					t.Errorf("page %d has no number", p)
				}
			}
			if n == 40 && pages < 3 {
				t.Errorf("40 paragraphs on %d pages; want a multi-page test", pages)
			}
		})
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

func TestWriteSampleForViewing(t *testing.T) {
	if *sampleOut == "" {
		t.Skip("pass -sample-out FILE to write a sample PDF for viewing")
	}
	var buf bytes.Buffer
	if err := Render(&buf, sampleDoc(14)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*sampleOut, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
