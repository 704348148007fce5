package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"unicode"
	"unicode/utf8"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/publish"
)

// The form cache keeps, in output/.cache/, what the reader gave for every
// workbook of the last run, so that a rerun after one commune's form
// changed reads one workbook instead of twenty thousand. An entry is
// found by the file's stat identity (size, modification time, inode, and
// the time of its last status change), or, once its bytes are read, by
// their SHA-256. The whole cache is dropped when the program or the
// criteria data changes (the reader identifies rows against the sets),
// or when it cannot be read: it is a cache, never a source of truth.
const (
	cacheDir  = ".cache"
	formCache = "bieu.bin"
	// coverSpares holds the spares of the packages' cover lists
	// (distribute.WritePackages): none of them is ever read.
	coverSpares = "danh-muc-du-phong"
	// cacheFormat changes whenever the encoding below or the reader's
	// Assessment changes shape (TestFormCacheCoversAssessment fails then).
	cacheFormat = "ntm-bieu-8"
)

// formCacheStore implements assess.Cache.
type formCacheStore struct {
	mu      sync.Mutex
	stamp   string                 // cacheFormat, program and criteria fingerprint
	root    string                 // the forms' folder as this run names it
	cat     *criteria.Catalogue    // to link Set back
	byName  map[string]*cacheEntry // previous run's entries, by display name
	next    map[string]*cacheEntry // this run's
	hits    int
	changed bool
	size    int         // of the file read, to size the next one's buffer
	prev    stringTable // the file's, which its entries' raw encodings use
}

type cacheEntry struct {
	stat  statID
	sum   [32]byte
	a     *assess.Assessment
	probs diag.List
	raw   []byte // the entry's encoding in the file it was read from
}

// stringTable is a cache file's table of strings. base is how many it had
// when the file was last encoded whole: later files append the strings of
// new entries (see encodeCache).
type stringTable struct {
	table []string
	base  int
}

// statID is what makes a file "the same" without reading it.
type statID struct {
	size, mtime, ctime int64
	ino, dev           uint64
}

func statOf(st fs.FileInfo) statID {
	id := statID{size: st.Size(), mtime: st.ModTime().UnixNano()}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		id.ino, id.dev = sys.Ino, uint64(sys.Dev)
		id.ctime = sys.Ctim.Sec*1e9 + sys.Ctim.Nsec
	}
	return id
}

// cacheStamp fingerprints what a cached reading depends on besides the
// file: the cache format, the program (its build), and everything the
// criteria sets in use say (embedded data with the province's
// corrections; see criteria.Catalogue.Fingerprint). The documents' keys
// start from it too (newKeyer): a changed threshold makes them again.
func cacheStamp(program string, cat *criteria.Catalogue) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", cacheFormat, program)
	fp := cat.Fingerprint()
	h.Write(fp[:])
	return fmt.Sprintf("%x", h.Sum(nil))
}

// loadFormCache reads the cache of out; a missing, stale or damaged one
// gives an empty cache.
func loadFormCache(out, stamp, root string, cat *criteria.Catalogue) *formCacheStore {
	c := &formCacheStore{stamp: stamp, root: root, cat: cat, byName: map[string]*cacheEntry{}, next: map[string]*cacheEntry{}}
	if out == "" {
		return c
	}
	// Non-blocking and regular only: a FIFO put in its place must not
	// hang the run.
	f, err := os.OpenFile(filepath.Join(out, cacheDir, formCache), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return c
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return c
	}
	if st.Size() > maxFormCache {
		return c // not a cache ntm wrote for any plausible run: ignored
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return c
	}
	c.size = len(data)
	entries, prev, err := decodeCache(data, stamp, root, cat)
	if err != nil {
		return c
	}
	c.byName, c.prev = entries, prev
	return c
}

// maxFormCache bounds the cache file read: a national run's is about 27
// MB; a larger file is ignored (the forms are read again).
const maxFormCache = 512 << 20

