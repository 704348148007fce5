//go:build unix

package assess

import "syscall"

// cpuTime is the process's user+system CPU time in nanoseconds: on a
// shared machine wall time is noise, CPU time is the cost.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
