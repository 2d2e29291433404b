package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHotBackupWhileRunning takes a backup and an export from another
// "process" while the bot holds the database lock.
func TestHotBackupWhileRunning(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bot.db")
	in, feed := io.Pipe()
	var out, errOut bytes.Buffer
	done := make(chan int)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { done <- run(ctx, []string{"run", "--db", db}, in, &syncWriter{w: &out}, &errOut) }()
	io.WriteString(feed, "/next\nRPO 和 RTO\n")
	sock := controlSocketPath(db)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("control socket never appeared")
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Wait until the answer is stored: the export through the socket shows it.
	var exported string
	for time.Now().Before(deadline) {
		_, exported, _ = runCmd(t, "", "export", "--db", db)
		if strings.Contains(exported, "RPO 和 RTO") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(exported, "RPO 和 RTO") {
		t.Fatalf("export from the running bot: %s", exported)
	}
	backup := filepath.Join(dir, "hot.db")
	if code, out, stderr := runCmd(t, "", "backup", "--db", db, backup); code != 0 {
		t.Fatalf("hot backup: exit %d %s %s", code, out, stderr)
	}
	feed.Close()
	if code := <-done; code != 0 {
		t.Fatalf("bot exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Error("the control socket is left behind")
	}
	info, err := os.Stat(backup)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", info, err)
	}
	_, copied, _ := runCmd(t, "", "export", "--db", backup)
	if !strings.Contains(copied, "RPO 和 RTO") {
		t.Errorf("the hot backup lacks the answer: %s", copied)
	}
}

// syncWriter lets the test read output the bot is still writing.
type syncWriter struct{ w io.Writer }

func (s *syncWriter) Write(p []byte) (int, error) { return s.w.Write(p) }
