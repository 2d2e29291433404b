package bank_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
)

// load reads notes given as file name → content.
func load(t *testing.T, files map[string]string) (*bank.Bank, bank.Problems) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return bank.Load(bank.Input{FS: fsys})
}

func loadTestdata(t *testing.T, names ...string) (*bank.Bank, bank.Problems) {
	t.Helper()
	files := map[string]string{}
	for _, n := range names {
		data, err := os.ReadFile("testdata/" + n)
		if err != nil {
			t.Fatal(err)
		}
		files[n] = string(data)
	}
	return load(t, files)
}

func mustMatch(t *testing.T, b *bank.Bank, prompt string) *bank.Question {
	t.Helper()
	for _, q := range b.Questions() {
		if bank.NormalizePrompt(q.Prompt) == bank.NormalizePrompt(prompt) {
			return q
		}
	}
	var have []string
	for _, q := range b.Questions() {
		have = append(have, q.Prompt)
	}
	t.Fatalf("no question %q; have %q", prompt, have)
	return nil
}

func pointTexts(pts []bank.KeyPoint) []string {
	out := make([]string, len(pts))
	for i, kp := range pts {
		out[i] = kp.Text
	}
	return out
}

func TestQuestionForms(t *testing.T) {
	b, probs := loadTestdata(t, "forms.md")
	if probs.HasErrors() {
		t.Fatalf("problems: %s", probs)
	}
	tests := []struct {
		prompt      string
		topic       string
		answerHas   string
		answerLacks string
		outline     string
		points      []string
	}{
		{
			prompt: "什么是 RPO 和 RTO？", topic: "容灾基础",
			answerHas: "可以接受丢失多少数据", answerLacks: "快照依赖",
			points: []string{"恢复点目标（RPO）", "恢复时间目标（RTO）", "备份频率、复制方式、演练周期"},
		},
		{
			prompt: "备份和快照有什么区别？", topic: "容灾基础",
			answerHas: "快照依赖原始存储", answerLacks: "定期恢复",
			points: []string{"不能替代备份", "独立的副本", "跨区域保存"},
		},
		{
			prompt: "如何验证备份可用？", topic: "容灾基础",
			answerHas: "纳入年度演练", answerLacks: "定期恢复 →", outline: "定期恢复 → 校验 → 演练",
			points: []string{"定期做恢复测试", "恢复出的数据做校验", "容灾切换纳入年度演练"},
		},
		{
			prompt: "说说你做过最复杂的迁移项目", topic: "项目经历",
			answerHas: "双写加校验", answerLacks: "架构师方向",
			// Two bold points in the answer's one sentence: one point per
			// idea, no top-up from the clause that holds one (一致性 is
			// what 双写加校验 is for).
			points: []string{"数据库迁移", "双写加校验"},
		},
		{
			prompt: "你为什么离开上一家公司？", topic: "项目经历",
			answerHas: "platform reliability", points: []string{"platform reliability", "capacity planning"},
		},
	}
	if b.Len() != len(tests) {
		t.Errorf("got %d questions, want %d", b.Len(), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.prompt, func(t *testing.T) {
			q := mustMatch(t, b, tt.prompt)
			if q.Topic != tt.topic {
				t.Errorf("topic = %q, want %q", q.Topic, tt.topic)
			}
			if strings.Contains(q.Prompt, "*") || strings.ContainsAny(q.Prompt[:1], "0123456789#-") {
				t.Errorf("prompt keeps markup or numbering: %q", q.Prompt)
			}
			if !strings.Contains(q.Answer.Text, tt.answerHas) {
				t.Errorf("answer %q lacks %q", q.Answer.Text, tt.answerHas)
			}
			if tt.answerLacks != "" && strings.Contains(q.Answer.Text, tt.answerLacks) {
				t.Errorf("answer %q should not contain %q", q.Answer.Text, tt.answerLacks)
			}
			if strings.Contains(q.Answer.Text, "**") {
				t.Errorf("answer keeps bold marks: %q", q.Answer.Text)
			}
			if q.Answer.Outline != tt.outline {
				t.Errorf("outline = %q, want %q", q.Answer.Outline, tt.outline)
			}
			if got := pointTexts(q.Answer.KeyPoints); strings.Join(got, "|") != strings.Join(tt.points, "|") {
				t.Errorf("key points = %q, want %q", got, tt.points)
			}
		})
	}
}

func TestVariantsUnderBoldLabels(t *testing.T) {
	b, _ := loadTestdata(t, "forms.md")
	q := mustMatch(t, b, "说说你做过最复杂的迁移项目")
	if q.Answer.Label != "SRE/DevOps方向" {
		t.Errorf("primary label = %q", q.Answer.Label)
	}
	if len(q.Variants) != 1 || q.Variants[0].Label != "架构师方向" {
		t.Fatalf("variants = %+v", q.Variants)
	}
	if got := pointTexts(q.Variants[0].KeyPoints); strings.Join(got, "|") != "分阶段迁移方案|只读流量|写流量" {
		t.Errorf("variant key points = %q", got)
	}
}

