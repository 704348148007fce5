package plan

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user and system CPU time, which the shared
// machine's wall clock does not show.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoad loads the seed and the second sample: decoding, every
// check and the expansion of every template with stub names.
func BenchmarkLoad(b *testing.B) {
	for _, s := range []struct{ name, path string }{{"seed", samplePath}, {"snn-ha-tinh", "testdata/snn-ha-tinh.toml"}} {
		data, err := os.ReadFile(s.path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				if p, _ := Load("p.toml", data); p == nil {
					b.Fatal("does not load")
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
