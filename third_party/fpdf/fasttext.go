// Copyright ©2026 The ntm authors. Part of ntm's patch of go-pdf/fpdf
// (see README.md); MIT, as the package.

package fpdf

import "strconv"

// TextFastPath selects textFast for Text (ntm patch). Tests set it to
// false to compare with upstream's way.
var TextFastPath = true

// textFast writes what Text writes for UTF-8 text (no RTL, underline,
// strikeout or encryption) without fmt and without a string per step: a
// commune report draws thousands of runs, and Text's Sprintf, UTF-16
// string and escaping took most of its drawing time. The runes of a
// prepared font's repertoire are not recorded one by one: the subset
// holds them anyway (PreparedFont.cut). TestTextFastSameBytes compares
// the two paths.
func (f *Fpdf) textFast(x, y float64, txt string) {
	font := f.currentFont
	var inRep *[repBits / 64]uint64
	if font.prepared != nil && font.prepared.repertoire != nil {
		inRep = &font.prepared.inRep
	}
	b := f.scratch[:0]
	if f.colorFlag {
		b = append(b, "q "...)
		b = append(b, f.color.text.str...)
		b = append(b, ' ')
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, x*f.k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (f.h-y)*f.k, 'f', 2, 64)
	b = append(b, " Td ("...)
	for _, r := range txt {
		if inRep == nil || r >= repBits || inRep[r/64]&(1<<(r%64)) == 0 {
			font.usedRunes[int(r)] = int(r)
		}
		// UTF-16BE as utf8toutf16 writes it, each byte escaped as
		// escape does. Runes past U+FFFF never come here: the fonts
		// have no glyph for them and ntm's renderer refuses them before
		// drawing (utf8toutf16 would garble them too).
		b = escapeByte(b, byte(r>>8))
		b = escapeByte(b, byte(r))
	}
	b = append(b, ") Tj ET"...)
	if f.colorFlag {
		b = append(b, " Q"...)
	}
	b = append(b, '\n')
	f.pages[f.page].Write(b)
	f.scratch = b
}

func escapeByte(b []byte, c byte) []byte {
	switch c {
	case '\\', '(', ')':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}
