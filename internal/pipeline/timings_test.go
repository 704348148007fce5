package pipeline

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ntm-project/ntm/internal/cputime"
)

// TestStopwatch: each stage gives a line with its name, its wall time,
// the time since the start and the CPU the process used meanwhile, in
// Vietnamese number form; without Config.Timings nothing is written.
func TestStopwatch(t *testing.T) {
	var b bytes.Buffer
	sw := Config{Timings: &b}.stopwatch()
	sw.lap("đọc biểu")
	// The second stage uses at least 20 ms of CPU.
	for start := cputime.Process(); cputime.Process()-start < 20*time.Millisecond; {
	}
	sw.lap("đánh giá")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	line := regexp.MustCompile(`^(\S.*\S) +(\d+,\d{3}) s  \( *(\d+,\d{3}) s\)  CPU +(\d+,\d{3}) s$`)
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), b.String())
	}
	for i, want := range []string{"đọc biểu", "đánh giá"} {
		m := line.FindStringSubmatch(lines[i])
		if m == nil || m[1] != want {
			t.Fatalf("line %d = %q, want stage %q with wall, total and CPU times", i, lines[i], want)
		}
	}
	m := line.FindStringSubmatch(lines[1])
	if cpu, err := strconv.ParseFloat(strings.Replace(m[4], ",", ".", 1), 64); err != nil || cpu < 0.020 {
		t.Errorf("the second stage's CPU is under the 20 ms it used: %q", lines[1])
	}
	var none *stopwatch = Config{}.stopwatch()
	none.lap("x") // a nil stopwatch does nothing
}
