package criteria

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/tomlpos"
)

// walker reads a generically decoded TOML document key by key, checking
// types and collecting every problem with its file, key path and line.
type walker struct {
	file  string
	idx   *tomlpos.Index // where each key path is written
	probs diag.List
}

// table is one TOML table and its key path.
type table struct {
	path string
	m    map[string]any
}

// decode parses data into a generic table; a syntax error becomes the
// only problem (the rest of the file cannot be trusted).
func decode(file string, data []byte) (*walker, table, bool) {
	if line, msg := checkShape(data); msg != "" {
		w := &walker{file: file}
		w.probs.Add(diag.Pos{File: file, Line: line}, "%s", msg)
		return w, table{}, false
	}
	w := &walker{file: file}
	m := map[string]any{}
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		pos := diag.Pos{File: file}
		msg := err.Error()
		if errors.As(err, &pe) {
			pos.Line, pos.Col = pe.Position.Line, pe.Position.Col
			msg = pe.Message
			// The lexer may point past the end of the faulty line; show
			// the last line that has something on it.
			lines := strings.Split(string(data), "\n")
			for pos.Line > 1 && (pos.Line > len(lines) || strings.TrimSpace(lines[pos.Line-1]) == "") {
				pos.Line, pos.Col = pos.Line-1, 0
			}
		}
		w.probs.Add(pos, "tệp TOML sai cú pháp: %s", msg)
		return w, table{}, false
	}
	w.idx = tomlpos.Build(string(data))
	return w, table{m: m}, true
}

// line is the line where path, or its nearest written ancestor, is
// written; 0 when none is.
func (w *walker) line(path string) int {
	line, _ := w.idx.Lookup(path)
	return line
}

func (w *walker) pos(path string) diag.Pos {
	return diag.Pos{File: w.file, Key: path, Line: w.line(path)}
}

func (w *walker) add(path, format string, args ...any) {
	w.probs.Add(w.pos(path), format, args...)
}

// sortedKeys lists t's keys in file order (then by name).
func (w *walker) sortedKeys(t table) []string {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := w.line(tomlpos.Join(t.path, keys[i])), w.line(tomlpos.Join(t.path, keys[j]))
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// checkKeys reports every key of t that is not in allowed.
func (w *walker) checkKeys(t table, allowed ...string) {
	for _, k := range w.sortedKeys(t) {
		found := false
		for _, a := range allowed {
			if k == a {
				found = true
				break
			}
		}
		if !found {
			w.add(tomlpos.Join(t.path, k), "khóa %q không được dùng ở đây; các khóa hợp lệ: %s", k, strings.Join(allowed, ", "))
		}
	}
}

// typeName is the Vietnamese name of a decoded TOML value's type, with
// the value itself.
func typeName(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("chuỗi %q", x)
	case int64:
		return fmt.Sprintf("số nguyên %d", x)
	case float64:
		return fmt.Sprintf("số thực %v", x)
	case bool:
		return fmt.Sprintf("giá trị đúng/sai %v", x)
	case time.Time:
		return fmt.Sprintf("ngày giờ %v", x)
	case []any, []map[string]any:
		return "một mảng"
	case map[string]any:
		return "một bảng"
	}
	return fmt.Sprintf("giá trị %v", v)
}

// missing reports a required key that t lacks, at t's position (at the
// key's own name for the file's top level).
func (w *walker) missing(t table, key string) {
	path := t.path
	if path == "" {
		path = key
	}
	w.add(path, "thiếu khóa bắt buộc %q", key)
}

// str reads a string key (NFC, trimmed). Missing: reported when required.
func (w *walker) str(t table, key string, required bool) (string, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key)
		}
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		w.add(tomlpos.Join(t.path, key), "khóa %q cần một chuỗi, nhưng gặp %s", key, typeName(v))
		return "", false
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	if s == "" && required {
		w.add(tomlpos.Join(t.path, key), "khóa %q không được để trống", key)
		return "", false
	}
	return s, true
}

// integer reads an integer key.
func (w *walker) integer(t table, key string, required bool) (int, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key)
		}
		return 0, false
	}
	n, ok := v.(int64)
	if !ok || n < math.MinInt32 || n > math.MaxInt32 {
		w.add(tomlpos.Join(t.path, key), "khóa %q cần một số nguyên, nhưng gặp %s", key, typeName(v))
		return 0, false
	}
	return int(n), true
}

