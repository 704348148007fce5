package criteria

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/tomldec"
	"github.com/ntm-project/ntm/internal/tomlpos"
)

// Limits are the shared decoder's bounds on nesting and key length, the
// same as for every TOML file a clerk writes, with a smaller size: the
// national sets are about 40 kB and a province's file a few kB, and a
// hostile 16 MB file would cost tens of seconds (the file is parsed
// twice, see decode).
var Limits = func() tomldec.Limits {
	l := tomldec.DefaultLimits
	l.MaxBytes = 1 << 20
	return l
}()

// walker reads a decoded TOML document key by key, checking types and
// collecting every problem with its file, key path, line and column.
//
// The shared strict decoder (tomldec) checks the file's size and shape,
// parses it and reports syntax errors in Vietnamese, and indexes where
// each key is written. It cannot decode this schema into structs (its
// tables of regions and years are maps, "verified" is a boolean and a
// threshold is a string or a table), so the walker reads the parsed
// values itself, with tomldec's wording: "có phải ý là …?" for unknown
// keys (tomldec.Nearest), "sai kiểu: cần …, thấy …" (tomldec.Describe),
// its checks of text (control characters, legacy encodings).
type walker struct {
	file  string
	dec   *tomldec.Decoder // positions of the keys
	probs diag.List
}

// table is one TOML table and its key path.
type table struct {
	path string
	m    map[string]any
}

// decode parses data into a generic table; a limit or a syntax error
// becomes the only problem (the rest of the file cannot be trusted).
func decode(file string, data []byte) (*walker, table, bool) {
	var front struct{} // tomldec reports its keys as unknown: those reports are dropped
	d, ok := tomldec.Decode(file, data, &front, Limits)
	w := &walker{file: file, dec: d}
	if !ok {
		w.probs = d.List()
		return w, table{}, false
	}
	m := map[string]any{}
	if _, err := toml.Decode(strings.TrimPrefix(string(data), "\ufeff"), &m); err != nil {
		// tomldec parsed the same text without error; keep its word.
		w.probs.Add(diag.Pos{File: file}, "không đọc được tệp TOML: %v", err)
		return w, table{}, false
	}
	return w, table{m: m}, true
}

// line is the line where path, or its nearest written ancestor, is
// written; 0 when none is.
func (w *walker) line(path string) int { return w.dec.Pos(path).Line }

func (w *walker) pos(path string) diag.Pos { return w.dec.Pos(path) }

func (w *walker) add(path, format string, args ...any) {
	w.probs.Add(w.pos(path), format, args...)
}

// sortedKeys lists t's keys in file order (then by name).
func (w *walker) sortedKeys(t table) []string {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	type at struct{ line, col int }
	pos := make(map[string]at, len(keys))
	for _, k := range keys {
		p := w.pos(tomlpos.Join(t.path, k))
		pos[k] = at{p.Line, p.Col}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := pos[keys[i]], pos[keys[j]]
		if a != b {
			return a.line < b.line || a.line == b.line && a.col < b.col
		}
		return keys[i] < keys[j]
	})
	return keys
}

// checkKeys reports every key of t that is not in allowed, in tomldec's
// words, with the nearest allowed key when it looks like a typo.
func (w *walker) checkKeys(t table, allowed ...string) {
	for _, k := range w.sortedKeys(t) {
		found := false
		for _, a := range allowed {
			found = found || k == a
		}
		if !found {
			w.unknownKey(t.path, k, allowed)
		}
	}
}

// unknownKey reports key, which the table at path does not have, as
// tomldec does for the plan.
func (w *walker) unknownKey(path, key string, known []string) {
	where := "ở cấp ngoài cùng của tệp"
	if path != "" {
		where = "trong bảng " + path
	}
	kp := tomlpos.Join(path, key)
	if s := tomldec.Nearest(key, known); s != "" {
		w.add(kp, "khóa %q không có %s; có phải ý là %q?", key, where, s)
		return
	}
	w.add(kp, "khóa %q không có %s; các khóa dùng được: %s", key, where, strings.Join(known, ", "))
}

// wrongType reports a value of the wrong kind at path.
func (w *walker) wrongType(path, want string, v any) {
	w.add(path, "sai kiểu: cần %s, thấy %s", want, tomldec.Describe(v))
}

// missing reports a required key that t lacks, at t's position (at the
// key's own name for the file's top level); what says what the key holds.
func (w *walker) missing(t table, key, what string) {
	path := t.path
	if path == "" {
		path = key
	}
	w.add(path, "thiếu khóa bắt buộc %q (%s)", key, what)
}

