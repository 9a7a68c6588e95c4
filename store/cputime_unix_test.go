//go:build unix

package store_test

import "syscall"

// processCPU returns the CPU time (user and system, every thread) this
// process has used so far, in seconds, for benchmarks to report beside the
// wall time: on a shared machine the wall time follows the load, the CPU
// time much less.
func processCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
