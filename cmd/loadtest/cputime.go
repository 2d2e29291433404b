package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// cpuTime returns the CPU time all threads of process pid have run so far,
// from Linux's /proc/PID/task/*/schedstat (nanoseconds on a CPU, the
// first field). Unlike wall time it does not grow while the process waits
// for a CPU that other programs hold, so it compares builds on a loaded
// machine. ok is false where /proc is missing.
func cpuTime(pid int) (d time.Duration, ok bool) {
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	if err != nil || len(tasks) == 0 {
		return 0, false
	}
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue // the thread ended
		}
		f, _, _ := bytes.Cut(bytes.TrimSpace(b), []byte(" "))
		ns, err := strconv.ParseInt(string(f), 10, 64)
		if err != nil {
			return 0, false
		}
		d += time.Duration(ns)
	}
	return d, true
}
