package assess

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
)

// Bounds of one workbook. A commune's form is a 10–50 KB file whose
// parts inflate to well under 1 MB; these leave room for forms with
// pictures and long notes while keeping a hostile file to a bounded cost:
// at most maxFileSize read into memory, at most maxInflated inflated
// (about 0,3 s of CPU), and kept data bounded by the row, column, string
// and merge caps below.
const (
	maxFileSize      = 32 << 20 // the .xlsx file
	maxCentralDir    = 1 << 20  // the zip's directory
	maxEntries       = 5000     // zip members
	maxPartSize      = 24 << 20 // one inflated part (worksheet, shared strings)
	maxSmallPart     = 4 << 20  // workbook, relationships, styles
	maxInflated      = 96 << 20 // every part read from one file together
	maxSheets        = 64       // sheets looked at
	maxSharedStrings = 100000
	maxSharedText    = 8 << 20 // bytes of shared strings kept
	maxCellText      = 32767 * 3
	maxRows          = 5000 // rows kept of a sheet
	maxCols          = 128  // columns kept of a row
	maxMerges        = 20000
	maxMergedCells   = 200000
	maxStyles        = 65536
)

// partError is a part of the file that cannot be read.
type partError struct {
	part  string
	sheet string // when the part is a worksheet
	err   error
}

func (e *partError) Error() string {
	where := "phần “" + e.part + "”"
	if e.sheet != "" {
		where += " (trang “" + e.sheet + "”)"
	}
	return where + " " + describeZipErr(e.err)
}

func (e *partError) Unwrap() error { return e.err }

var (
	errTooBig     = errors.New("quá lớn")
	errNoWorkbook = errors.New("không có sổ làm việc (xl/workbook.xml)")
	errCentralDir = errors.New("danh mục tệp nén quá lớn")
)

// describeZipErr says in Vietnamese what is wrong with a part.
func describeZipErr(err error) string {
	switch {
	case errors.Is(err, zip.ErrChecksum):
		return "sai mã kiểm tra (CRC): tệp bị hỏng khi chép hoặc gửi"
	case errors.Is(err, zip.ErrFormat):
		return "sai cấu trúc nén (kích thước khai báo không khớp với dữ liệu)"
	case errors.Is(err, zip.ErrAlgorithm):
		return "nén bằng phương pháp không hỗ trợ"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "bị cắt cụt (dữ liệu nén dừng giữa chừng)"
	case errors.Is(err, errTooBig):
		return err.Error()
	case errors.Is(err, errXML), errors.Is(err, errEntity):
		return "bị hỏng: " + err.Error()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "chưa đọc xong: đã dừng theo yêu cầu"
	}
	var fe interface{ Error() string }
	if errors.As(err, &fe) && strings.HasPrefix(err.Error(), "flate:") {
		return "bị hỏng (dữ liệu nén sai)"
	}
	return "không đọc được: " + clip(err.Error(), 80)
}

// sheetRef is one worksheet of the workbook, in workbook order.
type sheetRef struct {
	name, part string
	hidden     bool
}

// xf is the part of a cell format the reader uses.
type xf struct {
	numFmt int
	font   int
}

// book is an opened workbook: its directory, sheets, styles and shared
// strings.
type book struct {
	ctx      context.Context
	files    map[string]*zip.File
	sheets   []sheetRef
	date1904 bool
	sstPart  string
	sst      []string
	sstDone  bool
	xfs      []xf
	numFmts  map[int]string
	fonts    []string
	inflated int64
	buf      []byte // the scanner's window, reused by every part
	text     textBuf
	decoded  map[decodeKey]cellText // legacy-text decisions, by string
	// The grids' rows are cut from slabs of cells, returned to slabPool
	// once the workbook is read (a national run reads twenty thousand
	// forms of a few hundred cells each).
	slab  []cell
	slabs []*[]cell
}

// slabCells is the size of a slab: a form's grid fits in one.
const slabCells = 1024

var slabPool = sync.Pool{New: func() any { s := make([]cell, slabCells); return &s }}

// cells returns n zero cells (len and cap n) for a row of a grid.
func (b *book) cells(n int) []cell {
	if n > slabCells {
		return make([]cell, n)
	}
	if len(b.slab) < n {
		sp := slabPool.Get().(*[]cell)
		b.slabs = append(b.slabs, sp)
		b.slab = *sp
	}
	c := b.slab[:n:n]
	b.slab = b.slab[n:]
	return c
}

