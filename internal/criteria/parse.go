package criteria

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/tomldec"
	"github.com/ntm-project/ntm/internal/tomlpos"
)

// The keys each table of a set file may hold (see data/*.toml for the
// schema and its documentation).
var (
	setKeys       = []string{"id", "name", "decision", "level", "issued", "effective", "from_year", "to_year", "hardship_region", "hardship_source", "usable", "usable_note", "source", "criteria"}
	criterionKeys = []string{"number", "name", "group", "indicators"}
	indicatorKeys = []string{"id", "text", "unit", "kind", "thresholds", "by_year", "source", "verified", "verified_regions", "note"}
)

// Levels are the accepted set levels.
var Levels = []string{"ntm", "nang-cao", "kieu-mau"}

// Kinds are the accepted indicator kinds, in documentation order.
var Kinds = []Kind{KindBool, KindPercent, KindMoney, KindZero, KindNumber}

// NumCriteria is the number of criteria of every national set.
const NumCriteria = 19

var (
	setIDPattern       = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	indicatorIDPattern = regexp.MustCompile(`^([0-9]{1,2})(?:\.([0-9]{1,2}))?$`)
)

func kindList() string {
	var s []string
	for _, k := range Kinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func parseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if strings.EqualFold(s, string(k)) {
			return k, true
		}
	}
	return "", false
}

// defaultUnit is the unit of a kind when the file gives none.
func defaultUnit(k Kind) string {
	switch k {
	case KindPercent:
		return "%"
	case KindMoney:
		return "triệu đồng/người/năm"
	}
	return ""
}

// ParseSet reads one criteria set file. It is strict: unknown keys (with
// the nearest known key), wrong types, missing keys, duplicate or
// out-of-range criterion numbers, duplicate or malformed indicator IDs,
// unknown kinds, comparisons and regions are all reported at once, each
// with the file, key path, line and column. The set is nil when the list
// holds an error.
func ParseSet(name string, data []byte) (*Set, diag.List) {
	w, root, ok := decode(name, data)
	if !ok {
		return nil, w.probs
	}
	s := w.readSet(root)
	if w.probs.Errors() > 0 {
		return nil, w.probs
	}
	return s, w.probs
}

