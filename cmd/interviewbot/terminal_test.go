package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestPipedScriptIsNotThrottled is item 6: a piped script of many answers
// runs to its end; the terminal is one trusted person, without a flood
// limit.
func TestPipedScriptIsNotThrottled(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bot.db")
	var script strings.Builder
	for range 12 {
		script.WriteString("/next new\n备份要有独立的副本，定期做恢复演练\n")
	}
	script.WriteString("/stats\n")
	code, out, stderr := runCmd(t, script.String(), "run", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(out, "📊"); n != 12 {
		t.Errorf("%d of 12 answers graded", n)
	}
	if !strings.Contains(out, "已作答 12 次") || strings.Contains(out, "⏳") {
		t.Errorf("the script did not run to its end:\n%s", out[max(0, len(out)-600):])
	}
}

// terminal is the real binary on a pseudo-terminal, as a person runs it.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	done chan error
}

func startTerminal(t *testing.T, home, db string) *terminal {
	t.Helper()
	cmd := botCommand("--db", db)
	cmd.Env = append(cmd.Env, "HOME="+home, "XDG_DATA_HOME=", "USER=ada", "TERM=xterm")
	cmd.Dir = home
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 200})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { term.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-term.done
		}
		f.Close()
	})
	return term
}

// output returns what the terminal showed since mark.
func (term *terminal) output(mark int) string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.String()[mark:]
}

func (term *terminal) mark() int {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.Len()
}

// waitFor waits until the output since mark matches re.
func (term *terminal) waitFor(mark int, re string) string {
	term.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if out := term.output(mark); rx.MatchString(out) {
			return out
		}
		time.Sleep(20 * time.Millisecond)
	}
	term.t.Fatalf("the terminal never showed %q; it shows:\n%s", re, term.output(mark))
	return ""
}

func (term *terminal) write(s string) {
	term.t.Helper()
	if _, err := io.WriteString(term.pty, s); err != nil {
		term.t.Fatal(err)
	}
}

// exit waits for the process to end after Ctrl-D.
func (term *terminal) exit() {
	term.t.Helper()
	select {
	case err := <-term.done:
		if err != nil {
			term.t.Fatalf("exit: %v\n%s", err, term.output(0))
		}
	case <-time.After(15 * time.Second):
		term.t.Fatalf("no exit after Ctrl-D:\n%s", term.output(0))
	}
}

// TestTerminalOnAPTY drives the real binary through a pseudo-terminal: the
// greeting on first start, a pasted three-line answer graded as one, the
// open question shown again after a restart, and Ctrl-D in the middle of
// a line, which does not send it.
func TestTerminalOnAPTY(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "bot.db")

	term := startTerminal(t, home, db)
	term.waitFor(0, `你好，我是你的模拟面试官[\s\S]*> $`)
	m := term.mark()
	term.write("/next\r")
	term.waitFor(m, `四月份离职之后都在做什么[\s\S]*空一行发送[\s\S]*> $`)
	m = term.mark()
	term.write("离职后我完成了学业收尾\r系统学习了云计算迁移方向的全链路知识\r也做了云原生运维自动化\r")
	term.waitFor(m, `… $`)
	time.Sleep(100 * time.Millisecond)
	term.write("\r")
	out := term.waitFor(m, `📊[\s\S]*> $`)
	if n := strings.Count(out, "📊"); n != 1 || strings.Contains(out, "没有待回答的题") {
		t.Fatalf("the pasted answer was not graded as one:\n%s", out)
	}
	if !strings.Contains(out, "云原生运维自动化") || !strings.Contains(out, "学业收尾") {
		t.Errorf("the answer's lines were not all graded:\n%s", out)
	}

	// Report item 9: a line of 6,000 characters, typed into the terminal
	// as a script (or a terminal that does not bracket pastes) hands it
	// over, arrives whole: the tty's canonical mode used to cut it at 4,095
	// bytes without a word.
	long := strings.TrimSpace(strings.Repeat("word ", 1200))
	m = term.mark()
	term.write("/next\r")
	term.waitFor(m, `❓[\s\S]*> $`)
	m = term.mark()
	term.write(long + "\r")
	term.waitFor(m, `… $`)
	time.Sleep(100 * time.Millisecond)
	term.write("\r")
	out = term.waitFor(m, `📊[\s\S]*> $`)
	if strings.Contains(out, "不是有效") || strings.Contains(out, "截断") {
		t.Errorf("the long line was cut:\n%s", out[max(0, len(out)-800):])
	}
	// An arrow key moves the cursor instead of typing "^[[D" into the
	// answer, and a paste the terminal brackets is one answer.
	m = term.mark()
	term.write("/next\r")
	term.waitFor(m, `❓[\s\S]*> $`)
	m = term.mark()
	term.write("备份策略和恢复演练")
	time.Sleep(50 * time.Millisecond)
	term.write("\x1b[D\x1b[D\x1b[D\x1b[D")
	time.Sleep(50 * time.Millisecond)
	term.write("以及")
	time.Sleep(50 * time.Millisecond)
	term.write("\r")
	term.waitFor(m, `… $`)
	time.Sleep(50 * time.Millisecond)
	term.write("\x1b[200~第二段\r\r第三段\x1b[201~\r")
	time.Sleep(100 * time.Millisecond)
	term.write("\r")
	term.waitFor(m, `📊[\s\S]*> $`)
	m = term.mark()
	term.write("/next\r")
	q := term.waitFor(m, `❓[^\n]*\n([^\n]+)\n[\s\S]*> $`)
	prompt := regexp.MustCompile(`❓[^\n]*\n([^\r\n]+)`).FindStringSubmatch(q)[1]
	term.write("\x04") // Ctrl-D on an empty line: the end
	term.exit()

	// A restart in the middle of the question shows it again.
	term = startTerminal(t, home, db)
	out = term.waitFor(0, `没答完[\s\S]*> $`)
	if !strings.Contains(out, prompt) || strings.Contains(out, "你好，我是") {
		t.Errorf("after a restart the open question %q is not shown (or the greeting is repeated):\n%s", prompt, out)
	}
	m = term.mark()
	term.write("half an answer")
	term.waitFor(m, "half an answer")
	term.write("\x04") // Ctrl-D mid-line: nothing is sent
	time.Sleep(200 * time.Millisecond)
	term.write("\x03") // Ctrl-C: the end
	term.exit()
	if out := term.output(m); strings.Contains(out, "📊") {
		t.Errorf("Ctrl-D sent the half-typed line:\n%s", out)
	}
	code, export, stderr := runCmd(t, "", "export", "--db", db)
	if code != 0 {
		t.Fatal(stderr)
	}
	var users []struct {
		Attempts []struct{ Reply string } `json:"attempts"`
	}
	if err := json.Unmarshal([]byte(export), &users); err != nil || len(users) != 1 {
		t.Fatalf("export: %v\n%s", err, export)
	}
	atts := users[0].Attempts
	if len(atts) != 3 {
		t.Fatalf("%d attempts stored, want the pasted answer, the long line and the edited one", len(atts))
	}
	if atts[1].Reply != long {
		t.Errorf("the long line was stored as %d characters, want %d", len([]rune(atts[1].Reply)), len(long))
	}
	if want := "备份策略和以及恢复演练\n第二段\n\n第三段"; atts[2].Reply != want {
		t.Errorf("the edited answer was stored as %q, want %q", atts[2].Reply, want)
	}
}
