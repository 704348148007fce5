package report

import (
	"time"

	"github.com/ntm-project/ntm/internal/decree30"
)

// Document is one administrative document ready to be drawn: its file
// metadata and its parts. The first part of an official document carries
// the Decree 30 header, type and title on its first page and the "Nơi
// nhận" and signer at its end; the parts after it are its annexes (Phụ
// lục), each on its own pages with its own geometry, heading and page
// numbers. A document without an Official part (a per-commune sheet) is
// drawn with the same flow.
type Document struct {
	Meta  Meta
	Parts []Part
}

// Meta is the document's file metadata (PDF Info dictionary).
type Meta struct {
	Title    string // the trích yếu
	Author   string // issuing agency
	Subject  string
	Keywords []string
	Creator  string    // the program
	Lang     string    // BCP 47, "vi"
	Created  time.Time // the document's own date: same inputs, same bytes
}

// Orientation is the page orientation of a part.
type Orientation int

// The orientations. Decree 30 allows landscape for pages that hold a
// wide table.
const (
	Portrait Orientation = iota
	Landscape
)

// Page is the geometry of a part's pages: A4 in the given orientation,
// with the layout's margins and body text style.
type Page struct {
	Orientation Orientation
	Layout      Layout
}

// Layout is the page geometry in millimetres and the body text style.
// The decree's ranges and defaults live in package decree30; a zero
// field takes its default (so a zero Layout means the defaults), and the
// renderer refuses a value outside the decree's range.
type Layout struct {
	MarginTop, MarginBottom, MarginLeft, MarginRight float64 // mm
	BodySize                                         float64 // pt
	LineSpacing                                      float64 // multiple of single spacing
	Indent                                           float64 // first-line indent, mm
	ParaSpacing                                      float64 // pt before each paragraph
}

// Part is one run of pages of a document. Page numbers start again at 1
// in every part and are printed, centred in the top margin, from the
// part's second page on (Decree 30: appendices are numbered separately).
type Part struct {
	Page Page
	// Official is the Decree 30 header, type, title and "Kính gửi" of
	// the document's first page; nil for an annex or a plain sheet.
	Official *Official
	// Annex is the heading of an appendix page ("Phụ lục I", title,
	// "(Kèm theo …)"); nil otherwise.
	Annex *AnnexHead
	Body  []Block
	// Closing is the "Nơi nhận" list and the signer's block at the end
	// of the part; nil when the part has none (annexes).
	Closing *Closing
}

// Official holds the boxes of page 1 of a document under Decree
// 30/2020/NĐ-CP, Appendix I (ô 1–5a, 9a).
type Official struct {
	Header Header
	// Type is the document type in capitals, "KẾ HOẠCH" (ô 5a).
	Type string
	// Title is the trích yếu (ô 5a), one paragraph; the renderer wraps it.
	Title string
	// KinhGui lists the addressees of "Kính gửi:" (ô 9a), as bare names:
	// one is printed on the same line, several as "- …;" lines with the
	// dashes under the colon, the last ending with "." (the renderer adds
	// the dashes and the punctuation). Empty when the document has none.
	KinhGui []string
}

// Header holds the two-column header of page 1 (ô 1–4).
type Header struct {
	// Parent is the direct parent agency in capitals, "UBND TỈNH QUẢNG
	// TRỊ" (ô 2, upright, not bold); empty when there is none (a
	// district People's Committee: the agency's name then starts level
	// with the national name). Broken like Agency.
	Parent string
	// Agency is the issuing agency in capitals, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
	// (ô 2, bold, short rule below). The renderer breaks a long name at a
	// phrase boundary; a "\n" forces a break there.
	Agency    string
	Number    string // "Số: 2071/SKH-KTN" (ô 3)
	PlaceDate string // "Quảng Trị, ngày 08 tháng 12 năm 2020" (ô 4, italic)
}

// AnnexHead is the heading of an appendix (Decree 30, Appendix I: "Phụ
// lục" and its number bold 14 pt on its own line, centred; the title in
// capitals bold; the reference to the document it goes with in italics).
type AnnexHead struct {
	Label string // "Phụ lục I"; empty for a sheet without a number
	Title string // "KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ CỦA XÃ THUẬN"
	Note  string // "(Kèm theo Báo cáo số 12/BC-SKH ngày 15 tháng 6 năm 2021 của Sở Kế hoạch và Đầu tư)"
}

// Closing is the foot of a document: "Nơi nhận" on the left, level with
// the signer's first title line on the right (ô 7a–7c, 9b).
type Closing struct {
	// Recipients are the "Nơi nhận" lines as printed, each with its
	// leading "- " and its final ";" or "."; the last one is the "Lưu:"
	// line.
	Recipients []string
	Signer     Signer
}

// Signer is the signature block (ô 7a, 7b) as printed, line by line:
// the authority and position lines ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"; or
// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"; or "GIÁM ĐỐC"
// alone), then, after the room for signature and seal, the name.
type Signer struct {
	Titles []string
	Name   string
}

// BlockKind says how a body block is laid out. The set is closed: the
// renderer refuses a kind it does not know.
type BlockKind int

