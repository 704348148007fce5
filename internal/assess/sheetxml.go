package assess

import "fmt"

// parseRef reads an A1 reference ("$B$12" too); ok is false for anything
// else or beyond Excel's grid.
func parseRef(s []byte) (r, c int, ok bool) {
	i := 0
	if i < len(s) && s[i] == '$' {
		i++
	}
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' || i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		ch := s[i] | 0x20
		c = c*26 + int(ch-'a'+1)
		if c > 16384 {
			return 0, 0, false
		}
		i++
	}
	if c == 0 {
		return 0, 0, false
	}
	if i < len(s) && s[i] == '$' {
		i++
	}
	if i == len(s) {
		return 0, 0, false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, false
		}
		r = r*10 + int(s[i]-'0')
		if r > 1048576 {
			return 0, 0, false
		}
	}
	return r, c, r > 0
}

func atoiBytes(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, ch := range b {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		n = n*10 + int(ch-'0')
	}
	return n, true
}

type mergeRange struct{ r1, c1, r2, c2 int }

// loadGrid reads one worksheet part: the cells of the first maxRows rows
// and maxCols columns, then the merged ranges. The whole part is read (to
// its end, so that its CRC is checked), but only those cells are kept.
func (b *book) loadGrid(file string, ref sheetRef) (*grid, error) {
	if err := b.sharedStrings(); err != nil {
		return nil, err
	}
	g := &grid{b: b, file: file, sheet: ref.name}
	var merges []mergeRange
	var sheetErr error
	err := b.scan(ref.part, maxPartSize, func(s *xmlScanner) error {
		row, col := 0, 0
		var curCell cell
		var cur *cell
		var curR, curC int
		inV, inF, inIS, inT := false, false, false, false
		vbuf := &b.text
		var fbuf []byte
		for s.next() {
			switch s.kind {
			case tokStart:
				switch string(s.name) {
				case "row":
					if v, ok := attrRaw(s.attrs, "r"); ok {
						if n, ok := atoiBytes(v); ok && n > 0 {
							row = n
						} else {
							row++
						}
					} else {
						row++
					}
					col = 0
				case "c":
					col++
					curCell = cell{typ: 'n'}
					cur, curR, curC = &curCell, row, col
					// One pass over the attributes; an empty cell (only a
					// style) needs its reference only.
					for it := (attrIter{b: s.attrs}); it.next(); {
						switch string(it.key) {
						case "r":
							if r, c, ok := parseRef(it.val); ok {
								if r != row && row == 0 {
									row = r
								}
								col, curR, curC = c, row, c
							}
						case "t":
							switch string(it.val) {
							case "s":
								cur.typ = 'S' // index into shared strings
							case "str", "inlineStr":
								cur.typ = 's'
							case "b":
								cur.typ = 'b'
							case "e":
								cur.typ = 'e'
							case "d":
								cur.typ = 'd'
							}
						case "s":
							if n, ok := atoiBytes(it.val); ok && n < maxStyles {
								cur.style = int32(n)
							}
						}
						if s.self && string(it.key) == "r" {
							break // nothing else matters for an empty cell
						}
					}
					vbuf.reset()
					fbuf = fbuf[:0]
					if s.self {
						cur = nil
					}
				case "v":
					inV = cur != nil && !s.self
				case "f":
					if cur != nil {
						cur.hasF = true
						inF = !s.self
					}
				case "is":
					inIS = cur != nil && !s.self
				case "t":
					inT = inIS && !s.self
				case "rPh":
					s.skip()
				case "mergeCell":
					if len(merges) < maxMerges {
						if m, ok := parseRange(s.attrs); ok {
							merges = append(merges, m)
						}
					}
				case "sheetViews", "cols", "conditionalFormatting", "dataValidations", "extLst", "hyperlinks",
					"printOptions", "pageMargins", "pageSetup", "headerFooter", "drawing", "legacyDrawing", "sheetPr",
					"sheetProtection", "rowBreaks", "colBreaks", "ignoredErrors", "tableParts", "autoFilter":
					s.skip()
				}
			case tokText:
				switch {
				case inV, inT:
					vbuf.add(s)
				case inF:
					if len(fbuf)+len(s.text) <= 8192 {
						fbuf = append(fbuf, s.text...)
					}
				}
			case tokEnd:
				switch string(s.name) {
				case "v":
					inV = false
				case "f":
					inF = false
				case "t":
					inT = false
				case "is":
					inIS = false
				case "c":
					if cur != nil {
						if err := b.finishCell(g, cur, curR, curC, vbuf, fbuf); err != nil && sheetErr == nil {
							sheetErr = err
						}
					}
					cur = nil
				}
			}
		}
		return s.err
	})
	if err != nil {
		return nil, &partError{part: ref.part, sheet: ref.name, err: err}
	}
	if sheetErr != nil {
		return nil, &partError{part: ref.part, sheet: ref.name, err: sheetErr}
	}
	g.applyMerges(merges)
	return g, nil
}

