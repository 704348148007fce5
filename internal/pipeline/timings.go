package pipeline

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/ntm-project/ntm/internal/cputime"
	"github.com/ntm-project/ntm/internal/vnfmt"
)

// stopwatch writes the wall time of each stage of a run to Config.Timings,
// one line per stage, as the stages end, with the CPU time the process
// used meanwhile (on two cores, a stage whose CPU is not about twice its
// wall time leaves a core idle). A nil stopwatch does nothing.
type stopwatch struct {
	mu      sync.Mutex
	w       io.Writer
	start   time.Time
	last    time.Time
	lastCPU time.Duration
}

func (cfg Config) stopwatch() *stopwatch {
	if cfg.Timings == nil {
		return nil
	}
	now := time.Now()
	return &stopwatch{w: cfg.Timings, start: now, last: now, lastCPU: cputime.Process()}
}

// lap ends the stage called name.
func (s *stopwatch) lap(name string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now, cpu := time.Now(), cputime.Process()
	fmt.Fprintf(s.w, "%-34s %7s s  (%7s s)  CPU %7s s\n", name,
		vnfmt.FixedNumber(now.Sub(s.last).Seconds(), 3), vnfmt.FixedNumber(now.Sub(s.start).Seconds(), 3),
		vnfmt.FixedNumber((cpu-s.lastCPU).Seconds(), 3))
	s.last, s.lastCPU = now, cpu
}
