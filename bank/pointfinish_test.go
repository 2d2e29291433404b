package bank_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
)

func loadNotes(t *testing.T, notes string) (*bank.Bank, bank.Problems) {
	t.Helper()
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"notes.md": {Data: []byte(notes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return b, probs
}

// TestCapNeverDropsSilently: more bold phrases than the cap keeps give a
// lint warning that names the ones left out.
func TestCapNeverDropsSilently(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("1. 有哪些要点？\n\n    回答：\n    ")
	for i := range 15 {
		fmt.Fprintf(&sb, "第%d条是**指标名称%c%c**。", i+1, '甲'+rune(i), '乙'+rune(i))
	}
	b, probs := loadNotes(t, sb.String())
	q := b.Questions()[0]
	if n := len(q.Answer.KeyPoints); n != 12 {
		t.Fatalf("%d key points, want the cap of 12", n)
	}
	var warn string
	for _, p := range probs {
		if strings.Contains(p.Message, "key points left out") {
			warn = p.String()
		}
	}
	if warn == "" || !strings.Contains(warn, "notes.md:") {
		t.Fatalf("no lint warning with file:line for the dropped points: %v", probs)
	}
	kept := strings.Join(pointTexts(q.Answer.KeyPoints), "|")
	for i := range 15 {
		name := fmt.Sprintf("指标名称%c%c", '甲'+rune(i), '乙'+rune(i))
		if !strings.Contains(kept, name) && !strings.Contains(warn, name) {
			t.Errorf("%s is neither kept nor named in the warning %q", name, warn)
		}
	}
}

// TestKeyPointsAreNeverFragments: points sit on word boundaries, never
// hold only the prompt's words, and concluding remarks make none. An
// answer with nothing an interviewer would check gets no point and a lint
// warning instead of filler.
func TestKeyPointsAreNeverFragments(t *testing.T) {
	b, probs := loadNotes(t, `1. 高并发系统怎么设计？

    回答：
    要看系统的并发程度和数据一致性要求。读多写少时用缓存和读写分离，写多时用消息队列削峰。整体而言，这样的系统可扩展性更好。

2. Why did you leave?

    Answer: I didn't need more money; I'm leaving because it's not a place where I can grow. On May 31 we shipped v6.25 of the platform, and then the team moved to os.Exit-style scripts.

3. What's the output of the loop with var and let?

    Answer: Since the variable i was declared using the var keyword, this value was global. However, putting the callback in the event queue means it runs after the loop. Variables declared with let are block-scoped: during each iteration, i has a new value, except in the first loop. Use Array.reduce() to add values, initializing the first two.

4. 箭头函数的 this 指向哪里？

    回答：
    对于箭头函数，this 关键字指向的是它当前周围作用域，这个行为和常规函数不同。
`)
	bad := []string{"发程度", "'s not", "t need", "6.25 If", "May 31", "os.Exit", "可扩展性更好",
		"Since", "However", "putting", "except", "initializing", "Use", "add values", "during"}
	for _, q := range b.Questions() {
		for _, kp := range q.Answer.KeyPoints {
			for _, bad := range bad {
				if strings.Contains(kp.Text, bad) || kp.Text == strings.TrimSpace(bad) {
					t.Errorf("%q: key point %q is a fragment or a conclusion", q.Prompt, kp.Text)
				}
			}
			if strings.HasSuffix(kp.Text, "周围作用") {
				t.Errorf("%q: key point %q cuts 作用域 in two", q.Prompt, kp.Text)
			}
			if strings.HasPrefix(kp.Text, "-") || strings.Trim(kp.Text, "0123456789. ") == "" {
				t.Errorf("%q: key point %q is a list dash or a number", q.Prompt, kp.Text)
			}
		}
	}
	if pts := b.Questions()[0].Answer.KeyPoints; len(pts) == 0 {
		t.Errorf("%q has no key points", b.Questions()[0].Prompt)
	}
	var got []string
	for _, kp := range b.Questions()[2].Answer.KeyPoints {
		got = append(got, kp.Text)
	}
	for _, want := range []string{"event queue", "block-scoped"} {
		if !slices.Contains(got, want) {
			t.Errorf("the loop's key points %q lack %q", got, want)
		}
	}
	if leave := b.Questions()[1]; len(leave.Answer.KeyPoints) == 0 {
		warned := false
		for _, p := range probs {
			warned = warned || strings.Contains(p.Message, "no key points")
		}
		if !warned {
			t.Errorf("%q has no key points and no lint warning says so", leave.Prompt)
		}
	}
}

// TestOutlineStepsAreCovered: every outline step that the answer says gets
// a point, even when the bold phrases skip it.
func TestOutlineStepsAreCovered(t *testing.T) {
	b, _ := loadNotes(t, `1. 离职后做了什么？

    回答：
    > 学习 → 考证
    离职后我完成了**学业收尾**，系统学习了**云原生运维**。同时我取得了 Azure Solutions Architect Expert 认证。
`)
	q := b.Questions()[0]
	found := false
	for _, kp := range q.Answer.KeyPoints {
		if strings.Contains(kp.Sentence, "认证") {
			found = true
		}
	}
	if !found {
		t.Errorf("no key point for the outline step 考证: %q", pointTexts(q.Answer.KeyPoints))
	}
}

// TestEnumeratedSectionIsOnePoint: the phrases marked inside an enumerated
// section become aliases of its head, one point per idea.
func TestEnumeratedSectionIsOnePoint(t *testing.T) {
	b, _ := loadNotes(t, "1. 为什么要厂商支持？\n\n    回答：\n    第一，客户差异化。大客户遇到**产品特性、Bug**时需要厂商，小客户只有**一两名 IT 人员**。第二，场景复杂性。方案要考虑 **RPO、RTO**。\n")
	var got []string
	for _, kp := range b.Questions()[0].Answer.KeyPoints {
		got = append(got, kp.Text+"="+strings.Join(kp.Aliases, "|"))
	}
	want := []string{"客户差异化=产品特性、Bug|一两名 IT 人员", "场景复杂性=RPO、RTO"}
	if strings.Join(got, " ; ") != strings.Join(want, " ; ") {
		t.Errorf("key points %q, want %q", got, want)
	}
}

// A term the author glosses in English right after it (磁盘快照（block-level
// snapshot）) is a point of an unmarked answer, its gloss an alias, even in
// a sentence that concludes (因此…).
func TestGlossedTermIsAPoint(t *testing.T) {
	const notes = "## 海量小文件怎么备份？\n\n" +
		"逐个文件复制在千万级文件时会非常慢，元数据操作成为瓶颈，因此通常基于磁盘快照（block-level snapshot）做全量加增量备份。" +
		"恢复时再按需挂载快照，校验文件数量和总大小，确认没有遗漏，最后定期做恢复演练。\n"
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"notes.md": {Data: []byte(notes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	q := b.Questions()[0]
	pts := q.Answers()[0].KeyPoints
	i := slices.IndexFunc(pts, func(kp bank.KeyPoint) bool { return kp.Text == "磁盘快照" })
	if i < 0 {
		t.Fatalf("no point 磁盘快照 in %v", pts)
	}
	if !slices.Contains(pts[i].Aliases, "block-level snapshot") {
		t.Errorf("磁盘快照 has aliases %v, want its gloss block-level snapshot", pts[i].Aliases)
	}
}