// str reads a string key (NFC, trimmed). what describes the key for the
// message when a required one is missing or blank.
func (w *walker) str(t table, key string, required bool, what string) (string, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key, what)
		}
		return "", false
	}
	path := tomlpos.Join(t.path, key)
	s, ok := v.(string)
	if !ok {
		w.wrongType(path, "một chuỗi văn bản trong dấu nháy kép", v)
		return "", false
	}
	if r := tomldec.BadControl(s); r >= 0 {
		w.add(path, "văn bản chứa ký tự điều khiển U+%04X; hãy xóa ký tự đó", r)
		return "", false
	}
	if tomldec.LooksLegacy(s) {
		w.add(path, "văn bản %q có vẻ gõ bằng bảng mã cũ (TCVN3/VNI), không phải Unicode; hãy chuyển mã sang Unicode dựng sẵn (ví dụ bằng công cụ chuyển mã của Unikey)", tomldec.Clip(s))
		return "", false
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	if s == "" && required {
		w.add(path, "khóa %q không được để trống (%s)", key, what)
		return "", false
	}
	return s, true
}

// integer reads an integer key.
func (w *walker) integer(t table, key string, required bool, what string) (int, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key, what)
		}
		return 0, false
	}
	path := tomlpos.Join(t.path, key)
	n, ok := v.(int64)
	if !ok {
		hint := ""
		if s, isStr := v.(string); isStr {
			if _, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				hint = fmt.Sprintf(" (bỏ dấu nháy kép: %s = %s)", key, strings.TrimSpace(s))
			}
		}
		w.add(path, "sai kiểu: cần một số nguyên, thấy %s%s", tomldec.Describe(v), hint)
		return 0, false
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		w.add(path, "số %d quá lớn", n)
		return 0, false
	}
	return int(n), true
}

// boolean reads a true/false key.
func (w *walker) boolean(t table, key string, required bool, what string) (bool, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key, what)
		}
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		w.wrongType(tomlpos.Join(t.path, key), "true hoặc false (không có dấu nháy)", v)
		return false, false
	}
	return b, true
}

// date reads a TOML local date (2016-10-17, no quotes) as UTC midnight.
func (w *walker) date(t table, key string, required bool, what string) (time.Time, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key, what)
		}
		return time.Time{}, false
	}
	path := tomlpos.Join(t.path, key)
	d, ok := v.(time.Time)
	if s, isStr := v.(string); isStr {
		if m := ddmmyyyy.FindStringSubmatch(s); m != nil {
			dd, _ := strconv.Atoi(m[1])
			mm, _ := strconv.Atoi(m[2])
			yy, _ := strconv.Atoi(m[3])
			if t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC); t.Day() == dd && int(t.Month()) == mm {
				w.add(path, "ngày viết dạng NĂM-THÁNG-NGÀY, không có dấu nháy: viết %s = %s, thấy %s", key, t.Format("2006-01-02"), tomldec.Describe(v))
				return time.Time{}, false
			}
		}
	}
	if !ok || d.Location().String() != "date-local" {
		w.add(path, "cần một ngày không kèm giờ, dạng NĂM-THÁNG-NGÀY không có dấu nháy (ví dụ %s = 2016-10-17), thấy %s", key, tomldec.Describe(v))
		return time.Time{}, false
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), true
}

// ddmmyyyy matches a date written the Vietnamese way, "08/03/2022".
var ddmmyyyy = regexp.MustCompile(`^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$`)

// sub reads a sub-table.
func (w *walker) sub(t table, key string, required bool, what string) (table, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key, what)
		}
		return table{}, false
	}
	path := tomlpos.Join(t.path, key)
	m, ok := v.(map[string]any)
	if !ok {
		w.wrongType(path, "một bảng { … }", v)
		return table{}, false
	}
	return table{path: path, m: m}, true
}

// strings reads an array of strings.
func (w *walker) strings(t table, key string) ([]string, []string, bool) {
	v, ok := t.m[key]
	if !ok {
		return nil, nil, false
	}
	base := tomlpos.Join(t.path, key)
	arr, ok := v.([]any)
	if !ok {
		w.wrongType(base, `một mảng chuỗi, ví dụ ["chung", "BTB"]`, v)
		return nil, nil, false
	}
	var out, paths []string
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			w.wrongType(tomlpos.Elem(base, i), "một chuỗi văn bản trong dấu nháy kép", e)
			continue
		}
		out = append(out, s)
		paths = append(paths, tomlpos.Elem(base, i))
	}
	return out, paths, true
}

// tables reads an array of tables ([[key]] blocks or an inline array).
func (w *walker) tables(t table, key string, required bool, what string) ([]table, bool) {
	v, ok := t.m[key]
	if !ok {
		if required {
			w.missing(t, key, what)
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
				w.wrongType(tomlpos.Elem(base, i), "một bảng", e)
				continue
			}
			out = append(out, table{path: tomlpos.Elem(base, i), m: m})
		}
	default:
		w.add(base, "sai kiểu: cần các bảng [[%s]], thấy %s", key, tomldec.Describe(v))
		return nil, false
	}
	return out, true
}