func (c *formCacheStore) ByStat(name string, st fs.FileInfo) (*assess.Assessment, diag.List, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.byName[name]
	if e == nil || e.stat != statOf(st) {
		return nil, nil, false
	}
	c.next[name] = e
	c.hits++
	return e.a, e.probs, true
}

func (c *formCacheStore) BySum(name string, sum [32]byte) (*assess.Assessment, diag.List, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.byName[name]
	if e == nil || e.sum != sum {
		return nil, nil, false
	}
	c.hits++
	return e.a, e.probs, true
}

func (c *formCacheStore) Store(name string, st fs.FileInfo, a *assess.Assessment, probs diag.List) {
	var sum [32]byte
	if a != nil {
		sum = a.SHA256
	}
	c.mu.Lock()
	c.next[name] = &cacheEntry{stat: statOf(st), sum: sum, a: a, probs: probs}
	c.changed = true
	c.mu.Unlock()
}

// save writes this run's entries, when they differ from the last run's.
// Only entries with an assessment whose SHA-256 is known are kept.
func (c *formCacheStore) save(out string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.changed && len(c.next) == len(c.byName) {
		return nil
	}
	return publish.WriteFile(filepath.Join(out, cacheDir, formCache), func(w io.Writer) error {
		return encodeCache(w, c.stamp, c.root, c.next, c.size, &c.prev)
	})
}

// The encoding: a header (magic, stamp), a table of every distinct string,
// then the entries, every string an index into the table, every number a
// varint. Strings repeat a lot (file and sheet names in every position,
// "Đạt", indicator IDs), so the table keeps the file small and the
// decoding quick.

var cacheMagic = []byte("NTMBIEU\x00")

type encoder struct {
	strs  map[string]uint64
	table []string
	body  bytes.Buffer
	tmp   [binary.MaxVarintLen64]byte
}

func (e *encoder) u(v uint64) { e.body.Write(e.tmp[:binary.PutUvarint(e.tmp[:], v)]) }
func (e *encoder) i(v int64)  { e.body.Write(e.tmp[:binary.PutVarint(e.tmp[:], v)]) }
func (e *encoder) b(v bool) {
	if v {
		e.u(1)
	} else {
		e.u(0)
	}
}
func (e *encoder) f(v float64) { e.u(math.Float64bits(v)) }
func (e *encoder) s(v string) {
	id, ok := e.strs[v]
	if !ok {
		id = uint64(len(e.table))
		e.strs[v] = id
		e.table = append(e.table, v)
	}
	e.u(id)
}

func (e *encoder) pos(p diag.Pos) {
	e.s(p.File)
	e.s(p.Key)
	e.i(int64(p.Line))
	e.i(int64(p.Col))
	e.s(p.Sheet)
	e.s(p.Cell)
}

func (e *encoder) problems(l diag.List) {
	e.u(uint64(len(l)))
	for _, p := range l {
		e.pos(p.Pos)
		e.u(uint64(p.Severity))
		e.s(p.Msg)
	}
}

