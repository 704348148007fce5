package xlsx

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/report"
)

// A national workbook has over a million cells. excelize's StreamWriter
// spends about a microsecond and a half on each (a cell name built as a
// string, a value boxed in an interface, the text escaped through a
// strings.Builder and a regular expression); writing the same XML
// straight into a byte slice takes a tenth of that. So a sheet's
// <sheetData> is written here, byte for byte as SetRow would write it
// (TestRowsAsExcelize and FuzzRowsAsExcelize compare the two), and
// excelize writes everything around it: the sheet's stream carries one
// placeholder row, which the zip writer replaces with these rows as the
// part goes into the file (see sortedZip).

// rowsFile holds a sheet's rows: in memory up to spillAt bytes, then in
// an unnamed temporary file (removed as soon as it is made, so nothing
// is left behind when the program is killed).
type rowsFile struct {
	buf  []byte
	file *os.File
	w    *bufio.Writer
	err  error

	spilled int64 // bytes written to the file
	// marks are the cells' style attributes (` s="3"`) in the order of
	// the rows, numbered by the sheet's own numbering (sheetStyles); ids
	// are the workbook's ids of those numbers (by number - 1), which
	// the attributes take as the rows are copied out.
	marks []styleMark
	end   int64 // where the last mark ends
	ids   []int
	remap bool // some number's id differs from it
}

// styleMark is one cell's style attribute: gap bytes after the end of
// the one before it, with the sheet's style number id.
type styleMark struct{ gap, id uint32 }

// attrLen is the length of the attribute ` s="id"`.
func attrLen(id int) int {
	n := len(` s=""`)
	for ; id > 0; id /= 10 {
		n++
	}
	return n
}

// mark records the style attribute that starts at at in f.buf.
func (f *rowsFile) mark(at, id int) {
	off := f.spilled + int64(at)
	f.marks = append(f.marks, styleMark{gap: uint32(off - f.end), id: uint32(id)})
	f.end = off + int64(attrLen(id))
}

// setStyles gives the sheet's style numbers their workbook ids.
func (f *rowsFile) setStyles(ids []int) {
	f.ids = ids
	f.remap = false
	for i, id := range ids {
		if id != i+1 {
			f.remap = true
		}
	}
}

// spillAt is how much of a sheet's rows stays in memory.
var spillAt = 8 << 20

func (f *rowsFile) flushIfLarge() {
	if len(f.buf) < spillAt || f.err != nil {
		return
	}
	if f.file == nil {
		file, err := os.CreateTemp("", "ntm-rows-")
		if err != nil {
			f.err = err
			return
		}
		_ = os.Remove(file.Name())
		f.file, f.w = file, bufio.NewWriterSize(file, 1<<20)
	}
	if _, err := f.w.Write(f.buf); err != nil {
		f.err = err
	}
	f.spilled += int64(len(f.buf))
	f.buf = f.buf[:0]
}

// reader gives the rows from the first; the file is closed by close.
func (f *rowsFile) reader() (io.Reader, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.file == nil {
		return bytes.NewReader(f.buf), nil
	}
	if len(f.buf) > 0 {
		if _, err := f.w.Write(f.buf); err != nil {
			return nil, err
		}
		f.spilled += int64(len(f.buf))
		f.buf = f.buf[:0]
	}
	if err := f.w.Flush(); err != nil {
		return nil, err
	}
	if _, err := f.file.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return bufio.NewReaderSize(f.file, 1<<20), nil
}

// copyTo copies the rows to w, each style attribute with its workbook
// id (none for id 0, the default style, as SetRow writes it).
func (f *rowsFile) copyTo(w io.Writer) error {
	src, err := f.reader()
	if err != nil {
		return err
	}
	if !f.remap {
		_, err := io.Copy(w, src)
		return err
	}
	br, ok := src.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(src, 1<<20)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	var attr []byte
	for _, m := range f.marks {
		if err := copyN(bw, br, int(m.gap)); err != nil {
			return err
		}
		if _, err := br.Discard(attrLen(int(m.id))); err != nil {
			return err
		}
		if id := f.ids[m.id-1]; id != 0 {
			attr = append(append(append(attr[:0], ` s="`...), strconv.Itoa(id)...), '"')
			bw.Write(attr)
		}
	}
	if _, err := io.Copy(bw, br); err != nil {
		return err
	}
	return bw.Flush()
}

