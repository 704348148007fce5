package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// InternalError is a panic of ntm's own code caught in a worker: a bug,
// reported with its stack and exit code 70, never as a problem of the
// clerk's files.
type InternalError struct {
	Value any
	Stack []byte
}

func (e *InternalError) Error() string { return fmt.Sprintf("lỗi nội bộ của ntm: %v", e.Value) }

// parallel runs do(i) for i in [0, n) on up to workers goroutines
// (runtime.NumCPU when workers ≤ 0) and returns the first error. It stops
// handing out work when ctx is done or a call fails, and turns a panic in
// a worker into an *InternalError instead of crashing the process with
// Go's own exit code (2, which means misuse here).
func parallel(ctx context.Context, n, workers int, do func(worker, i int) error) error {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = max(1, min(workers, n))
	var (
		mu    sync.Mutex
		first error
		next  int
		wg    sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if first != nil || next >= n {
			return 0, false
		}
		if err := ctx.Err(); err != nil {
			first = err
			return 0, false
		}
		i := next
		next++
		return i, true
	}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if v := recover(); v != nil {
					fail(&InternalError{Value: v, Stack: debug.Stack()})
				}
			}()
			for {
				i, ok := take()
				if !ok {
					return
				}
				if err := do(w, i); err != nil {
					fail(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// async runs f on a goroutine of its own, for work done while the caller
// goes on, and returns what waits for f's result. A panic in f comes back
// as an *InternalError, as in parallel.
func async[T any](f func() (T, error)) (wait func() (T, error)) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- result{err: &InternalError{Value: v, Stack: debug.Stack()}}
			}
		}()
		v, err := f()
		done <- result{v, err}
	}()
	return func() (T, error) {
		r := <-done
		return r.v, r.err
	}
}
