package report

import "time"

// Document is one administrative document ready to be drawn.
type Document struct {
	Meta   Meta
	Layout Layout
	Header Header
	// Type is the document type in capitals, "KẾ HOẠCH" (ô 5a).
	Type string
	// Title is the trích yếu (ô 5a), one paragraph; the renderer wraps it.
	Title string
	Body  []Block
	// Recipients are the "Nơi nhận" lines as printed, each with its
	// leading "- " and its final ";" or "." (ô 9b). The last one is the
	// "Lưu:" line.
	Recipients []string
	Signer     Signer
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

// Layout is the page geometry in millimetres and the body text style.
type Layout struct {
	MarginTop, MarginBottom, MarginLeft, MarginRight float64 // mm
	BodySize                                         float64 // pt
	LineSpacing                                      float64 // multiple of single spacing
	Indent                                           float64 // first-line indent, mm
	ParaSpacing                                      float64 // pt before each paragraph
}

// DefaultLayout is Decree 30's layout at the low ends of its margin
// ranges: top 20, bottom 20, left 30, right 15 mm; body 14 pt, single
// spacing, first-line indent 1,27 cm, 6 pt between paragraphs.
func DefaultLayout() Layout {
	return Layout{
		MarginTop: 20, MarginBottom: 20, MarginLeft: 30, MarginRight: 15,
		BodySize: 14, LineSpacing: 1, Indent: 12.7, ParaSpacing: 6,
	}
}

// Header holds the two-column header of page 1 (ô 1–4).
type Header struct {
	Parent    string // "UBND TỈNH QUẢNG TRỊ" (ô 2, upright, not bold)
	Agency    string // "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" (ô 2, bold, short rule below)
	Number    string // "Số: 2071/SKH-KTN" (ô 3)
	PlaceDate string // "Quảng Trị, ngày 08 tháng 12 năm 2020" (ô 4, italic)
}

// Signer is the signature block (ô 7a, 7b), in the case it is printed.
type Signer struct {
	Authority string // "KT. GIÁM ĐỐC", empty when the head signs
	Position  string // "PHÓ GIÁM ĐỐC"
	Name      string // "Trương Chí Trung"
}

// BlockKind says how a body block is laid out.
type BlockKind int

const (
	// Paragraph is body text: justified, first-line indent.
	Paragraph BlockKind = iota
	// Heading is a bold heading line kept with what follows it.
	Heading
	// Centered is a centred paragraph (e.g. a table's caption).
	Centered
	// TableBlock is a bordered table.
	TableBlock
)

// Block is one unit of the body.
type Block struct {
	Kind BlockKind
	// Text is the whole paragraph including its marker ("- ", "+ ",
	// "1. ", "I. ").
	Text   string
	Bold   bool
	Italic bool
	Table  *Table
}

// Table is a bordered table whose header row repeats after a page break.
type Table struct {
	Widths []float64 // column widths as fractions of the text width; they sum to 1
	Align  []byte    // per column: 'L', 'C', 'R' or 'J'
	Header [][]string
	Rows   []Row
	Size   float64 // font size, pt
}

// Row is one table row.
type Row struct {
	Cells []string
	Bold  bool
	Shade bool
}
