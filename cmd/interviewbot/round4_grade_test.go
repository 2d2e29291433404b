package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tests in this file are the new user's fourth report (feedback people
// can trust): each failed on the code of that time.

// TestGradePrintsLongReference is report item 3: grade printed two blank
// lines where a long reference answer (over the chat's inline limit, shown
// there behind a button) should be. A terminal has no button, so grade
// prints the whole reference.
func TestGradePrintsLongReference(t *testing.T) {
	var long strings.Builder
	long.WriteString("# Go\n\n## How do you manage error handling in Go?\n\n")
	for i := range 12 {
		long.WriteString("- Errors are values: return an **error** as the last result and check it right away; wrap it with **fmt.Errorf** and %w so callers can use errors.Is. ")
		long.WriteString(strings.Repeat("x", i) + "\n")
	}
	long.WriteString("- The last line of the reference is here.\n")
	file := filepath.Join(t.TempDir(), "go.md")
	if err := os.WriteFile(file, []byte(long.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCmd(t, "errors are values and are returned\n", "grade", "--match", "error handling", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "Reference answer") || !strings.Contains(out, "The last line of the reference is here.") {
		t.Errorf("the reference answer is not printed:\n%s", out)
	}
	if strings.Contains(out, "\n\n\n") {
		t.Errorf("blank lines where the reference should be:\n%q", out)
	}
}

// TestGradeAdmissionOnSeeds is report item 2 on the seed it was found on:
// "不知道，没了解过" on 离职的原因 was given 10% for a word it shares
// with one point, and not recognised as "I don't know".
func TestGradeAdmissionOnSeeds(t *testing.T) {
	for _, reply := range []string{"不知道，没了解过", "没做过这块"} {
		code, out, stderr := runCmd(t, reply+"\n", "grade", "--id", "fa02d06b41", "--json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(out, `"dont_know": true`) || !strings.Contains(out, `"coverage": 0,`) {
			t.Errorf("%q: not graded as an admission:\n%s", reply, out)
		}
	}
}
