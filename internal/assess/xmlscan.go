package assess

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small pull tokenizer for the SpreadsheetML parts the
// reader needs (workbook, relationships, shared strings, styles,
// worksheets). It reads the part as it is inflated, through a window that
// grows only for one long tag (up to maxTag), so that memory does not
// depend on the part's size. It knows only what those parts use: start,
// end and empty tags with attributes, text, CDATA; comments and
// processing instructions are skipped; a DOCTYPE (and so any entity but
// the five predefined ones and character references) is refused.
//
// Tokens point into the window: they are valid until the next call.
type xmlScanner struct {
	r      io.Reader
	ctx    context.Context
	buf    []byte
	pos    int // next unread byte
	end    int // end of the data in buf
	eof    bool
	err    error
	read   int64 // bytes consumed before buf[0]
	depth  int
	roots  int
	maxTag int

	kind  tokKind
	name  []byte // local name of a tag (prefix dropped)
	attrs []byte // raw attributes of a start tag
	self  bool   // the start tag closes itself
	text  []byte // raw text (entities not decoded) or CDATA
	cdata bool

	// An entity reference the window cut: its bytes so far ('&' first)
	// and the offset of its '&' in the part. entN is 0 when none is open.
	ent   [12]byte
	entN  int
	entAt int64
}

type tokKind uint8

const (
	tokStart tokKind = iota + 1
	tokEnd
	tokText
)

const (
	scanWindow = 32 << 10
	maxTagLen  = 256 << 10
)

// errXML is the family of the part's syntax errors.
var errXML = errors.New("XML sai cấu trúc")

func newScanner(ctx context.Context, r io.Reader, buf []byte) *xmlScanner {
	if cap(buf) < scanWindow {
		buf = make([]byte, scanWindow)
	}
	return &xmlScanner{r: r, ctx: ctx, buf: buf[:cap(buf)], maxTag: maxTagLen}
}

func (s *xmlScanner) fail(format string, args ...any) bool {
	return s.failAt(s.read+int64(s.pos), format, args...)
}

// failAt is fail for an error found at offset off of the part.
func (s *xmlScanner) failAt(off int64, format string, args ...any) bool {
	if s.err == nil {
		s.err = fmt.Errorf("%w: "+format+" (byte %d)", append([]any{errXML}, append(args, off)...)...)
	}
	return false
}

// more reads more of the part into the window, keeping buf[pos:end]. It
// grows the window (up to maxTag) when it is full. It returns false at
// the end of the part or on an error.
func (s *xmlScanner) more() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.ctx != nil {
		if err := s.ctx.Err(); err != nil {
			s.err = err
			return false
		}
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.read += int64(s.pos)
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.maxTag {
			return s.fail("một thẻ dài quá %d KB", s.maxTag>>10)
		}
		nb := make([]byte, min(2*len(s.buf), s.maxTag))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for tries := 0; ; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return n > 0
		}
		if err != nil {
			s.err = err
			return false
		}
		if n > 0 {
			return true
		}
		if tries > 100 {
			s.err = io.ErrNoProgress
			return false
		}
	}
}

// next advances to the next token; false at the end of the part or on an
// error (s.err, nil at a clean end).
func (s *xmlScanner) next() bool {
	for {
		if s.err != nil {
			return false
		}
		if s.pos >= s.end {
			if !s.more() {
				if s.err == nil {
					if s.depth > 0 {
						return s.fail("phần bị cắt cụt: còn %d thẻ chưa đóng", s.depth)
					}
					if s.roots == 0 {
						return s.fail("phần trống, không có nội dung XML")
					}
				}
				return false
			}
			continue
		}
		if s.buf[s.pos] != '<' {
			i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
			if i < 0 {
				if !s.eof && s.end-s.pos < len(s.buf)/2 && s.more() {
					continue
				}
				i = s.end - s.pos
			}
			start := s.pos
			s.kind, s.text, s.cdata = tokText, s.buf[s.pos:s.pos+i], false
			s.pos += i
			if s.depth == 0 {
				for j, c := range s.text {
					if !isSpace(c) {
						s.pos = start + j // where the stray text starts, whatever the window
						return s.fail("có chữ nằm ngoài thẻ gốc")
					}
				}
				continue // white space around the root is no token
			}
			// Every entity reference is checked, in the text kept and in
			// the text skipped alike: a file with an undefined entity is
			// malformed, whatever element it sits in.
			if s.entN > 0 || bytes.IndexByte(s.text, '&') >= 0 {
				if !s.entities(s.text, s.read+int64(start)) {
					return false
				}
			}
			return true
		}
		if s.entN > 0 { // a reference the text ended inside of
			return s.badEntity(s.ent[:s.entN])
		}
		ok, again := s.tag()
		if again {
			continue
		}
		return ok
	}
}

