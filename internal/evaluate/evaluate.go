package evaluate

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/diag"
	"github.com/ntm-project/ntm/internal/plan"
)

// Evaluation is one commune's assessment for one period, judged.
type Evaluation struct {
	Assessment *assess.Assessment
	Commune    *plan.Commune
	Set        *criteria.Set
	Region     criteria.Region
	Result     *criteria.Result
	// Discrepancies are the indicators where the commune's own verdict
	// differs from the one computed from its value; the computed one
	// counts.
	Discrepancies []Discrepancy
	// Unverified lists, in set order, the indicators whose judgement
	// rests on a threshold marked verified = false in the criteria data.
	Unverified []string
	// FromVerdict lists the indicators whose result cell held no figure
	// (blank, or a description) so that the commune's own verdict was
	// used: the judgement cannot be checked against the threshold.
	FromVerdict []string
	// Advanced is the judgement against the nâng cao set in force for
	// the period, for a commune whose target is nâng cao or kiểu mẫu,
	// when that set can be used; nil otherwise (Outcome.AdvancedNote says
	// why).
	Advanced *criteria.Result
}

// Discrepancy is one indicator where the commune's verdict and the
// computed one differ.
type Discrepancy struct {
	IndicatorID string
	Self        bool   // the commune's verdict (Đạt = true)
	Computed    bool   // from the value against the threshold
	SelfRaw     string // the verdict as written
	Raw         string // the value as written
	Threshold   string // the threshold as printed, "≥70%"
	Pos         diag.Pos
}

// Outcome is every evaluation, by period.
type Outcome struct {
	// Baseline is the period that holds the plan's date: the communes'
	// state when the plan was signed.
	Baseline criteria.Period
	// Periods lists the periods that have at least one returned form,
	// oldest first.
	Periods []criteria.Period
	// ByPeriod holds each period's evaluations in the plan's commune order.
	ByPeriod map[criteria.Period][]*Evaluation
	// NotReturned lists, for every period from the baseline to the latest
	// one with forms, the communes (in plan order) that returned no form
	// or a blank one ("chưa nộp"). They are left out of every count.
	NotReturned map[criteria.Period][]*plan.Commune
	// Unverified lists, once per set, the indicators judged somewhere in
	// this run on thresholds marked unverified.
	Unverified []UnverifiedUse
	// AdvancedNote says, when communes aim at nâng cao or kiểu mẫu but
	// the nâng cao set cannot be used yet, that they were not judged
	// against it and why; "" otherwise.
	AdvancedNote string

	byKey map[key]*Evaluation // for Of
}

