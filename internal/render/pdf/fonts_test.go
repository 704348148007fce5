package pdf

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
	"github.com/ntm-project/ntm/internal/report"
)

// TestPreparedFontSameBytes checks the fpdf patch against fpdf's own way
// of adding a font: a prepared font without a repertoire gives the same
// bytes, subset included, as the font added from its bytes.
func TestPreparedFontSameBytes(t *testing.T) {
	reg, err := fpdf.PrepareUTF8Font(liberationserifregular.TTF, nil)
	if err != nil {
		t.Fatal(err)
	}
	bld, err := fpdf.PrepareUTF8Font(liberationserifbold.TTF, nil)
	if err != nil {
		t.Fatal(err)
	}
	draw := func(prepared bool) []byte {
		f := fpdf.New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.SetCreationDate(reportMeta.Created)
		f.SetModificationDate(reportMeta.Created)
		if prepared {
			f.AddUTF8PreparedFont("serif", "", reg)
			f.AddUTF8PreparedFont("serif", "B", bld)
		} else {
			f.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
			f.AddUTF8FontFromBytes("serif", "B", liberationserifbold.TTF)
		}
		f.AddPage()
		f.SetFont("serif", "", 14)
		f.Text(30, 30, "Cộng hòa xã hội chủ nghĩa Việt Nam — 1.234,5 ≤ 2.000")
		f.SetFont("serif", "B", 13)
		f.Text(30, 40, "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG KHÊ")
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := draw(false), draw(true)
	if !bytes.Equal(a, b) {
		t.Fatalf("a prepared font writes %d bytes, the font from bytes %d: they differ", len(b), len(a))
	}
	// The second document reuses the first one's subset, with the same bytes.
	if c := draw(true); !bytes.Equal(b, c) || reg.Stats().Reused == 0 {
		t.Errorf("second document with the prepared font: same bytes %v, stats %+v", bytes.Equal(b, c), reg.Stats())
	}
}

// TestTextFastSameBytes checks the patch's fast Text against upstream's:
// the same document, drawn both ways, gives the same bytes (escaped
// parentheses and backslashes, colour, Vietnamese, runes of the
// repertoire and outside it).
func TestTextFastSameBytes(t *testing.T) {
	reg, err := fpdf.PrepareUTF8Font(liberationserifregular.TTF, []rune("abcdefghijklmnopqrstuvwxyzỘộỦủ ()\\"))
	if err != nil {
		t.Fatal(err)
	}
	draw := func(fast bool) []byte {
		fpdf.TextFastPath = fast
		defer func() { fpdf.TextFastPath = true }()
		f := fpdf.New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.SetCreationDate(reportMeta.Created)
		f.SetModificationDate(reportMeta.Created)
		f.AddUTF8PreparedFont("serif", "", reg)
		f.AddPage()
		f.SetFont("serif", "", 14)
		f.Text(30, 30, "Cộng hòa (xã hội) chủ nghĩa \\ Việt Nam — 1.234,5 ≤ 2.000")
		f.SetTextColor(120, 120, 120)
		f.Text(30.123, 41.987, "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG KHÊ ⁂ \r")
		f.Text(0, 0, "")
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if a, b := draw(false), draw(true); !bytes.Equal(a, b) {
		t.Fatalf("fast Text writes %d bytes, upstream's %d: they differ", len(b), len(a))
	}
}

// TestSubsetReuse checks that documents whose text stays within the
// repertoire share one subset per face, built once; that a document with
// another rune gets a subset of its own, kept for the next one; and that
// what was rendered before never changes a document's bytes.
func TestSubsetReuse(t *testing.T) {
	render := func(d *report.Document) []byte {
		var b bytes.Buffer
		if _, err := testRenderer.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first := render(anchorDoc(0))
	before := testRenderer.fs.face[regular].Stats()
	for i := range 10 {
		render(anchorDoc(i))
	}
	after := testRenderer.fs.face[regular].Stats()
	if after.Built != before.Built || after.Reused < before.Reused+10 {
		t.Errorf("10 reports in the repertoire: subsets built %d → %d, reused %d → %d", before.Built, after.Built, before.Reused, after.Reused)
	}
	greek := anchorDoc(1)
	greek.Parts[0].Body[0].Text += " Ω Σ"
	g1 := render(greek)
	mid := testRenderer.fs.face[regular].Stats()
	g2 := render(greek)
	end := testRenderer.fs.face[regular].Stats()
	if mid.Built > after.Built+1 || end.Built != mid.Built || !bytes.Equal(g1, g2) {
		t.Errorf("a rune outside the repertoire: built %d → %d → %d, same bytes twice %v", after.Built, mid.Built, end.Built, bytes.Equal(g1, g2))
	}
	if again := render(anchorDoc(0)); !bytes.Equal(first, again) {
		t.Error("a report's bytes changed after other reports were rendered")
	}
	if !bytes.Contains(g1, []byte("/FontFile2")) {
		t.Error("no embedded font program")
	}
}

// TestAllocationsPerReport is the test that fails without the fpdf patch:
// rendering a report with a warm renderer allocates well under what
// parsing and subsetting the four faces alone costs (each parse makes a
// 65,536-entry width table, each subset another, each zlib writer about
// a megabyte: bare fpdf allocates 14 MB or more per report).
func TestAllocationsPerReport(t *testing.T) {
	docs := []*report.Document{anchorDoc(0), anchorDoc(1), anchorDoc(2)}
	var buf bytes.Buffer
	for _, d := range docs { // warm
		buf.Reset()
		if _, err := testRenderer.Render(&buf, d); err != nil {
			t.Fatal(err)
		}
	}
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	const n = 30
	for i := range n {
		buf.Reset()
		if _, err := testRenderer.Render(&buf, docs[i%len(docs)]); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&m1)
	per := float64(m1.TotalAlloc-m0.TotalAlloc) / n
	t.Logf("%.0f KB allocated per report", per/1024)
	if per > 2<<20 {
		t.Errorf("%.1f MB allocated per report, want under 2 MB: fonts parsed or subset again?", per/(1<<20))
	}
}

// TestConcurrentSameBytes renders reports on several goroutines sharing
// one renderer and checks the bytes against one goroutine's: a national
// run on every core writes the same files as a run on one.
func TestConcurrentSameBytes(t *testing.T) {
	const n = 24
	serial := make([][]byte, n)
	for i := range n {
		var b bytes.Buffer
		if _, err := testRenderer.Render(&b, anchorDoc(i)); err != nil {
			t.Fatal(err)
		}
		serial[i] = b.Bytes()
	}
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	par := make([][]byte, n)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 4 {
				var b bytes.Buffer
				if _, err := r.Render(&b, anchorDoc(i)); err != nil {
					t.Error(err)
					return
				}
				par[i] = b.Bytes()
			}
		}()
	}
	wg.Wait()
	for i := range n {
		if !bytes.Equal(serial[i], par[i]) {
			t.Errorf("report %d differs between one goroutine and four", i)
		}
	}
}

// TestReadBack reads a rendered report back as a reader would (poppler):
// every font embedded, the metadata, the text with its diacritics, the
// names with no-break spaces extracted with plain spaces.
func TestReadBack(t *testing.T) {
	for _, tool := range []string{"pdffonts", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing on CI", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	doc := reportDoc()
	_, b, info := traced(t, doc)
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) string {
		if name == "pdftotext" {
			args = append(args, path, "-")
		} else {
			args = append(args, path)
		}
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		return string(out)
	}
	rows := strings.Split(strings.TrimSpace(run("pdffonts")), "\n")[2:]
	if len(rows) != 4 {
		t.Errorf("%d fonts, want the 4 faces", len(rows))
	}
	for _, r := range rows {
		f := strings.Fields(r)
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", r)
		}
	}
	pi := run("pdfinfo")
	for _, want := range []string{"Title:           " + doc.Meta.Title, "Author:          " + doc.Meta.Author,
		"Creator:         ntm", "Keywords:        nông thôn mới, báo cáo", "CreationDate:    Tue Jun 15 00:00:00 2021",
		"Pages:           " + strconv.Itoa(info.Pages)} {
		if !strings.Contains(pi, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, pi)
		}
	}
	if !bytes.Contains(b, []byte("/Lang (vi)")) {
		t.Error("no /Lang (vi) in the catalog")
	}
	text := strings.Join(strings.Fields(run("pdftotext", "-enc", "UTF-8", "-layout")), " ")
	for _, want := range []string{"ỦY BAN NHÂN DÂN", "HUYỆN HƯƠNG KHÊ", "xã Hương Trà, xã Hương Long",
		"Văn phòng Điều phối nông thôn mới tỉnh;", "Nguyễn Văn Bình", "Phụ lục I", "Tỷ lệ hộ có nhà tiêu", "Số tiêu chí đạt"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	if strings.ContainsRune(text, nbsp) {
		t.Error("a no-break space reached the PDF")
	}
}

