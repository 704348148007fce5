package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/plan"
	"github.com/ntm-project/ntm/internal/vnfmt"
	"golang.org/x/text/unicode/norm"
)

// This file gathers the facts the progress reports print: for each
// commune, what it meets now and before, what changed, what still lacks
// for its target and whether it is on track; for the period, the groups,
// the average and the communes without a form. The sentence templates
// receive these structs. Every number a template sees is a float64 (a
// {{range}} cannot loop over one), every date a Date and every
// criterion a Crit, so a template can print them but not compute with
// them.

// CommuneFacts is one commune in one period, as the sentences need it.
type CommuneFacts struct {
	Name     string // "xã Gio Mai", with "(huyện Gio Linh)" when another commune of the plan has the same name
	District string // "huyện Gio Linh", "" when the plan gives none
	Period   string // "6 tháng đầu năm 2021"
	Returned bool   // a form with results was received for the period
	Met      float64
	Total    float64 // criteria in the set
	Group    string  // "Từ 15 đến 18 tiêu chí"
	Set      string  // the set's decision: "Quyết định số 1980/QĐ-TTg …"
	Region   string  // the region whose thresholds apply, "Bắc Trung Bộ"; "" for the national column
	Agency   string  // the sponsoring office, "Sở Kế hoạch và Đầu tư"

	HasPrev      bool
	PrevPeriod   string // "6 tháng cuối năm 2020"
	PrevMet      float64
	PrevTotal    float64
	Change       float64 // Met − PrevMet
	ChangeAbs    float64 // |Change|
	Increased    bool    // Change > 0
	Decreased    bool    // Change < 0
	SetChanged   bool    // the previous period was judged by another set (compared by criterion number)
	PrevSet      string
	Newly        []Crit // met now, not met before
	Lost         []Crit // met before, not met now
	Lacking      []Crit // not met now (Chưa đạt)
	LackingCount float64
	// Undetermined are the criteria that could not be judged now: a
	// threshold without a figure (left to the province, or not in the
	// data yet). They are neither met nor lacking.
	Undetermined      []Crit
	UndeterminedCount float64

	// The target (plan.Commune.Target) and how the commune stands.
	Target      string  // "đạt chuẩn nông thôn mới", "giữ vững, nâng cao chất lượng các tiêu chí", …
	TargetYear  string  // "2025"; "" when the plan gives none
	Keep        bool    // the target is to keep the standard (the commune is already NTM)
	Reached     bool    // every criterion of the set is met
	OnTrack     bool    // lacking criteria within reach by the end of the target year at the observed pace
	Behind      bool    // lacking criteria out of reach at that pace, or a standard commune that lost criteria
	Missed      bool    // the target year has ended (this is its last period or later) and criteria still lack
	Unjudged    bool    // no pace yet: this is the commune's first period on file
	Pace        float64 // criteria gained per half-year since the commune's first period on file
	HalvesLeft  float64 // six-month periods after this one until the end of the target year
	NeededPace  float64 // criteria to gain per half-year to reach the target in time: LackingCount / HalvesLeft
	FirstPeriod string  // the period the pace is measured from

	Discrepancies    []Discrepancy // indicators where the commune's own verdict differs
	DiscrepancyCount float64
	Unverified       []string // indicator IDs whose threshold is not verified against the decision
	FromVerdict      []string // indicator IDs judged from the commune's own verdict (no figure)

	c    *plan.Commune
	eval *evaluate.Evaluation
	prev *evaluate.Evaluation
}

// Discrepancy is one indicator where the commune's own verdict differs
// from the computed one.
type Discrepancy struct {
	Indicator string // "2.2"
	Value     string // the result as the commune wrote it, "62,4%"
	Threshold string // "≥70%"
	Self      string // "Đạt"
	Computed  string // "Chưa đạt"
}

// GroupFacts is one group of communes by criteria met.
type GroupFacts struct {
	Label string // "Từ 15 đến 18 tiêu chí"
	Count float64
	Prev  float64
	Names []string // the communes of the group now
}

