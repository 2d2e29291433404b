package console_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/console"
	"github.com/interviewbot/interviewbot/internal/testkit"
)

// messages returns the texts of the message events the core saw.
func messages(rep *echo) []string {
	rep.mu.Lock()
	defer rep.mu.Unlock()
	var out []string
	for _, ev := range rep.events {
		if ev.Kind == bot.EventMessage {
			out = append(out, ev.Text)
		}
	}
	return out
}

// TestTerminalLineEditing is report item 9: at a terminal the arrow keys
// move the cursor and recall earlier lines instead of putting "^[[D" into
// the answer.
func TestTerminalLineEditing(t *testing.T) {
	rep, _ := runInteractive(t, t.TempDir(), func(ty typist) {
		ty.typeLine("/next\n")
		ty.typeLine("helo world")
		ty.typeLine("\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D") // seven times left: after "hel"
		ty.typeLine("l\n")
		ty.typeLine("\n")
		ty.typeLine("\x1b[A\n") // up: the last line typed (not the empty one)
		ty.typeLine("\n")
	})
	got := messages(rep)
	want := []string{"hello world", "hello world"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("answers %q, want %q", got, want)
	}
}

// TestTerminalBracketedPaste is report item 9: a paste the terminal
// brackets (ESC[200~ … ESC[201~) is one answer, however long its lines and
// whatever empty lines it holds, and is never cut at 4,096 characters.
func TestTerminalBracketedPaste(t *testing.T) {
	long := strings.Repeat("word ", 1200) + "end"
	rep, out := runInteractive(t, t.TempDir(), func(ty typist) {
		ty.typeLine("/next\n")
		ty.paste("\x1b[200~" + long + "\n\nsecond paragraph\n\x1b[201~")
		ty.typeLine("\n")
	})
	if !strings.Contains(out, "\x1b[?2004h") {
		t.Error("bracketed paste mode was not switched on")
	}
	got := messages(rep)
	if len(got) != 1 || got[0] != long+"\n\nsecond paragraph" {
		t.Fatalf("the paste did not arrive whole as one answer: %d messages, lengths %v", len(got), lengths(got))
	}
}

// TestTerminalLongUnbracketedLine is report item 9: a terminal that does
// not bracket pastes (or a script typing into a pty) hands over a long
// line in bursts; it arrives whole, not cut at 4,096 characters.
func TestTerminalLongUnbracketedLine(t *testing.T) {
	long := strings.Repeat("word ", 1200) + "end"
	rep, out := runInteractive(t, t.TempDir(), func(ty typist) {
		ty.typeLine("/next\n")
		for rest := long; rest != ""; {
			n := min(len(rest), 4095)
			ty.w.Write([]byte(rest[:n]))
			rest = rest[n:]
		}
		ty.typeLine("\n")
		ty.typeLine("\n")
	})
	got := messages(rep)
	if len(got) != 1 || got[0] != long {
		t.Fatalf("the long line did not arrive whole: lengths %v\n%s", lengths(got), tail(out))
	}
}

// TestTerminalTypedLineCut is report item 9: should a typed line ever pass
// the line editor's limit (4,096 characters), the person is told it was
// cut instead of finding out from a short answer.
func TestTerminalTypedLineCut(t *testing.T) {
	rep, out := runInteractive(t, t.TempDir(), func(ty typist) {
		ty.typeLine("/next\n")
		for range 5000 / 10 {
			ty.w.Write([]byte("abcdefghi "))
		}
		ty.typeLine("\n")
		ty.typeLine("\n")
	})
	got := messages(rep)
	if len(got) != 1 || len(got[0]) >= 5000 {
		t.Fatalf("want one cut answer, got lengths %v", lengths(got))
	}
	if !strings.Contains(out, "截断") {
		t.Errorf("the person is not told the line was cut:\n%s", tail(out))
	}
}

// TestPipedLineCut: a piped line longer than the adapter keeps is cut on a
// character boundary, so the core never sees half a character (and never
// says the text was invalid), and the person is told it was cut.
func TestPipedLineCut(t *testing.T) {
	line := strings.Repeat("中", 1<<20/3+5) + "x" // a little over 1 MiB
	var out testkit.SyncBuffer
	rep := &echo{}
	a := console.New(strings.NewReader("/next\n"+line+"\n"), &out, console.Options{})
	if err := a.Run(context.Background(), rep); err != nil {
		t.Fatal(err)
	}
	got := messages(rep)
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	if !utf8.ValidString(got[0]) || len(got[0]) > 1<<20 || !strings.HasPrefix(line, got[0]) {
		t.Errorf("the cut line is %d bytes, valid UTF-8 %v", len(got[0]), utf8.ValidString(got[0]))
	}
	if !strings.Contains(out.String(), "截断") {
		t.Errorf("the person is not told the line was cut:\n%s", tail(out.String()))
	}
}

func lengths(ss []string) []int {
	var out []int
	for _, s := range ss {
		out = append(out, utf8.RuneCountInString(s))
	}
	return out
}

func tail(s string) string { return s[max(0, len(s)-600):] }

// TestTerminalWideEcho is round 3's finding 9: the line editor counts a
// Chinese character as one column, so the echo of a long Chinese answer
// got line breaks of its own in the middle of the terminal's rows. The
// terminal, which knows the widths, wraps it now, typed or pasted; a
// Latin line still gets the editor's own wrapping.
func TestTerminalWideEcho(t *testing.T) {
	answer := strings.Repeat("离职后我完成了学业收尾，系统学习了云计算迁移。", 5) // 115 characters
	broken := regexp.MustCompile(`[\p{Han}，。]\r\n[\p{Han}，。]`)
	latin := regexp.MustCompile(`(?:> |… )(?:word ){15}wor\r\nd`)
	for _, typed := range []bool{true, false} {
		rep, out := runInteractive(t, t.TempDir(), func(ty typist) {
			ty.typeLine("/next\n")
			time.Sleep(60 * time.Millisecond)
			if typed { // an input method hands over a few characters at a time
				rs := []rune(answer)
				for i := 0; i < len(rs); i += 3 {
					ty.w.Write([]byte(string(rs[i:min(i+3, len(rs))])))
				}
			} else {
				ty.w.Write([]byte(answer))
			}
			ty.typeLine("\n")
			ty.typeLine("\n")
			ty.typeLine(strings.Repeat("word ", 30) + "\n")
		})
		if got := messages(rep); len(got) != 1 || got[0] != answer {
			t.Errorf("typed %v: answers %q", typed, got)
		}
		if m := broken.FindString(out); m != "" {
			t.Errorf("typed %v: the editor broke the Chinese line itself: %q", typed, m)
		}
		if !latin.MatchString(out) {
			t.Errorf("typed %v: the editor no longer wraps a Latin line at its width:\n%q", typed, out[max(0, len(out)-400):])
		}
	}
}
