package report_test

// The sample plans drawn by the PDF engine and read back as a reader
// would, with poppler-utils (which scripts/test.sh installs): their text
// against a golden file, and their geometry — every word inside the
// Decree 30 margins of its page, the header's rules, the signer's block,
// "Nơi nhận" level with it and the two footer columns apart, the annexes
// on their own pages. This is an external test package because the
// renderer imports report.

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/render/pdf"
	"github.com/ntm-project/ntm/internal/report"
)

const mm = 72 / 25.4 // points per millimetre

func poppler(t *testing.T, name string, args ...string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing on CI (scripts/test.sh installs poppler-utils)", name)
		}
		t.Skipf("%s not installed (apt-get install poppler-utils)", name)
	}
	out, err := exec.Command(p, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// updating reports the -update flag, which the package's internal tests
// define.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// A wordBox is one word read back with pdftotext -bbox-layout, in points
// from the page's top-left corner.
type wordBox struct {
	page           int // from 1
	x0, y0, x1, y1 float64
	text           string
}

// A lineBox is one line of words as pdftotext groups them.
type lineBox struct {
	page           int
	x0, y0, x1, y1 float64
	words          []wordBox
}

func (l lineBox) text() string {
	var s []string
	for _, w := range l.words {
		s = append(s, w.text)
	}
	return strings.Join(s, " ")
}

func (l lineBox) mid() float64 { return (l.x0 + l.x1) / 2 }

type pageBox struct{ w, h float64 }

var (
	rePage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	reLine = regexp.MustCompile(`<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">`)
	reWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	// reRule is a stroked straight line in pdftocairo's SVG: the engine's
	// rules (table borders are rectangles), in PDF user space.
	reRule = regexp.MustCompile(`<path [^>]*fill:none[^>]*d="M ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) "`)
)

func atof(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

// readLayout parses pdftotext -bbox-layout output into pages and lines.
func readLayout(html string) ([]pageBox, []lineBox) {
	var pages []pageBox
	var lines []lineBox
	for i, pg := range strings.Split(html, "<page ")[1:] {
		m := rePage.FindStringSubmatch("<page " + pg)
		pages = append(pages, pageBox{atof(m[1]), atof(m[2])})
		for _, ln := range strings.Split(pg, "<line ")[1:] {
			lm := reLine.FindStringSubmatch("<line " + ln)
			l := lineBox{page: i + 1, x0: atof(lm[1]), y0: atof(lm[2]), x1: atof(lm[3]), y1: atof(lm[4])}
			for _, w := range reWord.FindAllStringSubmatch(ln, -1) {
				l.words = append(l.words, wordBox{i + 1, atof(w[1]), atof(w[2]), atof(w[3]), atof(w[4]), w[5]})
			}
			lines = append(lines, l)
		}
	}
	return pages, lines
}

// rule is a horizontal rule in points from the top-left corner.
type rule struct{ x0, x1, y float64 }

func (r rule) mid() float64 { return (r.x0 + r.x1) / 2 }

func readRules(t *testing.T, file string, page int, height float64) []rule {
	dir := t.TempDir()
	poppler(t, "pdftocairo", "-svg", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), file, filepath.Join(dir, "p.svg"))
	svg, err := os.ReadFile(filepath.Join(dir, "p.svg"))
	if err != nil {
		t.Fatal(err)
	}
	var out []rule
	for _, m := range reRule.FindAllStringSubmatch(string(svg), -1) {
		if y0, y1 := atof(m[2]), atof(m[4]); math.Abs(y0-y1) < 0.01 {
			out = append(out, rule{atof(m[1]), atof(m[3]), height - y0})
		}
	}
	return out
}

// find returns the first line on page whose text is want (no-break
// spaces read as spaces).
func find(lines []lineBox, page int, want string) (lineBox, bool) {
	want = strings.ReplaceAll(want, "\u00a0", " ")
	for _, l := range lines {
		if l.page == page && strings.ReplaceAll(l.text(), "\u00a0", " ") == want {
			return l, true
		}
	}
	return lineBox{}, false
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestSamplePDFs draws the two samples of other offices and checks them
// as the seed plan is checked by cmd/ntm's tests.
func TestSamplePDFs(t *testing.T) {
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, err := pdf.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct{ name, path, file string }{
		{"snn-ha-tinh", "../plan/testdata/snn-ha-tinh.toml", "ke-hoach-05-KH-SNN.pdf"},
		{"ubnd-huong-khe", "../plan/testdata/ubnd-huong-khe.toml", "ke-hoach-112-KH-UBND.pdf"},
	} {
		t.Run(s.name, func(t *testing.T) {
			p, problems := plan.LoadFile(s.path)
			if p == nil || len(problems) > 0 {
				t.Fatalf("%v", problems.Err())
			}
			if got := p.FileName(); got != s.file {
				t.Errorf("FileName = %q, want %q", got, s.file)
			}
			set := cat.Set(p.Program.CriteriaSet)
			doc, err := report.PlanDocument(p, func(n int) string {
				if c := set.Criterion(n); c != nil {
					return c.Name
				}
				return ""
			})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			info, err := r.Render(&buf, doc)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), s.file)
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			checkText(t, s.name, file, doc)
			checkGeometry(t, file, doc, info)
		})
	}
}