// copyN copies n bytes from br to w through br's buffer.
func copyN(w io.Writer, br *bufio.Reader, n int) error {
	for n > 0 {
		b, err := br.Peek(min(n, br.Size()))
		if len(b) > 0 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			br.Discard(len(b))
			n -= len(b)
		}
		if err != nil && n > 0 {
			return err
		}
	}
	return nil
}

func (f *rowsFile) close() {
	if f.file != nil {
		f.file.Close()
		f.file = nil
	}
	if cap(f.buf) >= 1<<20 || cap(f.marks) >= 1<<16 {
		rowBufs.Put(&rowBuf{f.buf[:0], f.marks[:0]})
	}
	f.buf, f.marks = nil, nil
}

// rowBuf is a sheet's buffers, kept for the next sheet (rowBufs): a
// national sheet's grow to 8 MB of rows and half a million marks, and
// growing them again for each sheet is a fifth of what a workbook
// allocates.
type rowBuf struct {
	buf   []byte
	marks []styleMark
}

var rowBufs sync.Pool

// newRowsFile is an empty rowsFile, with the buffers of a sheet written
// before it when there are some.
func newRowsFile() *rowsFile {
	if b, ok := rowBufs.Get().(*rowBuf); ok {
		return &rowsFile{buf: b.buf, marks: b.marks}
	}
	return &rowsFile{}
}

// appendRow appends row num with its cells, their styles numbered by
// ids, as excelize's StreamWriter.SetRow("A<num>", cells, RowOpts{Height})
// writes it; mark, when not nil, is told where each style attribute is.
func appendRow(b []byte, num int, height float64, cells []report.SheetCell, ids func(report.CellStyle) (int, error), mark func(at, id int)) ([]byte, error) {
	if num < 1 || num > excelize.TotalRows {
		return b, fmt.Errorf("dòng %d ngoài giới hạn của bảng tính (1 đến %d)", num, excelize.TotalRows)
	}
	if len(cells) > excelize.MaxColumns {
		return b, fmt.Errorf("dòng %d có %d ô, bảng tính chỉ có %d cột", num, len(cells), excelize.MaxColumns)
	}
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(num), 10)
	b = append(b, '"')
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, math.Min(height, excelize.MaxRowHeight), 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for i, c := range cells {
		id, err := ids(c.Style)
		if err != nil {
			return b, err
		}
		var at int
		if b, at, err = appendCell(b, i+1, num, id, c); err != nil {
			return b, err
		}
		if at >= 0 && mark != nil {
			mark(at, id)
		}
	}
	return append(b, `</row>`...), nil
}

