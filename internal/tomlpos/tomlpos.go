package tomlpos

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// An Index maps the key paths of one TOML document to where they are
// written. It is built by a small scanner that runs over the source
// (normally after the real parser has accepted it): it only has to find
// keys, table headers and array elements in valid TOML, and it never
// fails (on odd input it records less or records wrong paths, which only
// makes positions less precise).
type Index struct {
	at map[string]pos
}

// pos is a 1-based line and column (in runes).
type pos struct{ line, col int }

// Lookup returns the 1-based line and column (in runes) where path is
// written, or those of its nearest written ancestor
// ("communes[1].name" → "communes[1]" → "communes") when path itself is
// not in the source (a missing key). It returns 0, 0 when nothing on the
// way is written, and on a nil Index.
func (x *Index) Lookup(path string) (line, col int) {
	if x == nil {
		return 0, 0
	}
	for path != "" {
		if p, ok := x.at[path]; ok {
			return p.line, p.col
		}
		path = Parent(path)
	}
	return 0, 0
}

// Join appends key to path with a dot ("a.b" + "c" → "a.b.c"), quoting
// key when it is not a bare TOML key (A–Z, a–z, 0–9, _ and -):
// Join("thresholds", "Bắc Trung Bộ") is `thresholds."Bắc Trung Bộ"`, so
// that a key holding a dot or a bracket stays one key of the path.
func Join(path, key string) string {
	if !isBare(key) {
		key = strconv.Quote(key)
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// Elem appends the array index "[i]" to path.
func Elem(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// Parent drops the last ".key" or "[i]" of path, a quoted key counting
// as one key whatever it holds; it returns "" for a path of one key.
func Parent(path string) string {
	last := -1 // the last '.' or '[' outside quotes
	for i := 0; i < len(path); i++ {
		switch path[i] {
		case '"':
			for i++; i < len(path) && path[i] != '"'; i++ {
				if path[i] == '\\' {
					i++
				}
			}
		case '.', '[':
			last = i
		}
	}
	if last < 0 {
		return ""
	}
	return path[:last]
}

// isBare reports whether k can be written as a bare TOML key.
func isBare(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// maxDepth bounds the nesting of arrays and inline tables the scanner
// descends into; deeper values are skipped without being recorded.
const maxDepth = 256

// Build scans the TOML document src. A leading byte order mark is
// skipped without counting as a column.
func Build(src string) *Index {
	sc := &scanner{s: src, line: 1, col: 1, idx: &Index{at: map[string]pos{}}, arrays: map[string]int{}}
	if strings.HasPrefix(src, "\ufeff") {
		sc.i = len("\ufeff")
	}
	sc.top()
	return sc.idx
}

type scanner struct {
	s         string
	i         int
	line, col int
	idx       *Index
	arrays    map[string]int // array-of-tables path → elements seen so far
}

func (sc *scanner) eof() bool { return sc.i >= len(sc.s) }

func (sc *scanner) peek() byte {
	if sc.eof() {
		return 0
	}
	return sc.s[sc.i]
}

func (sc *scanner) hasPrefix(p string) bool { return strings.HasPrefix(sc.s[sc.i:], p) }

// next consumes one rune.
func (sc *scanner) next() {
	if sc.eof() {
		return
	}
	_, n := utf8.DecodeRuneInString(sc.s[sc.i:])
	if sc.s[sc.i] == '\n' {
		sc.line++
		sc.col = 1
	} else {
		sc.col++
	}
	sc.i += n
}

// record notes that path is written at line, col unless it was written
// before.
func (sc *scanner) record(path string, line, col int) {
	if _, ok := sc.idx.at[path]; !ok {
		sc.idx.at[path] = pos{line, col}
	}
}

// skipSpace skips blanks on the line; with nl also newlines and comments.
func (sc *scanner) skipSpace(nl bool) {
	for !sc.eof() {
		switch c := sc.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			sc.next()
		case nl && c == '\n':
			sc.next()
		case nl && c == '#':
			sc.skipLine()
		default:
			return
		}
	}
}

// skipLine skips to the start of the next line.
func (sc *scanner) skipLine() {
	for !sc.eof() && sc.peek() != '\n' {
		sc.next()
	}
	sc.next()
}

func (sc *scanner) top() {
	table := ""
	for {
		sc.skipSpace(true)
		if sc.eof() {
			return
		}
		start := sc.i
		if sc.hasPrefix("[[") {
			line, col := sc.line, sc.col
			sc.next()
			sc.next()
			keys := sc.keys()
			prefix := sc.resolve(keys[:max(len(keys)-1, 0)])
			last := ""
			if len(keys) > 0 {
				last = keys[len(keys)-1]
			}
			p := Join(prefix, last)
			n := sc.arrays[p]
			sc.arrays[p] = n + 1
			table = Elem(p, n)
			sc.record(p, line, col)
			sc.record(table, line, col)
			sc.skipLine()
		} else if sc.peek() == '[' {
			line, col := sc.line, sc.col
			sc.next()
			table = sc.resolve(sc.keys())
			sc.record(table, line, col)
			sc.skipLine()
		} else {
			sc.keyValue(table, 0)
		}
		if sc.i == start {
			sc.next() // never loop without progress
		}
	}
}

// resolve turns header keys into a path, entering the last element of
// every array of tables on the way ("sections.items" → "sections[1].items").
func (sc *scanner) resolve(keys []string) string {
	cur := ""
	for _, k := range keys {
		cur = Join(cur, k)
		if n := sc.arrays[cur]; n > 0 {
			cur = Elem(cur, n-1)
		}
	}
	return cur
}

// keys reads a dotted key (bare, "basic" or 'literal' parts).
func (sc *scanner) keys() []string {
	var out []string
	for {
		sc.skipSpace(false)
		start := sc.i
		switch sc.peek() {
		case '"':
			out = append(out, sc.basicString())
		case '\'':
			out = append(out, sc.literalString())
		default:
			b := sc.i
			for !sc.eof() && !strings.ContainsRune(" \t\r\n.=]#\"'", rune(sc.peek())) {
				sc.next()
			}
			out = append(out, sc.s[b:sc.i])
		}
		sc.skipSpace(false)
		if sc.peek() != '.' || sc.i == start {
			return out
		}
		sc.next()
	}
}

// basicString reads a one-line "quoted" string and unescapes it.
func (sc *scanner) basicString() string {
	b := sc.i
	sc.next()
	for !sc.eof() && sc.peek() != '"' && sc.peek() != '\n' {
		if sc.peek() == '\\' {
			sc.next()
		}
		sc.next()
	}
	sc.next()
	raw := sc.s[b:min(sc.i, len(sc.s))]
	return unescape(strings.TrimSuffix(raw[1:], `"`))
}

// unescape resolves the escapes of a TOML basic string (\b \t \n \f \r
// \e \" \\ \xHH \uHHHH \UHHHHHHHH) the way the decoder does; a malformed
// escape is kept as written.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		if c := strings.IndexByte("btnfre\"\\", s[i+1]); c >= 0 {
			b.WriteByte("\b\t\n\f\r\x1b\"\\"[c])
			i++
			continue
		}
		n := 0 // hex digits of a code point escape
		switch s[i+1] {
		case 'x':
			n = 2
		case 'u':
			n = 4
		case 'U':
			n = 8
		}
		if n > 0 && i+2+n <= len(s) {
			if r, err := strconv.ParseUint(s[i+2:i+2+n], 16, 32); err == nil && utf8.ValidRune(rune(r)) {
				b.WriteRune(rune(r))
				i += 1 + n
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// literalString reads a one-line 'literal' string.
func (sc *scanner) literalString() string {
	sc.next()
	b := sc.i
	for !sc.eof() && sc.peek() != '\'' && sc.peek() != '\n' {
		sc.next()
	}
	s := sc.s[b:sc.i]
	sc.next()
	return s
}

// keyValue reads "a.b = value" inside table; depth is the nesting of
// arrays and inline tables around it.
func (sc *scanner) keyValue(table string, depth int) {
	line, col := sc.line, sc.col
	path := table
	for _, k := range sc.keys() {
		path = Join(path, k)
		sc.record(path, line, col)
	}
	sc.skipSpace(false)
	if sc.peek() != '=' {
		sc.skipLine()
		return
	}
	sc.next()
	sc.skipSpace(false)
	sc.value(path, depth)
}

// value skips one value, recording the elements of arrays and the keys
// of inline tables under path.
func (sc *scanner) value(path string, depth int) {
	switch {
	case sc.hasPrefix(`"""`):
		sc.multiline(`"""`, true)
	case sc.hasPrefix(`'''`):
		sc.multiline(`'''`, false)
	case sc.peek() == '"':
		sc.basicString()
	case sc.peek() == '\'':
		sc.literalString()
	case sc.peek() == '[' && depth < maxDepth:
		sc.next()
		for n := 0; ; n++ {
			sc.skipSpace(true)
			if sc.eof() {
				return
			}
			if sc.peek() == ']' {
				sc.next()
				return
			}
			start := sc.i
			el := Elem(path, n)
			sc.record(el, sc.line, sc.col)
			sc.value(el, depth+1)
			sc.skipSpace(true)
			if sc.peek() == ',' {
				sc.next()
			}
			if sc.i == start {
				sc.next()
			}
		}
	case sc.peek() == '{' && depth < maxDepth:
		sc.next()
		for {
			sc.skipSpace(true)
			if sc.eof() {
				return
			}
			if sc.peek() == '}' {
				sc.next()
				return
			}
			start := sc.i
			sc.keyValue(path, depth+1)
			sc.skipSpace(true)
			if sc.peek() == ',' {
				sc.next()
			}
			if sc.i == start {
				sc.next()
			}
		}
	default:
		for !sc.eof() && !strings.ContainsRune(",]}\n#", rune(sc.peek())) {
			sc.next()
		}
	}
}

// multiline skips a triple-quoted string, basic or literal, including
// up to two quotes that end its content.
func (sc *scanner) multiline(delim string, escapes bool) {
	for range 3 {
		sc.next()
	}
	for !sc.eof() {
		if escapes && sc.peek() == '\\' {
			sc.next()
			sc.next()
			continue
		}
		if sc.hasPrefix(delim) {
			for range 3 {
				sc.next()
			}
			for k := 0; k < 2 && !sc.eof() && sc.peek() == delim[0]; k++ {
				sc.next()
			}
			return
		}
		sc.next()
	}
}

// Position is where one path of an index is written.
type Position struct {
	Path      string
	Line, Col int
}

// Positions lists every path of the index with its line and column, in
// path order (the same index gives the same list), to keep the index in
// a cache and make it again with FromPositions.
func (x *Index) Positions() []Position {
	if x == nil {
		return nil
	}
	out := make([]Position, 0, len(x.at))
	for k, p := range x.at {
		out = append(out, Position{k, p.line, p.col})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// FromPositions is the index of positions (Positions's result).
func FromPositions(positions []Position) *Index {
	x := &Index{at: make(map[string]pos, len(positions))}
	for _, p := range positions {
		x.at[p.Path] = pos{p.Line, p.Col}
	}
	return x
}
