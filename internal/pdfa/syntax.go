package pdfa

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// This file is a small reader of PDF object syntax (ISO 32000-1, 7.2–7.3):
// enough to walk the objects fpdf writes, find dictionaries and their
// values, and copy a dictionary's entries as they are written.

// maxDepth bounds the nesting of arrays and dictionaries, so a hostile
// file cannot exhaust the stack.
const maxDepth = 64

// errSyntax marks a file this reader cannot follow.
var errSyntax = errors.New("cú pháp PDF không đọc được")

type kind int

const (
	kNull kind = iota
	kBool
	kNumber
	kName
	kString
	kArray
	kDict
	kRef
)

// value is one parsed PDF object with the bytes it was written as.
type value struct {
	kind  kind
	raw   []byte  // as written in the file
	num   float64 // kNumber
	str   []byte  // kName (without "/"), kString (decoded bytes)
	items []value // kArray
	dict  []entry // kDict, in file order
	ref   [2]int  // kRef: number, generation
	b     bool    // kBool
}

type entry struct {
	key string // without "/"
	val value
}

// get returns the value of key in a dictionary, or a null value.
func (v value) get(key string) value {
	for _, e := range v.dict {
		if e.key == key {
			return e.val
		}
	}
	return value{}
}

func (v value) isName(n string) bool { return v.kind == kName && string(v.str) == n }

type parser struct {
	b []byte
	i int
}

func isWhite(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

func (p *parser) skip() {
	for p.i < len(p.b) {
		c := p.b[p.i]
		if isWhite(c) {
			p.i++
			continue
		}
		if c == '%' {
			for p.i < len(p.b) && p.b[p.i] != '\n' && p.b[p.i] != '\r' {
				p.i++
			}
			continue
		}
		return
	}
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: byte %d: %s", errSyntax, p.i, fmt.Sprintf(format, args...))
}

// token reads a regular-character run (a number or a keyword).
func (p *parser) token() []byte {
	start := p.i
	for p.i < len(p.b) && !isWhite(p.b[p.i]) && !isDelim(p.b[p.i]) {
		p.i++
	}
	return p.b[start:p.i]
}

// keyword reports whether the next token is kw, consuming it if so.
func (p *parser) keyword(kw string) bool {
	p.skip()
	save := p.i
	if string(p.token()) == kw {
		return true
	}
	p.i = save
	return false
}

func (p *parser) value(depth int) (value, error) {
	if depth > maxDepth {
		return value{}, p.errorf("lồng quá sâu")
	}
	p.skip()
	if p.i >= len(p.b) {
		return value{}, p.errorf("hết tệp")
	}
	start := p.i
	var v value
	var err error
	switch c := p.b[p.i]; {
	case c == '/':
		p.i++
		v = value{kind: kName, str: p.token()}
	case c == '(':
		v, err = p.literal()
	case c == '<' && p.i+1 < len(p.b) && p.b[p.i+1] == '<':
		v, err = p.dictionary(depth)
	case c == '<':
		v, err = p.hex()
	case c == '[':
		p.i++
		v.kind = kArray
		for {
			p.skip()
			if p.i >= len(p.b) {
				return value{}, p.errorf("mảng không đóng")
			}
			if p.b[p.i] == ']' {
				p.i++
				break
			}
			item, err := p.value(depth + 1)
			if err != nil {
				return value{}, err
			}
			v.items = append(v.items, item)
		}
	default:
		tok := p.token()
		switch string(tok) {
		case "":
			return value{}, p.errorf("ký tự %q không mong đợi", c)
		case "true", "false":
			v = value{kind: kBool, b: string(tok) == "true"}
		case "null":
			v = value{kind: kNull}
		default:
			f, perr := strconv.ParseFloat(string(tok), 64)
			if perr != nil {
				return value{}, p.errorf("giá trị %q không hiểu", tok)
			}
			v = value{kind: kNumber, num: f}
			// "N G R" is a reference.
			save := p.i
			p.skip()
			g := p.token()
			if gen, gerr := strconv.Atoi(string(g)); gerr == nil && len(g) > 0 && isInt(tok) {
				p.skip()
				if r := p.token(); string(r) == "R" {
					n, _ := strconv.Atoi(string(tok))
					v = value{kind: kRef, ref: [2]int{n, gen}}
					break
				}
			}
			p.i = save
		}
	}
	if err != nil {
		return value{}, err
	}
	v.raw = p.b[start:p.i]
	return v, nil
}

func isInt(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (p *parser) dictionary(depth int) (value, error) {
	p.i += 2
	v := value{kind: kDict}
	for {
		p.skip()
		if p.i+1 < len(p.b) && p.b[p.i] == '>' && p.b[p.i+1] == '>' {
			p.i += 2
			return v, nil
		}
		if p.i >= len(p.b) || p.b[p.i] != '/' {
			return value{}, p.errorf("khóa của từ điển phải là tên")
		}
		p.i++
		key := string(p.token())
		val, err := p.value(depth + 1)
		if err != nil {
			return value{}, err
		}
		v.dict = append(v.dict, entry{key: key, val: val})
	}
}

// literal decodes a literal string (ISO 32000-1, 7.3.4.2).
func (p *parser) literal() (value, error) {
	p.i++
	var out []byte
	depth := 1
	for p.i < len(p.b) {
		c := p.b[p.i]
		p.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return value{kind: kString, str: out}, nil
			}
		case '\\':
			if p.i >= len(p.b) {
				return value{}, p.errorf("chuỗi không đóng")
			}
			e := p.b[p.i]
			p.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.i < len(p.b) && p.b[p.i] == '\n' {
					p.i++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					n := int(e - '0')
					for k := 0; k < 2 && p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '7'; k++ {
						n = n*8 + int(p.b[p.i]-'0')
						p.i++
					}
					c = byte(n)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return value{}, p.errorf("chuỗi không đóng")
}

func (p *parser) hex() (value, error) {
	p.i++
	var digits []byte
	for p.i < len(p.b) && p.b[p.i] != '>' {
		c := p.b[p.i]
		p.i++
		if isWhite(c) {
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return value{}, p.errorf("chuỗi hex có ký tự %q", c)
		}
		digits = append(digits, c)
	}
	if p.i >= len(p.b) {
		return value{}, p.errorf("chuỗi hex không đóng")
	}
	p.i++
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for k := range out {
		n, _ := strconv.ParseUint(string(digits[2*k:2*k+2]), 16, 8)
		out[k] = byte(n)
	}
	return value{kind: kString, str: out}, nil
}

// textString decodes a PDF text string: UTF-16BE after a byte order mark,
// UTF-8 after its mark (PDF 2.0), else PDFDocEncoding, read here as
// Latin-1 (they differ only in rarely used punctuation).
func textString(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		b = b[2:]
		u := make([]uint16, len(b)/2)
		for k := range u {
			u[k] = uint16(b[2*k])<<8 | uint16(b[2*k+1])
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF:
		return string(b[3:])
	}
	r := make([]rune, len(b))
	for k, c := range b {
		r[k] = rune(c)
	}
	return string(r)
}