func (e *encoder) assessment(a *assess.Assessment) {
	e.s(a.File)
	e.s(a.Sheet)
	e.s(a.CommuneID)
	e.s(a.Commune)
	e.s(a.District)
	e.i(int64(a.Period.Year))
	e.i(int64(a.Period.Half))
	e.s(string(a.PeriodSource))
	e.s(string(a.CommuneSource))
	e.s(a.SetID)
	setID := ""
	if a.Set != nil {
		setID = a.Set.ID
	}
	e.s(setID)
	e.s(string(a.Region))
	e.s(a.FilledBy)
	e.s(a.FilledOn)
	e.pos(a.CommunePos)
	e.pos(a.CommuneIDPos)
	e.pos(a.PeriodPos)
	e.u(uint64(len(a.Clues)))
	for _, c := range a.Clues {
		e.s(string(c.Kind))
		e.s(c.Text)
		e.i(int64(c.Period.Year))
		e.i(int64(c.Period.Half))
		e.s(string(c.Source))
		e.pos(c.Pos)
	}
	e.b(a.Blank)
	e.body.Write(a.SHA256[:])
	e.i(a.Size)
	e.u(uint64(len(a.Candidates)))
	for _, c := range a.Candidates {
		e.s(c.Sheet)
		e.i(int64(c.Indicators))
	}
	e.u(uint64(len(a.Values)))
	for _, v := range a.Values {
		e.s(v.IndicatorID)
		e.s(v.Raw)
		e.f(v.Num)
		e.b(v.Has)
		e.b(v.FromVerdict)
		e.s(v.Prev)
		switch {
		case v.Self == nil:
			e.u(0)
		case *v.Self:
			e.u(1)
		default:
			e.u(2)
		}
		e.s(v.SelfRaw)
		e.s(v.Note)
		e.i(int64(v.Cell.Row))
		e.i(int64(v.Cell.Col))
		e.i(int64(v.SelfCell.Row))
		e.i(int64(v.SelfCell.Col))
	}
}

// sizeHint is about the size of the encoding (the last run's file): the
// body is allocated once instead of doubling through a national cache.
//
// When most entries come unchanged from the last run's file (prev), the
// new file keeps that file's table, appends the strings of the new
// entries it lacks, and copies the unchanged entries' encodings as they
// are: a rerun after one form changed writes twenty thousand entries
// without encoding them again. Once the appended strings pass a quarter
// of the table as it was last encoded whole, or fewer than half the
// entries are unchanged, the file is encoded whole again, which bounds
// what a long run of reruns adds.
func encodeCache(w io.Writer, stamp, root string, entries map[string]*cacheEntry, sizeHint int, prev *stringTable) error {
	e := &encoder{strs: map[string]uint64{}}
	kept, total := 0, 0
	for _, ce := range entries {
		if ce.a != nil && ce.a.SHA256 != ([32]byte{}) {
			total++
			if ce.raw != nil {
				kept++
			}
		}
	}
	incremental := prev != nil && prev.table != nil && len(prev.table) <= prev.base+prev.base/4 && 2*kept >= total
	base := 0
	if incremental {
		e.table, base = slices.Clip(prev.table), prev.base
		e.strs = make(map[string]uint64, len(e.table))
		for i, v := range e.table {
			if _, dup := e.strs[v]; !dup {
				e.strs[v] = uint64(i)
			}
		}
	}
	// The encoder writes each entry into e.body; the file's body is the
	// entries one after the other, each preceded by its length, so that
	// the decoder can cut it into entries first and decode them on every
	// core.
	var body bytes.Buffer
	body.Grow(sizeHint + sizeHint/8)
	n := 0
	names := make([]string, 0, len(entries))
	for name := range entries {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ce := entries[name]
		if ce.a == nil || ce.a.SHA256 == ([32]byte{}) {
			continue // only readings of real files are worth keeping
		}
		n++
		if incremental && ce.raw != nil {
			body.Write(e.tmp[:binary.PutUvarint(e.tmp[:], uint64(len(ce.raw)))])
			body.Write(ce.raw)
			continue
		}
		e.body.Reset()
		e.s(name)
		st := ce.stat
		e.i(st.size)
		e.i(st.mtime)
		e.i(st.ctime)
		e.u(st.ino)
		e.u(st.dev)
		e.body.Write(ce.sum[:])
		e.assessment(ce.a)
		e.problems(ce.probs)
		body.Write(e.tmp[:binary.PutUvarint(e.tmp[:], uint64(e.body.Len()))])
		body.Write(e.body.Bytes())
	}
	var head bytes.Buffer
	head.Write(cacheMagic)
	var tmp [binary.MaxVarintLen64]byte
	put := func(v uint64) { head.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	put(uint64(len(stamp)))
	head.WriteString(stamp)
	put(uint64(len(root)))
	head.WriteString(root)
	if !incremental {
		base = len(e.table)
	}
	put(uint64(base))
	put(uint64(len(e.table)))
	for _, s := range e.table {
		put(uint64(len(s)))
		head.WriteString(s)
	}
	put(uint64(n))
	if _, err := w.Write(head.Bytes()); err != nil {
		return err
	}
	_, err := w.Write(body.Bytes())
	return err
}

var errCache = errors.New("bộ nhớ đệm hỏng")

type decoder struct {
	b     []byte
	off   int
	table []string
	err   error
}

func (d *decoder) u() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.err = errCache
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) i() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.err = errCache
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) b1() bool   { return d.u() == 1 }
func (d *decoder) f() float64 { return math.Float64frombits(d.u()) }
func (d *decoder) s() string {
	i := d.u()
	if i >= uint64(len(d.table)) {
		if d.err == nil {
			d.err = errCache
		}
		return ""
	}
	return d.table[i]
}
func (d *decoder) sum() (s [32]byte) {
	if d.err == nil {
		if len(d.b)-d.off < len(s) {
			d.err = errCache
			return s
		}
		d.off += copy(s[:], d.b[d.off:])
	}
	return s
}