// SummaryFacts is the period as a whole.
type SummaryFacts struct {
	Agency                string // "Sở Kế hoạch và Đầu tư"
	Period                string // "6 tháng đầu năm 2021"
	ReportSpan            string // "6 tháng đầu năm 2021" or, for a second half, "năm 2021"
	NextPeriod            string // "6 tháng cuối năm 2021"
	Date                  Date   // the report's date
	Communes              float64
	Returned              float64
	HasPrev               bool
	PrevPeriod            string
	Groups                []GroupFacts
	Reached               float64 // communes meeting every criterion
	Average               float64 // criteria met per commune that returned a form
	PrevAverage           float64
	PrevReturned          float64 // communes with a form in the previous period
	AverageChange         float64
	AverageChangeAbs      float64  // |AverageChange|, rounded to 2 decimals
	AverageUp             bool     // the average rose (by at least 0,01)
	AverageDown           bool     // the average fell (by at least 0,01)
	NotReturned           []string // names of the communes without a form
	NotReturnedCount      float64
	SetChanged            bool
	Set                   string // this period's set(s)
	PrevSet               string
	Behind                []string // names of the communes behind their target
	BehindCount           float64
	Missed                []string // names of the communes whose target year ended short
	Unverified            []string // the indicators judged against an unverified threshold in some commune, in set order: "2.2", "17.1"
	UnverifiedCount       float64
	ByDistrict            bool    // the body summarises by district (more communes than the cut-off)
	LackingCommunes       float64 // communes that returned a form and still lack criteria
	DiscrepancyCommunes   float64 // communes whose self-assessment differs somewhere
	DiscrepancyIndicators float64 // indicators, over all communes, where it differs
	CutOff                float64
	Districts             float64
	PlanRef               string // "Kế hoạch số 2071/SKH-KTN ngày 08/12/2020"
	FirstPeriod           string // the baseline: "6 tháng cuối năm 2020"
}

