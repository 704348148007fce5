package criteria

import "math"

// Epsilon absorbs floating-point noise when a value is compared with its
// threshold: 69.9999999 meets "≥70%".
const Epsilon = 1e-6

// Meets reports whether value v meets threshold th under the indicator's
// comparison. Values: bool 1 = Đạt, 0 = Chưa đạt; percent 0–100; money
// in triệu đồng; zero a count that must be 0. NaN never meets.
func Meets(ind *Indicator, th Threshold, v float64) bool {
	if math.IsNaN(v) || math.IsNaN(th.Value) {
		return false
	}
	switch ind.Op {
	case GE:
		return v >= th.Value-Epsilon
	case LE:
		return v <= th.Value+Epsilon
	default: // EQ, and bool/zero
		return math.Abs(v-th.Value) <= Epsilon
	}
}

// Result is the evaluation of one commune's values against a set.
type Result struct {
	Set      *Set
	Region   Region
	Year     int
	Criteria []CriterionResult // in set order
	Met      int               // criteria Đạt
	Total    int               // criteria in the set
	Group    Group             // the report group of Met
}

// CriterionResult is one criterion's outcome.
type CriterionResult struct {
	Criterion  *Criterion
	Met        bool // every indicator is Đạt
	Complete   bool // every indicator has a value
	Indicators []IndicatorResult
}

// IndicatorResult is one indicator's outcome.
type IndicatorResult struct {
	Indicator *Indicator
	Threshold Threshold // for the region and year evaluated
	Value     float64
	Has       bool // a value was given
	Met       bool // Has and the value meets the threshold
}

// Evaluate compares values (indicator ID → value) with the set's
// thresholds for region r in year. A missing value is not met and makes
// its criterion incomplete. A criterion is Đạt when all its indicators
// are. Evaluate is pure: it changes neither the set nor values.
func Evaluate(s *Set, r Region, year int, values map[string]float64) *Result {
	res := &Result{Set: s, Region: r, Year: year, Total: len(s.Criteria)}
	for _, c := range s.Criteria {
		cr := CriterionResult{Criterion: c, Met: len(c.Indicators) > 0, Complete: true}
		for _, ind := range c.Indicators {
			ir := IndicatorResult{Indicator: ind, Threshold: ind.ThresholdFor(r, year)}
			ir.Value, ir.Has = values[ind.ID]
			ir.Met = ir.Has && Meets(ind, ir.Threshold, ir.Value)
			cr.Met = cr.Met && ir.Met
			cr.Complete = cr.Complete && ir.Has
			cr.Indicators = append(cr.Indicators, ir)
		}
		if cr.Met {
			res.Met++
		}
		res.Criteria = append(res.Criteria, cr)
	}
	res.Group = GroupOf(res.Met)
	return res
}

// MissingCriteria lists the numbers of the criteria not met, in set order.
func (r *Result) MissingCriteria() []int {
	var out []int
	for _, c := range r.Criteria {
		if !c.Met {
			out = append(out, c.Criterion.Number)
		}
	}
	return out
}

// Group is a report group of communes by the number of criteria met.
type Group int

// The groups, in the order of the reports' tables.
const (
	Group19     Group = iota // Đạt 19 tiêu chí
	Group15to18              // Từ 15 đến 18 tiêu chí
	Group10to14              // Từ 10 đến 14 tiêu chí
	Group5to9                // Từ 5 đến 9 tiêu chí
	GroupUnder5              // Dưới 5 tiêu chí
)

// Groups lists the groups in report order.
var Groups = []Group{Group19, Group15to18, Group10to14, Group5to9, GroupUnder5}

// GroupOf is the group of a commune that meets met criteria.
func GroupOf(met int) Group {
	switch {
	case met >= 19:
		return Group19
	case met >= 15:
		return Group15to18
	case met >= 10:
		return Group10to14
	case met >= 5:
		return Group5to9
	}
	return GroupUnder5
}

// Label is the group's Vietnamese row label in reports.
func (g Group) Label() string {
	switch g {
	case Group19:
		return "Đạt 19 tiêu chí"
	case Group15to18:
		return "Từ 15 đến 18 tiêu chí"
	case Group10to14:
		return "Từ 10 đến 14 tiêu chí"
	case Group5to9:
		return "Từ 5 đến 9 tiêu chí"
	}
	return "Dưới 5 tiêu chí"
}
