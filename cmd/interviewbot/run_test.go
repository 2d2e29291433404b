package main

import (
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
