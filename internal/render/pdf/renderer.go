package pdf

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/go-pdf/fpdf"
	"github.com/ntm-project/ntm/internal/decree30"
	"github.com/ntm-project/ntm/internal/report"
)

// Info is what the archive and the register need to know of a rendered
// document.
type Info struct {
	// Pages is the number of pages of the file.
	Pages int
	// PartPages gives the pages of each part, in the order of
	// Document.Parts (each part is numbered from 1 on its own).
	PartPages []int
}

// Renderer draws documents. It holds nothing but the fonts, parsed once
// per process and shared, so it is cheap to make and safe for concurrent
// use: a worker of a national run keeps one, or all workers share one.
type Renderer struct {
	fs  *fontSet
	out sync.Pool // *[]byte: fpdf's output buffers, reused
}

// NewRenderer returns a renderer, parsing the embedded fonts the first
// time it is called in the process.
func NewRenderer() (*Renderer, error) {
	fs, err := sharedFonts()
	if err != nil {
		return nil, err
	}
	return &Renderer{fs: fs}, nil
}

// Render draws doc on w as a PDF. The model is checked first: a block of
// an unknown kind, a table whose cells do not add up to its columns, a
// column too narrow for a letter, a rune the fonts cannot print, a layout
// outside Decree 30's ranges are reported together in one *ModelError,
// and nothing is written then.
func (r *Renderer) Render(w io.Writer, doc *report.Document) (Info, error) {
	info, _, err := r.render(w, doc, false)
	return info, err
}

// Render draws doc on w as a PDF with a renderer of its own (the fonts
// are still parsed only once per process).
func Render(w io.Writer, doc *report.Document) error {
	r, err := NewRenderer()
	if err != nil {
		return err
	}
	_, err = r.Render(w, doc)
	return err
}

// render draws doc and, with traced, returns where everything went.
func (r *Renderer) render(w io.Writer, doc *report.Document, traced bool) (Info, *trace, error) {
	if err := r.validate(doc); err != nil {
		return Info{}, nil, err
	}
	e := newEngine(r.fs, doc)
	if traced {
		e.tr = &trace{}
	}
	for pi := range doc.Parts {
		e.beginPart(pi)
		e.paginate(e.build())
		e.info.PartPages = append(e.info.PartPages, e.partPage)
	}
	e.info.Pages = e.f.PageNo()
	if len(e.problems) > 0 {
		return Info{}, nil, &ModelError{Title: doc.Meta.Title, Problems: e.problems}
	}
	if err := e.f.Error(); err != nil {
		return Info{}, nil, fmt.Errorf("vẽ PDF %q: %w", doc.Meta.Title, err)
	}
	// fpdf assembles the file in a buffer kept from an earlier document,
	// already the size of one.
	bp, _ := r.out.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer r.out.Put(bp)
	out, err := e.f.OutputTo(*bp)
	*bp = out
	if err != nil {
		return Info{}, nil, fmt.Errorf("ghi PDF %q: %w", doc.Meta.Title, err)
	}
	if _, err := w.Write(out); err != nil {
		return Info{}, nil, fmt.Errorf("ghi PDF %q: %w", doc.Meta.Title, err)
	}
	return e.info, e.tr, nil
}

// engine lays out and draws one document.
type engine struct {
	fs  *fontSet
	f   *fpdf.Fpdf
	doc *report.Document
	tr  *trace // nil unless a test asked for the trace

	registered [4]bool
	curFont    font
	fontOK     bool // curFont is what fpdf has selected
	// The graphics state last set on this page (fill grey, line width,
	// stroke black), so that a table's thousand cells do not each set it
	// again: stateOK is false at the start of a page.
	stFill  int
	stLineW float64
	stDraw  bool
	stateOK bool

	// The part being laid out, and its page geometry.
	pi                       int
	part                     *report.Part
	l                        report.Layout
	landscape                bool
	pageW, pageH             float64
	left, right, top, bottom float64 // the frame of the text
	textW                    float64
	partPage                 int // pages of the part so far

	info     Info
	cur      lineRef  // the body line being drawn, for the trace
	problems []string // boxes that did not fit a page
}

func newEngine(fs *fontSet, doc *report.Document) *engine {
	f := fpdf.New("P", "mm", "A4", "")
	m := doc.Meta
	f.SetCatalogSort(true)
	f.SetCreationDate(m.Created)
	f.SetModificationDate(m.Created)
	f.SetTitle(m.Title, true)
	f.SetAuthor(m.Author, true)
	f.SetSubject(m.Subject, true)
	f.SetKeywords(strings.Join(m.Keywords, ", "), true)
	f.SetCreator(m.Creator, true)
	f.SetProducer(m.Creator, true)
	if m.Lang != "" {
		f.SetLang(m.Lang)
	}
	// Pages are broken by paginate, never by fpdf in the middle of a box.
	f.SetAutoPageBreak(false, 0)
	return &engine{fs: fs, f: f, doc: doc, cur: lineRef{Part: -1, Block: -1}}
}

// beginPart sets up the geometry of part pi; its first page is started by
// paginate.
func (e *engine) beginPart(pi int) {
	e.pi = pi
	e.part = &e.doc.Parts[pi]
	e.l = e.part.Page.Layout.WithDefaults()
	e.landscape = e.part.Page.Orientation == report.Landscape
	e.pageW, e.pageH = decree30.PageWidth, decree30.PageHeight
	if e.landscape {
		e.pageW, e.pageH = e.pageH, e.pageW
	}
	e.left, e.right = e.l.MarginLeft, e.pageW-e.l.MarginRight
	e.top, e.bottom = e.l.MarginTop, e.pageH-e.l.MarginBottom
	e.textW = e.right - e.left
	e.partPage = 0
	e.f.SetMargins(e.l.MarginLeft, e.l.MarginTop, e.l.MarginRight)
}