// UnverifiedUse is the indicators of one set whose judgements in a run
// rest on unverified thresholds.
type UnverifiedUse struct {
	Set        *criteria.Set
	Indicators []string // in set order
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

// Previous is the last period before p that has forms.
func (o *Outcome) Previous(p criteria.Period) (criteria.Period, bool) {
	i := sort.Search(len(o.Periods), func(i int) bool { return !o.Periods[i].Before(p) })
	if i == 0 {
		return criteria.Period{}, false
	}
	return o.Periods[i-1], true
}

// Latest is the last period that has forms.
func (o *Outcome) Latest() (criteria.Period, bool) {
	if len(o.Periods) == 0 {
		return criteria.Period{}, false
	}
	return o.Periods[len(o.Periods)-1], true
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
	out, problems, _ := RunContext(context.Background(), p, cat, as, dir)
	return out, problems
}

// RunContext is Run that stops, returning ctx's error, when ctx is done.
func RunContext(ctx context.Context, p *plan.Plan, cat *criteria.Catalogue, as []*assess.Assessment, dir string) (*Outcome, diag.List, error) {
	var problems diag.List
	out := &Outcome{Baseline: BaselineOf(p), ByPeriod: map[criteria.Period][]*Evaluation{},
		NotReturned: map[criteria.Period][]*plan.Commune{}, byKey: map[key]*Evaluation{}}
	communes := indexCommunes(p)
	blank := map[key]*assess.Assessment{}
	unverified := map[*criteria.Set]map[string]bool{}
	advancedWhy := map[string]string{} // set ID → why it cannot be used
	var advancedWho []string
	var pending []*Evaluation // resolved forms, judged below
	// Whose form each one is, on every core (names folded and matched:
	// a national run resolves 20.000 forms); what it finds is taken in
	// the forms' order below.
	found := make([]resolution, len(as))
	if err := each(ctx, len(as), func(i int) { found[i] = resolveForm(communes, p, as[i]) }); err != nil {
		return nil, problems, err
	}
	for i, a := range as {
		r := &found[i]
		problems.Append(r.problems)
		if r.commune == nil {
			continue
		}
		c := r.commune
		if r.otherDistrict {
			problems.Warn(a.CommunePos, "huyện %q khác với kế hoạch (xã %s thuộc huyện %s)", a.District, c.Name, c.District)
		}
		if dirPer, err := criteria.ParsePeriod(path.Base(path.Dir(filepath.ToSlash(a.File)))); err == nil && dirPer != a.Period && a.PeriodSource != assess.SourceFolder {
			problems.Warn(a.PeriodPos, "biểu ghi kỳ %s nhưng nằm trong thư mục %s; ntm dùng kỳ ghi trong biểu", a.Period, dirPer)
		}
		if msg := periodProblem(p, out.Baseline, a.Period); msg != "" {
			problems.Add(a.PeriodPos, "%s", msg)
			continue
		}
		k := key{c.ID, a.Period}
		if first, dup := out.byKey[k]; dup {
			problems.Add(a.PeriodPos, "biểu của xã %s kỳ %s trùng với tệp %s; mỗi xã mỗi kỳ chỉ một biểu", c.Name, a.Period, first.Assessment.File)
			continue
		}
		if first, dup := blank[k]; dup {
			problems.Add(a.PeriodPos, "biểu của xã %s kỳ %s trùng với tệp %s; mỗi xã mỗi kỳ chỉ một biểu", c.Name, a.Period, first.File)
			continue
		}
		if r.blank {
			// A form sent out by `ntm init` and not filled in: not
			// returned, not a commune that met nothing.
			blank[k] = a
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
		e := &Evaluation{Assessment: a, Commune: c, Set: set, Region: region}
		out.byKey[k] = e
		out.ByPeriod[a.Period] = append(out.ByPeriod[a.Period], e)
		pending = append(pending, e)
	}
	// Judging the forms is pure and independent: on every core. The
	// problems of each form are merged after (the list is sorted by
	// position when printed, so the order of merging does not show).
	judged := make([]judgement, len(pending))
	if err := each(ctx, len(pending), func(i int) { judged[i] = judge(cat, pending[i]) }); err != nil {
		return nil, problems, err
	}
	for i, j := range judged {
		e := pending[i]
		problems.Append(j.problems)
		if len(e.Unverified) > 0 {
			m := unverified[e.Set]
			if m == nil {
				m = map[string]bool{}
				unverified[e.Set] = m
			}
			for _, id := range e.Unverified {
				m[id] = true
			}
		}
		if j.advancedSet != "" {
			advancedWhy[j.advancedSet] = j.advancedWhy
			advancedWho = append(advancedWho, e.Commune.Name)
		}
	}
	for per, evs := range out.ByPeriod {
		sort.SliceStable(evs, func(i, j int) bool { return communes.order[evs[i].Commune] < communes.order[evs[j].Commune] })
		out.Periods = append(out.Periods, per)
	}
	sort.Slice(out.Periods, func(i, j int) bool { return out.Periods[i].Before(out.Periods[j]) })
	checkCoverage(&problems, p, out, dir)
	checkBaseline(&problems, p, out)
	out.Unverified = unverifiedUses(unverified)
	if len(advancedWhy) > 0 {
		ids := make([]string, 0, len(advancedWhy))
		for id := range advancedWhy {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		slices.Sort(advancedWho)
		advancedWho = slices.Compact(advancedWho)
		out.AdvancedNote = fmt.Sprintf("chưa đánh giá theo bộ tiêu chí nâng cao (%s): %s; các xã có mục tiêu nâng cao hoặc kiểu mẫu (%s) chỉ được đánh giá theo bộ tiêu chí xã nông thôn mới",
			strings.Join(ids, ", "), advancedWhy[ids[0]], list(advancedWho, 10))
		problems.Warn(diag.Pos{}, "%s", out.AdvancedNote)
	}
	for _, u := range out.Unverified {
		problems.Warn(diag.Pos{}, "các đánh giá chỉ tiêu %s (bộ tiêu chí %s) dựa trên ngưỡng chưa được đối chiếu với văn bản gốc (verified = false trong dữ liệu tiêu chí); các văn bản đánh dấu các kết quả này",
			list(u.Indicators, 20), u.Set.ID)
	}
	return out, problems, nil
}

// resolution is whose form a form is (nil when it cannot be told), with
// what resolving it found to say, whether it names another district than
// the plan's, and whether it is blank.
type resolution struct {
	commune       *plan.Commune
	problems      diag.List
	otherDistrict bool
	blank         bool
}

func resolveForm(communes communeIndex, p *plan.Plan, a *assess.Assessment) resolution {
	var r resolution
	c, ok := communes.resolve(&r.problems, p, a)
	if !ok {
		return r
	}
	r.commune = c
	r.otherDistrict = a.District != "" && c.District != "" && fold(a.District) != fold(c.District)
	r.blank = isBlank(a)
	return r
}

// judgement is what judging one form adds besides its Evaluation's
// fields: its problems, and why the nâng cao set could not be used.
type judgement struct {
	problems                 diag.List
	advancedSet, advancedWhy string
}

// valueMaps holds the maps judge fills with a form's values.
var valueMaps sync.Pool

// judge evaluates e's form against its set and region, and against the
// nâng cao set for a commune that aims at it.
func judge(cat *criteria.Catalogue, e *Evaluation) judgement {
	var j judgement
	a, c := e.Assessment, e.Commune
	// The values by indicator, in a map reused from form to form
	// (criteria.Evaluate keeps no reference to it).
	vp, _ := valueMaps.Get().(*map[string]float64)
	if vp == nil {
		m := make(map[string]float64, len(a.Values))
		vp = &m
	}
	defer valueMaps.Put(vp)
	values := *vp
	clear(values)
	for _, v := range a.Values {
		if v.Has {
			values[v.IndicatorID] = v.Num
		}
	}
	res := criteria.Evaluate(e.Set, e.Region, a.Period.Year, values)
	e.Result = res
	e.Discrepancies = discrepancies(a, res)
	for _, d := range e.Discrepancies {
		j.problems.Warn(d.Pos, "xã tự đánh giá chỉ tiêu %s là %q, nhưng kết quả %q so với chỉ tiêu %s là %s; ntm dùng kết quả tính được",
			d.IndicatorID, d.SelfRaw, d.Raw, d.Threshold, verdict(d.Computed))
	}
	e.Unverified = unverifiedOf(res)
	e.FromVerdict = fromVerdict(a)
	if aimsHigher(c) {
		switch adv := cat.ForPeriod("nang-cao", a.Period); {
		case adv == nil:
			j.advancedSet = "kỳ " + a.Period.String()
			j.advancedWhy = "dữ liệu tiêu chí không có bộ tiêu chí xã nông thôn mới nâng cao áp dụng cho kỳ này"
		default:
			if ok, why := adv.Usable(); ok {
				e.Advanced = criteria.Evaluate(adv, adv.RegionFor(e.Region, false), a.Period.Year, values)
			} else {
				j.advancedSet, j.advancedWhy = adv.ID, why
			}
		}
	}
	warnUnfilled(&j.problems, a, res)
	return j
}

// each runs do(i) for i in [0, n) on every core; it stops early, with
// ctx's error, when ctx is done.
func each(ctx context.Context, n int, do func(i int)) error {
	workers := min(runtime.GOMAXPROCS(0), max(n/64, 1))
	var next atomic.Int64
	var wg sync.WaitGroup
	var crash atomic.Pointer[workerPanic]
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				// A panic here is a bug of ntm: carried to the caller's
				// goroutine, where the command reports it as one.
				if v := recover(); v != nil {
					crash.CompareAndSwap(nil, &workerPanic{v, debug.Stack()})
				}
			}()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || i%256 == 0 && ctx.Err() != nil {
					return
				}
				do(i)
			}
		}()
	}
	wg.Wait()
	if c := crash.Load(); c != nil {
		panic(fmt.Sprintf("%v\n[goroutine trước]\n%s", c.value, c.stack))
	}
	return ctx.Err()
}

