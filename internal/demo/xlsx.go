package demo

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// sheet is one worksheet of a generated workbook: cells by row and column
// (1-based), merged ranges, and the widths of its columns. It is what a
// commune office's spreadsheet program would save: shared strings are
// not needed (inline strings are valid SpreadsheetML and some programs
// write them), one cell style for percentages.
type sheet struct {
	name   string
	cells  map[[2]int]cell
	merges []string
	widths []float64
	maxRow int
}

type cell struct {
	text    string
	num     float64
	isNum   bool
	percent bool // number format 0.0%
	bold    bool
}

func newSheet(name string) *sheet { return &sheet{name: name, cells: map[[2]int]cell{}} }

func (s *sheet) str(r, c int, text string) {
	if text == "" {
		return
	}
	s.cells[[2]int{r, c}] = cell{text: text}
	s.maxRow = max(s.maxRow, r)
}

func (s *sheet) bold(r, c int, text string) {
	s.cells[[2]int{r, c}] = cell{text: text, bold: true}
	s.maxRow = max(s.maxRow, r)
}

func (s *sheet) num(r, c int, v float64, percent bool) {
	s.cells[[2]int{r, c}] = cell{num: v, isNum: true, percent: percent}
	s.maxRow = max(s.maxRow, r)
}

func (s *sheet) merge(r1, c1, r2, c2 int) {
	s.merges = append(s.merges, cellRef(r1, c1)+":"+cellRef(r2, c2))
}

// cellRef is the A1 name of row r, column c.
func cellRef(r, c int) string {
	col := ""
	for c > 0 {
		c--
		col = string(rune('A'+c%26)) + col
		c /= 26
	}
	return col + strconv.Itoa(r)
}

// Styles: 0 default, 1 percent, 2 bold.
const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="2"><font><sz val="12"/><name val="Times New Roman"/></font><font><b/><sz val="12"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// writeWorkbook writes the sheets as one .xlsx. The zip entries carry a
// fixed time, so the same sheets give the same bytes.
func writeWorkbook(w io.Writer, sheets []*sheet, title string) error {
	zw := zip.NewWriter(w)
	stamp := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(name, body string) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, body)
		return err
	}
	var ct, wb, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	wb.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, esc(s.name), n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
	}
	ct.WriteString(`</Types>`)
	wb.WriteString(`</sheets></workbook>`)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`, len(sheets)+1)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`},
		{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + esc(title) + `</dc:title><dc:creator>ntm demo</dc:creator></cp:coreProperties>`},
		{"xl/workbook.xml", wb.String()},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", stylesXML},
	}
	for _, p := range parts {
		if err := add(p.name, p.body); err != nil {
			return err
		}
	}
	for i, s := range sheets {
		if err := add(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.xml()); err != nil {
			return err
		}
	}
	return zw.Close()
}

// xml is the worksheet part.
func (s *sheet) xml() string {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	if len(s.widths) > 0 {
		b.WriteString("<cols>")
		for i, w := range s.widths {
			fmt.Fprintf(&b, `<col min="%d" max="%d" width="%g" customWidth="1"/>`, i+1, i+1, w)
		}
		b.WriteString("</cols>")
	}
	b.WriteString("<sheetData>")
	keys := make([][2]int, 0, len(s.cells))
	for k := range s.cells {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	row := 0
	for _, k := range keys {
		if k[0] != row {
			if row != 0 {
				b.WriteString("</row>")
			}
			row = k[0]
			fmt.Fprintf(&b, `<row r="%d">`, row)
		}
		c := s.cells[k]
		ref := cellRef(k[0], k[1])
		switch {
		case c.isNum && c.percent:
			fmt.Fprintf(&b, `<c r="%s" s="1"><v>%s</v></c>`, ref, strconv.FormatFloat(c.num, 'g', -1, 64))
		case c.isNum:
			fmt.Fprintf(&b, `<c r="%s"><v>%s</v></c>`, ref, strconv.FormatFloat(c.num, 'g', -1, 64))
		default:
			st := ""
			if c.bold {
				st = ` s="2"`
			}
			fmt.Fprintf(&b, `<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>`, ref, st, esc(c.text))
		}
	}
	if row != 0 {
		b.WriteString("</row>")
	}
	b.WriteString("</sheetData>")
	if len(s.merges) > 0 {
		fmt.Fprintf(&b, `<mergeCells count="%d">`, len(s.merges))
		for _, m := range s.merges {
			fmt.Fprintf(&b, `<mergeCell ref="%s"/>`, m)
		}
		b.WriteString("</mergeCells>")
	}
	b.WriteString("</worksheet>")
	return b.String()
}

var xmlEsc = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func esc(s string) string { return xmlEsc.Replace(s) }
