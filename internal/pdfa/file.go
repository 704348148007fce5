package pdfa

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
)

// ErrUnsupported is returned for a PDF that Convert does not rewrite: one
// that is encrypted, has incremental updates, or uses cross-reference or
// object streams. ntm's renderer writes none of these.
var ErrUnsupported = errors.New("PDF có cấu trúc không hỗ trợ")

// object is one indirect object of the file.
type object struct {
	num, gen int
	off      int // offset of "N G obj"
	end      int // offset of the next object or of the xref table: the span copied
	val      value
	stream   []byte // the stream's bytes as stored (still encoded), nil if none
	// streamStart is the offset of the stream's first byte.
	streamStart int
	loaded      bool
	err         error
}

// file is a classic single-revision PDF.
type file struct {
	b       []byte
	header  int // length of the header line, EOL included
	xref    int // offset of "xref"
	trailer value
	objs    []*object // in-use objects, by offset
	byNum   map[int]*object
	size    int // /Size of the trailer
}

const maxObjects = 1 << 20

func parseFile(b []byte) (*file, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) && !bytes.HasPrefix(b, []byte("%PDF-2.")) {
		return nil, fmt.Errorf("%w: thiếu dòng đầu %%PDF-", errSyntax)
	}
	f := &file{b: b, byNum: map[int]*object{}}
	f.header = bytes.IndexAny(b, "\r\n")
	if f.header < 0 {
		return nil, fmt.Errorf("%w: thiếu dòng đầu", errSyntax)
	}
	f.header++
	if b[f.header-1] == '\r' && f.header < len(b) && b[f.header] == '\n' {
		f.header++
	}
	tail := b[max(0, len(b)-1024):]
	sx := bytes.LastIndex(tail, []byte("startxref"))
	if sx < 0 {
		return nil, fmt.Errorf("%w: thiếu startxref", errSyntax)
	}
	p := &parser{b: tail, i: sx + len("startxref")}
	p.skip()
	off, err := strconv.Atoi(string(p.token()))
	if err != nil || off <= 0 || off >= len(b) {
		return nil, fmt.Errorf("%w: startxref sai", errSyntax)
	}
	f.xref = off
	if !bytes.HasPrefix(b[off:], []byte("xref")) {
		return nil, fmt.Errorf("%w: bảng xref dạng luồng", ErrUnsupported)
	}
	offsets := map[int][2]int{} // number → offset, generation
	p = &parser{b: b, i: off + len("xref")}
	for {
		p.skip()
		if p.keyword("trailer") {
			break
		}
		first, err1 := strconv.Atoi(string(p.token()))
		p.skip()
		count, err2 := strconv.Atoi(string(p.token()))
		if err1 != nil || err2 != nil || first < 0 || count < 0 || first+count > maxObjects {
			return nil, p.errorf("bảng xref sai")
		}
		for k := 0; k < count; k++ {
			p.skip()
			o, e1 := strconv.Atoi(string(p.token()))
			p.skip()
			g, e2 := strconv.Atoi(string(p.token()))
			p.skip()
			t := string(p.token())
			if e1 != nil || e2 != nil || (t != "n" && t != "f") {
				return nil, p.errorf("dòng xref sai")
			}
			if t == "n" {
				offsets[first+k] = [2]int{o, g}
			}
		}
	}
	f.trailer, err = p.value(0)
	if err != nil || f.trailer.kind != kDict {
		return nil, fmt.Errorf("%w: trailer sai", errSyntax)
	}
	if f.trailer.get("Prev").kind != kNull {
		return nil, fmt.Errorf("%w: tệp đã được cập nhật thêm (/Prev)", ErrUnsupported)
	}
	if f.trailer.get("XRefStm").kind != kNull {
		return nil, fmt.Errorf("%w: bảng xref dạng luồng (/XRefStm)", ErrUnsupported)
	}
	if f.trailer.get("Encrypt").kind != kNull {
		return nil, fmt.Errorf("%w: tệp được mã hóa", ErrUnsupported)
	}
	if s := f.trailer.get("Size"); s.kind == kNumber {
		f.size = int(s.num)
	}
	for num, og := range offsets {
		if og[0] < f.header || og[0] >= f.xref {
			return nil, fmt.Errorf("%w: đối tượng %d ở vị trí sai", errSyntax, num)
		}
		if num >= f.size {
			return nil, fmt.Errorf("%w: đối tượng %d vượt /Size", errSyntax, num)
		}
		o := &object{num: num, gen: og[1], off: og[0]}
		f.objs = append(f.objs, o)
		f.byNum[num] = o
	}
	sort.Slice(f.objs, func(i, j int) bool { return f.objs[i].off < f.objs[j].off })
	for i, o := range f.objs {
		o.end = f.xref
		if i+1 < len(f.objs) {
			o.end = f.objs[i+1].off
		}
		if i > 0 && f.objs[i-1].off == o.off {
			return nil, fmt.Errorf("%w: hai đối tượng cùng vị trí %d", errSyntax, o.off)
		}
		// Each span must start with its "N G obj"; its contents are
		// parsed only when needed (load), which keeps Convert cheap.
		if !bytes.HasPrefix(b[o.off:], []byte(strconv.Itoa(o.num)+" "+strconv.Itoa(o.gen)+" obj")) {
			return nil, fmt.Errorf("%w: xref chỉ tới byte %d nhưng ở đó không phải đối tượng %d", errSyntax, o.off, o.num)
		}
	}
	return f, nil
}

