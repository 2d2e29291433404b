package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpOnEveryCommand checks that -h and --help print a command's usage,
// with one line per flag, to stdout and exit 0.
func TestHelpOnEveryCommand(t *testing.T) {
	cases := []struct {
		args  []string
		wants []string
	}{
		{[]string{"--help"}, []string{"Usage:", "interviewbot bank list", "interviewbot grade"}},
		{[]string{"-h"}, []string{"Usage:"}},
		{[]string{"help"}, []string{"Usage:"}},
		{[]string{"run", "--help"}, []string{"interviewbot run", "--config FILE", "--db PATH", "--multiline"}},
		{[]string{"bank", "--help"}, []string{"interviewbot bank list", "interviewbot bank show", "interviewbot bank lint"}},
		{[]string{"bank", "list", "-h"}, []string{"interviewbot bank list", "--json"}},
		{[]string{"bank", "show", "--help"}, []string{"interviewbot bank show ID"}},
		{[]string{"bank", "lint", "--help"}, []string{"interviewbot bank lint"}},
		{[]string{"grade", "--help"}, []string{"--id ID", "--match TEXT", "--json", "--lang"}},
		{[]string{"schedule", "--help"}, []string{"interviewbot schedule next"}},
		{[]string{"schedule", "next", "--help"}, []string{"--spec", "--tz", "--from", "--count"}},
		{[]string{"backup", "--help"}, []string{"--config FILE", "--db PATH", "--force"}},
		{[]string{"export", "--help"}, []string{"--config FILE", "--db PATH"}},
		{[]string{"help", "grade"}, []string{"--match TEXT"}},
	}
	for _, c := range cases {
		code, out, stderr := runCmd(t, "", c.args...)
		if code != 0 {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, stderr)
			continue
		}
		for _, w := range c.wants {
			if !strings.Contains(out, w) {
				t.Errorf("%v: stdout lacks %q:\n%s", c.args, w, out)
			}
		}
		if stderr != "" {
			t.Errorf("%v: help wrote to stderr: %q", c.args, stderr)
		}
	}
}

// TestUsageErrors checks that usage errors exit 2 with a message that does
// not end in a stray ": usage", and that run rejects stray arguments.
func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bot.db")
	cases := [][]string{
		{"run", "extra", "--db", db},
		{"run", "--no-such-flag"},
		{"bank"},
		{"bank", "frobnicate"},
		{"grade"},
		{"schedule", "next", "--count", "x"},
		{"backup"},
		{"frobnicate"},
	}
	for _, args := range cases {
		code, out, stderr := runCmd(t, "", args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stdout %q, stderr %q)", args, code, out, stderr)
		}
		if strings.Contains(stderr, ": usage") || strings.Contains(stderr, "help requested") {
			t.Errorf("%v: stderr %q", args, stderr)
		}
		if !strings.Contains(stderr, "--help") {
			t.Errorf("%v: stderr does not say where help is: %q", args, stderr)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("run with a stray argument opened the database anyway")
	}
}

// TestGradeMatchAmbiguous checks that --match with several matching
// questions lists them instead of picking one, and that --id takes an
// unambiguous prefix.
func TestGradeMatchAmbiguous(t *testing.T) {
	code, out, stderr := runCmd(t, "我负责备份\n", "grade", "--match", "为什么")
	if code == 0 {
		t.Fatalf("an ambiguous --match graded: %s", out)
	}
	for _, want := range []string{"--id", "70a5286149", "f594bf0c07"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	code, out, stderr = runCmd(t, "离职后完成了学业收尾\n", "grade", "--id", "1e989c")
	if code != 0 || !strings.Contains(out, "四月份离职之后都在做什么") {
		t.Errorf("--id prefix: exit %d %s %s", code, out, stderr)
	}
	code, _, stderr = runCmd(t, "x\n", "grade", "--id", "7")
	if code == 0 || !strings.Contains(stderr, "7aadb06a34") || !strings.Contains(stderr, "70a5286149") {
		t.Errorf("ambiguous --id prefix: exit %d %s", code, stderr)
	}
	// A prompt quoted exactly is not ambiguous, nor is text only one prompt holds.
	if code, out, stderr := runCmd(t, "x\n", "grade", "--match", "虚拟机的备份"); code != 0 || !strings.Contains(out, "f7bc8ed4a9") {
		t.Errorf("unique match: exit %d %s %s", code, out, stderr)
	}
	if code, out, stderr := runCmd(t, "x\n", "bank", "show", "1e989c"); code != 0 || !strings.Contains(out, "1e989c7ed3") {
		t.Errorf("bank show with a prefix: exit %d %s %s", code, out, stderr)
	}
}

// TestBackupTarget checks that backup names its target when it cannot
// write it and does not overwrite an existing file without --force.
func TestBackupTarget(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	if code, _, stderr := runCmd(t, "/next\n", "run", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runCmd(t, "", "backup", "--db", db, "/no/such/dir/x.db")
	if code != 1 || !strings.Contains(stderr, "/no/such/dir/x.db") || strings.Contains(stderr, ".interviewbot-backup") || strings.Contains(stderr, "tmp") {
		t.Errorf("backup to a missing directory: exit %d %q", code, stderr)
	}
	existing := filepath.Join(dir, "keep.db")
	if err := os.WriteFile(existing, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(t, "", "backup", "--db", db, existing)
	if code == 0 || !strings.Contains(stderr, "--force") {
		t.Errorf("backup over an existing file: exit %d %q", code, stderr)
	}
	if data, _ := os.ReadFile(existing); string(data) != "precious" {
		t.Error("backup overwrote an existing file without --force")
	}
	if code, _, stderr := runCmd(t, "", "backup", "--force", "--db", db, existing); code != 0 {
		t.Errorf("backup --force: exit %d %q", code, stderr)
	}
	if data, _ := os.ReadFile(existing); string(data) == "precious" {
		t.Error("backup --force did not replace the file")
	}
}

// TestBankListNamesUnsortedTopic checks that bank list calls the questions
// outside any section by the name /topic takes.
func TestBankListNamesUnsortedTopic(t *testing.T) {
	code, out, _ := runCmd(t, "", "bank", "list")
	if code != 0 || !strings.Contains(out, "f7bc8ed4a9  未分类") || strings.Contains(out, "  -  ") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