func (w *walker) readSet(root table) *Set {
	w.checkKeys(root, setKeys...)
	s := &Set{}
	if id, ok := w.str(root, "id", true, `mã bộ tiêu chí, ví dụ "qd1980-2016"`); ok {
		if !setIDPattern.MatchString(id) {
			w.add("id", "mã bộ tiêu chí %q không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ \"qd1980-2016\"", id)
		}
		s.ID = id
	}
	s.Name, _ = w.str(root, "name", true, "tên bộ tiêu chí")
	s.Decision, _ = w.str(root, "decision", true, "quyết định ban hành, số và ngày")
	if lv, ok := w.str(root, "level", true, `cấp độ: "ntm", "nang-cao" hoặc "kieu-mau"`); ok {
		valid := false
		for _, l := range Levels {
			valid = valid || lv == l
		}
		if !valid {
			hint := ""
			if n := tomldec.Nearest(lv, Levels); n != "" {
				hint = fmt.Sprintf("; có phải ý là %q?", n)
			}
			w.add("level", "cấp độ %q không hợp lệ: cần một trong %s%s", lv, strings.Join(Levels, ", "), hint)
		}
		s.Level = lv
	}
	s.Issued, _ = w.date(root, "issued", true, "ngày ký quyết định, ví dụ 2016-10-17")
	s.Effective, _ = w.date(root, "effective", true, "ngày quyết định có hiệu lực, ví dụ 2016-12-01")
	if !s.Issued.IsZero() && !s.Effective.IsZero() && s.Effective.Before(s.Issued) {
		w.add("effective", "ngày có hiệu lực %s trước ngày ký %s", shortDate(s.Effective), shortDate(s.Issued))
	}
	from, okFrom := w.integer(root, "from_year", true, "năm đầu của giai đoạn")
	to, okTo := w.integer(root, "to_year", true, "năm cuối của giai đoạn")
	for _, y := range []struct {
		key string
		v   int
		ok  bool
	}{{"from_year", from, okFrom}, {"to_year", to, okTo}} {
		if y.ok && (y.v < 1990 || y.v > 2100) {
			w.add(y.key, "năm %d nằm ngoài khoảng 1990–2100", y.v)
		}
	}
	if okFrom && okTo && from > to {
		w.add("to_year", "năm kết thúc %d nhỏ hơn năm bắt đầu %d", to, from)
	}
	s.FromYear, s.ToYear = from, to
	if !s.Effective.IsZero() && okTo && s.Effective.Year() > to {
		w.add("effective", "ngày có hiệu lực %s sau năm cuối %d của giai đoạn", shortDate(s.Effective), to)
	}
	if hr, ok := w.str(root, "hardship_region", false, ""); ok && hr != "" {
		if r, err := ParseRegion(hr); err != nil || r == Chung {
			w.add("hardship_region", "vùng %q không hợp lệ: cần một trong %s", hr, strings.Join(regionCodes[1:], ", "))
		} else {
			s.HardshipRegion = r
		}
	}
	s.HardshipSource, _ = w.str(root, "hardship_source", false, "")
	if s.HardshipRegion == "" && s.HardshipSource != "" {
		w.add("hardship_source", "có hardship_source nhưng thiếu hardship_region (vùng mà xã đặc biệt khó khăn áp dụng)")
	}
	usable, hasUsable := w.boolean(root, "usable", false, "")
	note, _ := w.str(root, "usable_note", false, "")
	switch {
	case hasUsable && !usable && note == "":
		w.add("usable", "usable = false cần usable_note: nói vì sao chưa đánh giá được theo bộ tiêu chí này")
	case hasUsable && !usable:
		s.Unusable = note
	case note != "":
		w.add("usable_note", "usable_note chỉ dùng khi usable = false")
	}
	s.Source, _ = w.str(root, "source", false, "")

	crits, ok := w.tables(root, "criteria", true, "các bảng [[criteria]], mỗi tiêu chí một bảng")
	if !ok {
		return s
	}
	numbers := map[int]string{}
	ids := map[string]string{}
	for _, ct := range crits {
		c := w.readCriterion(ct, s.Source, ids)
		if c == nil {
			continue
		}
		if c.Number != 0 {
			if first, dup := numbers[c.Number]; dup {
				w.add(tomlpos.Join(ct.path, "number"), "tiêu chí số %d bị khai báo hai lần (lần đầu ở dòng %d)", c.Number, w.line(first))
				continue
			}
			numbers[c.Number] = tomlpos.Join(ct.path, "number")
		}
		s.Criteria = append(s.Criteria, c)
	}
	var missing []string
	for n := 1; n <= NumCriteria; n++ {
		if _, ok := numbers[n]; !ok {
			missing = append(missing, strconv.Itoa(n))
		}
	}
	if len(crits) == 0 {
		w.add("criteria", "bộ tiêu chí chưa có tiêu chí nào (cần đủ %d tiêu chí, đánh số từ 1 đến %d)", NumCriteria, NumCriteria)
	} else if len(missing) > 0 && len(missing) < NumCriteria {
		w.add("criteria", "bộ tiêu chí thiếu tiêu chí số %s (cần đủ %d tiêu chí, đánh số từ 1 đến %d)", strings.Join(missing, ", "), NumCriteria, NumCriteria)
	}
	return s
}