type workerPanic struct {
	value any
	stack []byte
}

// aimsHigher reports a commune whose target or status is beyond the NTM
// standard: nâng cao or kiểu mẫu.
func aimsHigher(c *plan.Commune) bool {
	switch c.Target {
	case "nang-cao", "kieu-mau":
		return true
	}
	return c.Status == "nang-cao" || c.Status == "kieu-mau"
}

// periodProblem says why a form's period cannot belong to the plan: a
// year outside the plan's years, or a period before its baseline.
func periodProblem(p *plan.Plan, baseline, per criteria.Period) string {
	g := p.Program
	if g.StartYear > 0 && per.Year < g.StartYear || g.EndYear > 0 && per.Year > g.EndYear {
		return fmt.Sprintf("kỳ %s nằm ngoài các năm của kế hoạch (%d–%d, khóa program.start_year, program.end_year); kiểm tra năm ghi trong biểu", per, g.StartYear, g.EndYear)
	}
	if per.Before(baseline) {
		return fmt.Sprintf("kỳ %s trước kỳ gốc %s của kế hoạch (kỳ chứa ngày ban hành kế hoạch); kiểm tra năm ghi trong biểu", per, baseline)
	}
	return ""
}

// isBlank reports a form that has no result and no verdict at all: sent
// out and not filled in.
func isBlank(a *assess.Assessment) bool {
	if a.Blank {
		return true
	}
	for _, v := range a.Values {
		if v.Has || v.Self != nil || strings.TrimSpace(v.Raw) != "" {
			return false
		}
	}
	return true
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
	return cat.ForPeriod("ntm", a.Period)
}

