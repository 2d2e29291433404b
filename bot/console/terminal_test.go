package console_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/console"
	"github.com/interviewbot/interviewbot/internal/testkit"
)

// typist writes to a terminal adapter the way a person does: a paste in one
// write, keys pressed with pauses between them.
type typist struct {
	w *io.PipeWriter
}

func (ty typist) paste(s string) {
	time.Sleep(60 * time.Millisecond)
	ty.w.Write([]byte(s))
}
func (ty typist) typeLine(s string) {
	time.Sleep(60 * time.Millisecond) // longer than a paste gap: a person typing
	ty.w.Write([]byte(s))
}

// runInteractive runs an interactive adapter over the script and returns
// the events the core saw and the output.
func runInteractive(t *testing.T, dir string, script func(typist)) (*echo, string) {
	t.Helper()
	pr, pw := io.Pipe()
	var out testkit.SyncBuffer
	a := console.New(pr, &out, console.Options{User: "ada", Interactive: true, Dir: dir, PasteGap: 20 * time.Millisecond})
	rep := &echo{}
	done := make(chan error)
	go func() { done <- a.Run(context.Background(), rep) }()
	script(typist{pw})
	time.Sleep(60 * time.Millisecond)
	pw.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the adapter did not stop at the end of the input")
	}
	return rep, out.String()
}

// TestTerminalMultilineAnswers is item 5: at a terminal, a pasted answer of
// three lines (with a paragraph break) is one message, sent by an empty
// line; a typed answer ends with an empty line too; commands go at once.
func TestTerminalMultilineAnswers(t *testing.T) {
	rep, out := runInteractive(t, t.TempDir(), func(ty typist) {
		ty.typeLine("/next\n")
		ty.paste("first line\n\nsecond paragraph\nthird line\n")
		ty.typeLine("\n")
		ty.typeLine("typed one\n")
		ty.typeLine("typed two\n")
		ty.typeLine("/hint\n") // a command while drafting keeps the draft
		ty.typeLine("\n")
	})
	var kinds []string
	for _, ev := range rep.events {
		kinds = append(kinds, ev.Kind.String()+":"+ev.Command+ev.Text)
		if !ev.Trusted {
			t.Errorf("a terminal event is not trusted: %+v", ev)
		}
	}
	want := []string{"open:", "command:next", "message:first line\n\nsecond paragraph\nthird line", "command:hint", "message:typed one\ntyped two"}
	if strings.Join(kinds, "|") != strings.Join(want, "|") {
		t.Errorf("events\n got %q\nwant %q", kinds, want)
	}
	if !strings.Contains(out, "… ") {
		t.Errorf("no continuation prompt while an answer is typed:\n%s", out)
	}
}

// TestTerminalCtrlDMidLine is item 8: Ctrl-D in the middle of a line does
// not send it (at a line editor it deletes forward, as in a shell), Ctrl-C
// ends the session without sending it, and an answer not yet sent with
// its empty line stays unsent, with a note.
func TestTerminalCtrlDMidLine(t *testing.T) {
	rep, _ := runInteractive(t, t.TempDir(), func(ty typist) {
		ty.typeLine("/next\n")
		ty.typeLine("half an ans")
		ty.typeLine("\x04") // Ctrl-D mid-line
		ty.typeLine("\x03") // Ctrl-C: the end
	})
	for _, ev := range rep.events {
		if ev.Kind == bot.EventMessage {
			t.Errorf("a line not ended by Enter was sent: %q", ev.Text)
		}
	}
	rep, out := runInteractive(t, t.TempDir(), func(ty typist) {
		ty.typeLine("/next\n")
		ty.typeLine("a whole line, no empty line after it\n")
		ty.typeLine("\x04") // Ctrl-D on the empty line: the end
	})
	for _, ev := range rep.events {
		if ev.Kind == bot.EventMessage {
			t.Errorf("an answer without its empty line was sent at Ctrl-D: %q", ev.Text)
		}
	}
	if !strings.Contains(out, "没有发送") {
		t.Errorf("the person is not told the answer was not sent:\n%s", out)
	}
}