// loadAll parses every object.
func (f *file) loadAll() error {
	for _, o := range f.objs {
		if err := f.load(o); err != nil {
			return err
		}
	}
	return nil
}

// obj returns object num, parsed, or nil when it is not in the file or
// does not parse.
func (f *file) obj(num int) *object {
	o := f.byNum[num]
	if o == nil || f.load(o) != nil {
		return nil
	}
	return o
}

// load parses o once.
func (f *file) load(o *object) error {
	if o.loaded {
		return o.err
	}
	o.loaded = true
	o.err = f.readObject(o, o.end)
	return o.err
}

// readObject parses the object at o.off, which must end before limit.
func (f *file) readObject(o *object, limit int) error {
	p := &parser{b: f.b[:limit], i: o.off}
	n, e1 := strconv.Atoi(string(p.token()))
	p.skip()
	g, e2 := strconv.Atoi(string(p.token()))
	if e1 != nil || e2 != nil || n != o.num || g != o.gen || !p.keyword("obj") {
		return fmt.Errorf("%w: xref chỉ tới byte %d nhưng ở đó không phải đối tượng %d", errSyntax, o.off, o.num)
	}
	v, err := p.value(0)
	if err != nil {
		return fmt.Errorf("đối tượng %d: %w", o.num, err)
	}
	o.val = v
	if p.keyword("stream") {
		if v.kind != kDict {
			return fmt.Errorf("%w: đối tượng %d: luồng không có từ điển", errSyntax, o.num)
		}
		if v.get("Type").isName("ObjStm") {
			return fmt.Errorf("%w: luồng đối tượng", ErrUnsupported)
		}
		// "stream" is followed by CRLF or LF, then the data (7.3.8.1).
		switch {
		case bytes.HasPrefix(p.b[p.i:], []byte("\r\n")):
			p.i += 2
		case bytes.HasPrefix(p.b[p.i:], []byte("\n")):
			p.i++
		default:
			return fmt.Errorf("%w: đối tượng %d: sau stream phải xuống dòng", errSyntax, o.num)
		}
		l := v.get("Length")
		if l.kind == kRef {
			lo := f.byNum[l.ref[0]]
			if lo == nil || lo == o {
				return fmt.Errorf("%w: đối tượng %d: /Length chỉ tới đối tượng không có", errSyntax, o.num)
			}
			lp := &parser{b: f.b[:lo.end], i: lo.off}
			lp.token()
			lp.skip()
			lp.token()
			lp.keyword("obj")
			lv, err := lp.value(0)
			if err != nil {
				return err
			}
			l = lv
		}
		if l.kind != kNumber || l.num < 0 || p.i+int(l.num) > limit {
			return fmt.Errorf("%w: đối tượng %d: /Length sai", errSyntax, o.num)
		}
		o.streamStart = p.i
		o.stream = p.b[p.i : p.i+int(l.num)]
		p.i += int(l.num)
		if !p.keyword("endstream") {
			return fmt.Errorf("%w: đối tượng %d: /Length không khớp với endstream", errSyntax, o.num)
		}
	}
	if !p.keyword("endobj") {
		return fmt.Errorf("%w: đối tượng %d: thiếu endobj", errSyntax, o.num)
	}
	return nil
}

// resolve follows a reference to its object's value.
func (f *file) resolve(v value) value {
	for k := 0; v.kind == kRef && k < 8; k++ {
		o := f.obj(v.ref[0])
		if o == nil {
			return value{}
		}
		v = o.val
	}
	return v
}
