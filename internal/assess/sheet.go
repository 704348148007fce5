package assess

import (
	"strconv"
	"strings"

	"github.com/ntm-project/ntm/internal/diag"
)

type rc struct{ r, c int } // 1-based row and column

// cell is one worksheet cell as stored: its value text (a shared string
// resolved), type, style and formula, and, for a cell covered by a merged
// range, the range's top-left cell.
type cell struct {
	v      string
	f      string // formula text, "" when none (or a shared formula's follower)
	style  int32
	typ    byte // 'n' number, 's' string, 'b' boolean, 'e' error, 'd' ISO date
	hasF   bool
	ar, ac int32 // anchor of a merged copy; 0 when the cell is its own

	// caches of text and fold
	tDone, fDone bool
	t            string
	tErr         error
	fold         string
}

type decodeKey struct {
	raw, hint string
	upper     bool
}

type cellText struct {
	s   string
	err error
}

// grid is one worksheet read into memory, rows dense from 1, merged
// ranges expanded (every cell of a merge points to its top-left cell).
type grid struct {
	b      *book
	file   string // display name
	sheet  string
	rows   [][]cell // rows[r-1]; nil for an empty row
	maxRow int
	maxCol int
}

// row returns row r's cells (nil when empty or out of range).
func (g *grid) row(r int) []cell {
	if r < 1 || r > len(g.rows) {
		return nil
	}
	return g.rows[r-1]
}

// width is the number of cells of row r.
func (g *grid) width(r int) int { return len(g.row(r)) }

func (g *grid) at(r, c int) *cell {
	row := g.row(r)
	if c < 1 || c > len(row) {
		return nil
	}
	return &row[c-1]
}

// anchor is the cell holding the value shown at (r, c): itself, or the
// top-left cell of its merged range.
func (g *grid) anchor(r, c int) rc {
	if x := g.at(r, c); x != nil && x.ar != 0 {
		return rc{int(x.ar), int(x.ac)}
	}
	return rc{r, c}
}

// merged reports whether (r, c) is a copy of a merged range's value.
func (g *grid) merged(r, c int) bool {
	x := g.at(r, c)
	return x != nil && x.ar != 0
}

func (g *grid) cellAt(a rc) *cell { return g.at(a.r, a.c) }

// cellName is the A1 reference of (r, c).
func cellName(r, c int) string {
	if r < 1 || c < 1 {
		return ""
	}
	var buf [8]byte
	i := len(buf)
	for n := c; n > 0; n = (n - 1) / 26 {
		i--
		buf[i] = byte('A' + (n-1)%26)
	}
	return string(buf[i:]) + strconv.Itoa(r)
}

// pos is the position of the value shown at (r, c).
// cell is the anchor of (r, c) as a Cell.
func (g *grid) cell(r, c int) Cell {
	a := g.anchor(r, c)
	return Cell{int32(a.r), int32(a.c)}
}

func (g *grid) pos(r, c int) diag.Pos {
	a := g.anchor(r, c)
	return diag.Pos{File: g.file, Sheet: g.sheet, Cell: cellName(a.r, a.c)}
}

// text is the cell's text as Unicode NFC with white space cleaned; legacy
// TCVN3/VNI text is converted (err when it cannot be decided).
func (g *grid) text(r, c int) (string, error) {
	x := g.cellAt(g.anchor(r, c))
	if x == nil {
		return "", nil
	}
	if x.tDone {
		return x.t, x.tErr
	}
	x.tDone = true
	raw := x.v
	if isASCII(raw) {
		x.t = cleanSpace(raw)
		return x.t, nil
	}
	hint, upper := "", false
	if _, ok := legacyBytes(raw); ok {
		hint, upper = g.fontHint(x)
	}
	// The same strings come back in many cells ("Đạt", "Không"): decide
	// each once per workbook.
	key := decodeKey{raw, hint, upper}
	if d, ok := g.b.decoded[key]; ok {
		x.t, x.tErr = d.s, d.err
		return x.t, x.tErr
	}
	s, _, err := decodeLegacy(raw, hint, upper)
	x.t, x.tErr = cleanSpace(s), err
	if g.b.decoded == nil {
		g.b.decoded = map[decodeKey]cellText{}
	}
	if len(raw) < 200 && len(g.b.decoded) < 4096 {
		g.b.decoded[key] = cellText{x.t, x.tErr}
	}
	return x.t, x.tErr
}

// str is text without the error (for label search).
func (g *grid) str(r, c int) string {
	s, err := g.text(r, c)
	if err != nil {
		return ""
	}
	return s
}

// maybeLabel reports whether (r, c) holds text short enough to be a
// label or a footer (numbers never are).
func (g *grid) maybeLabel(r, c int) bool {
	x := g.cellAt(g.anchor(r, c))
	return x != nil && x.typ == 's' && x.v != "" && len(x.v) <= 200
}

// folded is fold(str(r, c)), computed once per cell.
func (g *grid) folded(r, c int) string {
	x := g.cellAt(g.anchor(r, c))
	if x == nil {
		return ""
	}
	if !x.fDone {
		x.fDone = true
		x.fold = fold(g.str(r, c))
	}
	return x.fold
}

// xf is the cell format of a cell.
func (g *grid) xf(x *cell) (xf, bool) {
	if x == nil || g.b == nil || x.style < 0 || int(x.style) >= len(g.b.xfs) {
		return xf{}, false
	}
	return g.b.xfs[x.style], true
}

// fontHint is the legacy encoding implied by the cell's font.
func (g *grid) fontHint(x *cell) (string, bool) {
	st, ok := g.xf(x)
	if !ok || st.font < 0 || st.font >= len(g.b.fonts) {
		return "", false
	}
	return fontEncoding(g.b.fonts[st.font])
}

// isNumberCell reports whether the cell holds a number (not text).
func (g *grid) isNumberCell(a rc) bool {
	x := g.cellAt(a)
	return x == nil || x.typ == 'n'
}

// numFmt is the cell's number format: its built-in ID and custom code.
func (g *grid) numFmt(a rc) (int, string) {
	st, ok := g.xf(g.cellAt(a))
	if !ok {
		return 0, ""
	}
	return st.numFmt, g.b.numFmts[st.numFmt]
}

// isPercentFormat reports whether the cell's number format shows percent.
func (g *grid) isPercentFormat(a rc) bool {
	id, code := g.numFmt(a)
	if id == 9 || id == 10 {
		return true
	}
	return code != "" && fmtHasPercent(code)
}

// isDateFormat reports whether the cell's number format shows a date.
func (g *grid) isDateFormat(a rc) bool {
	id, code := g.numFmt(a)
	if (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58) {
		return true
	}
	if code == "" {
		return false
	}
	code = strings.ToLower(unquoteFmt(code))
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

// formula returns the cell's formula; ok is false when it has none.
func (g *grid) formula(a rc) (string, bool) {
	x := g.cellAt(a)
	if x == nil || !x.hasF {
		return "", false
	}
	return x.f, true
}