// bytes reads n bytes.
func (d *decoder) bytes(n uint64) []byte {
	if d.err != nil || n > uint64(len(d.b)-d.off) {
		d.err = errCache
		return nil
	}
	b := d.b[d.off : d.off+int(n)]
	d.off += int(n)
	return b
}

func (d *decoder) pos() diag.Pos {
	return diag.Pos{File: d.s(), Key: d.s(), Line: int(d.i()), Col: int(d.i()), Sheet: d.s(), Cell: d.s()}
}

// count reads a length, refusing one larger than the file could hold.
func (d *decoder) count() int {
	n := d.u()
	if n > 1<<24 {
		d.err = errCache
		return 0
	}
	return int(n)
}

func (d *decoder) problems() diag.List {
	n := d.count()
	if n == 0 {
		return nil
	}
	l := make(diag.List, n)
	for k := range l {
		l[k] = diag.Problem{Pos: d.pos(), Severity: diag.Severity(d.u()), Msg: d.s()}
	}
	return l
}

var (
	selfTrue  = true
	selfFalse = false
)

func (d *decoder) assessment(cat *criteria.Catalogue) *assess.Assessment {
	a := &assess.Assessment{File: d.s(), Sheet: d.s(), CommuneID: d.s(), Commune: d.s(), District: d.s()}
	a.Period = criteria.Period{Year: int(d.i()), Half: criteria.Half(d.i())}
	a.PeriodSource = assess.Source(d.s())
	a.CommuneSource = assess.Source(d.s())
	a.SetID = d.s()
	if id := d.s(); id != "" {
		a.Set = cat.Set(id)
		if a.Set == nil {
			d.err = errCache
		}
	}
	a.Region = criteria.Region(d.s())
	a.FilledBy, a.FilledOn = d.s(), d.s()
	a.CommunePos, a.CommuneIDPos, a.PeriodPos = d.pos(), d.pos(), d.pos()
	if n := d.count(); n > 0 {
		a.Clues = make([]assess.Clue, n)
		for k := range a.Clues {
			c := &a.Clues[k]
			c.Kind, c.Text = assess.ClueKind(d.s()), d.s()
			c.Period = criteria.Period{Year: int(d.i()), Half: criteria.Half(d.i())}
			c.Source, c.Pos = assess.Source(d.s()), d.pos()
		}
	}
	a.Blank = d.b1()
	a.SHA256 = d.sum()
	a.Size = d.i()
	if n := d.count(); n > 0 {
		a.Candidates = make([]assess.SheetCandidate, n)
		for k := range a.Candidates {
			a.Candidates[k] = assess.SheetCandidate{Sheet: d.s(), Indicators: int(d.i())}
		}
	}
	if n := d.count(); n > 0 {
		a.Values = make([]assess.Value, n)
		for k := range a.Values {
			v := &a.Values[k]
			v.IndicatorID, v.Raw, v.Num = d.s(), d.s(), d.f()
			v.Has, v.FromVerdict, v.Prev = d.b1(), d.b1(), d.s()
			switch d.u() {
			case 1:
				v.Self = &selfTrue
			case 2:
				v.Self = &selfFalse
			}
			v.SelfRaw, v.Note = d.s(), d.s()
			v.Cell = assess.Cell{Row: int32(d.i()), Col: int32(d.i())}
			v.SelfCell = assess.Cell{Row: int32(d.i()), Col: int32(d.i())}
		}
	}
	return a
}

