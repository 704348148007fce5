package xlsx

import (
	"io"
	"testing"

	"github.com/ntm-project/ntm/internal/cputime"
)

// BenchmarkWorkbook renders the consolidated workbook of 2021-H1 at the
// scale of the sample, a province, a large province and the country,
// building the model on the way (as the pipeline does). It reports the
// CPU time per workbook (user+system, from getrusage), which the shared
// machine's wall time does not give reliably.
func BenchmarkWorkbook(b *testing.B) {
	cputime.EachScale(b, func(b *testing.B, n int) {
		fx := synthetic(b, n)
		b.ResetTimer()
		cpu0 := cputime.Process()
		for i := 0; i < b.N; i++ {
			if err := Render(io.Discard, fx.workbook(b, h2021)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
	})
}
