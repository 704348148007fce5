package criteria

import (
	"fmt"
	"strings"
)

// lineIndex maps TOML key paths as the walker spells them
// ("criteria[2].indicators[0].thresholds.BTB") to the 1-based line where
// the key, or its table header, is written. The TOML decoder keeps its
// positions private, so this is a small scanner of its own: it follows
// table headers, arrays of tables and "key = value" lines, and skips
// multi-line strings and arrays. It only serves to point the clerk at a
// line; a path it does not know falls back to its parent's line.
type lineIndex map[string]int

// lookup is the line of path or of its nearest known ancestor, 0 when
// none is known.
func (li lineIndex) lookup(path string) int {
	for path != "" {
		if n, ok := li[path]; ok {
			return n
		}
		path = parentPath(path)
	}
	return 0
}

// parentPath strips the last ".key" or "[i]" of path.
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[:i]
		}
	}
	inQuote := false
	for i := len(path) - 1; i >= 0; i-- {
		switch path[i] {
		case '"':
			inQuote = !inQuote
		case '.':
			if !inQuote {
				return path[:i]
			}
		}
	}
	return ""
}

// joinKey appends key to the path prefix, quoting it when it is not a
// bare TOML key.
func joinKey(prefix, key string) string {
	if !isBareKey(key) {
		key = fmt.Sprintf("%q", key)
	}
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func isBareKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// indexLines scans a TOML document for the lines of its keys.
func indexLines(data []byte) lineIndex {
	li := lineIndex{}
	arrays := map[string]int{} // resolved array-of-tables path → elements seen
	cur := ""
	var closeDelim string // pending end of a multi-line string
	depth := 0            // pending depth of a multi-line array

	resolve := func(parts []string) string {
		p := ""
		for _, part := range parts {
			p = joinKey(p, part)
			if n := arrays[p]; n > 0 {
				p += fmt.Sprintf("[%d]", n-1)
			}
		}
		return p
	}
	record := func(path string, line int) {
		if _, ok := li[path]; !ok && path != "" {
			li[path] = line
		}
	}

	for i, raw := range strings.Split(string(data), "\n") {
		line := i + 1
		if closeDelim != "" {
			if strings.Contains(raw, closeDelim) {
				closeDelim = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(raw)
			continue
		}
		s := strings.TrimSpace(raw)
		switch {
		case s == "" || s[0] == '#':
			continue
		case strings.HasPrefix(s, "[["):
			end := strings.Index(s, "]]")
			if end < 0 {
				continue
			}
			parts := splitKey(s[2:end])
			if len(parts) == 0 {
				continue
			}
			arr := joinKey(resolve(parts[:len(parts)-1]), parts[len(parts)-1])
			record(arr, line)
			cur = fmt.Sprintf("%s[%d]", arr, arrays[arr])
			arrays[arr]++
			record(cur, line)
		case s[0] == '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				continue
			}
			cur = resolve(splitKey(s[1:end]))
			record(cur, line)
		default:
			eq := indexOutsideQuotes(s, '=')
			if eq < 0 {
				continue
			}
			p := cur
			for _, part := range splitKey(s[:eq]) {
				p = joinKey(p, part)
				record(p, line)
			}
			val := strings.TrimSpace(s[eq+1:])
			for _, d := range []string{`"""`, `'''`} {
				if strings.HasPrefix(val, d) && !strings.Contains(val[3:], d) {
					closeDelim = d
				}
			}
			if strings.HasPrefix(val, "[") {
				depth = bracketDepth(val)
			}
		}
	}
	return li
}

// splitKey splits a dotted TOML key outside quotes and unquotes its parts.
func splitKey(k string) []string {
	var parts []string
	var b strings.Builder
	var quote byte
	flush := func() {
		if p := strings.TrimSpace(b.String()); p != "" {
			parts = append(parts, strings.Trim(p, `"'`))
		}
		b.Reset()
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			b.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
			b.WriteByte(c)
		case c == '.':
			flush()
		default:
			b.WriteByte(c)
		}
	}
	flush()
	return parts
}

// indexOutsideQuotes is the index of the first c outside a quoted string.
func indexOutsideQuotes(s string, c byte) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		switch {
		case quote != 0:
			if s[i] == quote {
				quote = 0
			}
		case s[i] == '"' || s[i] == '\'':
			quote = s[i]
		case s[i] == '#':
			return -1
		case s[i] == c:
			return i
		}
	}
	return -1
}

// bracketDepth counts [ minus ] outside quotes and comments.
func bracketDepth(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		switch {
		case quote != 0:
			if s[i] == quote {
				quote = 0
			}
		case s[i] == '"' || s[i] == '\'':
			quote = s[i]
		case s[i] == '#':
			return d
		case s[i] == '[':
			d++
		case s[i] == ']':
			d--
		}
	}
	return d
}

// Limits that keep a hostile or broken file from making the TOML decoder
// slow: its cost grows with the square of the nesting depth.
const (
	maxFileSize = 4 << 20 // bytes
	maxDepth    = 32      // nested arrays, inline tables and dotted key parts
)

// checkShape reports (line, problem) when data is too large or nested too
// deeply to be a criteria file; line is 0 and problem "" when it is fine.
// It scans strings and comments roughly, which is enough for a limit.
func checkShape(data []byte) (int, string) {
	if len(data) > maxFileSize {
		return 0, fmt.Sprintf("tệp quá lớn (%d byte): tệp bộ tiêu chí không vượt quá %d byte", len(data), maxFileSize)
	}
	tooDeep := func(line int) (int, string) {
		return line, fmt.Sprintf("tệp lồng quá sâu (quá %d cấp mảng, bảng hoặc phần của một khóa có dấu chấm)", maxDepth)
	}
	line, depth, dots := 1, 0, 0
	s := string(data)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			line++
			dots = 0
		case c == '#':
			for i+1 < len(s) && s[i+1] != '\n' {
				i++
			}
		case strings.HasPrefix(s[i:], `"""`) || strings.HasPrefix(s[i:], `'''`):
			delim := s[i : i+3]
			end := strings.Index(s[i+3:], delim)
			if end < 0 {
				return 0, ""
			}
			line += strings.Count(s[i:i+3+end], "\n")
			i += 3 + end + 2
		case c == '"' || c == '\'':
			for i++; i < len(s) && s[i] != c && s[i] != '\n'; i++ {
				if c == '"' && s[i] == '\\' {
					i++
				}
			}
			if i < len(s) && s[i] == '\n' {
				line++
			}
		case c == '[' || c == '{':
			if depth++; depth > maxDepth {
				return tooDeep(line)
			}
		case c == ']' || c == '}':
			depth--
		case c == '.':
			if dots++; dots > maxDepth {
				return tooDeep(line)
			}
		}
	}
	return 0, ""
}
