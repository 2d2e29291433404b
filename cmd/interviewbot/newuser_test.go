package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The tests in this file are the new user's report after issue 13 (the
// command line and the terminal): each failed on the code of that time.

// englishNotes are a few questions in English, as many public notes are.
const englishNotes = `# Git

## What does git rebase do?

Rebase **moves your commits** onto another base commit, giving a **linear history**; never rebase **shared branches**.

## What is a merge conflict?

Two branches changed the **same lines**; git stops and asks you to **resolve them by hand** and **commit the result**.
`

// writeNotes writes English notes into a folder and returns the folder
// and the file.
func writeNotes(t *testing.T) (dir, file string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "notes")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(dir, "git.md")
	if err := os.WriteFile(file, []byte(englishNotes), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

// TestNotesFlag is report item B1: --notes PATH (a file or a folder,
// repeatable, or the first argument) runs the bot on your own notes.
func TestNotesFlag(t *testing.T) {
	dir, file := writeNotes(t)
	for _, args := range [][]string{
		{"--notes", file},
		{"run", "--notes", dir},
		{dir},
		{"run", file},
	} {
		db := filepath.Join(t.TempDir(), "bot.db")
		code, out, stderr := runCmd(t, "/next\n", append(args, "--db", db)...)
		if code != 0 {
			t.Errorf("%q: exit %d: %s", args, code, stderr)
			continue
		}
		if !strings.Contains(out, "git rebase") && !strings.Contains(out, "merge conflict") {
			t.Errorf("%q: the question is not from the notes:\n%s", args, out)
		}
	}
	code, _, stderr := runCmd(t, "", "--notes", filepath.Join(dir, "missing.md"), "--db", filepath.Join(t.TempDir(), "x.db"))
	if code == 0 || !strings.Contains(stderr, "missing.md") {
		t.Errorf("a missing notes file: exit %d %q", code, stderr)
	}
	code, _, stderr = runCmd(t, "", "no-such-thing")
	if code != 2 || !strings.Contains(stderr, "no-such-thing") {
		t.Errorf("neither a command nor notes: exit %d %q", code, stderr)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if top := strings.Join(strings.SplitN(string(readme), "\n", 20)[:19], "\n"); !strings.Contains(top, "--notes") {
		t.Errorf("README's first lines do not show --notes:\n%s", top)
	}
}

// TestExampleConfigRunsTheTerminal is report item B1: config.example.yaml
// copied as it is runs the terminal, with no token and no speech endpoint
// set: no error about unset variables, voice answers off.
func TestExampleConfigRunsTheTerminal(t *testing.T) {
	for _, v := range []string{"TELEGRAM_BOT_TOKEN", "DISCORD_BOT_TOKEN", "SPEECH_ENDPOINT", "SPEECH_API_KEY", "TELEGRAM_WEBHOOK_SECRET"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	dir := t.TempDir()
	example, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, example, 0o600); err != nil {
		t.Fatal(err)
	}
	rec := filepath.Join(dir, "answer.wav")
	if err := os.WriteFile(rec, []byte("RIFF....WAVE"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCmd(t, "/next\n/voice "+rec+"\n", "run", "--config", cfg, "--db", filepath.Join(dir, "bot.db"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "voice answers on") || !strings.Contains(out, "speech.endpoint") {
		t.Errorf("voice answers are on with the example as it is:\nstderr %s\nout %s", stderr, out)
	}
}

// TestPipedPromptSaysOneLine is report item B9: piped, each line is a
// message, so the question does not say an empty line sends the answer.
func TestPipedPromptSaysOneLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bot.db")
	_, out, _ := runCmd(t, "/next\n", "run", "--db", db)
	if strings.Contains(out, "空一行发送") || !strings.Contains(out, "一行") {
		t.Errorf("piped, the question says:\n%s", out)
	}
	_, out, _ = runCmd(t, "/next\n", "run", "--db", db, "--multiline")
	if !strings.Contains(out, "空一行发送") {
		t.Errorf("with --multiline, the question says:\n%s", out)
	}
}

// TestPipedNextReview is report item 10 as the report ran it.
func TestPipedNextReview(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bot.db")
	_, out, _ := runCmd(t, "/next\nx1\n/next\nx2\n/next review\n", "run", "--db", db)
	last := out[strings.LastIndex(out, "❓"):]
	if strings.HasPrefix(last, "❓ 新题") {
		t.Errorf("/next review asked a new question:\n%s", last)
	}
}

// TestTerminalZoneIsTheSystems is report item B3: the terminal person's
// time zone is the system's (TZ), unless the configuration sets one.
func TestTerminalZoneIsTheSystems(t *testing.T) {
	t.Setenv("TZ", "America/New_York")
	db := filepath.Join(t.TempDir(), "bot.db")
	_, out, _ := runCmd(t, "/timezone\n/subscribe 08:30\n", "run", "--db", db)
	if !strings.Contains(out, "当前时区：America/New_York") || !strings.Contains(out, "（America/New_York）") {
		t.Errorf("the terminal's zone is not the system's:\n%s", out)
	}
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(cfg, []byte("timezone: Europe/Berlin\n"), 0o600)
	_, out, _ = runCmd(t, "/timezone\n", "run", "--db", filepath.Join(t.TempDir(), "b.db"), "--config", cfg)
	if !strings.Contains(out, "Europe/Berlin") {
		t.Errorf("the configured zone is not used:\n%s", out)
	}
}

// TestLanguageFollowsTheNotes is report item B4: with English notes and no
// language configured, the bot speaks English.
func TestLanguageFollowsTheNotes(t *testing.T) {
	_, file := writeNotes(t)
	_, out, _ := runCmd(t, "/next\nrebase moves commits onto a new base\n", "run", "--notes", file, "--db", filepath.Join(t.TempDir(), "bot.db"))
	if !strings.Contains(out, "key points covered") || strings.Contains(out, "参考答案") {
		t.Errorf("English notes, Chinese interface:\n%s", out)
	}
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(cfg, []byte("language: zh\n"), 0o600)
	_, out, _ = runCmd(t, "/next\nrebase moves commits\n", "run", "--notes", file, "--config", cfg, "--db", filepath.Join(t.TempDir(), "b.db"))
	if !strings.Contains(out, "参考答案") {
		t.Errorf("language: zh configured, yet:\n%s", out)
	}
}

// TestVersion is report item C: --version (and version) print the
// version from the build information.
func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version", "-v"} {
		code, out, stderr := runCmd(t, "", arg)
		if code != 0 || !regexp.MustCompile(`^interviewbot \S+`).MatchString(out) || !strings.Contains(out, "go1") {
			t.Errorf("%s: exit %d, out %q, stderr %q", arg, code, out, stderr)
		}
	}
}

// TestBackupOntoItselfSaysSo is report item C: the message has no
// "invalid record:" in front of it.
func TestBackupOntoItselfSaysSo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bot.db")
	runCmd(t, "/next\n", "run", "--db", db)
	code, _, stderr := runCmd(t, "", "backup", "--force", "--db", db, db)
	if code == 0 || strings.Contains(stderr, "invalid record") || !strings.Contains(stderr, "database itself") {
		t.Errorf("backup onto the database: exit %d %q", code, stderr)
	}
}

// TestConfigErrorsSayWhereAndWhat is report item C: a misspelt zone is
// not "bad schedule", and every bad value names its line.
func TestConfigErrorsSayWhereAndWhat(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"log:\n  level: info\ntimezone: Asia/Shangai\n", `line 3: timezone: unknown time zone "Asia/Shangai"`},
		{"language: fr\n", `line 1: language: "fr"`},
		{"practice:\n  new_per_day: 0\n", "line 2: practice.new_per_day: must be at least 1"},
	} {
		_, err := ParseConfig(strings.NewReader(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "schedule") {
			t.Errorf("%q: %v, want %q", tc.yaml, err, tc.want)
		}
	}
}
