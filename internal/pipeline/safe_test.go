package pipeline

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
)

func TestParallel(t *testing.T) {
	t.Run("every item once", func(t *testing.T) {
		var seen [1000]atomic.Int32
		if err := parallel(context.Background(), len(seen), 2, func(_, i int) error { seen[i].Add(1); return nil }); err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			if seen[i].Load() != 1 {
				t.Fatalf("item %d done %d times", i, seen[i].Load())
			}
		}
	})
	t.Run("a panic is an internal error", func(t *testing.T) {
		err := parallel(context.Background(), 10, 2, func(_, i int) error {
			if i == 3 {
				var m map[string]int
				m["x"] = 1 // a bug of ours
			}
			return nil
		})
		var ie *InternalError
		if !errors.As(err, &ie) || !strings.Contains(string(ie.Stack), "safe_test.go") {
			t.Fatalf("err = %v, want an InternalError with the stack", err)
		}
	})
	t.Run("cancel stops handing out work", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var done atomic.Int32
		err := parallel(ctx, 1000, 2, func(_, i int) error {
			if done.Add(1) == 10 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || done.Load() > 12 {
			t.Fatalf("err = %v after %d items, want context.Canceled soon after the 10th", err, done.Load())
		}
	})
}

func TestInitRefusesPeriodsOutsideThePlan(t *testing.T) {
	tests := []struct{ period, want string }{
		{"2030-H1", "kỳ 2030-H1 nằm ngoài các năm của kế hoạch (2020–2025"},
		{"2020-H1", "kỳ 2020-H1 trước kỳ gốc 2020-H2 của kế hoạch"},
	}
	for _, tt := range tests {
		t.Run(tt.period, func(t *testing.T) {
			in := copyInput(t)
			sum, err := Init(context.Background(), Config{In: in}, tt.period)
			if !errors.Is(err, ErrInput) || len(sum.Files) != 0 {
				t.Fatalf("err = %v, files %v; want ErrInput and nothing written", err, sum.Files)
			}
			var b strings.Builder
			sum.Problems.Print(&b)
			if !strings.Contains(b.String(), tt.want) || !strings.Contains(b.String(), "plan.toml:") {
				t.Errorf("problems lack %q at the plan's key:\n%s", tt.want, b.String())
			}
		})
	}
}
