package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// mainEnv, set in a process's environment, makes this test binary the
// bot: TestMain runs main, and so Main, with the process's arguments
// instead of the tests.
const mainEnv = "INTERVIEWBOT_TEST_MAIN"

// botCommand is the bot run as a process of its own with args, for the
// tests that signal or kill it: this test binary, as mainEnv makes it.
func botCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	return cmd
}

// process is the bot running as a process of its own.
type process struct {
	t      *testing.T
	cmd    *exec.Cmd
	stdout bytes.Buffer
	stderr syncBuffer
	done   chan error
}

// startBinary writes config to a file and runs "interviewbot run" with it.
func startBinary(t *testing.T, config string, extra ...string) *process {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfgPath, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	p := &process{t: t, done: make(chan error, 1)}
	args := append([]string{"run", "--config", cfgPath, "--db", filepath.Join(dir, "bot.db")}, extra...)
	p.cmd = botCommand(args...)
	p.cmd.Stdout = &p.stdout
	p.cmd.Stderr = &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// stop sends SIGTERM and returns how long the process took to exit.
func (p *process) stop() time.Duration {
	p.t.Helper()
	start := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		p.t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			p.t.Errorf("exit: %v\n%s", err, p.stderr.String())
		}
	case <-time.After(15 * time.Second):
		p.t.Fatalf("did not stop within 15 s of SIGTERM\n%s", p.stderr.String())
	}
	return time.Since(start)
}

// e2eContext bounds an end-to-end test.
func e2eContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// syncBuffer is a bytes.Buffer safe to read while a process writes it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestMain gives the tests' control sockets a directory of their own
// (bots killed by the tests leave theirs behind), removed at the end.
func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) != "" {
		main() // the bot, started by botCommand; main exits
	}
	dir, err := os.MkdirTemp("", "interviewbot-runtime-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_RUNTIME_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
