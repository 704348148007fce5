package pipeline

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/ntm-project/ntm/internal/vnfmt"
)

// stopwatch writes the wall time of each stage of a run to Config.Timings,
// one line per stage, as the stages end. A nil stopwatch does nothing.
type stopwatch struct {
	mu    sync.Mutex
	w     io.Writer
	start time.Time
	last  time.Time
}

func (cfg Config) stopwatch() *stopwatch {
	if cfg.Timings == nil {
		return nil
	}
	now := time.Now()
	return &stopwatch{w: cfg.Timings, start: now, last: now}
}

// lap ends the stage called name.
func (s *stopwatch) lap(name string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	fmt.Fprintf(s.w, "%-34s %7s s  (%7s s)\n", name,
		vnfmt.FixedNumber(now.Sub(s.last).Seconds(), 3), vnfmt.FixedNumber(now.Sub(s.start).Seconds(), 3))
	s.last = now
}