// boolean reads a true/false key.
func (w *walker) boolean(t table, key string, required bool) (bool, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key)
		}
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		w.add(tomlpos.Join(t.path, key), "khóa %q cần true hoặc false, nhưng gặp %s", key, typeName(v))
		return false, false
	}
	return b, true
}

// sub reads a sub-table.
func (w *walker) sub(t table, key string, required bool) (table, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key)
		}
		return table{}, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		w.add(tomlpos.Join(t.path, key), "khóa %q cần một bảng, nhưng gặp %s", key, typeName(v))
		return table{}, false
	}
	return table{path: tomlpos.Join(t.path, key), m: m}, true
}

// tables reads an array of tables ([[key]] blocks or an inline array).
func (w *walker) tables(t table, key string, required bool) ([]table, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key)
		}
		return nil, false
	}
	base := tomlpos.Join(t.path, key)
	var out []table
	switch x := v.(type) {
	case []map[string]any:
		for i, m := range x {
			out = append(out, table{path: tomlpos.Elem(base, i), m: m})
		}
	case []any:
		for i, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				w.add(tomlpos.Elem(base, i), "mỗi phần tử của %q cần là một bảng, nhưng gặp %s", key, typeName(e))
				continue
			}
			out = append(out, table{path: tomlpos.Elem(base, i), m: m})
		}
	default:
		w.add(base, "khóa %q cần các bảng [[%s]], nhưng gặp %s", key, key, typeName(v))
		return nil, false
	}
	return out, true
}

