package grade_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

const testBank = `questions:
  - id: consistency
    prompt: 虚拟机备份有哪几种一致性？
    answer: |
      我们通常区分三种：**Crash Consistent**，保证磁盘数据一致；**File System Consistent**，保证文件系统一致；**Application Consistent**，让应用先把日志写入磁盘再快照。
      恢复目标上要看**恢复点目标（RPO）**。
  - id: resources
    prompt: 你们备份哪些东西？
    answer: |
      具体包括 Azure 原生的**虚拟机、数据库、存储**等资源，以及本地机房的文件服务器。
  - id: roles
    prompt: 未来的职业规划？
    answer: |
      **SRE 方向：**
      先积累**可观测性**和**自动化运维**经验，再主导**容量规划**。

      **架构师方向：**
      先完成**需求分析**，再负责**架构设计**和**交付落地**。
`

func testGrader(t testing.TB) (*grade.Grader, *bank.Bank) {
	t.Helper()
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(testBank)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return grade.New(b), b
}

func lookup(t testing.TB, b *bank.Bank, id string) *bank.Question {
	t.Helper()
	q, ok := b.Lookup(id)
	if !ok {
		t.Fatalf("no question %s", id)
	}
	return q
}

func status(res grade.Result, text string) grade.Status {
	for _, p := range res.Covered {
		if p.Text == text {
			return grade.Covered
		}
	}
	for _, p := range res.Partial {
		if p.Text == text {
			return grade.Partial
		}
	}
	return grade.Missed
}

func TestNormalizationAndAliases(t *testing.T) {
	g, b := testGrader(t)
	q := lookup(t, b, "consistency")
	tests := []struct {
		reply string
		point string
		want  grade.Status
	}{
		{"crash-consistent 只保证磁盘", "Crash Consistent", grade.Covered},
		{"CRASH CONSISTENT 只保证磁盘", "Crash Consistent", grade.Covered},
		{"ｃｒａｓｈ ｃｏｎｓｉｓｔｅｎｔ 只保证磁盘", "Crash Consistent", grade.Covered},
		{"crashconsistent 只保证磁盘", "Crash Consistent", grade.Covered},
		// Naming a point and nothing else is a mention, not an answer.
		{"crash consistent", "Crash Consistent", grade.Partial},
		{"要先定 RPO，比如15分钟", "恢复点目标（RPO）", grade.Covered},
		{"恢复点目标要先定下来", "恢复点目标（RPO）", grade.Covered},
		{"ＲＰＯ要求", "恢复点目标（RPO）", grade.Covered},
		{"a torpor of the mind", "恢复点目标（RPO）", grade.Missed},
		{"application 层面要一致", "Application Consistent", grade.Covered},
		// The point's evidence (保证文件系统一致) said in other words.
		{"保证 file system 不坏", "File System Consistent", grade.Covered},
		{"file 层面", "File System Consistent", grade.Partial},
		{"一致性很重要", "File System Consistent", grade.Missed},
	}
	for _, tt := range tests {
		res := g.Grade(q, tt.reply)
		if got := status(res, tt.point); got != tt.want {
			t.Errorf("%q: %q is %s, want %s", tt.reply, tt.point, got, tt.want)
		}
	}
}

func TestMissedPointsCarryTheirReference(t *testing.T) {
	g, b := testGrader(t)
	res := g.Grade(lookup(t, b, "consistency"), "crash consistent 就是崩溃时的状态")
	if len(res.Missed) != 3 {
		t.Fatalf("missed %v", res.Missed)
	}
	for _, p := range res.Missed {
		if p.Reference == "" || !strings.Contains(strings.ToLower(strings.ReplaceAll(p.Reference, " ", "")), strings.ToLower(strings.ReplaceAll(strings.Split(p.Text, "（")[0], " ", ""))) {
			t.Errorf("missed %q has reference %q", p.Text, p.Reference)
		}
	}
	if res.Coverage != 0.25 || res.Rating != grade.Again {
		t.Errorf("coverage %.2f rating %s", res.Coverage, res.Rating)
	}
}

func TestBestVariantIsGraded(t *testing.T) {
	g, b := testGrader(t)
	q := lookup(t, b, "roles")
	res := g.Grade(q, "我会先做需求分析，然后负责架构设计，最后保证交付落地。")
	if res.Variant != 1 || res.Label != "架构师方向" || res.Coverage != 1 {
		t.Errorf("graded against variant %d %q with coverage %.2f", res.Variant, res.Label, res.Coverage)
	}
	res = g.Grade(q, "积累可观测性和自动化运维经验")
	if res.Variant != 0 || res.Label != "SRE 方向" {
		t.Errorf("graded against variant %d %q", res.Variant, res.Label)
	}
}

