package assess

import (
	"strings"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/xuri/excelize/v2"
)

// Limits that keep a broken or hostile workbook from using much memory.
// A commune form has about 120 rows and 10 columns.
const (
	maxRows        = 5000
	maxCols        = 128
	maxMergedCells = 200000
)

type rc struct{ r, c int } // 1-based row and column

type cellText struct {
	s   string
	err error
}

// grid is one worksheet read into memory as raw cell texts, with merged
// ranges expanded (every cell of a merge shows the top-left value).
type grid struct {
	f       *excelize.File
	file    string // display name
	sheet   string
	rows    map[int][]string
	maxRow  int
	maxCol  int
	origin  map[rc]rc // merged copy → top-left cell
	texts   map[rc]cellText
	fontEnc map[int][2]string // style ID → {encoding, "H" if capitals font}
}

// loadGrid streams the sheet with Rows (raw values: numbers unformatted).
func loadGrid(f *excelize.File, file, sheet string) (*grid, error) {
	g := &grid{f: f, file: file, sheet: sheet, rows: map[int][]string{},
		origin: map[rc]rc{}, texts: map[rc]cellText{}, fontEnc: map[int][2]string{}}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	r := 0
	for rows.Next() {
		r++
		if r > maxRows {
			break
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			rows.Close()
			return nil, err
		}
		if len(cols) > maxCols {
			cols = cols[:maxCols]
		}
		keep := false
		for i, c := range cols {
			if c != "" {
				keep = true
				if i+1 > g.maxCol {
					g.maxCol = i + 1
				}
			}
		}
		if keep {
			g.rows[r] = cols
			g.maxRow = r
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	merges, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return g, nil // values without merges are still usable
	}
	budget := maxMergedCells
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		if r2 < r1 {
			r1, r2 = r2, r1
		}
		if c2 < c1 {
			c1, c2 = c2, c1
		}
		anchor := g.raw(r1, c1)
		for r := r1; r <= r2 && r <= g.maxRow; r++ {
			for c := c1; c <= c2 && c <= g.maxCol; c++ {
				if r == r1 && c == c1 {
					continue
				}
				if budget--; budget < 0 {
					return g, nil
				}
				g.set(r, c, anchor)
				g.origin[rc{r, c}] = rc{r1, c1}
			}
		}
	}
	return g, nil
}

func (g *grid) raw(r, c int) string {
	row := g.rows[r]
	if c < 1 || c > len(row) {
		return ""
	}
	return row[c-1]
}

func (g *grid) set(r, c int, v string) {
	row := g.rows[r]
	if v == "" && c > len(row) {
		return
	}
	for len(row) < c {
		row = append(row, "")
	}
	row[c-1] = v
	g.rows[r] = row
}

// anchor is the cell holding the value shown at (r, c): itself, or the
// top-left cell of its merged range.
func (g *grid) anchor(r, c int) rc {
	if a, ok := g.origin[rc{r, c}]; ok {
		return a
	}
	return rc{r, c}
}

// merged reports whether (r, c) is a copy of a merged range's value.
func (g *grid) merged(r, c int) bool {
	_, ok := g.origin[rc{r, c}]
	return ok
}

func cellName(r, c int) string {
	n, err := excelize.CoordinatesToCellName(c, r)
	if err != nil {
		return ""
	}
	return n
}

// pos is the position of the value shown at (r, c).
func (g *grid) pos(r, c int) diag.Pos {
	a := g.anchor(r, c)
	return diag.Pos{File: g.file, Sheet: g.sheet, Cell: cellName(a.r, a.c)}
}

// text is the cell's text as Unicode NFC with white space cleaned; legacy
// TCVN3/VNI text is converted (err when it cannot be decided).
func (g *grid) text(r, c int) (string, error) {
	a := g.anchor(r, c)
	if t, ok := g.texts[a]; ok {
		return t.s, t.err
	}
	raw := g.raw(a.r, a.c)
	var t cellText
	if isASCII(raw) {
		t.s = cleanSpace(raw)
	} else {
		hint, upper := "", false
		if _, ok := legacyBytes(raw); ok {
			hint, upper = g.fontHint(a)
		}
		s, _, err := decodeLegacy(raw, hint, upper)
		t = cellText{s: cleanSpace(s), err: err}
	}
	g.texts[a] = t
	return t.s, t.err
}