// windowPool keeps the scanners' windows from one workbook to the next.
var windowPool sync.Pool

// release gives the slabs back, cleared, and the scanner's window, once
// no grid of b is used.
func (b *book) release() {
	for _, sp := range b.slabs {
		clear(*sp)
		slabPool.Put(sp)
	}
	b.slabs, b.slab = nil, nil
	if b.buf != nil {
		w := b.buf // b.buf is cleared below: the pool gets its own header
		windowPool.Put(&w)
		b.buf = nil
	}
}

// checkDirectory bounds the zip's central directory before archive/zip
// reads it: a directory of millions of entries would cost its size in
// memory many times over.
func checkDirectory(data []byte) error {
	lo := max(0, len(data)-(22+65535))
	i := bytes.LastIndex(data[lo:], []byte("PK\x05\x06"))
	if i < 0 {
		return nil // archive/zip says what is wrong
	}
	eocd := data[lo+i:]
	if len(eocd) < 22 {
		return nil
	}
	entries := binary.LittleEndian.Uint16(eocd[10:])
	size := binary.LittleEndian.Uint32(eocd[12:])
	if int(entries) > maxEntries || size > maxCentralDir {
		return errCentralDir
	}
	return nil
}

// openBook reads the workbook's directory, workbook part, relationships
// and styles.
func openBook(ctx context.Context, data []byte) (b *book, err error) {
	if err := checkDirectory(data); err != nil {
		return nil, err
	}
	zr, err := zipReader(data)
	if err != nil {
		return nil, err
	}
	b = &book{ctx: ctx, files: make(map[string]*zip.File, len(zr.File)), text: textBuf{limit: maxCellText}}
	if wp, ok := windowPool.Get().(*[]byte); ok {
		b.buf = *wp
	}
	for _, f := range zr.File {
		name := strings.TrimPrefix(f.Name, "/")
		b.files[name] = f
		if low := strings.ToLower(name); low != name {
			if _, ok := b.files[low]; !ok {
				b.files[low] = f
			}
		}
	}
	wbPart := "xl/workbook.xml"
	if b.file(wbPart) != nil {
		// Where every spreadsheet program puts it: the package's
		// relationships would only say so again.
	} else if rels, err := b.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPart = r.target
				break
			}
		}
	} else if !errors.Is(err, errMissing) {
		return nil, err
	}
	if b.file(wbPart) == nil {
		return nil, errNoWorkbook
	}
	rels, err := b.rels(relsOf(wbPart), path.Dir(wbPart))
	if err != nil && !errors.Is(err, errMissing) {
		return nil, err
	}
	relByID := map[string]rel{}
	stylesPart := ""
	for _, r := range rels {
		relByID[r.id] = r
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			b.sstPart = r.target
		case strings.HasSuffix(r.typ, "/styles"):
			stylesPart = r.target
		}
	}
	dir := path.Dir(wbPart)
	if b.sstPart == "" && b.file(path.Join(dir, "sharedStrings.xml")) != nil {
		b.sstPart = path.Join(dir, "sharedStrings.xml")
	}
	if stylesPart == "" && b.file(path.Join(dir, "styles.xml")) != nil {
		stylesPart = path.Join(dir, "styles.xml")
	}
	if err := b.readWorkbook(wbPart, relByID); err != nil {
		return nil, err
	}
	if stylesPart != "" {
		if err := b.readStyles(stylesPart); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// zipReader opens the zip; archive/zip is the one third-party-like parser
// of outside bytes left on this path, so a panic inside it is the file's
// problem, not ours.
func zipReader(data []byte) (zr *zip.Reader, err error) {
	defer func() {
		if v := recover(); v != nil {
			zr, err = nil, fmt.Errorf("zip: %v", v)
		}
	}()
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

var errMissing = errors.New("thiếu")

func (b *book) file(name string) *zip.File {
	name = strings.TrimPrefix(name, "/")
	if f, ok := b.files[name]; ok {
		return f
	}
	return b.files[strings.ToLower(name)]
}

// open returns the part's reader, bounded by limit and by what is left of
// the file's inflation budget; the caller reads it to EOF so that
// archive/zip checks its size and CRC.
func (b *book) open(name string, limit int64) (io.ReadCloser, error) {
	f := b.file(name)
	if f == nil {
		return nil, errMissing
	}
	left := maxInflated - b.inflated
	if limit > left {
		limit = left
	}
	if limit <= 0 {
		return nil, fmt.Errorf("%w: các phần của tệp giải nén ra hơn %s", errTooBig, sizeMB(maxInflated))
	}
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: %s khi giải nén (giới hạn %s)", errTooBig, sizeMB(int64(f.UncompressedSize64)), sizeMB(limit))
	}
	rc, err := openMember(f)
	if err != nil {
		return nil, err
	}
	return &boundedReader{rc: rc, left: limit, b: b}, nil
}

func openMember(f *zip.File) (rc io.ReadCloser, err error) {
	defer func() {
		if v := recover(); v != nil {
			rc, err = nil, fmt.Errorf("zip: %v", v)
		}
	}()
	return f.Open()
}

func sizeMB(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n>>20, 10) + " MB"
}

