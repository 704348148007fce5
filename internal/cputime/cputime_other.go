//go:build !unix

package cputime

import "time"

// Process is 0 where the system gives no rusage.
func Process() time.Duration { return 0 }
