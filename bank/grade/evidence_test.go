package grade_test

import (
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// A sentence's opening clauses that no point's span holds are evidence of
// the point the sentence goes on to state: a reply that says only them
// has said part of that point's sentence.
func TestOpeningClausesAreEvidence(t *testing.T) {
	const notes = `questions:
  - id: alerts
    prompt: 线上服务怎么做监控？
    answer: |
      我们给每台服务器装好采集代理，汇总日志和指标，再配置**告警规则**。另外每周复盘一次**值班记录**，看哪些告警是噪音。重要的服务还有**容量水位**看板。
`
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(notes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q := lookup(t, b, "alerts")
	res := g.Grade(q, "每台服务器上都装了采集代理，把日志和指标汇总起来。")
	if st := status(res, "告警规则"); st == grade.Missed {
		t.Errorf("告警规则: %v, want its sentence's opening clauses to count as its evidence (covered %v, partial %v)", st, res.Covered, res.Partial)
	}
	if st := status(res, "值班记录"); st != grade.Missed {
		t.Errorf("值班记录: %v, want missed: the reply says nothing of its sentence", st)
	}
	// The point's own clauses keep their weight: the wider span does not
	// dilute a reply that says them.
	res = g.Grade(q, "每周看一遍值班记录，把噪音告警挑出来。")
	if st := status(res, "值班记录"); st != grade.Covered {
		t.Errorf("值班记录: %v, want covered", st)
	}
}

// A character typed alone for the word it abbreviates (丢 for 丢失, 学 for
// 学习) says the word: CC-CEDICT glosses both alike.
func TestShortFormsSayTheWord(t *testing.T) {
	const notes = `questions:
  - id: backup
    prompt: 为什么要做备份？
    answer: |
      首先是避免**数据丢失**，其次要定好**保留周期**，最后定期做**恢复演练**。
`
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(notes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q := lookup(t, b, "backup")
	res := g.Grade(q, "主要是怕数据丢了。")
	if st := status(res, "数据丢失"); st != grade.Covered {
		t.Errorf("数据丢失: %v, want covered: 丢 is 丢失 typed short", st)
	}
	// A character inside a word is no short form: 活 of 干活 is not 生活,
	// 丢 of 丢人 is not 丢失.
	res = g.Grade(q, "这样太丢人了。")
	if st := status(res, "数据丢失"); st != grade.Missed {
		t.Errorf("数据丢失 for 丢人: %v, want missed", st)
	}
}

// A concept wording that joins Chinese to a Latin word (分case, sla协议) is
// heard as written, though the reply's Chinese and Latin are read apart.
func TestMixedWordingsAreHeard(t *testing.T) {
	const notes = `questions:
  - id: tool
    prompt: 你用 k8s 做了什么？
    answer: |
      我做了一个**工单分配**的小工具，接着做了**服务监控**，最后整理了**知识库**。
`
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(notes)}}})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	g := grade.New(b)
	q := lookup(t, b, "tool")
	res := g.Grade(q, "写了个脚本自动分case，不用人手动分了。")
	if st := status(res, "工单分配"); st != grade.Covered {
		t.Errorf("工单分配: %v, want covered: 分case says 分配 and case says 工单", st)
	}
}
