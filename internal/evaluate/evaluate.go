package evaluate

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/plan"
	"golang.org/x/text/unicode/norm"
)

// Evaluation is one commune's assessment for one period, judged.
type Evaluation struct {
	Assessment *assess.Assessment
	Commune    *plan.Commune
	Set        *criteria.Set
	Region     criteria.Region
	Result     *criteria.Result
}

// Outcome is every evaluation, by period.
type Outcome struct {
	// Baseline is the period that holds the plan's date: the communes'
	// state when the plan was signed.
	Baseline criteria.Period
	// Periods lists the periods that have assessments, oldest first.
	Periods []criteria.Period
	// ByPeriod holds each period's evaluations in the plan's commune order.
	ByPeriod map[criteria.Period][]*Evaluation

	byKey map[key]*Evaluation // for Of
}

// key names one commune's form for one period.
type key struct {
	commune string // plan ID
	period  criteria.Period
}

// Of returns the evaluation of commune id in period p, or nil.
func (o *Outcome) Of(id string, p criteria.Period) *Evaluation {
	return o.byKey[key{id, p}]
}

// BaselineOf is the period that contains date's month.
func BaselineOf(p *plan.Plan) criteria.Period {
	h := criteria.H1
	if p.Document.Date.Month() > 6 {
		h = criteria.H2
	}
	return criteria.Period{Year: p.Document.Date.Year(), Half: h}
}

// Run evaluates the assessments as. dir is the assessments folder as
// shown to the user, used to name a missing form's expected place.
func Run(p *plan.Plan, cat *criteria.Catalogue, as []*assess.Assessment, dir string) (*Outcome, diag.List) {
	var problems diag.List
	out := &Outcome{Baseline: BaselineOf(p), ByPeriod: map[criteria.Period][]*Evaluation{}, byKey: map[key]*Evaluation{}}
	communes := indexCommunes(p)
	for _, a := range as {
		c := communes.match(a.Commune)
		if c == nil {
			problems.Add(a.CommunePos, "xã %q không có trong kế hoạch %s; các xã của kế hoạch: %s",
				a.Commune, p.File, communeNames(p))
			continue
		}
		if a.District != "" && c.District != "" && fold(a.District) != fold(c.District) {
			problems.Warn(a.CommunePos, "huyện %q khác với kế hoạch (xã %s thuộc huyện %s)", a.District, c.Name, c.District)
		}
		if dirPer, err := criteria.ParsePeriod(path.Base(path.Dir(filepath.ToSlash(a.File)))); err == nil && dirPer != a.Period {
			problems.Warn(a.PeriodPos, "biểu ghi kỳ %s nhưng nằm trong thư mục %s; ntm dùng kỳ ghi trong biểu", a.Period, dirPer)
		}
		k := key{c.ID, a.Period}
		if first, dup := out.byKey[k]; dup {
			problems.Add(a.PeriodPos, "biểu của xã %s kỳ %s trùng với tệp %s; mỗi xã mỗi kỳ chỉ một biểu", c.Name, a.Period, first.Assessment.File)
			continue
		}
		set := setFor(cat, a)
		if set == nil {
			problems.Add(a.PeriodPos, "không có bộ tiêu chí nào áp dụng cho năm %d; cần ghi \"Bộ tiêu chí:\" với một trong: %s",
				a.Period.Year, strings.Join(cat.IDs(), ", "))
			continue
		}
		region := RegionOf(p, c)
		if a.Region != "" && a.Region != region {
			problems.Warn(a.CommunePos, "biểu ghi vùng %s nhưng kế hoạch áp dụng vùng %s cho xã %s; ntm đánh giá theo vùng %s",
				a.Region, region, c.Name, region)
		}
		values := map[string]float64{}
		for _, v := range a.Values {
			if v.Has {
				values[v.IndicatorID] = v.Num
			}
		}
		res := criteria.Evaluate(set, region, a.Period.Year, values)
		compareVerdicts(&problems, a, res)
		warnUnfilled(&problems, a, res)
		e := &Evaluation{Assessment: a, Commune: c, Set: set, Region: region, Result: res}
		out.byKey[k] = e
		out.ByPeriod[a.Period] = append(out.ByPeriod[a.Period], e)
	}
	for per, evs := range out.ByPeriod {
		sort.SliceStable(evs, func(i, j int) bool { return communes.order[evs[i].Commune] < communes.order[evs[j].Commune] })
		out.Periods = append(out.Periods, per)
	}
	sort.Slice(out.Periods, func(i, j int) bool { return out.Periods[i].Before(out.Periods[j]) })
	checkCoverage(&problems, p, out, dir)
	checkBaseline(&problems, p, out)
	return out, problems
}

// setFor is the set the form names, or else the set in force in the
// period's year.
func setFor(cat *criteria.Catalogue, a *assess.Assessment) *criteria.Set {
	if a.Set != nil {
		return a.Set
	}
	if a.SetID != "" {
		return cat.Set(a.SetID)
	}
	return cat.ForYear("ntm", a.Period.Year)
}

// RegionOf is the commune's own region (a xã đặc biệt khó khăn may use
// TDMNPB's column) or else the program's.
func RegionOf(p *plan.Plan, c *plan.Commune) criteria.Region {
	if c.Region != "" {
		return criteria.Region(c.Region)
	}
	return criteria.Region(p.Program.Region)
}