func TestAliasesMatchParenthetical(t *testing.T) {
	b, _ := loadTestdata(t, "forms.md")
	q := mustMatch(t, b, "什么是 RPO 和 RTO？")
	kp := q.Answer.KeyPoints[0]
	if strings.Join(kp.Aliases, "|") != "恢复点目标|RPO" {
		t.Errorf("aliases = %q", kp.Aliases)
	}
	if !strings.Contains(kp.Sentence, "可以接受丢失多少数据") {
		t.Errorf("reference sentence = %q", kp.Sentence)
	}
}

func TestFollowUpsBecomeQuestions(t *testing.T) {
	b, probs := loadTestdata(t, "followup.md")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	parent := mustMatch(t, b, "你们的备份怎么保证一致性？")
	if strings.Contains(parent.Answer.Text, "binlog") {
		t.Errorf("follow-up answer leaked into the parent: %q", parent.Answer.Text)
	}
	asked := mustMatch(t, b, "那如果数据库不支持冻结怎么办？")
	if asked.Parent != parent.ID || len(parent.FollowUps) != 1 || parent.FollowUps[0] != asked.ID {
		t.Errorf("follow-up not attached: parent %s follow-ups %v, child parent %s", parent.ID, parent.FollowUps, asked.Parent)
	}
	if got := pointTexts(asked.Answer.KeyPoints); strings.Join(got, "|") != "数据库原生备份工具|binlog|全量备份" {
		t.Errorf("follow-up key points = %q", got)
	}

	k8s := mustMatch(t, b, "说一下你对 k8s 的理解？这两个问题一起回答。")
	if len(k8s.FollowUps) != 1 {
		t.Fatalf("k8s question follow-ups = %v", k8s.FollowUps)
	}
	mon, _ := b.Lookup(k8s.FollowUps[0])
	if mon.Prompt != "追问：监控" || !strings.Contains(mon.Answer.Text, "Prometheus") {
		t.Errorf("subject follow-up = %q / %q", mon.Prompt, mon.Answer.Text)
	}
}

func TestSpokenTranscriptKeptApart(t *testing.T) {
	b, _ := loadTestdata(t, "spoken.txt")
	q := mustMatch(t, b, "一天能处理多少工单？")
	if strings.Contains(q.Answer.Text, "呃") {
		t.Errorf("transcript in the answer: %q", q.Answer.Text)
	}
	if !strings.Contains(q.Answer.Spoken, "大概一两个深度的") || !strings.HasPrefix(q.Answer.Spoken, "呃，这个其实") {
		t.Errorf("spoken = %q", q.Answer.Spoken)
	}
	for _, kp := range q.Answer.KeyPoints {
		if strings.ContainsAny(kp.Text, "呃嗯") {
			t.Errorf("filler in key point %q", kp.Text)
		}
	}
}

func TestYAMLOverlay(t *testing.T) {
	b, probs := loadTestdata(t, "forms.md", "overlay.yaml")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	q, ok := b.Lookup("backup-vs-snapshot")
	if !ok {
		t.Fatal("id set in YAML not found")
	}
	derived := q.AliasIDs
	if len(derived) != 1 {
		t.Fatalf("the derived id should stay an alias: %v", derived)
	}
	if again, _ := b.Lookup(derived[0]); again != q {
		t.Error("lookup by the derived id lost the question")
	}
	if got := pointTexts(q.Answer.KeyPoints); strings.Join(got, "|") != "快照依赖原始存储|独立副本" {
		t.Errorf("key points = %q", got)
	}
	if q.Answer.KeyPoints[0].Origin != bank.OriginYAML || len(q.Answer.KeyPoints[0].Aliases) != 2 {
		t.Errorf("first point = %+v", q.Answer.KeyPoints[0])
	}
	if len(q.Sources) != 2 || q.Sources[1].File != "overlay.yaml" {
		t.Errorf("sources = %v", q.Sources)
	}
	wal := mustMatch(t, b, "什么是 WAL？")
	if wal.Topic != "数据库" || wal.Answer.Outline != "定义 → 作用" {
		t.Errorf("added question = %+v", wal)
	}
	// WAL is not topped up as a term: the prompt already names it.
	if got := pointTexts(wal.Answer.KeyPoints); strings.Join(got, "|") != "预写日志|日志重放" {
		t.Errorf("bold in a YAML answer gives key points: %q", got)
	}
}
