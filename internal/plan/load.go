package plan

import (
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/tomlpos"
	"golang.org/x/text/unicode/norm"
)

// LoadFile reads the plan at path and loads it with Load, naming the
// file by path in every problem.
func LoadFile(path string) (*Plan, diag.List) {
	data, err := os.ReadFile(path)
	if err != nil {
		var l diag.List
		l.Add(diag.Pos{File: path}, "không đọc được tệp kế hoạch: %s", osErrorText(err))
		return nil, l
	}
	return Load(path, data)
}

// osErrorText says why a file could not be read, in Vietnamese.
func osErrorText(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "tệp không tồn tại"
	case errors.Is(err, os.ErrPermission):
		return "không có quyền đọc tệp"
	}
	return err.Error()
}

// Load decodes and checks a plan written in TOML. name is the file name
// used in problems. It reports every problem it finds at once: TOML
// syntax (only the first, the parser stops there), unknown keys (with the
// nearest known key when it looks like a typo), values of the wrong type,
// missing required fields, and the checks of the plan's meaning (commune
// IDs, criterion numbers, statuses, templates, Decree 30 layout ranges…).
// Each problem names the key path and its line.
//
// Strings are normalised to NFC. Defaults are applied after the checks:
// a zero Layout field takes the Decree 30 default (DefaultLayout), an
// empty Subject takes Title, an empty section Style is "dash".
//
// When the list holds an error, the returned plan is nil; warnings alone
// do not stop the load.
func Load(name string, data []byte) (*Plan, diag.List) {
	ld := &loader{file: name, defined: map[string]bool{}, bad: map[string]bool{}}
	src := strings.TrimPrefix(string(data), "\ufeff")
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		ld.syntaxError(err, src)
		return nil, ld.list
	}
	ld.idx = tomlpos.Build(src)
	p := &Plan{File: name, idx: ld.idx}
	ld.decode(reflect.ValueOf(p).Elem(), raw, "")
	ld.validate(p)
	if ld.list.Errors() > 0 {
		ld.list.Sort()
		return nil, ld.list
	}
	p.applyDefaults()
	ld.list.Sort()
	return p, ld.list
}

// loader holds the state of one Load.
type loader struct {
	file    string
	idx     *tomlpos.Index
	list    diag.List
	defined map[string]bool // key paths present in the file
	bad     map[string]bool // key paths already reported as wrong
}

// pos is the position of a key path.
func (ld *loader) pos(path string) diag.Pos {
	line, col := ld.idx.Lookup(path)
	return diag.Pos{File: ld.file, Key: path, Line: line, Col: col}
}

// errorf records an error at path.
func (ld *loader) errorf(path, format string, args ...any) {
	ld.list.Add(ld.pos(path), format, args...)
}

// warnf records a warning at path.
func (ld *loader) warnf(path, format string, args ...any) {
	ld.list.Warn(ld.pos(path), format, args...)
}

// isBad reports whether path or one of its ancestors was reported as
// a wrong value, so that checks inside it would only repeat the problem.
func (ld *loader) isBad(path string) bool {
	for ; path != ""; path = tomlpos.Parent(path) {
		if ld.bad[path] {
			return true
		}
	}
	return false
}

// wrong records a problem with the value at path; checks of the same
// path made later (a required field) are skipped.
func (ld *loader) wrong(path, format string, args ...any) {
	ld.bad[path] = true
	ld.errorf(path, format, args...)
}

var timeType = reflect.TypeOf(time.Time{})

