package tomldec

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/tomlpos"
	"golang.org/x/text/unicode/norm"
)

// Decoder holds the state of one strict decode: the file's name and key
// positions, the problems found, the keys present and those already
// reported. A loader keeps it after Decode to add the problems of its own
// checks (Errorf, Warnf, Require) at the right lines.
type Decoder struct {
	file    string
	idx     *tomlpos.Index
	list    diag.List
	defined map[string]bool // key paths present in the file
	bad     map[string]bool // key paths already reported as wrong
}

// Decode decodes the TOML document data (named name in messages) into v,
// a pointer to a struct whose fields carry toml tags, strictly: it
// reports the syntax error (the parser stops there), then every unknown
// key (with the nearest known key when it looks like a typo), every value
// of the wrong type, control characters and text in legacy TCVN3/VNI
// encodings. Strings are stored in NFC. Before the TOML parser runs, the
// input is checked against limits (size, nesting, key length) so that a
// hostile file costs bounded time and memory.
//
// A field's tag may carry options after its name, comma-separated:
//
//	line     the text is printed on one line: a line break in it (or in
//	         any string of an array) is an error, not silently joined
//	max=N    the text (or each string of an array) holds at most N
//	         characters
//
// A field whose type implements ValueDecoder decodes its own value (a
// key that may be written as a string or as a table).
//
// ok is false when the file could not be parsed at all; the problems are
// then in d.List() and v is untouched.
func Decode(name string, data []byte, v any, lim Limits) (d *Decoder, ok bool) {
	d = &Decoder{file: name, defined: map[string]bool{}, bad: map[string]bool{}, idx: tomlpos.Build("")}
	if p, bad := lim.check(data); bad {
		d.list.Add(diag.Pos{File: name, Line: p.line, Col: p.col}, "%s", p.msg)
		return d, false
	}
	src := strings.TrimPrefix(string(data), "\ufeff")
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		d.syntaxError(err, src)
		return d, false
	}
	d.idx = tomlpos.Build(src)
	d.decode(reflect.ValueOf(v).Elem(), raw, "")
	return d, true
}

// List is every problem found so far, in the order found.
func (ld *Decoder) List() diag.List { return ld.list }

// File is the name of the decoded file.
func (ld *Decoder) File() string { return ld.file }

// Index is the key position index of the decoded file.
func (ld *Decoder) Index() *tomlpos.Index { return ld.idx }

// Pos is the position of a key path.
func (ld *Decoder) Pos(path string) diag.Pos {
	line, col := ld.idx.Lookup(path)
	return diag.Pos{File: ld.file, Key: path, Line: line, Col: col}
}

// Defined reports whether the key path is written in the file.
func (ld *Decoder) Defined(path string) bool { return ld.defined[path] }

// Errorf records an error at path.
func (ld *Decoder) Errorf(path, format string, args ...any) {
	ld.list.Add(ld.Pos(path), format, args...)
}

// Warnf records a warning at path.
func (ld *Decoder) Warnf(path, format string, args ...any) {
	ld.list.Warn(ld.Pos(path), format, args...)
}

// IsBad reports whether path or one of its ancestors was reported as a
// wrong value, so that checks inside it would only repeat the problem.
func (ld *Decoder) IsBad(path string) bool {
	for ; path != ""; path = tomlpos.Parent(path) {
		if ld.bad[path] {
			return true
		}
	}
	return false
}

// Wrong records a problem with the value at path and marks it bad, so
// that later checks of the same path (a required field) are skipped.
func (ld *Decoder) Wrong(path, format string, args ...any) {
	ld.bad[path] = true
	ld.Errorf(path, format, args...)
}

// Require reports a required string that is missing or blank; what says
// what the key holds, with an example.
func (ld *Decoder) Require(path, value, what string) {
	if ld.IsBad(path) {
		return
	}
	if !ld.defined[path] {
		ld.Errorf(path, "thiếu khóa bắt buộc %q (%s)", LastKey(path), what)
		return
	}
	if strings.TrimSpace(value) == "" {
		ld.Errorf(path, "khóa %q không được để trống (%s)", LastKey(path), what)
	}
}

// ValueDecoder is implemented by a pointer to a type that decodes its
// own TOML value: a key the file may write in more than one shape (a
// string, or a table with the same meaning spelt out). DecodeTOML gets
// the raw value as the TOML parser gave it (string, int64, float64, bool,
// time.Time, map[string]any, []any, []map[string]any) and its key path;
// it reports through d (Errorf, Wrong) and decodes parts with d.Into.
type ValueDecoder interface {
	DecodeTOML(d *Decoder, raw any, path string)
}

var valueDecoderType = reflect.TypeOf((*ValueDecoder)(nil)).Elem()

