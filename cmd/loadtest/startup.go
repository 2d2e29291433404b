package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// questionMark starts the terminal's rendering of a question.
const questionMark = "❓"

// helloWorld is the program measured beside the bot: what starting any Go
// binary costs here.
const helloWorld = `package main

import "fmt"

func main() { fmt.Println("hello") }
`

// startupResult is what the start-up test measured.
type startupResult struct {
	Bin        string
	Bot, Hello []time.Duration
	// BotCPU is the bot's CPU time, all threads, at its first question
	// (empty where /proc is missing).
	BotCPU []time.Duration
}

// measureStartup starts the bot n times in the terminal, each on a new
// database in a new directory, with "/next" piped in, and times process
// start to the question arriving on its stdout; each run alternates with a
// run of a hello-world Go program, timed to its line. bin is the bot's
// binary; empty builds ./cmd/interviewbot.
func measureStartup(ctx context.Context, n int, bin string) (startupResult, error) {
	dir, err := os.MkdirTemp("", "interviewbot-loadtest-startup-")
	if err != nil {
		return startupResult{}, err
	}
	defer os.RemoveAll(dir)
	if bin == "" {
		bin = filepath.Join(dir, "interviewbot")
		if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/interviewbot/interviewbot/cmd/interviewbot").CombinedOutput(); err != nil {
			return startupResult{}, fmt.Errorf("build interviewbot: %w\n%s", err, out)
		}
	}
	hello, err := buildHello(ctx, dir)
	if err != nil {
		return startupResult{}, err
	}
	res := startupResult{Bin: bin}
	for i := range n {
		home := filepath.Join(dir, fmt.Sprintf("run%d", i))
		if err := os.Mkdir(home, 0o700); err != nil {
			return res, err
		}
		d, _, err := timeToOutput(ctx, home, "hello", hello)
		if err != nil {
			return res, fmt.Errorf("hello world: %w", err)
		}
		res.Hello = append(res.Hello, d)
		d, cpu, err := timeToOutput(ctx, home, questionMark, bin, "run", "--db", filepath.Join(home, "bot.db"))
		if err != nil {
			return res, fmt.Errorf("interviewbot: %w", err)
		}
		res.Bot = append(res.Bot, d)
		if cpu > 0 {
			res.BotCPU = append(res.BotCPU, cpu)
		}
	}
	return res, nil
}

// buildHello builds the hello-world program in dir.
func buildHello(ctx context.Context, dir string) (string, error) {
	src := filepath.Join(dir, "hello")
	if err := os.Mkdir(src, 0o700); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(helloWorld), 0o600); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte("module hello\n"), 0o600); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "hello-world")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build hello world: %w\n%s", err, out)
	}
	return bin, nil
}

// timeToOutput starts name with args in home (HOME and XDG directories
// there, "/next" on stdin) and returns the time from its start to a line
// of its stdout containing want, and the CPU time its threads had used by
// then (zero where it cannot be read). It then closes stdin and waits for
// the process to end.
func timeToOutput(ctx context.Context, home, want, name string, args ...string) (took, cpu time.Duration, err error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = home
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home, "XDG_STATE_HOME="+home, "XDG_RUNTIME_DIR="+home)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return 0, 0, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if _, err := io.WriteString(stdin, "/next\n"); err != nil && !errors.Is(err, os.ErrClosed) {
		return 0, 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	found := false
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if strings.Contains(sc.Text(), want) {
			took, found = time.Since(start), true
			cpu, _ = cpuTime(cmd.Process.Pid)
			break
		}
	}
	stdin.Close()
	_, _ = io.Copy(io.Discard, stdout)
	werr := cmd.Wait()
	if !found {
		return 0, 0, fmt.Errorf("no %q in its output (%v): %s", want, werr, stderr.String())
	}
	return took, cpu, nil
}

// print writes the start-up report.
func (r startupResult) print(w io.Writer) {
	fmt.Fprintf(w, "Start-up: process start to the first question in the terminal (\"/next\" piped in, a new database each run), %d runs alternating with a hello-world Go program\n\n", len(r.Bot))
	t := newTable(w)
	b := percentiles(r.Bot, 0, 0.5, 0.9, 1)
	h := percentiles(r.Hello, 0, 0.5, 0.9, 1)
	t.row("interviewbot min / p50 / p90 / max", fmt.Sprintf("%s / %s / %s / %s", ms(b[0]), ms(b[1]), ms(b[2]), ms(b[3])))
	t.row("hello world min / p50 / p90 / max", fmt.Sprintf("%s / %s / %s / %s", ms(h[0]), ms(h[1]), ms(h[2]), ms(h[3])))
	if len(r.BotCPU) > 0 {
		c := percentiles(r.BotCPU, 0, 0.5, 0.9, 1)
		t.row("interviewbot CPU min / p50 / p90 / max", fmt.Sprintf("%s / %s / %s / %s (all threads, at the question)", ms(c[0]), ms(c[1]), ms(c[2]), ms(c[3])))
	}
	t.flush()
	fmt.Fprintln(w)
}
