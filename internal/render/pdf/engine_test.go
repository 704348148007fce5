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
		Layout: report.DefaultLayout(),
		Header: report.Header{Parent: "UBND TỈNH QUẢNG TRỊ", Agency: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
			Number: "Số: 2071/SKH-KTN", PlaceDate: "Quảng Trị, ngày 08 tháng 12 năm 2020"},
		Type:       "KẾ HOẠCH",
		Title:      "Thực hiện công tác phụ trách, đỡ đầu cho các xã xây dựng nông thôn mới",
		Recipients: []string{"- UBND tỉnh (b/c);", "- UBND các xã Thuận, Cam Chính, Gio Mỹ, Gio Mai;", "- Lưu: VT, KGVX, KTN."},
		Signer:     report.Signer{Authority: "KT. GIÁM ĐỐC", Position: "PHÓ GIÁM ĐỐC", Name: "Trương Chí Trung"},
	}
	for i := 0; i < paragraphs; i++ {
		if i%4 == 0 {
			d.Body = append(d.Body, report.Block{Kind: report.Heading, Bold: true, Text: fmt.Sprintf("%d. Mục đích, yêu cầu", i/4+1)})
		}
		d.Body = append(d.Body, report.Block{Text: "- Bảo đảm sự phối hợp chặt chẽ giữa các Sở, ban, ngành và địa phương liên quan nhằm tháo gỡ những khó khăn, vướng mắc trong quá trình thực hiện xây dựng nông thôn mới của các xã được phân công đỡ đầu, phụ trách."})
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
			trace, err := render(&buf, doc)
			if err != nil {
				t.Fatal(err)
			}
			l := doc.Layout
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

// TestKeepTogether checks a heading is never the last line of a page and
// the signer's block shares its page with body text.
func TestKeepTogether(t *testing.T) {
	for n := 1; n < 30; n++ {
		doc := sampleDoc(n)
		var buf bytes.Buffer
		trace, err := render(&buf, doc)
		if err != nil {
			t.Fatal(err)
		}
		lastOnPage := map[int]TextBox{}
		var signer TextBox
		for _, b := range trace {
			if b.Text == "Nơi nhận:" {
				signer = b
			}
			if cur, ok := lastOnPage[b.Page]; !ok || b.Y >= cur.Y {
				lastOnPage[b.Page] = b
			}
		}
		signerPage, bodyOnSignerPage := signer.Page, 0
		for _, b := range trace {
			if b.Page == signer.Page && b.Y >= doc.Layout.MarginTop && b.Y < signer.Y {
				bodyOnSignerPage++
			}
		}
		for p, b := range lastOnPage {
			if p != signer.Page && strings.Contains(b.Text, "yêu cầu") {
				t.Errorf("n=%d: page %d ends with heading text %q", n, p, b.Text)
			}
		}
		if signerPage > 1 && bodyOnSignerPage == 0 {
			t.Errorf("n=%d: signer alone on page %d", n, signerPage)
		}
	}
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
