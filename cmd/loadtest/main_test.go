package main

import (
	"bytes"
	"io"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// small returns a configuration small enough for go test.
func small() config {
	c := defaultConfig()
	c.Users, c.Rounds, c.Timeout = 5, 2, 2*time.Minute
	c.WritesFor, c.Writers, c.Repeat, c.RawCycles = 100*time.Millisecond, []int{1, 4}, 2, 5
	return c
}

func mustContain(t *testing.T, out string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(out, s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
}

func TestLoadReport(t *testing.T) {
	var out bytes.Buffer
	if err := run(t.Context(), small(), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`429 answers of the fake +0\n`).MatchString(out.String()) {
		t.Errorf("the fake answered 429:\n%s", out.String())
	}
	mustContain(t, out.String(), "10 of 10 (0 users gave up)", "latency p50 / p95 / p99",
		"cycle p50", "raw bbolt, same cycle", "1 writers: raw db.Update", "4 writers: ratio store / raw")
}

func TestFanoutReport(t *testing.T) {
	cfg := small()
	cfg.Fanout, cfg.Global = 40, 1000
	var out bytes.Buffer
	if err := run(t.Context(), cfg, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	mustContain(t, out.String(), "40 pushes enqueued", "40 got one push, 0 more than one, 0 none", "429 answers of the fake  0 (0 for the per-chat limit")
}

func TestEnqueueOnlyReport(t *testing.T) {
	cfg := small()
	cfg.Fanout, cfg.EnqueueOnly = 40, true
	var out bytes.Buffer
	if err := run(t.Context(), cfg, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	mustContain(t, out.String(), "40 pushes enqueued", "not delivered")
}

func TestStartupReport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bot and a hello-world program")
	}
	cfg := small()
	cfg.Startup = 1
	var out bytes.Buffer
	if err := run(t.Context(), cfg, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	mustContain(t, out.String(), "interviewbot min / p50 / p90 / max", "hello world min")
	if runtime.GOOS == "linux" {
		mustContain(t, out.String(), "interviewbot CPU min / p50 / p90 / max")
	}
}

func TestParseFlags(t *testing.T) {
	c, err := parseFlags([]string{"-fanout", "10000", "-global", "30", "-log", "warn"}, io.Discard)
	if err != nil || c.Fanout != 10000 || c.Global != 30 || c.PerChat != 1 || c.Users != 200 {
		t.Errorf("parseFlags = %+v, %v", c, err)
	}
	if c, err := parseFlags([]string{"-writers", "1, 8,64"}, io.Discard); err != nil || len(c.Writers) != 3 || c.Writers[1] != 8 {
		t.Errorf("-writers: %v, %v", c.Writers, err)
	}
	for _, bad := range [][]string{{"-users", "0"}, {"-global", "0"}, {"-fanout", "-1"}, {"extra"}, {"-writers", "1,x"}, {"-writers", "0"}, {"-repeat", "0"}} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("parseFlags(%q) accepted", bad)
		}
	}
}

func TestPercentiles(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	got := percentiles(ds, 0.5, 0.95, 0.99, 1)
	want := []time.Duration{50 * time.Millisecond, 95 * time.Millisecond, 99 * time.Millisecond, 100 * time.Millisecond}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("percentiles = %v, want %v", got, want)
			break
		}
	}
}

// TestCPUTime: the CPU time read from /proc grows with work done and is
// not there for a process that does not exist.
func TestCPUTime(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	before, ok := cpuTime(os.Getpid())
	if !ok {
		t.Fatal("no CPU time for this process")
	}
	for start := time.Now(); time.Since(start) < 20*time.Millisecond; {
	}
	after, _ := cpuTime(os.Getpid())
	if after-before < 5*time.Millisecond {
		t.Errorf("CPU time grew by %s over 20 ms of spinning", after-before)
	}
	if _, ok := cpuTime(1 << 30); ok {
		t.Error("CPU time for a process that does not exist")
	}
}
