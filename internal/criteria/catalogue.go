package criteria

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"
	"time"

	"github.com/ntm-project/ntm/internal/diag"
)

//go:embed data/*.toml
var dataFS embed.FS

var (
	embeddedOnce sync.Once
	embedded     *Catalogue
	embeddedErr  error
)

// Embedded returns the national criteria sets shipped in the binary
// (data/*.toml), parsed once and returned as a fresh deep copy on every
// call, so the caller may Apply a province's corrections to it.
func Embedded() (*Catalogue, error) {
	embeddedOnce.Do(func() {
		embedded, embeddedErr = loadEmbedded()
	})
	if embeddedErr != nil {
		return nil, embeddedErr
	}
	return embedded.Clone(), nil
}

func loadEmbedded() (*Catalogue, error) {
	names, err := fs.Glob(dataFS, "data/*.toml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	c := &Catalogue{}
	var probs diag.List
	for _, name := range names {
		data, err := dataFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		s, p := ParseSet(path.Join("internal/criteria", name), data)
		probs.Append(p)
		if s == nil {
			continue
		}
		if c.Set(s.ID) != nil {
			probs.Add(diag.Pos{File: name, Key: "id"}, "mã bộ tiêu chí %q trùng với một bộ đã nạp", s.ID)
			continue
		}
		c.Sets = append(c.Sets, s)
	}
	// Order: by the day they take effect, then by level (ntm, nang-cao,
	// kieu-mau).
	sort.SliceStable(c.Sets, func(i, j int) bool {
		a, b := c.Sets[i], c.Sets[j]
		if ea, eb := a.effective(), b.effective(); !ea.Equal(eb) {
			return ea.Before(eb)
		}
		return levelRank(a.Level) < levelRank(b.Level)
	})
	if err := probs.Err(); err != nil {
		return nil, fmt.Errorf("dữ liệu bộ tiêu chí đi kèm chương trình bị lỗi:\n%w", err)
	}
	return c, nil
}

// Clone is a deep copy of the catalogue.
func (c *Catalogue) Clone() *Catalogue {
	out := &Catalogue{Sets: make([]*Set, len(c.Sets))}
	for i, s := range c.Sets {
		out.Sets[i] = s.Clone()
	}
	return out
}

// Clone is a deep copy of the set.
func (s *Set) Clone() *Set {
	out := *s
	out.Criteria = make([]*Criterion, len(s.Criteria))
	for i, c := range s.Criteria {
		cc := *c
		cc.Indicators = make([]*Indicator, len(c.Indicators))
		for j, ind := range c.Indicators {
			cc.Indicators[j] = ind.Clone()
		}
		out.Criteria[i] = &cc
	}
	return &out
}

// Clone is a deep copy of the indicator.
func (ind *Indicator) Clone() *Indicator {
	out := *ind
	out.Thresholds = cloneThresholds(ind.Thresholds)
	if ind.RegionVerified != nil {
		out.RegionVerified = make(map[Region]bool, len(ind.RegionVerified))
		for r, v := range ind.RegionVerified {
			out.RegionVerified[r] = v
		}
	}
	if ind.ByYear != nil {
		out.ByYear = make(map[int]map[Region]Threshold, len(ind.ByYear))
		for y, m := range ind.ByYear {
			out.ByYear[y] = cloneThresholds(m)
		}
	}
	return &out
}

func cloneThresholds(m map[Region]Threshold) map[Region]Threshold {
	if m == nil {
		return nil
	}
	out := make(map[Region]Threshold, len(m))
	for r, t := range m {
		out[r] = t
	}
	return out
}

// Set is the set with that ID, nil when there is none.
func (c *Catalogue) Set(id string) *Set {
	for _, s := range c.Sets {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// ForYear is the set of a level ("ntm", "nang-cao") in force on 31
// December of year (see InForce), nil when none is. Forms and reports of a
// period should use ForPeriod, which says which day counts.
func (c *Catalogue) ForYear(level string, year int) *Set {
	return c.InForce(level, time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC))
}

// IDs lists the catalogue's set IDs in order.
func (c *Catalogue) IDs() []string {
	ids := make([]string, len(c.Sets))
	for i, s := range c.Sets {
		ids[i] = s.ID
	}
	return ids
}

// Criterion is the criterion numbered n, nil when there is none.
func (s *Set) Criterion(n int) *Criterion {
	for _, c := range s.Criteria {
		if c.Number == n {
			return c
		}
	}
	return nil
}

// Indicator is the indicator with that ID ("2.1", "5"), nil when there
// is none.
func (s *Set) Indicator(id string) *Indicator {
	for _, c := range s.Criteria {
		for _, ind := range c.Indicators {
			if ind.ID == id {
				return ind
			}
		}
	}
	return nil
}

// Indicators lists every indicator of the set, in set order.
func (s *Set) Indicators() []*Indicator {
	var out []*Indicator
	for _, c := range s.Criteria {
		out = append(out, c.Indicators...)
	}
	return out
}

// ThresholdFor is the indicator's threshold for region r in year: the
// year's own value for r, else the year's national (chung) value, else
// the region's value, else the national value. The zero Threshold when
// the indicator has none (a parsed set always has a national value).
func (ind *Indicator) ThresholdFor(r Region, year int) Threshold {
	t, _ := ind.Threshold(r, year)
	return t
}

// Threshold is ThresholdFor that also says whether the data has a
// threshold at all (ok false: neither the year, the region nor the
// national column gives one), for forms that leave the cell blank then.
func (ind *Indicator) Threshold(r Region, year int) (Threshold, bool) {
	if m, ok := ind.ByYear[year]; ok {
		if t, ok := m[r]; ok {
			return t, true
		}
		if t, ok := m[Chung]; ok {
			return t, true
		}
	}
	if t, ok := ind.Thresholds[r]; ok {
		return t, true
	}
	t, ok := ind.Thresholds[Chung]
	return t, ok
}

func levelRank(l string) int {
	for i, v := range Levels {
		if v == l {
			return i
		}
	}
	return len(Levels)
}
