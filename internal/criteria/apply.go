package criteria

import (
	"strconv"
	"strings"

	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/tomldec"
	"github.com/ntm-project/ntm/internal/tomlpos"
)

// applyKeys are the top-level keys of a province's correction file.
var applyKeys = []string{"set", "source", "indicators"}

// Apply corrects or extends one set of the catalogue with a province's
// file (input/criteria/*.toml, e.g. input/criteria/quang-tri.toml). Its
// schema:
//
//	set = "qd1980-2016"                    # required: the set to correct
//	source = "Quyết định số …/QĐ-UBND …"   # optional: cited for every change
//
//	[[indicators]]                         # one block per indicator
//	id = "2.2"                             # required
//	thresholds = { BTB = ">=70" }          # replaces only the regions listed
//	by_year.2019 = { BTB = ">=32" }        # replaces only that year's regions
//	verified = false                       # whether the figures were checked
//	text = "…"  unit = "…"  note = "…"  source = "…"
//
// This is how a province gives the figures a decision leaves to it
// ("tỉnh quy định" in the national data, e.g. criterion 2 of QĐ 1980) and
// the figures the national data does not have yet ("chưa rõ").
//
// An id the set already has is corrected: only the keys given change, its
// kind cannot change and new thresholds must compare the same way (≥, ≤,
// =) as the old. The regions a file changes take the file's verified
// (false when it says nothing): a province's figure is only as checked as
// its file says. A file that changes no threshold and gives verified sets
// the whole indicator's. An id the set lacks is added at the end of the
// criterion its number names, with the same keys as a set file's
// indicator (text, kind, verified and thresholds are then required).
// Nothing changes unless the whole file is free of errors. The file's
// name is recorded in the set's Provinces.
func (c *Catalogue) Apply(name string, data []byte) diag.List {
	w, root, ok := decode(name, data)
	if !ok {
		return w.probs
	}
	w.checkKeys(root, applyKeys...)
	id, okID := w.str(root, "set", true, `mã bộ tiêu chí được sửa, ví dụ "qd1980-2016"`)
	src, _ := w.str(root, "source", false, "")
	inds, _ := w.tables(root, "indicators", true, "các bảng [[indicators]], mỗi chỉ tiêu sửa hoặc thêm một bảng")
	if !okID {
		return w.probs
	}
	idx := -1
	for i, s := range c.Sets {
		if s.ID == id {
			idx = i
		}
	}
	if idx < 0 {
		hint := ""
		if n := tomldec.Nearest(id, c.IDs()); n != "" {
			hint = "; có phải ý là \"" + n + "\"?"
		}
		w.add("set", "không có bộ tiêu chí %q; các bộ hiện có: %s%s", id, strings.Join(c.IDs(), ", "), hint)
		return w.probs
	}
	s := c.Sets[idx].Clone()
	if src == "" {
		src = name
	}
	seen := map[string]string{}
	for _, t := range inds {
		w.applyIndicator(s, t, src, seen)
	}
	if w.probs.Errors() > 0 {
		return w.probs
	}
	if s.Provinces != "" {
		s.Provinces += provinceSep
	}
	s.Provinces += name
	c.Sets[idx] = s
	return w.probs
}

