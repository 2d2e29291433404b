package bank_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/bank"
	"github.com/interviewbot/interviewbot/seeds"
)

// BenchmarkLoadSeeds reads, merges and key-points the embedded seed notes.
func BenchmarkLoadSeeds(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if bk, _ := bank.Load(bank.Input{FS: seeds.FS}); bk.Len() == 0 {
			b.Fatal("empty bank")
		}
	}
}

// BenchmarkLoadBankSize reads YAML banks of growing size: the cost must
// grow linearly (an entry is matched to the bank's questions through an
// index of their prompts, not by normalizing every prompt again).
func BenchmarkLoadBankSize(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString("questions:\n")
			for i := range n {
				fmt.Fprintf(&sb, "  - prompt: 第%d题：如何保证服务%d的数据一致性？\n    answer: 通过**底层校验%d**、**文件校验**和**应用层校验**，并且**定期演练%d**，保证数据一致。\n", i, i, i, i)
			}
			fsys := fstest.MapFS{"bank.yaml": {Data: []byte(sb.String())}}
			b.ReportAllocs()
			for b.Loop() {
				if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() != n {
					b.Fatalf("%d questions, want %d", bk.Len(), n)
				}
			}
		})
	}
}

// BenchmarkLoadPlainBank reads a YAML bank whose answers mark nothing, so
// every answer's key points are picked from its ideas (segmenter, corpus,
// phrases): the cost of key-point extraction at scale.
func BenchmarkLoadPlainBank(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString("questions:\n")
			for i := range n {
				fmt.Fprintf(&sb, "  - prompt: 第%d题：服务%d的数据怎么保证一致？\n    answer: 我们先给服务%d做整机快照，第一次全量，之后只传变化的数据块。恢复时对比源端和目标端的位图，发现差异就重新传输。数据库还要核对 binlog 和事务日志，最后每个月做一次恢复演练%d，确认备份真的可用。\n", i, i, i, i)
			}
			fsys := fstest.MapFS{"bank.yaml": {Data: []byte(sb.String())}}
			b.ReportAllocs()
			for b.Loop() {
				if bk, _ := bank.Load(bank.Input{FS: fsys}); bk.Len() != n {
					b.Fatalf("%d questions, want %d", bk.Len(), n)
				}
			}
		})
	}
}