// str is text without the error (for label search).
func (g *grid) str(r, c int) string {
	s, err := g.text(r, c)
	if err != nil {
		return ""
	}
	return s
}

// style returns the cell's style (nil when it has none or on error).
func (g *grid) style(a rc) *excelize.Style {
	name := cellName(a.r, a.c)
	if name == "" {
		return nil
	}
	id, err := g.f.GetCellStyle(g.sheet, name)
	if err != nil || id <= 0 {
		return nil
	}
	st, err := g.f.GetStyle(id)
	if err != nil {
		return nil
	}
	return st
}

// fontHint is the legacy encoding implied by the cell's font.
func (g *grid) fontHint(a rc) (string, bool) {
	name := cellName(a.r, a.c)
	if name == "" {
		return "", false
	}
	id, err := g.f.GetCellStyle(g.sheet, name)
	if err != nil {
		return "", false
	}
	if h, ok := g.fontEnc[id]; ok {
		return h[0], h[1] == "H"
	}
	var h [2]string
	if st, err := g.f.GetStyle(id); err == nil && st != nil && st.Font != nil {
		enc, up := fontEncoding(st.Font.Family)
		h[0] = enc
		if up {
			h[1] = "H"
		}
	}
	g.fontEnc[id] = h
	return h[0], h[1] == "H"
}

// isNumberCell reports whether the cell holds a number (not text).
func (g *grid) isNumberCell(a rc) bool {
	t, err := g.f.GetCellType(g.sheet, cellName(a.r, a.c))
	return err == nil && (t == excelize.CellTypeUnset || t == excelize.CellTypeNumber)
}

// isPercentFormat reports whether the cell's number format shows percent.
func (g *grid) isPercentFormat(a rc) bool {
	st := g.style(a)
	if st == nil {
		return false
	}
	if st.NumFmt == 9 || st.NumFmt == 10 {
		return true
	}
	return st.CustomNumFmt != nil && fmtHasPercent(*st.CustomNumFmt)
}

// isDateFormat reports whether the cell's number format shows a date.
func (g *grid) isDateFormat(a rc) bool {
	st := g.style(a)
	if st == nil {
		return false
	}
	if (st.NumFmt >= 14 && st.NumFmt <= 17) || st.NumFmt == 22 || (st.NumFmt >= 27 && st.NumFmt <= 36) || (st.NumFmt >= 50 && st.NumFmt <= 58) {
		return true
	}
	if st.CustomNumFmt == nil {
		return false
	}
	code := strings.ToLower(unquoteFmt(*st.CustomNumFmt))
	return strings.Contains(code, "d") && strings.Contains(code, "m") || strings.Contains(code, "yy")
}

// fmtHasPercent reports a "%" outside quoted text and escapes.
func fmtHasPercent(code string) bool {
	return strings.Contains(unquoteFmt(code), "%")
}

// unquoteFmt drops quoted literals, escaped characters and [..] sections
// from a number format code.
func unquoteFmt(code string) string {
	var b strings.Builder
	inQ, inB := false, false
	for i := 0; i < len(code); i++ {
		ch := code[i]
		switch {
		case inQ:
			inQ = ch != '"'
		case inB:
			inB = ch != ']'
		case ch == '"':
			inQ = true
		case ch == '[':
			inB = true
		case ch == '\\' || ch == '_' || ch == '*':
			i++
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// formula returns the cell's formula, "" when it has none.
func (g *grid) formula(a rc) string {
	s, err := g.f.GetCellFormula(g.sheet, cellName(a.r, a.c))
	if err != nil {
		return ""
	}
	return s
}