// TestListsOfWordsEarnLittle checks that naming key points without
// saying anything about them is a list however it is dressed: counting
// words (两项, 三个) relate nothing, and "很重要" said after each point is
// emphasis once per point, not grammar.
func TestListsOfWordsEarnLittle(t *testing.T) {
	g, b := testGrader(t)
	q := lookup(t, b, "roles")
	for _, reply := range []string{
		"两项 可观测性，三个 自动化运维，容量规划",
		"可观测性很重要。自动化运维很重要。容量规划很重要。",
	} {
		if res := g.Grade(q, reply); res.Coverage > 0.3 {
			t.Errorf("%q: coverage %.2f, want at most 0.3 for a list", reply, res.Coverage)
		}
	}
	said := "先积累可观测性的经验，再把自动化运维做起来，然后主导容量规划。"
	if res := g.Grade(q, said); res.Coverage < 0.6 {
		t.Errorf("%q: coverage %.2f, want at least 0.6 for sentences", said, res.Coverage)
	}
}

// TestOneItemOfAListIsPartOfIt checks that a point made of a list's items
// (虚拟机、数据库、存储) is covered when the reply names half of them or
// more, and partly covered on one.
func TestOneItemOfAListIsPartOfIt(t *testing.T) {
	g, b := testGrader(t)
	q := lookup(t, b, "resources")
	for reply, want := range map[string]grade.Status{
		"主要是虚拟机会做备份":     grade.Partial,
		"虚拟机和数据库我们都管":    grade.Covered,
		"虚拟机、数据库、存储这些都有": grade.Covered,
	} {
		if got := status(g.Grade(q, reply), "虚拟机、数据库、存储"); got != want {
			t.Errorf("%q: %s, want %s", reply, got, want)
		}
	}
}

// TestChineseNumeralsCount checks that "三四个" says the numbers of
// "3 到 4 个".
func TestChineseNumeralsCount(t *testing.T) {
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(`questions:
  - id: cases
    prompt: 一天接多少案例？
    key_points: ["3 到 4 个新进工单"]
    answer: 我每天大概会处理 3 到 4 个新进工单。
`)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q := lookup(t, b, "cases")
	if got := status(g.Grade(q, "我平均一天会接三四个新的工单"), "3 到 4 个新进工单"); got != grade.Covered {
		t.Errorf("三四个新的工单: %s, want covered", got)
	}
	if got := status(g.Grade(q, "一天进七八个吧"), "3 到 4 个新进工单"); got == grade.Covered {
		t.Errorf("七八个: covered, want other numbers not to count")
	}
}

func TestRepeatingTheQuestionCoversNothing(t *testing.T) {
	g, b := testGrader(t)
	res := g.Grade(lookup(t, b, "consistency"), "虚拟机备份有哪几种一致性？")
	if res.Coverage != 0 {
		t.Errorf("echoing the prompt scored %.2f: %+v", res.Coverage, res)
	}
}

func TestHostileReplies(t *testing.T) {
	g, b := testGrader(t)
	q := lookup(t, b, "consistency")
	tests := []struct {
		name  string
		reply string
		check func(grade.Result) bool
	}{
		{"empty", "", func(r grade.Result) bool { return r.Empty && r.Coverage == 0 && len(r.Missed) == 4 }},
		{"spaces and punctuation", " \n\t。！ ", func(r grade.Result) bool { return r.Empty }},
		{"emoji only", "👍🎉🔥", func(r grade.Result) bool { return r.Empty }},
		{"invalid UTF-8", "crash\xff\xfe consistent 只保证磁盘", func(r grade.Result) bool {
			return r.InvalidUTF8 && status(r, "Crash Consistent") == grade.Covered
		}},
		{"markup", "<b>Crash Consistent</b> 只保证磁盘 & **RPO** 要先定下来", func(r grade.Result) bool {
			return status(r, "Crash Consistent") == grade.Covered && status(r, "恢复点目标（RPO）") == grade.Covered
		}},
		{"markup list", "<b>Crash Consistent</b> & **RPO**", func(r grade.Result) bool { return r.Coverage == 0.125 && len(r.Partial) == 2 }},
		{"100 KB", strings.Repeat("无关的内容，", 17000) + "crash consistent", func(r grade.Result) bool {
			return r.Truncated && r.Coverage == 0
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			res := g.Grade(q, tt.reply)
			if !tt.check(res) {
				t.Errorf("unexpected result %+v", res)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("grading took %v", d)
			}
		})
	}
}

