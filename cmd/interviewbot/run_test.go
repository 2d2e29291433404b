package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScriptedTerminalSession runs the bot on piped input, as README
// shows: a question, an answer with coverage, and the attempt still there
// after a restart.
func TestScriptedTerminalSession(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bot.db")
	code, out, stderr := runCmd(t, "/next\n离职后我完成了学业收尾，系统学习了云计算迁移方向的全链路知识，做了云原生运维自动化。\n", "run", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"四月份离职之后都在做什么？", "📊 覆盖", "✅ 答到：学业收尾", "参考答案"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, stderr = runCmd(t, "/stats\n", "run", "--db", db)
	if code != 0 || !strings.Contains(out, "已作答 1 次") {
		t.Errorf("after a restart: exit %d\n%s\n%s", code, out, stderr)
	}
	// The default subcommand is run, and flags may come first.
	code, out, _ = runCmd(t, "/help\n", "--db", db)
	if code != 0 || !strings.Contains(out, "/subscribe") {
		t.Errorf("interviewbot with no subcommand: exit %d\n%s", code, out)
	}
}

func TestExportAndBackupCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	if code, _, stderr := runCmd(t, "/next\nRPO\n", "run", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	code, out, stderr := runCmd(t, "", "export", "--db", db)
	if code != 0 || !strings.Contains(out, `"attempts"`) || !strings.Contains(out, `"reply": "RPO"`) {
		t.Errorf("export: exit %d %s\n%s", code, stderr, out)
	}
	backup := filepath.Join(dir, "copy.db")
	if code, out, stderr := runCmd(t, "", "backup", "--db", db, backup); code != 0 || !strings.Contains(out, "written to") {
		t.Fatalf("backup: exit %d %s %s", code, out, stderr)
	}
	code, out, _ = runCmd(t, "", "export", "--db", backup)
	if code != 0 || !strings.Contains(out, `"reply": "RPO"`) {
		t.Errorf("the backup does not hold the data: %s", out)
	}
	if code, _, stderr := runCmd(t, "", "export", "--db", filepath.Join(dir, "missing.db")); code != 1 || !strings.Contains(stderr, "missing.db") {
		t.Errorf("missing database: exit %d %s", code, stderr)
	}
}

// Under a service manager stdin is /dev/null. With the token's variable
// missing from the service's environment, the bot used to run the
// terminal on that empty input and exit 0 without a word; now a config
// that names an unset variable stops it with the variable and the key,
// and with no platform at all and nothing on stdin it exits non-zero
// saying why.
func TestServiceWithoutTokenFails(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the bot as a process")
	}
	os.Unsetenv("IB_SERVICE_TOKEN")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("telegram:\n  token: ${IB_SERVICE_TOKEN}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// exec gives the child /dev/null as stdin, as systemd does.
	r := runBinary(t, "run", "--config", cfg, "--db", filepath.Join(dir, "bot.db"))
	if r.code == 0 || !strings.Contains(r.stderr, "telegram.token: ${IB_SERVICE_TOKEN} is not set") {
		t.Errorf("unset token variable: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runBinary(t, "run", "--db", filepath.Join(dir, "bot.db"))
	if r.code == 0 || !strings.Contains(r.stderr, "nothing to run") {
		t.Errorf("no platform, stdin /dev/null: exit %d, stderr %q", r.code, r.stderr)
	}
	// A script on stdin still runs in the terminal.
	code, out, _ := runCmd(t, "/help\n", "run", "--db", filepath.Join(dir, "bot.db"))
	if code != 0 || out == "" {
		t.Errorf("a scripted session: exit %d, output %q", code, out)
	}
}

// run --check reads the whole database before starting; a damaged one
// stops it with the steps to restore a backup.
func TestRunCheck(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	if code, _, stderr := runCmd(t, "/help\n", "run", "--check", "--db", db); code != 0 {
		t.Fatalf("run --check on a good file: exit %d %s", code, stderr)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, raw[:len(raw)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "/help\n", "run", "--check", "--db", db)
	if code != 1 || !strings.Contains(stderr, "cut short") || !strings.Contains(stderr, "restore it from a backup") {
		t.Errorf("run --check on a cut file: exit %d %s", code, stderr)
	}
}
