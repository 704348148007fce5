package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/report"
)

// fontName is the workbook's font: the one the decree names for
// documents; LibreOffice shows it with the metric-compatible Liberation
// Serif.
const fontName = "Times New Roman"

// Sizes (pt) of the fonts by role.
const (
	sizeBody     = 11
	sizeSmall    = 9
	sizeTitle    = 14
	sizeSubtitle = 11
	sizeHeader   = 10
	sizeNote     = 10
)

// Fills, light enough to print in black and white.
const (
	fillHeader    = "DDEBF7"
	fillGroup     = "EDEDED"
	fillTotal     = "F2F2F2"
	fillThreshold = "FFF2CC"
)

// styles maps each distinct report.CellStyle to one excelize style, so
// that the file has no duplicate cell formats.
type styles struct {
	f     *excelize.File
	ids   map[report.CellStyle]int
	marks map[report.Mark]int

	last    report.CellStyle
	lastID  int
	hasLast bool
}

func newStyles(f *excelize.File) *styles {
	return &styles{f: f, ids: map[report.CellStyle]int{}, marks: map[report.Mark]int{}}
}

func (s *styles) id(st report.CellStyle) (int, error) {
	if s.hasLast && st == s.last {
		return s.lastID, nil // the cell before had the same style, as most do
	}
	if id, ok := s.ids[st]; ok {
		s.last, s.lastID, s.hasLast = st, id, true
		return id, nil
	}
	x := &excelize.Style{
		Font:      &excelize.Font{Family: fontName, Size: sizeBody},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: st.Wrap},
	}
	bordered := false
	switch st.Role {
	case report.RoleTitle:
		x.Font.Size, x.Font.Bold = sizeTitle, true
	case report.RoleSubtitle:
		x.Font.Size, x.Font.Italic = sizeSubtitle, true
	case report.RoleHeader:
		x.Font.Size, x.Font.Bold = sizeHeader, true
		x.Fill = solid(fillHeader)
		bordered = true
	case report.RoleGroup:
		x.Fill = solid(fillGroup)
		bordered = true
	case report.RoleTotal:
		x.Font.Bold = true
		x.Fill = solid(fillTotal)
		bordered = true
	case report.RoleThreshold:
		x.Font.Italic = true
		x.Fill = solid(fillThreshold)
		bordered = true
	case report.RoleLabel:
		x.Font.Bold = true
	case report.RoleNote:
		x.Font.Size, x.Font.Italic = sizeNote, true
	case report.RoleBody:
		bordered = true
	}
	if st.Small {
		x.Font.Size = sizeSmall
	}
	if st.Bold {
		x.Font.Bold = true
	}
	if bordered {
		for _, side := range []string{"left", "top", "right", "bottom"} {
			x.Border = append(x.Border, excelize.Border{Type: side, Color: "808080", Style: 1})
		}
	}
	switch st.Align {
	case report.AlignLeft:
		x.Alignment.Horizontal = "left"
	case report.AlignCenter:
		x.Alignment.Horizontal = "center"
	case report.AlignRight:
		x.Alignment.Horizontal = "right"
	case report.AlignJustify:
		x.Alignment.Horizontal = "justify"
	}
	if st.Rotate {
		x.Alignment.TextRotation = 90
	}
	if code := numFmt(st); code != "" {
		x.CustomNumFmt = &code
	}
	id, err := s.f.NewStyle(x)
	if err != nil {
		return 0, fmt.Errorf("kiểu định dạng %+v: %w", st, err)
	}
	s.ids[st] = id
	return id, nil
}

func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

// numFmt is the number format code of a style: the file format's own
// notation (a dot for decimals, a comma for thousands), which Excel and
// LibreOffice show with the reader's separators ("85,5%" in Vietnamese).
func numFmt(st report.CellStyle) string {
	decimals := func(d int) string {
		if d <= 0 {
			return ""
		}
		return "." + strings.Repeat("0", min(d, 6))
	}
	prefix := ""
	if st.Prefix != "" {
		prefix = `"` + strings.ReplaceAll(st.Prefix, `"`, "") + `"`
	}
	switch st.Format {
	case report.FormatInteger:
		return prefix + "#,##0"
	case report.FormatDecimal:
		return prefix + "#,##0" + decimals(st.Decimals)
	case report.FormatPercent:
		return prefix + "0" + decimals(st.Decimals) + "%"
	case report.FormatChange:
		return "+0;-0;0"
	case report.FormatNone:
		return `0;-0;"Không"`
	}
	if prefix != "" {
		return prefix + "General"
	}
	return ""
}

// mark is the differential format of a conditional format's mark.
func (s *styles) mark(m report.Mark) (int, error) {
	if id, ok := s.marks[m]; ok {
		return id, nil
	}
	var x excelize.Style
	switch m {
	case report.MarkNotMet:
		x = excelize.Style{Fill: solid("FFC7CE"), Font: &excelize.Font{Color: "9C0006"}}
	case report.MarkLost:
		x = excelize.Style{Fill: solid("C00000"), Font: &excelize.Font{Color: "FFFFFF", Bold: true}}
	case report.MarkMissing:
		x = excelize.Style{Fill: solid("D9D9D9")}
	case report.MarkWorse:
		x = excelize.Style{Font: &excelize.Font{Color: "C00000", Bold: true}}
	case report.MarkBetter:
		x = excelize.Style{Font: &excelize.Font{Color: "00703C", Bold: true}}
	default:
		return 0, fmt.Errorf("định dạng có điều kiện: dấu %d không có", m)
	}
	id, err := s.f.NewConditionalStyle(&x)
	if err != nil {
		return 0, err
	}
	s.marks[m] = id
	return id, nil
}

// sheetStyles numbers the styles of one sheet's rows from 1, in the order
// the rows first use them; prepareRows gives them their workbook ids.
type sheetStyles struct {
	ids  map[report.CellStyle]int
	list []report.CellStyle // by number - 1

	last    report.CellStyle
	lastID  int
	hasLast bool
}

func (s *sheetStyles) id(st report.CellStyle) (int, error) {
	if s.hasLast && st == s.last {
		return s.lastID, nil
	}
	id, ok := s.ids[st]
	if !ok {
		s.list = append(s.list, st)
		id = len(s.list)
		s.ids[st] = id
	}
	s.last, s.lastID, s.hasLast = st, id, true
	return id, nil
}