// periodEnd is the last day of period p.
func periodEnd(p criteria.Period) time.Time {
	if p.Half == criteria.H1 {
		return time.Date(p.Year, 6, 30, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.Year, 12, 31, 0, 0, 0, 0, time.UTC)
}

// periodStart is the first day of period p.
func periodStart(p criteria.Period) time.Time {
	if p.Half == criteria.H1 {
		return time.Date(p.Year, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.Year, 7, 1, 0, 0, 0, 0, time.UTC)
}

// PeriodBounds is the first and last day of p, for narrative.LoadFile.
func PeriodBounds(p criteria.Period) (start, end time.Time) { return periodStart(p), periodEnd(p) }

// reportSpan is what a period's report covers: the first half, or for
// the second half the whole year.
func reportSpan(p criteria.Period) string {
	if p.Half == criteria.H2 {
		return "năm " + strconv.Itoa(p.Year)
	}
	return p.Label()
}

func next(p criteria.Period) criteria.Period {
	if p.Half == criteria.H1 {
		return criteria.Period{Year: p.Year, Half: criteria.H2}
	}
	return criteria.Period{Year: p.Year + 1, Half: criteria.H1}
}

// halves is the number of six-month steps from a to b (negative when b
// is before a).
func halves(a, b criteria.Period) int {
	return (b.Year-a.Year)*2 + int(b.Half) - int(a.Half)
}

// returned reports whether e is a returned form: evaluate leaves blank
// forms out of the outcome (Outcome.NotReturned), so any evaluation is
// one.
func returned(e *evaluate.Evaluation) bool { return e != nil }

// history is the commune's returned evaluations up to and including
// period p, oldest first, with their periods.
func history(o *evaluate.Outcome, id string, p criteria.Period) ([]criteria.Period, []*evaluate.Evaluation) {
	var ps []criteria.Period
	var es []*evaluate.Evaluation
	for _, q := range o.Periods {
		if p.Before(q) {
			break
		}
		if e := o.Of(id, q); returned(e) {
			ps = append(ps, q)
			es = append(es, e)
		}
	}
	return ps, es
}

// namer names communes in running text, adding the district where the
// plan has another commune of the same name.
type namer struct {
	count map[string]int
	plan  *plan.Plan
}

func newNamer(p *plan.Plan) namer {
	n := namer{count: map[string]int{}, plan: p}
	for i := range p.Communes {
		n.count[foldName(p.Communes[i].Name)]++
	}
	return n
}

func foldName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

func (n namer) name(c *plan.Commune) string {
	s := c.CommuneLabel()
	if n.count[foldName(c.Name)] > 1 && strings.TrimSpace(c.District) != "" {
		s += " (" + c.DistrictLabel() + ")"
	}
	return s
}

// targetText is the commune's target in running text.
func targetText(c *plan.Commune) (text string, keep bool) {
	switch c.Target {
	case "dat-chuan":
		return "đạt chuẩn nông thôn mới", false
	case "nang-cao-chat-luong":
		return "giữ vững, nâng cao chất lượng các tiêu chí nông thôn mới", true
	case "nang-cao":
		return "đạt chuẩn nông thôn mới nâng cao", c.Status != "chua-dat"
	case "kieu-mau":
		return "đạt chuẩn nông thôn mới kiểu mẫu", c.Status != "chua-dat"
	}
	if c.Status != "chua-dat" {
		return "giữ vững các tiêu chí nông thôn mới", true
	}
	return "đạt chuẩn nông thôn mới", false
}

func critOf(c *criteria.Criterion) Crit { return Crit{number: c.Number, name: c.Name} }

// communeFacts gathers what the sentences say about commune c in period p.
func communeFacts(o *evaluate.Outcome, c *plan.Commune, p criteria.Period, nm namer) *CommuneFacts {
	f := &CommuneFacts{Name: nm.name(c), Period: p.Label(), Agency: agencyName(nm.plan), c: c}
	if strings.TrimSpace(c.District) != "" {
		f.District = c.DistrictLabel()
	}
	f.Target, f.Keep = targetText(c)
	if c.TargetYear > 0 {
		f.TargetYear = strconv.Itoa(c.TargetYear)
	}
	ps, es := history(o, c.ID, p)
	if len(es) == 0 {
		return f
	}
	if ps[len(ps)-1] != p {
		// No form this period: the last one before it, for the tables.
		pe := es[len(es)-1]
		f.prev, f.HasPrev = pe, true
		f.PrevPeriod = ps[len(ps)-1].Label()
		f.PrevMet, f.PrevTotal = float64(pe.Result.Met), float64(pe.Result.Total)
		return f
	}
	e := es[len(es)-1]
	f.eval = e
	f.Returned = true
	r := e.Result
	f.Met, f.Total = float64(r.Met), float64(r.Total)
	f.Group = r.Group.Label()
	f.Set = setName(r.Set)
	if e.Region != criteria.Chung {
		f.Region = criteria.RegionName[e.Region]
	}
	for _, cr := range r.Criteria {
		switch cr.Status {
		case criteria.NotMet:
			f.Lacking = append(f.Lacking, critOf(cr.Criterion))
		case criteria.Undetermined:
			f.Undetermined = append(f.Undetermined, critOf(cr.Criterion))
		}
	}
	if len(es) > 1 {
		pe := es[len(es)-2]
		f.prev = pe
		f.HasPrev = true
		f.PrevPeriod = ps[len(ps)-2].Label()
		f.PrevMet, f.PrevTotal = float64(pe.Result.Met), float64(pe.Result.Total)
		f.Change = f.Met - f.PrevMet
		f.SetChanged = pe.Result.Set != r.Set && (pe.Result.Set == nil || r.Set == nil || pe.Result.Set.ID != r.Set.ID)
		f.PrevSet = setName(pe.Result.Set)
		before := map[int]criteria.Status{}
		for _, cr := range pe.Result.Criteria {
			before[cr.Criterion.Number] = cr.Status
		}
		// A criterion is newly met when it was not met before, and lost
		// when it was met and is now not met; a change to or from
		// "cannot be judged" is neither.
		for _, cr := range r.Criteria {
			was, known := before[cr.Criterion.Number]
			switch {
			case cr.Status == criteria.Met && (!known || was != criteria.Met):
				f.Newly = append(f.Newly, critOf(cr.Criterion))
			case cr.Status == criteria.NotMet && known && was == criteria.Met:
				f.Lost = append(f.Lost, critOf(cr.Criterion))
			}
		}
	}
	f.ChangeAbs = math.Abs(f.Change)
	f.Increased, f.Decreased = f.Change > 0, f.Change < 0
	f.LackingCount = float64(len(f.Lacking))
	f.UndeterminedCount = float64(len(f.Undetermined))
	f.FirstPeriod = ps[0].Label()
	judgeTrack(f, c, ps[0], p, es[0].Result.Met, r)
	f.Discrepancies = discrepancies(e)
	f.DiscrepancyCount = float64(len(f.Discrepancies))
	f.Unverified = e.Unverified
	f.FromVerdict = e.FromVerdict
	return f
}

// judgeTrack says whether the commune is on track for its target. The
// rule, printed once in each report (report/quy-tac-tien-do.tmpl):
//
//   - a commune that meets every criterion has reached the standard;
//   - a commune whose target is to keep the standard and that lacks
//     criteria is behind;
//   - otherwise, with a target year: the pace is the criteria gained per
//     half-year since the commune's first period on file; the commune is
//     on track when the criteria it lacks are at most the pace times the
//     half-years left until the end of the target year (its second half).
//     When that end has come (this is the target year's second half, or
//     later) and criteria still lack, the target is missed. In the first
//     period on file there is no pace: not judged.
func judgeTrack(f *CommuneFacts, c *plan.Commune, first, p criteria.Period, firstMet int, r *criteria.Result) {
	lacking := r.Total - r.Met
	if lacking <= 0 {
		f.Reached = true
		return
	}
	if f.Keep {
		f.Behind = true
		return
	}
	if c.TargetYear == 0 || r.Undetermined > 0 {
		// No target year, or criteria that cannot be judged: no pace
		// can be trusted.
		f.Unjudged = true
		return
	}
	left := halves(p, criteria.Period{Year: c.TargetYear, Half: criteria.H2})
	elapsed := halves(first, p)
	f.HalvesLeft = float64(max(left, 0))
	if elapsed > 0 {
		f.Pace = float64(r.Met-firstMet) / float64(elapsed)
	}
	switch {
	case left <= 0:
		f.Missed, f.Behind = true, true
	case elapsed == 0:
		f.Unjudged = true
	}
	if left > 0 {
		f.NeededPace = float64(lacking) / float64(left)
	}
	switch {
	case f.Missed, f.Unjudged:
	case f.Pace*float64(left) >= float64(lacking)-1e-9:
		f.OnTrack = true
	default:
		f.Behind = true
	}
}

// setName is the set as the report names it.
func setName(s *criteria.Set) string {
	if s == nil {
		return ""
	}
	if s.Decision != "" {
		return s.Decision
	}
	return s.Name
}

// discrepancies lists, as the sentences print them, the indicators
// whose self-assessment differs from the computed verdict.
func discrepancies(e *evaluate.Evaluation) []Discrepancy {
	out := make([]Discrepancy, 0, len(e.Discrepancies))
	for _, d := range e.Discrepancies {
		out = append(out, Discrepancy{
			Indicator: d.IndicatorID, Value: d.Raw, Threshold: d.Threshold,
			Self: verdictText(d.Self), Computed: verdictText(d.Computed),
		})
	}
	return out
}

func verdictText(met bool) string {
	if met {
		return "Đạt"
	}
	return "Chưa đạt"
}

// valueText prints an indicator's value as the tables show it.
func valueText(ind *criteria.Indicator, v float64) string {
	switch ind.Kind {
	case criteria.KindBool:
		return verdictText(v >= 0.5)
	case criteria.KindPercent:
		return vnfmt.Percent(v, 2)
	case criteria.KindZero:
		if math.Abs(v) < 1e-9 {
			return "Không"
		}
		return vnfmt.Number(v, 2)
	}
	return vnfmt.Number(v, 2)
}
