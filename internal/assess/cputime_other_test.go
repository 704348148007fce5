//go:build !unix

package assess

func cpuTime() int64 { return 0 }
