package pdf

import "github.com/ntm-project/ntm/internal/report"

// The trace records where every run of text and every shape went, so
// that tests check the layout by geometry: nothing outside the frame of
// its page, columns that do not overlap, rules of the right length,
// header rows on every page of a table. It is kept only when a test asks
// for it.

// TextBox is one run of text as drawn: its page, its box in millimetres
// from the top-left corner of the page, and its text.
type TextBox struct {
	Page     int // in the file, from 1
	Part     int // index in Document.Parts
	PartPage int // in the part, from 1
	X, Y     float64
	W, H     float64
	Text     string
	Size     float64 // pt
	Bold     bool
	Italic   bool
	// Line says which body line the text belongs to; Block is -1 for
	// the header, title, closing and page numbers.
	Line lineRef
}

// lineRef names one line of one body block.
type lineRef struct {
	Part  int
	Block int // index in Part.Body, -1 outside the body
	Kind  report.BlockKind
	Index int // line within the block, from 0
	Count int // lines in the block
}

// Shape is one rectangle or line as drawn, with its bounding box.
type Shape struct {
	Page, Part int
	X, Y, W, H float64
	Line       bool   // a line from (X, Y) to (X+W, Y+H); else a rectangle
	Fill       int    // grey level of the fill, 0–255; -1: none
	What       string // "rule", "cell", "bar", "grid", "axis", "tick", "legend"
}

// pageFrame is one page's size and the frame of its text.
type pageFrame struct {
	Part, PartPage           int
	W, H                     float64
	Left, Top, Right, Bottom float64
}

type trace struct {
	Texts  []TextBox
	Shapes []Shape
	Pages  []pageFrame // index: page - 1
}
