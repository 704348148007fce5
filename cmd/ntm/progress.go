package main

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// minSteps is the size from which a stage shows a bar: a province's
// run is over before a bar would be read.
const minSteps = 300

// bar shows the pipeline's progress on standard error when it is a
// terminal; it stays silent otherwise (a log, a pipe, the tests).
type bar struct {
	mu  sync.Mutex
	w   io.Writer
	cur *progressbar.ProgressBar
}

// newBar returns a progress display for stderr, or nil when stderr is
// not a terminal.
func newBar(stderr io.Writer) *bar {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &bar{w: stderr}
}

func (b *bar) Stage(name string, total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cur = nil
	if total < minSteps {
		return
	}
	b.cur = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(b.w),
		progressbar.OptionSetDescription(name),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

func (b *bar) Step(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cur != nil {
		b.cur.Add(n)
	}
}

func (b *bar) Finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cur != nil {
		b.cur.Finish()
		b.cur = nil
	}
}