// Into decodes raw, the value at path, into the value v points to, with
// the same strict rules as Decode. A ValueDecoder uses it for the shapes
// it accepts; to decode into its own type without calling itself again
// it passes a pointer to a type defined on it without the method
// (type fields T; d.Into((*fields)(t), raw, path)).
func (ld *Decoder) Into(v any, raw any, path string) {
	ld.decode(reflect.ValueOf(v).Elem(), raw, path)
}

var timeType = reflect.TypeOf(time.Time{})

// decode stores raw (from the TOML decoder) into v, reporting values of
// the wrong kind and unknown keys instead of stopping at the first.
func (ld *Decoder) decode(v reflect.Value, raw any, path string) {
	ld.defined[path] = true
	t := v.Type()
	if v.CanAddr() && reflect.PointerTo(t).Implements(valueDecoderType) {
		v.Addr().Interface().(ValueDecoder).DecodeTOML(ld, raw, path)
		return
	}
	switch {
	case t.Kind() == reflect.Pointer:
		// An optional table: allocated when the file writes it.
		nv := reflect.New(t.Elem())
		ld.decode(nv.Elem(), raw, path)
		v.Set(nv)
	case t == timeType:
		ld.decodeDate(v, raw, path)
	case t.Kind() == reflect.Struct:
		m, ok := raw.(map[string]any)
		if !ok {
			ld.Wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), Describe(raw))
			return
		}
		fields, names, opts := tomlFields(t)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		// In the order they are written (so problems come in file
		// order), each key's line looked up once.
		lines := make(map[string]int, len(keys))
		for _, k := range keys {
			lines[k], _ = ld.idx.Lookup(tomlpos.Join(path, k))
		}
		sort.Slice(keys, func(i, j int) bool {
			if a, b := lines[keys[i]], lines[keys[j]]; a != b {
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
			if o, ok := opts[fi]; ok {
				ld.checkText(o, k, kp, m[k])
			}
		}
	case t.Kind() == reflect.String:
		s, ok := raw.(string)
		if !ok {
			ld.Wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), Describe(raw))
			return
		}
		if r := BadControl(s); r >= 0 {
			ld.Wrong(path, "văn bản chứa ký tự điều khiển U+%04X; hãy xóa ký tự đó", r)
		} else if LooksLegacy(s) {
			ld.Wrong(path, "văn bản %q có vẻ gõ bằng bảng mã cũ (TCVN3/VNI), không phải Unicode; hãy chuyển mã sang Unicode dựng sẵn (ví dụ bằng công cụ chuyển mã của Unikey)", Clip(s))
		}
		v.SetString(norm.NFC.String(s))
	case t.Kind() == reflect.Bool:
		b, ok := raw.(bool)
		if !ok {
			hint := ""
			if s, isStr := raw.(string); isStr && (s == "true" || s == "false") {
				hint = fmt.Sprintf(" (bỏ dấu nháy kép: %s = %s)", LastKey(path), s)
			}
			ld.Wrong(path, "sai kiểu: cần %s, thấy %s%s", expectName(t), Describe(raw), hint)
			return
		}
		v.SetBool(b)
	case t.Kind() == reflect.Int:
		switch x := raw.(type) {
		case int64:
			if x > math.MaxInt32 || x < math.MinInt32 {
				ld.Wrong(path, "số %d quá lớn", x)
				return
			}
			v.SetInt(x)
		case string:
			hint := ""
			if _, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
				hint = fmt.Sprintf(" (bỏ dấu nháy kép: %s = %s)", LastKey(path), strings.TrimSpace(x))
			}
			ld.Wrong(path, "sai kiểu: cần %s, thấy %s%s", expectName(t), Describe(raw), hint)
		default:
			ld.Wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), Describe(raw))
		}
	case t.Kind() == reflect.Float64:
		switch x := raw.(type) {
		case int64:
			v.SetFloat(float64(x))
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				ld.Wrong(path, "cần một số hữu hạn, thấy %v", x)
				return
			}
			v.SetFloat(x)
		default:
			ld.Wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), Describe(raw))
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
			ld.Wrong(path, "sai kiểu: cần %s, thấy %s", expectName(t), Describe(raw))
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
		ld.Wrong(path, "khóa này chưa đọc được (kiểu %s)", t)
	}
}

// ddmmyyyy matches a date written the Vietnamese way, "08/12/2020".
var ddmmyyyy = regexp.MustCompile(`^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$`)