// TestWidthPastTheTable is the patch's bounds fix: fpdf indexed past its
// 65,536-entry width table for U+10000 and panicked.
func TestWidthPastTheTable(t *testing.T) {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8PreparedFont("serif", "", testRenderer.fs.face[regular])
	f.AddPage()
	f.SetFont("serif", "", 12)
	if w := f.GetStringWidth("a\U00010000"); !(w > 0) {
		t.Errorf("width %v", w)
	}
}

// TestAppendFixed: the patch's fixed-point formatter writes what
// strconv writes, on ties, near-ties, signs, zeros, large and odd values.
func TestAppendFixed(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 0.005, 0.015, 0.025, 0.125, 1.005, 2.675, -2.675, 0.49999999, 0.5, 1.5, 2.5,
		-0.001, -0.004, 99999.995, 99999.994, -99999.999, 1e5, 1e9, math.NaN(), math.Inf(1), math.Inf(-1), 595.28, 841.89,
		123.456, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1e-9, -1e-9, 4.999999999, 5.0000001}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		values = append(values, (rng.Float64()-0.5)*2e5, math.Round(rng.Float64()*1e6)/1e4+0.00005, float64(rng.IntN(100000))/1000)
	}
	for _, v := range values {
		for prec := 0; prec <= 5; prec++ {
			want := strconv.FormatFloat(v, 'f', prec, 64)
			if got := string(fpdf.AppendFixed([]byte("x"), v, prec)); got != "x"+want {
				t.Fatalf("AppendFixed(%v, %d) = %q, strconv %q", v, prec, got[1:], want)
			}
		}
	}
}
