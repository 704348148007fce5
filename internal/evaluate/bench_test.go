package evaluate

import (
	"fmt"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/assess"
	"github.com/ntm-project/ntm/internal/cputime"
	"github.com/ntm-project/ntm/internal/criteria"
	"github.com/ntm-project/ntm/internal/plan"
)

// scaleInput is a plan of n communes, all at NTM standard, and their
// forms for the baseline and the next period, every indicator met.
func scaleInput(b *testing.B, n int) (*plan.Plan, *criteria.Catalogue, []*assess.Assessment) {
	cat, err := criteria.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	set := cat.Set("qd1980-2016")
	p := &plan.Plan{File: "plan.toml", Document: plan.Document{Date: time.Date(2020, 12, 8, 0, 0, 0, 0, time.UTC)},
		Program: plan.Program{Region: "BTB"}}
	var as []*assess.Assessment
	for i := 0; i < n; i++ {
		c := plan.Commune{ID: fmt.Sprintf("xa-%05d", i), Name: fmt.Sprintf("Tân Lập %d", i), District: "Gio Linh", Status: "dat-chuan"}
		p.Communes = append(p.Communes, c)
		for _, per := range []criteria.Period{{Year: 2020, Half: criteria.H2}, {Year: 2021, Half: criteria.H1}} {
			a := &assess.Assessment{File: fmt.Sprintf("a/%s/%s.xlsx", per, c.ID), Commune: c.Name, District: c.District, Period: per, Set: set}
			for _, ind := range set.Indicators() {
				th := ind.ThresholdFor(criteria.BTB, per.Year)
				a.Values = append(a.Values, assess.Value{IndicatorID: ind.ID, Num: th.Value, Has: true})
			}
			as = append(as, a)
		}
	}
	return p, cat, as
}

// BenchmarkRun evaluates the forms of N communes, two periods each, at
// N = 4, 125, 1.000 and, without -short, 10.000.
func BenchmarkRun(b *testing.B) {
	cputime.EachScale(b, func(b *testing.B, n int) {
		p, cat, as := scaleInput(b, n)
		b.ResetTimer()
		for b.Loop() {
			if _, problems := Run(p, cat, as, "a"); problems.Errors() > 0 {
				b.Fatal(problems.Err())
			}
		}
	})
}