// boundedReader fails once more than left bytes come out: the header may
// lie about the size, and archive/zip only says so at the end.
type boundedReader struct {
	rc   io.ReadCloser
	left int64
	b    *book
}

func (r *boundedReader) Read(p []byte) (n int, err error) {
	// Inflating is archive/zip's and compress/flate's: a panic there on
	// a hostile file is the file's problem. Our own panics are not caught.
	defer func() {
		if v := recover(); v != nil {
			n, err = 0, fmt.Errorf("zip: %v", v)
		}
	}()
	if r.left <= 0 {
		var one [1]byte
		if n, _ := r.rc.Read(one[:]); n > 0 {
			return 0, fmt.Errorf("%w: giải nén ra nhiều hơn kích thước cho phép", errTooBig)
		}
	}
	if int64(len(p)) > r.left {
		p = p[:max(r.left, 1)]
	}
	n, err = r.rc.Read(p)
	r.left -= int64(n)
	r.b.inflated += int64(n)
	return n, err
}

func (r *boundedReader) Close() error { return r.rc.Close() }

// scan runs fn over the part's tokens, then reads the part to its end.
func (b *book) scan(part string, limit int64, fn func(s *xmlScanner) error) error {
	rc, err := b.open(part, limit)
	if err != nil {
		return err
	}
	defer rc.Close()
	s := newScanner(b.ctx, rc, b.buf)
	defer func() { b.buf = s.buf }()
	if err := fn(s); err != nil {
		return err
	}
	if err := s.drain(); err != nil {
		return err
	}
	// The scanner stops at the root's end; what follows must be nothing
	// but the rest of the stream, read for the CRC check.
	if _, err := io.Copy(io.Discard, rc); err != nil {
		return err
	}
	return nil
}

type rel struct{ id, typ, target string }