// readCriterion reads one [[criteria]] block; ids collects indicator IDs
// across the set to find duplicates.
func (w *walker) readCriterion(t table, defSource string, ids map[string]string) *Criterion {
	w.checkKeys(t, criterionKeys...)
	c := &Criterion{}
	if n, ok := w.integer(t, "number", true, "số thứ tự tiêu chí, từ 1 đến 19"); ok {
		if n < 1 || n > NumCriteria {
			w.add(tomlpos.Join(t.path, "number"), "số tiêu chí %d nằm ngoài khoảng 1–%d", n, NumCriteria)
		} else {
			c.Number = n
		}
	}
	c.Name, _ = w.str(t, "name", true, "tên tiêu chí")
	c.Group, _ = w.str(t, "group", false, "")
	inds, ok := w.tables(t, "indicators", true, "các bảng [[criteria.indicators]], mỗi chỉ tiêu một bảng")
	if !ok {
		return c
	}
	if len(inds) == 0 {
		w.add(tomlpos.Join(t.path, "indicators"), "tiêu chí số %d không có chỉ tiêu nào", c.Number)
	}
	for _, it := range inds {
		ind := w.readIndicator(it, c.Number, defSource)
		if ind == nil {
			continue
		}
		if ind.ID != "" {
			if first, dup := ids[ind.ID]; dup {
				w.add(tomlpos.Join(it.path, "id"), "mã chỉ tiêu %q bị khai báo hai lần (lần đầu ở dòng %d)", ind.ID, w.line(first))
				continue
			}
			ids[ind.ID] = tomlpos.Join(it.path, "id")
		}
		c.Indicators = append(c.Indicators, ind)
	}
	if c.Number != 0 && len(c.Indicators) > 1 {
		for i, ind := range c.Indicators {
			if ind.ID == strconv.Itoa(c.Number) {
				w.add(tomlpos.Join(inds[i].path, "id"), "mã chỉ tiêu %q chỉ dùng được khi tiêu chí %d có đúng một chỉ tiêu; tiêu chí này có %d chỉ tiêu, hãy đánh số %d.1, %d.2…", ind.ID, c.Number, len(c.Indicators), c.Number, c.Number)
			}
		}
	}
	return c
}