// decodeDate stores a TOML local date.
func (ld *Decoder) decodeDate(v reflect.Value, raw any, path string) {
	key := LastKey(path)
	switch x := raw.(type) {
	case time.Time:
		if x.Location().String() != "date-local" {
			ld.Wrong(path, "cần một ngày không kèm giờ, dạng NĂM-THÁNG-NGÀY (ví dụ %s = 2020-12-08), thấy %s", key, Describe(raw))
			return
		}
		v.Set(reflect.ValueOf(time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)))
	case string:
		if m := ddmmyyyy.FindStringSubmatch(x); m != nil {
			d, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			y, _ := strconv.Atoi(m[3])
			if t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); t.Day() == d && int(t.Month()) == mo {
				ld.Wrong(path, "ngày viết dạng NĂM-THÁNG-NGÀY, không có dấu nháy: viết %s = %s, thấy %s", key, t.Format("2006-01-02"), Describe(raw))
				return
			}
		}
		ld.Wrong(path, "ngày viết dạng NĂM-THÁNG-NGÀY, không có dấu nháy (ví dụ %s = 2020-12-08), thấy %s", key, Describe(raw))
	default:
		ld.Wrong(path, "sai kiểu: cần một ngày dạng NĂM-THÁNG-NGÀY (ví dụ %s = 2020-12-08), thấy %s", key, Describe(raw))
	}
}

// LastKey is the last key name of path ("communes[1].missing[2]" → "missing").
func LastKey(path string) string {
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
	case t.Kind() == reflect.Pointer:
		return expectName(t.Elem())
	case t == timeType:
		return "một ngày dạng NĂM-THÁNG-NGÀY"
	case t.Kind() == reflect.String:
		return "một chuỗi văn bản trong dấu nháy kép"
	case t.Kind() == reflect.Bool:
		return "true hoặc false (không có dấu nháy)"
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

// textOpts are the tag options of a text field: ",line" (printed on
// one line) and ",max=N" (at most N characters).
type textOpts struct {
	line bool
	max  int
}

// checkText applies a field's text options to its raw value: a string,
// or each string of an array.
func (ld *Decoder) checkText(o textOpts, key, path string, raw any) {
	check := func(p string, s string) {
		if ld.IsBad(p) {
			return
		}
		if o.line && strings.ContainsAny(s, "\r\n") {
			ld.Wrong(p, "khóa %q in trên một dòng, không được xuống dòng (thấy %q); bỏ ký tự xuống dòng \\n", key, Clip(s))
			return
		}
		if o.max > 0 {
			if n := utf8.RuneCountInString(s); n > o.max {
				ld.Wrong(p, "khóa %q dài %d ký tự; tối đa %d ký tự (thấy %q)", key, n, o.max, Clip(s))
			}
		}
	}
	switch x := raw.(type) {
	case string:
		check(path, x)
	case []any:
		for i, e := range x {
			if s, ok := e.(string); ok {
				check(tomlpos.Elem(path, i), s)
			}
		}
	}
}

// tomlFields maps the toml tag names of struct type t to field indexes,
// lists the names in declaration order, and gives the text options of
// the fields that have some.
func tomlFields(t reflect.Type) (map[string]int, []string, map[int]textOpts) {
	if f, ok := fieldCache.Load(t); ok {
		f := f.(*structFields)
		return f.fields, f.names, f.opts
	}
	fields, names, opts := tomlFieldsOf(t)
	fieldCache.Store(t, &structFields{fields, names, opts})
	return fields, names, opts
}

// fieldCache keeps tomlFields' answer per struct type: a national plan
// decodes ten thousand communes of one type. The maps are only read.
var fieldCache sync.Map

type structFields struct {
	fields map[string]int
	names  []string
	opts   map[int]textOpts
}

func tomlFieldsOf(t reflect.Type) (map[string]int, []string, map[int]textOpts) {
	fields := map[string]int{}
	opts := map[int]textOpts{}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, rest, _ := strings.Cut(f.Tag.Get("toml"), ",")
		var o textOpts
		for _, opt := range strings.Split(rest, ",") {
			switch {
			case opt == "line":
				o.line = true
			case strings.HasPrefix(opt, "max="):
				o.max, _ = strconv.Atoi(strings.TrimPrefix(opt, "max="))
			}
		}
		if o != (textOpts{}) {
			opts[i] = o
		}
		if tag == "-" || !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		fields[tag] = i
		names = append(names, tag)
	}
	return fields, names, opts
}

// unknownKey reports key, which the table at path does not have.
func (ld *Decoder) unknownKey(path, key string, known []string) {
	kp := tomlpos.Join(path, key)
	ld.bad[kp] = true
	where := "ở cấp ngoài cùng của tệp"
	if path != "" {
		where = "trong bảng " + path
	}
	if s := Nearest(key, known); s != "" {
		ld.Errorf(kp, "khóa %q không có %s; có phải ý là %q?", key, where, s)
		return
	}
	ld.Errorf(kp, "khóa %q không có %s; các khóa dùng được: %s", key, where, strings.Join(known, ", "))
}

// syntaxError reports a TOML syntax error, in Vietnamese where the
// message is known.
func (ld *Decoder) syntaxError(err error, src string) {
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