func relsOf(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// rels reads a relationships part; targets are resolved against dir.
func (b *book) rels(part, dir string) ([]rel, error) {
	if b.file(part) == nil {
		return nil, errMissing
	}
	var out []rel
	err := b.scan(part, maxSmallPart, func(s *xmlScanner) error {
		for s.next() {
			if s.kind != tokStart || string(s.name) != "Relationship" {
				continue
			}
			if mode, _ := attr(s.attrs, "TargetMode"); strings.EqualFold(mode, "External") {
				continue
			}
			id, _ := attr(s.attrs, "Id")
			typ, _ := attr(s.attrs, "Type")
			target, _ := attr(s.attrs, "Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(dir, target)
			}
			if len(out) < maxEntries {
				out = append(out, rel{id, typ, path.Clean(target)})
			}
		}
		return s.err
	})
	if err != nil {
		return nil, &partError{part: part, err: err}
	}
	return out, nil
}

func (b *book) readWorkbook(part string, rels map[string]rel) error {
	err := b.scan(part, maxSmallPart, func(s *xmlScanner) error {
		n := 0
		for s.next() {
			if s.kind != tokStart {
				continue
			}
			switch string(s.name) {
			case "workbookPr":
				if v, _ := attr(s.attrs, "date1904"); v == "1" || strings.EqualFold(v, "true") {
					b.date1904 = true
				}
			case "sheet":
				n++
				if len(b.sheets) >= maxSheets {
					continue
				}
				name, _ := attr(s.attrs, "name")
				id, _ := attr(s.attrs, "id")
				state, _ := attr(s.attrs, "state")
				r, ok := rels[id]
				if !ok {
					// Old files without relationships: sheetN.xml by position.
					r = rel{target: path.Join(path.Dir(part), "worksheets", "sheet"+strconv.Itoa(n)+".xml"), typ: "/worksheet"}
				}
				if !strings.HasSuffix(r.typ, "/worksheet") || b.file(r.target) == nil {
					continue // chart sheets, dialog sheets, missing parts
				}
				b.sheets = append(b.sheets, sheetRef{name: clip(cleanSpace(name), 100), part: r.target, hidden: state != "" && state != "visible"})
			case "definedNames", "fileVersion", "bookViews", "calcPr", "extLst":
				s.skip()
			}
		}
		return s.err
	})
	if err != nil {
		return &partError{part: part, err: err}
	}
	return nil
}

// readStyles keeps the number format and font of each cell format.
func (b *book) readStyles(part string) error {
	b.numFmts = map[int]string{}
	err := b.scan(part, maxSmallPart, func(s *xmlScanner) error {
		inFonts, inFont, inXfs := false, false, false
		for s.next() {
			name := string(s.name)
			if s.kind == tokEnd {
				switch name {
				case "fonts":
					inFonts = false
				case "font":
					inFont = false
				case "cellXfs":
					inXfs = false
				}
				continue
			}
			if s.kind != tokStart {
				continue
			}
			switch name {
			case "numFmt":
				id, err := strconv.Atoi(attrString(s.attrs, "numFmtId"))
				code, _ := attr(s.attrs, "formatCode")
				if err == nil && len(b.numFmts) < maxStyles {
					b.numFmts[id] = clip(code, 255)
				}
			case "fonts":
				inFonts = !s.self
			case "font":
				if inFonts && len(b.fonts) < maxStyles {
					b.fonts = append(b.fonts, "")
					inFont = !s.self
				}
			case "name":
				if inFont && len(b.fonts) > 0 {
					v, _ := attr(s.attrs, "val")
					b.fonts[len(b.fonts)-1] = clip(v, 64)
				}
			case "cellXfs":
				inXfs = !s.self
			case "xf":
				if inXfs && len(b.xfs) < maxStyles {
					nf, _ := strconv.Atoi(attrString(s.attrs, "numFmtId"))
					fid, _ := strconv.Atoi(attrString(s.attrs, "fontId"))
					b.xfs = append(b.xfs, xf{numFmt: nf, font: fid})
				}
				if !s.self {
					s.skip()
				}
			case "cellStyleXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst", "fills", "borders":
				s.skip()
			}
		}
		return s.err
	})
	if err != nil {
		return &partError{part: part, err: err}
	}
	return nil
}

func attrString(attrs []byte, name string) string {
	v, _ := attrRaw(attrs, name)
	return string(v)
}

// sharedStrings reads the shared strings once.
func (b *book) sharedStrings() error {
	if b.sstDone || b.sstPart == "" {
		b.sstDone = true
		return nil
	}
	b.sstDone = true
	total := 0
	err := b.scan(b.sstPart, maxPartSize, func(s *xmlScanner) error {
		inSI, inT, skipDepth := false, false, 0
		t := &b.text
		for s.next() {
			switch s.kind {
			case tokStart:
				switch string(s.name) {
				case "si":
					inSI = !s.self
					t.reset()
					if s.self {
						b.addShared("", &total)
					}
				case "rPh", "phoneticPr":
					if !s.self {
						skipDepth = s.depth
						s.skip()
						skipDepth = 0
					}
				case "t":
					inT = inSI && !s.self
				}
			case tokText:
				if inT && skipDepth == 0 {
					t.add(s)
				}
			case tokEnd:
				switch string(s.name) {
				case "t":
					inT = false
				case "si":
					if inSI {
						txt, err := t.done()
						if err != nil {
							return err
						}
						b.addShared(string(txt), &total)
					}
					inSI = false
				}
			}
		}
		return s.err
	})
	if err != nil {
		return &partError{part: b.sstPart, err: err}
	}
	return nil
}

func (b *book) addShared(s string, total *int) {
	switch {
	case len(b.sst) >= maxSharedStrings:
		// Strings past the caps read as blank cells: no form has that
		// many, and memory stays bounded.
		return
	case *total+len(s) > maxSharedText:
		s = ""
	}
	*total += len(s)
	b.sst = append(b.sst, unescapeX(s))
}

// unescapeX decodes the _xHHHH_ escapes Excel writes for control
// characters in strings ("_x000D_").
func unescapeX(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && i+6 < len(s) && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				if r := rune(v); validXMLChar(r) {
					sb.WriteRune(r)
				} else {
					sb.WriteByte(' ')
				}
				i += 6
				continue
			}
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}
