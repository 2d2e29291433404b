package bank_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/bank"
)

// TestLineEndings loads the same notes with LF, CRLF (Windows) and lone CR
// (classic Mac OS, some exports) line ends, and mixed: each reads as an
// editor shows it, with the same questions, answers and lines, and a
// problem names the line an editor shows. YAML counts a lone CR as a line
// break, so the notes readers must too, or the two disagree on lines.
func TestLineEndings(t *testing.T) {
	files := map[string]string{
		"notes.txt": "1. 第一题是什么？\n回答：**甲方案**和**乙方案**。\n\n2. 第二题是什么？\n回答：坏字节\xff在这一行。\n",
		"notes.md":  "### 第一题是什么？\n\n**甲方案**和**乙方案**。\n\n### 第二题是什么？\n\n坏字节\xff在这一行。\n",
		"bank.yaml": "questions:\n  - prompt: 第三题是什么？\n    answer: 丙方案\n  - prompt: [unclosed\n",
	}
	want := describe(t, files)
	for _, tt := range []struct{ name, eol string }{{"CRLF", "\r\n"}, {"CR", "\r"}} {
		t.Run(tt.name, func(t *testing.T) {
			converted := map[string]string{}
			for name, data := range files {
				converted[name] = strings.ReplaceAll(data, "\n", tt.eol)
			}
			if got := describe(t, converted); got != want {
				t.Errorf("with %s line ends:\n%s\nwith LF:\n%s", tt.name, got, want)
			}
		})
	}
	t.Run("mixed", func(t *testing.T) {
		mixed := map[string]string{}
		for name, data := range files {
			// LF, CRLF and CR in turn; a CR before an empty line would
			// make a CRLF with that line's end, so it is one.
			ls := strings.Split(data, "\n")
			var b strings.Builder
			for i, l := range ls {
				b.WriteString(l)
				switch {
				case i == len(ls)-1:
				case i%3 == 0:
					b.WriteString("\n")
				case i%3 == 1 || ls[i+1] == "":
					b.WriteString("\r\n")
				default:
					b.WriteString("\r")
				}
			}
			mixed[name] = b.String()
		}
		if got := describe(t, mixed); got != want {
			t.Errorf("with mixed line ends:\n%s\nwith LF:\n%s", got, want)
		}
	})
}

// describe loads files and writes out what came of them: each question
// with its source lines, answer and key points, and each problem.
func describe(t *testing.T, files map[string]string) string {
	t.Helper()
	b, probs := load(t, files)
	var sb strings.Builder
	for _, q := range b.Questions() {
		fmt.Fprintf(&sb, "%v %q → %q", q.Sources, q.Prompt, q.Answer.Text)
		for _, kp := range q.Answer.KeyPoints {
			fmt.Fprintf(&sb, " [%s]", kp.Text)
		}
		sb.WriteByte('\n')
	}
	for _, p := range probs {
		if p.Severity != bank.Info {
			fmt.Fprintln(&sb, p)
		}
	}
	return sb.String()
}