// find looks for sep from buf[from:], reading more as needed; it returns
// the index in buf, or -1 (with s.err set when the part ended).
func (s *xmlScanner) find(from int, sep string) int {
	off := from - s.pos
	for {
		if i := bytes.Index(s.buf[s.pos+off:s.end], []byte(sep)); i >= 0 {
			return s.pos + off + i
		}
		off = max(0, s.end-s.pos-len(sep)+1)
		if !s.more() {
			if s.err == nil {
				s.fail("phần bị cắt cụt giữa một thẻ")
			}
			return -1
		}
	}
}

// tag reads the tag at buf[pos] ('<'). again is true for a skipped
// comment or processing instruction.
func (s *xmlScanner) tag() (ok, again bool) {
	for s.end-s.pos < 9 && !s.eof {
		if !s.more() {
			break
		}
	}
	if s.err != nil {
		return false, false
	}
	rest := s.buf[s.pos+1 : s.end]
	switch {
	case len(rest) == 0:
		return s.fail("phần bị cắt cụt giữa một thẻ"), false
	case rest[0] == '?':
		i := s.find(s.pos+2, "?>")
		if i < 0 {
			return false, false
		}
		s.pos = i + 2
		return false, true
	case bytes.HasPrefix(rest, []byte("!--")):
		i := s.find(s.pos+4, "-->")
		if i < 0 {
			return false, false
		}
		s.pos = i + 3
		return false, true
	case bytes.HasPrefix(rest, []byte("![CDATA[")):
		i := s.find(s.pos+9, "]]>")
		if i < 0 {
			return false, false
		}
		if s.depth == 0 {
			return s.fail("có chữ nằm ngoài thẻ gốc"), false
		}
		s.kind, s.text, s.cdata = tokText, s.buf[s.pos+9:i], true
		s.pos = i + 3
		return true, false
	case rest[0] == '!':
		return s.fail("có khai báo <!DOCTYPE> hoặc <!…> (tệp Excel không có, không được phép)"), false
	}
	// Find the closing '>' outside quoted attribute values: the first
	// '>' when the quotes before it pair up (the usual case), else byte
	// by byte.
	i := -1
	if j := bytes.IndexByte(s.buf[s.pos+1:s.end], '>'); j >= 0 {
		seg := s.buf[s.pos+1 : s.pos+1+j]
		if bytes.IndexByte(seg, '<') < 0 && bytes.IndexByte(seg, '\'') < 0 && bytes.Count(seg, []byte{'"'})%2 == 0 {
			i = s.pos + 1 + j
		}
	}
	if i < 0 {
		i = s.pos + 1
		var quote byte
		for {
			if i >= s.end {
				off := i - s.pos
				if !s.more() {
					if s.err == nil {
						s.fail("phần bị cắt cụt giữa một thẻ")
					}
					return false, false
				}
				i = s.pos + off
				continue
			}
			c := s.buf[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				} else if c == '<' {
					return s.fail("dấu < trong giá trị thuộc tính"), false
				}
			} else if c == '"' || c == '\'' {
				quote = c
			} else if c == '>' {
				break
			} else if c == '<' {
				return s.fail("thẻ chưa đóng trước dấu <"), false
			}
			i++
		}
	}
	body := s.buf[s.pos+1 : i]
	s.pos = i + 1
	if len(body) > 0 && body[0] == '/' {
		s.kind = tokEnd
		s.name = localName(bytes.TrimSpace(body[1:]))
		if len(s.name) == 0 {
			return s.fail("thẻ đóng không có tên"), false
		}
		if s.depth--; s.depth < 0 {
			return s.fail("thẻ đóng thừa"), false
		}
		return true, false
	}
	s.self = len(body) > 0 && body[len(body)-1] == '/'
	if s.self {
		body = body[:len(body)-1]
	}
	n := 0
	for n < len(body) && !isSpace(body[n]) {
		n++
	}
	if n == 0 {
		return s.fail("thẻ không có tên"), false
	}
	if s.depth == 0 {
		if s.roots++; s.roots > 1 {
			return s.fail("có hai thẻ gốc"), false
		}
	}
	s.kind, s.name, s.attrs = tokStart, localName(body[:n]), body[n:]
	if !s.self {
		s.depth++
	}
	return true, false
}

