package tomldec

import "fmt"

// Limits bound what a TOML file may cost before the TOML parser sees it.
// BurntSushi/toml is quadratic in the depth of nested inline tables and
// arrays and in the number of parts of a dotted key, and keeps the whole
// document in memory several times over: a 60 kB file of 10,000 nested
// tables took 12 s and 4 GB. The pre-scan is linear and allocates nothing.
type Limits struct {
	MaxBytes    int // file size
	MaxDepth    int // nesting of [ ] and { } in values
	MaxKeyParts int // parts of one dotted key or table name
	MaxKeyLen   int // bytes of one key part
}

// DefaultLimits suit every file a clerk writes: a national plan of ten
// thousand communes is about 3 MB.
var DefaultLimits = Limits{MaxBytes: 16 << 20, MaxDepth: 16, MaxKeyParts: 16, MaxKeyLen: 256}

type limitProblem struct {
	line, col int
	msg       string
}

// check scans data once and reports the first limit it passes. It tracks
// strings and comments (so brackets and dots inside them do not count),
// the nesting of brackets in values, and the parts of each key.
func (l Limits) check(data []byte) (limitProblem, bool) {
	if l.MaxBytes > 0 && len(data) > l.MaxBytes {
		return limitProblem{msg: fmt.Sprintf("tệp quá lớn (%s MB); tệp TOML của ntm tối đa %d MB", mb(len(data)), l.MaxBytes>>20)}, true
	}
	line, col := 1, 0
	depth := 0
	// open holds the kind of each open bracket of a value ('[' or '{'),
	// innermost last; depth never passes MaxDepth, so it stays small.
	var open []byte
	parts, partLen := 0, 0
	inKey := true // at the start of a line, before "=": a key or a table name
	for i := 0; i < len(data); i++ {
		c := data[i]
		col++
		switch {
		case c == '\n':
			line, col = line+1, 0
			if depth == 0 {
				inKey, parts, partLen = true, 0, 0
			}
			continue
		case c == '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
			continue
		case c == '"' || c == '\'':
			// Skip a string, multi-line or not; an escaped quote does not
			// end a basic string.
			q := c
			multi := i+2 < len(data) && data[i+1] == q && data[i+2] == q
			if multi {
				i += 2
			}
			for i++; i < len(data); i++ {
				if data[i] == '\n' {
					line, col = line+1, 0
				}
				if q == '"' && data[i] == '\\' {
					i++
					continue
				}
				if data[i] == q && (!multi || i+2 < len(data) && data[i+1] == q && data[i+2] == q) {
					if multi {
						i += 2
					}
					break
				}
			}
			if inKey {
				partLen = 1
			}
			continue
		}
		if inKey {
			switch c {
			case '=':
				inKey, parts, partLen = false, 0, 0
			case '.':
				parts++
				partLen = 0
			case '[', ']', ' ', '\t', '\r':
				if c == ']' && depth == 0 {
					parts, partLen = 0, 0
				}
			case '{', ',':
				parts, partLen = 0, 0
			default:
				partLen++
				if l.MaxKeyLen > 0 && partLen > l.MaxKeyLen {
					return limitProblem{line, col, fmt.Sprintf("tên khóa dài quá %d ký tự", l.MaxKeyLen)}, true
				}
			}
			if l.MaxKeyParts > 0 && parts >= l.MaxKeyParts {
				return limitProblem{line, col, fmt.Sprintf("khóa có quá %d phần nối bằng dấu chấm", l.MaxKeyParts)}, true
			}
			if c == '}' && depth > 0 {
				depth--
				open = open[:len(open)-1]
				inKey = false
			}
			continue
		}
		switch c {
		case '[', '{':
			depth++
			if l.MaxDepth > 0 && depth > l.MaxDepth {
				return limitProblem{line, col, fmt.Sprintf("mảng hoặc bảng lồng nhau quá %d cấp", l.MaxDepth)}, true
			}
			open = append(open, c)
			if c == '{' {
				inKey, parts, partLen = true, 0, 0
			}
		case ']', '}':
			if depth > 0 {
				depth--
				open = open[:len(open)-1]
			}
		case ',':
			// A comma of an inline table starts its next key.
			if depth > 0 && open[len(open)-1] == '{' {
				inKey, parts, partLen = true, 0, 0
			}
		}
	}
	return limitProblem{}, false
}

func mb(n int) string { return fmt.Sprintf("%.1f", float64(n)/(1<<20)) }
