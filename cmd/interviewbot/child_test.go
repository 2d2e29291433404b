package main

import (
	"os"
	"os/exec"
	"testing"
)

// childEnv names the test a child process runs.
const childEnv = "INTERVIEWBOT_TEST_CHILD"

// inChild runs the calling test again in a child process (the test binary,
// with only that test) and reports whether this is the child. Tests that
// change limits of the whole process (RLIMIT_FSIZE) run their body there,
// so that nothing else in the test process is hit. The parent fails when
// the child does, with its output.
func inChild(t *testing.T) bool {
	t.Helper()
	if os.Getenv(childEnv) == t.Name() {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+t.Name(), mainEnv+"=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("in a child process: %v\n%s", err, out)
	}
	t.Logf("in a child process:\n%s", out)
	return false
}
