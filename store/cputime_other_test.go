//go:build !unix

package store_test

// processCPU is 0 where getrusage is not available: the benchmarks then
// report no CPU time.
func processCPU() float64 { return 0 }
