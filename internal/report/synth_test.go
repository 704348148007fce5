package report

import (
	"fmt"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/evaluate"
	"github.com/ntm-project/ntm/internal/plan"
)

// synthPlan is a plan of n communes spread over districts, judged by
// QĐ 1980 in region BTB, signed on 08/12/2020 (baseline 2020-H2). The
// communes alternate between "not yet NTM, target 2025" and "NTM, keep".
func synthPlan(n, districts int) *plan.Plan {
	p := &plan.Plan{
		File: "plan.toml",
		Document: plan.Document{
			ParentAgency: "UBND tỉnh Quảng Trị", Agency: "Sở Kế hoạch và Đầu tư", AgencyName: "Sở Kế hoạch và Đầu tư",
			AgencyShort: "SKH", Type: "Kế hoạch", Number: 2071, Symbol: "SKH-KTN", Place: "Quảng Trị",
			Date: time.Date(2020, 12, 8, 0, 0, 0, 0, time.UTC), Title: "Thực hiện công tác phụ trách, đỡ đầu",
		},
		Program:    plan.Program{Province: "Quảng Trị", Region: "BTB", CriteriaSet: "qd1980-2016", StartYear: 2020, EndYear: 2025},
		Recipients: []plan.Recipient{{Line: "UBND tỉnh (b/c)", Addressees: []plan.Addressee{{Name: "UBND tỉnh Quảng Trị"}}}, {Line: "VPĐP NTM tỉnh"}},
		Archive:    "VT, KTN",
		Signer:     plan.Signer{Authority: "KT. GIÁM ĐỐC", Position: "PHÓ GIÁM ĐỐC", Name: "Trương Chí Trung"},
	}
	for i := range n {
		c := plan.Commune{
			ID: fmt.Sprintf("xa-%d", i+1), Name: fmt.Sprintf("Xã Thử %d", i+1),
			District: fmt.Sprintf("Huyện Thử %d", i%districts+1), Status: "chua-dat", Target: "dat-chuan", TargetYear: 2025,
		}
		c.Name = fmt.Sprintf("Thử %d", i+1)
		c.District = fmt.Sprintf("Thử %d", i%districts+1)
		if i%2 == 1 {
			c.Status, c.Target, c.TargetYear = "dat-chuan", "nang-cao-chat-luong", 0
		}
		p.Communes = append(p.Communes, c)
	}
	return p
}

// form is one synthetic form: the commune fails the first indicator of
// each criterion in missing, and gives the wrong verdict on the
// indicators in selfWrong.
type form struct {
	commune   *plan.Commune
	per       criteria.Period
	set       *criteria.Set
	missing   []int
	selfWrong []string
}

func (f form) assessment(region criteria.Region) *assess.Assessment {
	a := &assess.Assessment{
		File: fmt.Sprintf("assessments/%s/%s.xlsx", f.per, f.commune.ID), Sheet: "Tự đánh giá",
		Commune: f.commune.Name, District: f.commune.District, Period: f.per, SetID: f.set.ID, Set: f.set,
	}
	fail := map[int]bool{}
	for _, n := range f.missing {
		fail[n] = true
	}
	wrong := map[string]bool{}
	for _, id := range f.selfWrong {
		wrong[id] = true
	}
	for _, c := range f.set.Criteria {
		for j, ind := range c.Indicators {
			th := ind.ThresholdFor(region, f.per.Year)
			v, met := th.Value, true
			if fail[c.Number] && j == 0 {
				met = false
				switch ind.Op {
				case criteria.GE:
					v = th.Value - 1
				default:
					v = th.Value + 1
				}
			}
			self := met != wrong[ind.ID]
			a.Values = append(a.Values, assess.Value{
				IndicatorID: ind.ID, Raw: fmt.Sprint(v), Num: v, Has: true, Self: &self, SelfRaw: verdictText(self),
				Cell: assess.Cell{Row: int32(14 + len(a.Values)), Col: 7}, SelfCell: assess.Cell{Row: int32(14 + len(a.Values)), Col: 8},
			})
		}
	}
	return a
}

// run judges the forms with the real evaluation.
func run(t testing.TB, p *plan.Plan, forms []form) *evaluate.Outcome {
	t.Helper()
	var as []*assess.Assessment
	for _, f := range forms {
		as = append(as, f.assessment(evaluate.RegionOf(p, f.commune)))
	}
	o, probs := evaluate.Run(p, catalogue(t), as, "assessments")
	_ = probs // coverage and baseline warnings are expected for partial data
	return o
}

// catalogue is the sample's: the embedded sets with the sample
// province's figures (criterion 2 of QĐ 1980 is left to the province).
func catalogue(t testing.TB) *criteria.Catalogue {
	t.Helper()
	cat, err := criteria.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if ps := cat.ApplyDir("../../input/criteria"); ps.Errors() > 0 {
		t.Fatal(ps.Err())
	}
	return cat
}

var (
	h2020 = criteria.Period{Year: 2020, Half: criteria.H2}
	h2021 = criteria.Period{Year: 2021, Half: criteria.H1}
	y2021 = criteria.Period{Year: 2021, Half: criteria.H2}
	h2022 = criteria.Period{Year: 2022, Half: criteria.H1}
)

// synthRun is a plan of n communes in n/14 districts, each with a form
// for 2020-H2 and one for 2021-H1 missing other criteria, judged.
func synthRun(tb testing.TB, n int) (*plan.Plan, *evaluate.Outcome) {
	set := catalogue(tb).Set("qd1980-2016")
	p := synthPlan(n, max(n/14, 1))
	var forms []form
	for i := range p.Communes {
		forms = append(forms, form{commune: &p.Communes[i], per: h2020, set: set, missing: []int{i%19 + 1, (i+7)%19 + 1}},
			form{commune: &p.Communes[i], per: h2021, set: set, missing: []int{(i+7)%19 + 1}})
	}
	return p, run(tb, p, forms)
}
