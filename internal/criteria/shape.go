package criteria

import (
	"fmt"
	"strings"
)

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