// parseThresholdValue reads one threshold: a string such as ">=70",
// "<=24.2", "=100", "Đạt", "Không", ">= tỉnh quy định", "chưa rõ", or a
// table { value = ">=95", text = "≥95% (≥50% nước sạch)" } whose text
// replaces the generated one.
func (w *walker) parseThresholdValue(path string, kind Kind, v any) (Op, Threshold, bool) {
	text := ""
	if m, ok := v.(map[string]any); ok {
		t := table{path: path, m: m}
		w.checkKeys(t, "value", "text")
		s, ok := w.str(t, "value", true, `ngưỡng, ví dụ ">=95"`)
		if !ok {
			return "", Threshold{}, false
		}
		if tx, ok := w.str(t, "text", false, ""); ok && tx != "" {
			text = tx
		}
		v = s
		path = tomlpos.Join(path, "value")
	}
	s, ok := v.(string)
	if !ok {
		w.wrongType(path, `một ngưỡng viết trong dấu nháy như ">=70", "<=5", "Đạt", ">= tỉnh quy định" hoặc một bảng { value = ..., text = ... }`, v)
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

// Words of the data for thresholds without a figure, folded (see fold).
const (
	wordProvince = "tinhquydinh" // "tỉnh quy định"
	wordUnknown  = "chuaro"      // "chưa rõ"
)

// The printed text of thresholds without a figure.
const (
	TextProvince = "Do UBND tỉnh quy định"
	TextUnknown  = "Chưa có mức đạt"
)

// parseThreshold reads a threshold string for an indicator of kind; msg
// is a Vietnamese problem, empty when s is valid. op is empty for a
// threshold without a figure and without a comparison ("chưa rõ").
func parseThreshold(kind Kind, s string) (Op, Threshold, string) {
	var op Op
	rest := s
	for _, p := range []struct {
		prefix string
		op     Op
	}{{">=", GE}, {"≥", GE}, {"<=", LE}, {"≤", LE}, {"=", EQ}} {
		if r, ok := strings.CutPrefix(s, p.prefix); ok {
			op, rest = p.op, strings.TrimSpace(r)
			break
		}
	}
	switch fold(rest) {
	case wordProvince:
		return op, Threshold{Value: math.NaN(), Text: TextProvince, Gap: GapProvince}, ""
	case wordUnknown:
		return op, Threshold{Value: math.NaN(), Text: TextUnknown, Gap: GapUnknown}, ""
	}
	switch kind {
	case KindBool:
		if fold(s) == "dat" {
			return EQ, Threshold{Value: 1, Text: "Đạt"}, ""
		}
		return "", Threshold{}, fmt.Sprintf("chỉ tiêu loại bool chỉ nhận ngưỡng \"Đạt\" (hoặc \"tỉnh quy định\", \"chưa rõ\"), nhưng gặp %q", s)
	case KindZero:
		switch fold(s) {
		case "khong", "0", "=0":
			return EQ, Threshold{Value: 0, Text: "Không"}, ""
		}
		return "", Threshold{}, fmt.Sprintf("chỉ tiêu loại zero chỉ nhận ngưỡng \"Không\" hoặc \"0\", nhưng gặp %q", s)
	}
	bad := fmt.Sprintf("ngưỡng %q không hợp lệ: cần phép so sánh >=, <= hoặc = rồi đến một số, ví dụ \">=70\", \"<=24.2\", \"=100\" (hoặc \">= tỉnh quy định\" khi quyết định giao tỉnh quy định, \">= chưa rõ\" khi chưa có mức)", s)
	if op == "" {
		return "", Threshold{}, bad
	}
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

// regionCodes are the accepted region keys, for suggestions.
var regionCodes = func() []string {
	out := []string{string(Chung)}
	for _, r := range Regions {
		out = append(out, string(r))
	}
	return out
}()

// regionThresholds reads a { region = threshold, … } table into dst,
// checking each region and recording every op in ops. It returns the
// regions written and the key path of each.
func (w *walker) regionThresholds(t table, kind Kind, dst map[Region]Threshold, ops *[]opSeen) map[Region]string {
	seen := map[Region]string{}
	for _, k := range w.sortedKeys(t) {
		path := tomlpos.Join(t.path, k)
		r, err := ParseRegion(k)
		if err != nil {
			hint := ""
			if s := tomldec.Nearest(k, regionCodes); s != "" {
				hint = fmt.Sprintf("; có phải ý là %q?", s)
			}
			w.add(path, "vùng %q không hợp lệ: cần một trong %s%s", k, regionCodeList(), hint)
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
		if op != "" {
			*ops = append(*ops, opSeen{op, r, path})
		}
		dst[r] = th
	}
	return seen
}

// yearThresholds reads by_year = { 2019 = { … }, … } into dst; it
// returns the regions written in any year.
func (w *walker) yearThresholds(t table, kind Kind, dst map[int]map[Region]Threshold, ops *[]opSeen) map[Region]bool {
	regions := map[Region]bool{}
	for _, k := range w.sortedKeys(t) {
		path := tomlpos.Join(t.path, k)
		y, err := strconv.Atoi(k)
		if err != nil || len(k) != 4 || y < 1990 || y > 2100 {
			w.add(path, "năm %q không hợp lệ: cần năm bốn chữ số từ 1990 đến 2100, ví dụ 2019", k)
			continue
		}
		sub, ok := w.sub(t, k, true, "")
		if !ok {
			continue
		}
		if dst[y] == nil {
			dst[y] = map[Region]Threshold{}
		}
		for r := range w.regionThresholds(sub, kind, dst[y], ops) {
			regions[r] = true
		}
	}
	return regions
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