// skip reads past the end of the element whose start tag is the current
// token.
func (s *xmlScanner) skip() {
	if s.kind != tokStart || s.self {
		return
	}
	d := s.depth - 1
	for s.next() {
		if s.kind == tokEnd && s.depth == d {
			return
		}
	}
}

// drain reads the rest of the part (so that the zip layer checks its
// size and CRC), checking its syntax.
func (s *xmlScanner) drain() error {
	for s.next() {
	}
	return s.err
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func localName(b []byte) []byte {
	if i := bytes.LastIndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attr returns the decoded value of the attribute whose local name is
// name, among raw attributes.
func attr(attrs []byte, name string) (string, bool) {
	v, ok := attrRaw(attrs, name)
	if !ok {
		return "", false
	}
	if bytes.IndexByte(v, '&') < 0 {
		return string(v), true
	}
	out, err := appendUnescaped(nil, v)
	if err != nil {
		return "", false
	}
	return string(out), true
}

// attrIter walks raw attributes: key (with its prefix) and raw value.
type attrIter struct {
	b        []byte
	key, val []byte
}

func (it *attrIter) next() bool {
	b := it.b
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	eq := bytes.IndexByte(b, '=')
	if eq <= 0 {
		return false
	}
	key := b[:eq]
	for len(key) > 0 && isSpace(key[len(key)-1]) {
		key = key[:len(key)-1]
	}
	b = b[eq+1:]
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	if len(b) == 0 || (b[0] != '"' && b[0] != '\'') {
		return false
	}
	end := bytes.IndexByte(b[1:], b[0])
	if end < 0 {
		return false
	}
	it.key, it.val, it.b = localName(key), b[1:1+end], b[2+end:]
	return true
}

// attrRaw is attr without entity decoding.
func attrRaw(attrs []byte, name string) ([]byte, bool) {
	b := attrs
	for {
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		eq := bytes.IndexByte(b, '=')
		if eq <= 0 {
			return nil, false
		}
		key := bytes.TrimSpace(b[:eq])
		b = b[eq+1:]
		for len(b) > 0 && isSpace(b[0]) {
			b = b[1:]
		}
		if len(b) == 0 || (b[0] != '"' && b[0] != '\'') {
			return nil, false
		}
		q := b[0]
		end := bytes.IndexByte(b[1:], q)
		if end < 0 {
			return nil, false
		}
		val := b[1 : 1+end]
		b = b[2+end:]
		if string(localName(key)) == name {
			return val, true
		}
	}
}

var errEntity = errors.New("tham chiếu ký tự không hợp lệ")

// entities checks the entity references of text, which starts at offset
// base of the part, carrying a reference the window cut into the next text
// token: whatever the window, the same reference fails at the same offset.
func (s *xmlScanner) entities(text []byte, base int64) bool {
	for len(text) > 0 {
		if s.entN == 0 {
			i := bytes.IndexByte(text, '&')
			if i < 0 {
				return true
			}
			s.ent[0], s.entN, s.entAt = '&', 1, base+int64(i)
			text, base = text[i+1:], base+int64(i+1)
			continue
		}
		c := text[0]
		text, base = text[1:], base+1
		if c == ';' {
			ent := s.ent[1:s.entN]
			s.entN = 0
			if !goodEntity(ent) {
				return s.badEntity(append(append([]byte{'&'}, ent...), ';'))
			}
			continue
		}
		s.ent[s.entN] = c
		if s.entN++; s.entN == len(s.ent) { // no ';' within a reference's length
			return s.badEntity(s.ent[:])
		}
	}
	return true
}

// badEntity fails on the reference ref, found at s.entAt.
func (s *xmlScanner) badEntity(ref []byte) bool {
	s.entN = 0
	return s.failAt(s.entAt, "%v: %s (chỉ cho phép &lt; &gt; &amp; &quot; &apos; và &#số;)", errEntity, clipBytes(ref, 12))
}

// goodEntity reports whether name (between '&' and ';') is one of the five
// predefined entities or a reference to a character XML allows.
func goodEntity(name []byte) bool {
	switch string(name) {
	case "lt", "gt", "amp", "quot", "apos":
		return true
	}
	if len(name) < 2 || name[0] != '#' {
		return false
	}
	var err error
	var n uint64
	if name[1] == 'x' || name[1] == 'X' {
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	return err == nil && validXMLChar(rune(n))
}

// appendUnescaped decodes the five predefined entities and character
// references of raw onto dst; any other entity is an error.
func appendUnescaped(dst, raw []byte) ([]byte, error) {
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		semi := bytes.IndexByte(raw[:min(len(raw), 12)], ';')
		if semi < 0 {
			return dst, fmt.Errorf("%w: %q", errEntity, clipBytes(raw, 12))
		}
		ent := raw[1:semi]
		raw = raw[semi+1:]
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return dst, fmt.Errorf("%w: &%s; (chỉ cho phép &lt; &gt; &amp; &quot; &apos; và &#số;)", errEntity, clipBytes(ent, 12))
			}
			var n uint64
			var err error
			if ent[1] == 'x' || ent[1] == 'X' {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			r := rune(n)
			if err != nil || !validXMLChar(r) {
				return dst, fmt.Errorf("%w: &%s;", errEntity, clipBytes(ent, 12))
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst, nil
}

func validXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

func clipBytes(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}

// textBuf accumulates the raw text of an element up to a limit (the rest
// is dropped and truncated set); done decodes it.
type textBuf struct {
	raw       []byte
	out       []byte
	limit     int
	truncated bool
	ent       bool // raw holds an entity reference
}

func (t *textBuf) reset() { t.raw, t.truncated, t.ent = t.raw[:0], false, false }

func (t *textBuf) add(s *xmlScanner) {
	raw := s.text
	if len(t.raw)+len(raw) > t.limit {
		raw = raw[:max(0, t.limit-len(t.raw))]
		t.truncated = true
	}
	if !s.cdata {
		t.ent = t.ent || bytes.IndexByte(raw, '&') >= 0
		t.raw = append(t.raw, raw...)
		return
	}
	// CDATA is literal: escape what would read as an entity.
	for _, c := range raw {
		if c == '&' {
			t.raw = append(t.raw, "&amp;"...)
			t.ent = true
			continue
		}
		t.raw = append(t.raw, c)
	}
}

// done returns the decoded text (valid until the next reset).
func (t *textBuf) done() ([]byte, error) {
	if !t.ent {
		return t.raw, nil
	}
	raw := t.raw
	if t.truncated {
		if i := bytes.LastIndexByte(raw, '&'); i >= 0 && bytes.IndexByte(raw[i:], ';') < 0 {
			raw = raw[:i]
		}
	}
	var err error
	t.out, err = appendUnescaped(t.out[:0], raw)
	return t.out, err
}
