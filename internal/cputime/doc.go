// Package cputime gives the process's CPU time, and the sizes the scale
// benchmarks run at, for the benchmarks only (no stage of a run imports
// it): on a shared machine wall time is noise, the CPU a run uses much
// less so.
package cputime