// parseThresholdValue reads one threshold: a string such as ">=70",
// "<=24.2", "=100", "Đạt", "Không", or a table { value = ">=95", text =
// "≥95% (≥50% nước sạch)" } whose text replaces the generated one.
func (w *walker) parseThresholdValue(path string, kind Kind, v any) (Op, Threshold, bool) {
	text := ""
	if m, ok := v.(map[string]any); ok {
		t := table{path: path, m: m}
		w.checkKeys(t, "value", "text")
		s, ok := w.str(t, "value", true)
		if !ok {
			return "", Threshold{}, false
		}
		if tx, ok := w.str(t, "text", false); ok && tx != "" {
			text = tx
		}
		v = s
		path = tomlpos.Join(path, "value")
	}
	s, ok := v.(string)
	if !ok {
		w.add(path, "ngưỡng cần một chuỗi như \">=70\", \"<=5\", \"Đạt\" hoặc một bảng { value = ..., text = ... }, nhưng gặp %s", typeName(v))
		return "", Threshold{}, false
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	op, th, msg := parseThreshold(kind, s)
	if msg != "" {
		w.add(path, "%s", msg)
		return "", Threshold{}, false
	}
	if text != "" {
		th.Text = text
	}
	return op, th, true
}

// parseThreshold reads a threshold string for an indicator of kind; msg
// is a Vietnamese problem, empty when s is valid.
func parseThreshold(kind Kind, s string) (Op, Threshold, string) {
	switch kind {
	case KindBool:
		if fold(s) == "dat" {
			return EQ, Threshold{Value: 1, Text: "Đạt"}, ""
		}
		return "", Threshold{}, fmt.Sprintf("chỉ tiêu loại bool chỉ nhận ngưỡng \"Đạt\", nhưng gặp %q", s)
	case KindZero:
		switch fold(s) {
		case "khong", "0", "=0":
			return EQ, Threshold{Value: 0, Text: "Không"}, ""
		}
		return "", Threshold{}, fmt.Sprintf("chỉ tiêu loại zero chỉ nhận ngưỡng \"Không\" hoặc \"0\", nhưng gặp %q", s)
	}
	var op Op
	rest := s
	for _, p := range []struct {
		prefix string
		op     Op
	}{{">=", GE}, {"≥", GE}, {"<=", LE}, {"≤", LE}, {"=", EQ}} {
		if r, ok := strings.CutPrefix(s, p.prefix); ok {
			op, rest = p.op, r
			break
		}
	}
	bad := fmt.Sprintf("ngưỡng %q không hợp lệ: cần phép so sánh >=, <= hoặc = rồi đến một số, ví dụ \">=70\", \"<=24.2\", \"=100\"", s)
	if op == "" {
		return "", Threshold{}, bad
	}
	rest = strings.TrimSpace(rest)
	if kind == KindPercent {
		rest = strings.TrimSpace(strings.TrimSuffix(rest, "%"))
	}
	v, err := strconv.ParseFloat(strings.Replace(rest, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(rest, "_xXpP") {
		return "", Threshold{}, bad
	}
	if v < 0 {
		return "", Threshold{}, fmt.Sprintf("ngưỡng %q không được âm", s)
	}
	if kind == KindPercent && v > 100 {
		return "", Threshold{}, fmt.Sprintf("ngưỡng %q vượt quá 100%% của tỷ lệ phần trăm", s)
	}
	return op, Threshold{Value: v, Text: thresholdText(kind, op, v)}, ""
}

// thresholdText is the display text of a numeric threshold: "≥70%",
// "≤24,2%", "100%", "≥36" (Vietnamese decimal comma).
func thresholdText(kind Kind, op Op, v float64) string {
	num := strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
	if kind == KindPercent {
		num += "%"
		if op == GE && v == 100 {
			return num
		}
	}
	switch op {
	case GE:
		return "≥" + num
	case LE:
		return "≤" + num
	}
	return num
}

// opSeen is the comparison of one threshold, kept to check that all
// thresholds of an indicator compare the same way.
type opSeen struct {
	op     Op
	region Region
	path   string
}

// regionThresholds reads a { region = threshold, … } table into dst,
// checking each region and recording every op in ops.
func (w *walker) regionThresholds(t table, kind Kind, dst map[Region]Threshold, ops *[]opSeen) map[Region]string {
	seen := map[Region]string{}
	for _, k := range w.sortedKeys(t) {
		path := tomlpos.Join(t.path, k)
		r, err := ParseRegion(k)
		if err != nil {
			w.add(path, "vùng %q không hợp lệ: cần một trong %s", k, regionCodeList())
			continue
		}
		if prev, dup := seen[r]; dup {
			w.add(path, "vùng %q trùng với vùng %q đã khai báo trong cùng bảng", k, prev)
			continue
		}
		seen[r] = k
		op, th, ok := w.parseThresholdValue(path, kind, t.m[k])
		if !ok {
			continue
		}
		*ops = append(*ops, opSeen{op, r, path})
		dst[r] = th
	}
	return seen
}

// yearThresholds reads by_year = { 2019 = { … }, … } into dst.
func (w *walker) yearThresholds(t table, kind Kind, dst map[int]map[Region]Threshold, ops *[]opSeen) {
	for _, k := range w.sortedKeys(t) {
		path := tomlpos.Join(t.path, k)
		y, err := strconv.Atoi(k)
		if err != nil || len(k) != 4 || y < 1990 || y > 2100 {
			w.add(path, "năm %q không hợp lệ: cần năm bốn chữ số từ 1990 đến 2100, ví dụ 2019", k)
			continue
		}
		sub, ok := w.sub(t, k, true)
		if !ok {
			continue
		}
		if dst[y] == nil {
			dst[y] = map[Region]Threshold{}
		}
		w.regionThresholds(sub, kind, dst[y], ops)
	}
}

// checkOps reports the thresholds of one indicator whose comparison
// differs from want (or, when want is empty, from the first threshold
// written) and returns the common comparison.
func (w *walker) checkOps(ops []opSeen, want Op) Op {
	if len(ops) == 0 {
		return want
	}
	if want == "" {
		// The comparison most thresholds use; on a tie, the national one's.
		count := map[Op]int{}
		for _, o := range ops {
			count[o.op]++
		}
		for _, o := range ops {
			if want == "" || count[o.op] > count[want] || count[o.op] == count[want] && o.region == Chung {
				want = o.op
			}
		}
	}
	for _, o := range ops {
		if o.op != want {
			w.add(o.path, "phép so sánh %q khác với %q của các ngưỡng khác trong cùng chỉ tiêu", string(o.op), string(want))
		}
	}
	return want
}