// decode stores raw (from the TOML decoder) into v, reporting values of
// the wrong kind and unknown keys instead of stopping at the first.
func (ld *loader) decode(v reflect.Value, raw any, path string) {
	ld.defined[path] = true
	t := v.Type()
	switch {
	case t == timeType:
		ld.decodeDate(v, raw, path)
	case t.Kind() == reflect.Struct:
		m, ok := raw.(map[string]any)
		if !ok {
			ld.wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), describe(raw))
			return
		}
		fields, names := tomlFields(t)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			a, _ := ld.idx.Lookup(tomlpos.Join(path, keys[i]))
			b, _ := ld.idx.Lookup(tomlpos.Join(path, keys[j]))
			if a != b {
				return a < b
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			kp := tomlpos.Join(path, k)
			fi, ok := fields[k]
			if !ok {
				ld.unknownKey(path, k, names)
				continue
			}
			ld.decode(v.Field(fi), m[k], kp)
		}
	case t.Kind() == reflect.String:
		s, ok := raw.(string)
		if !ok {
			ld.wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), describe(raw))
			return
		}
		if r := badControl(s); r >= 0 {
			ld.wrong(path, "văn bản chứa ký tự điều khiển U+%04X; hãy xóa ký tự đó", r)
		} else if looksLegacy(s) {
			ld.wrong(path, "văn bản %q có vẻ gõ bằng bảng mã cũ (TCVN3/VNI), không phải Unicode; hãy chuyển mã sang Unicode dựng sẵn (ví dụ bằng công cụ chuyển mã của Unikey)", clip(s))
		}
		v.SetString(norm.NFC.String(s))
	case t.Kind() == reflect.Int:
		switch x := raw.(type) {
		case int64:
			if x > math.MaxInt32 || x < math.MinInt32 {
				ld.wrong(path, "số %d quá lớn", x)
				return
			}
			v.SetInt(x)
		case string:
			hint := ""
			if _, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
				hint = fmt.Sprintf(" (bỏ dấu nháy kép: %s = %s)", lastKey(path), strings.TrimSpace(x))
			}
			ld.wrong(path, "sai kiểu: cần %s, thấy %s%s", expectName(t), describe(raw), hint)
		default:
			ld.wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), describe(raw))
		}
	case t.Kind() == reflect.Float64:
		switch x := raw.(type) {
		case int64:
			v.SetFloat(float64(x))
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				ld.wrong(path, "cần một số hữu hạn, thấy %v", x)
				return
			}
			v.SetFloat(x)
		default:
			ld.wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), describe(raw))
		}
	case t.Kind() == reflect.Slice:
		var elems []any
		switch x := raw.(type) {
		case []any:
			elems = x
		case []map[string]any:
			for _, e := range x {
				elems = append(elems, e)
			}
		default:
			ld.wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), describe(raw))
			return
		}
		s := reflect.MakeSlice(t, len(elems), len(elems))
		for i, e := range elems {
			ld.decode(s.Index(i), e, tomlpos.Elem(path, i))
		}
		v.Set(s)
	default:
		// The schema holds no other kinds; a field added to plan.go with
		// another kind must be taught here.
		ld.wrong(path, "khóa này chưa đọc được (kiểu %s)", t)
	}
}

// ddmmyyyy matches a date written the Vietnamese way, "08/12/2020".
var ddmmyyyy = regexp.MustCompile(`^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$`)

// decodeDate stores a TOML local date.
func (ld *loader) decodeDate(v reflect.Value, raw any, path string) {
	key := lastKey(path)
	switch x := raw.(type) {
	case time.Time:
		if x.Location().String() != "date-local" {
			ld.wrong(path, "cần một ngày không kèm giờ, dạng NĂM-THÁNG-NGÀY (ví dụ %s = 2020-12-08), thấy %s", key, describe(raw))
			return
		}
		v.Set(reflect.ValueOf(time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)))
	case string:
		if m := ddmmyyyy.FindStringSubmatch(x); m != nil {
			d, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			y, _ := strconv.Atoi(m[3])
			if t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); t.Day() == d && int(t.Month()) == mo {
				ld.wrong(path, "ngày viết dạng NĂM-THÁNG-NGÀY, không có dấu nháy: viết %s = %s, thấy %s", key, t.Format("2006-01-02"), describe(raw))
				return
			}
		}
		ld.wrong(path, "ngày viết dạng NĂM-THÁNG-NGÀY, không có dấu nháy (ví dụ %s = 2020-12-08), thấy %s", key, describe(raw))
	default:
		ld.wrong(path, "sai kiểu: cần một ngày dạng NĂM-THÁNG-NGÀY (ví dụ %s = 2020-12-08), thấy %s", key, describe(raw))
	}
}