func TestSuggestRating(t *testing.T) {
	tests := []struct {
		coverage float64
		want     grade.Rating
	}{{0, grade.Again}, {0.29, grade.Again}, {0.3, grade.Hard}, {0.59, grade.Hard}, {0.6, grade.Good}, {0.84, grade.Good}, {0.85, grade.Easy}, {1, grade.Easy}}
	for _, tt := range tests {
		if got := grade.SuggestRating(tt.coverage); got != tt.want {
			t.Errorf("SuggestRating(%.2f) = %s, want %s", tt.coverage, got, tt.want)
		}
	}
}

// TestAdmissions: a reply that only says "I don't know" is told apart from
// an answer to another question; a short real answer that contains "不会"
// or "不知道" is not an admission, and neither is a reply that covers a
// point.
func TestAdmissions(t *testing.T) {
	g, b := testGrader(t)
	q := lookup(t, b, "consistency")
	for _, reply := range []string{"不知道", "我不知道。", "我真的不会啊", "忘了", "我忘记了…", "想不起来了", "不太清楚这题",
		"idk", "IDK!", "I don't know", "no idea", "Sorry, I forgot", "pass", "😅 不知道",
		// the new user's fourth report: the ways of saying "never met it"
		"不知道，没了解过", "没做过这块", "没接触过", "之前没用过这个", "不了解", "不懂", "完全不熟悉这方面",
		"No idea.", "I've never used it", "I haven't worked with this", "never heard of it", "not sure, no experience with it"} {
		res := g.Grade(q, reply)
		if !res.DontKnow || res.OffTopic || res.Coverage != 0 || res.Rating != grade.Again {
			t.Errorf("%q: DontKnow=%v OffTopic=%v coverage %.2f rating %v, want an admission rated Again", reply, res.DontKnow, res.OffTopic, res.Coverage, res.Rating)
		}
	}
	for _, reply := range []string{
		"不会丢数据", // a real (if short) answer to a yes/no question
		"我不知道RPO，但crash consistent是保证磁盘一致", // says it does not know one part, answers another
		"Kubernetes 调度器的工作原理",              // another question's topic
		"i think the disk snapshot",
		"不知道不知道不知道不知道不知道不知道",    // longer than an admission: not said in passing
		"没做过分片，但做过主从复制，一致性靠同步写", // an answer that mentions what it has not done
		"I haven't worked with RPO but crash consistent means the disk is consistent",
		"never lose data", // a real (if short) answer
	} {
		if res := g.Grade(q, reply); res.DontKnow {
			t.Errorf("%q: taken for an admission: %+v", reply, res)
		}
	}
	if res := g.Grade(q, "Kubernetes 调度器的工作原理"); !res.OffTopic {
		t.Errorf("an answer to another question is no longer flagged off topic: %+v", res)
	}
}

// TestReplyLanguageCountsWords checks a Chinese reply with English terms,
// emoji or markup is Chinese, and an English reply with a Chinese term
// stays English: Latin is counted by words, not letters.
func TestReplyLanguageCountsWords(t *testing.T) {
	g, b := testGrader(t)
	q := lookup(t, b, "consistency")
	tests := []struct {
		reply, want string
	}{
		{"TCP 面向连接，UDP 无连接；TCP 首部 20 字节，UDP 8 字节。", "zh"},
		{"HashMap set 用于缓存 key 设置过期", "zh"},
		{"三次握手 🤝：<b>SYN</b> → **SYN+ACK** → `ACK`，确认双方收发能力 & 同步序列号 <script>alert(1)</script>", "zh"},
		{"先做 crash consistent 的快照，再做应用一致性", "zh"},
		{"I would take an application consistent snapshot and keep the 日志 on disk.", "en"},
		{"We keep **RPO** under 15 minutes with <b>incremental</b> backups 🙂", "en"},
	}
	for _, tt := range tests {
		if got := g.Grade(q, tt.reply).ReplyLang; got != tt.want {
			t.Errorf("Grade(%q).ReplyLang = %q, want %q", tt.reply, got, tt.want)
		}
	}
}