func parseRange(attrs []byte) (mergeRange, bool) {
	v, ok := attrRaw(attrs, "ref")
	if !ok {
		return mergeRange{}, false
	}
	a, z := v, v
	for i, ch := range v {
		if ch == ':' {
			a, z = v[:i], v[i+1:]
			break
		}
	}
	r1, c1, ok1 := parseRef(a)
	r2, c2, ok2 := parseRef(z)
	if !ok1 || !ok2 {
		return mergeRange{}, false
	}
	if r2 < r1 {
		r1, r2 = r2, r1
	}
	if c2 < c1 {
		c1, c2 = c2, c1
	}
	return mergeRange{r1, c1, r2, c2}, true
}

// finishCell stores a cell read from the part, if it is in the kept
// grid and has a value or a formula.
func (b *book) finishCell(g *grid, x *cell, r, c int, vbuf *textBuf, fbuf []byte) error {
	if r < 1 || r > maxRows || c < 1 || c > maxCols {
		return nil
	}
	v, err := vbuf.done()
	if err != nil {
		return err
	}
	switch x.typ {
	case 'S':
		x.typ = 's'
		if len(v) == 0 {
			break
		}
		n, ok := atoiBytes(trimSpaceBytes(v))
		if !ok {
			return errXMLf("ô %s ghi số thứ tự chuỗi %q không hợp lệ", cellName(r, c), clipBytes(v, 20))
		}
		if n < len(b.sst) {
			x.v = b.sst[n]
		} else if n >= maxSharedStrings && len(b.sst) >= maxSharedStrings {
			x.v = "" // past the cap
		} else {
			return errXMLf("ô %s trỏ tới chuỗi dùng chung số %d, tệp chỉ có %d chuỗi", cellName(r, c), n, len(b.sst))
		}
	case 'b':
		switch string(trimSpaceBytes(v)) {
		case "1", "true":
			x.v = "TRUE"
		case "0", "false":
			x.v = "FALSE"
		default:
			x.v = string(v)
		}
	case 's':
		x.v = unescapeX(string(v))
	default:
		x.v = string(trimSpaceBytes(v))
	}
	if x.hasF {
		f, err := appendUnescaped(nil, fbuf)
		if err != nil {
			return err
		}
		x.f = string(f)
	}
	if x.v == "" && !x.hasF {
		return nil
	}
	for len(g.rows) < r {
		g.rows = append(g.rows, nil)
	}
	row := g.rows[r-1]
	if c > len(row) {
		if c <= cap(row) {
			row = row[:c]
		} else {
			nr := g.b.cells(max(c, 12))[:c]
			copy(nr, row)
			row = nr
		}
	}
	row[c-1] = *x
	g.rows[r-1] = row
	if x.v != "" {
		g.maxRow = max(g.maxRow, r)
		g.maxCol = max(g.maxCol, c)
	}
	return nil
}

func trimSpaceBytes(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func errXMLf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errXML}, args...)...)
}

// applyMerges points every cell of each merged range (within the kept
// grid) to the range's top-left cell.
func (g *grid) applyMerges(merges []mergeRange) {
	budget := maxMergedCells
	for _, m := range merges {
		if m.r1 > g.maxRow || m.c1 > maxCols {
			continue
		}
		anchor := g.at(m.r1, m.c1)
		hasValue := anchor != nil && anchor.v != ""
		for r := m.r1; r <= m.r2 && r <= g.maxRow; r++ {
			for c := m.c1; c <= m.c2 && c <= maxCols; c++ {
				if r == m.r1 && c == m.c1 {
					continue
				}
				if budget--; budget < 0 {
					return
				}
				x := g.at(r, c)
				if x == nil {
					if !hasValue || c > g.maxCol {
						continue
					}
					row := g.rows[r-1]
					for len(row) < c {
						row = append(row, cell{})
					}
					g.rows[r-1] = row
					x = &row[c-1]
				}
				if x.ar != 0 {
					continue // in two ranges: keep the first
				}
				*x = cell{ar: int32(m.r1), ac: int32(m.c1)}
			}
		}
	}
}
