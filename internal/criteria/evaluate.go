package criteria

import (
	"fmt"
	"math"
	"strings"
)

// Epsilon absorbs floating-point noise when a value is compared with its
// threshold: 69.9999999 meets "≥70%".
const Epsilon = 1e-6

// Meets reports whether value v meets threshold th under the indicator's
// comparison. Values: bool 1 = Đạt, 0 = Chưa đạt; percent 0–100; money
// in triệu đồng; zero a count that must be 0. NaN never meets, nor does a
// threshold without a figure (th.Gap).
func Meets(ind *Indicator, th Threshold, v float64) bool {
	if th.Gap != GapNone || math.IsNaN(v) || math.IsNaN(th.Value) {
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

// Status is the outcome of an indicator or a criterion.
type Status int

// The outcomes. Undetermined is neither Đạt nor Chưa đạt: the threshold
// has no figure (the decision leaves it to the province and no province
// file gave it, or the data lacks it) or the set cannot be used.
const (
	NotMet       Status = iota // Chưa đạt (a value missing counts as not met)
	Met                        // Đạt
	Undetermined               // Chưa đánh giá được
)

// Label is the status as printed: "Đạt", "Chưa đạt", "Chưa đánh giá được".
func (s Status) Label() string {
	switch s {
	case Met:
		return "Đạt"
	case Undetermined:
		return "Chưa đánh giá được"
	}
	return "Chưa đạt"
}

// Result is the evaluation of one commune's values against a set.
type Result struct {
	Set          *Set
	Region       Region
	Year         int
	Criteria     []CriterionResult // in set order
	Met          int               // criteria Đạt
	Undetermined int               // criteria that could not be judged
	Total        int               // criteria in the set
	Group        Group             // the report group of Met
	// Unusable is the set's reason not to be used (Set.Usable); every
	// criterion is then Undetermined.
	Unusable string
}

// CriterionResult is one criterion's outcome.
type CriterionResult struct {
	Criterion *Criterion
	// Status: Met when every indicator is; NotMet when one is not (a
	// missing value included), whatever the others; else Undetermined.
	Status     Status
	Met        bool // Status == Met
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
	Status    Status
	// Verified: the threshold judged against was checked against the
	// decision's text (Indicator.VerifiedFor); false also for thresholds
	// without a figure.
	Verified bool
}

// Evaluate compares values (indicator ID → value) with the set's
// thresholds for region r in year. A missing value is not met and makes
// its criterion incomplete. A criterion is Đạt when all its indicators
// are, Chưa đạt when one is not, else (an indicator whose threshold has
// no figure, and none failing) Undetermined. Against a set that is not
// usable every criterion is Undetermined. Evaluate is pure: it changes
// neither the set nor values.
func Evaluate(s *Set, r Region, year int, values map[string]float64) *Result {
	res := &Result{Set: s, Region: r, Year: year, Total: len(s.Criteria), Unusable: s.Unusable,
		Criteria: make([]CriterionResult, 0, len(s.Criteria))}
	// One array holds the indicators of every criterion (a national run
	// judges 20.000 forms: one allocation each instead of twenty); each
	// criterion's slice of it is capped, so appending to one never
	// writes into the next.
	n := 0
	for _, c := range s.Criteria {
		n += len(c.Indicators)
	}
	all := make([]IndicatorResult, 0, n)
	for _, c := range s.Criteria {
		start := len(all)
		cr := CriterionResult{Criterion: c, Status: Met, Complete: true}
		if len(c.Indicators) == 0 {
			cr.Status = NotMet
		}
		for _, ind := range c.Indicators {
			th, ok := ind.Threshold(r, year)
			if !ok {
				th = Threshold{Value: math.NaN(), Text: TextUnknown, Gap: GapUnknown}
			}
			ir := IndicatorResult{Indicator: ind, Threshold: th}
			ir.Value, ir.Has = values[ind.ID]
			switch {
			case s.Unusable != "" || th.Gap != GapNone && ir.Has:
				ir.Status = Undetermined
			case !ir.Has:
				ir.Status = NotMet
			case Meets(ind, th, ir.Value):
				ir.Status, ir.Met = Met, true
			}
			ir.Verified = th.Gap == GapNone && (!numeric(ind.Kind) || ind.VerifiedFor(r))
			cr.Complete = cr.Complete && ir.Has
			switch {
			case ir.Status == NotMet:
				cr.Status = NotMet
			case ir.Status == Undetermined && cr.Status == Met:
				cr.Status = Undetermined
			}
			all = append(all, ir)
		}
		cr.Indicators = all[start:len(all):len(all)]
		if s.Unusable != "" {
			cr.Status = Undetermined
		}
		cr.Met = cr.Status == Met
		switch cr.Status {
		case Met:
			res.Met++
		case Undetermined:
			res.Undetermined++
		}
		res.Criteria = append(res.Criteria, cr)
	}
	res.Group = GroupOf(res.Met)
	return res
}

// MissingCriteria lists the numbers of the criteria judged Chưa đạt, in
// set order. Criteria that could not be judged are not in it: see
// UndeterminedCriteria.
func (r *Result) MissingCriteria() []int {
	var out []int
	for _, c := range r.Criteria {
		if c.Status == NotMet {
			out = append(out, c.Criterion.Number)
		}
	}
	return out
}

// UndeterminedCriteria lists the numbers of the criteria that could not
// be judged, in set order.
func (r *Result) UndeterminedCriteria() []int {
	var out []int
	for _, c := range r.Criteria {
		if c.Status == Undetermined {
			out = append(out, c.Criterion.Number)
		}
	}
	return out
}

// numeric reports whether thresholds of kind k are figures. A bool or zero
// indicator's threshold is its kind ("Đạt", "Không"): its verification is
// about the wording, and no judgement rests on an unverified figure.
func numeric(k Kind) bool { return k == KindPercent || k == KindMoney || k == KindNumber }

// Unverified lists the indicators of the result judged against a figure
// that was not verified against the decision's text, in set order: the
// judgements a report or workbook must mark.
func (r *Result) Unverified() []*IndicatorResult {
	var out []*IndicatorResult
	for i := range r.Criteria {
		for j := range r.Criteria[i].Indicators {
			ir := &r.Criteria[i].Indicators[j]
			if ir.Threshold.Gap == GapNone && !ir.Verified {
				out = append(out, ir)
			}
		}
	}
	return out
}

// Unverified lists the indicators of s whose threshold for region r in
// year is a figure not verified against the decision's text, in set order
// — what one warning per run names.
func (s *Set) Unverified(r Region, year int) []*Indicator {
	var out []*Indicator
	for _, c := range s.Criteria {
		for _, ind := range c.Indicators {
			if th, ok := ind.Threshold(r, year); ok && th.Gap == GapNone && numeric(ind.Kind) && !ind.VerifiedFor(r) {
				out = append(out, ind)
			}
		}
	}
	return out
}

// Gaps lists the indicators of s whose threshold for region r in year has
// no figure, in set order: they cannot be judged (see Gap.Reason).
func (s *Set) Gaps(r Region, year int) []*Indicator {
	var out []*Indicator
	for _, c := range s.Criteria {
		for _, ind := range c.Indicators {
			if th, ok := ind.Threshold(r, year); !ok || th.Gap != GapNone {
				out = append(out, ind)
			}
		}
	}
	return out
}

// UnverifiedNote is the one warning of a run about s for region r in
// year, "" when every threshold used is verified: which indicators, which
// set.
func (s *Set) UnverifiedNote(r Region, year int) string {
	inds := s.Unverified(r, year)
	if len(inds) == 0 {
		return ""
	}
	ids := make([]string, len(inds))
	for i, ind := range inds {
		ids[i] = ind.ID
	}
	return fmt.Sprintf("%d chỉ tiêu của bộ tiêu chí %s (vùng %s) được đánh giá theo ngưỡng chưa đối chiếu với văn bản quyết định: %s; các kết quả này được đánh dấu, cần kiểm tra lại ngưỡng trước khi dùng",
		len(ids), s.ID, r, strings.Join(ids, ", "))
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