// TestPipedMultiline checks --multiline on piped input: answers end with
// an empty line or the end of the input; without it each line is one.
func TestPipedMultiline(t *testing.T) {
	in := "/next\nline one\nline two\n\n/stats\nlast answer\nits second line"
	rep := &echo{}
	a := console.New(strings.NewReader(in), io.Discard, console.Options{Multiline: true})
	if err := a.Run(context.Background(), rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range rep.events {
		got = append(got, ev.Command+ev.Text)
	}
	want := []string{"next", "line one\nline two", "stats", "last answer\nits second line"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestTerminalOutputIsSafe is item 8: what the core echoes cannot send
// control sequences to the terminal, and an attachment is written to a
// file whose path is printed.
func TestTerminalOutputIsSafe(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	a := console.New(strings.NewReader(""), &out, console.Options{Dir: dir})
	reply := bot.Reply{Text: bot.TextOf("I don't know /x\x1b]0;pwned\x07. \x1b[2J"), Attachment: &bot.Attachment{Name: "interviewbot-export.json", MIME: "application/json", Data: []byte(`{"a":1}`)}}
	a.Send(context.Background(), a.Chat(), reply)
	a.Send(context.Background(), a.Chat(), reply)
	got := out.String()
	if strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("control characters reached the terminal: %q", got)
	}
	for _, name := range []string{"interviewbot-export.json", "interviewbot-export-2.json"} {
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil || string(data) != `{"a":1}` {
			t.Errorf("%s: %q %v", name, data, err)
		}
		if !strings.Contains(got, path) {
			t.Errorf("the path %s is not printed:\n%s", path, got)
		}
	}
	if strings.Contains(got, `{"a":1}`) {
		t.Error("the attachment was printed as well")
	}
}

// TestTerminalSlashStandIns is report item B5 at the terminal: "、next" or
// "／hint" typed while an answer is being written is a command, sent at
// once, the answer kept; "、1" presses the first button.
func TestTerminalSlashStandIns(t *testing.T) {
	rep, _ := runInteractive(t, t.TempDir(), func(ty typist) {
		ty.typeLine("/next\n")
		ty.typeLine("first line\n")
		ty.typeLine("／hint\n")
		ty.typeLine("、1\n")
		ty.typeLine("\n")
	})
	var kinds []string
	for _, ev := range rep.events {
		kinds = append(kinds, ev.Kind.String()+":"+ev.Command+ev.Action+ev.Text)
	}
	want := []string{"open:", "command:next", "command:hint", "action:hint:x", "message:first line"}
	if strings.Join(kinds, "|") != strings.Join(want, "|") {
		t.Errorf("events\n got %q\nwant %q", kinds, want)
	}
}

// TestTerminalEnterBurst is the round-2 recheck's #10: an answer and two
// Enters arriving in one burst (a script, tmux send-keys, a fast typist)
// send the answer: the second Enter is the empty line that sends, whether
// the burst is short or long enough to be taken for a paste. The empty
// lines of a paste the terminal brackets stay content.
func TestTerminalEnterBurst(t *testing.T) {
	long := "lets only one thread execute the block at a time"
	for _, tc := range []struct {
		name, burst, want string
	}{
		{"CR", "原子性\r\r", "原子性"},
		{"LF", "原子性\n\n", "原子性"},
		{"CRLF", "原子性\r\n\r\n", "原子性"},
		{"long", long + "\r" + long + "\r\r", long + "\n" + long},
		{"three Enters", "原子性\r\r\r", "原子性"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, _ := runInteractive(t, t.TempDir(), func(ty typist) {
				ty.typeLine("/next\n")
				ty.typeLine(tc.burst)
			})
			got := messages(rep)
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("burst %q sent %q, want [%q]", tc.burst, got, tc.want)
			}
		})
	}
	rep, _ := runInteractive(t, t.TempDir(), func(ty typist) {
		ty.typeLine("/next\n")
		ty.paste("\x1b[200~first\n\nsecond\n\n\x1b[201~")
		ty.typeLine("third\n")
		ty.typeLine("\n")
	})
	if got := messages(rep); len(got) != 1 || got[0] != "first\n\nsecond\nthird" {
		t.Errorf("a bracketed paste's empty lines sent the answer: %q", got)
	}
}