// compareVerdicts warns where the commune's own "Đạt"/"Chưa đạt" differs
// from what its value gives against the threshold. It never resolves the
// difference: the computed verdict is used, and the clerk is told.
func compareVerdicts(problems *diag.List, a *assess.Assessment, res *criteria.Result) {
	byID := map[string]criteria.IndicatorResult{}
	for _, cr := range res.Criteria {
		for _, ir := range cr.Indicators {
			byID[ir.Indicator.ID] = ir
		}
	}
	for _, v := range a.Values {
		ir, ok := byID[v.IndicatorID]
		if !ok || v.Self == nil || !v.Has || *v.Self == ir.Met {
			continue
		}
		problems.Warn(v.SelfPos, "xã tự đánh giá chỉ tiêu %s là %q, nhưng kết quả %q so với chỉ tiêu %s là %s; ntm dùng kết quả tính được",
			v.IndicatorID, v.SelfRaw, v.Raw, ir.Threshold.Text, verdict(ir.Met))
	}
}

// warnUnfilled tells the clerk which indicators have no result: they
// count as not met, which may be a form not filled in rather than a fact.
func warnUnfilled(problems *diag.List, a *assess.Assessment, res *criteria.Result) {
	var ids []string
	for _, cr := range res.Criteria {
		for _, ir := range cr.Indicators {
			if !ir.Has {
				ids = append(ids, ir.Indicator.ID)
			}
		}
	}
	switch {
	case len(ids) == 0:
	case len(ids) > 10:
		problems.Warn(diag.Pos{File: a.File, Sheet: a.Sheet}, "biểu chưa điền kết quả của %d chỉ tiêu (%s, …); các tiêu chí của chúng được tính là chưa đạt",
			len(ids), strings.Join(ids[:10], ", "))
	default:
		problems.Warn(diag.Pos{File: a.File, Sheet: a.Sheet}, "chưa có kết quả của chỉ tiêu %s; tiêu chí của chúng được tính là chưa đạt", strings.Join(ids, ", "))
	}
}

func verdict(met bool) string {
	if met {
		return "Đạt"
	}
	return "Chưa đạt"
}

// checkCoverage requires a form from every commune for every period from
// the baseline to the latest period present.
func checkCoverage(problems *diag.List, p *plan.Plan, out *Outcome, dir string) {
	if len(out.Periods) == 0 {
		problems.Warn(diag.Pos{File: dir}, "chưa có biểu tự đánh giá nào; tạo biểu trống cho các xã bằng lệnh: ntm init -period %s", out.Baseline)
		return
	}
	last := out.Periods[len(out.Periods)-1]
	for per := out.Baseline; !last.Before(per); per = next(per) {
		for i := range p.Communes {
			c := &p.Communes[i]
			if out.Of(c.ID, per) == nil {
				problems.Add(diag.Pos{File: path.Join(dir, per.String())}, "thiếu biểu tự đánh giá của xã %s kỳ %s (%s)", c.Name, per, per.Label())
			}
		}
	}
}

func next(p criteria.Period) criteria.Period {
	if p.Half == criteria.H1 {
		return criteria.Period{Year: p.Year, Half: criteria.H2}
	}
	return criteria.Period{Year: p.Year + 1, Half: criteria.H1}
}

// checkBaseline compares, for each commune, the criteria the plan says
// it lacked with those its baseline assessment does not meet.
func checkBaseline(problems *diag.List, p *plan.Plan, out *Outcome) {
	for i := range p.Communes {
		c := &p.Communes[i]
		e := out.Of(c.ID, out.Baseline)
		if e == nil {
			continue
		}
		got := e.Result.MissingCriteria()
		want := slices.Clone(c.Missing)
		slices.Sort(want)
		if slices.Equal(got, want) {
			continue
		}
		problems.Add(p.Pos(fmt.Sprintf("communes[%d].missing", i)),
			"kế hoạch ghi xã %s chưa đạt tiêu chí %s, nhưng biểu kỳ gốc %s (%s) cho kết quả chưa đạt tiêu chí %s",
			c.Name, numbers(want), out.Baseline, e.Assessment.File, numbers(got))
	}
}

func numbers(ns []int) string {
	if len(ns) == 0 {
		return "(không có)"
	}
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// communeIndex finds the plan's communes by name and keeps their order:
// built once per run, since a national run matches 16,000 forms against
// 8,000 communes.
type communeIndex struct {
	byName map[string]*plan.Commune // folded name, and ID
	order  map[*plan.Commune]int
}

func indexCommunes(p *plan.Plan) communeIndex {
	x := communeIndex{byName: map[string]*plan.Commune{}, order: map[*plan.Commune]int{}}
	for i := range p.Communes {
		c := &p.Communes[i]
		x.order[c] = i
		for _, k := range []string{c.ID, fold(c.Name)} {
			if _, taken := x.byName[k]; !taken {
				x.byName[k] = c
			}
		}
	}
	return x
}

// match finds the commune named name, ignoring case, decomposition and a
// leading "xã"; the ID also matches.
func (x communeIndex) match(name string) *plan.Commune {
	n := strings.TrimPrefix(fold(name), "xã ")
	if c, ok := x.byName[n]; ok {
		return c
	}
	return nil
}

func communeNames(p *plan.Plan) string {
	names := make([]string, len(p.Communes))
	for i, c := range p.Communes {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}
