package plan

import (
	"os"
	"testing"

	"github.com/ntm-project/ntm/internal/cputime"
)

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
			start := cputime.Process()
			for i := 0; i < b.N; i++ {
				if p, _ := Load("p.toml", data); p == nil {
					b.Fatal("does not load")
				}
			}
			b.ReportMetric(float64(cputime.Process()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
