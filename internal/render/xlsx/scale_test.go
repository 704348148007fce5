package xlsx

import (
	"flag"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ntm-project/ntm/internal/cputime"
	"github.com/ntm-project/ntm/internal/report"
)

var (
	scaleN    = flag.Int("scale", 0, "TestScale: communes of the made-up plan (0: skip)")
	scaleWhat = flag.String("scale-what", "workbook", "TestScale: workbook (build the model and render it) or floor (bare StreamWriter, same rows)")
	scaleLive = flag.Bool("scale-live", false, "TestScale: sample the live heap (a GC every 20 ms) instead of the resident memory")
)

// TestScale measures one workbook of -scale communes in this process:
// CPU time, wall time and the resident memory the render adds, sampled
// every 5 ms (the evaluation it reads is resident before it starts). With
// -scale-what floor it writes the same rows with a bare excelize
// StreamWriter instead: no styles, formats, charts or print setup, the
// rows already in memory. Run each in its own process:
//
//	go test ./internal/render/xlsx -run TestScale -scale 10000 -scale-what workbook -v
func TestScale(t *testing.T) {
	if *scaleN == 0 {
		t.Skip("no -scale")
	}
	fx := synthetic(t, *scaleN)
	var floor []floorSheet
	if *scaleWhat == "floor" {
		floor = materialize(fx.workbook(t, h2021))
	}
	// measure is the resident memory, or with -scale-live the live heap
	// (after a collection): what the render holds, without the garbage
	// the collector lets pile up in proportion to the evaluation's heap.
	measure, every := rss, 5*time.Millisecond
	if *scaleLive {
		measure, every = liveHeap, 20*time.Millisecond
	}
	runtime.GC()
	debug.FreeOSMemory()
	before := measure()
	var peak atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if r := measure(); r > peak.Load() {
				peak.Store(r)
			}
			select {
			case <-stop:
				return
			case <-time.After(every):
			}
		}
	}()
	cpu0, wall0 := cputime.Process(), time.Now()
	var err error
	switch *scaleWhat {
	case "floor":
		err = renderFloor(io.Discard, floor)
	default:
		err = Render(io.Discard, fx.workbook(t, h2021))
	}
	cpu, wall := cputime.Process()-cpu0, time.Since(wall0)
	close(stop)
	wg.Wait()
	runtime.KeepAlive(fx) // the evaluation stays, as in a run
	runtime.KeepAlive(floor)
	if err != nil {
		t.Fatal(err)
	}
	what := "resident"
	if *scaleLive {
		what = "live heap"
	}
	t.Logf("%s N=%d: cpu %.0f ms, wall %.0f ms, %s before %d MB, added at peak %d MB",
		*scaleWhat, *scaleN, float64(cpu)/1e6, float64(wall)/1e6, what, before>>20, (peak.Load()-before)>>20)
}

// liveHeap is the heap in use just after a collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// rss is the process's resident memory now, from /proc/self/statm.
func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// floorSheet is a sheet's rows as plain stream values.
type floorSheet struct {
	name string
	rows []floorRow
}

type floorRow struct {
	num    int
	values []any
}

// materialize turns the model's rows into the values a bare StreamWriter
// takes: text, numbers, formulas with their values; no styles.
func materialize(wb *report.Workbook) []floorSheet {
	var out []floorSheet
	for _, sh := range wb.Sheets {
		fs := floorSheet{name: sh.Name}
		for row := range sh.Rows {
			vals := make([]any, len(row.Cells))
			for i, c := range row.Cells {
				switch c.Kind {
				case report.CellText:
					vals[i] = c.Text
				case report.CellNumber:
					vals[i] = c.Number
				case report.CellFormulaNumber:
					vals[i] = excelize.Cell{Formula: c.Formula, Value: c.Number}
				case report.CellFormulaText:
					vals[i] = excelize.Cell{Formula: c.Formula, Value: c.Text}
				}
			}
			fs.rows = append(fs.rows, floorRow{row.Num, vals})
		}
		out = append(out, fs)
	}
	return out
}

// renderFloor writes the sheets with excelize's StreamWriter and nothing
// else, with excelize's own zip writer.
func renderFloor(w io.Writer, sheets []floorSheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
	}
	for _, sh := range sheets {
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			return err
		}
		for _, r := range sh.rows {
			if err := sw.SetRow("A"+strconv.Itoa(r.num), r.values); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// BenchmarkFloor is BenchmarkWorkbook's floor: the same rows, already in
// memory, written with a bare StreamWriter.
func BenchmarkFloor(b *testing.B) {
	cputime.EachScale(b, func(b *testing.B, n int) {
		fx := synthetic(b, n)
		sheets := materialize(fx.workbook(b, h2021))
		b.ResetTimer()
		cpu0 := cputime.Process()
		for i := 0; i < b.N; i++ {
			if err := renderFloor(io.Discard, sheets); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(cputime.Process()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
	})
}