func decodeCache(data []byte, stamp, root string, cat *criteria.Catalogue) (map[string]*cacheEntry, stringTable, error) {
	var none stringTable
	if !bytes.HasPrefix(data, cacheMagic) {
		return nil, none, errCache
	}
	d := &decoder{b: data, off: len(cacheMagic)}
	if string(d.bytes(d.u())) != stamp || d.err != nil {
		return nil, none, errCache
	}
	fileRoot := string(d.bytes(d.u()))
	base := d.u()
	nstr := d.u()
	if nstr > uint64(len(data)) || base > nstr {
		return nil, none, errCache
	}
	d.table = make([]string, 0, nstr)
	for k := uint64(0); k < nstr && d.err == nil; k++ {
		d.table = append(d.table, string(d.bytes(d.u())))
	}
	if root != "" && fileRoot != "" && root != fileRoot {
		// The last run named the input folder otherwise (a relative path
		// then, an absolute one now): every name, position and message
		// that gives a form's file takes this run's name of the folder.
		for k, v := range d.table {
			d.table[k] = reroot(v, fileRoot, root)
		}
	}
	n := d.count()
	// Cut the body into entries, then decode them on every core.
	parts := make([][]byte, 0, n)
	for k := 0; k < n && d.err == nil; k++ {
		parts = append(parts, d.bytes(d.u()))
	}
	if d.err != nil {
		return nil, none, d.err
	}
	if d.off != len(data) {
		return nil, none, errCache
	}
	names := make([]string, n)
	decoded := make([]*cacheEntry, n)
	workers := min(runtime.GOMAXPROCS(0), max(n/256, 1))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < n; k += workers {
				d := &decoder{b: parts[k], table: d.table}
				name := d.s()
				e := &cacheEntry{stat: statID{size: d.i(), mtime: d.i(), ctime: d.i(), ino: d.u(), dev: d.u()}}
				e.sum = d.sum()
				e.a = d.assessment(cat)
				e.probs = d.problems()
				if d.err == nil && d.off != len(d.b) {
					d.err = errCache
				}
				if d.err != nil {
					errs[w] = d.err
					return
				}
				e.raw = parts[k]
				names[k], decoded[k] = name, e
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, none, errCache
	}
	out := make(map[string]*cacheEntry, n)
	for k, name := range names {
		out[name] = decoded[k]
	}
	return out, stringTable{table: d.table, base: int(base)}, nil
}

// reroot gives s with the folder old, where it starts a file name (at the
// start of s, or after what no path has in it: a space, a quote, a
// bracket), named new instead.
func reroot(s, old, new string) string {
	if s == old {
		return new
	}
	prefix := old + "/"
	if !strings.Contains(s, prefix) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, prefix)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); i == 0 || !inPath(r) {
			b.WriteString(new + "/")
		} else {
			b.WriteString(prefix)
		}
		s = s[i+len(prefix):]
	}
}

// inPath reports a character that may stand just before a folder's name
// inside a longer path ("dữ-liệu/input/…").
func inPath(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || strings.ContainsRune(`/\.-_~`, r)
}
