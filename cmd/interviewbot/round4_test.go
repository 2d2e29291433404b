package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// round4Notes has one warning found while the notes are read (a sub-heading
// that asks, inside an answer) and one found when the key points are
// completed (13 bold phrases, one more than an answer keeps).
const round4Notes = `# Go

### What is Go?

Go has **goroutines**, **channels**, **interfaces**, **slices**, **maps**,
**defer**, **select**, **closures**, **generics**, **modules**,
**gofmt**, **garbage collection** and **static typing**.

#### Who uses Go?

Google, Uber and Dropbox.

### What is a goroutine?

A **lightweight thread** managed by the **Go runtime**.
`

func writeRound4Notes(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "golang.md")
	if err := os.WriteFile(file, []byte(round4Notes), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestRunSaysWhichWarningsItCounts: run said "notes: 3 warning(s)" where
// bank lint said 9 (round 4): run counts the warnings found while reading,
// before the key points are completed. Its line says so and points to
// bank lint for all of them.
func TestRunSaysWhichWarningsItCounts(t *testing.T) {
	file := writeRound4Notes(t)
	code, out, lint := runCmd(t, "", "bank", "lint", file)
	if code != 0 || !strings.Contains(lint, "2 questions, 0 errors, 2 warnings") {
		t.Fatalf("bank lint: exit %d\n%s%s", code, out, lint)
	}
	code, _, stderr := runCmd(t, "/topics\n", "--notes", file, "--db", filepath.Join(t.TempDir(), "bot.db"))
	if code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"notes: 1 warning about how the notes were split into questions", "key points", "bank lint -v " + file} {
		if !strings.Contains(stderr, want) {
			t.Errorf("run's stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestCountsAgreeInNumber: bank list said "(1 key points)" and bank lint
// "1 key points left out" (round 4).
func TestCountsAgreeInNumber(t *testing.T) {
	file := writeRound4Notes(t)
	one := filepath.Join(filepath.Dir(file), "one.md")
	if err := os.WriteFile(one, []byte("### What is a channel?\n\nA **typed conduit** between goroutines.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, list, _ := runCmd(t, "", "bank", "list", one)
	if !strings.Contains(list, "(1 key point)") {
		t.Errorf("bank list:\n%s", list)
	}
	_, lint, _ := runCmd(t, "", "bank", "lint", file)
	if !strings.Contains(lint, ": 1 key point left out (at most 12 per answer): ") {
		t.Errorf("bank lint:\n%s", lint)
	}
	empty := filepath.Join(filepath.Dir(file), "prose.md")
	if err := os.WriteFile(empty, []byte("# Thoughts\n\nOne line that asks nothing.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, lint, _ = runCmd(t, "", "bank", "lint", empty)
	if strings.Contains(lint, "1 lines") {
		t.Errorf("bank lint on a file of one line:\n%s", lint)
	}
}
