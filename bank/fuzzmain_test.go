package bank

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

// fuzzMinimizeTime bounds how long the fuzzer minimizes each new input of
// this package's fuzz targets when the command line does not say
// (-fuzzminimizetime).
//
// go test's default is 60 s for every input that finds new coverage, and
// for these targets the minimizer uses all of it: its pass that removes
// each run of bytes tries about n²/2 candidates, a mutated notes file is
// kilobytes long, and each call loads a bank (about a millisecond). While
// both workers minimize, the fuzzer reports 0 execs/sec although it runs
// thousands of calls a second, and it reports them only when minimizing
// ends (golang/go#51484); a 60 s run then fuzzes almost nothing. .ci/run
// passes 5s; a bare `go test -fuzz` gets this.
const fuzzMinimizeTime = "2s"

func TestMain(m *testing.M) {
	flag.Parse()
	fuzzing, minimizeSet := false, false
	flag.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "test.fuzz":
			fuzzing = f.Value.String() != ""
		case "test.fuzzminimizetime":
			minimizeSet = true
		}
	})
	if fuzzing && !minimizeSet {
		if err := flag.Set("test.fuzzminimizetime", fuzzMinimizeTime); err != nil {
			fmt.Fprintf(os.Stderr, "bank: cannot bound fuzz minimization: %v\n", err)
		}
	}
	m.Run()
}
