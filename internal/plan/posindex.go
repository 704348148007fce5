package plan

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A posIndex maps key paths of a TOML document ("communes[1].missing[2]")
// to where they are written. BurntSushi/toml's MetaData gives no key
// positions, so the index is built by a small scanner that runs over the
// source after the real parser has accepted it: it only has to find keys,
// table headers and array elements in valid TOML, and it never fails
// (on odd input it records less).
type posIndex struct {
	at map[string]srcPos
}

// srcPos is a 1-based line and column (in runes).
type srcPos struct{ line, col int }

// lookup returns the position of path, or of its nearest written
// ancestor ("communes[1].name" → "communes[1]" → "communes") when path
// itself is not in the source (a missing key).
func (x *posIndex) lookup(path string) srcPos {
	if x == nil {
		return srcPos{}
	}
	for path != "" {
		if p, ok := x.at[path]; ok {
			return p
		}
		path = parentPath(path)
	}
	return srcPos{}
}

// parentPath drops the last ".key" or "[n]" of path.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// joinKey appends key to path with a dot.
func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// indexKey appends "[i]" to path.
func indexKey(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// buildIndex scans src.
func buildIndex(src string) *posIndex {
	sc := &scanner{s: src, line: 1, col: 1, idx: &posIndex{at: map[string]srcPos{}}, arrays: map[string]int{}}
	sc.top()
	return sc.idx
}

type scanner struct {
	s         string
	i         int
	line, col int
	idx       *posIndex
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

func (sc *scanner) record(path string) {
	if _, ok := sc.idx.at[path]; !ok {
		sc.idx.at[path] = srcPos{sc.line, sc.col}
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
			p := joinKey(prefix, last)
			n := sc.arrays[p]
			sc.arrays[p] = n + 1
			table = indexKey(p, n)
			for _, k := range []string{p, table} {
				if _, ok := sc.idx.at[k]; !ok {
					sc.idx.at[k] = srcPos{line, col}
				}
			}
			sc.skipLine()
		} else if sc.peek() == '[' {
			line, col := sc.line, sc.col
			sc.next()
			table = sc.resolve(sc.keys())
			if _, ok := sc.idx.at[table]; !ok {
				sc.idx.at[table] = srcPos{line, col}
			}
			sc.skipLine()
		} else {
			sc.keyValue(table)
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
		cur = joinKey(cur, k)
		if n := sc.arrays[cur]; n > 0 {
			cur = indexKey(cur, n-1)
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
			out = append(out, sc.basicKey())
		case '\'':
			sc.next()
			b := sc.i
			for !sc.eof() && sc.peek() != '\'' && sc.peek() != '\n' {
				sc.next()
			}
			out = append(out, sc.s[b:sc.i])
			sc.next()
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

// basicKey reads a "quoted" key and unescapes it.
func (sc *scanner) basicKey() string {
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
	if k, err := strconv.Unquote(raw); err == nil {
		return k
	}
	return strings.Trim(raw, `"`)
}

// keyValue reads "a.b = value" inside table.
func (sc *scanner) keyValue(table string) {
	line, col := sc.line, sc.col
	keys := sc.keys()
	path := table
	for _, k := range keys {
		path = joinKey(path, k)
		if _, ok := sc.idx.at[path]; !ok {
			sc.idx.at[path] = srcPos{line, col}
		}
	}
	sc.skipSpace(false)
	if sc.peek() != '=' {
		sc.skipLine()
		return
	}
	sc.next()
	sc.skipSpace(false)
	sc.value(path)
}

// value skips one value, recording the elements of arrays and the keys
// of inline tables under path.
func (sc *scanner) value(path string) {
	switch {
	case sc.hasPrefix(`"""`):
		sc.multiline(`"""`, true)
	case sc.hasPrefix(`'''`):
		sc.multiline(`'''`, false)
	case sc.peek() == '"':
		sc.basicKey()
	case sc.peek() == '\'':
		sc.next()
		for !sc.eof() && sc.peek() != '\'' && sc.peek() != '\n' {
			sc.next()
		}
		sc.next()
	case sc.peek() == '[':
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
			el := indexKey(path, n)
			sc.record(el)
			sc.value(el)
			sc.skipSpace(true)
			if sc.peek() == ',' {
				sc.next()
			}
			if sc.i == start {
				sc.next()
			}
		}
	case sc.peek() == '{':
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
			sc.keyValue(path)
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

// String lists the index, for tests.
func (x *posIndex) String() string {
	var b strings.Builder
	for k, p := range x.at {
		fmt.Fprintf(&b, "%s=%d:%d\n", k, p.line, p.col)
	}
	return b.String()
}
