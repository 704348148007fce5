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
	b = AppendFixed(b, x*f.k, 2)
	b = append(b, ' ')
	b = AppendFixed(b, (f.h-y)*f.k, 2)
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

// pow10s are the scales of AppendFixed's precisions.
var pow10s = [...]float64{1, 10, 100, 1000, 10000}

// AppendFixed appends v formatted as strconv.AppendFloat(dst, v, 'f',
// prec, 64) does, byte for byte (ntm patch). A page of a report has
// thousands of coordinates with two decimals, and the general float
// formatter took a tenth of the drawing time: for prec 0 to 4 and |v| <
// 1e5, away from a tie, the rounding of v×10^prec to an integer is the
// exact decimal rounding, and the digits are written directly; the rest
// (a tie or near one, a huge value, NaN, ±Inf) goes to strconv.
// TestAppendFixed compares the two.
func AppendFixed(dst []byte, v float64, prec int) []byte {
	if prec < 0 || prec >= len(pow10s) || !(v > -1e5 && v < 1e5) {
		return strconv.AppendFloat(dst, v, 'f', prec, 64)
	}
	scale := pow10s[prec]
	x := v * scale
	if x < 0 {
		x = -x
	}
	n := int64(x)
	frac := x - float64(n)
	// |x| < 1e9: x is within 2^-23 of v×10^prec, so a fraction this far
	// from one half rounds the same way as the exact value.
	if d := frac - 0.5; d > -1e-6 && d < 1e-6 {
		return strconv.AppendFloat(dst, v, 'f', prec, 64)
	}
	if frac > 0.5 {
		n++
	}
	if v < 0 || (v == 0 && 1/v < 0) {
		dst = append(dst, '-')
	}
	var digits [24]byte
	i := len(digits)
	for k := 0; k < prec; k++ {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	if prec > 0 {
		i--
		digits[i] = '.'
	}
	if n == 0 {
		i--
		digits[i] = '0'
	}
	for n > 0 {
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	return append(dst, digits[i:]...)
}
