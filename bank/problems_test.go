package bank_test

import (
	"strings"
	"testing"
)

func TestProblemsNameFileAndLineAndLoseNothingElse(t *testing.T) {
	good := "1. 什么是幂等？\n\n    回答：\n    **重复执行结果相同**，例如**按主键写入**和**去重表**。\n"
	tests := []struct {
		name    string
		files   map[string]string
		want    string // expected problem, as file:line: severity: message prefix
		wantLen int    // questions still loaded
	}{
		{
			name:    "invalid UTF-8",
			files:   map[string]string{"good.md": good, "bad.md": "1. 坏字节？\n\n    回答：\n    abc\xff\xfe def **要点一**、**要点二**、**要点三**\n"},
			want:    "bad.md:4: error: invalid UTF-8",
			wantLen: 2,
		},
		{
			name:    "binary file",
			files:   map[string]string{"good.md": good, "image.txt": "\x89PNG\x00\x00\x01"},
			want:    "image.txt:1: error: not a text file",
			wantLen: 1,
		},
		{
			name:    "question without answer",
			files:   map[string]string{"good.md": good, "empty.md": "1. 没写答案的问题？\n\n2. 另一个问题？\n\n    回答：\n    **甲**、**乙**、**丙**。\n"},
			want:    "empty.md:1: warning: question has no answer",
			wantLen: 3,
		},
		{
			name:    "YAML syntax error",
			files:   map[string]string{"good.md": good, "broken.yaml": "questions:\n  - prompt: a\n    answer: [unclosed\n"},
			want:    "broken.yaml:2: error: invalid YAML: yaml: line 2",
			wantLen: 1,
		},
		{
			// yaml.v3 names the line where the block it was reading starts
			// (line 1 here), not the bad indentation on line 4: the message
			// says so, so nobody looks for the mistake on line 1 only.
			name:    "YAML indentation error",
			files:   map[string]string{"good.md": good, "indent.yaml": "questions:\n  - prompt: ok\n    answer: fine\n   bad: indent\n"},
			want:    "indent.yaml:1: error: invalid YAML: yaml: line 1: did not find expected '-' indicator (in the block that starts on this line: the mistake is here or further down; check indentation and closing brackets)",
			wantLen: 1,
		},
		{
			name:    "YAML unknown key",
			files:   map[string]string{"good.md": good, "typo.yaml": "questions:\n  - prompt: 新问题？\n    answr: 拼错了\n    answer: 正确的**答案**\n"},
			want:    "typo.yaml:3: error: unknown key \"answr\"",
			wantLen: 2,
		},
		{
			name:    "YAML entry without prompt",
			files:   map[string]string{"good.md": good, "noprompt.yaml": "questions:\n  - answer: 只有答案\n"},
			want:    "noprompt.yaml:2: error: question needs a prompt",
			wantLen: 1,
		},
		{
			name:    "YAML duplicate id",
			files:   map[string]string{"good.md": good, "dup.yaml": "questions:\n  - id: same\n    prompt: 问题甲？\n    answer: 甲\n  - id: same\n    prompt: 问题乙？\n    answer: 乙\n"},
			want:    "error: duplicate id \"same\"",
			wantLen: 2,
		},
		{
			name:    "no questions",
			files:   map[string]string{"good.md": good, "prose.md": "只是一些随手记下的文字，没有问题。\n"},
			want:    "prose.md:1: warning: no questions found",
			wantLen: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, probs := load(t, tt.files)
			if !strings.Contains(probs.String(), tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", probs, tt.want)
			}
			if b.Len() != tt.wantLen {
				t.Errorf("loaded %d questions, want %d", b.Len(), tt.wantLen)
			}
			mustMatch(t, b, "什么是幂等？")
		})
	}
}

func TestInvalidUTF8KeepsTheRestOfTheLine(t *testing.T) {
	b, _ := load(t, map[string]string{"bad.md": "1. 坏字节？\n\n    回答：\n    前半句\xff后半句，**要点一**、**要点二**、**要点三**。\n"})
	q := mustMatch(t, b, "坏字节？")
	if !strings.Contains(q.Answer.Text, "前半句\uFFFD后半句") || len(q.Answer.KeyPoints) != 3 {
		t.Errorf("answer %q, points %v", q.Answer.Text, q.Answer.KeyPoints)
	}
}
