package criteria

import (
	"fmt"
	"time"
)

// The rule of the dates, in one place:
//
//   - A set applies from its Effective day (the decision's "có hiệu lực
//     từ"; 1 January of FromYear when the data has no date) until the day
//     before the next set of the same level takes effect. The last set of
//     a level applies until 31 December of its ToYear.
//   - A plan is judged by the set in force on the plan's date; naming a
//     set that was not in force then is an error (NotInForce).
//   - An assessment period is judged by the set in force on the period's
//     last day (30 June or 31 December): a six-monthly report states
//     where the commune stands at its end. So 2021-H1 and 2021-H2 are
//     judged by QĐ 1980 (QĐ 318 took effect on 08/3/2022), 2022-H1 and
//     later by QĐ 318.

// day is t's calendar day as UTC midnight, so that dates compare by day
// whatever their location.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// effective is the day the set takes effect: Effective, else 1 January
// of FromYear.
func (s *Set) effective() time.Time {
	if !s.Effective.IsZero() {
		return day(s.Effective)
	}
	return time.Date(s.FromYear, time.January, 1, 0, 0, 0, 0, time.UTC)
}

// successor is the set of s's level that takes effect next after s, nil
// when there is none.
func (c *Catalogue) successor(s *Set) *Set {
	var next *Set
	for _, o := range c.Sets {
		if o == s || o.Level != s.Level || !o.effective().After(s.effective()) {
			continue
		}
		if next == nil || o.effective().Before(next.effective()) {
			next = o
		}
	}
	return next
}

// InForce is the set of level in force on date, nil when none is.
func (c *Catalogue) InForce(level string, date time.Time) *Set {
	d := day(date)
	var best *Set
	for _, s := range c.Sets {
		if s.Level != level || s.effective().After(d) {
			continue
		}
		if best == nil || s.effective().After(best.effective()) {
			best = s
		}
	}
	if best == nil {
		return nil
	}
	if c.successor(best) == nil && d.Year() > best.ToYear {
		return nil // the last set of the level has run its course
	}
	return best
}

// Until is the last day s is in force: the day before its successor
// takes effect, else 31 December of its ToYear.
func (c *Catalogue) Until(s *Set) time.Time {
	if next := c.successor(s); next != nil {
		return next.effective().AddDate(0, 0, -1)
	}
	return time.Date(s.ToYear, time.December, 31, 0, 0, 0, 0, time.UTC)
}

// NotInForce says, in Vietnamese, why s cannot be used on date: not yet
// in force, or replaced; "" when s is in force then. The message names
// the set that was in force instead, if any.
func (c *Catalogue) NotInForce(s *Set, date time.Time) string {
	d := day(date)
	from, until := s.effective(), c.Until(s)
	if !d.Before(from) && !d.After(until) {
		return ""
	}
	msg := ""
	if d.Before(from) {
		msg = fmt.Sprintf("bộ tiêu chí %s (%s) chỉ áp dụng từ ngày %s, sau ngày %s", s.ID, s.Decision, shortDate(from), shortDate(d))
	} else {
		msg = fmt.Sprintf("bộ tiêu chí %s (%s) chỉ áp dụng đến hết ngày %s, trước ngày %s", s.ID, s.Decision, shortDate(until), shortDate(d))
	}
	if other := c.InForce(s.Level, d); other != nil {
		msg += fmt.Sprintf("; ngày %s áp dụng bộ %s (%s)", shortDate(d), other.ID, other.Decision)
	} else {
		msg += fmt.Sprintf("; ngày %s không có bộ tiêu chí cấp %q nào trong danh mục", shortDate(d), s.Level)
	}
	return msg
}

// Start is the first day of the period, End its last.
func (p Period) Start() time.Time {
	return time.Date(p.Year, time.Month(6*(int(p.Half)-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// End is the last day of the period: 30 June or 31 December.
func (p Period) End() time.Time {
	if p.Half == H1 {
		return time.Date(p.Year, time.June, 30, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.Year, time.December, 31, 0, 0, 0, 0, time.UTC)
}

// ForPeriod is the set of level that judges the forms of period p: the
// one in force on the period's last day.
func (c *Catalogue) ForPeriod(level string, p Period) *Set {
	return c.InForce(level, p.End())
}

// RegionFor is the region whose column judges a commune of region r: the
// set's HardshipRegion when the commune is a xã đặc biệt khó khăn (or
// another commune the decision's rule names) and the set has such a rule,
// else r itself.
func (s *Set) RegionFor(r Region, hardship bool) Region {
	if hardship && s.HardshipRegion != "" {
		return s.HardshipRegion
	}
	return r
}

// Usable reports whether communes can be judged against s; when not, why
// (in Vietnamese, to print as "chưa đánh giá theo bộ tiêu chí …: why").
func (s *Set) Usable() (bool, string) {
	if s.Unusable != "" {
		return false, s.Unusable
	}
	return true, ""
}
