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

// TestAsync: the result and the error of the work come back as they are;
// a panic comes back as an *InternalError with its value and stack.
func TestAsync(t *testing.T) {
	errWork := errors.New("work failed")
	for _, tc := range []struct {
		name    string
		work    func() (int, error)
		want    int
		wantErr error
		panics  bool
	}{
		{"a result", func() (int, error) { return 7, nil }, 7, nil, false},
		{"an error", func() (int, error) { return 0, errWork }, 0, errWork, false},
		{"a panic", func() (int, error) { panic("bug") }, 0, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := async(tc.work)()
			var ie *InternalError
			switch {
			case tc.panics:
				if !errors.As(err, &ie) || ie.Value != "bug" || !strings.Contains(string(ie.Stack), "TestAsync") {
					t.Fatalf("got %v (%T), want an *InternalError with the panic's value and stack", err, err)
				}
			case !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil):
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			case got != tc.want:
				t.Fatalf("got %d, want %d", got, tc.want)
			}
		})
	}
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
