package grade_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/bank/grade"
)

// reply2000 returns a realistic long reply: 2,000 characters of mixed
// Chinese and English.
func reply2000() string {
	r := []rune(strings.Repeat("我会分三层验证：底层校验用 bitmap 对比源端和目标端，文件层用 checksum，应用层看 binlog 和 WAL，最后定期做恢复演练。", 40))
	return string(r[:2000])
}

func BenchmarkGrade2000(b *testing.B) {
	bk := seedBank(b)
	g := grade.New(bk)
	q := findQuestion(b, bk, "你刚才是说在做相关的这个迁移致性的时候，其实这块我想问，就是说你这个一致性怎么保证呢？有哪些方案方式去验证迁移或者是备份容灾这个一致性的内容是保持一致的，比如说你的数据，你的存储这块用什么方法去验证？")
	reply := reply2000()
	b.ReportAllocs()
	b.SetBytes(int64(len(reply)))
	for b.Loop() {
		g.Grade(q, reply)
	}
}

// BenchmarkGrade2000YesNo grades a 2,000-character reply that opens with
// a stance to a yes/no question: the stance is read from its first clause.
func BenchmarkGrade2000YesNo(b *testing.B) {
	bk := seedBank(b)
	g := grade.New(bk)
	q := findQuestion(b, bk, "能不能接受加班？")
	reply := "可以接受，" + reply2000()
	b.ReportAllocs()
	b.SetBytes(int64(len(reply)))
	for b.Loop() {
		g.Grade(q, reply)
	}
}

// BenchmarkGradeBankSize grades the same reply against banks of growing
// size: the cost must stay flat.
func BenchmarkGradeBankSize(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			bk := syntheticBank(b, n)
			g := grade.New(bk)
			q := bk.Questions()[n/2]
			reply := reply2000()
			b.ReportAllocs()
			for b.Loop() {
				g.Grade(q, reply)
			}
		})
	}
}

// syntheticBank builds a bank of n questions in YAML, each with its own
// key points.
func syntheticBank(tb testing.TB, n int) *bank.Bank {
	tb.Helper()
	var sb strings.Builder
	sb.WriteString("questions:\n")
	for i := range n {
		fmt.Fprintf(&sb, "  - prompt: 第%d题：如何保证服务%d的数据一致性？\n    answer: 通过**底层校验%d**、**文件校验**和**应用层校验**，并且**定期演练%d**，保证数据一致。\n", i, i, i, i)
	}
	b, probs := bank.Load(bank.Input{FS: fstest.MapFS{"bank.yaml": {Data: []byte(sb.String())}}})
	if probs.HasErrors() {
		tb.Fatal(probs)
	}
	return b
}

// BenchmarkStartSeeds is the start-up cost of grading with the seeds: load
// the bank (key points, screening) and build the grader. The lexicon's
// word list loads once per process; BenchmarkLoad in bank/lexicon
// measures it.
func BenchmarkStartSeeds(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		grade.New(seedBank(b))
	}
}

// BenchmarkGradeEnglish2000 grades a 2,000-character English reply to a
// Chinese question: every word goes through the English bridge.
func BenchmarkGradeEnglish2000(b *testing.B) {
	bk := seedBank(b)
	g := grade.New(bk)
	q := findQuestion(b, bk, "虚拟机的备份，主要是解决什么问题？你是怎么做的？")
	reply := strings.Repeat("we keep the business running and check consistency with a bitmap of changed blocks, then restore drills. ", 20)[:2000]
	b.ReportAllocs()
	for b.Loop() {
		g.Grade(q, reply)
	}
}
