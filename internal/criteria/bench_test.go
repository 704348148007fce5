package criteria

import (
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/cputime"
)

// BenchmarkEvaluate judges one form of the embedded 2016-2020 set, every
// indicator given, as the pipeline does for each of 20,000 forms.
func BenchmarkEvaluate(b *testing.B) {
	c, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	s := c.Set("qd1980-2016")
	values := map[string]float64{}
	for _, ind := range s.Indicators() {
		values[ind.ID] = ind.ThresholdFor(BTB, 2020).Value
	}
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		if r := Evaluate(s, BTB, 2020, values); r.Total != NumCriteria {
			b.Fatal(r.Total)
		}
	}
	reportCPU(b, cpu)
}

// BenchmarkEmbedded parses the embedded data files, the cost paid once per
// run.
func BenchmarkEmbedded(b *testing.B) {
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		if _, err := loadEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cputime.Process()-start)/float64(b.N), "cpu-ns/op")
}
