package console

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
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