// RegionOf is the commune's own region (a xã đặc biệt khó khăn may use
// TDMNPB's column) or else the program's.
func RegionOf(p *plan.Plan, c *plan.Commune) criteria.Region {
	if c.Region != "" {
		return criteria.Region(c.Region)
	}
	return criteria.Region(p.Program.Region)
}

// discrepancies lists where the commune's own "Đạt"/"Chưa đạt" differs
// from what its value gives against the threshold. It never resolves the
// difference: the computed verdict is used, and the clerk is told.
func discrepancies(a *assess.Assessment, res *criteria.Result) []Discrepancy {
	var out []Discrepancy
	for _, v := range a.Values {
		if v.Self == nil || !v.Has {
			continue
		}
		ir, ok := indicatorResult(res, v.IndicatorID)
		// Where the threshold has no figure nothing was computed that the
		// commune's verdict could contradict.
		if !ok || ir.Status == criteria.Undetermined || *v.Self == ir.Met {
			continue
		}
		out = append(out, Discrepancy{IndicatorID: v.IndicatorID, Self: *v.Self, Computed: ir.Met,
			SelfRaw: v.SelfRaw, Raw: v.Raw, Threshold: ir.Threshold.Text, Pos: a.Pos(v.SelfCell)})
	}
	return out
}

// unverifiedOf lists the indicators of res judged on a threshold that the
// criteria data marks as not verified for the region judged.
func unverifiedOf(res *criteria.Result) []string {
	irs := res.Unverified()
	if len(irs) == 0 {
		return nil
	}
	out := make([]string, len(irs))
	for i, ir := range irs {
		out[i] = ir.Indicator.ID
	}
	return out
}

func unverifiedUses(m map[*criteria.Set]map[string]bool) []UnverifiedUse {
	var out []UnverifiedUse
	for s, ids := range m {
		u := UnverifiedUse{Set: s}
		for _, ind := range s.Indicators() {
			if ids[ind.ID] {
				u.Indicators = append(u.Indicators, ind.ID)
			}
		}
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Set.ID < out[j].Set.ID })
	return out
}

// fromVerdict lists the indicators whose result was taken from the
// commune's verdict because the value was not a figure.
func fromVerdict(a *assess.Assessment) []string {
	var out []string
	for _, v := range a.Values {
		if v.FromVerdict {
			out = append(out, v.IndicatorID)
		}
	}
	return out
}

// indicatorResult finds the result of indicator id in res.
func indicatorResult(res *criteria.Result, id string) (criteria.IndicatorResult, bool) {
	for _, cr := range res.Criteria {
		if cr.Criterion.Number != criterionOf(id) {
			continue
		}
		for _, ir := range cr.Indicators {
			if ir.Indicator.ID == id {
				return ir, true
			}
		}
	}
	return criteria.IndicatorResult{}, false
}

// criterionOf is the criterion number of an indicator ID ("17.6" → 17).
func criterionOf(id string) int {
	n := 0
	for _, r := range id {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
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

// checkCoverage finds, for every period from the baseline to the latest
// period with forms, the communes that returned no form (or a blank one):
// "chưa nộp". They are warnings, one per period, so that sending the
// forms out never blocks the documents of the communes that answered.
func checkCoverage(problems *diag.List, p *plan.Plan, out *Outcome, dir string) {
	last, ok := out.Latest()
	if !ok {
		problems.Warn(diag.Pos{File: dir}, "chưa có biểu tự đánh giá nào; tạo biểu trống cho các xã bằng lệnh: ntm init -period %s", out.Baseline)
		return
	}
	for per := out.Baseline; !last.Before(per); per = per.Next() {
		var missing []*plan.Commune
		for i := range p.Communes {
			c := &p.Communes[i]
			if out.Of(c.ID, per) == nil {
				missing = append(missing, c)
			}
		}
		if len(missing) == 0 {
			continue
		}
		out.NotReturned[per] = missing
		where := diag.Pos{File: path.Join(dir, per.String())}
		if len(missing) == len(p.Communes) {
			problems.Warn(where, "kỳ %s (%s) chưa có biểu nào của %d xã; các văn bản của kỳ này ghi các xã là chưa nộp biểu", per, per.Label(), len(missing))
			continue
		}
		names := make([]string, len(missing))
		for i, c := range missing {
			names[i] = c.Name
		}
		problems.Warn(where, "kỳ %s (%s): %d xã chưa nộp biểu tự đánh giá (không có tệp hoặc biểu để trống): %s; các xã này không được tính vào số liệu của kỳ",
			per, per.Label(), len(missing), list(names, 30))
	}
}

// list joins up to n items and says how many more there are.
func list(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" (và %d mục khác)", len(items)-n)
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
