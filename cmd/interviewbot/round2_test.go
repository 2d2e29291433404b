package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A second new user's findings at the command line (round 2).

// TestEmptyBankNamesTheNotes: notes that give no question say which
// paths were read; with --notes, "check bank.paths" pointed at a setting
// the person never used.
func TestEmptyBankNamesTheNotes(t *testing.T) {
	file := filepath.Join(t.TempDir(), "empty.md")
	if err := os.WriteFile(file, []byte("just a line of text\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "/next\n", "--notes", file, "--db", filepath.Join(t.TempDir(), "bot.db"))
	if code == 0 || !strings.Contains(stderr, "empty.md") || !strings.Contains(stderr, "bank lint") {
		t.Errorf("empty notes: exit %d, %q", code, stderr)
	}
}

// TestGradeSpeaksTheNotesLanguage: grade without --lang answers in the
// language of the notes, as the chat does.
func TestGradeSpeaksTheNotesLanguage(t *testing.T) {
	_, file := writeNotes(t)
	code, out, stderr := runCmd(t, "rebase moves commits onto a new base\n", "grade", "--match", "rebase", file)
	if code != 0 || !strings.Contains(out, "key points covered") || strings.Contains(out, "参考答案") {
		t.Errorf("grade on English notes: exit %d\n%s%s", code, out, stderr)
	}
}

// TestGradeSelfRatedQuestion: a question the chat asks the person to rate
// themselves (no key points to grade against) is not scored 0 of 0.
func TestGradeSelfRatedQuestion(t *testing.T) {
	file := filepath.Join(t.TempDir(), "tf.md")
	if err := os.WriteFile(file, []byte("## True or False? A branch is a pointer.\n\nTrue\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCmd(t, "true\n", "grade", "--match", "branch", file)
	if code != 0 || strings.Contains(out, "0 of 0") || strings.Contains(out, "0/0") || !strings.Contains(out, "rate") {
		t.Errorf("grade on a self-rated question: exit %d\n%s%s", code, out, stderr)
	}
}

// TestGradeSpeaksTheQuestionsLanguage: among mostly English notes, a
// Chinese question is graded in Chinese (round 3).
func TestGradeSpeaksTheQuestionsLanguage(t *testing.T) {
	dir, _ := writeNotes(t)
	zh := "## 什么是乐观锁？\n\n乐观锁假设冲突很少，**提交时检查版本号**，冲突了就重试。\n"
	if err := os.WriteFile(filepath.Join(dir, "zh.md"), []byte(zh), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCmd(t, "提交的时候比较版本号\n", "grade", "--match", "乐观锁", dir)
	if code != 0 || !strings.Contains(out, "参考答案") {
		t.Errorf("a Chinese question among English notes: exit %d\n%s%s", code, out, stderr)
	}
}

// TestScheduleNextDefaultsToTheSystemZone: --tz may be left out, as the
// chat defaults to the system's zone (round 3).
func TestScheduleNextDefaultsToTheSystemZone(t *testing.T) {
	t.Setenv("TZ", "Europe/Berlin")
	code, out, stderr := runCmd(t, "", "schedule", "next", "--spec", "08:30 mon", "--from", "2026-12-07T00:00:00Z", "--count", "1")
	if code != 0 || strings.TrimSpace(out) != "2026-12-07T08:30:00+01:00" {
		t.Errorf("schedule next without --tz: exit %d %q %q", code, out, stderr)
	}
}

// TestBackupBeforeAnyDatabase: a backup on a machine where the bot never
// ran says so, not "stat …: no such file or directory" (round 3).
func TestBackupBeforeAnyDatabase(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "never.db")
	code, _, stderr := runCmd(t, "", "backup", "--db", missing, filepath.Join(t.TempDir(), "b.db"))
	if code == 0 || !strings.Contains(stderr, "no database at") || strings.Contains(stderr, "stat ") {
		t.Errorf("backup before any database: exit %d %q", code, stderr)
	}
}

// TestOneLetterFlagsHaveOneDash: help lists -v as the synopsis writes it,
// not --v (round 3).
func TestOneLetterFlagsHaveOneDash(t *testing.T) {
	_, out, stderr := runCmd(t, "", "bank", "lint", "--help")
	if help := out + stderr; !strings.Contains(help, "  -v ") || strings.Contains(help, "--v ") {
		t.Errorf("bank lint --help:\n%s", help)
	}
}

// TestSkippedNotesFilesAreSaid: files of a notes folder that give no
// question were skipped without a word at start (round 3); only bank lint
// said so.
func TestSkippedNotesFilesAreSaid(t *testing.T) {
	dir, _ := writeNotes(t)
	if err := os.WriteFile(filepath.Join(dir, "prose.md"), []byte("# Thoughts\n\nSome text that asks nothing.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "/topics\n", "--notes", dir, "--db", filepath.Join(t.TempDir(), "bot.db"))
	if code != 0 || !strings.Contains(stderr, "prose.md") || !strings.Contains(stderr, "bank lint -v") {
		t.Errorf("a folder with a file of no questions: exit %d, stderr %q", code, stderr)
	}
}
