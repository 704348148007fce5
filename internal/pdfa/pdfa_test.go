package pdfa

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
)

// fpdfDocument writes a small Vietnamese document the way ntm's renderer
// does: a UTF-8 TrueType font embedded, fixed dates, UTF-16 metadata.
func fpdfDocument(t testing.TB, text string) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCatalogSort(true)
	d := time.Date(2020, 12, 8, 0, 0, 0, 0, time.UTC)
	p.SetCreationDate(d)
	p.SetModificationDate(d)
	p.SetTitle("Kế hoạch thực hiện công tác phụ trách, đỡ đầu", true)
	p.SetAuthor("Sở Kế hoạch và Đầu tư", true)
	p.SetSubject("Phụ trách (đỡ đầu) \\ xã", true)
	p.SetKeywords("nông thôn mới, Quảng Trị", true)
	p.SetCreator("ntm", true)
	p.SetProducer("ntm", true)
	p.SetLang("vi")
	p.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	p.AddPage()
	p.SetFont("serif", "", 14)
	p.SetFillColor(230, 230, 230)
	p.Rect(20, 20, 50, 10, "F")
	p.Text(20, 40, text)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestConvertFpdfOutput(t *testing.T) {
	in := fpdfDocument(t, "UBND xã Gio Mỹ, huyện Gio Linh: đạt 19/19 tiêu chí")
	if probs := Check(in); len(probs) == 0 {
		t.Fatal("Check finds nothing wrong with fpdf's own output, which has no XMP, output intent or /ID")
	}
	out, err := Convert(in, Options{Lang: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	if probs := Check(out); len(probs) > 0 {
		t.Fatalf("converted file breaks rules:\n%s", strings.Join(probs, "\n"))
	}
	again, _ := Convert(in, Options{Lang: "vi"})
	if !bytes.Equal(out, again) {
		t.Fatal("two conversions of the same bytes differ")
	}
	other, _ := Convert(fpdfDocument(t, "xã Thuận"), Options{Lang: "vi"})
	if id(t, out) == id(t, other) {
		t.Fatal("two different documents got the same /ID")
	}
	// The metadata read back with encoding/xml equal the Info dictionary.
	f, err := parseFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseXMP(f.obj(f.resolve(f.trailer.get("Root")).get("Metadata").ref[0]).stream)
	if err != nil {
		t.Fatal(err)
	}
	want := Metadata{Part: "2", Conformance: "B", Title: "Kế hoạch thực hiện công tác phụ trách, đỡ đầu",
		Creator: "Sở Kế hoạch và Đầu tư", Description: "Phụ trách (đỡ đầu) \\ xã", Language: "vi",
		Keywords: "nông thôn mới, Quảng Trị", Producer: "ntm", CreatorTool: "ntm",
		CreateDate: "2020-12-08T00:00:00", ModifyDate: "2020-12-08T00:00:00"}
	if m != want {
		t.Fatalf("XMP read back:\n%+v\nwant\n%+v", m, want)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	os.WriteFile(path, out, 0o644)
	if _, err := exec.LookPath("qpdf"); err == nil {
		if b, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
			t.Fatalf("qpdf --check: %v\n%s", err, b)
		}
	} else {
		t.Log("qpdf missing: qpdf --check not run")
	}
	if _, err := exec.LookPath("pdffonts"); err == nil {
		b, err := exec.Command("pdffonts", path).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, b)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")[2:]
		for _, l := range lines {
			if f := strings.Fields(l); len(f) < 7 || f[len(f)-5] != "yes" {
				t.Errorf("font not embedded: %s", l)
			}
		}
		if len(lines) == 0 {
			t.Error("pdffonts lists no font")
		}
		if b, err := exec.Command("pdfinfo", path).CombinedOutput(); err != nil || !strings.Contains(string(b), "PDF version:     1.7") {
			t.Errorf("pdfinfo: %v\n%s", err, b)
		}
	} else if os.Getenv("NTM_CI") == "1" {
		t.Fatal("pdffonts missing")
	}
}

func id(t *testing.T, b []byte) string {
	f, err := parseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(f.trailer.get("ID").items[0].raw)
}

// mkPDF builds a classic PDF whose objects 1… are objs (object 1 the
// catalog), with trailer extra entries.
func mkPDF(trailerExtra string, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := []int{}
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, x)
	return b.Bytes()
}

