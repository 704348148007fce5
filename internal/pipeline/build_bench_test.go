package pipeline

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/cputime"
	"github.com/ntm-project/ntm/internal/demo"
)

// BenchmarkBuild times a whole build from scratch (read, judge, every
// document, packages, register, archive) of `ntm demo` inputs of N
// communes × 2 periods, at the sample's size, a province, a large
// province and the country (without -short). It reports the CPU time
// per build besides the wall time, which the shared machine's load
// distorts; scripts/measure.sh measures the same runs as whole
// processes.
func BenchmarkBuild(b *testing.B) {
	cputime.EachScale(b, func(b *testing.B, n int) {
		ctx := context.Background()
		in := b.TempDir()
		if _, _, err := Demo(ctx, in, demo.Options{Communes: n, Periods: 2, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			out, err := os.MkdirTemp(b.TempDir(), "out")
			if err != nil {
				b.Fatal(err)
			}
			c0 := cputime.Process()
			b.StartTimer()
			if _, err := Build(ctx, Config{In: in, Out: out}); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			cpu += cputime.Process() - c0
			os.RemoveAll(out)
			b.StartTimer()
		}
		b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
	})
}