// lastKey is the last key name of path ("communes[1].missing[2]" → "missing").
func lastKey(path string) string {
	for strings.HasSuffix(path, "]") {
		path = tomlpos.Parent(path)
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// expectName says in Vietnamese what kind of value type t wants.
func expectName(t reflect.Type) string {
	switch {
	case t == timeType:
		return "một ngày dạng NĂM-THÁNG-NGÀY"
	case t.Kind() == reflect.String:
		return "một chuỗi văn bản trong dấu nháy kép"
	case t.Kind() == reflect.Int:
		return "một số nguyên"
	case t.Kind() == reflect.Float64:
		return "một số"
	case t.Kind() == reflect.Struct:
		return "một bảng"
	case t.Kind() == reflect.Slice:
		switch e := t.Elem(); {
		case e.Kind() == reflect.Struct:
			return "một mảng bảng"
		case e.Kind() == reflect.String:
			return `một mảng chuỗi, ví dụ ["…", "…"]`
		case e.Kind() == reflect.Int:
			return "một mảng số nguyên, ví dụ [2, 6]"
		}
		return "một mảng"
	}
	return t.String()
}

// tomlFields maps the toml tag names of struct type t to field indexes,
// and lists the names in declaration order.
func tomlFields(t reflect.Type) (map[string]int, []string) {
	fields := map[string]int{}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if tag == "-" || !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		fields[tag] = i
		names = append(names, tag)
	}
	return fields, names
}

// unknownKey reports key, which the table at path does not have.
func (ld *loader) unknownKey(path, key string, known []string) {
	kp := tomlpos.Join(path, key)
	ld.bad[kp] = true
	where := "ở cấp ngoài cùng của tệp"
	if path != "" {
		where = "trong bảng " + path
	}
	if s := nearest(key, known); s != "" {
		ld.errorf(kp, "khóa %q không có %s; có phải ý là %q?", key, where, s)
		return
	}
	ld.errorf(kp, "khóa %q không có %s; các khóa dùng được: %s", key, where, strings.Join(known, ", "))
}

// syntaxError reports a TOML syntax error, in Vietnamese where the
// message is known.
func (ld *loader) syntaxError(err error, src string) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		ld.list.Add(diag.Pos{File: ld.file}, "không đọc được tệp TOML: %v", err)
		return
	}
	pos := diag.Pos{File: ld.file, Line: pe.Position.Line, Col: runeCol(src, pe.Position)}
	if pe.LastKey != "" {
		pos.Key = pe.LastKey
	}
	ld.list.Add(pos, "lỗi cú pháp TOML: %s", translateSyntax(pe.Message, sourceLine(src, pe.Position.Line)))
}

// runeCol is the 1-based column of a parse error counted in characters
// (as editors show it), not in bytes as the parser counts.
func runeCol(src string, p toml.Position) int {
	if p.Start < 0 || p.Start > len(src) || strings.Count(src[:p.Start], "\n")+1 != p.Line {
		return p.Col
	}
	lineStart := strings.LastIndexByte(src[:p.Start], '\n') + 1
	return utf8.RuneCountInString(src[lineStart:p.Start]) + 1
}

// sourceLine returns line n (1-based) of src.
func sourceLine(src string, n int) string {
	if n < 1 {
		return ""
	}
	for i := 1; i < n; i++ {
		j := strings.IndexByte(src, '\n')
		if j < 0 {
			return ""
		}
		src = src[j+1:]
	}
	if j := strings.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return src
}

var (
	reBadDate   = regexp.MustCompile(`^invalid datetime: "(.*)"$`)
	reYMD       = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
	reDupKey    = regexp.MustCompile(`^Key '(.*)' has already been defined\.$`)
	reHash      = regexp.MustCompile(`^Key '(.*)' was already created as a hash\.$`)
	reArray     = regexp.MustCompile(`^Key '(.*)' was already created and cannot be used as an array\.$`)
	reNotTable  = regexp.MustCompile(`^"(.*)" is not a table$`)
	reLeadZero  = regexp.MustCompile(`^Invalid integer "(.*)": cannot have leading zeroes$`)
	reTopEnd    = regexp.MustCompile(`^expected a top-level item to end with a newline, comment, or EOF, but got (.*) instead$`)
	reKeySep    = regexp.MustCompile(`^expected '\.' or '=', but got (.*) instead$`)
	reValue     = regexp.MustCompile(`^expected value but found (.*) instead$`)
	reArrayEnd  = regexp.MustCompile(`^expected a comma \(','\) or array terminator \(']'\), but got (.*)$`)
	reInlineEnd = regexp.MustCompile(`^expected a comma or an inline table terminator '}', but got (.*) instead$`)
	reUTF8      = regexp.MustCompile(`^invalid UTF-8 byte: (0x[0-9a-f]+)$`)
	reEscape    = regexp.MustCompile(`^invalid escape in string '(.*)'$`)
	reRange     = regexp.MustCompile(`^(.*) is out of range for (int64|float64)$`)
	reDateLine  = regexp.MustCompile(`=\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*(#.*)?$`)
)