// checkIndicatorID reports an ID that is malformed or does not belong to
// criterion crit (0: any criterion); it returns the criterion number the
// ID names.
func (w *walker) checkIndicatorID(path, id string, crit int) (int, bool) {
	m := indicatorIDPattern.FindStringSubmatch(id)
	if m == nil {
		if crit > 0 {
			w.add(path, "mã chỉ tiêu %q không hợp lệ: cần dạng \"%d\" hoặc \"%d.1\", \"%d.2\"…", id, crit, crit, crit)
		} else {
			w.add(path, "mã chỉ tiêu %q không hợp lệ: cần dạng \"5\" hoặc \"2.1\"", id)
		}
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	if m[2] != "" {
		if k, _ := strconv.Atoi(m[2]); k == 0 {
			w.add(path, "mã chỉ tiêu %q không hợp lệ: số thứ tự chỉ tiêu bắt đầu từ 1", id)
			return 0, false
		}
	}
	if crit > 0 && n != crit {
		w.add(path, "mã chỉ tiêu %q không thuộc tiêu chí số %d: cần \"%d\" hoặc bắt đầu bằng \"%d.\"", id, crit, crit, crit)
		return 0, false
	}
	return n, true
}

// verifiedRegions reads verified_regions = ["chung", "BTB"]: the columns
// a source confirmed.
func (w *walker) verifiedRegions(t table) []Region {
	list, paths, ok := w.strings(t, "verified_regions")
	if !ok {
		return nil
	}
	var out []Region
	for i, s := range list {
		r, err := ParseRegion(s)
		if err != nil {
			w.add(paths[i], "vùng %q không hợp lệ: cần một trong %s", s, regionCodeList())
			continue
		}
		out = append(out, r)
	}
	return out
}

// readIndicator reads one [[criteria.indicators]] block.
func (w *walker) readIndicator(t table, crit int, defSource string) *Indicator {
	w.checkKeys(t, indicatorKeys...)
	ind := &Indicator{Criterion: crit, Thresholds: map[Region]Threshold{}}
	if id, ok := w.str(t, "id", true, `mã chỉ tiêu, ví dụ "2.1"`); ok {
		if _, ok := w.checkIndicatorID(tomlpos.Join(t.path, "id"), id, crit); ok {
			ind.ID = id
		}
	}
	ind.Text, _ = w.str(t, "text", true, "nội dung chỉ tiêu như quyết định ghi")
	kindOK := false
	if k, ok := w.str(t, "kind", true, "loại chỉ tiêu: "+kindList()); ok {
		if ind.Kind, kindOK = parseKind(k); !kindOK {
			hint := ""
			if n := tomldec.Nearest(k, kindNames()); n != "" {
				hint = fmt.Sprintf("; có phải ý là %q?", n)
			}
			w.add(tomlpos.Join(t.path, "kind"), "loại chỉ tiêu %q không hợp lệ: cần một trong %s%s", k, kindList(), hint)
		}
	}
	if u, ok := w.str(t, "unit", false, ""); ok {
		ind.Unit = u
	} else {
		ind.Unit = defaultUnit(ind.Kind)
	}
	ind.Verified, _ = w.boolean(t, "verified", true, "true khi ngưỡng đã đối chiếu với văn bản quyết định, false nếu chưa")
	if regions := w.verifiedRegions(t); len(regions) > 0 {
		if ind.Verified {
			w.add(tomlpos.Join(t.path, "verified_regions"), "verified = true đã bao gồm mọi vùng; verified_regions chỉ dùng khi verified = false")
		}
		ind.RegionVerified = map[Region]bool{}
		for _, r := range regions {
			ind.RegionVerified[r] = true
		}
	}
	if src, ok := w.str(t, "source", false, ""); ok && src != "" {
		ind.Source = src
	} else {
		ind.Source = defSource
	}
	ind.Note, _ = w.str(t, "note", false, "")
	if !kindOK {
		return ind
	}
	var ops []opSeen
	thr, hasThr := w.sub(t, "thresholds", false, "")
	var written map[Region]string
	if hasThr {
		written = w.regionThresholds(thr, ind.Kind, ind.Thresholds, &ops)
	} else if _, present := t.m["thresholds"]; !present {
		switch ind.Kind {
		case KindBool:
			ind.Thresholds[Chung] = Threshold{Value: 1, Text: "Đạt"}
		case KindZero:
			ind.Thresholds[Chung] = Threshold{Value: 0, Text: "Không"}
		default:
			w.missing(t, "thresholds", `ngưỡng theo vùng, ví dụ { chung = ">=70", BTB = ">=80" }`)
		}
	}
	if by, ok := w.sub(t, "by_year", false, ""); ok {
		ind.ByYear = map[int]map[Region]Threshold{}
		w.yearThresholds(by, ind.Kind, ind.ByYear, &ops)
	}
	ind.Op = w.checkOps(ops, kindOp(ind.Kind))
	if hasThr && written[Chung] == "" && len(written) < len(Regions) {
		var lack []string
		for _, r := range Regions {
			if written[r] == "" {
				lack = append(lack, string(r))
			}
		}
		if len(written) > 0 {
			w.add(thr.path, "thiếu ngưỡng chung (khóa \"chung\") của chỉ tiêu %q: các vùng %s không ghi ngưỡng riêng sẽ dùng ngưỡng chung; nếu chưa biết, ghi chung = \"chưa rõ\"", ind.ID, strings.Join(lack, ", "))
		} else {
			w.add(thr.path, "thiếu ngưỡng chung (khóa \"chung\") của chỉ tiêu %q; nếu chưa biết, ghi chung = \"chưa rõ\"", ind.ID)
		}
	}
	return ind
}

// kindOp is the comparison a kind imposes ("" when the file decides).
func kindOp(k Kind) Op {
	if k == KindBool || k == KindZero {
		return EQ
	}
	return ""
}

func kindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

// shortDate is "17/10/2016".
func shortDate(t time.Time) string { return t.Format("02/01/2006") }
