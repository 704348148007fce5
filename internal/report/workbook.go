package report

import (
	"iter"
	"strconv"
	"time"
)

// The consolidated workbook of a period (BuildWorkbook) is described
// here as sheets of rows of cells, every text worded, every number and
// every formula's cached value computed, every position decided; the
// renderer (internal/render/xlsx) only turns it into an .xlsx file.
//
// The rows of a sheet are an iterator, not a slice: at national scale a
// sheet has 10,000 rows of 50 cells, and the renderer streams them to the
// file one at a time, so the model costs no memory in the number of
// communes beyond the evaluation it reads from.

// Sheet names of the consolidated workbook, in their order. The
// communes' own sheets follow SheetSources.
const (
	SheetSummary    = "Tổng hợp"
	SheetIndicators = "Chỉ tiêu"
	SheetHistory    = "Lịch sử"
	SheetIssues     = "Sai lệch"
	SheetSources    = "Nguồn"
)

// Workbook is one period's consolidated workbook.
type Workbook struct {
	Props  WorkbookProps
	Sheets []*Sheet
}

// WorkbookProps are the file's document properties: the same inputs give
// the same properties, so the same bytes.
type WorkbookProps struct {
	Title, Subject, Description, Keywords, Category string
	Author                                          string    // the agency
	Company                                         string    // the agency, as the application properties name it
	Language                                        string    // "vi-VN"
	Created                                         time.Time // the period's report date
	Program                                         string    // "ntm 1.2.0"
}

// Sheet is one worksheet.
type Sheet struct {
	Name string // at most 31 characters, none of []:*?/\, unique in the workbook (folded)
	// Columns gives each column's width from A on (Excel character
	// units); a column not listed keeps the default width.
	Columns []SheetColumn
	// Rows yields the rows in ascending Num order. A row not yielded is
	// empty. A row's Cells may be reused for the next row: use them
	// before asking for it (the renderer streams each row as it comes).
	// Rows may be iterated more than once.
	Rows iter.Seq[SheetRow]
	// Merges are the merged areas; each shows the text of its first cell.
	Merges []Area
	// Freeze is the first cell that scrolls: the rows above it and the
	// columns left of it stay on screen. The zero Ref freezes nothing.
	Freeze Ref
	// Filter is the autofilter's area, its header row first; zero for none.
	Filter Area
	// PrintTitles are the first and last rows printed again at the top of
	// every page; zero for none. Every sheet prints A4 landscape, one
	// page wide, with "Trang n/m" at the foot.
	PrintTitles [2]int
	// PageHeader is printed at the right of every page's top margin.
	PageHeader string
	// Conditional lists the conditional formats, first rule first.
	Conditional []Conditional
	// Validations are the drop-down lists of cells a clerk may correct.
	Validations []Validation
	// Charts are native charts over this sheet's cells.
	Charts []SheetChart
}

// SheetColumn is one column's width and visibility.
type SheetColumn struct {
	Width float64 // Excel character units; 0 keeps the default
}

// SheetRow is one row; Cells[0] is column A.
type SheetRow struct {
	Num    int     // 1-based
	Height float64 // points; 0 lets the application choose
	Cells  []SheetCell
}

// CellKind is what a cell holds.
type CellKind int

// The cell kinds. A formula cell carries the value the program computed
// for it, so that a viewer that does not recalculate shows it too.
const (
	CellBlank         CellKind = iota // no value; the style (borders) still applies
	CellText                          // text, always stored as text (never read as a formula)
	CellNumber                        // a number
	CellFormulaNumber                 // a formula whose value is Number
	CellFormulaText                   // a formula whose value is Text ("" for an empty result)
)

// SheetCell is one cell.
type SheetCell struct {
	Kind    CellKind
	Text    string
	Number  float64
	Formula string // without the leading "="; A1 references
	Style   CellStyle
}

// Role is what a cell is in its sheet, from which the renderer takes
// font, borders and fill.
type Role int

// The cell roles.
const (
	RoleBody      Role = iota // a table cell: thin borders
	RoleTitle                 // the sheet's title: bold, large, no borders
	RoleSubtitle              // lines under the title: italic, no borders
	RoleHeader                // a table's header: bold, shaded, borders
	RoleGroup                 // a criterion's row in a commune sheet: bold, light shade
	RoleTotal                 // a totals line: bold, borders
	RoleLabel                 // a label outside a table: bold, no borders
	RolePlain                 // text outside a table: no borders
	RoleNote                  // a note under a table: italic, small, no borders
	RoleThreshold             // a threshold above the indicators table: italic, shaded, borders
)

// Format is how a number is shown. A percentage is stored as a fraction
// (0.855 shows "85,5%" in a Vietnamese Excel) so that it is a percentage
// to the spreadsheet too.
type Format int

