package bank_test

import (
	"strings"
	"testing"
)

const twoQuestions = `1. 什么是 RPO？

    回答：
    **恢复点目标**，即可接受的**数据丢失量**。

2. 什么是 RTO？

    回答：
    **恢复时间目标**，即业务**中断时长**。
`

func ids(t *testing.T, files map[string]string) map[string]string {
	t.Helper()
	b, probs := load(t, files)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	out := map[string]string{}
	for _, q := range b.Questions() {
		out[q.Prompt] = q.ID
	}
	return out
}

func TestIDsAreStable(t *testing.T) {
	base := ids(t, map[string]string{"notes.md": twoQuestions})
	if len(base) != 2 {
		t.Fatalf("got %v", base)
	}
	edits := map[string]map[string]string{
		"renumbered": {"notes.md": strings.NewReplacer("1. ", "7、", "2. ", "3. ").Replace(twoQuestions)},
		"reordered": {"notes.md": twoQuestions[strings.Index(twoQuestions, "2. "):] + "\n" +
			twoQuestions[:strings.Index(twoQuestions, "2. ")]},
		"answer edited": {"notes.md": strings.Replace(twoQuestions, "数据丢失量", "最大数据丢失", 1)},
		"moved to another file": {
			"a.md": twoQuestions[:strings.Index(twoQuestions, "2. ")],
			"b.md": twoQuestions[strings.Index(twoQuestions, "2. "):],
		},
		"punctuation and width": {"notes.md": strings.Replace(twoQuestions, "什么是 RPO？", "什么是ＲＰＯ?", 1)},
	}
	for name, files := range edits {
		t.Run(name, func(t *testing.T) {
			got := ids(t, files)
			for prompt, id := range base {
				found := false
				for _, gid := range got {
					found = found || gid == id
				}
				if !found {
					t.Errorf("%q lost its id %s: now %v", prompt, id, got)
				}
			}
		})
	}
}

func TestDuplicateAcrossFilesIsOneQuestion(t *testing.T) {
	other := strings.Replace(twoQuestions, "**恢复点目标**，即可接受的**数据丢失量**。", "RPO 指**最多能丢多少数据**，由**备份频率**决定。", 1)
	b, _ := load(t, map[string]string{"a.md": twoQuestions, "b.md": other})
	if b.Len() != 2 {
		t.Fatalf("got %d questions, want 2", b.Len())
	}
	rpo := mustMatch(t, b, "什么是 RPO？")
	if len(rpo.Sources) != 2 || rpo.Sources[0].File != "a.md" || rpo.Sources[1].File != "b.md" {
		t.Errorf("sources = %v", rpo.Sources)
	}
	if len(rpo.Variants) != 1 || !strings.Contains(rpo.Variants[0].Text, "最多能丢多少数据") {
		t.Errorf("the other file's answer should be a variant: %+v", rpo.Variants)
	}
	rto := mustMatch(t, b, "什么是 RTO？")
	if len(rto.Variants) != 0 {
		t.Errorf("identical answers are not variants: %+v", rto.Variants)
	}
}