func TestCheckFindsBrokenRules(t *testing.T) {
	page := "<< /Type /Pages /Kids [] /Count 0 >>"
	tests := []struct {
		name string
		objs []string
		want string
	}{
		{"soft mask", []string{"<< /Type /Catalog /Pages 2 0 R >>", page, "<< /Type /ExtGState /SMask << /S /Luminosity >> >>"}, "/SMask"},
		{"alpha", []string{"<< /Type /Catalog /Pages 2 0 R >>", page, "<< /Type /ExtGState /ca 0.5 >>"}, "/ca 0.5"},
		{"blend", []string{"<< /Type /Catalog /Pages 2 0 R >>", page, "<< /Type /ExtGState /BM /Multiply >>"}, "/BM"},
		{"font not embedded", []string{"<< /Type /Catalog /Pages 2 0 R >>", page, "<< /Type /FontDescriptor /FontName /Times >>"}, "không được nhúng"},
		{"core font", []string{"<< /Type /Catalog /Pages 2 0 R >>", page, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}, "FontDescriptor"},
		{"javascript", []string{"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", page}, "JavaScript"},
		{"lzw", []string{"<< /Type /Catalog /Pages 2 0 R >>", page, "<< /Filter /LZWDecode /Length 0 >>\nstream\n\nendstream"}, "LZWDecode"},
		{"hidden annotation", []string{"<< /Type /Catalog /Pages 2 0 R >>", page, "<< /Type /Annot /Subtype /Link /Rect [0 0 1 1] /F 2 >>"}, "cờ in"},
		{"embedded file", []string{"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(a.xml) 3 0 R] >> >> >>", page, "<< /Type /Filespec >>"}, "đính kèm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mkPDF("", tt.objs...)
			out, err := Convert(in, Options{Lang: "vi"})
			if err != nil {
				t.Fatal(err)
			}
			probs := strings.Join(Check(out), "\n")
			if !strings.Contains(probs, tt.want) {
				t.Fatalf("Check does not report %q; it says:\n%s", tt.want, probs)
			}
		})
	}
	// A clean minimal file passes once converted.
	out, err := Convert(mkPDF("", "<< /Type /Catalog /Pages 2 0 R >>", page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if probs := Check(out); len(probs) > 0 {
		t.Fatalf("clean file: %v", probs)
	}
	// A damaged /Length and trailing junk are found.
	bad := bytes.Replace(out, []byte("/Type /Metadata /Subtype /XML /Length "), []byte("/Type /Metadata /Subtype /XML /Length 1"), 1)
	if probs := strings.Join(Check(bad), "\n"); !strings.Contains(probs, "cấu trúc") {
		t.Errorf("wrong /Length not found: %s", probs)
	}
	if probs := strings.Join(Check(append(bytes.Clone(out), "junk"...)), "\n"); !strings.Contains(probs, "sau %%EOF") {
		t.Errorf("data after %%%%EOF not found: %s", probs)
	}
}

func TestConvertRefuses(t *testing.T) {
	cat := "<< /Type /Catalog /Pages 2 0 R >>"
	page := "<< /Type /Pages /Kids [] /Count 0 >>"
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"encrypted", mkPDF("/Encrypt 2 0 R", cat, page), ErrUnsupported},
		{"incremental update", mkPDF("/Prev 9", cat, page), ErrUnsupported},
		{"cross-reference stream", mkPDF("/XRefStm 9", cat, page), ErrUnsupported},
		{"not a PDF", []byte("hello"), errSyntax},
		{"truncated", mkPDF("", cat, page)[:60], errSyntax},
	}
	for _, tt := range tests {
		if _, err := Convert(tt.in, Options{}); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestXMPDate(t *testing.T) {
	for in, want := range map[string]string{
		"D:20201208000000":        "2020-12-08T00:00:00",
		"D:20201208073000+07'00'": "2020-12-08T07:30:00+07:00",
		"D:20201208073000Z":       "2020-12-08T07:30:00Z",
		"D:20201208073000-05'30":  "2020-12-08T07:30:00-05:30",
		"D:2020":                  "2020",
		"D:202012":                "2020-12",
		"D:2020120807":            "2020-12-08T07:00",
		"":                        "",
		"hôm nay":                 "",
	} {
		if got := xmpDate(in); got != want {
			t.Errorf("xmpDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSRGBProfile(t *testing.T) {
	p := SRGBProfile()
	if err := checkICC(p); err != nil {
		t.Fatal(err)
	}
	// The transfer curve: sRGB 0.5 is linear 0.214 (IEC 61966-2-1).
	var off int
	for i := 0; i < int(p[131]); i++ {
		if string(p[132+12*i:136+12*i]) == "rTRC" {
			off = int(p[136+12*i])<<24 | int(p[137+12*i])<<16 | int(p[138+12*i])<<8 | int(p[139+12*i])
		}
	}
	n := int(p[off+8])<<24 | int(p[off+9])<<16 | int(p[off+10])<<8 | int(p[off+11])
	mid := p[off+12+2*(n/2) : off+14+2*(n/2)]
	v := float64(int(mid[0])<<8|int(mid[1])) / 65535
	if v < 0.212 || v > 0.216 {
		t.Fatalf("curve at 0.5 = %.4f, want 0.214", v)
	}
	if !bytes.Equal(p, SRGBProfile()) {
		t.Fatal("profile changes between calls")
	}
}

func FuzzConvert(f *testing.F) {
	f.Add(mkPDF("", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"))
	f.Add(mkPDF("/Info 3 0 R", "<< /Type /Catalog /Pages 2 0 R /Lang (vi) >>", "<< /Type /Pages /Kids [] /Count 0 >>", "<< /Title (\\376\\377\\000a) /CreationDate (D:2020) >>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := Convert(b, Options{Lang: "vi"})
		Check(b)
		if err != nil {
			return
		}
		// Convert copies the objects without parsing them all: only an
		// input whose every object parses must give a file that does.
		if f, err := parseFile(b); err != nil || f.loadAll() != nil {
			return
		}
		if _, err := parseFile(out); err != nil {
			t.Fatalf("Convert wrote a file it cannot read back: %v", err)
		}
		for _, p := range Check(out) {
			if strings.Contains(p, "cấu trúc") || strings.Contains(p, "XMP") || strings.Contains(p, "/ID") || strings.Contains(p, "dòng đầu") {
				t.Fatalf("converted file: %s", p)
			}
		}
	})
}

func BenchmarkConvert(b *testing.B) {
	in := fpdfDocument(b, strings.Repeat("Kết quả thực hiện các tiêu chí ", 20))
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Convert(in, Options{Lang: "vi"}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPageCount(t *testing.T) {
	in := fpdfDocument(t, "một trang")
	out, _ := Convert(in, Options{})
	for _, b := range [][]byte{in, out} {
		if n, err := PageCount(b); err != nil || n != 1 {
			t.Errorf("PageCount = %d, %v; want 1", n, err)
		}
	}
	if _, err := PageCount([]byte("x")); err == nil {
		t.Error("PageCount of garbage")
	}
}

func TestConvertAppendReuses(t *testing.T) {
	in := fpdfDocument(t, "xã Gio Mai")
	want, _ := Convert(in, Options{Lang: "vi"})
	buf := []byte("prefix")
	got, err := ConvertAppend(buf, in, Options{Lang: "vi"})
	if err != nil || string(got[:6]) != "prefix" || !bytes.Equal(got[6:], want) {
		t.Fatalf("ConvertAppend after a prefix: %v", err)
	}
	again, _ := ConvertAppend(got[:0], in, Options{Lang: "vi"})
	if !bytes.Equal(again, want) {
		t.Fatal("ConvertAppend into a reused buffer differs")
	}
}

// BenchmarkConvertReused is the conversion as a worker of a national run
// does it: one buffer reused.
func BenchmarkConvertReused(b *testing.B) {
	in := fpdfDocument(b, strings.Repeat("Kết quả thực hiện các tiêu chí ", 20))
	b.SetBytes(int64(len(in)))
	var buf []byte
	for b.Loop() {
		var err error
		if buf, err = ConvertAppend(buf[:0], in, Options{Lang: "vi"}); err != nil {
			b.Fatal(err)
		}
	}
}