// translateSyntax puts a BurntSushi/toml parse message into Vietnamese,
// keeping its detail; line is the source line of the error, for hints.
func translateSyntax(msg, line string) string {
	if m := reDateLine.FindStringSubmatch(line); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("ngày viết dạng NĂM-THÁNG-NGÀY: viết %s-%02d-%02d thay cho %s/%s/%s", m[3], mo, d, m[1], m[2], m[3])
	}
	if m := reBadDate.FindStringSubmatch(msg); m != nil {
		if ymd := reYMD.FindStringSubmatch(m[1]); ymd != nil {
			y, _ := strconv.Atoi(ymd[1])
			mo, _ := strconv.Atoi(ymd[2])
			d, _ := strconv.Atoi(ymd[3])
			switch {
			case mo < 1 || mo > 12:
				return fmt.Sprintf("ngày %q không có: tháng %d không có (tháng từ 01 đến 12)", m[1], mo)
			case d < 1 || d > daysIn(y, mo):
				return fmt.Sprintf("ngày %q không có: tháng %02d năm %d chỉ có %d ngày", m[1], mo, y, daysIn(y, mo))
			}
		}
		return fmt.Sprintf("ngày giờ %q không hợp lệ; ngày viết dạng NĂM-THÁNG-NGÀY, ví dụ 2020-12-08", m[1])
	}
	if m := reDupKey.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("khóa %q được khai báo hai lần", m[1])
	}
	if m := reHash.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("khóa %q đã là một bảng, không khai báo lại được", m[1])
	}
	if m := reArray.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("khóa %q đã được khai báo, không dùng làm mảng bảng [[%s]] được", m[1], m[1])
	}
	if m := reNotTable.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("khóa %q không phải là một bảng", m[1])
	}
	if m := reLeadZero.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("số nguyên %q không được bắt đầu bằng số 0", m[1])
	}
	if m := reTopEnd.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("sau mỗi giá trị phải xuống dòng (hoặc viết chú thích bắt đầu bằng #), thấy %s; văn bản phải đặt trong dấu nháy kép", m[1])
	}
	if m := reKeySep.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("sau tên khóa cần dấu \"=\", thấy %s", m[1])
	}
	if m := reValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("cần một giá trị (văn bản trong dấu nháy kép, số, ngày, mảng […]), thấy %s", m[1])
	}
	if m := reArrayEnd.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("cần dấu phẩy \",\" hoặc dấu đóng mảng \"]\", thấy %s", eofVN(m[1]))
	}
	if m := reInlineEnd.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("cần dấu phẩy \",\" hoặc dấu đóng bảng \"}\", thấy %s", eofVN(m[1]))
	}
	if m := reUTF8.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("tệp không phải UTF-8 (byte %s); hãy lưu tệp với bảng mã UTF-8", m[1])
	}
	if m := reEscape.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf(`chuỗi có ký tự thoát không hợp lệ '%s'; trong dấu nháy kép, dấu \ viết là \\`, m[1])
	}
	if m := reRange.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("số %s quá lớn", m[1])
	}
	switch {
	case strings.HasPrefix(msg, "files cannot contain NULL bytes"):
		return "tệp chứa byte NUL, có lẽ lưu bằng UTF-16; hãy lưu tệp với bảng mã UTF-8"
	case msg == "strings cannot contain newlines":
		return `chuỗi không được xuống dòng; thiếu dấu nháy đóng, hoặc dùng ba dấu nháy """…""" cho văn bản nhiều dòng`
	case strings.HasPrefix(msg, "unexpected EOF"):
		return "tệp hết giữa chừng (thiếu dấu nháy, dấu ngoặc đóng hoặc giá trị): " + msg
	case msg == "unexpected '='":
		return "dấu \"=\" không đúng chỗ"
	case strings.HasPrefix(msg, "unexpected '=': key name appears blank"):
		return "thiếu tên khóa trước dấu \"=\""
	case strings.HasPrefix(msg, "unexpected end of table name"), strings.HasPrefix(msg, "unexpected table separator"):
		return "tên bảng trong [ ] không được để trống"
	case strings.HasPrefix(msg, "control characters are not allowed"):
		return "văn bản chứa ký tự điều khiển: " + msg
	}
	return "(" + msg + ")"
}

// eofVN translates "end of file" in a lexer detail.
func eofVN(s string) string {
	if s == "end of file" {
		return "hết tệp"
	}
	return s
}

// daysIn is the number of days of month mo (1–12) of year y.
func daysIn(y, mo int) int {
	return time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Pos is where key path (e.g. "communes[1].missing") is written in the
// plan's file, for problems found by later stages (the baseline
// assessments disagreeing with a commune's missing criteria).
func (p *Plan) Pos(path string) diag.Pos {
	line, col := p.idx.Lookup(path)
	return diag.Pos{File: p.File, Key: path, Line: line, Col: col}
}