// checkText compares the text read back with testdata/<name>.pdf.txt and
// checks that every paragraph, heading and recipient line is in it,
// wherever the lines break.
func checkText(t *testing.T, name, file string, doc *report.Document) {
	t.Helper()
	text := poppler(t, "pdftotext", "-enc", "UTF-8", file, "-")
	if !norm.NFC.IsNormalString(text) {
		t.Error("extracted text is not NFC")
	}
	golden := filepath.Join("testdata", name+".pdf.txt")
	if updating() {
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -run TestSamplePDFs -update)", err)
	}
	if text != string(want) {
		t.Errorf("pdftotext differs from %s (rerun with -update after checking the PDF):\n%s", golden, text)
	}
	flat := flatten(text)
	var want2 []string
	for _, pt := range doc.Parts {
		if a := pt.Annex; a != nil {
			want2 = append(want2, a.Label, a.Title, a.Note)
		}
		for _, b := range pt.Body {
			if b.Kind != report.TableBlock {
				want2 = append(want2, b.Text)
			}
		}
		if c := pt.Closing; c != nil {
			want2 = append(want2, c.Recipients...)
			want2 = append(want2, c.Signer.Titles...)
			want2 = append(want2, c.Signer.Name)
		}
	}
	for _, s := range want2 {
		if !strings.Contains(flat, flatten(s)) {
			t.Errorf("the PDF lacks: %s", s)
		}
	}
}

var blanks = regexp.MustCompile(`[\s\x{00a0}]+`)

func flatten(s string) string { return blanks.ReplaceAllString(strings.TrimSpace(s), " ") }