// The number formats; CellStyle.Decimals says how many decimals
// FormatDecimal and FormatPercent show.
const (
	FormatGeneral Format = iota
	FormatInteger        // 1.234
	FormatDecimal        // 17,25
	FormatPercent        // 85,5%
	FormatChange         // +2, -1, 0
	FormatNone           // a count that must be 0: 0 shows "Không"
)

// CellStyle is a cell's look, in the model's terms; the renderer maps
// each distinct CellStyle to one spreadsheet style.
type CellStyle struct {
	Role     Role
	Align    Align // AlignDefault: left for text, right for numbers
	Format   Format
	Decimals int    // of FormatDecimal and FormatPercent
	Prefix   string // shown before a number: "≥", "≤" (a threshold's comparison)
	Wrap     bool
	Rotate   bool // text read bottom to top (narrow header columns)
	Bold     bool
	Small    bool // a smaller font (long identifiers, dense headers)
}

// Mark is the look a conditional format gives a cell.
type Mark int

// The marks.
const (
	MarkNotMet  Mark = iota // light red fill: "Chưa đạt", a value short of its threshold
	MarkLost                // strong red fill, bold: a criterion met last period and lost since
	MarkMissing             // grey fill: no value
	MarkWorse               // red bold text: fewer criteria than last period
	MarkBetter              // green bold text: more criteria than last period
)

// Conditional marks the cells of Area where Formula is true. Formula is
// written for Area's first cell; relative references follow each cell.
type Conditional struct {
	Area    Area
	Formula string
	Mark    Mark
}

// Validation restricts the cells of Area to a list, shown as a drop-down.
type Validation struct {
	Area                Area
	List                []string
	PromptTitle, Prompt string
	ErrorTitle, Error   string
}

// ChartType is the kind of a native chart.
type ChartType int

// The chart types.
const (
	ChartColumns ChartType = iota // clustered columns
	ChartBars                     // clustered bars across, categories down the side
	ChartLines                    // lines with markers
)

// SheetChart is a native chart over cells of its sheet.
type SheetChart struct {
	Type          ChartType
	Title         string
	At            Ref // top-left cell; the chart does not move with filtered rows
	Width, Height int // pixels
	Categories    Area
	Series        []SheetSeries
	ValueAxis     string  // the value axis' title
	ValueStep     float64 // between the value axis' marks; 0 lets the application choose
	ValueMax      float64 // the value axis' end; 0 lets the application choose (it starts at 0)
}

// SheetSeries is one series: its name is the text of a cell, its values
// an area as long as the categories.
type SheetSeries struct {
	Name   Ref
	Values Area
}

// Ref is a cell by 1-based row and column.
type Ref struct{ Row, Col int }

// Area is a rectangle of cells, From its top-left to To its bottom-right.
type Area struct{ From, To Ref }

// IsZero reports an unset Ref.
func (r Ref) IsZero() bool { return r.Row == 0 && r.Col == 0 }

// IsZero reports an unset Area.
func (a Area) IsZero() bool { return a.From.IsZero() && a.To.IsZero() }

// A1 is the cell's A1 reference, "AB12".
func (r Ref) A1() string { return ColumnName(r.Col) + strconv.Itoa(r.Row) }

// Abs is the cell's absolute reference, "$AB$12".
func (r Ref) Abs() string { return "$" + ColumnName(r.Col) + "$" + strconv.Itoa(r.Row) }

// A1 is the area's reference, "A5:AB104" ("A5" for a single cell).
func (a Area) A1() string {
	if a.From == a.To {
		return a.From.A1()
	}
	return a.From.A1() + ":" + a.To.A1()
}

// Abs is the area's absolute reference, "$A$5:$AB$104".
func (a Area) Abs() string { return a.From.Abs() + ":" + a.To.Abs() }

// ColumnName is the letters of a 1-based column: 1 → "A", 28 → "AB".
func ColumnName(col int) string {
	if col < 1 {
		return "A"
	}
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// QuoteSheet is a sheet name as formulas write it: "'Lịch sử'". The
// quotes are always written, which every spreadsheet accepts.
func QuoteSheet(name string) string {
	q := []byte{'\''}
	for i := 0; i < len(name); i++ {
		if name[i] == '\'' {
			q = append(q, '\'')
		}
		q = append(q, name[i])
	}
	return string(append(q, '\''))
}

// tableRows is the rows of a sheet laid out as the rows above a table
// (title, notes, header), its n body rows made by row, and the rows below
// it (totals).
func tableRows(above []SheetRow, n int, row func(int) SheetRow, below []SheetRow) iter.Seq[SheetRow] {
	return func(yield func(SheetRow) bool) {
		for _, r := range above {
			if !yield(r) {
				return
			}
		}
		for i := range n {
			if !yield(row(i)) {
				return
			}
		}
		for _, r := range below {
			if !yield(r) {
				return
			}
		}
	}
}
