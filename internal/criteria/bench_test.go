package criteria

import (
	"syscall"
	"testing"
	"time"
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
	cpu := cpuTime()
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
	cpu := cpuTime()
	for b.Loop() {
		if _, err := loadEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// cpuTime is the process's user and system CPU time: on a shared machine
// wall time is noise, CPU time much less so.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
