package diag

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Severity tells whether a problem stops the run (Error) or is only shown
// to the clerk (Warning).
type Severity int

const (
	// Error means the input cannot be used; the command exits 1.
	Error Severity = iota
	// Warning is shown but does not stop the run.
	Warning
)

// Pos is where a problem was found. Only the fields that make sense for
// the kind of file are set: Key and Line for TOML, Sheet and Cell for
// workbooks.
type Pos struct {
	File  string // path as the user gave it, e.g. input/plan.toml
	Key   string // TOML key path, e.g. communes[2].missing[0]
	Line  int    // 1-based line in File, 0 when unknown
	Col   int    // 1-based column in File, 0 when unknown
	Sheet string // worksheet name
	Cell  string // A1-style cell reference
}

// String formats the position the way the clerk reads it:
// "input/plan.toml:12:3 (khóa communes[0].name)" or
// "input/a.xlsx!Biểu 1!D14".
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		b.WriteString("!" + p.Sheet)
		if p.Cell != "" {
			b.WriteString("!" + p.Cell)
		}
	}
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	if p.Key != "" {
		fmt.Fprintf(&b, " (khóa %s)", p.Key)
	}
	return b.String()
}

// Problem is one input problem: where, how serious, and what is wrong.
type Problem struct {
	Pos      Pos
	Severity Severity
	Msg      string // Vietnamese, says what was expected and what was found
}

// Error implements error.
func (p Problem) Error() string {
	label := "lỗi"
	if p.Severity == Warning {
		label = "cảnh báo"
	}
	pos := p.Pos.String()
	if pos == "" {
		return label + ": " + p.Msg
	}
	return pos + ": " + label + ": " + p.Msg
}

// List collects problems. The zero value is ready to use.
type List []Problem

// Add records an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warn records a warning at pos.
func (l *List) Warn(pos Pos, format string, args ...any) {
	*l = append(*l, Problem{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Append adds all problems of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Errors counts problems of severity Error.
func (l List) Errors() int {
	n := 0
	for _, p := range l {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts problems of severity Warning.
func (l List) Warnings() int { return len(l) - l.Errors() }

// Sort orders problems by file, sheet, line, then cell (row before
// column), so the output reads top to bottom through each file.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Cell != b.Cell {
			return cellLess(a.Cell, b.Cell)
		}
		return a.Key < b.Key
	})
}

// cellLess orders A1 references by row, then by column.
func cellLess(a, b string) bool {
	ca, ra := splitCell(a)
	cb, rb := splitCell(b)
	if ra != rb {
		return ra < rb
	}
	if len(ca) != len(cb) {
		return len(ca) < len(cb)
	}
	return ca < cb
}

func splitCell(c string) (col string, row int) {
	i := 0
	for i < len(c) && (c[i] < '0' || c[i] > '9') {
		i++
	}
	for _, r := range c[i:] {
		if r < '0' || r > '9' {
			break
		}
		row = row*10 + int(r-'0')
	}
	return c[:i], row
}

// Err returns nil when the list holds no error (warnings alone are not
// an error), otherwise an error whose text is every problem, one a line.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return &ListError{List: l}
}

// Print writes every problem, one a line, in writes of 64 KB (a national
// run's thirty thousand warnings are not thirty thousand system calls).
func (l List) Print(w io.Writer) {
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, p := range l {
		bw.WriteString(p.Error())
		bw.WriteByte('\n')
	}
	bw.Flush()
}

// ListError is the error form of a List that holds at least one error.
type ListError struct{ List List }

func (e *ListError) Error() string {
	var b strings.Builder
	for i, p := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// AsList extracts the problems from err when it is (or wraps) a
// *ListError or a Problem.
func AsList(err error) (List, bool) {
	var le *ListError
	if errors.As(err, &le) {
		return le.List, true
	}
	var p Problem
	if errors.As(err, &p) {
		return List{p}, true
	}
	return nil, false
}