const (
	// Paragraph is body text: justified, first-line indent (unless
	// NoIndent), the marker ("- ", "+ ", "a) ", "1. ") part of Text.
	Paragraph BlockKind = iota
	// Heading is a heading line of Level 1 ("I. …", bold), 2 ("1. …",
	// bold or italic as Bold/Italic say) or 3 ("a) …"), kept with the
	// first lines of what follows it.
	Heading
	// Caption is a centred title line (bold unless Plain) kept with the
	// table or chart that follows it: "Bảng 1. …", "Biểu đồ 1. …".
	Caption
	// TableBlock is a bordered table (Table).
	TableBlock
	// ChartBlock is a bar or column chart drawn as vector graphics (Chart).
	ChartBlock
	// PageBreak ends the page: the next block starts a new page.
	PageBreak
)

// Align is the horizontal alignment of a line or a cell.
type Align int

// The alignments. The zero value is the default of the context:
// justified for a body paragraph, left for a table cell.
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
	AlignJustify
)

// Block is one unit of the body.
type Block struct {
	Kind BlockKind
	// Text is the whole paragraph, heading or caption including its
	// marker ("- ", "+ ", "1. ", "I. ").
	Text  string
	Level int // heading level, 1–3
	Bold  bool
	// Italic prints the text in italics ("Căn cứ …" lines, a level-2
	// heading the plan asks to be italic).
	Italic bool
	// Align overrides the kind's alignment (AlignDefault keeps it).
	Align Align
	// NoIndent drops the first-line indent of a paragraph.
	NoIndent bool
	// Plain prints a Caption upright and not bold.
	Plain bool
	Table *Table
	Chart *Chart
}

// Table is a bordered table. Every header row is drawn again at the top
// of each page the table continues on; a Caption block before it stays
// with the header and the first row.
type Table struct {
	// Columns gives each column's width as a fraction of the text width
	// (they sum to 1) and the alignment of its body cells.
	Columns []Column
	// Header rows; their cells may span columns and rows.
	Header [][]Cell
	// Rows of the body; their cells may span columns (not rows). A row
	// taller than a page is split between lines.
	Rows []Row
	Size float64 // font size, pt, 8–14; 0 = 12
}

// Column is one column of a table.
type Column struct {
	Width float64 // fraction of the text width
	Align Align
}

// Cell is one cell of a table. A cell that spans n columns stands for n
// of the row's columns; a row's spans add up to the number of columns
// (fewer or more cells are an error). Its text wraps inside the cell.
type Cell struct {
	Text    string
	ColSpan int // 0 or 1: one column
	RowSpan int // header cells only; 0 or 1: one row
	Bold    bool
	Italic  bool
	Align   Align // AlignDefault: the column's (header cells: centred)
}

// Row is one row of a table body.
type Row struct {
	Cells []Cell
	Bold  bool // every cell bold (a criterion's row, a total)
	Shade bool // a light grey background that prints well in black and white
}

// Chart is a bar chart: one group of bars per category, one bar per
// series, drawn in greys that print well in black and white, with its
// value axis and the tick labels given (already formatted the
// Vietnamese way: "1.234,5").
type Chart struct {
	Categories []string // the groups along the category axis ("Thuận", "Gio Mai")
	Series     []Series // one bar per series in each group (1 to 4), with a legend
	// Ticks are the value axis marks from Min to Max, each with its
	// label; the axis spans the first to the last tick.
	Ticks []Tick
	// Horizontal draws bars from the left (categories down the side),
	// which suits long commune names; false draws columns.
	Horizontal bool
	// Height is the plot's height in mm (0: the renderer chooses), at
	// most half the page's frame: a chart is never split.
	Height    float64
	ValueAxis string // axis title, "Số tiêu chí đạt"
	// ShowValues prints each bar's value label (Series.Labels) at its end.
	ShowValues bool
}

// Series is one data series of a chart.
type Series struct {
	Name   string    // legend text, "6 tháng cuối năm 2020"
	Values []float64 // one per category
	Labels []string  // the values as printed, one per category (with ShowValues)
}

// Tick is one mark of a chart's value axis.
type Tick struct {
	Value float64
	Label string
}

// Text makes a one-column-each row of plain cells.
func Text(cells ...string) []Cell {
	out := make([]Cell, len(cells))
	for i, s := range cells {
		out[i] = Cell{Text: s}
	}
	return out
}

// DefaultLayout is Decree 30's layout with ntm's defaults within each of
// its ranges (package decree30): margins 20/20/30/15 mm, body 14 pt,
// spacing 1,15, first-line indent 12,7 mm, 6 pt between paragraphs.
func DefaultLayout() Layout {
	return Layout{
		MarginTop: decree30.MarginTop.Default, MarginBottom: decree30.MarginBottom.Default,
		MarginLeft: decree30.MarginLeft.Default, MarginRight: decree30.MarginRight.Default,
		BodySize: decree30.BodySize.Default, LineSpacing: decree30.LineSpacing.Default,
		Indent: decree30.DefaultIndent, ParaSpacing: decree30.ParaSpacing.Default,
	}
}

// WithDefaults is l with every measure left at zero (unset) taken from
// DefaultLayout.
func (l Layout) WithDefaults() Layout {
	d := DefaultLayout()
	for _, f := range []struct {
		v   *float64
		def float64
	}{
		{&l.MarginTop, d.MarginTop}, {&l.MarginBottom, d.MarginBottom},
		{&l.MarginLeft, d.MarginLeft}, {&l.MarginRight, d.MarginRight},
		{&l.BodySize, d.BodySize}, {&l.LineSpacing, d.LineSpacing},
		{&l.Indent, d.Indent}, {&l.ParaSpacing, d.ParaSpacing},
	} {
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	return l
}
