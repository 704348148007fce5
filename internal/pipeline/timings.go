package pipeline

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
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
	fmt.Fprintln(s.w, strings.ReplaceAll(fmt.Sprintf("%-34s %7.3f s  (%7.3f s)", name, now.Sub(s.last).Seconds(), now.Sub(s.start).Seconds()), ".", ","))
	s.last = now
}