func checkGeometry(t *testing.T, file string, doc *report.Document, info pdf.Info) {
	t.Helper()
	pages, lines := readLayout(poppler(t, "pdftotext", "-bbox-layout", file, "-"))
	if len(pages) != info.Pages {
		t.Fatalf("pdftotext reads %d pages, the renderer says %d", len(pages), info.Pages)
	}
	// partOf[page-1] is the part of each page and its page in the part.
	type where struct{ part, partPage int }
	var partOf []where
	for pi, n := range info.PartPages {
		for k := 1; k <= n; k++ {
			partOf = append(partOf, where{pi, k})
		}
	}
	const eps = 0.6 // points

	// Every word inside its page's margins; page numbers alone in the top
	// margin, centred, from the second page of each part.
	for _, l := range lines {
		w := partOf[l.page-1]
		pt := doc.Parts[w.part]
		lay := pt.Page.Layout
		pg := pages[l.page-1]
		if landscape := pt.Page.Orientation == report.Landscape; landscape != (pg.w > pg.h) {
			t.Errorf("page %d (part %d): %gx%g pt, landscape = %v", l.page, w.part+1, pg.w, pg.h, landscape)
		}
		left, right := lay.MarginLeft*mm, pg.w-lay.MarginRight*mm
		top, bottom := lay.MarginTop*mm, pg.h-lay.MarginBottom*mm
		for _, wd := range l.words {
			if wd.y1 <= top+eps {
				if w.partPage == 1 || wd.text != fmt.Sprint(w.partPage) || !near((wd.x0+wd.x1)/2, (left+right)/2, 2) {
					t.Errorf("page %d: %q in the top margin", l.page, wd.text)
				}
				continue
			}
			if wd.x0 < left-eps || wd.x1 > right+eps || wd.y0 < top-eps || wd.y1 > bottom+eps {
				t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f pt, outside %.1f–%.1f, %.1f–%.1f", l.page, wd.text, wd.x0, wd.x1, wd.y0, wd.y1, left, right, top, bottom)
			}
		}
	}
	for i := range pages {
		if w := partOf[i]; w.partPage > 1 {
			if _, ok := find(lines, i+1, fmt.Sprint(w.partPage)); !ok {
				t.Errorf("page %d has no page number %d", i+1, w.partPage)
			}
		}
	}

	off := doc.Parts[0].Official
	rules := readRules(t, file, 1, pages[0].h)
	// The agency's rule: under its last line, centred on it, 1/3 to 1/2
	// of its longest line.
	agency := strings.Split(off.Header.Agency, "\n")
	var ag []lineBox
	for _, a := range agency {
		l, ok := find(lines, 1, a)
		if !ok {
			t.Fatalf("page 1 has no agency line %q", a)
		}
		ag = append(ag, l)
	}
	longest, mid, bottomY := 0.0, ag[len(ag)-1].mid(), ag[len(ag)-1].y1
	for _, l := range ag {
		longest = max(longest, l.x1-l.x0)
	}
	checkRule(t, "agency", rules, bottomY, mid, longest/3, longest/2)
	// The motto's rule as long as the motto.
	motto, ok := find(lines, 1, "Độc lập - Tự do - Hạnh phúc")
	if !ok {
		t.Fatal("page 1 has no motto")
	}
	checkRule(t, "motto", rules, motto.y1, motto.mid(), motto.x1-motto.x0-2, motto.x1-motto.x0+2)
	// The title's rule, 1/3 to 1/2 of the title's line.
	var title lineBox
	for _, l := range lines {
		if l.page == 1 && strings.Contains(flatten(off.Title), l.text()) && l.x1-l.x0 > title.x1-title.x0 {
			title = l
		}
	}
	checkRule(t, "title", rules, title.y1, title.mid(), (title.x1-title.x0)/3, (title.x1-title.x0)/2)

	// The signer's lines centred on one another, in order, the name after
	// the room for the signature; "Nơi nhận:" level with the first title;
	// the two columns apart.
	cl := doc.Parts[0].Closing
	lastMain := info.PartPages[0]
	var sig []lineBox
	for _, s := range append(append([]string{}, cl.Signer.Titles...), cl.Signer.Name) {
		l, ok := find(lines, lastMain, s)
		if !ok {
			t.Fatalf("page %d has no signer line %q", lastMain, s)
		}
		sig = append(sig, l)
	}
	for i := 1; i < len(sig); i++ {
		if !near(sig[i].mid(), sig[0].mid(), 1.5) || sig[i].y0 <= sig[i-1].y1-eps {
			t.Errorf("signer line %q (x %.1f, y %.1f) is not centred under %q (x %.1f, y %.1f)", sig[i].text(), sig[i].mid(), sig[i].y0, sig[i-1].text(), sig[i-1].mid(), sig[i-1].y1)
		}
	}
	if gap := sig[len(sig)-1].y0 - sig[len(sig)-2].y1; gap < 15*mm {
		t.Errorf("room for the signature %.1f mm, want at least 15", gap/mm)
	}
	recv, ok := find(lines, lastMain, "Nơi nhận:")
	if !ok {
		t.Fatalf("page %d has no \"Nơi nhận:\"", lastMain)
	}
	if !near(recv.y0, sig[0].y0, 2) {
		t.Errorf("\"Nơi nhận:\" at y %.1f, the signer's first line at %.1f: not level", recv.y0, sig[0].y0)
	}
	sigLeft := math.Inf(1)
	for _, l := range sig {
		sigLeft = min(sigLeft, l.x0)
	}
	for _, r := range cl.Recipients {
		l, ok := find(lines, lastMain, r)
		if !ok {
			t.Errorf("page %d has no recipient line %q on one line", lastMain, r)
			continue
		}
		if l.x1 >= sigLeft {
			t.Errorf("recipient %q reaches x %.1f, into the signer's column from %.1f", r, l.x1, sigLeft)
		}
	}

	// Each annex starts a page with its label, title and note centred.
	first := 1
	for pi, n := range info.PartPages {
		if a := doc.Parts[pi].Annex; a != nil {
			pg := pages[first-1]
			lay := doc.Parts[pi].Page.Layout
			centre := (lay.MarginLeft*mm + pg.w - lay.MarginRight*mm) / 2
			l, ok := find(lines, first, a.Label)
			if !ok {
				t.Errorf("page %d does not open with %q", first, a.Label)
			} else if !near(l.mid(), centre, 2) {
				t.Errorf("%q not centred (x %.1f, want %.1f)", a.Label, l.mid(), centre)
			}
			if len(readRules(t, file, first, pg.h)) == 0 {
				t.Errorf("%s: no rule under its heading", a.Label)
			}
		}
		first += n
	}
}

// checkRule finds a rule just below y (within 8 pt), centred on mid,
// whose length is between lo and hi.
func checkRule(t *testing.T, what string, rules []rule, y, mid, lo, hi float64) {
	t.Helper()
	for _, r := range rules {
		if r.y > y && r.y < y+8 && near(r.mid(), mid, 1.5) {
			if l := r.x1 - r.x0; l < lo-0.5 || l > hi+0.5 {
				t.Errorf("%s rule %.1f pt long, want %.1f–%.1f", what, l, lo, hi)
			}
			return
		}
	}
	t.Errorf("no %s rule under y %.1f centred at x %.1f (rules: %+v)", what, y, mid, rules)
}
