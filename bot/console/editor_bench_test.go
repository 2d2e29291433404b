package console

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bot"
)

// BenchmarkEditorPaste measures a long pasted line through the line
// editor, echo included: the report's 77 KB of Chinese on one line.
func BenchmarkEditorPaste(b *testing.B) {
	for _, size := range []int{6000, 77 * 1024 / 3} {
		line := strings.Repeat("备", size)
		input := "\x1b[200~" + line + "\x1b[201~\r"
		b.Run(fmt.Sprintf("%dchars", size), func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			for b.Loop() {
				ed, err := newEditor(strings.NewReader(input), io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				out := make(chan inputLine, 1)
				if err := ed.readLines(context.Background(), out); err != nil {
					b.Fatal(err)
				}
				if l := <-out; len(l.text) != len(line) {
					b.Fatalf("read %d bytes, want %d", len(l.text), len(line))
				}
			}
		})
	}
}

// BenchmarkRenderWidth measures wrapping a reply to an 80-column terminal:
// the sample of wrap tests (prose, lists, quoted Chinese and English) and a
// long reference answer of 4 KB of Chinese.
func BenchmarkRenderWidth(b *testing.B) {
	long := bot.Text{{Spans: []bot.Span{bot.P(strings.Repeat("离职后我完成了学业收尾，系统学习了 cloud migration 方向的全链路知识。", 30))}, Quote: true}}
	for name, text := range map[string]bot.Text{"reply": benchSample(), "long-reference": long} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				RenderWidth(text, 80)
			}
		})
	}
}

func benchSample() bot.Text {
	var t bot.Text
	t.Add(bot.P("👋 Questions come from your interview notes (28 of them). I ask, you type your answer; I reply with the key points you covered and missed plus the reference answer."))
	t.Add(bot.P("• "), bot.B("synchronized is a keyword that lets only one thread execute a block at a time, and ReentrantLock is a class"))
	t.AddQuote(bot.P("synchronized 和 ReentrantLock 都是可重入锁，ReentrantLock 提供了更多高级功能，例如 tryLock 和绑定多个 Condition。"))
	return t
}
