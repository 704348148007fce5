package cputime

import (
	"strconv"
	"testing"
)

// Scales are the numbers of communes the scale benchmarks run at: the
// sample's size, a province, a large province and the country.
var Scales = []int{4, 125, 1000, 10000}

// EachScale runs bench as the sub-benchmark "N=<n>" for each of Scales,
// the national one only without -short.
func EachScale(b *testing.B, bench func(b *testing.B, n int)) {
	for _, n := range Scales {
		if n > 1000 && testing.Short() {
			continue
		}
		b.Run("N="+strconv.Itoa(n), func(b *testing.B) { bench(b, n) })
	}
}
