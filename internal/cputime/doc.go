// Package cputime gives the process's CPU time, and the sizes the scale
// benchmarks run at: for the benchmarks, and for the CPU time of each
// stage that `ntm build -timings` prints (no stage computes anything from
// it). On a shared machine wall time is noise, the CPU a run uses much
// less so.
package cputime