// applyIndicator corrects or adds the indicator of one [[indicators]]
// block in s.
func (w *walker) applyIndicator(s *Set, t table, src string, seen map[string]string) {
	idPath := tomlpos.Join(t.path, "id")
	id, ok := w.str(t, "id", true, `mã chỉ tiêu, ví dụ "2.2"`)
	if !ok {
		w.checkKeys(t, indicatorKeys...)
		return
	}
	n, ok := w.checkIndicatorID(idPath, id, 0)
	if !ok {
		w.checkKeys(t, indicatorKeys...)
		return
	}
	if first, dup := seen[id]; dup {
		w.add(idPath, "mã chỉ tiêu %q bị khai báo hai lần (lần đầu ở dòng %d)", id, w.line(first))
		return
	}
	seen[id] = idPath

	ind := s.Indicator(id)
	if ind == nil {
		w.addIndicator(s, t, n, id, src)
		return
	}
	w.checkKeys(t, indicatorKeys...)
	if k, ok := w.str(t, "kind", false, ""); ok {
		if kind, valid := parseKind(k); !valid || kind != ind.Kind {
			w.add(tomlpos.Join(t.path, "kind"), "không được đổi loại của chỉ tiêu đã có %q (đang là %s, gặp %q)", id, ind.Kind, k)
		}
	}
	if v, ok := w.str(t, "text", false, ""); ok && v != "" {
		ind.Text = v
	}
	if v, ok := w.str(t, "unit", false, ""); ok {
		ind.Unit = v
	}
	if v, ok := w.str(t, "note", false, ""); ok {
		ind.Note = v
	}
	changed := map[Region]bool{}
	var ops []opSeen
	if thr, ok := w.sub(t, "thresholds", false, ""); ok {
		if ind.Thresholds == nil {
			ind.Thresholds = map[Region]Threshold{}
		}
		for r := range w.regionThresholds(thr, ind.Kind, ind.Thresholds, &ops) {
			changed[r] = true
		}
	}
	if by, ok := w.sub(t, "by_year", false, ""); ok {
		if ind.ByYear == nil {
			ind.ByYear = map[int]map[Region]Threshold{}
		}
		for r := range w.yearThresholds(by, ind.Kind, ind.ByYear, &ops) {
			changed[r] = true
		}
	}
	// A national set without a comparison ("chưa rõ") takes the
	// province's; otherwise the province's must be the set's.
	ind.Op = w.checkOps(ops, ind.Op)
	if v, ok := w.str(t, "source", false, ""); ok && v != "" {
		ind.Source = v
	} else if len(changed) > 0 {
		ind.Source = src
	}
	v, hasV := w.boolean(t, "verified", false, "")
	if len(changed) > 0 {
		if ind.RegionVerified == nil {
			ind.RegionVerified = map[Region]bool{}
		}
		for r := range changed {
			ind.RegionVerified[r] = hasV && v
		}
	} else if hasV {
		ind.Verified, ind.RegionVerified = v, nil
	}
	for _, r := range w.verifiedRegions(t) {
		if ind.RegionVerified == nil {
			ind.RegionVerified = map[Region]bool{}
		}
		ind.RegionVerified[r] = true
	}
}

// addIndicator adds a new indicator to criterion n of s.
func (w *walker) addIndicator(s *Set, t table, n int, id, src string) {
	c := s.Criterion(n)
	if c == nil {
		w.checkKeys(t, indicatorKeys...)
		w.add(tomlpos.Join(t.path, "id"), "bộ tiêu chí %q không có tiêu chí số %d để thêm chỉ tiêu %q", s.ID, n, id)
		return
	}
	ind := w.readIndicator(t, n, src)
	path := tomlpos.Join(t.path, "id")
	single := strconv.Itoa(n)
	switch {
	case id == single && len(c.Indicators) > 0:
		w.add(path, "không thể thêm chỉ tiêu %q: mã này chỉ dùng khi tiêu chí %d có đúng một chỉ tiêu, nhưng tiêu chí đã có %d chỉ tiêu", id, n, len(c.Indicators))
		return
	case len(c.Indicators) == 1 && c.Indicators[0].ID == single:
		w.add(path, "không thể thêm chỉ tiêu %q: tiêu chí %d chỉ có một chỉ tiêu mang mã %q", id, n, single)
		return
	}
	c.Indicators = append(c.Indicators, ind)
}

// provinceSep separates the files of Set.Provinces.
const provinceSep = "; "

// ProvinceFiles are the files that corrected the set, in the order they
// were applied.
func (s *Set) ProvinceFiles() []string {
	if s.Provinces == "" {
		return nil
	}
	return strings.Split(s.Provinces, provinceSep)
}
