package bank_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
)

// longAnswerSizes are the lengths (lines or list items) of the one answer
// the BenchmarkLoadLongAnswer cases load: each is four times the last, so a
// linear load takes four times as long at each step and a quadratic one
// sixteen.
var longAnswerSizes = []int{250, 1000, 4000}

// BenchmarkLoadLongAnswer loads a notes file of ONE question whose answer
// is n lines or list items long, in the shapes a person's notes take when
// they paste an article or keep a long cheat sheet under one question. The
// cost must grow linearly with n: a file of one giant answer once took
// minutes to load.
func BenchmarkLoadLongAnswer(b *testing.B) {
	for _, shape := range longAnswerShapes {
		for _, n := range longAnswerSizes {
			b.Run(fmt.Sprintf("%s/n=%d", shape.name, n), func(b *testing.B) {
				data := shape.write(n)
				fsys := fstest.MapFS{shape.file: {Data: data}}
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() == 0 {
						b.Fatal("empty bank")
					}
				}
			})
		}
	}
}

// longAnswerShape writes a notes file of one question with an answer n
// lines or items long.
type longAnswerShape struct {
	name  string
	file  string
	write func(n int) []byte
}

var longAnswerShapes = []longAnswerShape{
	{"txt-bold-enum", "notes.txt", func(n int) []byte {
		// Plain-text notes: every line two bold spans and an enumeration
		// marker (第一 … 第十, 首先, 其次, 最后).
		var sb strings.Builder
		sb.WriteString("1. 虚拟机备份怎么做？\n\n    回答：\n")
		for i := range n {
			fmt.Fprintf(&sb, "    %s，**备份策略%d**和**一致性保障%d**都很重要，RPO 和 RTO 决定频率。\n", enumWord(i), i, i)
		}
		return []byte(sb.String())
	}},
	{"txt-plain", "notes.txt", func(n int) []byte {
		// Plain-text notes that mark nothing: every point is picked from
		// the answer's own terms and phrases.
		var sb strings.Builder
		sb.WriteString("1. 虚拟机备份怎么做？\n\n    回答：\n")
		for i := range n {
			fmt.Fprintf(&sb, "    服务%d先做整机快照，之后只传变化的数据块%d，恢复时对比源端和目标端的位图。\n", i, i)
		}
		return []byte(sb.String())
	}},
	{"md-list-bold-code", "notes.md", func(n int) []byte {
		// A markdown question whose answer is a bullet list, each item
		// with a bold span and a code span.
		var sb strings.Builder
		sb.WriteString("### Q?\n\n")
		for i := range n {
			fmt.Fprintf(&sb, "- **item %d** is a thing with `code%d` and more words here\n", i, i)
		}
		return []byte(sb.String())
	}},
	{"md-list-plain", "notes.md", func(n int) []byte {
		// A markdown answer as a list of plain English items: the list's
		// item names and the answer's noun phrases are the candidates.
		var sb strings.Builder
		sb.WriteString("### How do you keep a service consistent?\n\n")
		for i := range n {
			fmt.Fprintf(&sb, "- Snapshot %d: the first backup is a full snapshot and later runs send changed blocks %d\n", i, i)
		}
		return []byte(sb.String())
	}},
	{"md-prose-zh", "notes.md", func(n int) []byte {
		// A markdown answer of Chinese paragraphs with bold spans and
		// enumerations, a blank line between each.
		var sb strings.Builder
		sb.WriteString("## 1. 数据一致性怎么保证？\n\n")
		for i := range n {
			fmt.Fprintf(&sb, "%s，通过**底层校验%d**和`fsck -n /dev/sda%d`保证数据一致，并且定期演练。\n\n", enumWord(i), i, i)
		}
		return []byte(sb.String())
	}},
}

// enumWord cycles through the enumeration markers of Chinese notes.
func enumWord(i int) string {
	words := []string{"第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十", "首先", "其次", "最后"}
	return words[i%len(words)]
}