// appendCell appends one cell: text as an inline string, numbers as
// numbers, formulas with their value; what SetRow writes for the
// excelize.Cell that cellOf makes of c. styleAt is where its style
// attribute starts in out (-1: it has none, style 0).
func appendCell(b []byte, col, row, style int, c report.SheetCell) (out []byte, styleAt int, err error) {
	const (
		plain = iota
		inline
		number
		formulaNumber
		formulaText
	)
	kind := plain
	switch c.Kind {
	case report.CellBlank:
	case report.CellText:
		if c.Text != "" {
			kind = inline
		}
	case report.CellNumber:
		if !math.IsNaN(c.Number) && !math.IsInf(c.Number, 0) {
			kind = number
		}
	case report.CellFormulaNumber, report.CellFormulaText:
		if c.Formula == "" {
			return b, -1, errors.New("ô công thức không có công thức")
		}
		kind = formulaNumber
		if c.Kind == report.CellFormulaText || math.IsNaN(c.Number) || math.IsInf(c.Number, 0) {
			kind = formulaText
		}
	default:
		return b, -1, fmt.Errorf("loại ô %d không có", c.Kind)
	}
	var text string // the value of a formula's text
	preserve := false
	if kind == formulaText {
		if c.Kind == report.CellFormulaText {
			text = c.Text
		}
		text = truncateUnits(text, excelize.TotalCellChars)
		preserve = spaceAtEnds(text)
		text = bstrMarshal(text)
	}
	b = append(b, `<c`...)
	if preserve {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, ` r="`...)
	b = appendColumn(b, col)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	styleAt = -1
	if style != 0 {
		styleAt = len(b)
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	switch kind {
	case inline:
		b = append(b, ` t="inlineStr"`...)
	case formulaText:
		b = append(b, ` t="str"`...)
	}
	b = append(b, '>')
	if kind == formulaNumber || kind == formulaText {
		b = append(b, `<f>`...)
		b = appendEscaped(b, c.Formula, true)
		b = append(b, `</f>`...)
	}
	switch kind {
	case number, formulaNumber:
		b = append(b, `<v>`...)
		b = appendNumber(b, c.Number)
		b = append(b, `</v>`...)
	case formulaText:
		if text != "" {
			b = append(b, `<v>`...)
			b = appendEscaped(b, text, true)
			b = append(b, `</v>`...)
		}
	case inline:
		s := truncateUnits(c.Text, excelize.TotalCellChars)
		b = append(b, `<is><t`...)
		if spaceAtEnds(s) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		if strings.Contains(s, "_x") {
			var esc []byte
			esc = appendEscaped(esc, s, false)
			b = append(b, bstrMarshal(string(esc))...)
		} else {
			b = appendEscaped(b, s, false)
		}
		b = append(b, `</t></is>`...)
	}
	return append(b, `</c>`...), styleAt, nil
}

// appendColumn appends column n's letters (1: A, 27: AA).
func appendColumn(b []byte, n int) []byte {
	var tmp [4]byte
	i := len(tmp)
	for n > 0 {
		n--
		i--
		tmp[i] = byte('A' + n%26)
		n /= 26
	}
	return append(b, tmp[i:]...)
}

// spaceAtEnds says whether s begins or ends with a tab, line break or
// space, which Excel keeps only under xml:space="preserve".
func spaceAtEnds(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range [...]byte{9, 10, 13, 32} {
		if s[0] == c || s[len(s)-1] == c {
			return true
		}
	}
	return false
}

// truncateUnits keeps the first n UTF-16 code units of s (a cell holds
// 32.767).
func truncateUnits(s string, n int) string {
	if len(s) <= n { // every code unit is at least a byte
		return s
	}
	cnt := 0
	for i, r := range s {
		if cnt += utf16.RuneLen(r); cnt > n {
			return s[:i]
		}
	}
	return s
}

// appendEscaped appends s escaped as encoding/xml.EscapeText does, line
// breaks as "&#xA;" when newline is set and as they are otherwise.
func appendEscaped(b []byte, s string, newline bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			var esc string
			switch c {
			case '"':
				esc = "&#34;"
			case '\'':
				esc = "&#39;"
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '\t':
				esc = "&#x9;"
			case '\n':
				if !newline {
					continue
				}
				esc = "&#xA;"
			case '\r':
				esc = "&#xD;"
			default:
				if c >= 0x20 {
					continue
				}
				esc = "\uFFFD"
			}
			b = append(b, s[last:i-1]...)
			b = append(b, esc...)
			last = i
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		if inXMLRange(r) && !(r == utf8.RuneError && width == 1) {
			continue
		}
		b = append(b, s[last:i-width]...)
		b = append(b, "\uFFFD"...)
		last = i
	}
	return append(b, s[last:]...)
}

// inXMLRange is encoding/xml's isInCharacterRange for runes from 0x80.
func inXMLRange(r rune) bool {
	return r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// appendNumber appends formatFloat(v); a whole number of at most 15
// digits (a count, a row's number, a year: most numbers of a workbook)
// without making a string.
func appendNumber(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 && !(v == 0 && math.Signbit(v)) {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return append(b, formatFloat(v)...)
}

// formatFloat formats v as excelize does: the shortest decimal form,
// cut to Excel's 15 significant digits.
func formatFloat(v float64) string {
	str := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}

// bstrMarshal escapes the "_xHHHH_" sequences of s that a spreadsheet
// would read as an escaped character, as excelize does (its lib.go,
// BSD-3-Clause, Copyright 2016 The excelize Authors).
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)
